"""Exercise 5, IPS fidelity: the learner scores a sample agency on a few items of the scale from the
evidence a reviewer collected, then proposes an improvement plan. Expected scores come from the
kit's own scorer (irt_sim.ips.fidelity) at grading time."""

from __future__ import annotations

import datetime as dt
import html

from ..casebook import Casebook
from ..ips.fidelity import FidelityResult, load_scale, score_profile
from ..yamlfile import CasebookError, read_yaml
from .feedback import Feedback

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
        parts = [f"<h3>{esc(p.name)}</h3><p>{esc(' '.join(p.description.split()))}</p>",
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


def read_fidelity_scores(text: str, items=EXERCISE_ITEMS) -> tuple[dict[str, int], list[str]]:
    """The learner's 'ITEM: score' lines: the scores that can be read, and a line for each that cannot."""
    try:
        data, _ = read_yaml(text or "", "your scores")
    except CasebookError as exc:
        return {}, [str(p).replace("your scores, ", "") for p in exc.problems]
    data = data if isinstance(data, dict) else {}
    scores, problems = {}, []
    for item in _items(items):
        value = data.get(item.id)
        if value is None or value == "":
            problems.append(f"{item.id} ({item.name}) has no score yet: write a whole number from 1 to 5.")
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            problems.append(f"{item.id} ({item.name}): '{value}' is not a score; write a whole number from 1 to 5.")
        else:
            scores[item.id] = value
    unknown = [str(k) for k in data if str(k) not in items]
    if unknown:
        problems.append(f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not among this exercise's items; "
                        "those lines were not counted.")
    return scores, problems


def check_fidelity_scores(text: str, items=EXERCISE_ITEMS) -> Feedback:
    """Self-check: is there a readable score for every item? (Whether they are right is for the trainer's copy.)"""
    scores, problems = read_fidelity_scores(text, items)
    return Feedback(len(scores), len(items), problems or ["Every item has a score that can be read."])


def grade_fidelity_scores(text: str, book: Casebook, agency_id: str, items=EXERCISE_ITEMS,
                          points_per_item: float = 1) -> Feedback:
    """A point for each score that matches the anchor, half a point when one off; each line says
    what the evidence shows and which score the anchor gives for it."""
    scores, problems = read_fidelity_scores(text, items)
    result = score_profile(book.agencies[agency_id])
    expected = {s.item.id: s for s in result.items}
    fb = Feedback(0, points_per_item * len(items), list(problems))  # what could not be read, in the learner's terms
    for item in _items(items):
        truth = expected[item.id]
        given = scores.get(item.id)
        if given == truth.score:
            fb.points += points_per_item
            continue
        if given is not None and abs(given - truth.score) == 1:
            fb.points += points_per_item / 2
            head = f"{item.id} {item.name}: you gave {given}, one away from the anchor's {truth.score} (half a point)."
        elif given is None:
            head = f"{item.id} {item.name}: the anchor gives {truth.score}."
        else:
            head = f"{item.id} {item.name}: you gave {given}; the anchor gives {truth.score}."
        if item.anchor.kind == "judgement":
            fb.lines.append(f"{head} The reviewer judged it from the agency's description with this guide: "
                            f"{item.anchor.guide}")
        else:
            fb.lines.append(f"{head} Evidence: {truth.basis}. How it is scored: {item.how_scored()}")
    return fb


# --- the improvement plan ----------------------------------------------------------------------------


def _weakest(result: FidelityResult, limit: int = 3) -> list[str]:
    return [s.item.id for s in result.items if s.score is not None and s.score <= limit]


def grade_improvement_plan(text: str, book: Casebook, agency_id: str, points: float = 2,
                           least_steps: int = 3) -> Feedback:
    """One point for a plan whose steps are complete (item, action, who, by when, within a year of
    the review); one for aiming at least two steps at items scoring 3 or less."""
    profile = book.agencies[agency_id]
    scale = {i.id: i for i in load_scale().items}
    try:
        data, _ = read_yaml(text or "", "your plan")
    except CasebookError as exc:
        return Feedback(0, points, ["The plan could not be read yet:"] + [str(p).replace("your plan, ", "") for p in exc.problems])
    steps = data if isinstance(data, list) else []
    fb = Feedback(0, points)
    if len(steps) < least_steps:
        fb.lines.append(f"Write at least {least_steps} steps, each starting with '- item:' (you have {len(steps)}).")
    complete, aimed = 0, set()
    weakest = _weakest(score_profile(profile))
    for n, step in enumerate(steps, 1):
        if not isinstance(step, dict):
            fb.lines.append(f"Step {n} should have the lines item, action, who and by.")
            continue
        item, action, who, by = (str(step.get(k) or "").strip() for k in ("item", "action", "who", "by"))
        missing = [k for k, v in (("item", item), ("action", action), ("who", who), ("by", by)) if not v]
        if missing:
            fb.lines.append(f"Step {n} has no {', no '.join(missing)} yet.")
            continue
        if item not in scale:
            fb.lines.append(f"Step {n}: '{item}' is not an item of the fidelity scale (use ids such as S1 or V13).")
            continue
        if len(action.split()) < 4:
            fb.lines.append(f"Step {n}: say what will change in a short sentence, not in {len(action.split())} word(s).")
            continue
        try:
            due = dt.date.fromisoformat(by)
        except ValueError:
            fb.lines.append(f"Step {n}: write the date as YYYY-MM-DD (you wrote '{by}').")
            continue
        if not profile.profile_date < due <= profile.profile_date + dt.timedelta(days=366):
            fb.lines.append(f"Step {n}: set a date within a year after the review ({profile.profile_date.isoformat()}), "
                            "so the next review can see the change.")
            continue
        complete += 1
        if item in weakest:
            aimed.add(item)
    if steps and complete == len(steps) and complete >= least_steps:
        fb.points += points / 2
    if len(aimed) >= 2:
        fb.points += points / 2
    else:
        fb.lines.append("Aim at least two steps at items where the agency scores 3 or less (for example "
                        f"{', '.join(weakest[:4])}); those are where the next review can gain most.")
    return fb
