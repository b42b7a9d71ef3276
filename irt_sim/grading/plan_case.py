"""The plan exercise's case: the team that has met (the meeting, the attendees, the program dates the
rules need), the record the team has, and the trainer's worked plan.

The learner sees the team under "Your case" and writes the rest of the plan. A plan that leaves the
team out is read with it: the answer cell is the same for every learner, whoever their customer is,
and nobody loses a point for not copying twenty lines. A plan that writes its own team keeps it.

The kit's worked case (Odessa Pruitt) has a team a trainer wrote (irt_sim/data/plan_exercise.yaml);
a practice customer's team is their worked plan's (irt_sim.cases.worked_plan).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import yaml

from ..inputs.casebook import Casebook
from ..inputs.packaged import data_file
from ..model import Plan
from .cases import exercise_casebook
from .practice_records import as_the_team_knows, held_back
from .reading import Note

#: The parts of a plan that are the team's, not the learner's to write.
TEAM_PARTS = ("meeting", "attendees", "program_records")
_TOP = re.compile(r"^[ \t]*(meeting|attendees|program_records)[ \t]*:", re.MULTILINE)  # indented too: a pasted plan


@lru_cache(maxsize=1)
def _written_teams() -> dict:
    return yaml.safe_load(data_file("plan_exercise.yaml").read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=64)
def worked_plan_of(customer_id: str) -> Plan | None:
    """The trainer's worked plan for a practice customer (made for their full record, so it also meets
    what the team's record leaves out), or None."""
    from ..cases.worked_plan import worked_plan

    found = held_back(customer_id)
    if found is None:
        return None
    return worked_plan(found[0], exercise_casebook(customer=customer_id))


def team_of(customer_id: str) -> dict | None:
    """The team of ``customer_id``'s case, as plan-file fields (``TEAM_PARTS``), or None."""
    written = _written_teams().get(str(customer_id))
    if written:
        return {k: written[k] for k in TEAM_PARTS if k in written}
    plan = worked_plan_of(str(customer_id))
    if plan is None:
        return None
    data = plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return _dates({k: data[k] for k in TEAM_PARTS if data.get(k)})


def _dates(node):
    """Dates as YAML writes them (2026-11-03), not as quoted text."""
    if isinstance(node, dict):
        return {k: _dates(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_dates(v) for v in node]
    if isinstance(node, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", node):
        return dt.date.fromisoformat(node)
    return node


def team_text(customer_id: str) -> str:
    team = team_of(customer_id)
    return yaml.safe_dump(team, sort_keys=False, allow_unicode=True, width=110, default_flow_style=None) if team else ""


def with_team(text: str, customer_id: str) -> tuple[str, list[Note]]:
    """The plan's text with the case's team added where the plan leaves it out (after the learner's
    own lines, so every line number the feedback gives is still theirs)."""
    team = team_of(customer_id)
    if not team:
        return text, []
    present = set(_TOP.findall(text or ""))
    missing = {k: v for k, v in team.items() if k not in present}
    if not missing:
        return text, []
    added = yaml.safe_dump(missing, sort_keys=False, allow_unicode=True, width=110, default_flow_style=None)
    parts = [f"the {k.replace('_', ' ')}" for k in missing]
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return ((text or "").rstrip("\n") + "\n" + added,
            [Note(f"{said[:1].upper()}{said[1:]} come from your case, as shown under Your case (the plan does not "
                  "write them).")])


def plan_casebook(book: Casebook | None, customer_id: str) -> Casebook:
    """The casebook a plan for ``customer_id`` is checked with: ``book``, or the exercises' own with a
    practice customer's record as their team has it."""
    if book is not None:
        return book
    return _team_book(customer_id)


@lru_cache(maxsize=8)
def _team_book(customer_id: str) -> Casebook:
    """One casebook per case and kernel, so the test cells' shared reading of the plan (``checked``,
    keyed by the casebook) is found again rather than redone in every cell."""
    return as_the_team_knows(exercise_casebook(customer=customer_id), customer_id)
