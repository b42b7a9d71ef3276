"""Bad input gets one clear line per problem, naming file, line and field; other files still load."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from irt_sim import load_casebook
from irt_sim.inputs.yamlfile import InputError, parse_document
from irt_sim.model import Customer, Plan, Program

PLAN_OK = textwrap.dedent(
    """\
    customer: lena-marsh
    meeting:
      date: 2026-03-04
    attendees:
      - id: lena
        name: Lena Marsh
        role: Customer
        customer: true
    action_items:
      - action: Complete the application
        responsible: [lena]
        due: 2026-03-20
    """
)


def problems(text: str, model=Plan, name="plan.yaml", doc_id="p1"):
    with pytest.raises(InputError) as caught:
        parse_document(textwrap.dedent(text), model, name, doc_id=doc_id)
    return caught.value.problems


def test_a_good_document_loads_and_remembers_lines():
    loaded = parse_document(PLAN_OK, Plan, "plan.yaml", doc_id="p1")
    assert loaded.obj.id == "p1"
    assert loaded.line(("action_items", 0, "due")) == 12
    assert loaded.line(("attendees", 0)) == 5


def test_malformed_yaml_names_the_line():
    [p] = problems("customer: x\nmeeting: [2026-01-01\nattendees: []\n")
    assert p.file == "plan.yaml" and p.line in (2, 3)
    assert "not valid YAML" in p.message and "indentation" in p.message


def test_tab_indentation_is_reported_not_raised():
    [p] = problems("customer: x\nmeeting:\n\tdate: 2026-01-01\n")
    assert p.line == 3 and "not valid YAML" in p.message


def test_duplicate_key_is_reported():
    [p] = problems(PLAN_OK + "customer: again\n")
    assert "duplicate" in p.message and "only once" in p.message
    assert p.line == 13


def test_missing_field_names_field_and_parent_line():
    [p] = problems(PLAN_OK.replace("  date: 2026-03-04\n", "  format: virtual\n"))
    assert p.field == "meeting › date"
    assert "required field 'date' is missing" in p.message
    assert p.line == 2


def test_unknown_field_suggests_the_right_one():
    [p] = problems(PLAN_OK.replace("    responsible: [lena]", "    resposible: [lena]"))
    assert p.field == "action_items › 1 › resposible"
    assert "Did you mean 'responsible'?" in p.message
    assert p.line == 11


def test_wrong_type_is_explained():
    text = PLAN_OK + "goal:\n  job_title: Vet tech\n  weekly_hours: 30+\n"
    [p] = problems(text)
    assert p.field == "goal › weekly_hours" and p.line == 15
    assert "not a number" in p.message


def test_a_date_that_is_not_a_date():
    [p] = problems(PLAN_OK.replace("due: 2026-03-20", "due: 08/30/2026"))
    assert p.field == "action_items › 1 › due" and p.line == 12
    assert "YYYY-MM-DD" in p.message and "'08/30/2026'" in p.message


def test_meeting_date_that_is_not_a_date():
    [p] = problems(PLAN_OK.replace("date: 2026-03-04", "date: next Tuesday"))
    assert p.field == "meeting › date" and "not a date" in p.message


def test_all_problems_in_a_file_are_reported_together():
    text = PLAN_OK.replace("due: 2026-03-20", "due: soon").replace("role: Customer", "rol: Customer")
    text += "sequence:\n  - phase: Before\n    stage: prep\n"
    found = problems(text)
    fields = {p.field for p in found}
    assert {"action_items › 1 › due", "attendees › 1 › rol", "attendees › 1 › role", "sequence › 1 › stage"} <= fields
    assert [p.line for p in found] == sorted(p.line for p in found)
    stage = next(p for p in found if p.field == "sequence › 1 › stage")
    assert "Did you mean 'preparation'?" in stage.message


def test_wrong_vocabulary_word_lists_the_allowed_words():
    text = """\
    name: X
    age: 30
    story: A story.
    strengths: [kind]
    barriers:
      - type: transport
        detail: No car.
    """
    [p] = problems(text, model=Customer)
    assert p.field == "barriers › 1 › type"
    assert "Did you mean 'transportation'?" in p.message and "housing" in p.message


def test_id_in_file_must_match_file_name():
    [p] = problems("id: other\n" + PLAN_OK)
    assert p.field == "id" and "file name" in p.message


def test_an_empty_file_and_a_list_file():
    assert "empty" in problems("")[0].message
    assert "group of 'field: value' lines" in problems("- a\n- b\n")[0].message


def test_duplicate_service_ids_are_reported():
    text = """\
    name: X
    system: housing
    summary: S.
    partner_role: R
    eligibility: {summary: Anyone.}
    services:
      - {id: a, name: A, category: housing_assistance}
      - {id: a, name: B, category: housing_assistance}
    services_stop: {after: long_term, note: Never.}
    """
    [p] = problems(text, model=Program)
    assert "two services share the id 'a'" in p.message


def test_one_broken_file_never_stops_the_rest(scratch_casebook: Path):
    whole = load_casebook(scratch_casebook)
    broken = scratch_casebook / "customers" / "lena-marsh.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("age:", "age: [", 1), encoding="utf-8")
    (scratch_casebook / "programs" / "valley-ride.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    book = load_casebook(scratch_casebook)
    files = {Path(p.file).name for p in book.problems}
    assert files == {"lena-marsh.yaml", "valley-ride.yaml"}
    assert "lena-marsh" not in book.customers and "valley-ride" not in book.programs
    # everything else still loads, including the customers and plans that name the broken files
    assert len(book.customers) == len(whole.customers) - 1
    assert len(book.programs) == len(whole.programs) - 1
    assert set(book.plans) == set(whole.plans)
    # the checker then says plainly what it is missing, instead of the plan vanishing
    lena_plan = book.plans["lena-marsh-vet-tech"]
    from irt_sim import check_plan

    assert any(f.code == "IRT005" for f in check_plan(lena_plan, book))


def test_unknown_program_and_customer_are_located(scratch_casebook: Path):
    plan = scratch_casebook / "plans" / "lena-marsh-vet-tech.yaml"
    text = plan.read_text(encoding="utf-8")
    import re

    text = re.sub(r"^customer: .*$", "customer: nobody-here", text, count=1, flags=re.M)
    text = re.sub(r"^(\s+program: )state-vr\s*$", r"\1state-rv", text, count=1, flags=re.M)
    plan.write_text(text, encoding="utf-8")
    book = load_casebook(scratch_casebook)
    mine = [p for p in book.problems if Path(p.file).name == plan.name]
    messages = " ".join(p.message for p in mine)
    assert "no customer 'nobody-here'" in messages
    assert "no program 'state-rv'" in messages and "did you mean 'state-vr'" in messages
    assert all(p.line for p in mine)
    assert plan.stem not in book.plans


def test_a_missing_casebook_folder_is_a_problem_not_a_crash(tmp_path: Path):
    book = load_casebook(tmp_path / "nowhere")
    assert book.problems and "does not exist" in book.problems[0].message


def test_non_utf8_file_is_reported(scratch_casebook: Path):
    (scratch_casebook / "customers" / "latin1.yaml").write_bytes("name: Jos\xe9\n".encode("latin-1"))
    book = load_casebook(scratch_casebook)
    assert any("UTF-8" in p.message for p in book.problems if p.file.endswith("latin1.yaml"))


@pytest.mark.parametrize("value", ["2026-02-30", "2026-01-01 25:99:99", "2026-13-01"])
def test_impossible_dates_are_located_problems_not_crashes(value):
    [p] = problems(PLAN_OK.replace("due: 2026-03-20", f"due: {value}"))
    assert p.line == 12 and p.field == "action_items › 1 › due"


def test_a_self_referring_anchor_is_reported():
    found = problems("customer: &x [*x]\nmeeting: {date: 2026-01-01}\n")
    assert found and all(p.file == "plan.yaml" for p in found)


def test_a_wage_range_upside_down_is_reported():
    [p] = problems(PLAN_OK + "goal:\n  hourly_wage: 18\n  hourly_wage_max: 15\n")
    assert p.field == "goal" and p.line == 13 and "below its bottom" in p.message


def test_a_plan_has_one_customer_who_represents_no_program():
    two = PLAN_OK.replace("action_items:", "  - id: zoe\n    name: Zoe Park\n    role: Sister\n    customer: true\naction_items:")
    assert "a plan has one customer" in problems(two)[0].message
    both = PLAN_OK.replace("    customer: true\n", "    customer: true\n    program: state-vr\n")
    [p] = problems(both)
    assert p.field == "attendees › 1" and "represents no program" in p.message


def test_the_kit_is_found_from_any_folder(tmp_path, monkeypatch):
    """A grading kernel starts in an empty home folder: the kit's casebook is still found, from the
    package's own place."""
    from irt_sim.inputs.casebook import default_casebook_dir, kit_root

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IRT_ACADEMY_CASEBOOK", raising=False)
    assert kit_root() is not None and (kit_root() / "casebook" / "programs").is_dir()
    assert default_casebook_dir() == kit_root() / "casebook"


def test_a_text_that_is_not_the_casebook_is_an_input_error_and_a_casebook_file_a_casebook_error(tmp_path):
    """A learner's answer or a packaged file that cannot be read is an InputError; only a casebook
    file (or a plan read against a casebook) is a CasebookError, which is an InputError too."""
    from irt_sim.inputs.casebook import CasebookError, load_file
    from irt_sim.inputs.yamlfile import read_yaml

    with pytest.raises(InputError) as answer:
        read_yaml("goal: [unclosed", "your answer")
    assert not isinstance(answer.value, CasebookError) and answer.value.problems[0].file == "your answer"
    (tmp_path / "p1.yaml").write_text("goal: [unclosed\n")
    with pytest.raises(CasebookError) as file:
        load_file(tmp_path / "p1.yaml", Plan)
    assert isinstance(file.value, InputError) and file.value.problems[0].line is not None


def test_a_list_item_cut_at_its_comma_is_named_with_the_fix():
    """'[whether her care changes (yes or no, and when)]' is two items to YAML; a trainer meant one (the
    kit's own file had it). Refused at its line with what to do; quoted, or as a block list, it reads."""
    from irt_sim.inputs.yamlfile import InputError, read_yaml

    with pytest.raises(InputError) as caught:
        read_yaml("releases:\n  - to: x\n    what: [whether her care changes (yes or no, and when), her rides]\n", "c.yaml")
    problem = caught.value.problems[0]
    assert problem.line == 3 and "(yes or no, and when)" in problem.message and "double quotes" in problem.message
    assert read_yaml('what: ["whether (yes or no, and when)", rides]\n', "c.yaml")[0] == {
        "what": ["whether (yes or no, and when)", "rides"]}
    assert read_yaml("what: [a (b), c]\n", "c.yaml")[0] == {"what": ["a (b)", "c"]}  # brackets closed: nothing cut
