"""Pages from Jinja2 templates (autoescape on: names and answers are shown as typed, never run)."""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import jinja2

from espaces_cli.language import active, available, local
from espaces_cli.web.words import page_words

ENDONYMS = {"fr": "Français", "en": "English"}
"""Each language's name in itself: the switch is read by those who speak the other one."""


@cache
def templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("espaces_cli.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page(template: str, **values: Any) -> str:
    """A whole page in the active language; ``values`` are escaped where they are shown."""
    lang = active()
    others = [code for code in available() if code != lang]
    other = others[0] if others else lang
    return (
        templates()
        .get_template(template)
        .render(
            w=page_words(),
            lang=lang,
            other_lang=other,
            other_name=ENDONYMS.get(other, other),
            local=local,
            **values,
        )
    )


def qr_svg(url: str, title: str) -> str:
    """The QR code of ``url`` as an SVG document (served as a file: no inline markup needed)."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=10, border=2, title=title, dark="#111", light="#fff"
    )
    return out.getvalue().decode("utf-8")


def qr_terminal(url: str) -> str:
    """The QR code of ``url`` drawn with block characters, for the facilitator's terminal."""
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()
