"""Quarterly IPS outcomes from a caseload file, as an agency reports them to its state learning
community: number served, share employed in competitive jobs, job starts, closed while working and
in education, per calendar quarter; and a roll-up across agencies.

The caseload file is CSV, one row per person:

    person_id,start_date,job_periods,closure_date,closed_while_working,education_periods
    A-0001,2025-01-13,2025-03-02..2025-07-15;2025-09-01..,,,
    A-0002,2025-02-03,,2025-11-30,no,2025-09-02..2025-12-19

Periods are start..end (end empty while still going), several separated by ';'. A row that cannot
be read is reported with its line number and left out; every other row still counts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..inputs.inputfile import read_input
from ..inputs.problems import Problem, display_path, printable

COLUMNS = ["person_id", "start_date", "job_periods", "closure_date", "closed_while_working", "education_periods"]

Period = tuple[dt.date, dt.date | None]


@dataclass(frozen=True)
class Person:
    person_id: str
    start: dt.date
    jobs: tuple[Period, ...]
    closure: dt.date | None
    closed_while_working: bool | None
    education: tuple[Period, ...]
    line: int


@dataclass(frozen=True)
class Caseload:
    agency: str
    people: list[Person]
    problems: list[Problem]


#: The years a caseload's dates may fall in: IPS began in the 1990s, and a date far outside this is a
#: slip that would make the quarterly table thousands of quarters long.
FIRST_YEAR, LAST_YEAR = 1980, 2100
MAX_BYTES = 50_000_000  # a caseload of about half a million people


def _date(text: str, field: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{field}: '{printable(text, 40)}' is not a date; write YYYY-MM-DD") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{field}: {day.isoformat()} is out of range; a caseload's dates fall between "
                         f"{FIRST_YEAR} and {LAST_YEAR}")
    return day


def _periods(text: str, field: str) -> tuple[Period, ...]:
    out = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        if ".." not in part:
            raise ValueError(f"{field}: '{part}' is not a period; write start..end (end empty if still going)")
        start_text, end_text = part.split("..", 1)
        start = _date(start_text, field)
        end = _date(end_text, field) if end_text.strip() else None
        if end is not None and end < start:
            raise ValueError(f"{field}: the period {part} ends before it starts")
        out.append((start, end))
    return tuple(out)


def _person(row: dict[str, str], line: int) -> Person:
    pid = (row.get("person_id") or "").strip()
    if not pid:
        raise ValueError("person_id is empty")
    start = _date(row.get("start_date") or "", "start_date")
    closure = _date(row["closure_date"], "closure_date") if (row.get("closure_date") or "").strip() else None
    flag = (row.get("closed_while_working") or "").strip().lower()
    if flag not in ("", "yes", "no"):
        raise ValueError(f"closed_while_working: '{flag}' should be yes, no or empty")
    if flag and closure is None:
        raise ValueError("closed_while_working is filled in but there is no closure_date")
    jobs = _periods(row.get("job_periods") or "", "job_periods")
    education = _periods(row.get("education_periods") or "", "education_periods")
    if closure is not None and closure < start:
        raise ValueError("closure_date is before start_date")
    if any(s < start for s, _ in jobs):
        raise ValueError("a job period starts before the person's start_date")
    return Person(pid, start, jobs, closure, {"yes": True, "no": False}.get(flag), education, line)


def read_caseload(source: str | Path, agency: str | None = None, *, text: str | None = None) -> Caseload:
    """Read a caseload file; rows with problems are reported by line and left out."""
    shown = "caseload" if text is not None else display_path(Path(source))
    agency = agency or (Path(str(source)).stem.removesuffix("-caseload") if text is None else "agency")
    problems: list[Problem] = []
    if text is None:
        try:
            text = read_input(Path(source), most=MAX_BYTES).removeprefix("\ufeff")
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return Caseload(agency, [], [Problem(file=shown, message=f"the file cannot be read ({why}).")])
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return Caseload(agency, [], [Problem(file=shown, line=1, message=f"the header lacks the column(s) "
                                             f"{', '.join(missing)}; it should be: {','.join(COLUMNS)}")])
    people, seen = [], set()
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:  # a cell past the csv module's limit (128 KB): this row only
            problems.append(Problem(file=shown, line=reader.line_num + 1, message="a cell of this row is far too long "
                                    "to be a caseload value; the row was left out."))
            continue
        line = reader.line_num
        if None in row:  # more cells than columns
            problems.append(Problem(file=shown, line=line, message="the row has more cells than the header; "
                                    "check for a comma inside a value. The row was left out."))
            continue
        if not any((v or "").strip() for v in row.values()):
            continue  # blank line
        try:
            person = _person({k.strip(): v for k, v in row.items()}, line)
        except ValueError as exc:
            problems.append(Problem(file=shown, line=line, message=f"{exc}. The row was left out."))
            continue
        if person.person_id in seen:
            problems.append(Problem(file=shown, line=line, message=f"person {person.person_id} appears twice; "
                                    "the second row was left out."))
            continue
        seen.add(person.person_id)
        people.append(person)
    return Caseload(agency, people, problems)


def _quarter_bounds(year: int, q: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def _overlaps(period: Period, start: dt.date, end: dt.date) -> bool:
    s, e = period
    return s <= end and (e is None or e >= start)


def quarterly_outcomes(caseload: Caseload, quarters: list[str] | None = None) -> pd.DataFrame:
    """One row per quarter ('2026-Q1'): served, employed, employment rate, job starts, closed
    while working, in education. Quarters default to every quarter from the first start."""
    people = caseload.people
    if quarters is None:
        if not people:
            return pd.DataFrame(columns=["agency", "quarter", "served", "employed", "employment_rate", "job_starts",
                                         "closed_while_working", "in_education"])
        first = min(p.start for p in people)
        last_dates = [d for p in people for d in (p.start, p.closure, *[s for s, _ in p.jobs]) if d]
        last = max(last_dates)
        quarters = []
        y, q = first.year, (first.month - 1) // 3 + 1
        while (y, q) <= (last.year, (last.month - 1) // 3 + 1):
            quarters.append(f"{y}-Q{q}")
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    rows = []
    for label in quarters:
        if len(label) != 7 or label[4:6] != "-Q" or not label[:4].isdigit() or label[6] not in "1234":
            raise ValueError(f"'{label}' is not a quarter; write quarters like 2026-Q1")
        year, q = int(label[:4]), int(label[-1])
        qs, qe = _quarter_bounds(year, q)
        served = [p for p in people if p.start <= qe and (p.closure is None or p.closure >= qs)]
        employed = [p for p in served if any(_overlaps(j, qs, qe) for j in p.jobs)]
        rows.append({
            "agency": caseload.agency, "quarter": label, "served": len(served), "employed": len(employed),
            "employment_rate": len(employed) / len(served) if served else float("nan"),
            "job_starts": sum(qs <= s <= qe for p in people for s, _ in p.jobs),
            "closed_while_working": sum(1 for p in people if p.closure and qs <= p.closure <= qe and p.closed_while_working),
            "in_education": sum(1 for p in served if any(_overlaps(e, qs, qe) for e in p.education)),
        })
    return pd.DataFrame(rows)


def casebook_outcomes_by_quarter(book) -> list[pd.DataFrame]:
    """The quarterly outcomes of each agency of a casebook that keeps a caseload file."""
    return [quarterly_outcomes(read_caseload(book.caseload_file(aid), agency=a.name))
            for aid, a in book.agencies.items() if book.caseload_file(aid).exists()]


def roll_up(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Several agencies' quarterly tables combined for a state learning community: counts added,
    the employment rate recomputed from the sums (not averaged), and the number of agencies."""
    df = pd.concat(tables, ignore_index=True)
    g = df.groupby("quarter", sort=True)
    out = g[["served", "employed", "job_starts", "closed_while_working", "in_education"]].sum()
    out["employment_rate"] = out["employed"] / out["served"]
    out["agencies"] = g["agency"].nunique()
    return out.reset_index()
