"""Plan documents: meeting agenda, plan sheet, per-agency case notes, and action tracking, in
Markdown, HTML, DOCX, PDF, CSV and iCalendar. ``export_plan`` writes them all for one plan."""

from __future__ import annotations

import re
from pathlib import Path

from ..casebook import Casebook
from ..model import Plan
from .build import Doc, agency_note, agenda, partner_ids, plan_sheet
from .render import to_docx, to_html, to_markdown, to_pdf
from .tracking import actions_csv, actions_ics, status_update

FORMATS = ("md", "html", "docx", "pdf", "csv", "ics")
_RENDER = {"md": lambda d: to_markdown(d).encode("utf-8"), "html": lambda d: to_html(d).encode("utf-8"),
           "docx": to_docx, "pdf": to_pdf}

__all__ = ["FORMATS", "Doc", "agency_note", "agenda", "export_plan", "plan_documents", "plan_sheet",
           "status_update"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plan_documents(plan: Plan, book: Casebook) -> dict[str, Doc]:
    """File stem -> document: the agenda, the plan sheet, and one note per agency on the team."""
    docs = {f"{plan.id}-agenda": agenda(plan, book), f"{plan.id}-plan": plan_sheet(plan, book)}
    for attendee_id in partner_ids(plan, book):
        program = plan.attendee(attendee_id).program
        docs[f"{plan.id}-note-{_slug(program)}"] = agency_note(plan, book, attendee_id)
    return docs


def export_plan(plan: Plan, book: Casebook, out: Path, formats: list[str]) -> list[Path]:
    """Write the plan's documents in ``formats`` into ``out``; returns the files written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)} or all")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        if fmt == "csv":
            path = out / f"{plan.id}-actions.csv"
            path.write_text(actions_csv(plan), encoding="utf-8")
            written.append(path)
        elif fmt == "ics":
            path = out / f"{plan.id}-actions.ics"
            path.write_bytes(actions_ics(plan, book))
            written.append(path)
        else:
            for stem, doc in plan_documents(plan, book).items():
                path = out / f"{stem}.{fmt}"
                path.write_bytes(_RENDER[fmt](doc))
                written.append(path)
    return written
