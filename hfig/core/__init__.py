"""The pure core: values in, values out; no files, clock, printing, typer, rich, yaml or pandas."""
