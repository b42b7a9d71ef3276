"""What a graded class shows as a whole, for the trainer's next session: each learner's points from the
gradebook, each question's or plan section's share of full marks, the commonest misconceptions in the
IRT's words (the signs the graders left in each autograded notebook's test cells, which the learner's
code never reaches: irt_sim.classroom.regrade), learners to follow up and why, and for the fidelity
exercise how closely the learners' item scores agree with each other and with the anchor."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean, median

from .nbgrader_steps import cell_label
from .report import _autograded_cells, readings_to_look_at, regraded_cells

#: Below this share of the automatic points, a learner is listed for a follow-up.
FOLLOW_UP_BELOW = 0.5
#: Signs that are records, not misconceptions: the report compares them in a section of their own.
RECORDS = {"fidelity_score"}


#: A fidelity score this far from the anchor's, or more, is a misreading of the item, not a judgement call.
FAR = 2


def _far_from_anchor(sign: dict) -> dict | None:
    value, anchor = sign.get("value"), sign.get("expected")
    if sign.get("kind") != "fidelity_score" or value is None or anchor is None or abs(value - anchor) < FAR:
        return None
    return {"kind": "fidelity_far", "about": sign.get("about"), "value": None,
            "words": f"{sign.get('words')} scored {FAR} or more points from the anchor's {anchor:g}"}


@dataclass(frozen=True)
class Part:
    grade_id: str
    label: str
    max_score: float
    automatic: bool  # graded by a test cell (a written answer is graded by the trainer)


@dataclass
class Learner:
    student: str
    scores: dict[str, float | None]  # grade id -> points (None while a written answer waits for the trainer)
    signs: list[dict] = field(default_factory=list)
    case: str = ""  # the customer the learner was graded on, in an exercise with a case of one's own
    follow_up: list[str] = field(default_factory=list)

    def points(self, parts: list[Part], automatic: bool | None = None) -> float:
        return sum(self.scores.get(p.grade_id) or 0 for p in parts if automatic is None or p.automatic == automatic)


@dataclass(frozen=True)
class Misconception:
    kind: str
    about: str
    words: str
    learners: int


@dataclass(frozen=True)
class ItemAgreement:
    item: str
    words: str
    anchor: float | None
    scores: dict[str, int]  # score as written -> how many learners gave it
    with_anchor: float  # share of learners who gave the anchor's score
    within_one: float  # share within one point of it
    among: float | None  # share of pairs of learners who gave the same score


@dataclass
class Cohort:
    assignment: str
    parts: list[Part]
    learners: list[Learner]

    @property
    def automatic_max(self) -> float:
        return sum(p.max_score for p in self.parts if p.automatic)

    def part_share(self, part: Part) -> float | None:
        got = [lr.scores.get(part.grade_id) for lr in self.learners]
        got = [g for g in got if g is not None]
        return mean(got) / part.max_score if got and part.max_score else None

    def misconceptions(self, most: int = 12) -> list[Misconception]:
        seen: Counter = Counter()
        words: dict[tuple, str] = {}
        for lr in self.learners:
            mine = set()
            for s in lr.signs:
                if s.get("kind") in RECORDS:
                    s = _far_from_anchor(s)
                    if s is None:
                        continue
                key = (s.get("kind", ""), s.get("about", ""), str(s.get("value")))
                words.setdefault(key, str(s.get("words", "")))
                mine.add(key)
            seen.update(mine)  # a learner counts once for each misconception, however often it shows
        return [Misconception(k[0], k[1], words[k], n) for k, n in seen.most_common(most)]

    def agreement(self) -> list[ItemAgreement]:
        """Per fidelity item: the learners' scores beside the anchor's (empty for other exercises)."""
        items: dict[str, list[dict]] = {}
        for lr in self.learners:
            for s in lr.signs:
                if s.get("kind") == "fidelity_score":
                    items.setdefault(str(s["about"]), []).append(s)
        out = []
        for item, signs in items.items():
            given = [s["value"] for s in signs if s.get("value") is not None]
            anchor = signs[0].get("expected")
            counts = Counter(f"{v:g}" for v in given)
            n = len(given)
            out.append(ItemAgreement(
                item, str(signs[0].get("words", item)), anchor, dict(sorted(counts.items())),
                sum(v == anchor for v in given) / n if n else 0.0,
                sum(anchor is not None and abs(v - anchor) <= 1 for v in given) / n if n else 0.0,
                sum(c * (c - 1) for c in counts.values()) / (n * (n - 1)) if n > 1 else None))
        return out

    def kappa(self) -> float | None:
        """Fleiss' kappa of the learners' item scores (items as subjects, learners as raters; a learner
        who left an item blank simply does not rate it): agreement beyond what chance would give."""
        rows = [a for a in self.agreement() if a.among is not None]
        if not rows:
            return None
        totals: Counter = Counter()
        for a in rows:
            totals.update(a.scores)
        n_all = sum(totals.values())
        expected = sum((c / n_all) ** 2 for c in totals.values())
        observed = mean(a.among for a in rows)
        return None if expected >= 1 else (observed - expected) / (1 - expected)

    def distribution(self, bins: int = 5) -> list[tuple[str, int]]:
        """How many learners fall in each fifth of the automatic points."""
        top = self.automatic_max or 1
        counts = [0] * bins
        for lr in self.learners:
            share = lr.points(self.parts, automatic=True) / top
            counts[min(int(share * bins), bins - 1)] += 1
        return [(f"{100 * i // bins}-{100 * (i + 1) // bins}%", c) for i, c in enumerate(counts)]


#: Landis and Koch (1977), the usual words for a kappa.
KAPPA_WORDS = [(0.0, "poor"), (0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial"), (1.01, "almost perfect")]


def kappa_words(k: float) -> str:
    return next(w for top, w in KAPPA_WORDS if k <= top) if k > 0 else "poor"


def _parts(course: Path, assignment: str, gb) -> list[Part]:
    labels = {}
    for path in sorted((course / "source" / assignment).glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if gid:
                labels[gid] = cell_label(cell)
    parts = []
    for nb in gb.find_assignment(assignment).notebooks:
        for cell in nb.grade_cells:
            automatic = cell.cell_type == "code"
            label = labels.get(cell.name, cell.name)
            parts.append(Part(cell.name, label if automatic else f"{label} ({cell.name})", cell.max_score, automatic))
    return parts


def _signs(course: Path, assignment: str, student: str) -> list[dict]:
    from ..grading.feedback import NOTES_MIMETYPE

    out = []
    for cells in _autograded_cells(course, assignment, student):
        for cell in cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if not meta.get("grade") or meta.get("solution"):  # only the test cells' own outputs count
                continue
            for output in cell.get("outputs", []):
                data = output.get("data", {}).get(NOTES_MIMETYPE)
                if isinstance(data, dict):
                    out += [s for s in data.get("signs", []) if isinstance(s, dict)]
    return out


def cohort(course: Path, assignment: str) -> Cohort:
    """The class's results for ``assignment``, from the course's gradebook and autograded notebooks."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        try:
            parts = _parts(course, assignment, gb)
        except MissingEntry:
            raise ValueError(f"the gradebook has no assignment '{assignment}' yet; grade it first") from None
        learners = []
        for sub in sorted(gb.assignment_submissions(assignment), key=lambda s: s.student.id):
            scores = {g.name: None if g.needs_manual_grade else g.score for nb in sub.notebooks for g in nb.grades}
            learners.append(Learner(sub.student.id, scores))
    result = Cohort(assignment, parts, learners)
    from .variants import case_of, mismatch

    for lr in learners:
        lr.signs = _signs(course, assignment, lr.student)
        for cells in _autograded_cells(course, assignment, lr.student):
            variant = case_of(cells, lr.student)
            if variant:
                lr.case, written = variant
                if mismatch(written, lr.student):
                    lr.follow_up.append(f"wrote the learner id '{written}' in the notebook, but the submission is "
                                        f"{lr.student}'s: graded on {lr.student}'s case ({lr.case})")
        got, most = lr.points(parts, automatic=True), result.automatic_max
        if most and got / most < FOLLOW_UP_BELOW:
            lr.follow_up.append(f"{got:g} of {most:g} points graded automatically")
        readings = readings_to_look_at(course, assignment, lr.student)
        broken = sum(r.kind == "did not run" for r in readings)
        guessed = sum(r.kind == "guess" for r in readings)
        if broken:
            lr.follow_up.append(f"{broken} answer cell(s) did not run as Python (read from their text)")
        if guessed:
            lr.follow_up.append(f"{guessed} reading(s) of an answer were guesses; check they mean what the learner meant")
        if regraded_cells(course, assignment, lr.student):
            lr.follow_up.append("a test cell scored differently in the learner's own kernel: look for answer cells "
                                "that change the grading")
    return result
