"""The shipped rule base: this folder is installed as the package ``espaces_cli.data``."""
