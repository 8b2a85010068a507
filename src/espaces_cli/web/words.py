"""The pages' words, marked for the catalog like every other message, in the request's language."""

from __future__ import annotations

from collections.abc import Iterable

from espaces_cli.language import _, available


def choose_language(asked: str | None, saved: str | None, accept: str) -> str:
    """The page's language: the switch, then the remembered choice, then the browser's."""
    known = available()
    for wanted in (asked, saved):
        if wanted in known:
            return wanted
    for code in _accepted(accept):
        if code in known:
            return code
    return known[0]


def _accepted(header: str) -> Iterable[str]:
    """The languages of an ``Accept-Language`` header, most wanted first."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header[:500].split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, index, tag.split("-")[0].lower()))
    return [code for _q, _i, code in sorted(ranked)]


def page_words() -> dict[str, str]:
    """Every fixed text of the pages (templates hold no words of their own)."""
    return {
        "app": _("Atelier espaces"),
        "skip": _("Aller au contenu"),
        "welcome_title": _("Bienvenue dans l'atelier"),
        "welcome_text": _(
            "Répondez aux questions sur votre téléphone : l'animateur affiche le résultat du "
            "groupe au fur et à mesure. Les autres participants ne voient pas votre nom."
        ),
        "name_label": _("Votre prénom ou un pseudonyme"),
        "name_help": _("Il sert à l'animateur pour retrouver vos réponses."),
        "start": _("Commencer"),
        "next": _("Suivant"),
        "back": _("Précédent"),
        "finish": _("Envoyer mes réponses"),
        "problem": _("À corriger :"),
        "done_title": _("Merci, vos réponses sont enregistrées"),
        "your_result": _("Votre recommandation"),
        "your_ranking": _("Vos trois premiers types de lieux"),
        "score": _("score"),
        "group_note": _("Le résultat du groupe s'affiche sur l'écran de l'animateur."),
        "revise": _("Modifier mes réponses"),
        "already": _("Vous avez déjà répondu."),
        "see_result": _("Voir ma recommandation"),
        "closed_title": _("Les réponses sont closes"),
        "closed_text": _("L'animateur a clos les réponses : merci de votre participation."),
        "taken_title": _("Ce nom est déjà pris"),
        "taken_text": _(
            "Quelqu'un de l'atelier a déjà répondu sous ce nom : choisissez-en un autre "
            "(par exemple avec l'initiale de votre nom)."
        ),
        "other_name": _("Choisir un autre nom"),
        "code_title": _("Rejoindre un atelier"),
        "code_label": _("Code de l'atelier"),
        "code_help": _("Le code affiché à l'écran, par exemple ABCD-EFGH-JK."),
        "join": _("Rejoindre"),
        "facilitator": _("Animation"),
        "join_at": _("Pour participer, ouvrez"),
        "or_scan": _("ou scannez le code QR"),
        "code": _("Code"),
        "answers_open": _("Réponses ouvertes"),
        "answers_closed": _("Réponses closes"),
        "close": _("Clore les réponses"),
        "reopen": _("Rouvrir les réponses"),
        "report": _("Rapport final"),
        "ranking": _("Classement du groupe"),
        "consensus": _("Consensus"),
        "disagreements": _("Désaccords"),
        "criteria_spread": _("Critères sur lesquels le groupe diverge le plus"),
        "question_splits": _("Questions qui partagent le groupe"),
        "none_yet": _("Aucune réponse pour l'instant : le classement s'affichera ici."),
        "manage": _("Gérer les participants (noms visibles : ne pas projeter)"),
        "remove": _("Retirer"),
        "first_choices": _("Premiers choix"),
    }
