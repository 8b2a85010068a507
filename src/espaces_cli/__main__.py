"""Allow ``python -m espaces_cli``."""

from espaces_cli.entry import main

main()
