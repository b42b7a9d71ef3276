"""Plain pandas tables of the casebook and of checker findings, for notebooks and reports.

Each table has a named index and readable column names, so it reads well on screen and to a
screen reader (no empty header cells).
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from .casebook import Casebook
from .checks import Finding


def customers_table(book: Casebook) -> pd.DataFrame:
    rows = []
    for c in book.customers.values():
        goal = c.proposed_goal
        rows.append({
            "Customer": c.name,
            "Age": c.age,
            "Proposed goal": goal.job_title if goal and goal.job_title else "not yet set",
            "Barriers": ", ".join(b.type.label for b in c.barriers),
            "Eligible or presumed eligible with": ", ".join(
                book.programs[p].name for p, s in c.eligibility.items() if s.counts and p in book.programs),
        })
    table = pd.DataFrame(rows, index=pd.Index(list(book.customers), name="Case id"))
    return table


def programs_table(book: Casebook) -> pd.DataFrame:
    rows = [{"Program": p.name, "System": p.system.label, "Who sits on the team": p.partner_role,
             "Services end after": p.services_stop.after.label} for p in book.programs.values()]
    return pd.DataFrame(rows, index=pd.Index(list(book.programs), name="Program id"))


def findings_table(findings: Iterable[Finding]) -> pd.DataFrame:
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
        n_err = sum(f.severity.value == "error" for f in self.findings)
        head = f"<p>{n_err} error(s) and {len(self.findings) - n_err} warning(s).</p>"
        return head + findings_table(self.findings).to_html()

    def __repr__(self) -> str:
        if not self.findings:
            return "No findings: this plan meets every check."
        return "\n".join(str(f) for f in self.findings)


def show_findings(findings: Iterable[Finding]) -> FindingsReport:
    return FindingsReport(findings)
