"""Plan documents: every produced file opened with its own reader holds the attendees, the goal,
each action item and each due date; the HTML is structured for screen readers; a plan with
checker errors still exports, findings first; the update message puts overdue items first."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from irt_sim.checks.examples import EXAMPLES, apply_example
from irt_sim.cli import main
from irt_sim.documents import FORMATS, export_plan, plan_documents, status_update

from ..support import CASEBOOK

PLANS = ["lena-marsh-vet-tech", "dario-quill-carpentry"]


@pytest.fixture(scope="module", params=PLANS)
def exported(request, book, tmp_path_factory):
    plan = book.plans[request.param]
    out = tmp_path_factory.mktemp(plan.id)
    files = export_plan(plan, book, out, list(FORMATS))
    return plan, out, files


def _flat(text: str) -> str:
    return " ".join(text.split())


def expected_facts(plan):
    facts = [a.name for a in plan.attendees] + [plan.goal.job_title]
    for a in plan.action_items:
        facts.append(a.action)
        facts.append("ongoing" if a.due == "ongoing" else a.due.isoformat())
    return facts


def plan_text(out: Path, plan, fmt: str) -> str:
    path = out / f"{plan.id}-plan.{fmt}"
    if fmt == "docx":
        from docx import Document

        d = Document(str(path))
        parts = [p.text for p in d.paragraphs]
        parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
        parts += [p.text for section in d.sections for p in section.footer.paragraphs]
        return _flat(" ".join(parts))
    if fmt == "pdf":
        from pypdf import PdfReader

        return _flat(" ".join(page.extract_text() for page in PdfReader(str(path)).pages))
    if fmt == "html":
        return _flat(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" "))
    return _flat(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_the_plan_sheet_holds_attendees_goal_actions_and_dates(exported, fmt):
    plan, out, _ = exported
    text = plan_text(out, plan, fmt)
    missing = [f for f in expected_facts(plan) if _flat(f) not in text]
    assert not missing, f"{fmt}: missing {missing[:3]}"
    assert "release of information" in text


def test_the_csv_lists_every_action_with_its_due_date(exported):
    plan, out, _ = exported
    rows = list(csv.DictReader(io.StringIO((out / f"{plan.id}-actions.csv").read_text(encoding="utf-8"))))
    assert [r["action"] for r in rows] == [a.action for a in plan.action_items]
    for r, a in zip(rows, plan.action_items):
        assert r["due"] == ("ongoing" if a.due == "ongoing" else a.due.isoformat()) and r["status"] == "open"
        assert all(plan.attendee(i).name in r["responsible"] for i in a.responsible)


def test_the_calendar_has_one_event_per_dated_action_and_the_next_meeting(exported):
    from icalendar import Calendar

    plan, out, _ = exported
    cal = Calendar.from_ical((out / f"{plan.id}-actions.ics").read_bytes())
    events = {str(e["summary"]): e.decoded("dtstart") for e in cal.walk("VEVENT")}
    dated = [a for a in plan.action_items if isinstance(a.due, dt.date)]
    for a in dated:
        assert events[f"Due: {a.action}"] == a.due
    assert len(events) == len(dated) + (1 if plan.follow_up.next_meeting else 0)


def test_html_is_structured_for_screen_readers(exported):
    plan, out, files = exported
    for path in (f for f in files if f.suffix == ".html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.html.get("lang") == "en", path.name
        assert soup.title and soup.title.string, path.name
        assert len(soup.find_all("h1")) == 1 and soup.find("main") and soup.find("footer"), path.name
        levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4"])]
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"{path.name}: heading levels skip: {levels}"
        for table in soup.find_all("table"):
            assert table.caption and table.caption.get_text(strip=True), path.name
            headers = table.find_all("th")
            assert headers and all(th.get("scope") == "col" and th.get_text(strip=True) for th in headers), path.name


def test_each_agency_gets_a_note_in_its_own_terms(book):
    plan = book.plans["dario-quill-carpentry"]
    docs = plan_documents(plan, book)
    notes = {k: v for k, v in docs.items() if "-note-" in k}
    agencies = {a.program for a in plan.attendees if a.program and book.program(a.program).release_required}
    assert {k.split("-note-")[1] for k in notes} == agencies
    from irt_sim.documents.render import to_markdown

    probation = to_markdown(notes[f"{plan.id}-note-county-probation"])
    assert "What" in probation and "committed to" in probation and "Partner involvement" in probation
    assert "Point of contact" in probation and plan.goal.job_title in probation
    # the note names what this agency does and what the other partners do
    po = next(a for a in plan.attendees if a.program == "county-probation")
    others = [a.name for a in plan.attendees if a.program and a.program != "county-probation"
              and any(c.partner == a.id for p in plan.sequence for c in p.commitments)]
    assert all(name in probation for name in others) and po.name in probation


def test_a_plan_with_errors_still_exports_with_findings_first(book, tmp_path):
    plan = apply_example(EXAMPLES["IRT020"], book)
    files = export_plan(plan, book, tmp_path, ["md"])
    sheet = (tmp_path / f"{plan.id}-plan.md").read_text(encoding="utf-8")
    assert "Open questions for this meeting" in sheet and "IRT020" in sheet
    assert sheet.index("Open questions") < sheet.index("1. Employment goal")
    assert files


def test_the_agenda_carries_the_three_items_and_the_checklist(book):
    from irt_sim.documents.render import to_markdown

    text = to_markdown(plan_documents(book.plans["lena-marsh-vet-tech"], book)["lena-marsh-vet-tech-agenda"])
    for words in ("common employment goal", "lines of communication", "sequence of services",
                  "Facilitator's checklist", "crises or roadblocks", "Lena Marsh leads the team"):
        assert words in text


def test_update_message_puts_overdue_items_first(book):
    plan = book.plans["lena-marsh-vet-tech"]
    first, second = plan.action_items[0], plan.action_items[1]
    status = f"action,status,note\n{first.action},done,\n{second.action},late,waiting\nNo such action,done,\nX,maybe,\n"
    message, problems = status_update(plan, book, status, on=plan.meeting.date + dt.timedelta(days=1))
    assert message.index("Overdue (1):") < message.index("Open (") < message.index("Done (1):")
    overdue = message[message.index("Overdue"):message.index("Open (")]
    assert second.action in overdue and "(waiting)" in overdue
    assert {p.line for p in problems} == {4, 5}
    assert plan.attendee(plan.communication.point_of_contact).name in message
    later = plan.action_items[-1].due if plan.action_items[-1].due != "ongoing" else None
    if later:
        msg, _ = status_update(plan, book, "action,status\n", on=later + dt.timedelta(days=1))
        assert msg.index(plan.action_items[-1].action) < msg.index("Open (")


def test_cli_export_all_formats_and_unreadable_plans(tmp_path, capsys):
    code = main(["export-plan", str(CASEBOOK / "plans" / "lena-marsh-vet-tech.yaml"), "--format", "all", "--out",
                 str(tmp_path)])
    assert code == 0
    suffixes = {p.suffix for p in tmp_path.iterdir()}
    assert suffixes == {".md", ".html", ".docx", ".pdf", ".csv", ".ics"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("customer: [\n", encoding="utf-8")
    assert main(["export-plan", str(bad), "--format", "md", "--out", str(tmp_path), "--casebook", str(CASEBOOK)]) == 2
    assert "bad.yaml, line" in capsys.readouterr().err


def test_exports_are_reproducible(book, tmp_path):
    plan = book.plans["lena-marsh-vet-tech"]
    a = {p.name: p.read_bytes() for p in export_plan(plan, book, tmp_path / "a", ["md", "html", "csv", "ics"])}
    b = {p.name: p.read_bytes() for p in export_plan(plan, book, tmp_path / "b", ["md", "html", "csv", "ics"])}
    assert a == b
