"""Text that did not come from the program is shown literally, in every format (issue 9).

A consultant's rule base, a workshop title, participant names and CSV cells are untrusted:
Rich markup in them must not be parsed, escape sequences must not reach the terminal,
Markdown must not turn them into HTML, links or images, and JSON must keep them exact.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner, Result

from espaces_cli.cli import app
from espaces_cli.core.text import printable
from espaces_cli.render.json_blocks import json_text
from espaces_cli.render.markdown_text import md_code_block, md_source, md_text

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "ESPACES_RULES": None, "TERM": "xterm"}

RULES_NAME = "client [/oops] \x1b]0;x\x07"
TYPE_LABEL = "Cowork [/oops] [bêta] \x1b]0;pwned\x07"
SUMMARY = (
    "<script>alert(1)</script>\n[click](https://evil.example) "
    "![img](https://evil.example/x.png) [link=https://evil.example]x[/link]"
)
CRITERION_LABEL = "Convivialité [link=https://evil.example]x[/link] \x1b[2J"
PRECAUTION = "Ligne 1\nligne 2\u2028fin <script>alert(1)</script>"
GENERAL_PRECAUTION = "[click](https://evil.example) ![img](https://evil.example/x.png) *gras*"
BECAUSE = "Convivialité voulue [/oops] \x07\u202e fin"
QUESTION_LABEL = "Qui [bêta] êtes-vous \x1b[2J ?\nprofil: injecté"
CHOICE_LABEL = "Indépendant [/oops]"
FACT_TEXT = "Fait [x](https://evil.example) \x9b31m"
FACT_SOURCE = "https://evil.example/)<script>"

ANSWERS = [
    *("-a", "profil=independant", "-a", "besoins=salles_reunion,convivialite"),
    *("-a", "stade=lancement", "-a", "frequence=reguliere", "-a", "duree=quelques_mois"),
    *("-a", "budget=modeste", "-a", "territoire=grande_ville"),
]
# what a terminal obeys instead of showing: none may reach stdout or stderr
RAW = ("\x1b", "\x07", "\x9b", "\u2028", "\u202e")


def run(*args: str) -> Result:
    result = CliRunner(env=ENV).invoke(app, list(args))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        for char in RAW:
            assert char not in stream, (char, stream)
    return result


def flat(text: str) -> str:
    """Whitespace runs as one space: a wrapped line reads as the unwrapped one."""
    return " ".join(text.split())


def shows(output: str, *texts: str) -> None:
    for text in texts:
        assert flat(printable(text)) in flat(output), (printable(text), output)


def shows_words(output: str, *texts: str) -> None:
    """In a table cell a text may wrap between its words, each word stays whole."""
    for text in texts:
        for word in printable(text).split():
            assert word in output, (word, output)


@pytest.fixture(scope="module")
def hostile_rules(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The shipped base with untrusted labels and texts planted where each command shows them."""
    data = yaml.safe_load((ROOT / "data" / "space_types.yaml").read_text("utf-8"))
    data["name"] = RULES_NAME
    coworking = data["space_types"]["coworking"]
    coworking["label"]["fr"] = TYPE_LABEL
    coworking["summary"]["fr"] = SUMMARY
    coworking["precautions"][0]["text"]["fr"] = PRECAUTION
    coworking["facts"][0]["text"]["fr"] = FACT_TEXT
    coworking["facts"][0]["source"] = FACT_SOURCE
    data["criteria"]["convivialite"]["label"]["fr"] = CRITERION_LABEL
    data["general"]["precautions"][0]["text"]["fr"] = GENERAL_PRECAUTION
    rule = next(r for r in data["weight_rules"] if r["id"] == "besoin_convivialite")
    rule["because"]["fr"] = BECAUSE
    data["questions"]["profil"]["label"]["fr"] = QUESTION_LABEL
    data["questions"]["profil"]["choices"]["independant"]["fr"] = CHOICE_LABEL
    path = tmp_path_factory.mktemp("hostile") / "space_types.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return str(path)


class _Html(HTMLParser):
    """The text a reader sees and the elements a browser would make of rendered Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def rendered(markdown: str) -> _Html:
    parser = _Html()
    parser.feed(MARKDOWN.render(markdown))
    parser.close()
    return parser


def assert_inert_markdown(markdown: str) -> None:
    """No raw HTML, no image, no link to the planted site, no unescaped ``](``."""
    assert "<script>" not in markdown
    # plain sources are links ``[source](https://…)``; the planted one must not be
    assert re.search(r"(?<!\\)\]\((?!https://[a-z])", markdown) is None
    html = rendered(markdown)
    assert all(tag not in ("script", "img") for tag, _ in html.tags)
    links = [attrs.get("href") or "" for tag, attrs in html.tags if tag == "a"]
    assert not [href for href in links if "evil" in href], links


def test_catalog_commands_show_rule_base_text_literally(hostile_rules: str) -> None:
    listing = run("types", "--rules", hostile_rules).stdout
    shows_words(listing, TYPE_LABEL)
    shows(listing, RULES_NAME)
    detail = run("types", "coworking", "--rules", hostile_rules).stdout
    shows(detail, TYPE_LABEL, SUMMARY, PRECAUTION, CRITERION_LABEL, RULES_NAME)
    shows(detail, FACT_TEXT, FACT_SOURCE)
    questions = run("questions", "--rules", hostile_rules).stdout
    shows(questions, QUESTION_LABEL, CHOICE_LABEL)
    template = run("questions", "--template", "--rules", hostile_rules).stdout
    # the label stays on its comment line: the template is still the same YAML
    assert yaml.safe_load(template)["answers"]["profil"] is None
    shows(template, QUESTION_LABEL)


def test_rules_tools_show_rule_base_text_literally(hostile_rules: str) -> None:
    coverage = run("rules", "coverage", hostile_rules, "--samples", "200").stdout
    shows_words(coverage, TYPE_LABEL)
    shows(coverage, RULES_NAME)
    explained = run("rules", "explain", "coworking", "--rules", hostile_rules).stdout
    shows(explained, TYPE_LABEL, CRITERION_LABEL, BECAUSE)


def test_markdown_catalog_renders_rule_base_text_as_text(hostile_rules: str) -> None:
    listing = run("types", "--rules", hostile_rules, "--format", "markdown").stdout
    assert_inert_markdown(listing)
    seen = "".join(rendered(listing).text)
    for text in (TYPE_LABEL, SUMMARY, RULES_NAME):
        assert printable(text) in seen
    # a line break in a summary must not end its table row
    rows = [line for line in listing.splitlines() if line.startswith("| `")]
    assert len(rows) == 13
    detail = run("types", "coworking", "--rules", hostile_rules, "--format", "markdown").stdout
    assert_inert_markdown(detail)
    seen = "".join(rendered(detail).text)
    for text in (TYPE_LABEL, SUMMARY, PRECAUTION, CRITERION_LABEL, FACT_TEXT, FACT_SOURCE):
        assert printable(text) in seen
    # a plain source is still a link
    links = [a.get("href") for tag, a in rendered(detail).tags if tag == "a"]
    assert "https://observatoire.francetierslieux.fr/" in links
    assert not [href for href in links if href and "evil" in href]


@pytest.mark.parametrize("extra", [[], ["--plain"]])
def test_terminal_advice_shows_rule_base_text_literally(
    hostile_rules: str, extra: list[str]
) -> None:
    args = ["advise", "--rules", hostile_rules, "--no-input", *ANSWERS, *extra]
    out = run(*args, "--format", "terminal").stdout
    shows(out, TYPE_LABEL, CRITERION_LABEL, PRECAUTION, GENERAL_PRECAUTION, BECAUSE)
    shows(out, QUESTION_LABEL, RULES_NAME)


def test_markdown_advice_renders_rule_base_text_as_text(hostile_rules: str) -> None:
    args = ["advise", "--rules", hostile_rules, "--no-input", *ANSWERS, "--format", "markdown"]
    markdown = run(*args).stdout
    assert_inert_markdown(markdown)
    seen = "".join(rendered(markdown).text)
    for text in (TYPE_LABEL, SUMMARY, CRITERION_LABEL, PRECAUTION, GENERAL_PRECAUTION, BECAUSE):
        assert printable(text) in seen
    winner = next(line for line in markdown.splitlines() if line.startswith("| 1 |"))
    assert winner.startswith(f"| 1 | {md_text(TYPE_LABEL)} | ")


def test_json_advice_keeps_rule_base_text_exact(hostile_rules: str) -> None:
    args = ["advise", "--rules", hostile_rules, "--no-input", *ANSWERS, "--format", "json"]
    document = json.loads(run(*args).stdout)
    assert document["recommendation"]["label"] == TYPE_LABEL
    assert document["recommendation"]["summary"] == SUMMARY
    assert document["rules"]["name"] == RULES_NAME
    assert {"text": PRECAUTION, "source": "type"} in document["precautions"]
    assert {"text": GENERAL_PRECAUTION, "source": "general"} in document["precautions"]
    assert BECAUSE in [r["because"] for r in document["fired_rules"]]
    catalog = json.loads(
        run("types", "coworking", "--rules", hostile_rules, "--format", "json").stdout
    )
    assert catalog["facts"][0] == {"text": FACT_TEXT, "year": 2024, "source": FACT_SOURCE}


TITLE = "Atelier [/oops] \x1b]0;pwned\x07 <b>x</b>\nsuite"
NAMES = (
    "[bêta] Zoé",
    "Éve \x1b[2J [link=https://evil.example]x[/link]",
    "Bob\nTables | <script>alert(1)</script>",
    "[click](https://evil.example) ![img](https://evil.example/x.png)",
)


@pytest.fixture(scope="module")
def hostile_session(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A workshop whose title and participant names (CSV cells) carry escapes and markup."""
    folder = tmp_path_factory.mktemp("workshop")
    session = str(folder / "atelier.yaml")
    run("workshop", "new", session, "--title", TITLE)
    header = "participant,profil,besoins,stade,frequence,duree,budget,territoire"
    answers = (
        "independant,salles_reunion;convivialite,lancement,reguliere,quelques_mois,modeste,rural"
    )
    rows = ['"' + name.replace('"', '""') + '",' + answers for name in NAMES]
    csv_file = folder / "reponses.csv"
    csv_file.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    run("workshop", "import", session, str(csv_file))
    return session


def test_workshop_list_and_terminal_report_show_names_literally(hostile_session: str) -> None:
    listing = run("workshop", "list", hostile_session).stdout
    shows(listing, TITLE, *NAMES)
    report = run("workshop", "report", hostile_session).stdout
    shows(report, TITLE, *NAMES)
    names = json.loads(run("workshop", "list", hostile_session, "--format", "json").stdout)
    assert names["title"] == TITLE
    assert [p["name"] for p in names["participants"]] == list(NAMES)


def test_workshop_markdown_html_and_json_reports(hostile_session: str) -> None:
    markdown = run("workshop", "report", hostile_session, "--format", "markdown").stdout
    assert_inert_markdown(markdown)
    seen = "".join(rendered(markdown).text)
    for text in (TITLE, *NAMES):
        assert printable(text) in seen
    # one table row per participant, whatever their name holds
    first_choices = markdown.split("## Premier choix de chaque participant")[1].split("##")[0]
    assert len([line for line in first_choices.splitlines() if line.startswith("| ")]) == 1 + 4
    html = run("workshop", "report", hostile_session, "--format", "html").stdout
    assert "<script>" not in html
    assert "<b>x</b>" not in html
    for text in (TITLE, *NAMES):
        assert _html_escape(printable(text)) in html
    document = json.loads(run("workshop", "report", hostile_session, "--format", "json").stdout)
    assert document["title"] == TITLE
    assert document["participants"] == list(NAMES)


def _html_escape(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


# -- properties: every format gives back exactly what was given -------------------------

ANY_TEXT = st.text(st.characters(codec=None), min_size=1, max_size=40) | st.text(
    "\\`*_{}[]()#+-.!|<>&~$= 1a\n\t\x1b\x07\x85\u2028\u202e", min_size=1, max_size=25
)


def unprintable(visible: str) -> str:
    """Read ``printable``'s visible form back: ``\\\\`` is a backslash, ``\\\\xNN``…"""
    named = {"n": "\n", "r": "\r", "t": "\t"}
    widths = {"x": 2, "u": 4, "U": 8}
    out, index = [], 0
    while index < len(visible):
        char = visible[index]
        lead = visible[index + 1 : index + 2]
        if char == "\\" and lead == "\\":
            out.append("\\")
            index += 2
        elif char == "\\" and lead in named:
            out.append(named[lead])
            index += 2
        elif char == "\\" and lead in widths:
            end = index + 2 + widths[lead]
            out.append(chr(int(visible[index + 2 : end], 16)))
            index = end
        else:
            out.append(char)
            index += 1
    return "".join(out)


HIDDEN_CHARS = re.compile(  # lone surrogates too: no encoder can write them
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_printable_hides_nothing_and_reads_back(text: str) -> None:
    visible = printable(text)
    assert HIDDEN_CHARS.search(visible) is None
    assert unprintable(visible) == text
    if HIDDEN_CHARS.search(text) is None and "\\" not in text:
        assert visible == text


def test_printable_examples() -> None:
    assert printable("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"
    assert printable("a\u2028b\u202ec\x9b") == "a\\u2028b\\u202ec\\x9b"
    assert printable("C:\\dossier\\notes") == "C:\\dossier\\\\notes"  # \n would read as a break
    assert printable("\\\x1b") == "\\\\\\x1b"
    assert printable("Zoé\u00a0: 😀") == "Zoé\u00a0: 😀"


# where reports put untrusted text: (element it lands in, program text before it there)
CONTEXTS = {
    "{}": ("p", ""),
    "- {}": ("li", ""),
    "- [ ] {}": ("li", "[ ] "),
    "## {}": ("h2", ""),
    "**{}**": ("strong", ""),
    "| a |\n|---|\n| {} |": ("td", ""),
}


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, st.sampled_from(sorted(CONTEXTS)))
def test_markdown_text_renders_exactly_the_visible_text(text: str, context: str) -> None:
    html = MARKDOWN.render(context.format(md_text(text)))
    tag, before = CONTEXTS[context]
    inner = re.search(f"<{tag}>(.*)</{tag}>", html, re.S)
    assert inner is not None, html
    parser = _Html()
    parser.feed(inner.group(1))
    parser.close()
    assert parser.tags == []
    assert "".join(parser.text) == before + printable(text)


def test_markdown_sources_are_links_only_when_plain() -> None:
    assert md_source("https://example.org/a?b=1", "source") == "[source](https://example.org/a?b=1)"
    for url in (FACT_SOURCE, "https://x.example/a(b)", "https://x.example/\x1b", "javascript:x"):
        html = rendered(md_source(url, "source"))
        assert [tag for tag, _ in html.tags] == ["p"]
        assert "".join(html.text).strip() == printable(url)


def test_a_code_block_cannot_be_closed_from_inside() -> None:
    block = md_code_block("espaces advise --rules '```\n# x'", "sh")
    html = rendered(block + "\n\nafter")
    assert [tag for tag, _ in html.tags] == ["pre", "code", "p"]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_rich_text_of_printable_shows_it_verbatim(text: str) -> None:
    visible = printable(text)
    buffer = StringIO()
    console = Console(file=buffer, width=1000, color_system=None, highlight=False)
    table = Table.grid()
    table.add_column(no_wrap=True)
    table.add_row(Text(visible))
    console.print(Text(visible), soft_wrap=True)
    console.print(table)
    lines = buffer.getvalue().split("\n")
    assert lines[0] == visible
    assert lines[1].rstrip(" ") == visible.rstrip(" ")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(ANY_TEXT, ANY_TEXT | st.lists(ANY_TEXT, max_size=3), max_size=4))
def test_json_text_round_trips_and_shows_nothing_raw(document: dict[str, object]) -> None:
    dumped = json_text(document)
    assert json.loads(dumped) == document
    assert HIDDEN_CHARS.search(dumped.replace("\n", "")) is None
