"""The irt-academy command: output grouped by section, exit codes 0 / 1 / 2, no tracebacks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from irt_sim.cli import main

from ..support import CASEBOOK, KIT

WORKED = CASEBOOK / "plans" / "lena-marsh-vet-tech.yaml"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_worked_plan_exits_0(capsys):
    code, out, err = run(capsys, "check-plan", str(WORKED))
    assert code == 0, out + err
    assert "0 errors" in out and "Lena Marsh" in out


def test_a_plan_with_errors_exits_1_and_groups_by_section(capsys, scratch_casebook: Path):
    plan = scratch_casebook / "plans" / "lena-marsh-vet-tech.yaml"
    text = plan.read_text(encoding="utf-8")
    text = re.sub(r"^  point_of_contact: .*\n", "", text, flags=re.M)         # IRT020
    text = re.sub(r"^  job_title: .*\n", "", text, count=1, flags=re.M)        # IRT010
    plan.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check-plan", str(plan))
    assert code == 1
    assert out.index("Employment goal") < out.index("Lines of communication")
    goal_part = out[out.index("Employment goal"):out.index("Lines of communication")]
    assert "ERROR IRT010" in goal_part and "job title" in goal_part
    assert re.search(r"ERROR IRT020, line \d+", out)
    assert "Traceback" not in out + err


def test_an_unreadable_plan_exits_2_with_file_and_line(capsys, scratch_casebook: Path):
    plan = scratch_casebook / "plans" / "lena-marsh-vet-tech.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("meeting:", "meeting: [", 1), encoding="utf-8")
    code, out, err = run(capsys, "check-plan", str(plan))
    assert code == 2
    assert "lena-marsh-vet-tech.yaml, line" in err and "not valid YAML" in err
    assert "Traceback" not in out + err


def test_a_missing_plan_file_exits_2(capsys, tmp_path: Path):
    code, out, err = run(capsys, "check-plan", str(tmp_path / "nope.yaml"), "--casebook", str(CASEBOOK))
    assert code == 2 and "does not exist" in err


def test_casebook_check_passes_on_the_shipped_casebook(capsys):
    code, out, err = run(capsys, "casebook", "check", str(CASEBOOK))
    assert code == 0, out
    assert "every plan passes" in out


def test_casebook_check_reports_every_problem_in_one_run(capsys, scratch_casebook: Path):
    (scratch_casebook / "customers" / "lena-marsh.yaml").write_text("name: [\n", encoding="utf-8")
    prog = scratch_casebook / "programs" / "valley-ride.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace("system:", "sytem:", 1), encoding="utf-8")
    code, out, err = run(capsys, "casebook", "check", str(scratch_casebook))
    assert code == 1
    assert "lena-marsh.yaml, line" in out and "valley-ride.yaml, line" in out
    assert "Did you mean 'system'?" in out
    assert "Traceback" not in out + err


def test_generate_check_reports_nothing_stale(capsys):
    code, out, err = run(capsys, "generate", "--check")
    assert code == 0, out
    assert "up to date" in out


def test_console_script_runs_as_a_program():
    """The installed entry point works from a shell, as trainers will call it."""
    result = subprocess.run([sys.executable, "-m", "irt_sim.cli", "check-plan", str(WORKED)],
                            capture_output=True, text=True, cwd=KIT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_command_prints_usage_not_a_traceback(capsys):
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_an_internal_error_is_reported_in_words_not_a_traceback(capsys, monkeypatch):
    import irt_sim.cli as cli

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "cmd_casebook_check", broken)
    monkeypatch.delenv("IRT_ACADEMY_DEBUG", raising=False)
    code = cli.main(["casebook", "check"])
    err = capsys.readouterr().err
    assert code == 3 and "inside the kit itself" in err and "Traceback" not in err


def test_findings_report_says_no_findings_in_words(book):
    from irt_sim import check_plan
    from irt_sim.checks.examples import EXAMPLES, apply_example
    from irt_sim.display.tables import show_findings

    clean = show_findings(check_plan(book.plans["lena-marsh-vet-tech"], book))
    assert "No findings" in clean._repr_html_() and "<table" not in clean._repr_html_()
    broken = show_findings(check_plan(apply_example(EXAMPLES["IRT020"], book), book))
    html = broken._repr_html_()
    assert "1 error and" in html and "<table" in html and "IRT020" in html
