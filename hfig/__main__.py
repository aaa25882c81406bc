from hfig.cli import main

main()
