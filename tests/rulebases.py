"""Small rule bases that several test files write to disk (YAML text)."""

# A tiny base whose every answer set can be listed: 2 × 2 = 4 answer sets.
TINY = """\
name: tiny
version: "1"
criteria:
  calme: {label: {fr: "Calme"}}
  outils: {label: {fr: "Outils"}}
questions:
  besoin:
    kind: one
    label: {fr: "Besoin ?"}
    choices:
      calme: {fr: "Du calme"}
      outils: {fr: "Des outils"}
  budget:
    kind: one
    label: {fr: "Budget ?"}
    choices:
      petit: {fr: "Petit"}
      grand: {fr: "Grand"}
weight_rules:
  - id: veut_calme
    when: {question: besoin, equals: calme}
    add: {calme: 3}
    because: {fr: "Vous voulez du calme."}
  - id: veut_outils
    when: {question: besoin, equals: outils}
    add: {outils: 3}
    because: {fr: "Vous voulez des outils."}
  - id: petit_budget
    when: {question: budget, equals: petit}
    add: {calme: 1}
    because: {fr: "Petit budget."}
  - id: grand_budget
    when: {question: budget, equals: grand}
    add: {outils: 1}
    because: {fr: "Grand budget."}
space_types:
  bureau:
    label: {fr: "Bureau"}
    summary: {fr: "Un bureau calme"}
    fit: {calme: 4, outils: 0}
  atelier:
    label: {fr: "Atelier"}
    summary: {fr: "Un atelier"}
    fit: {calme: 1, outils: 4}
"""
