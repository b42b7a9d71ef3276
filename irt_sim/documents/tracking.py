"""Action tracking: the plan's action items as CSV and as an iCalendar file of due dates, and the
update the point of contact sends the team from a status file (done / late / open), overdue first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from ..inputs.casebook import Casebook
from ..inputs.problems import Problem
from ..model import Plan
from ..safefiles import safe_row

STATUSES = ("open", "done", "late")


def _names(plan: Plan, ids: list[str]) -> str:
    return ", ".join(a.name if (a := plan.attendee(i)) else i for i in ids)


def actions_csv(plan: Plan) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["action", "responsible", "due", "status"])
    for a in plan.action_items:  # opened in Excel by caseworkers: no cell may run as a formula
        due = "ongoing" if a.due == "ongoing" else (a.due.isoformat() if a.due else "")
        w.writerow(safe_row([a.action, _names(plan, a.responsible), due, "open"]))
    return buf.getvalue()


def _line(text: str) -> str:
    """One line of text for a calendar: line breaks and other control characters become spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())


def actions_ics(plan: Plan, book: Casebook) -> bytes:
    """One all-day event per dated action item, and one for the next meeting. Every text goes in as
    iCalendar text (escaped by the icalendar library), on one line."""
    from icalendar import Calendar, Event, vText

    customer = book.customer(plan.customer)
    who = _line(customer.name if customer else plan.customer)
    cal = Calendar()
    cal.add("prodid", "-//IRT Community Academy kit//action items//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", vText(f"IRT action items: {who}"))
    stamp = dt.datetime.combine(plan.meeting.date, dt.time(12, 0), tzinfo=dt.timezone.utc)  # reproducible files
    for i, a in enumerate(plan.action_items, 1):
        if not isinstance(a.due, dt.date):
            continue
        e = Event()
        e.add("uid", f"{plan.id}-action-{i}@irt-academy")
        e.add("dtstamp", stamp)
        e.add("dtstart", a.due)
        e.add("dtend", a.due + dt.timedelta(days=1))
        e.add("summary", vText(_line(f"Due: {a.action}")))
        e.add("description", vText(_line(f"IRT plan for {who}. Responsible: {_names(plan, a.responsible) or 'nobody named'}.")))
        cal.add_component(e)
    if plan.follow_up.next_meeting:
        e = Event()
        e.add("uid", f"{plan.id}-next-meeting@irt-academy")
        e.add("dtstamp", stamp)
        e.add("dtstart", plan.follow_up.next_meeting)
        e.add("dtend", plan.follow_up.next_meeting + dt.timedelta(days=1))
        e.add("summary", vText(f"Next IRT meeting: {who}"))
        cal.add_component(e)
    return cal.to_ical()


@dataclass(frozen=True)
class StatusRow:
    action: str
    status: str
    note: str
    line: int


def read_status(text: str, file: str = "status.csv") -> tuple[list[StatusRow], list[Problem]]:
    """A status file: columns action, status (open, done or late) and an optional note."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"action", "status"} <= {h.strip() for h in reader.fieldnames}:
        return [], [Problem(file=file, line=1, message="the header needs the columns action and status (and may have note).")]
    rows, problems = [], []
    for row in reader:
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        status = row.get("status", "").lower()
        if status not in STATUSES:
            problems.append(Problem(file=file, line=reader.line_num, field="status",
                                    message=f"'{row.get('status')}' should be open, done or late; the row was left out."))
            continue
        rows.append(StatusRow(row.get("action", ""), status, row.get("note", ""), reader.line_num))
    return rows, problems


def status_update(plan: Plan, book: Casebook, status_text: str, on: dt.date, file: str = "status.csv") -> tuple[str, list[Problem]]:
    """The message the point of contact sends the team on ``on``: overdue items first, then open
    items by due date, then what is done. Actions the status file does not mention count as open."""
    rows, problems = read_status(status_text, file)
    by_action = {r.action.casefold(): r for r in rows}
    known = {a.action.casefold() for a in plan.action_items}
    for r in rows:
        if r.action.casefold() not in known:
            problems.append(Problem(file=file, line=r.line, field="action",
                                    message=f"'{r.action}' is not an action item of this plan; the row was left out."))
    overdue, open_, done = [], [], []
    for a in plan.action_items:
        r = by_action.get(a.action.casefold())
        status = r.status if r else "open"
        note = f" ({r.note})" if r and r.note else ""
        due_text = "ongoing" if a.due == "ongoing" else (a.due.isoformat() if a.due else "no date")
        line = f"- {a.action}: {_names(plan, a.responsible) or 'nobody named'}, due {due_text}{note}"
        if status == "done":
            done.append(line)
        elif status == "late" or (isinstance(a.due, dt.date) and a.due < on):
            overdue.append((a.due if isinstance(a.due, dt.date) else dt.date.min, line))
        else:
            open_.append((a.due if isinstance(a.due, dt.date) else dt.date.max, line))
    customer = book.customer(plan.customer)
    who = customer.name if customer else plan.customer
    contact = plan.attendee(plan.communication.point_of_contact)
    lines = [f"Subject: IRT update for {who}, {on.isoformat()}", "",
             f"Hello team, here is the latest update on {who}'s plan."
             + (f" (We agreed updates go out: {' '.join(plan.communication.updates.frequency.split()).rstrip('.')}.)"
                if plan.communication.updates.frequency else "")]
    lines += ["", f"Overdue ({len(overdue)}):"] + ([x for _, x in sorted(overdue)] or ["- nothing is overdue"])
    lines += ["", f"Open ({len(open_)}):"] + ([x for _, x in sorted(open_)] or ["- nothing open"])
    lines += ["", f"Done ({len(done)}):"] + (done or ["- nothing yet"])
    lines += ["", "Please tell me of any change before the next update.",
              f"{contact.name if contact else 'The point of contact'}"]
    return "\n".join(lines) + "\n", problems
