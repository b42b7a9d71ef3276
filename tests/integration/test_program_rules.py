"""The programs' real rules (VR, TANF, SSA work incentives, consent, WIOA): each rule cites its
source and stays quiet on every worked plan; every figure it rests on names its source; and a
trainer's own community, written from casebook/README.md alone, loads and checks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from irt_sim import check_plan, load_casebook
from irt_sim.checks.examples import EXAMPLES, example_case
from irt_sim.checks.plan_rules import RULES
from irt_sim.inputs.program_figures import parse_figures, program_figures
from irt_sim.inputs.yamlfile import InputError

from ..support import CASEBOOK, KIT

PROGRAM_RULES = sorted(code for code, r in RULES.items() if r.cites)
PLANS = sorted(p.stem for p in (CASEBOOK / "plans").glob("*.yaml"))


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "irt_sim.cli", *args], capture_output=True, text=True,
                          cwd=cwd or KIT, timeout=120)


# --- the rules -------------------------------------------------------------------------------------


def test_at_least_fifteen_program_rules_each_with_a_source():
    assert len(PROGRAM_RULES) >= 15
    figures = program_figures()
    for code in PROGRAM_RULES:
        rule = RULES[code]
        assert all(key in figures for key in rule.cites), code
        assert re.search(r"\d", rule.cite), f"{code} cites no section: {rule.cite}"


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_worked_plan_is_clean(book, plan_id):
    """A caseworker copies the worked plans: each passes every rule, program rules included, with no
    warning left either."""
    findings = check_plan(book.plans[plan_id], book)
    assert not findings, "\n".join(f"{f.code}: {f.message}" for f in findings)


@pytest.mark.parametrize("code", PROGRAM_RULES)
def test_a_program_rule_fires_on_its_example_with_its_citation(book, code):
    plan, changed = example_case(EXAMPLES[code], book)
    found = [f for f in check_plan(plan, changed) if f.code == code]
    assert found and all(f.cite == RULES[code].cite for f in found)
    assert all(code not in {f.code for f in check_plan(p, book)} for p in book.plans.values())


def test_check_plan_prints_the_citation_of_each_program_finding(scratch_casebook):
    import yaml

    plan_file = scratch_casebook / "plans" / "lena-marsh-vet-tech.yaml"
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    del data["program_records"]["state-vr"]["individual_plan"]  # VR services with no signed IPE: IRT060
    plan_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = run_cli("check-plan", str(plan_file), "--casebook", str(scratch_casebook))
    assert out.returncode == 1, out.stderr
    lines = out.stdout.splitlines()
    i = next(n for n, line in enumerate(lines) if "IRT060" in line)
    assert lines[i + 1].strip().startswith("Source: 34 CFR 361.45")


def test_the_checker_reference_lists_each_rules_citation():
    text = (KIT / "docs" / "checker-reference.md").read_text(encoding="utf-8")
    figures = program_figures()
    for code in PROGRAM_RULES:
        section = text.split(f"### {code}\n", 1)[1].split("\n### ", 1)[0]
        source = next(line for line in section.splitlines() if line.startswith("Source: "))
        for key in RULES[code].cites:  # each cited figure, linked where it can be read
            fig = figures[key]
            assert fig.ref in source and (fig.url is None or f"]({fig.url})" in source), (code, key)
        assert source.rstrip(".").endswith(")"), source  # its confidence


# --- the figures -----------------------------------------------------------------------------------


def test_every_program_figure_names_its_source_and_confidence():
    for key, fig in program_figures().items():
        assert fig.ref.strip() and fig.confidence, key
        assert fig.url is None or fig.url.startswith("https://"), key


def test_a_figure_without_its_source_is_refused_with_its_line():
    text = "ssa:\n  sga:\n    value: 1690\n    what: The monthly earnings limit\n    confidence: confirmed\n"
    with pytest.raises(InputError) as err:
        parse_figures(text, "program_rules.yaml")
    [problem] = err.value.problems
    assert problem.line == 2 and "ref" in str(problem)


def test_the_2026_ssa_figures_are_the_published_ones():
    figures = program_figures()
    assert figures["ssa.sga_month"].value == 1690 and figures["ssa.sga_blind_month"].value == 2830
    assert figures["ssa.trial_work_month"].value == 1210
    assert all(figures[k].in_force == 2026 for k in ("ssa.sga_month", "ssa.sga_blind_month", "ssa.trial_work_month"))


def test_the_figures_document_lists_every_figure_with_its_source():
    text = (KIT / "docs" / "program-figures.md").read_text(encoding="utf-8")
    for fig in program_figures().values():
        assert fig.ref in text


def test_a_program_figure_with_no_source_is_reported_and_the_program_still_loads(scratch_casebook):
    path = scratch_casebook / "programs" / "state-vr.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\nsources:\n")[0] + "\n", encoding="utf-8")
    book = load_casebook(scratch_casebook, cache=False)
    assert "state-vr" in book.programs
    unsourced = {p.field for p in book.problems if p.file.endswith("state-vr.yaml")}
    assert {"eligibility.decision_within_days", "outcome.retention_days", "rules.order_of_selection"} <= unsourced
    out = run_cli("casebook", "check", "--casebook", str(scratch_casebook))
    assert out.returncode == 1 and "names no source" in out.stdout


def test_a_wioa_core_program_without_the_primary_indicators_is_reported(scratch_casebook):
    path = scratch_casebook / "programs" / "wioa-youth.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    - Effectiveness in serving employers\n", ""), encoding="utf-8")
    book = load_casebook(scratch_casebook, cache=False)
    [problem] = [p for p in book.problems if p.file.endswith("wioa-youth.yaml")]
    assert problem.field == "outcome.measures" and "Effectiveness in serving employers" in problem.message


# --- a trainer's own community -----------------------------------------------------------------------


def _readme_community(target: Path) -> Path:
    """The files of casebook/README.md's 'Start a new community', saved as the README says."""
    text = (CASEBOOK / "README.md").read_text(encoding="utf-8")
    written = []
    for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
        name = re.search(r"^# file: (\S+)$", block, re.M)
        if name:
            (target / name.group(1)).parent.mkdir(parents=True, exist_ok=True)
            (target / name.group(1)).write_text(block, encoding="utf-8")
            written.append(name.group(1))
    assert written == ["community.yaml", "programs/alder-creek-job-center.yaml", "customers/rowan-ashby.yaml"]
    return target


def test_the_readme_community_of_programs_and_customers_only_passes_casebook_check(tmp_path):
    root = _readme_community(tmp_path / "alder-creek")
    book = load_casebook(root, cache=False)
    assert not book.problems and list(book.programs) == ["alder-creek-job-center"] and list(book.customers)
    out = run_cli("casebook", "check", "--casebook", str(root))
    assert out.returncode == 0, out.stdout
    assert "1 program, 1 customer, 0 plans" in out.stdout and "no plans yet" in out.stdout


def test_the_older_positional_folder_still_works(tmp_path):
    root = _readme_community(tmp_path / "alder-creek")
    assert run_cli("casebook", "check", str(root)).returncode == 0


def test_check_plan_says_which_casebook_it_used(tmp_path):
    plan = tmp_path / "lena.yaml"  # a plan kept outside any casebook
    shutil.copy(CASEBOOK / "plans" / "lena-marsh-vet-tech.yaml", plan)
    out = run_cli("check-plan", str(plan), cwd=tmp_path)
    first = out.stdout.splitlines()[0]
    assert first.startswith("Casebook: ") and "the default one" in first and "--casebook" in first
    out = run_cli("check-plan", str(plan), "--casebook", str(CASEBOOK), cwd=tmp_path)
    assert "given with --casebook" in out.stdout.splitlines()[0]


def test_a_reader_that_stops_early_is_not_an_error():
    """`irt-academy casebook check | head -1`: the reader closes the pipe, the kit stops quietly."""
    proc = subprocess.Popen([sys.executable, "-m", "irt_sim.cli", "ips", "score",
                             str(CASEBOOK / "agencies" / "northgate-ips.yaml")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=KIT)
    proc.stdout.close()  # before the kit writes a line, so its first write meets a closed pipe
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and b"went wrong" not in err and b"Traceback" not in err


def test_the_program_schema_describes_the_optional_id():
    import json

    schema = json.loads((CASEBOOK / "schema" / "program.schema.json").read_text(encoding="utf-8"))
    assert "id" in schema["properties"] and "id" not in schema.get("required", [])
    assert "file name" in schema["properties"]["id"]["description"]


def test_an_owner_written_as_a_name_is_told_the_attendee_ids(scratch_casebook):
    path = scratch_casebook / "plans" / "lena-marsh-vet-tech.yaml"
    text = path.read_text(encoding="utf-8")
    first_owner = re.search(r"responsible: \[([a-z]+)", text).group(1)
    path.write_text(text.replace(f"responsible: [{first_owner}", "responsible: [Housing Authority caseworker", 1),
                    encoding="utf-8")
    book = load_casebook(scratch_casebook, cache=False)
    [problem] = [p for p in book.problems if p.file.endswith("lena-marsh-vet-tech.yaml")]
    assert "not an attendee's id" in problem.message and first_owner in problem.message and problem.line


def test_natural_supports_missing_from_a_new_community_says_what_to_copy(scratch_casebook):
    (scratch_casebook / "programs" / "natural-supports.yaml").unlink()
    book = load_casebook(scratch_casebook, cache=False)
    assert any("natural-supports.yaml" in p.message and "copy" in p.message for p in book.problems)


def test_comparable_benefits_come_from_public_programs_not_from_family_or_charity(book):
    """34 CFR 361.5(c)(8): VR need not wait for what family, friends or a charity give."""
    import dataclasses

    from irt_sim.model import Program

    plan, _ = example_case(EXAMPLES["IRT063"], book)  # VR pays for Dario's tutoring

    def only_tutor(program_id: str):
        programs = {}
        for pid, p in book.programs.items():
            record = p.model_dump(mode="json", exclude_none=True)
            if pid != "state-vr":
                record["services"] = [s for s in record["services"] if "tutoring" not in (s["category"], *s.get("also", []))]
            if pid == program_id:
                record["services"].append({"id": "homework-help", "name": "Help with the course's reading and maths",
                                           "category": "tutoring", "addresses": ["literacy"]})
            programs[pid] = Program.model_validate(record)
        return dataclasses.replace(book, programs=programs)

    family = only_tutor("natural-supports")
    assert "IRT063" not in {f.code for f in check_plan(plan, family)}
    public = only_tutor("harlow-adult-learning")
    [finding] = [f for f in check_plan(plan, public) if f.code == "IRT063"]
    assert "Harlow Valley Adult Learning Center" in finding.message
