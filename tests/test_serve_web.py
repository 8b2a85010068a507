"""The live workshop's routes (``workshop serve``), one behaviour per test (Starlette's client)."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from starlette.testclient import TestClient

from espaces_cli.cli.app import main as cli_main
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.serve import prepare_live
from espaces_cli.web.app import build_app
from espaces_cli.web.guard import Limits
from espaces_cli.web.live import Live

ZOE = {
    "profil": "independant",
    "besoins": ["salles_reunion"],
    "stade": "lancement",
    "frequence": "reguliere",
    "duree": "essai",
    "budget": "modeste",
    "territoire": "grande_ville",
}
MAKER = {
    "profil": "porteur_projet",
    "besoins": ["prototypage"],
    "stade": "idee",
    "frequence": "reguliere",
    "duree": "longue",
    "budget": "modeste",
    "territoire": "grande_ville",
}


def environment(tmp_path: Path) -> Environment:
    return Environment(
        variables={"ESPACES_STATE_DIR": str(tmp_path / "state"), "ESPACES_LANG": "fr"},
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


@pytest.fixture
def session(tmp_path: Path) -> str:
    return str(tmp_path / "atelier.yaml")


@pytest.fixture
def live(tmp_path: Path, session: str) -> Live:
    return prepare_live(environment(tmp_path), session, None, "Atelier test")


@pytest.fixture
def client(live: Live) -> Iterator[TestClient]:
    with TestClient(build_app(live, "http://testserver"), follow_redirects=False) as client:
        yield client


def join(live: Live) -> str:
    return f"/j/{live.state.join}"


def admin(live: Live) -> str:
    return f"/a/{live.state.admin}"


def post_answers(
    client: TestClient, live: Live, payload: Any, *, same_browser: bool = False, **kwargs: Any
) -> Any:
    """Answer through the JSON route, as a new browser unless ``same_browser``."""
    if not same_browser:
        client.cookies.clear()
    return client.post(join(live) + "/answers", json=payload, **kwargs)


def names_in_file(session: str) -> list[str]:
    document = yaml.safe_load(Path(session).read_text(encoding="utf-8"))
    return [p["name"] for p in document["participants"] or []]


# --- the participant's JSON route ------------------------------------------------------


def test_an_answer_is_in_the_session_file_before_201(
    client: TestClient, live: Live, session: str
) -> None:
    response = post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Zoé"
    assert body["recommendation"]["id"] == "coworking"
    assert len(body["key"]) >= 20
    assert names_in_file(session) == ["Zoé"]


def test_the_session_file_stays_what_workshop_report_reads(
    client: TestClient, live: Live, session: str, capsys: pytest.CaptureFixture[str]
) -> None:
    post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    post_answers(client, live, {"name": "Max", "answers": MAKER})
    assert cli_main(["workshop", "report", session, "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    state = client.get(admin(live) + "/state")
    assert state.status_code == 200
    assert state.json() == printed
    assert printed["participants"] == ["Zoé", "Max"]


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({"name": 3, "answers": ZOE}, "« name »"),
        ({"name": "A", "answers": ["profil"]}, "« answers »"),
        ({"name": "A", "answers": {**ZOE, "stade": 3}}, "« stade » : réponse attendue"),
        ({"name": "A", "answers": {**ZOE, "besoins": [["x"]]}}, "« besoins » : réponse attendue"),
        ({"name": "A", "answers": {**ZOE, "couleur": "bleu"}}, "Question inconnue « couleur »"),
        ({"name": "A", "answers": {**ZOE, "stade": "demain"}}, "n'est pas une valeur permise"),
        ({"name": "A", "answers": {"profil": "independant"}}, "Réponses manquantes"),
        ({"name": "   ", "answers": ZOE}, "Nom de participant vide"),
        ({"name": "x" * 201, "answers": ZOE}, "trop long"),
        ([1, 2], "objet JSON"),
    ],
)
def test_bad_payloads_are_422_with_the_command_lines_words(
    client: TestClient, live: Live, session: str, payload: Any, words: str
) -> None:
    response = post_answers(client, live, payload)
    assert response.status_code == 422
    assert words in response.json()["error"]
    assert "Traceback" not in response.text
    assert names_in_file(session) == []


def test_a_body_that_is_not_json_is_422(client: TestClient, live: Live) -> None:
    response = client.post(
        join(live) + "/answers", content=b"\xff{", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_messages_follow_the_browser_language(client: TestClient, live: Live) -> None:
    response = post_answers(
        client,
        live,
        {"name": "A", "answers": {**ZOE, "stade": "demain"}},
        headers={"accept-language": "en-GB,en;q=0.9,fr;q=0.5"},
    )
    assert "is not an allowed value" in response.json()["error"]


def test_a_name_taken_by_someone_else_is_409(client: TestClient, live: Live, session: str) -> None:
    assert post_answers(client, live, {"name": "Zoé", "answers": ZOE}).status_code == 201
    client.cookies.clear()
    response = post_answers(client, live, {"name": "Zoé", "answers": MAKER})
    assert response.status_code == 409
    assert "Zoé" in response.json()["error"]
    assert names_in_file(session) == ["Zoé"]


def test_the_same_person_revises_with_their_key(
    client: TestClient, live: Live, session: str
) -> None:
    key = post_answers(client, live, {"name": "Zoé", "answers": ZOE}).json()["key"]
    post_answers(client, live, {"name": "Max", "answers": ZOE})
    again = post_answers(client, live, {"name": "Zoé B.", "answers": MAKER, "key": key})
    assert again.status_code == 201
    assert names_in_file(session) == ["Zoé B.", "Max"]
    assert again.json()["key"] == key


def test_the_key_cookie_lets_a_browser_revise(client: TestClient, live: Live, session: str) -> None:
    post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    again = post_answers(client, live, {"name": "Zoé", "answers": MAKER}, same_browser=True)
    assert again.status_code == 201
    assert names_in_file(session) == ["Zoé"]


def test_the_file_keeps_a_digest_of_the_key_never_the_key(
    client: TestClient, live: Live, session: str
) -> None:
    key = post_answers(client, live, {"name": "Zoé", "answers": ZOE}).json()["key"]
    text = Path(session).read_text(encoding="utf-8")
    assert key not in text
    assert "web_key_sha256" in text


def test_answering_after_close_is_403_and_reopening_lets_answers_in(
    client: TestClient, live: Live, session: str
) -> None:
    assert client.post(admin(live) + "/close").status_code == 303
    response = post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    assert response.status_code == 403
    assert "closes" in response.json()["error"]
    assert names_in_file(session) == []
    page = client.get(join(live))
    assert page.status_code == 403
    assert "Les réponses sont closes" in page.text
    client.post(admin(live) + "/reopen")
    assert post_answers(client, live, {"name": "Zoé", "answers": ZOE}).status_code == 201


def test_markup_and_control_characters_in_names_are_kept_and_shown_literally(
    client: TestClient, live: Live, session: str
) -> None:
    name = '<script>alert(1)</script> "Zoé" \x1b[31m&amp;'
    assert post_answers(client, live, {"name": name, "answers": ZOE}).status_code == 201
    assert names_in_file(session) == [name]
    page = client.get(admin(live)).text
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page


# --- tokens ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "/me", "/step", "/answers"])
def test_a_wrong_participant_code_is_404(client: TestClient, suffix: str) -> None:
    method = client.post if suffix in ("/step", "/answers") else client.get
    response = method("/j/ABCDEFGHJK" + suffix)
    assert response.status_code == 404
    assert "introuvable" in response.text


@pytest.mark.parametrize(
    "suffix", ["", "/live", "/state", "/report", "/qr.svg", "/close", "/reopen", "/remove"]
)
def test_a_wrong_facilitator_token_is_404(client: TestClient, live: Live, suffix: str) -> None:
    post = suffix in ("/close", "/reopen", "/remove")
    method = client.post if post else client.get
    for token in ("nope", live.state.join, live.state.admin[:-1]):
        assert method(f"/a/{token}{suffix}").status_code == 404
    assert not live.state.closed


def test_the_participant_code_opens_no_facilitator_page(client: TestClient, live: Live) -> None:
    assert client.get(f"/a/{live.state.join}").status_code == 404
    assert live.state.admin not in client.get(join(live)).text


def test_a_code_typed_by_hand_is_found(client: TestClient, live: Live) -> None:
    typed = live.state.join[:4].lower() + "-" + live.state.join[4:]
    response = client.get("/", params={"code": typed})
    assert response.status_code == 303
    assert response.headers["location"] == join(live)
    assert client.get(f"/j/{typed}").status_code == 200


def test_tokens_are_distinct_and_long(live: Live) -> None:
    assert live.state.join != live.state.admin
    assert len(live.state.join) == 10
    assert len(live.state.admin) >= 32


def test_a_restarted_server_keeps_its_tokens_and_closing(
    tmp_path: Path, session: str, live: Live, client: TestClient
) -> None:
    post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    live.set_closed(True)
    again = prepare_live(environment(tmp_path), session, None)
    assert again.state == live.state
    assert again.state.closed
    assert again.session().names() == ("Zoé",)


# --- limits and headers ---------------------------------------------------------------


def test_a_huge_body_is_413(client: TestClient, live: Live, session: str) -> None:
    big = {"name": "A", "answers": ZOE, "padding": "x" * 70_000}
    assert post_answers(client, live, big).status_code == 413
    assert names_in_file(session) == []


def test_a_huge_streamed_body_without_length_is_413(client: TestClient, live: Live) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"x" * 1024

    response = client.post(
        join(live) + "/step",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_too_many_form_fields_are_refused(client: TestClient, live: Live) -> None:
    fields = {f"a.f{i}": "x" for i in range(500)}
    response = client.post(join(live) + "/step", data=fields)
    assert response.status_code == 400


def test_too_many_requests_from_one_client_are_429(live: Live) -> None:
    app = build_app(live, "http://testserver", Limits(rate=0.001, burst=3))
    with TestClient(app) as client:
        codes = [client.get(join(live)).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_every_response_carries_a_strict_policy_and_no_server_header(
    client: TestClient, live: Live
) -> None:
    for path in ("/", join(live), admin(live), "/static/espaces.css", "/nowhere"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "server" not in response.headers


def test_no_page_has_an_inline_script_or_style(client: TestClient, live: Live) -> None:
    post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    for path in ("/", join(live), join(live) + "/me", admin(live), admin(live) + "/live"):
        text = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert "<style" not in text, path
        assert " style=" not in text, path
        assert not re.search(r"<[^>]+ on\w+=", text), path


# --- the participant's pages without JavaScript ---------------------------------------


def form_of(html: str) -> dict[str, Any]:
    """The question on a page: its id, its hidden fields, its choices."""
    question = re.search(r'name="q" value="([^"]+)"', html)
    hidden = re.findall(r'<input type="hidden" name="(a\.[^"]+)" value="([^"]*)"', html)
    choices = re.findall(r'name="v" value="([^"]+)"', html)
    kind = "one" if 'type="radio"' in html else "many"
    return {
        "q": question.group(1) if question else None,
        "hidden": hidden,
        "choices": choices,
        "kind": kind,
    }


def submit(client: TestClient, live: Live, fields: list[tuple[str, str]]) -> Any:
    return client.post(
        join(live) + "/step",
        content="&".join(f"{k}={v}" for k, v in _encoded(fields)),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )


def _encoded(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    from urllib.parse import quote_plus

    return [(quote_plus(k), quote_plus(v)) for k, v in fields]


def walk_through(client: TestClient, live: Live, name: str, pick: dict[str, list[str]]) -> Any:
    """Answer every question as a browser without JavaScript would; return the last response."""
    response = submit(client, live, [("name", name), ("go", "next")])
    for _ in range(30):
        if response.status_code != 200:
            return response
        form = form_of(response.text)
        values = pick.get(form["q"], form["choices"][:1])
        fields = [("name", name), ("q", form["q"]), *form["hidden"]]
        fields += [("v", v) for v in values] + [("go", "next")]
        response = submit(client, live, fields)
    raise AssertionError("the questionnaire never ended")


def test_the_welcome_page_asks_a_name_and_speaks_french(client: TestClient, live: Live) -> None:
    page = client.get(join(live))
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert 'label for="name"' in page.text


def test_the_browser_language_and_the_switch(client: TestClient, live: Live) -> None:
    english = client.get(join(live), headers={"accept-language": "en-US,en;q=0.8"})
    assert '<html lang="en">' in english.text
    assert "Welcome" in english.text
    switched = client.get(join(live) + "?lang=fr", headers={"accept-language": "en"})
    assert '<html lang="fr">' in switched.text
    assert switched.cookies.get("espaces_lang") == "fr"
    remembered = client.get(join(live), headers={"accept-language": "en"})
    assert '<html lang="fr">' in remembered.text


def test_one_question_per_screen_to_the_own_recommendation(
    client: TestClient, live: Live, session: str
) -> None:
    first = submit(client, live, [("name", "Léa"), ("go", "next")])
    assert "Question 1 sur" in first.text
    assert first.text.count('name="q"') == 1
    pick = {k: v if isinstance(v, list) else [v] for k, v in ZOE.items()}
    done = walk_through(client, live, "Léa", pick)
    assert done.status_code == 303
    assert done.headers["location"] == join(live) + "/me"
    assert names_in_file(session) == ["Léa"]
    mine = client.get(join(live) + "/me")
    assert "Espace de coworking" in mine.text
    welcome_again = client.get(join(live))
    assert "Vous avez déjà répondu" in welcome_again.text


def test_back_returns_to_the_previous_question_with_its_answer(
    client: TestClient, live: Live
) -> None:
    first = form_of(submit(client, live, [("name", "Léa"), ("go", "next")]).text)
    fields = [("name", "Léa"), ("q", first["q"]), ("v", "etudiant"), ("go", "next")]
    second = submit(client, live, fields)
    second_form = form_of(second.text)
    assert second_form["q"] != first["q"]
    back = submit(
        client,
        live,
        [("name", "Léa"), ("q", second_form["q"]), *second_form["hidden"], ("go", "back")],
    )
    assert form_of(back.text)["q"] == first["q"]
    assert 'value="etudiant" checked' in back.text


def test_a_bad_choice_stays_on_the_question_with_the_message(
    client: TestClient, live: Live
) -> None:
    first = form_of(submit(client, live, [("name", "Léa"), ("go", "next")]).text)
    response = submit(client, live, [("name", "Léa"), ("q", first["q"]), ("v", "pirate")])
    assert response.status_code == 422
    assert "n'est pas une valeur permise" in html.unescape(response.text)
    assert 'role="alert"' in response.text
    nothing = submit(client, live, [("name", "Léa"), ("q", first["q"])])
    assert nothing.status_code == 422
    assert "attend une seule valeur" in nothing.text


def test_an_edited_hidden_answer_is_checked_again(client: TestClient, live: Live) -> None:
    response = submit(
        client, live, [("name", "Léa"), ("q", "stade"), ("a.profil", "<b>pirate</b>")]
    )
    assert response.status_code == 422
    assert "&lt;b&gt;pirate&lt;/b&gt;" in response.text


def test_an_empty_name_is_asked_again(client: TestClient, live: Live) -> None:
    response = submit(client, live, [("name", " "), ("go", "next")])
    assert response.status_code == 422
    assert "Nom de participant vide" in response.text


def test_a_taken_name_keeps_the_answers_and_asks_another(
    client: TestClient, live: Live, session: str
) -> None:
    post_answers(client, live, {"name": "Léa", "answers": ZOE})
    client.cookies.clear()
    pick = {k: v if isinstance(v, list) else [v] for k, v in MAKER.items()}
    taken = walk_through(client, live, "Léa", pick)
    assert taken.status_code == 409
    hidden = re.findall(r'<input type="hidden" name="(a\.[^"]+)" value="([^"]*)"', taken.text)
    renamed = submit(client, live, [("name", "Léa M."), *hidden, ("go", "finish")])
    assert renamed.status_code == 303
    assert names_in_file(session) == ["Léa", "Léa M."]


def test_revising_starts_from_the_given_answers(client: TestClient, live: Live) -> None:
    post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    page = client.get(join(live) + "?revise=1")
    assert 'value="Zoé"' in page.text
    assert 'name="a.profil" value="independant"' in page.text


# --- the facilitator's pages ----------------------------------------------------------


def test_the_facilitator_page_shows_the_join_link_code_and_qr(
    client: TestClient, live: Live
) -> None:
    page = client.get(admin(live))
    assert page.status_code == 200
    assert f"http://testserver/j/{live.state.join}" in page.text
    assert live.state.join[:4] + "-" in page.text
    assert 'src="/static/live.js"' in page.text
    qr = client.get(admin(live) + "/qr.svg")
    assert qr.headers["content-type"].startswith("image/svg+xml")
    assert qr.text.lstrip().startswith("<?xml") or "<svg" in qr.text[:200]


def test_the_live_part_counts_ranks_and_answers_304_when_unchanged(
    client: TestClient, live: Live
) -> None:
    empty = client.get(admin(live) + "/live")
    assert "0 participant" in empty.text
    post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    client.cookies.clear()
    post_answers(client, live, {"name": "Max", "answers": MAKER})
    full = client.get(admin(live) + "/live")
    assert "2 participants" in full.text
    assert "Classement du groupe" in full.text
    assert "Consensus" in full.text
    assert "Zoé" not in full.text  # projected: no names
    same = client.get(admin(live) + "/live", headers={"if-none-match": full.headers["etag"]})
    assert same.status_code == 304


def test_the_final_report_is_the_html_report(
    client: TestClient, live: Live, session: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert client.get(admin(live) + "/report").status_code == 404
    post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    report = client.get(admin(live) + "/report")
    assert report.status_code == 200
    assert cli_main(["workshop", "report", session, "--format", "html"]) == 0
    assert report.text == capsys.readouterr().out
    assert "script-src" not in report.headers["content-security-policy"]
    assert "default-src 'none'" in report.headers["content-security-policy"]


def test_the_facilitator_removes_a_participant(
    client: TestClient, live: Live, session: str
) -> None:
    post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    response = client.post(admin(live) + "/remove", data={"name": "Zoé"})
    assert response.status_code == 303
    assert names_in_file(session) == []
    missing = client.post(admin(live) + "/remove", data={"name": "Personne"})
    assert missing.status_code == 404


def test_answers_from_the_command_line_show_up_live(
    client: TestClient, live: Live, session: str, tmp_path: Path
) -> None:
    answers = tmp_path / "Bob.yaml"
    answers.write_text(yaml.safe_dump({"answers": ZOE}), encoding="utf-8")
    assert cli_main(["workshop", "add", session, str(answers)]) == 0
    assert "1 participant" in client.get(admin(live) + "/live").text


def test_a_participant_added_from_the_command_line_is_kept_by_the_next_web_answer(
    client: TestClient, live: Live, session: str, tmp_path: Path
) -> None:
    post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    answers = tmp_path / "Bob.yaml"
    answers.write_text(yaml.safe_dump({"answers": MAKER}), encoding="utf-8")
    assert cli_main(["workshop", "add", session, str(answers)]) == 0
    post_answers(client, live, {"name": "Max", "answers": MAKER})
    assert names_in_file(session) == ["Zoé", "Bob", "Max"]


def test_answers_arriving_together_are_all_kept(live: Live, session: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def answer(index: int) -> str:
        return live.save(f"P{index}", ZOE, None).name

    with ThreadPoolExecutor(max_workers=16) as pool:
        saved = list(pool.map(answer, range(64)))
    assert len(saved) == 64
    assert sorted(names_in_file(session)) == sorted(f"P{i}" for i in range(64))


def test_a_taken_name_in_a_batch_is_refused_alone(live: Live, session: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from espaces_cli.web.live import NameTaken

    def answer(index: int) -> str:
        try:
            return live.save("Même nom" if index % 2 else f"P{index}", ZOE, None).name
        except NameTaken:
            return "refusé"

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(answer, range(16)))
    assert results.count("refusé") == 7
    assert len(names_in_file(session)) == 9


def test_the_language_switch_keeps_the_question_and_its_answers(
    client: TestClient, live: Live
) -> None:
    first = form_of(submit(client, live, [("name", "Léa"), ("go", "next")]).text)
    fields = [("name", "Léa"), ("q", first["q"]), ("v", "etudiant"), ("go", "next")]
    second = form_of(submit(client, live, fields).text)
    switched = submit(
        client,
        live,
        [("name", "Léa"), ("q", second["q"]), *second["hidden"], ("lang", "en")],
    )
    assert switched.status_code == 200
    assert '<html lang="en">' in switched.text
    assert form_of(switched.text)["q"] == second["q"]
    assert ("a.profil", "etudiant") in form_of(switched.text)["hidden"]
    assert switched.cookies.get("espaces_lang") == "en"


def test_the_questionnaire_address_opened_directly_goes_to_the_welcome(
    client: TestClient, live: Live
) -> None:
    response = client.get(join(live) + "/step?lang=en")
    assert response.status_code == 303
    assert response.headers["location"] == join(live)


def test_a_made_up_key_is_not_kept(client: TestClient, live: Live, session: str) -> None:
    response = post_answers(client, live, {"name": "Zoé", "answers": ZOE, "key": "a"})
    assert response.status_code == 201
    assert response.json()["key"] != "a"


def test_a_session_file_gone_mid_session_is_one_line_not_a_trace(
    client: TestClient, live: Live, session: str
) -> None:
    Path(session).unlink()
    page = client.get(admin(live))
    assert page.status_code == 500
    assert "introuvable" in page.text
    assert "Traceback" not in page.text
    answer = post_answers(client, live, {"name": "Zoé", "answers": ZOE})
    assert answer.status_code == 422
    assert "introuvable" in answer.json()["error"]


def test_the_workshop_title_is_shown_literally(tmp_path: Path) -> None:
    title = "<i>Atelier</i> & co"
    live = prepare_live(environment(tmp_path), str(tmp_path / "t.yaml"), None, title)
    with TestClient(build_app(live, "http://testserver")) as client:
        for path in (join(live), admin(live)):
            text = client.get(path).text
            assert "&lt;i&gt;Atelier&lt;/i&gt; &amp; co" in text
            assert "<i>Atelier" not in text


def test_the_qr_code_is_left_out_where_the_terminal_cannot_draw_it() -> None:
    from espaces_cli.cli.serve import _can_draw

    ascii_only = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert not _can_draw(Environment(stdout=ascii_only))
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert _can_draw(Environment(stdout=utf8))
