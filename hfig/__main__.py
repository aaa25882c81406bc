from hfig.cli import entry

entry()
