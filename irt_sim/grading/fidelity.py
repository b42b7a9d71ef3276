"""Exercise 5, IPS fidelity: the learner scores a sample agency on a few items of the scale from the
evidence a reviewer collected, then proposes an improvement plan. Expected scores come from the
kit's own scorer (irt_sim.ips.fidelity) at grading time."""

from __future__ import annotations

import datetime as dt
import html
import re

from ..inputs.casebook import Casebook
from ..ips.fidelity import FidelityResult, load_scale, score_profile
from .cases import exercise_casebook
from .answers import Answer, as_answer
from .feedback import Feedback, Sign, guarded
from .lenient import read_answer
from .lines import answer_lines
from .reading import Candidate, Note, Resolver, read_date, read_number, shown

#: The items the exercise asks for: measured, counted and judged ones, so each kind of anchor is practised.
EXERCISE_ITEMS = ("S1", "S2", "S3", "O2", "O3", "V1", "V13")


def _items(ids) -> list:
    scale = {i.id: i for i in load_scale().items}
    return [scale[i] for i in ids]


class Evidence:
    """What the learner scores from: the agency's story, its specialists' figures, the components the
    reviewer found in place, and each selected item's anchor in words."""

    def __init__(self, book: Casebook, agency_id: str, items=EXERCISE_ITEMS):
        self.profile = book.agencies[agency_id]
        self.items = _items(items)

    def _repr_html_(self) -> str:
        p, esc = self.profile, html.escape
        staff = "".join(
            f"<tr><th scope='row'>{esc(s.position)}</th><td>{s.fte:g}</td><td>{s.caseload}</td>"
            f"<td>{s.non_vocational_share:.0%}</td><td>{s.phases_provided} of 6</td><td>{s.community_hours_share:.0%}</td></tr>"
            for s in p.employment_specialists)
        parts = [f"<h2>{esc(p.name)}</h2><p>{esc(' '.join(p.description.split()))}</p>",
                 "<table><caption>The employment specialists, as the reviewer recorded them</caption><thead><tr>"
                 "<th scope='col'>Position</th><th scope='col'>Full-time equivalent</th><th scope='col'>Caseload</th>"
                 "<th scope='col'>Time on other work</th><th scope='col'>Phases done personally</th>"
                 "<th scope='col'>Hours in the community</th></tr></thead><tbody>" + staff + "</tbody></table>"]
        for item in self.items:
            if item.anchor.kind == "components":
                found = [item.anchor.components[c] for c in p.components.get(item.id, []) if c in item.anchor.components]
                shown = "".join(f"<li>{esc(f)}</li>" for f in found) or "<li>none</li>"
                parts.append(f"<p>For {item.id} ({esc(item.name)}) the reviewer found in place:</p><ul>{shown}</ul>")
        rows = "".join(f"<tr><th scope='row'>{i.id}</th><td>{esc(i.name)}</td><td>{esc(i.about)}</td>"
                       f"<td>{esc(i.how_scored())}</td></tr>" for i in self.items)
        parts.append("<table><caption>How each item is scored (5 is the best)</caption><thead><tr>"
                     "<th scope='col'>Item</th><th scope='col'>Name</th><th scope='col'>What it asks</th>"
                     "<th scope='col'>How it is scored</th></tr></thead><tbody>" + rows + "</tbody></table>")
        return "".join(parts)

    def __repr__(self) -> str:
        return f"Evidence for {self.profile.name}: " + ", ".join(i.id for i in self.items)


def fidelity_evidence(book: Casebook, agency_id: str, items=EXERCISE_ITEMS) -> Evidence:
    return Evidence(book, agency_id, items)


# --- the scores --------------------------------------------------------------------------------------


def _item_resolver() -> Resolver:
    return Resolver([Candidate(i.id, f"{i.id} ({i.name})", names=(i.name,)) for i in load_scale().items],
                    "item of the fidelity scale")


def read_fidelity_scores(text: Answer | str | None, items=EXERCISE_ITEMS) -> tuple[dict[str, float], list[str], list[Note]]:
    """The learner's 'ITEM: score' lines: the scores that can be read (a half, like 3.5, where the
    learner wrote two neighbouring scores), a line for each that cannot, and how each was read."""
    given = as_answer(text, "scores")
    source = given.value if isinstance(given.value, str) else ""
    resolver, wanted = _item_resolver(), {i.id: i for i in _items(items)}
    scores: dict[str, float] = {}
    problems: list[str] = []
    notes = list(given.notes)
    unknown = []
    for number, field, value in answer_lines(source):
        label = field.rstrip("\t")
        if field.endswith("\t"):  # no colon: 'S1 3'
            words = label.split()
            label, value = (words[0], " ".join(words[1:])) if len(words) > 1 else (label, "")
        r = resolver.read(label, among=list(wanted))
        if not r.ok or r.value not in wanted:
            unknown.append(label)
            continue
        notes += Note.all_at(number, r.notes)
        item = wanted[r.value]
        raw_line = source.split("\n")[number - 1]
        if not value.strip() and "#" in raw_line:  # the score typed after the template's comment
            after = raw_line.split("#", 1)[1].replace(item.name, " ")
            if re.search(r"\d", after):
                value = after
                notes.append(Note.at(number, f"read the score written after the '#' ({shown(after.strip())})", guess=True))
        value = _score_form(value)
        number_read = read_number(value, what="score")
        if number_read.problem == "no answer yet":
            continue
        notes += Note.all_at(number, number_read.notes)
        score = number_read.value
        if not number_read.ok or score is None or not 1 <= score <= 5 or (score * 2) % 1:
            problems.append(f"{item.id} ({item.name}): '{shown(value)}' is not a score; write a whole number from 1 to 5.")
            continue
        scores[item.id] = score
        if score % 1:
            notes.append(Note(f"{item.id}: {score:g} read as between {int(score)} and {int(score) + 1}", guess=True))
    for item in _items(items):
        if item.id not in scores and not any(p.startswith(f"{item.id} (") for p in problems):
            problems.append(f"{item.id} ({item.name}) has no score yet: write a whole number from 1 to 5.")
    if unknown:
        problems.append(f"{', '.join(repr(shown(u)) for u in unknown)} {'is' if len(unknown) == 1 else 'are'} not among "
                        "this exercise's items; those lines were not counted.")
    return scores, problems, notes


def _score_form(value: str) -> str:
    """'3/5' and '3 out of 5' are a score of 3; '3 or 4', '3-4' and '3 to 4' sit between two scores (3.5)."""
    text = str(value or "").strip()
    out_of = re.match(r"^\s*(\d(?:\.\d)?)\s*(?:/|out of|of)\s*5\b(.*)$", text)
    if out_of:
        return out_of.group(1) + out_of.group(2)
    between = re.match(r"^\s*([1-5])\s*(?:or|-|–|to|/)\s*([1-5])\b(.*)$", text)
    if between and abs(int(between.group(1)) - int(between.group(2))) == 1:
        return f"{(int(between.group(1)) + int(between.group(2))) / 2:g}{between.group(3)}"
    return text


@guarded(len(EXERCISE_ITEMS), "Your scores")
def check_fidelity_scores(text: Answer | str | None, items=EXERCISE_ITEMS) -> Feedback:
    """Self-check: is there a readable score for every item, and how was each read?"""
    scores, problems, notes = read_fidelity_scores(text, items)
    return Feedback(len(scores), len(items), problems or ["Every item has a score that can be read. Your trainer's "
                                                          "copy grades them."], "Your scores", notes, check_only=True)


def _agency_possible(text, agency_id, book=None, items=EXERCISE_ITEMS, points_per_item: float = 1) -> float:
    return points_per_item * len(items)


@guarded(_agency_possible, "Your scores")
def grade_fidelity_scores(text: Answer | str | None, agency_id: str, book: Casebook | None = None, items=EXERCISE_ITEMS,
                          points_per_item: float = 1) -> Feedback:
    """A point for each score that matches the anchor, half a point when one off (or when a half
    score such as 3.5 has the anchor as a neighbour); each line says what the evidence shows and
    which score the anchor gives for it."""
    book = exercise_casebook(book)
    scores, problems, notes = read_fidelity_scores(text, items)
    result = score_profile(book.agencies[agency_id])
    expected = {s.item.id: s for s in result.items}
    fb = Feedback(0, points_per_item * len(items), list(problems), "Your scores", notes)
    for item in _items(items):
        truth = expected[item.id]
        given = scores.get(item.id)
        fb.signs.append(Sign("fidelity_score", item.id, f"{item.id} {item.name}", value=given, expected=truth.score))
        if given == truth.score:
            fb.points += points_per_item
            continue
        if given is not None and abs(given - truth.score) <= 1:
            fb.points += points_per_item / 2
            head = (f"{item.id} {item.name}: you gave {given:g}, one away from the anchor's {truth.score} (half a point)."
                    if given % 1 == 0 else f"{item.id} {item.name}: you gave {given:g}, between two scores; the anchor "
                    f"gives {truth.score} (half a point).")
        elif given is None:
            head = f"{item.id} {item.name}: the anchor gives {truth.score}."
        else:
            head = f"{item.id} {item.name}: you gave {given:g}; the anchor gives {truth.score}."
        if item.anchor.kind == "judgement":
            fb.lines.append(f"{head} The reviewer judged it from the agency's description with this guide: "
                            f"{item.anchor.guide}")
        else:
            fb.lines.append(f"{head} Evidence: {truth.basis}. How it is scored: {item.how_scored()}")
    return fb


# --- the improvement plan ----------------------------------------------------------------------------


def _weakest(result: FidelityResult, limit: int = 3) -> list[str]:
    return [s.item.id for s in result.items if s.score is not None and s.score <= limit]


STEP_SHAPE = [{"item": None, "action": None, "who": None, "by": None}]


def read_improvement_plan(text: Answer | str | None, review: dt.date) -> tuple[list[dict], list[str], list[Note]]:
    """Each step as {item, action, who, by, complete}: read line by line where YAML cannot read it,
    with the item's id from its id or name and the date in any usual form."""
    given = as_answer(text, "improvement_plan")
    source = given.value if isinstance(given.value, str) else ""
    read = read_answer(source, STEP_SHAPE, "your plan")
    notes = list(given.notes) + read.notes
    problems = [f"Line {p.line}: {p.message}" for p in read.problems]
    raw = read.data if isinstance(read.data, list) else [read.data] if isinstance(read.data, dict) else []
    resolver = _item_resolver()
    steps = []
    for n, step in enumerate(raw, 1):
        if not isinstance(step, dict):
            problems.append(f"Step {n} should have the lines item, action, who and by.")
            steps.append({"complete": False, "item": None})
            continue
        item, action, who, by = (" ".join(str(step.get(k) or "").split()) for k in ("item", "action", "who", "by"))
        if not any((item, action, who, by)):
            continue  # an empty copy of the template's step
        out = {"n": n, "item": None, "complete": False}
        missing = [k for k, v in (("item", item), ("action", action), ("who", who), ("by", by)) if not v]
        if item:
            r = resolver.read(item)
            notes += [Note(f"step {n}: {x.text}", x.guess) for x in r.notes]
            if r.ok:
                out["item"] = r.value
            else:
                problems.append(f"Step {n}: '{shown(item)}' is not an item of the fidelity scale (use ids such as S1 or V13).")
        if missing:
            problems.append(f"Step {n} has no {', no '.join(missing)} yet.")
        elif out["item"] is None:
            pass
        elif len(action.split()) < 4:
            problems.append(f"Step {n}: say what will change in a short sentence, not in {len(action.split())} word(s).")
        else:
            date = read_date(by, after=review)
            notes += [Note(f"step {n}: {x.text}", x.guess) for x in date.notes]
            if not date.ok:
                problems.append(f"Step {n}: {date.problem}")
            elif not review < date.value <= review + dt.timedelta(days=366):
                problems.append(f"Step {n}: set a date within a year after the review ({review.isoformat()}), so the next "
                                "review can see the change.")
            else:
                out["complete"] = True
        steps.append(out)
    return steps, problems, notes


def _plan_feedback(text, agency_id: str, book: Casebook, weak: set[str], points: float, least_steps: int,
                   title: str, own_scores: bool) -> Feedback:
    profile = book.agencies[agency_id]
    steps, problems, notes = read_improvement_plan(text, profile.profile_date)
    fb = Feedback(0, points, problems, title, notes)
    if len(steps) < least_steps:
        fb.lines.insert(0, f"Write at least {least_steps} steps, each starting with '- item:' (you have {len(steps)}).")
    complete = sum(s["complete"] for s in steps)
    fb.points += points / 2 * complete / max(least_steps, len(steps)) if steps else 0
    aimed = {s["item"] for s in steps if s["item"] in weak}
    if len(aimed) >= 2:
        fb.points += points / 2
    else:
        fb.points += points / 4 * len(aimed)
        where = "items you scored 3 or less above" if own_scores else "items where the agency scores 3 or less"
        fb.lines.append(f"Aim at least two steps at {where}; those are where the next review can gain most"
                        + (" (one step does: half of this point)." if aimed else "."))
    return fb


@guarded(lambda text, agency_id, book=None, points=2, least_steps=3: points, "Your improvement plan")
def grade_improvement_plan(text: Answer | str | None, agency_id: str, book: Casebook | None = None, points: float = 2,
                           least_steps: int = 3) -> Feedback:
    """Half the points for complete steps, shared among the steps (at least ``least_steps`` counted):
    item, action, who, and a date within a year of the review; half for aiming at least two steps at
    items the anchor scores 3 or less (a quarter for one)."""
    book = exercise_casebook(book)
    weak = set(_weakest(score_profile(book.agencies[agency_id])))
    return _plan_feedback(text, agency_id, book, weak, points, least_steps, "Your improvement plan", own_scores=False)


@guarded(lambda text, agency_id, scores=None, book=None, points=2, least_steps=3: points, "Your improvement plan")
def check_improvement_plan(text: Answer | str | None, agency_id: str, scores: Answer | str | None = None,
                           book: Casebook | None = None, points: float = 2, least_steps: int = 3) -> Feedback:
    """Self-check: each step's form, and the aim judged against the learner's own scores, so it never
    reveals which items the anchor scores low."""
    book = exercise_casebook(book)
    mine, _problems, _notes = read_fidelity_scores(scores)
    weak = {i for i, s in mine.items() if s <= 3}
    fb = _plan_feedback(text, agency_id, book, weak, points, least_steps, "Your improvement plan", own_scores=True)
    if not mine:
        fb.lines.append("Score the items above first: the check compares your steps with your own scores.")
    fb.check_only = True
    return fb
