"""Course module 11: the community's resource map as an activity (guess which barrier has the least
help in the community, then look), and the Community Academy day's agenda, from the same data
the printed kit uses (``irt-academy academy-kit``)."""

from __future__ import annotations

import html

import ipywidgets as w

from ..academy.day import academy_day, agenda_rows
from ..academy.resource_map import BarrierRow, Coverage, counts, help_words, resource_map
from ..display.tables import Strong, html_table
from .base import LAYOUT, STYLE, Panel

VIEWS = {"every": "Every barrier", "gaps": "Thin: barriers with no program, help only for some, or one program",
         "overlaps": "Overlaps: the same kind of help from two or more programs"}


def _label(row: BarrierRow) -> str:
    return row.barrier.label[0].upper() + row.barrier.label[1:]


HEADERS = {"every": ["Barrier", "How much help", "Programs"],
           "gaps": ["Barrier", "How much help", "Programs (who can use them)"],
           "overlaps": ["Barrier", "Kind of help", "Programs offering it"]}


def map_rows(rows: list[BarrierRow], view: str) -> list[list]:
    """The table's rows for ``view``: every barrier with its programs' names, the thin ones with who can
    use each program's help, or the overlaps."""
    if view == "overlaps":
        return [[_label(r), k.label, "; ".join(names)] for r in rows for k, names in r.overlaps.items()]
    thin = (Coverage.none, Coverage.some, Coverage.one)
    if view == "every":
        return [[_label(r), Strong(help_words(r)) if r.coverage in thin else help_words(r),
                 "; ".join(o.program.name for o in r.offers) or "no program"] for r in rows]
    return [[_label(r), Strong(help_words(r)), tuple(f"{o.program.name} ({o.who})" for o in r.offers) or "no program"]
            for r in rows if r.coverage in thin]


class ResourceMapView(Panel):
    """Guess which barrier has the least help in the community, check, then read the map by the view
    chosen."""

    def __init__(self, book=None):
        super().__init__(book)
        self.rows = resource_map(self.book)
        self.guess = w.Dropdown(options=[("Choose a barrier", "")] + [(_label(r), r.barrier.value) for r in self.rows],
                                description="Your guess", style=STYLE, layout=w.Layout(**LAYOUT))
        self.check = w.Button(description="Check my guess", tooltip="Is this one of the barriers with the least help?",
                              layout=w.Layout(width="auto"))
        self.feedback = w.HTML()
        self.view = w.Dropdown(options=[(v, k) for k, v in VIEWS.items()], description="Show", style=STYLE,
                               layout=w.Layout(**LAYOUT))
        self.table = w.HTML()
        self.remember("guess", self.guess)
        self.remember("view", self.view)
        self.check.on_click(lambda _b: self.judge())
        self.view.observe(lambda _c: self.update(), names="value")
        self.update()

    def thinnest(self) -> list[BarrierRow]:
        """The barriers with the least help here: the three thinnest, and any tied with the third."""
        ranked = sorted(self.rows, key=lambda r: r.thinness)
        return [r for r in ranked if r.thinness <= ranked[min(2, len(ranked) - 1)].thinness]

    def judge(self) -> str:
        """Feedback on the guess, in words (also shown under the button)."""
        thin = self.thinnest()
        row = next((r for r in self.rows if r.barrier.value == self.guess.value), None)
        named = "; ".join(f"{_label(r)} ({help_words(r)})" for r in thin)
        if row is None:
            text = "Choose a barrier first, then check."
        elif row in thin:
            text = f"Yes: {_label(row)} is among the thinnest here ({help_words(row)}). The thinnest: {named}."
        else:
            text = f"Not this one: {_label(row)} has {help_words(row)}. The thinnest here: {named}."
        self.feedback.value = f'<p role="status" aria-live="polite">{html.escape(text)}</p>'
        return text

    def update(self):
        n = counts(self.rows)
        headers = HEADERS[self.view.value]
        self.table.value = (f"<p>{n['barriers']} barriers: {n['several']} with several programs, {n['one']} with one, "
                            f"{n['some']} covered only for some, {n['none']} with none; {n['overlaps']} overlaps.</p>"
                            + html_table(f"{self.book.community.name if self.book.community else 'The community'}'s "
                                         f"resource map: {VIEWS[self.view.value].lower()}", headers,
                                         map_rows(self.rows, self.view.value), empty="None in this community."))

    def controls(self) -> list[w.Widget]:
        return [self.guess, self.check, self.feedback, self.view, self.table]

    def __repr__(self) -> str:
        return "ResourceMapView()"


class AcademyAgenda:
    """The day's agenda as a table (the printed kit's agenda comes from the same file)."""

    def _repr_html_(self) -> str:
        return html_table(academy_day().title + ": the agenda", ["From", "To", "Minutes", "Session", "Material"],
                          agenda_rows())

    def __repr__(self) -> str:
        return "\n".join(f"{r[0]}-{r[1]}  {r[3]}" + (f" ({r[4]})" if r[4] else "") for r in agenda_rows())


def academy_agenda() -> AcademyAgenda:
    """Course module 11: ``academy_agenda()``."""
    return AcademyAgenda()
