"""Win shares per profile over sampled answer sets, as a Markdown table (docs/win-shares.md).

Usage: python scripts/win_shares.py [--rules FILE] [--samples N] [--seed S]

Each sampled answer set is drawn as ``rules coverage`` draws them (uniform single choices,
one to three ticks); the table gives, per profile and overall, the share of sets where each
type comes first in ``advise``.
"""

from __future__ import annotations

import argparse
from collections import Counter

from espaces_cli.core.engine import advise
from espaces_cli.core.explore import sample_answers
from espaces_cli.rules.loader import load_rule_base


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", default=None)
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rule_base = load_rule_base(args.rules)
    wins: dict[str, Counter[str]] = {}
    for answers in sample_answers(rule_base.questions, args.samples, args.seed):
        advice = advise(rule_base, answers)
        winner = advice.winner.space_type.id if advice.winner else "-"
        for key in ("*", str(answers["profil"])):
            wins.setdefault(key, Counter())[winner] += 1
    profiles = ["*"] + [c for c in rule_base.question("profil").choice_ids() if c in wins]
    types = [t.id for t in rule_base.space_types]
    print("| type | " + " | ".join("tous" if p == "*" else p for p in profiles) + " |")
    print("|---|" + "---:|" * len(profiles))
    for tid in types:
        cells = []
        for p in profiles:
            total = sum(wins[p].values())
            cells.append(f"{100 * wins[p][tid] / total:.1f}")
        print(f"| {tid} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
