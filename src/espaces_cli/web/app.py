"""The Starlette application: routes, tokens checked, language chosen, blocking work in threads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from espaces_cli.core.errors import EspacesError
from espaces_cli.language import _, available, use, worded
from espaces_cli.web import facilitator, participant
from espaces_cli.web.guard import Guard, Limits, Scope
from espaces_cli.web.live import Live
from espaces_cli.web.pages import page
from espaces_cli.web.tokens import normal_code, same_secret
from espaces_cli.web.words import choose_language

LANG_COOKIE = "espaces_lang"


def _language(request: Request) -> str | None:
    """Speak the request's language; return it when the switch asked for it (to remember)."""
    asked = request.query_params.get("lang")
    lang = choose_language(
        asked, request.cookies.get(LANG_COOKIE), request.headers.get("accept-language", "")
    )
    use(lang)
    return lang if asked == lang else None


def _refusals(scope: Scope) -> tuple[str, str]:
    request = Request(scope)
    _language(request)
    return (
        _("Requête trop volumineuse ({size} Ko au plus).", size=64),
        _("Trop de requêtes : réessayez dans un instant."),
    )


def build_app(live: Live, join_base: str, limits: Limits | None = None) -> Guard:
    """The whole web application for one served session.

    ``join_base`` is the address participants use (``http://192.168.1.20:8000``): the QR code
    and the facilitator's page show it.
    """
    join_url = f"{join_base}/j/{live.state.join}"

    def not_found() -> Response:
        return HTMLResponse(
            page(
                "message.html",
                title=_("Atelier introuvable"),
                text=_("Atelier introuvable : vérifiez le lien ou le code."),
            ),
            404,
        )

    def participant_route(
        handler: Callable[..., Any], *, form: bool = False, body: bool = False
    ) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            remembered = _language(request)
            code = normal_code(request.path_params["code"])
            if not same_secret(code, live.state.join):
                return not_found()
            extra: list[Any] = []
            if form:
                fields = await participant.read_form(request)
                extra.append(fields)
                switched = dict(fields).get("lang")
                if switched in available():  # the switch of a page that carries answers
                    use(switched)
                    remembered = switched
            if body:
                extra.append(await request.body())
            response: Response = await run_in_threadpool(handler, live, request, code, *extra)
            _keep_language(response, remembered)
            return response

        return endpoint

    def facilitator_route(
        handler: Callable[..., Any], *, form: bool = False
    ) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            remembered = _language(request)
            token = request.path_params["token"]
            if not same_secret(token, live.state.admin):
                return not_found()
            extra: list[Any] = []
            if form:
                extra.append(await participant.read_form(request))
            response: Response = await run_in_threadpool(handler, request, token, *extra)
            _keep_language(response, remembered)
            return response

        return endpoint

    async def home(request: Request) -> Response:
        remembered = _language(request)
        typed = request.query_params.get("code")
        if typed:
            return RedirectResponse(f"/j/{normal_code(typed)[:40]}", status_code=303)
        response = HTMLResponse(page("home.html"))
        _keep_language(response, remembered)
        return response

    def remove(request: Request, token: str, fields: list[tuple[str, str]]) -> Response:
        return facilitator.remove(live, token, dict(fields).get("name", ""))

    routes = [
        Route("/", home),
        Route("/j/{code}", participant_route(participant.start_page)),
        Route(
            "/j/{code}/step", participant_route(participant.step_page, form=True), methods=["POST"]
        ),
        Route("/j/{code}/step", participant_route(participant.restart_page)),
        Route("/j/{code}/me", participant_route(participant.result_page)),
        Route(
            "/j/{code}/answers",
            participant_route(participant.answers_api, body=True),
            methods=["POST"],
        ),
        Route(
            "/a/{token}",
            facilitator_route(
                lambda request, token: facilitator.main_page(live, request, token, join_url)
            ),
        ),
        Route(
            "/a/{token}/live",
            facilitator_route(lambda request, token: facilitator.live_fragment(live, request)),
        ),
        Route(
            "/a/{token}/state",
            facilitator_route(lambda request, token: facilitator.state_json(live)),
        ),
        Route(
            "/a/{token}/report",
            facilitator_route(lambda request, token: facilitator.report_page(live)),
        ),
        Route(
            "/a/{token}/qr.svg",
            facilitator_route(lambda request, token: facilitator.qr_image(join_url)),
        ),
        Route(
            "/a/{token}/close",
            facilitator_route(lambda request, token: facilitator.set_closed(live, token, True)),
            methods=["POST"],
        ),
        Route(
            "/a/{token}/reopen",
            facilitator_route(lambda request, token: facilitator.set_closed(live, token, False)),
            methods=["POST"],
        ),
        Route("/a/{token}/remove", facilitator_route(remove, form=True), methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("espaces_cli.web", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={EspacesError: _failed})
    return Guard(app, limits or Limits(), _refusals)


async def _failed(request: Request, error: Exception) -> Response:
    """The session file became unreadable mid-session (deleted, hand-edited): say so, briefly."""
    return PlainTextResponse(worded(error) if isinstance(error, EspacesError) else "", 500)


def _keep_language(response: Response, lang: str | None) -> None:
    if lang is not None:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
