"""What the kit writes for others to open is safe to open: no spreadsheet cell runs as a formula,
case notes in Markdown carry no tag, link or script, an output path never follows a planted link
nor replaces a file unasked, and odd text or dates are a message, never a crash."""

from __future__ import annotations

import csv
import json
import os
import shutil

import mistune
import pytest
from icalendar import Calendar

from irt_sim.cli import main
from irt_sim.ips.outcomes import quarterly_outcomes, read_caseload

from ..support import CASEBOOK

PLAN = "plans/dario-quill-carpentry.yaml"
FIRST_ACTION = "  - action: Finish the pre-apprenticeship application and book the entry interview and the maths and reading screen"
NASTY = '=HYPERLINK("http://evil.example","see") <script>alert(1)</script> [click](javascript:alert(1)) <javascript:alert(2)>'


def run(capsys, *args):
    code = main(list(args))
    said = capsys.readouterr()
    return code, said.out + said.err


@pytest.fixture()
def nasty_plan(scratch_casebook):
    path = scratch_casebook / PLAN
    text = path.read_text(encoding="utf-8")
    assert FIRST_ACTION in text
    action = json.dumps(NASTY + " control \x07 and\ttabs")  # JSON's string is a YAML string too
    path.write_text(text.replace(FIRST_ACTION, f"  - action: {action}"), encoding="utf-8")
    return path


def test_an_action_that_looks_like_a_formula_is_text_in_the_csv(capsys, nasty_plan, scratch_casebook, tmp_path):
    code, out = run(capsys, "export-plan", str(nasty_plan), "--format", "csv", "--out", str(tmp_path / "out"),
                    "--casebook", str(scratch_casebook))
    assert code == 0, out
    rows = list(csv.reader(open(next((tmp_path / "out").glob("*.csv")), encoding="utf-8")))
    cells = [c for row in rows[1:] for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_markdown_case_notes_carry_no_tag_link_or_script(capsys, nasty_plan, scratch_casebook, tmp_path):
    code, out = run(capsys, "export-plan", str(nasty_plan), "--format", "md", "--out", str(tmp_path / "out"),
                    "--casebook", str(scratch_casebook))
    assert code == 0, out
    for page in (tmp_path / "out").glob("*.md"):
        html = mistune.html(page.read_text(encoding="utf-8"))
        assert "<script" not in html and 'href="javascript' not in html and "\x07" not in page.read_text()
    sheet = next((tmp_path / "out").glob("*-plan.md")).read_text(encoding="utf-8")
    assert r"\<script\>alert(1)\</script\>" in sheet  # the text is all there, shown as typed


def test_every_format_is_written_from_odd_text(capsys, nasty_plan, scratch_casebook, tmp_path):
    code, out = run(capsys, "export-plan", str(nasty_plan), "--format", "all", "--out", str(tmp_path / "out"),
                    "--casebook", str(scratch_casebook))
    assert code == 0, out
    ics = next((tmp_path / "out").glob("*.ics")).read_bytes()
    events = [c for c in Calendar.from_ical(ics).walk("VEVENT")]
    assert any("HYPERLINK" in str(e["summary"]) for e in events)
    assert {p.suffix for p in (tmp_path / "out").iterdir()} == {".md", ".html", ".docx", ".pdf", ".csv", ".ics"}


def test_a_newline_in_a_name_and_a_huge_action_still_export(capsys, scratch_casebook, tmp_path):
    customer = scratch_casebook / "customers" / "dario-quill.yaml"
    text = customer.read_text(encoding="utf-8")
    customer.write_text(text.replace("name: Dario Quill", 'name: "Dario\\nQuill"', 1), encoding="utf-8")
    plan = scratch_casebook / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace(FIRST_ACTION, "  - action: " + "word " * 1500), encoding="utf-8")
    code, out = run(capsys, "export-plan", str(plan), "--format", "all", "--out", str(tmp_path / "out"),
                    "--casebook", str(scratch_casebook))
    assert code == 0, out
    cal = Calendar.from_ical(next((tmp_path / "out").glob("*.ics")).read_bytes())
    assert "\n" not in str(cal["x-wr-calname"])


def test_a_date_far_out_of_range_is_a_finding_not_a_crash(capsys, scratch_casebook, tmp_path):
    plan = scratch_casebook / PLAN
    text = plan.read_text(encoding="utf-8")
    at = text.index("due:", text.index(FIRST_ACTION))
    plan.write_text(text[:at] + "due: 9999-12-31" + text[at + len("due: 2026-01-01"):], encoding="utf-8")
    for args in (("check-plan", str(plan)), ("export-plan", str(plan), "--format", "ics", "--out", str(tmp_path / "o")),
                 ("plan-update", str(plan), str(tmp_path / "status.csv"))):
        (tmp_path / "status.csv").write_text("action,status\n", encoding="utf-8")
        code, out = run(capsys, *args, "--casebook", str(scratch_casebook))
        assert code != 0 and "9999-12-31 is out of range" in out and "Traceback" not in out, (args, out)
        assert "Something went wrong" not in out


def test_out_never_follows_a_planted_link_and_needs_force_to_replace(capsys, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(victim, out / "dario-quill-carpentry-actions.csv")
    plan = str(CASEBOOK / PLAN)
    code, said = run(capsys, "export-plan", plan, "--format", "csv", "--out", str(out), "--force")
    assert code != 0 and "link" in said and victim.read_text() == "keep me"
    (out / "dario-quill-carpentry-actions.csv").unlink()
    assert run(capsys, "export-plan", plan, "--format", "csv", "--out", str(out))[0] == 0
    code, said = run(capsys, "export-plan", plan, "--format", "csv", "--out", str(out))
    assert code != 0 and "--force" in said
    assert run(capsys, "export-plan", plan, "--format", "csv", "--out", str(out), "--force")[0] == 0
    linked = tmp_path / "linked-out"
    os.symlink(out, linked)
    code, said = run(capsys, "export-plan", plan, "--format", "csv", "--out", str(linked), "--force")
    assert code != 0 and "link" in said


def test_ips_csv_cells_cannot_run_as_formulas(capsys, tmp_path):
    caseload = tmp_path / "=1+2-caseload.csv"
    shutil.copy(CASEBOOK / "agencies" / "northgate-ips-caseload.csv", caseload)
    out = tmp_path / "quarters.csv"
    code, said = run(capsys, "ips", "outcomes", str(caseload), "--csv", str(out))
    assert code in (0, 1), said
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert rows and all(r["agency"] == "'=1+2" for r in rows)
    code, said = run(capsys, "ips", "outcomes", str(caseload), "--csv", str(out))
    assert code != 0 and "--force" in said


HEADER = "person_id,start_date,job_periods,closure_date,closed_while_working,education_periods\n"


def test_a_caseload_row_far_in_the_past_costs_its_row_not_the_run():
    text = HEADER + "P1,2026-01-10,2026-02-01..2026-05-31,,,\nP2,1000-01-01,,,,\nP3,2026-02-01,,9999-01-01,,\n"
    caseload = read_caseload("agency-caseload.csv", text=text)
    assert [p.person_id for p in caseload.people] == ["P1"]
    assert [p.line for p in caseload.problems] == [3, 4] and all("out of range" in p.message for p in caseload.problems)
    assert list(quarterly_outcomes(caseload)["quarter"]) == ["2026-Q1"]  # not a thousand years of quarters


def test_a_caseload_cell_over_the_csv_limit_costs_its_row_only():
    text = HEADER + "P1,2026-01-10,,,,\nP2,2026-01-10," + "x" * 200_000 + ",,,\nP3,2026-03-01,,,,\n"
    caseload = read_caseload("agency-caseload.csv", text=text)
    assert [p.person_id for p in caseload.people] == ["P1", "P3"]
    assert len(caseload.problems) == 1 and "far too long" in caseload.problems[0].message


def test_a_caseload_that_is_a_pipe_is_refused(tmp_path):
    os.mkfifo(tmp_path / "x-caseload.csv")
    caseload = read_caseload(tmp_path / "x-caseload.csv")
    assert caseload.people == [] and "a pipe, not a file" in str(caseload.problems[0])


def test_docx_and_pdf_take_control_characters_and_long_words():
    from irt_sim.documents.build import Doc, Para, Table
    from irt_sim.documents.render import to_docx, to_pdf

    doc = Doc(title="t\x00itle").add(Para("bell \x07 escape \x1b[31m nul \x00"),
                                      Table("c", ["a", "b"], [["x" * 5000, "y" * 300]]))
    assert to_docx(doc)[:2] == b"PK" and to_pdf(doc)[:4] == b"%PDF"
