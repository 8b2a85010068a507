"""Small rule bases the tests share, as YAML texts (a test module never imports another)."""

MINIMAL = """\
name: mini
version: "1"
criteria:
  a: {label: {fr: "A"}}
  b: {label: {fr: "B"}}
questions:
  q:
    kind: one
    label: {fr: "Q ?"}
    choices:
      x: {fr: "X"}
      y: {fr: "Y"}
  m:
    kind: several
    label: {fr: "M ?"}
    choices:
      u: {fr: "U"}
weight_rules:
  - id: qx
    when: {question: q, equals: x}
    add: {a: 2}
    because: {fr: "parce que"}
space_types:
  t1:
    label: {fr: "T1"}
    summary: {fr: "Le premier"}
    fit: {a: 4, b: 1}
"""

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
