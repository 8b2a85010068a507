"""The facilitator's pages: the join link always visible, the group's result as it forms."""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from espaces_cli.core.errors import UsageError
from espaces_cli.language import _, _n, active, worded
from espaces_cli.web.live import Live
from espaces_cli.web.pages import page, qr_svg
from espaces_cli.web.tokens import shown_code

REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
"""The final report is the self-contained ``workshop report --format html`` page: its own
style sheet inline, and still no script at all."""


def live_values(live: Live) -> dict[str, Any]:
    """What the live part of the page shows: count, ranking, consensus, disagreements."""
    session, document = live.group(active())
    count = len(session.participants)
    ranking: list[dict[str, Any]] = []
    criteria: list[dict[str, Any]] = []
    splits: list[dict[str, Any]] = []
    firsts: list[tuple[str, int]] = []
    if document is not None:
        ranking = document["ranking"][:6]
        spread = sorted(document["disagreements"]["criteria"], key=lambda c: -float(c["spread"]))
        criteria = [c for c in spread if float(c["spread"]) > 0][:4]
        splits = [_split(live, entry) for entry in document["disagreements"]["questions"][:3]]
        labels = {entry["id"]: entry["label"] for entry in document["ranking"]}
        firsts = sorted(
            ((labels.get(k, k), int(v)) for k, v in document["first_choice_counts"].items()),
            key=lambda item: -item[1],
        )
    return {
        "count_text": _n("{count} participant", "{count} participants", count),
        "count": count,
        "closed": live.state.closed,
        "document": document,
        "ranking": ranking,
        "criteria": criteria,
        "splits": splits,
        "firsts": firsts,
        "names": session.names(),
    }


def _split(live: Live, entry: dict[str, Any]) -> dict[str, Any]:
    """A question that divides the group, with its choices' labels and how many chose each."""
    from espaces_cli.language import local

    question = live.rule_base.question(entry["id"])
    known = set(question.choice_ids())
    counts = [
        (local(question.choice(k).label) if k in known else k, int(n))
        for k, n in entry["counts"].items()
    ]
    return {"label": entry["label"], "counts": counts}


def main_page(live: Live, request: Request, token: str, join_url: str) -> Response:
    values = live_values(live)
    return HTMLResponse(
        page(
            "facilitator.html",
            workshop_title=live.session().title,
            token=token,
            join_url=join_url,
            code=shown_code(live.state.join),
            live_html=page("live.html", **values),
            **values,
        )
    )


def live_fragment(live: Live, request: Request) -> Response:
    """The live part alone, for the page's script: 304 when nothing changed since last time."""
    body = page("live.html", **live_values(live))
    tag = '"' + hashlib.sha256(body.encode("utf-8")).hexdigest()[:20] + '"'
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers={"etag": tag})
    return HTMLResponse(body, headers={"etag": tag})


def state_json(live: Live) -> Response:
    """``GET /a/<token>/state``: the ``workshop report --format json`` document (or empty)."""
    session = live.session()
    if not session.participants:
        return Response('{"participants": []}\n', media_type="application/json; charset=utf-8")
    return Response(live.files.group_json(session), media_type="application/json; charset=utf-8")


def report_page(live: Live) -> Response:
    session = live.session()
    if not session.participants:
        return HTMLResponse(
            page(
                "message.html", title=_("Rapport final"), text=_("Aucune réponse pour l'instant.")
            ),
            404,
        )
    return HTMLResponse(
        live.files.group_html(session), headers={"content-security-policy": REPORT_POLICY}
    )


def qr_image(join_url: str) -> Response:
    return Response(
        qr_svg(join_url, _("Code QR pour rejoindre l'atelier")),
        media_type="image/svg+xml",
    )


def set_closed(live: Live, token: str, closed: bool) -> Response:
    live.set_closed(closed)
    return RedirectResponse(f"/a/{token}", status_code=303)


def remove(live: Live, token: str, name: str) -> Response:
    try:
        live.remove(name)
    except UsageError as error:
        return HTMLResponse(
            page("message.html", title=_("Retirer un participant"), text=worded(error)), 404
        )
    return RedirectResponse(f"/a/{token}", status_code=303)
