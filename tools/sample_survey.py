"""Write casebook/academy/sample-survey-responses.csv: invented answers to the Community Academy survey
from 24 people at Harlow Valley's partners, at the start and the end of the day, for trainers to try
`irt-academy academy-survey` on. Seeded, so the file comes out the same each time.

    python tools/sample_survey.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from irt_sim import load_casebook
from irt_sim.academy.survey import LETTERS, columns, knowledge_questions, partners

KIT = Path(__file__).resolve().parent.parent
OUT = KIT / "casebook" / "academy" / "sample-survey-responses.csv"
#: Partners that already work together before the day (the invented community's habits).
CLUSTERS = [{"state-vr", "ajc-wioa-adult", "wipa-benefits", "northgate-ips", "northgate-behavioral"},
            {"tanf-work-program", "family-services", "ajc-wioa-adult", "wioa-youth"},
            {"county-probation", "clearwater-recovery", "valley-legal-aid"},
            {"harlow-housing-authority", "safe-harbor-housing", "good-neighbor-ministries"}]


def main() -> None:
    rng = random.Random(2026)
    book = load_casebook(KIT / "casebook")
    ids = [p.id for p in partners(book)]
    questions = knowledge_questions()
    people = [(f"R{n:02d}", ids[n % len(ids)]) for n in range(24)]
    new_ties = {who: rng.sample([i for i in ids if i != program], 2) for who, program in people}
    rows = []
    for time, knows in (("pre", 0.5), ("post", 0.8)):
        for who, program in people:
            row = {"respondent": who, "time": time, "program": program}
            for key, q in questions:
                right = rng.random() < knows
                row[key] = LETTERS[q.right] if right else rng.choice([LETTERS[i] for i in range(len(q.options)) if i != q.right])
            for other in ids:
                if other == program:
                    continue
                close = any({program, other} <= c for c in CLUSTERS)
                often = (rng.choice([2, 3]) if close else rng.choice([0, 0, 0, 1]))
                if time == "post" and other in new_ties[who]:
                    often = max(often, 2)
                row[f"often:{other}"] = often
                if often:
                    row[f"well:{other}"] = min(4, rng.choice([2, 3, 3, 4]) + (time == "post" and close))
            rows.append(row)
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns(book), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT.relative_to(KIT)}: {len(rows)} rows")


if __name__ == "__main__":
    main()
