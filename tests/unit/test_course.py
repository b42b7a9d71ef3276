"""The course: every module has objectives, an activity, feedback, a reflection and a facilitator box;
every quiz is used; the facts the charts of module 10 show come from the sources."""

from __future__ import annotations

import json
import re

import pytest

from irt_sim.widgets.quizzes import load_quizzes

from ..support import KIT

MODULES = sorted((KIT / "course").glob("[0-9][0-9]_*.ipynb"))
TEACHING = [m for m in MODULES if not m.name.startswith("00_")]


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(path, kind=None):
    return "\n".join("".join(c["source"]) for c in cells(path) if kind is None or c["cell_type"] == kind)


def test_there_are_eleven_modules_in_order():
    numbers = [int(m.name[:2]) for m in MODULES if m.name[:2] != "00"]
    assert numbers == list(range(1, 12))


@pytest.mark.parametrize("path", MODULES[1:], ids=lambda p: p.name)
def test_each_module_has_the_parts_of_a_good_workshop(path):
    md = text(path, "markdown")
    assert "For facilitators" in md and "Discussion questions" in md
    if path in TEACHING or path.name.startswith("01_"):
        assert "In this module you will" in md and "## Reflection" in md


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_each_teaching_module_has_an_activity_and_a_quiz(path):
    code = text(path, "code")
    assert "quiz(" in code
    visible = [c for c in cells(path) if c["cell_type"] == "code" and not c["metadata"].get("jupyter", {}).get("source_hidden")]
    assert visible and all(len("".join(c["source"]).splitlines()) <= 3 for c in visible), "visible code stays short"


def test_setup_cells_are_hidden():
    for path in MODULES:
        for c in cells(path):
            if c["cell_type"] == "code" and "import" in "".join(c["source"]):
                assert c["metadata"].get("jupyter", {}).get("source_hidden"), f"{path.name}: visible import cell"


def test_every_quiz_is_used_and_every_used_quiz_exists():
    used = set()
    for path in MODULES:
        used |= set(re.findall(r'quiz\("([^"]+)"\)', text(path, "code")))
    assert used == set(load_quizzes())


def test_module_10_charts_carry_the_decks_funnel(book):
    from irt_sim.widgets import casebook_outcomes, ips_overview_funnel

    chart = ips_overview_funnel(replicates=5)
    assert "Dashed lines mark the reported program: 55% placed in a job, 45% employed at 30 days, 27% employed at 180 days" in chart.alt_text
    table, trend = casebook_outcomes(book)
    assert table.data["agencies"].max() == len(book.agencies) and trend.alt_text.startswith("Line chart.")
    shown = table._repr_html_()
    assert "Share of those served who worked" in shown and "employment_rate" not in shown and "0.12" not in shown
    assert "<th scope='row'>2023-Q2</th>" in shown and "13%" in shown  # 8 of 63


#: What a session's time must hold: reading at a slow, careful pace for staff new to the subject, each
#: activity tried and talked over, each quiz question answered and its feedback read. Our own estimate.
WORDS_A_MINUTE, MINUTES_AN_ACTIVITY, MINUTES_A_QUESTION = 150, 8, 1.5


def minutes_needed(path) -> float:
    reading, activities, questions = 0, 0, 0
    quizzes = load_quizzes()
    for c in cells(path):
        source = "".join(c["source"])
        if c["cell_type"] == "markdown":
            if "For facilitators" not in source:
                reading += len(re.sub(r"<[^>]+>|[|#*`>-]", " ", source).split())
        elif (topic := re.search(r'quiz\("([a-z-]+)"\)', source)):
            questions += len(quizzes[topic.group(1)])
        elif "import" not in source and re.fullmatch(r"[A-Za-z_]+\(.*\)", source.strip().splitlines()[-1]):
            activities += 1
    return reading / WORDS_A_MINUTE + activities * MINUTES_AN_ACTIVITY + questions * MINUTES_A_QUESTION


@pytest.mark.parametrize("path", MODULES[1:], ids=lambda p: p.name)
def test_each_module_fits_the_time_its_facilitator_box_gives(path):
    given = int(re.search(r"For facilitators\*\* \(about (\d+) minutes", text(path, "markdown")).group(1))
    assert minutes_needed(path) <= given, f"{path.name}: about {minutes_needed(path):.0f} minutes of work in {given}"
