"""Quarterly IPS outcomes on a small caseload whose figures are worked out by hand, bad rows reported
by line and left out, and the roll-up across agencies."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from irt_sim.cli import main
from irt_sim.display.ips_charts import outcomes_trend_chart
from irt_sim.ips.outcomes import quarterly_outcomes, read_caseload, roll_up

HEADER = "person_id,start_date,job_periods,closure_date,closed_while_working,education_periods\n"
SMALL = HEADER + (
    # P1: joins Q1, works from Feb to May (Q1 and Q2), second job from Aug (Q3 on)
    "P1,2026-01-05,2026-02-01..2026-05-10;2026-08-03..,,,\n"
    # P2: joins Q1, never works, closed in Q2 (not working), in education in Q1
    "P2,2026-02-10,,2026-04-15,no,2026-01-20..2026-03-31\n"
    # P3: joins Q2 (last day of Q1 is 03-31, so 04-01 is Q2), starts a job on the last day of Q2, closed while working in Q3
    "P3,2026-04-01,2026-06-30..,2026-09-01,yes,\n"
    # P4: joins on the last day of Q3: served in Q3, nothing else
    "P4,2026-09-30,,,,2026-10-01..\n"
)


def test_quarterly_figures_match_a_hand_count():
    caseload = read_caseload("small.csv", text=SMALL)
    assert caseload.problems == []
    t = quarterly_outcomes(caseload, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]).set_index("quarter")
    # Q1: served P1, P2; employed P1; job starts: P1's first job; in education: P2
    assert t.loc["2026-Q1", ["served", "employed", "job_starts", "closed_while_working", "in_education"]].tolist() == [2, 1, 1, 0, 1]
    # Q2: served P1, P2 (closed 04-15, so served), P3; employed P1 (to 05-10), P3 (from 06-30); one job start
    assert t.loc["2026-Q2", ["served", "employed", "job_starts", "closed_while_working", "in_education"]].tolist() == [3, 2, 1, 0, 0]
    # Q3: served P1, P3 (closed 09-01, so served), P4; employed P1 (new job), P3; one start; P3 closed while working
    assert t.loc["2026-Q3", ["served", "employed", "job_starts", "closed_while_working", "in_education"]].tolist() == [3, 2, 1, 1, 0]
    # Q4: served P1, P4; employed P1; P4 in education
    assert t.loc["2026-Q4", ["served", "employed", "job_starts", "closed_while_working", "in_education"]].tolist() == [2, 1, 0, 0, 1]
    assert t.loc["2026-Q2", "employment_rate"] == pytest.approx(2 / 3)


def test_quarters_default_to_the_span_of_the_file():
    t = quarterly_outcomes(read_caseload("small.csv", text=SMALL))
    assert t["quarter"].tolist() == ["2026-Q1", "2026-Q2", "2026-Q3"]


def test_bad_rows_are_reported_by_line_and_the_rest_still_count():
    text = SMALL + (
        "P5,2026-13-01,,,,\n"                        # line 6: not a date
        "P6,2026-02-01,2026-03-01-2026-04-01,,,\n"   # line 7: not a period
        "P7,2026-02-01,,,maybe,\n"                   # line 8: bad flag
        "P1,2026-01-05,,,,\n"                        # line 9: duplicate person
        "P8,2026-02-01,,2026-01-01,no,\n"            # line 10: closed before start
        "P9,2026-02-01,2026-01-10..,,,\n"            # line 11: job before start
        "P10,2026-02-01,,,,,extra\n"                 # line 12: too many cells
    )
    caseload = read_caseload("agency-caseload.csv", text=text)
    lines = {p.line: p.message for p in caseload.problems}
    assert set(lines) == {6, 7, 8, 9, 10, 11, 12}
    assert "start_date: '2026-13-01' is not a date" in lines[6]
    assert "is not a period" in lines[7] and "yes, no or empty" in lines[8] and "appears twice" in lines[9]
    assert all("left out" in m for m in lines.values())
    assert [p.person_id for p in caseload.people] == ["P1", "P2", "P3", "P4"]
    t = quarterly_outcomes(caseload, ["2026-Q2"])
    assert t["served"].tolist() == [3]  # the good rows count exactly as before


def test_a_wrong_header_is_one_clear_problem():
    caseload = read_caseload("x.csv", text="id,start\nP1,2026-01-01\n")
    [p] = caseload.problems
    assert p.line == 1 and "lacks the column(s) person_id, start_date" in p.message and not caseload.people


def test_roll_up_adds_counts_and_recomputes_the_rate():
    a = quarterly_outcomes(read_caseload("a.csv", "A", text=SMALL), ["2026-Q2"])
    b_text = HEADER + "Q1,2026-01-01,2026-04-01..,,,\n"
    b = quarterly_outcomes(read_caseload("b.csv", "B", text=b_text), ["2026-Q2"])
    r = roll_up([a, b]).set_index("quarter").loc["2026-Q2"]
    assert (r["served"], r["employed"], r["agencies"]) == (4, 3, 2)
    assert r["employment_rate"] == pytest.approx(3 / 4)  # not the mean of 2/3 and 1/1


def test_trend_chart_has_a_text_alternative(tmp_path: Path):
    t = quarterly_outcomes(read_caseload("small.csv", "Small agency", text=SMALL))
    chart = outcomes_trend_chart(t)
    assert chart.alt_text.startswith("Line chart.") and "Small agency: 2026-Q1 50%, 2026-Q2 67%" in chart.alt_text
    assert 'alt="Line chart.' in chart._repr_html_()


def test_cli_outcomes_exit_codes(tmp_path: Path, capsys):
    good = tmp_path / "good-caseload.csv"
    good.write_text(SMALL, encoding="utf-8")
    assert main(["ips", "outcomes", str(good)]) == 0
    out = capsys.readouterr().out
    assert "Quarterly IPS outcomes: good" in out and "2026-Q2" in out and "67%" in out
    bad = tmp_path / "bad-caseload.csv"
    bad.write_text(SMALL + "P9,soon,,,,\n", encoding="utf-8")
    assert main(["ips", "outcomes", str(good), str(bad), "--csv", str(tmp_path / "out.csv")]) == 1
    captured = capsys.readouterr()
    assert "bad-caseload.csv, line 6" in captured.err and "learning community roll-up" in captured.out
    assert (tmp_path / "out.csv").read_text().startswith("agency,quarter,served")
    assert main(["ips", "outcomes", str(tmp_path / "missing.csv")]) == 2
    assert main(["ips", "outcomes", str(good), "--chart", str(tmp_path / "trend.png")]) == 0
    assert (tmp_path / "trend.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "trend.txt").read_text().startswith("Line chart.")


def test_empty_quarters_have_no_rate_rather_than_a_crash():
    t = quarterly_outcomes(read_caseload("s.csv", text=SMALL), ["2025-Q4"])
    assert t["served"].tolist() == [0] and math.isnan(t["employment_rate"].iloc[0])
