"""Write the whole Community Academy kit for a casebook into one folder: partner program cards, the
resource map, a role-play pack per customer with three or more systems, the day's agenda and sign-in
sheet, the pre/post survey with its responses template, and an index page that lists them all."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..documents.build import Doc
from ..documents.render import to_docx_pages, to_html, to_pdf_pages
from ..inputs.casebook import Casebook
from ..safefiles import OutputRefused, write_output
from .cards import program_cards
from .day import agenda_doc, sign_in_doc
from .resource_map import map_csv, map_doc
from .roleplay import role_play_customers, role_play_pack
from .survey import survey_doc, template_csv

#: What each file is for, as the index page says it.
PURPOSE = {
    "partner-cards": "Partner program cards, one page a program: hand a set to every table.",
    "resource-map": "The community's resource map: every barrier against the programs that address it, the gaps "
                    "and the overlaps.",
    "agenda": "The day's agenda, timed.",
    "sign-in": "The sign-in sheet, a line for each partner program and spare lines.",
    "survey": "The start-of-day and end-of-day survey (print two copies a person).",
    "survey-responses-template": "Type the survey answers in here, a row a person and a time, then run "
                                 "irt-academy academy-survey on it.",
}


@dataclass
class Kit:
    files: list[Path] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)  # customer ids with a role-play pack


def _both(stem: str, title: str, docs: list[Doc], one_page: bool = False) -> dict[str, Callable[[], bytes]]:
    return {f"{stem}.pdf": lambda: to_pdf_pages(title, docs, one_page=one_page),
            f"{stem}.docx": lambda: to_docx_pages(title, docs)}


def planned_files(book: Casebook, when: dt.date) -> dict[str, Callable[[], bytes | str]]:
    """Relative file name -> how to make it."""
    place = book.community.name if book.community else "Community Academy"
    files: dict[str, Callable[[], bytes | str]] = {}
    files.update(_both("partner-cards", f"{place}: partner program cards", program_cards(book), one_page=True))
    files["resource-map.html"] = lambda: to_html(map_doc(book))
    files["resource-map.csv"] = lambda: map_csv(book)
    for customer in role_play_customers(book):
        pack = role_play_pack(customer, book, when)
        files.update(_both(f"role-plays/{customer.id}", f"Role-play pack: {customer.name}", pack.docs))
    files.update(_both("agenda", "Agenda", [agenda_doc(book)]))
    files["agenda.html"] = lambda: to_html(agenda_doc(book))
    files.update(_both("sign-in", "Sign-in sheet", [sign_in_doc(book)]))
    files.update(_both("survey", "Community Academy survey", [survey_doc(book)]))
    files["survey-responses-template.csv"] = lambda: template_csv(book)
    return files


def _index(book: Casebook, names: list[str]) -> str:
    e = html.escape
    place = book.community.name if book.community else "Community Academy"
    items = []
    for name in sorted(names):
        stem = name.rsplit(".", 1)[0]
        what = PURPOSE.get(stem) or (f"Role-play pack for {book.customers[stem.split('/', 1)[1]].name}: the customer's "
                                     "card, a card per partner, the observer's checklist and the facilitator's sheet."
                                     if stem.startswith("role-plays/") else "")
        items.append(f'<li><a href="{e(name)}">{e(name)}</a>: {e(what)}</li>')
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(place)}: Community Academy kit'
            f'</title></head><body><main><h1>{e(place)}: Community Academy kit</h1><ul>{"".join(items)}</ul>'
            "</main></body></html>\n")


def write_kit(book: Casebook, out: Path, *, force: bool = False, when: dt.date | None = None) -> Kit:
    """Write every file into ``out``. Nothing is written when a file would be replaced without ``force``
    or a name is a link, so no half kit is left beside an old one."""
    planned = planned_files(book, when or dt.date.today())
    names = list(planned) + ["index.html"]
    if out.is_symlink() or (out / "role-plays").is_symlink():
        raise OutputRefused(f"{out} or its role-plays folder is a link; give a plain folder.")
    taken = [n for n in names if (out / n).is_symlink() or ((out / n).exists() and not force)]
    if taken:
        raise OutputRefused(f"{len(taken)} of the kit's files exist already in {out} ({', '.join(taken[:3])}"
                            f"{' ...' if len(taken) > 3 else ''}); add --force to replace them.")
    (out / "role-plays").mkdir(parents=True, exist_ok=True)
    kit = Kit(packs=[n.split("/", 1)[1].rsplit(".", 1)[0] for n in planned if n.startswith("role-plays/")
                     and n.endswith(".pdf")])
    for name, make in planned.items():
        kit.files.append(write_output(out / name, make(), force=force))
    kit.files.append(write_output(out / "index.html", _index(book, list(planned)), force=force))
    return kit
