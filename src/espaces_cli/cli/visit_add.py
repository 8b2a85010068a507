"""``espaces visit add``: what a visit showed, typed item by item or read from a file.

Each answer is noted as soon as it is given, so that Ctrl-C keeps them all in the state
folder and ``--resume`` asks only the rest.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from espaces_cli.cli.argv import LAST_RECOVERY
from espaces_cli.cli.context import environment
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.errors import reported
from espaces_cli.cli.help import LocalCommand
from espaces_cli.cli.options import PlainOption, RulesOption
from espaces_cli.cli.visit import (
    NotebookArgument,
    PlaceArgument,
    TypeOption,
    complete_check,
    open_notebook,
    visit_app,
)
from espaces_cli.core.errors import EspacesError, ExitStatus, UsageError
from espaces_cli.core.text import printable
from espaces_cli.language import N_, _, _n, local, worded

if TYPE_CHECKING:
    from espaces_cli.core.model import RuleBase
    from espaces_cli.core.visit import Notebook
    from espaces_cli.visit_prompts import Check, VisitAsker

OUTCOME_LABELS = (
    ("oui", N_("oui")),
    ("partiel", N_("partiellement")),
    ("non", N_("non")),
    ("inconnu", N_("pas demandé")),
)
RATING_LABELS = (
    ("1", N_("1 — pas du tout")),
    ("2", N_("2 — plutôt non")),
    ("3", N_("3 — mitigé")),
    ("4", N_("4 — plutôt oui")),
    ("5", N_("5 — tout à fait")),
)


@visit_app.command("add", cls=LocalCommand)
def visit_add(
    ctx: typer.Context,
    notebook: NotebookArgument,
    name: PlaceArgument = None,
    space_type: TypeOption = None,
    from_file: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar=N_("FICHIER"),
            help=N_("Lire la visite d'un fichier YAML ou JSON (- pour l'entrée standard)."),
        ),
    ] = None,
    check: Annotated[
        list[str] | None,
        typer.Option(
            "--check",
            "-c",
            metavar=N_("ID=RÉPONSE"),
            autocompletion=complete_check,
            help=N_("Répondre à un point de la liste : oui, partiel, non, inconnu (répétable)."),
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help=N_("Remplacer la visite d'un lieu déjà noté."))
    ] = False,
    resume: Annotated[
        str | None,
        typer.Option(
            "--resume",
            metavar=N_("[FICHIER]"),
            help=N_("Reprendre une visite interrompue (Ctrl-C) ; par défaut, la dernière."),
        ),
    ] = None,
    plain: PlainOption = False,
    rules: RulesOption = None,
) -> None:
    """Noter une visite : chaque point de la liste, le prix, le contrat, votre impression."""
    env = environment(ctx)
    with reported(env):
        from espaces_cli.core.visit import check_visit, name_key
        from espaces_cli.visit_io import drop_partial, read_visit_file, update_notebook

        rule_base, book = open_notebook(env, notebook, rules)
        if from_file is not None:
            if name is not None or space_type is not None or check or resume is not None:
                raise UsageError(
                    _(
                        "--from donne toute la visite : NOM, --type, --check et --resume "
                        "vont sans lui."
                    )
                )
            visit = read_visit_file(from_file, rule_base, book, env.binary_stdin)
            document: dict[str, Any] = {}
        else:
            document = _start(env, notebook, name, space_type, check or [], resume)
            known = map(name_key, book.names())
            if not replace and name_key(str(document.get("name", ""))) in known:
                raise UsageError(
                    _(
                        "« {name} » est déjà dans le carnet (--replace pour la remplacer).",
                        name=printable(str(document["name"])),
                    )
                )
            ask = _asker(env, plain)
            if ask is not None:
                _ask_visit(env, ask, rule_base, book, notebook, document)
            elif "name" not in document or "type" not in document:
                raise UsageError(
                    _(
                        "Pas de terminal pour poser les questions : donnez --from VISITE.yaml, "
                        "ou NOM --type TYPE avec --check ID=RÉPONSE."
                    )
                )
            visit = check_visit(rule_base, book.answers, document)
        updated = update_notebook(
            notebook,
            rule_base,
            lambda b: b.with_visit(visit, replace_existing=replace),
            warn=env.say,
        )
        if from_file is None and resume == LAST_RECOVERY:
            drop_partial(env.variables)  # used once: nothing is left to resume
        env.say(
            _n(
                "« {name} » noté dans {path} ({count} lieu). Comparer : espaces visit compare "
                "{path}",
                "« {name} » noté dans {path} ({count} lieux). Comparer : espaces visit compare "
                "{path}",
                len(updated.visits),
                name=printable(visit.name),
                path=notebook,
            )
        )


def _start(
    env: Environment,
    notebook: str,
    name: str | None,
    space_type: str | None,
    checks: list[str],
    resume: str | None,
) -> dict[str, Any]:
    """What is known before asking: a resumed visit, then the command line's values."""
    document: dict[str, Any] = {}
    if resume is not None:
        from espaces_cli.visit_io import take_partial

        kept = take_partial(env.variables, notebook, None if resume == LAST_RECOVERY else resume)
        if kept is None:
            raise UsageError(_("Aucune visite interrompue à reprendre pour {path}.", path=notebook))
        document.update(kept)
    if name is not None:
        document["name"] = name
    if space_type is not None:
        document["type"] = space_type
    for given in checks:
        item, sep, value = given.partition("=")
        if not sep or not item.strip():
            raise UsageError(
                _(
                    "--check « {text} » : forme attendue ID=RÉPONSE, où RÉPONSE vaut oui, "
                    "partiel, non ou inconnu.",
                    text=printable(given)[:80],
                )
            )
        document.setdefault("checks", {})[item.strip()] = value.strip()
    return document


def _asker(env: Environment, plain: bool) -> VisitAsker | None:
    if not env.can_ask:
        return None
    if plain or env.dumb_terminal:
        from espaces_cli.visit_prompts import PlainVisitAsker

        stdin = env.stdin
        assert stdin is not None  # can_ask says it is a terminal
        return PlainVisitAsker(read=stdin.readline, echo=env.stderr, width=env.stderr_width)
    from espaces_cli.visit_prompts import TerminalVisitAsker

    return TerminalVisitAsker(echo=env.stderr, width=env.stderr_width)


def _checked(parse: Callable[[str], object]) -> Check:
    def check(typed: str) -> str | None:
        try:
            parse(typed)
        except EspacesError as error:
            return worded(error)
        return None

    return check


def _ask_visit(
    env: Environment,
    ask: VisitAsker,
    rule_base: RuleBase,
    book: Notebook,
    notebook: str,
    document: dict[str, Any],
) -> None:
    """Ask what ``document`` lacks, noting each answer at once; Ctrl-C keeps them."""
    try:
        _ask_fields(ask, rule_base, book, document)
    except (KeyboardInterrupt, EOFError):
        if not document:
            raise
        from espaces_cli.visit_io import keep_partial

        try:
            kept = keep_partial(env.variables, notebook, document)
        except EspacesError as error:
            env.say(_("Interrompu : visite non gardée ({why}).", why=worded(error)))
        else:
            env.say(
                _(
                    "Interrompu : visite gardée dans {kept} ; reprenez avec : espaces visit add "
                    "{path} --resume",
                    kept=kept,
                    path=notebook,
                )
            )
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None


def _ask_fields(
    ask: VisitAsker, rule_base: RuleBase, book: Notebook, document: dict[str, Any]
) -> None:
    from espaces_cli.core.answers import find_type
    from espaces_cli.core.engine import Engine
    from espaces_cli.core.visit import (
        check_name,
        parse_date,
        parse_price,
        parse_text,
        visit_items,
    )

    if "name" not in document:
        document["name"] = ask.text(_("Nom du lieu visité :"), _checked(check_name)).strip()
    check_name(document["name"])
    if "type" not in document:
        best = Engine(rule_base).profile(book.answers).first or ""
        document["type"] = ask.choose(
            _("Type de lieu :"),
            [(t.id, local(t.label)) for t in rule_base.space_types],
            best,
        )
    kind = find_type(rule_base, str(document["type"])).id
    items = [i for i in visit_items(rule_base, book.answers, kind) if i.id is not None]
    checks: dict[str, Any] = document.setdefault("checks", {})
    notes: dict[str, Any] = document.setdefault("check_notes", {})
    labels = [(value, _(label)) for value, label in OUTCOME_LABELS]
    for number, item in enumerate(items, start=1):
        assert item.id is not None
        if item.id in checks:
            continue
        outcome = ask.choose(f"[{number}/{len(items)}] {local(item.text)}", labels, "inconnu")
        if outcome in ("partiel", "non"):
            note = ask.text(
                _("Une note (Entrée pour passer) :"), _checked(lambda s: parse_text("note", s))
            )
            if note.strip():
                notes[item.id] = note.strip()
        checks[item.id] = outcome
    if not notes:
        document.pop("check_notes")
    questions: list[tuple[str, str, Check, str]] = [
        (
            "price_month",
            _("Prix tout compris, en euros par personne et par mois (Entrée si inconnu) :"),
            _checked(parse_price),
            "",
        ),
        (
            "contract",
            _("Conditions du contrat : durée minimale, préavis (Entrée pour passer) :"),
            _checked(lambda s: parse_text("contract", s)),
            "",
        ),
        (
            "date",
            _("Date de la visite (AAAA-MM-JJ) :"),
            _checked(parse_date),
            datetime.date.today().isoformat(),
        ),
    ]
    for key, message, check, default in questions:
        if key not in document:
            document[key] = ask.text(message, check, default).strip()
    if "rating" not in document:
        document["rating"] = ask.choose(
            _("Votre impression, de 1 à 5 :"),
            [(value, _(label)) for value, label in RATING_LABELS],
            "3",
        )
    if "notes" not in document:
        document["notes"] = ask.text(
            _("Autres notes (Entrée pour passer) :"), _checked(lambda s: parse_text("notes", s))
        ).strip()


# ``--help`` lists the commands in the order a person uses them
_ORDER = ("new", "sheet", "add", "list", "remove", "compare")
visit_app.registered_commands.sort(
    key=lambda c: _ORDER.index(c.name) if c.name in _ORDER else len(_ORDER)
)
