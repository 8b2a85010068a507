"""A rule-base condition said in words (« pour : Étudiant / Salarié »), for people.

The condition language (``profil ∈ …``) is the rule base's; a reader knows the choices
they were offered, so a condition is told with those choices' labels, in the run's
language. Ids appear only when the rule base names something it does not define.
"""

from __future__ import annotations

from espaces_cli.core.model import AllOf, AnyOf, Condition, Leaf, RuleBase
from espaces_cli.language import _, local


def _choices(leaf: Leaf, rule_base: RuleBase) -> str:
    if not rule_base.has_question(leaf.question):
        return " / ".join(leaf.values)
    question = rule_base.question(leaf.question)
    names = {c.id: local(c.label) for c in question.choices}
    return " / ".join(names.get(value, value) for value in leaf.values)


def _leaf(leaf: Leaf, rule_base: RuleBase) -> str:
    choices = _choices(leaf, rule_base)
    if leaf.operator in ("not_equals", "not_in"):
        return _("tous sauf {choices}", choices=choices)
    if leaf.operator == "contains":
        return _("« {choice} » coché", choice=choices)
    return choices


def condition_words(
    condition: Condition | None, rule_base: RuleBase, *, nested: bool = False
) -> str:
    """``Étudiant / Salarié``, ``tous sauf Grande entreprise``, ``… et …``: no syntax."""
    if condition is None:
        return _("tous")
    if isinstance(condition, Leaf):
        return _leaf(condition, rule_base)
    if isinstance(condition, AllOf | AnyOf):
        word = _(" et ") if isinstance(condition, AllOf) else _(" ou ")
        text = word.join(condition_words(c, rule_base, nested=True) for c in condition.items)
        return f"({text})" if nested else text
    return _("sauf {condition}", condition=condition_words(condition.item, rule_base, nested=True))


def for_whom(condition: Condition | None, rule_base: RuleBase) -> str:
    """`` (pour : Étudiant)`` after an item that holds only for some answers; else nothing."""
    if condition is None:
        return ""
    return " " + _("(pour : {condition})", condition=condition_words(condition, rule_base))


def asked_when(condition: Condition, rule_base: RuleBase) -> str:
    """When a question is asked, in words."""
    return _("posée pour : {condition}", condition=condition_words(condition, rule_base))
