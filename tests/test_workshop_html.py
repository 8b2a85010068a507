"""The HTML group report in a real headless browser (Debian's chromium)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import NEEDS_BROWSER, chromium
from workshop_samples import ALICE, BOB, CAROL, answers_file, run


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    session = str(folder / "atelier.yaml")
    run("workshop", "new", session, "--title", "Atelier <Projet> & co")
    files = [
        answers_file(folder, n, a)
        for n, a in (("alice", ALICE), ("bob", BOB), ("<script>carol", CAROL))
    ]
    assert run("workshop", "add", session, *files).exit_code == 0
    out = folder / "rapport.html"
    result = run("workshop", "report", session, "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def test_the_page_is_self_contained(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"(src|href)=\"https?:", html)
    assert "@import" not in html
    assert "url(" not in html
    assert html.count("<svg") == 3
    assert "@page" in html
    assert "size: A4" in html


@NEEDS_BROWSER
def test_it_loads_without_console_errors_and_shows_the_result(report: Path, tmp_path: Path) -> None:
    result = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", report.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console
    dom = result.stdout
    assert 'id="verdict"' in dom
    verdict = re.search(r'id="verdict">(.*?)</p>', dom, flags=re.S)
    assert verdict is not None
    assert "Recommandation du groupe" in verdict.group(1) or "Pas de gagnant net" in verdict.group(
        1
    )
    assert dom.count("<svg") == 3
    assert dom.count("<rect") >= 11
    assert "&lt;script&gt;carol" in dom
    assert "<script>carol" not in dom
    assert "Atelier &lt;Projet&gt; &amp; co" in dom


@NEEDS_BROWSER
def test_it_prints_to_pdf(report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "rapport.pdf"
    result = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert 1 <= pages <= 8


@NEEDS_BROWSER
def test_a_screenshot_renders_the_charts(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1600", report.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size > 20_000
