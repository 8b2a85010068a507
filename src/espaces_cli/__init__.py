"""espaces: choose an external collaborative space, with reasons you can check."""

__version__ = "0.1.0"
