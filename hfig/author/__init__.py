"""Writing records: atomic, locked file updates; claims rendered as YAML; CSV/HXL import; the JSON Schema.

Nothing here prints or exits: the commands in `hfig.cli.author` do.
"""
