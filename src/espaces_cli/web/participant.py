"""The participant's pages: a name, one question per screen, their own recommendation.

Plain HTML forms (no script needed); the answers so far travel in hidden fields and are
checked again on every step with the command line's own checks and messages.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from espaces_cli.core.errors import UsageError
from espaces_cli.core.messages import msg
from espaces_cli.core.model import AnswerValue
from espaces_cli.core.text import printable
from espaces_cli.language import _, worded
from espaces_cli.web import flow
from espaces_cli.web.live import AnsweringClosed, Live, NameTaken
from espaces_cli.web.pages import page

KEY_COOKIE = "espaces_key"
MAX_FIELDS = 400


def key_of(request: Request) -> str | None:
    key = request.cookies.get(KEY_COOKIE)
    return key if key and len(key) < 100 else None


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status)


def start_page(live: Live, request: Request, code: str) -> Response:
    """The welcome: a name to give, or, for someone who answered, their result and a way back."""
    me = live.find(key_of(request))
    if live.state.closed:
        return _html(page("closed.html", code=code, me=me), 403 if me is None else 200)
    revise = request.query_params.get("revise") == "1" and me is not None
    carried = dict(me.answers) if revise and me is not None else {}
    return _html(
        page(
            "welcome.html",
            workshop_title=live.session().title,
            code=code,
            me=None if revise else me,
            name=me.name if revise and me is not None else "",
            carried=hidden_fields(carried),
            error="",
        )
    )


def _welcome(
    live: Live,
    code: str,
    name: str,
    carried: list[tuple[str, str]],
    error: str,
    status: int = 200,
) -> Response:
    """The welcome again: the name to fix (or to go back to), the answers kept."""
    return _html(
        page(
            "welcome.html",
            workshop_title=live.session().title,
            code=code,
            me=None,
            name=name,
            carried=carried,
            error=error,
        ),
        status,
    )


def restart_page(live: Live, request: Request, code: str) -> Response:
    """``GET`` of the questionnaire's address (a bookmark, a reload): back to the welcome."""
    return RedirectResponse(f"/j/{code}", status_code=303)


def hidden_fields(answers: Mapping[str, AnswerValue]) -> list[tuple[str, str]]:
    fields = []
    for question_id, value in answers.items():
        for item in (value,) if isinstance(value, str) else value:
            fields.append((f"a.{question_id}", item))
        if not isinstance(value, str) and not value:
            fields.append((f"a.{question_id}", ""))  # an empty choice is still an answer
    return fields


async def read_form(request: Request) -> list[tuple[str, str]]:
    form = await request.form(max_fields=MAX_FIELDS, max_files=0)
    return [(k, v) for k, v in form.multi_items() if isinstance(v, str)]


def step_page(live: Live, request: Request, code: str, fields: list[tuple[str, str]]) -> Response:
    """One step of the questionnaire: check what was given, show the next (or previous) screen."""
    form = dict(fields)
    name = str(form.get("name") or "").strip()
    go = str(form.get("go") or ("stay" if "lang" in form else "next"))
    base = live.rule_base
    try:
        answers = flow.carried_answers(base, fields)
    except UsageError as error:
        return _welcome(live, code, name, [], worded(error), 422)
    current_id = str(form.get("q") or "")
    if live.state.closed:
        return _html(page("closed.html", code=code, me=live.find(key_of(request))), 403)
    if not current_id:
        try:
            from espaces_cli.core.session import checked_name

            checked_name(name)
        except UsageError as error:
            return _welcome(live, code, name, hidden_fields(answers), worded(error), 422)
        if go == "finish":  # a new name for answers already given (the first was taken)
            return _finish(live, request, code, name, answers)
        return _question(live, code, name, answers, flow.first(base, answers), "")
    if not base.has_question(current_id):
        return _question(
            live,
            code,
            name,
            answers,
            flow.first(base, answers),
            worded(msg("Question inconnue « {id} ».", id=printable(current_id))),
            422,
        )
    current = base.question(current_id)
    values = [v for k, v in fields if k == "v"]
    if go == "stay":  # the language switch: the same screen, in the other language
        with contextlib.suppress(UsageError):
            answers[current.id] = flow.answer_of(current, values)
        return _question(live, code, name, answers, current, "")
    if go == "back":
        with contextlib.suppress(UsageError):  # going back keeps what was valid only
            answers[current.id] = flow.answer_of(current, values)
        earlier = flow.previous(base, answers, current)
        if earlier is None:
            return _welcome(live, code, name, hidden_fields(answers), "")
        return _question(live, code, name, answers, earlier, "")
    try:
        answers[current.id] = flow.answer_of(current, values)
    except UsageError as error:
        return _question(live, code, name, answers, current, worded(error), 422)
    coming = flow.following(base, answers, current)
    if coming is not None:
        return _question(live, code, name, answers, coming, "")
    return _finish(live, request, code, name, answers)


def _question(
    live: Live,
    code: str,
    name: str,
    answers: dict[str, AnswerValue],
    question: Any,
    error: str,
    status: int = 200,
) -> Response:
    current = flow.step(live.rule_base, answers, question)
    carried = {k: v for k, v in answers.items() if k != question.id}
    return _html(
        page(
            "question.html",
            code=code,
            name=name,
            step=current,
            carried=hidden_fields(carried),
            progress=_("Question {number} sur {total}", number=current.number, total=current.total),
            error=error,
        ),
        status,
    )


def _finish(
    live: Live, request: Request, code: str, name: str, answers: dict[str, AnswerValue]
) -> Response:
    raw = {k: (v if isinstance(v, str) else list(v)) for k, v in answers.items()}
    try:
        saved = live.save(name, raw, key_of(request))
    except NameTaken:
        return _html(page("taken.html", code=code, name=name, carried=hidden_fields(answers)), 409)
    except AnsweringClosed:
        return _html(page("closed.html", code=code, me=live.find(key_of(request))), 403)
    except UsageError as error:
        first = flow.first(live.rule_base, answers)
        return _question(live, code, name, answers, first, worded(error), 422)
    response = RedirectResponse(f"/j/{code}/me", status_code=303)
    _remember(response, code, saved.key)
    return response


def _remember(response: Response, code: str, key: str) -> None:
    response.set_cookie(
        KEY_COOKIE, key, max_age=7 * 24 * 3600, path=f"/j/{code}", httponly=True, samesite="lax"
    )


def result_page(live: Live, request: Request, code: str) -> Response:
    """The participant's own recommendation (never anyone else's)."""
    me = live.find(key_of(request))
    if me is None:
        return RedirectResponse(f"/j/{code}", status_code=303)
    advice = live.advice_for(me.answers)
    return _html(
        page("done.html", code=code, me=me, top=advice.ranking[:3], closed=live.state.closed)
    )


def answers_api(live: Live, request: Request, code: str, body: bytes) -> Response:
    """``POST /j/<code>/answers``: JSON {name, answers[, key]} → 201 with the participant's key."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _problem(422, _("Corps illisible : un objet JSON est attendu."))
    if not isinstance(payload, dict):
        return _problem(422, _("Corps illisible : un objet JSON est attendu."))
    name, raw, key = payload.get("name"), payload.get("answers"), payload.get("key")
    if not isinstance(name, str):
        return _problem(422, _("« name » : le nom du participant est attendu (un texte)."))
    if not isinstance(raw, dict):
        return _problem(422, _("« answers » : une table question → réponse est attendue."))
    for question_id, value in raw.items():
        if not (
            isinstance(value, str)
            or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            return _problem(
                422,
                worded(
                    msg(
                        "« {key} » : réponse attendue sous forme de texte ou de liste de textes",
                        key=printable(str(question_id)),
                    )
                ),
            )
    if not isinstance(key, str) or len(key) >= 100:  # keys are 24 characters
        key = None
    given_key = key or key_of(request)
    try:
        saved = live.save(name, raw, given_key)
    except NameTaken as error:
        return _problem(409, worded(error))
    except AnsweringClosed as error:
        return _problem(403, worded(error))
    except UsageError as error:
        return _problem(422, worded(error))
    advice = live.advice_for(saved.answers)
    top = advice.ranking[0] if advice.ranking else None
    from espaces_cli.language import local

    response = JSONResponse(
        {
            "name": saved.name,
            "key": saved.key,
            "recommendation": None
            if top is None
            else {
                "id": top.space_type.id,
                "label": local(top.space_type.label),
                "score": round(top.score, 2),
            },
        },
        status_code=201,
    )
    _remember(response, code, saved.key)
    return response


def _problem(status: int, text: str) -> JSONResponse:
    return JSONResponse({"error": text}, status_code=status)
