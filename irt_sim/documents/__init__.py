"""Plan documents: meeting agenda, plan sheet, per-agency case notes, and action tracking, in
Markdown, HTML, DOCX, PDF, CSV and iCalendar. ``export_plan`` writes them all for one plan."""

from __future__ import annotations

import re
from pathlib import Path

from ..inputs.casebook import Casebook
from ..model import Plan
from ..safefiles import OutputRefused, write_output
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


def export_plan(plan: Plan, book: Casebook, out: Path, formats: list[str], *, force: bool = False) -> list[Path]:
    """Write the plan's documents in ``formats`` into ``out``; returns the files written. Nothing is
    written when ``out`` is a link, or when a file would be replaced without ``force`` (safefiles)."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)} or all")
    if out.is_symlink():
        raise OutputRefused(f"{out} is a link; give a plain folder.")
    files: dict[Path, object] = {}
    for fmt in formats:
        if fmt == "csv":
            files[out / f"{plan.id}-actions.csv"] = lambda: actions_csv(plan)
        elif fmt == "ics":
            files[out / f"{plan.id}-actions.ics"] = lambda: actions_ics(plan, book)
        else:
            for stem, doc in plan_documents(plan, book).items():
                files[out / f"{stem}.{fmt}"] = lambda doc=doc, fmt=fmt: _RENDER[fmt](doc)
    taken = [p for p in files if p.is_symlink() or (p.exists() and not force)]
    if taken:  # say so before anything is written, so no half set of files is left
        raise OutputRefused(f"{len(taken)} of the files exist already or are links ({', '.join(p.name for p in taken[:3])}"
                            f"{' ...' if len(taken) > 3 else ''}); add --force to replace files (links are never followed).")
    out.mkdir(parents=True, exist_ok=True)
    return [write_output(path, make(), force=force) for path, make in files.items()]
