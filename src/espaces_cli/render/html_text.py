"""The one HTML escaper of the reports: user and rule-base text shows literally."""

from __future__ import annotations

from html import escape

from espaces_cli.core.text import printable


def html_text(text: object) -> str:
    """Text as HTML that shows literally, control characters made visible (``printable``)."""
    return escape(printable(str(text)), quote=True)
