"""The live workshop in a real browser: Playwright drives the system's Chromium.

A real ``espaces workshop serve`` on a free loopback port; three phone-sized participants
answer while the projected facilitator's page updates without being reloaded, and one
participant has JavaScript turned off. Set ``ESPACES_SCREENSHOTS=folder`` to keep
screenshots of both pages on a phone and on a projector.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import CHROMIUM, CHROMIUM_FLAGS, NEEDS_BROWSER
from serve_running import Served, serving, stop

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
TIMEOUT_MS = 30_000

# every test here opens the pages in the browser
pytestmark = NEEDS_BROWSER


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serving(tmp_path / "atelier.yaml", "--no-qr", "--title", "Atelier test") as running:
        yield running
        stop(running)


def shoot(page: Any, name: str) -> None:
    folder = os.environ.get("ESPACES_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def policy_violations(page: Any) -> list[str]:
    """Collect what the console says about the Content-Security-Policy (nothing, we hope)."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def start(page: Any, join_url: str, name: str) -> None:
    page.goto(join_url)
    page.get_by_label("Votre prénom ou un pseudonyme").fill(name)
    page.get_by_role("button", name="Commencer").click()


def one_screen(page: Any, choice: int) -> bool:
    """Answer the question on screen (tick one choice, go on); true once at the result."""
    if page.url.endswith("/me"):
        return True
    choices = page.locator("input[name=v]")
    count = choices.count()
    assert count > 0, page.content()
    target = choices.nth(min(choice, count - 1))
    if not target.is_checked():
        target.check()
    page.locator("button[value=next]").click()
    page.wait_for_load_state()
    return page.url.endswith("/me")


def answer_everything(page: Any, join_url: str, name: str, choice: int) -> None:
    """Give a name, then answer screen after screen until the result."""
    start(page, join_url, name)
    for _step in range(30):
        if one_screen(page, choice):
            return
    raise AssertionError("the questionnaire never ended")


def test_three_phones_answer_while_the_projected_page_updates_without_reload(
    browser: Any, served: Served
) -> None:
    screen = browser.new_context(**PROJECTOR, locale="fr-FR")
    board = screen.new_page()
    board.set_default_timeout(TIMEOUT_MS)
    violations = policy_violations(board)
    board.goto(served.url("a"))
    board.get_by_text("0 participant", exact=True).wait_for()
    board.evaluate("window.stillTheSamePage = true")
    assert board.get_by_text(served.url("j")).count() >= 1
    assert board.locator("img.qr").evaluate("img => img.naturalWidth") > 0
    phones = []
    for name in ("Zoé", "Max", "<b>Ana</b>"):
        phone = browser.new_context(**PHONE, locale="fr-FR").new_page()
        phone.set_default_timeout(TIMEOUT_MS)
        start(phone, served.url("j"), name)
        phones.append(phone)
    finished: set[int] = set()
    for _round in range(30):  # each phone one screen in turn: they answer at the same time
        for index, phone in enumerate(phones):
            if index not in finished and one_screen(phone, index):
                finished.add(index)
                assert "Votre recommandation" in phone.content()
                count = len(finished)
                expected = "1 participant" if count == 1 else f"{count} participants"
                board.get_by_text(expected, exact=True).wait_for()
        if len(finished) == len(phones):
            break
    assert len(finished) == 3
    assert board.evaluate("window.stillTheSamePage") is True
    assert "Classement du groupe" in board.content()
    assert "<b>Ana</b>" not in board.locator("#live").inner_html()
    shoot(phones[0], "phone-result")
    phones[0].goto(served.url("j"))
    shoot(phones[0], "phone-welcome-again")
    shoot(board, "projector-facilitator")
    for phone in phones:
        assert "Zoé" not in phone.content() or phone is phones[0]
    assert violations == []
    board.set_viewport_size({"width": 390, "height": 844})
    shoot(board, "phone-facilitator")
    screen.close()


def test_a_participant_without_javascript(browser: Any, served: Served) -> None:
    context = browser.new_context(**PHONE, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(served.url("j"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    answer_everything(page, served.url("j"), "Sans JS", 0)
    assert "Votre recommandation" in page.content()
    page.get_by_role("link", name="Modifier mes réponses").click()
    assert page.get_by_label("Votre prénom ou un pseudonyme").input_value() == "Sans JS"
    screen = browser.new_context(**PROJECTOR, java_script_enabled=False).new_page()
    screen.goto(served.url("a"))
    assert "1 participant" in screen.content()
    shoot(screen, "projector-facilitator-nojs")
    context.close()


def test_questions_read_well_with_a_screen_reader(browser: Any, served: Served) -> None:
    page = browser.new_context(**PHONE, locale="fr-FR").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(served.url("j"))
    page.get_by_label("Votre prénom ou un pseudonyme").fill("Léa")
    page.get_by_role("button", name="Commencer").click()
    group = page.get_by_role("group", name="Qui êtes-vous ?")
    assert group.count() == 1
    assert page.get_by_role("radio", name="Étudiant").count() == 1
    page.get_by_role("button", name="Suivant").click()
    alert = page.get_by_role("alert")
    assert "attend une seule valeur" in alert.inner_text()
    assert page.get_by_role("heading", level=1).count() == 1


def test_the_switch_on_a_question_keeps_the_answers_without_javascript(
    browser: Any, served: Served
) -> None:
    page = browser.new_context(**PHONE, java_script_enabled=False, locale="fr-FR").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(served.url("j"))
    page.get_by_label("Votre prénom ou un pseudonyme").fill("Léa")
    page.get_by_role("button", name="Commencer").click()
    page.get_by_role("radio", name="Étudiant").check()
    page.get_by_role("button", name="Suivant").click()
    question = page.locator("input[name=q]").get_attribute("value")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("input[name=q]").get_attribute("value") == question
    page.get_by_role("button", name="Back").click()
    assert page.get_by_role("radio", name="Student", exact=True).is_checked()
