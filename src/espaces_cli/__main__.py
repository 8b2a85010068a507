"""Allow ``python -m espaces_cli``."""

from espaces_cli.cli import main

main()
