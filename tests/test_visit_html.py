"""The visit sheet and the comparison as HTML, in a real headless browser (Debian's chromium)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import NEEDS_BROWSER, chromium
from visit_samples import ATELIER, CORDEE, REGUS, run, visit_file

pytestmark = NEEDS_BROWSER


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("visit-html")
    notebook = str(folder / "carnet.yaml")
    made = run(
        "visit", "new", notebook, "--no-input", "-a", "besoin=bureau", "-a", "budget=serre",
        "--title", "Visites <script>alert(1)</script> & co",
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    for n, place in enumerate((CORDEE, ATELIER, REGUS)):
        added = run("visit", "add", notebook, "--from", visit_file(folder, place, f"v{n}"))
        assert added.exit_code == 0, added.stderr
    found = {}
    for name, args in (
        ("compare", ("compare", notebook, "--format", "html")),
        ("sheet", ("sheet", notebook, "--type", "coworking", "--format", "html")),
    ):
        out = folder / f"{name}.html"
        result = run("visit", *args, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        found[name] = out
    return found


@pytest.mark.parametrize("name", ["compare", "sheet"])
def test_the_pages_are_self_contained(pages: dict[str, Path], name: str) -> None:
    html = pages[name].read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"(src|href)=\"https?:", html)
    assert "url(" not in html
    assert "size: A4" in html
    assert "default-src 'none'" in html


def test_the_comparison_in_the_browser(pages: dict[str, Path], tmp_path: Path) -> None:
    result = chromium(
        tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", pages["compare"].as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert [line for line in result.stderr.splitlines() if "CONSOLE" in line] == []
    dom = result.stdout
    verdict = re.search(r'<div class="verdict">(.*?)</div>', dom, flags=re.S)
    assert verdict is not None
    assert "Choisissez « La Cordée » : 90,0 / 100" in verdict.group(1)
    assert "au-dessus de votre plafond de 150 €" in verdict.group(1)
    assert dom.count("<svg") == 1
    assert dom.count('<rect class="type"') == 4  # three places and the legend
    assert "Point rouge : non à « Le lieu est-il financé durablement ? »" in dom
    assert "L'Atelier &lt;b&gt;&amp;co" in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_both_print_on_a4_and_the_sheet_on_one_page(pages: dict[str, Path], tmp_path: Path) -> None:
    for name, most in (("sheet", 1), ("compare", 3)):
        pdf = tmp_path / f"{name}.pdf"
        result = chromium(
            tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", pages[name].as_uri()
        )
        assert result.returncode == 0, result.stderr[-2000:]
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF")
        assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", data)) <= most, name


def test_a_screenshot_renders_the_chart(pages: dict[str, Path], tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1100,1400", pages["compare"].as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size > 20_000
