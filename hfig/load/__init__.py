"""The input edge: files -> YAML trees with positions -> validated records, or located problems."""
