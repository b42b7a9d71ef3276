"""Tables of the casebook and of checker findings, for notebooks and reports.

Each table has a named index and readable column names, so it reads well on screen and to a
screen reader (no empty header cells). The pandas tables import pandas when first made; the
exercises' cards and tables (``Table``, ``CaseCard``) need no pandas at all.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Iterable

from ..checks.plan_rules import Finding, count_findings
from ..inputs.casebook import Casebook

if TYPE_CHECKING:
    import pandas as pd


#: The column that tells a learner what to type where a cell asks for a customer or a program.
ID_COLUMN = "Id to type in a cell"


def customers_table(book: Casebook) -> Table:
    """The casebook's customers for people: each row named by the customer, every cell whole."""
    rows = {}
    for cid, c in book.customers.items():
        goal = c.proposed_goal
        rows[c.name] = {
            "Age": c.age,
            "Proposed goal": goal.job_title if goal and goal.job_title else "not yet set",
            "Barriers": ", ".join(b.type.label for b in c.barriers),
            "Eligible or presumed eligible with": ", ".join(
                book.programs[p].name for p, s in c.eligibility.items() if s.counts and p in book.programs) or "no program yet",
            ID_COLUMN: cid,
        }
    return Table(rows, "Customer", "The casebook's customers: their proposed goal, barriers and the programs that serve them")


def _program_rows(book: Casebook, detail: bool) -> dict[str, dict[str, str]]:
    rows = {}
    for p in book.programs.values():
        row = {"System": p.system.label, "Who sits on the team": p.partner_role,
               "Services end after": p.services_stop.after.label}
        if detail:
            helps = dict.fromkeys(b.label for s in p.services for b in s.addresses)
            row["Who it serves"] = " ".join(p.eligibility.summary.split())
            row["Its services help with"] = ", ".join(helps) or "none of the barriers"
        row[ID_COLUMN] = p.id
        rows[p.name] = row
    return rows


def programs_table(book: Casebook, detail: bool = False) -> Table:
    """The partner directory; ``detail`` adds who each program serves and the barriers its services help with."""
    return Table(_program_rows(book, detail), "Program", "The partner programs of the community, by name")


class Strong(str):
    """A cell's text that must stand out (a gap, a missing release): shown in bold, so no reader
    depends on colour to see it."""


def html_table(caption: str, columns: list[str], rows: list[list], empty: str = "Nothing yet.") -> str:
    """One accessible HTML table: a caption, column headers a screen reader announces, each cell
    escaped. A cell is a text, a ``Strong`` text, or a tuple of them shown on separate lines; with no
    rows, one row says ``empty``."""
    def cell(value) -> str:
        parts = value if isinstance(value, tuple) else (value,)
        return "<br>".join(f"<strong>{html.escape(v)}</strong>" if isinstance(v, Strong) else html.escape(str(v))
                           for v in parts if v != "")

    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    body = body or f'<tr><td colspan="{len(columns)}">{html.escape(empty)}</td></tr>'
    return f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class Table:
    """A table for people: every cell in full (a notebook's pandas display cuts long text short), a
    caption, column headers and row headers a screen reader announces."""

    def __init__(self, rows: dict[str, dict[str, str]], index: str, caption: str):
        self.rows, self.index, self.caption = rows, index, caption

    def _repr_html_(self) -> str:
        esc = html.escape
        columns = list(next(iter(self.rows.values()), {}))
        head = f"<th scope='col'>{esc(self.index)}</th>" + "".join(f"<th scope='col'>{esc(c)}</th>" for c in columns)
        body = "".join(f"<tr><th scope='row'>{esc(key)}</th>" + "".join(f"<td>{esc(str(row[c]))}</td>" for c in columns)
                       + "</tr>" for key, row in self.rows.items())
        return f"<table><caption>{esc(self.caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def __repr__(self) -> str:
        return "\n".join([self.caption] + [f"{key}: " + "; ".join(f"{c}: {v}" for c, v in row.items())
                                            for key, row in self.rows.items()])


#: A quarterly outcomes table's columns in words (``irt_sim.ips.outcomes`` names them for code).
QUARTERLY_WORDS = {"served": "People served", "employed": "Working in a competitive job", "job_starts": "New jobs started",
                   "closed_while_working": "Left the program while working", "in_education": "In school or training",
                   "employment_rate": "Share of those served who worked", "agencies": "Agencies reporting"}


class QuarterlyTable(Table):
    """Quarterly outcomes for people: a row a quarter, plain column names, shares as percentages;
    the figures themselves in ``data`` (a DataFrame, as ``irt_sim.ips.outcomes`` makes them)."""

    def __init__(self, data: pd.DataFrame, caption: str):
        self.data = data
        rows = {}
        for record in data.to_dict("records"):
            rows[str(record["quarter"])] = {
                words: (f"{record[name]:.0%}" if name == "employment_rate" else f"{int(record[name]):,}")
                for name, words in QUARTERLY_WORDS.items() if name in record}
        super().__init__(rows, "Quarter", caption)


def directory_table(book: Casebook) -> Table:
    """The partner directory with who each program serves and what its services help with."""
    return Table(_program_rows(book, detail=True), "Program",
                 "The partner directory: who each program serves, and the barriers its services help with")


def services_table(book: Casebook, program_ids: Iterable[str]) -> Table:
    """Every service of the programs named, with what it helps with: what a plan's commitments draw on."""
    rows = {}
    for pid in program_ids:
        program = book.programs[pid]
        for s in program.services:
            rows[s.id] = {"Program": f"{program.name} ({program.id})", "Service": s.name,
                          "Helps with": ", ".join(b.label for b in s.addresses) or "none of the barriers",
                          "The program's services end after": program.services_stop.after.label}
    return Table(rows, "Service id",
                 "The services of the programs at the table (a commitment names the service by its id or its name)")


class CaseCard:
    """One customer's record as a learner reads it before planning: story, barriers, benefits, where the
    customer stands with each program, releases and the goal from career exploration."""

    def __init__(self, book: Casebook, customer_id: str):
        self.customer = book.customers[customer_id]
        self.names = {pid: p.name for pid, p in book.programs.items()}

    def _parts(self) -> list[tuple[str, list[str]]]:
        c = self.customer
        goal = c.proposed_goal
        proposed = (f"{goal.job_title}, ${goal.hourly_wage:.2f} an hour, {goal.weekly_hours:g} hours a week"
                    if goal and goal.job_title and goal.hourly_wage is not None and goal.weekly_hours is not None
                    else "not set yet")
        return [
            ("Barriers", [f"{b.type.label}: {' '.join(b.detail.split())}" for b in c.barriers]),
            ("Benefits", [b.label for b in c.benefits] or ["none"]),
            (f"Where {c.first_name} stands with each program",
             [f"{self.names.get(pid, pid)} ({pid}): {status.label.replace('_', ' ')}" for pid, status in c.eligibility.items()]),
            ("Releases of information signed for", [f"{self.names.get(pid, pid)} ({pid})" for pid in c.released_to] or ["none"]),
            ("Goal proposed after career exploration", [proposed]),
        ]

    def _repr_html_(self) -> str:
        esc = html.escape
        c = self.customer
        out = [f"<section aria-label='{esc(c.name)}'><p><strong>{esc(c.name)}</strong>, {c.age}. "
               f"{esc(' '.join(c.story.split()))}</p>"]
        for title, items in self._parts():
            out.append(f"<p><strong>{esc(title)}</strong></p><ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>")
        return "".join(out) + "</section>"

    def __repr__(self) -> str:
        c = self.customer
        lines = [f"{c.name}, {c.age}. {' '.join(c.story.split())}"]
        for title, items in self._parts():
            lines += [f"{title}:"] + [f"  - {i}" for i in items]
        return "\n".join(lines)


def case_card(book: Casebook, customer_id: str) -> CaseCard:
    return CaseCard(book, customer_id)


def findings_table(findings: Iterable[Finding]) -> pd.DataFrame:
    import pandas as pd

    rows = [{"Severity": f.severity.value.upper(), "Code": f.code, "Section": f.section_title,
             "Where": f.item or "", "What to fix": f.message} for f in findings]
    columns = ["Severity", "Code", "Section", "Where", "What to fix"]
    return pd.DataFrame(rows, columns=columns, index=pd.RangeIndex(1, len(rows) + 1, name="Finding"))


class FindingsReport:
    """Findings as a table, or a plain sentence when there are none (an empty table says nothing)."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = list(findings)

    def _repr_html_(self) -> str:
        if not self.findings:
            return "<p><strong>No findings:</strong> this plan meets every check.</p>"
        head = f"<p>{count_findings(self.findings)}.</p>"
        return head + findings_table(self.findings).to_html()

    def __repr__(self) -> str:
        if not self.findings:
            return "No findings: this plan meets every check."
        return "\n".join(str(f) for f in self.findings)


def show_findings(findings: Iterable[Finding]) -> FindingsReport:
    return FindingsReport(findings)
