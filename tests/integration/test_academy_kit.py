"""`irt-academy academy-kit` and `irt-academy academy-survey`, run as a trainer runs them, with every
file read back by its own reader: the PDFs with pypdf, the Word files with python-docx, the pages with
BeautifulSoup, the CSVs with the csv module."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from irt_sim.academy import read_responses, resource_map, role_play_customers, survey_report
from irt_sim.inputs.casebook import load_casebook

from ..support import CASEBOOK, KIT
from ..support.academy import write_community

pytestmark = pytest.mark.integration
SAMPLE = CASEBOOK / "academy" / "sample-survey-responses.csv"
LETTER = (612, 792)  # points


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "irt_sim.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or KIT, timeout=600)


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("academy-day")
    done = run("academy-kit", "--out", out)
    assert done.returncode == 0, done.stderr
    return out, done


def _pages(path):
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def test_one_letter_page_per_program_in_print_and_in_word(kit, book):
    out, done = kit
    names = sorted((p.name for p in book.programs.values()), key=str.casefold)
    pages = _pages(out / "partner-cards.pdf")
    assert len(pages) == len(names) and all(page.startswith(" ".join(n.split())) for page, n in zip(pages, names))
    reader = PdfReader(out / "partner-cards.pdf")
    assert all((round(p.mediabox.width), round(p.mediabox.height)) == LETTER for p in reader.pages)
    assert reader.metadata.title and "/Lang" in reader.trailer["/Root"]  # a screen reader knows the title and language
    assert [o.title for o in reader.outline] == names  # and each card is a bookmark to jump to
    word = Document(out / "partner-cards.docx")
    titles = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert titles == names
    section = word.sections[0]
    assert (round(section.page_width.pt), round(section.page_height.pt)) == LETTER
    headings = [p.style.name for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Heading 3" in headings and "Heading 2" not in headings[:1]  # a card's parts are headings, in order
    assert f"partner program cards: {len(names)}" in done.stdout


def test_the_resource_map_counts_match_the_casebook(kit, book):
    out, _ = kit
    rows = resource_map(book)
    with open(out / "resource-map.csv", newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    for r in rows:
        mine = [t for t in table if t["barrier"] == r.barrier.value]
        addressing = {p.id for p in book.programs.values() if any(r.barrier in s.addresses for s in p.services)}
        assert {t["program_id"] for t in mine} - {""} == addressing
    page = BeautifulSoup((out / "resource-map.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "en" and len(page.find_all("h1")) == 1
    levels = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3"])]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))  # no heading level skipped
    assert all(t.caption and t.find("th", scope="col") for t in page.find_all("table"))
    assert len(page.find_all("h3")) == len(rows)


def test_one_pack_per_customer_eligible_in_three_systems_each_with_its_parts(kit, book):
    out, _ = kit
    expected = sorted(c.id for c in book.customers.values()
                      if len({book.programs[p].system for p, s in c.eligibility.items()
                              if s.value in ("eligible", "presumed_eligible") and book.programs[p].eligibility.determined}) >= 3)
    assert sorted(p.stem for p in (out / "role-plays").glob("*.pdf")) == expected
    assert sorted(p.stem for p in (out / "role-plays").glob("*.docx")) == expected
    lena = _pages(out / "role-plays" / "lena-marsh.pdf")
    text = " ".join(lena)
    assert lena[0].startswith("Customer card: Lena Marsh")
    assert "Partner card:" in text and "Only you know this" in text
    assert "Observer's checklist" in text and "Facilitator's sheet" in text and "Questions for the debrief" in text
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert {a["href"] for a in index.find_all("a")} == {str(p.relative_to(out)) for p in out.rglob("*")
                                                         if p.is_file() and p.name != "index.html"}


def test_the_agenda_sign_in_and_survey_are_made(kit, book):
    out, _ = kit
    assert "Partners present their programs" in " ".join(_pages(out / "agenda.pdf"))
    assert len(Document(out / "sign-in.docx").tables[0].rows) > len(book.programs)
    survey = " ".join(_pages(out / "survey.pdf"))
    assert "K1." in survey and "How often" in survey and "Department of Labor" in survey
    header = (out / "survey-responses-template.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:3] == ["respondent", "time", "program"] and "often:state-vr" in header


def test_a_trainers_own_small_community_gets_its_own_day(tmp_path):
    book_dir = write_community(tmp_path / "birch-falls")
    done = run("academy-kit", "--out", tmp_path / "day", "--casebook", book_dir)
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(tmp_path / "day" / "partner-cards.pdf").pages) == 3
    assert [p.stem for p in (tmp_path / "day" / "role-plays").glob("*.pdf")] == ["ivy-ostrander"]
    assert "15 with no program" in done.stdout and "1 covered only for some" in done.stdout


def test_a_broken_casebook_file_is_named_and_left_out_and_the_rest_is_made(tmp_path):
    book_dir = write_community(tmp_path / "birch-falls")
    (book_dir / "programs" / "food-bank.yaml").write_text("name: Food bank\nsystem: food\nsummary: [unclosed\n",
                                                          encoding="utf-8")
    done = run("academy-kit", "--out", tmp_path / "day", "--casebook", book_dir)
    assert done.returncode == 1  # made, with a problem to fix
    assert "food-bank.yaml" in done.stderr and "line" in done.stderr and "Traceback" not in done.stderr
    assert len(PdfReader(tmp_path / "day" / "partner-cards.pdf").pages) == 3


def test_an_old_kit_is_not_overwritten_without_force(tmp_path):
    book_dir = write_community(tmp_path / "birch-falls")
    assert run("academy-kit", "--out", tmp_path / "day", "--casebook", book_dir).returncode == 0
    before = (tmp_path / "day" / "resource-map.csv").read_bytes()
    (tmp_path / "day" / "resource-map.csv").write_text("my notes", encoding="utf-8")
    again = run("academy-kit", "--out", tmp_path / "day", "--casebook", book_dir)
    assert again.returncode == 2 and "--force" in again.stderr
    assert (tmp_path / "day" / "resource-map.csv").read_text(encoding="utf-8") == "my notes"
    assert run("academy-kit", "--out", tmp_path / "day", "--casebook", book_dir, "--force").returncode == 0
    assert (tmp_path / "day" / "resource-map.csv").read_bytes() == before


# --- the survey report -----------------------------------------------------------------------------


def test_the_sample_responses_give_a_report_whose_figures_match_the_file(tmp_path, book):
    done = run("academy-survey", SAMPLE, "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    report = survey_report(read_responses(SAMPLE.read_text(encoding="utf-8"), book), book)
    page = BeautifulSoup((tmp_path / "survey-report.html").read_text(encoding="utf-8"), "html.parser")
    first = page.find("table")
    cells = {r.find_all("td")[0].text: [td.text for td in r.find_all("td")[1:]] for r in first.find_all("tr")[1:]}
    assert cells["Respondents"][:2] == [str(report.respondents["pre"]), str(report.respondents["post"])]
    assert cells["Partner pairs working together about monthly or more"][:2] == [
        str(len(report.network["pre"].ties)), str(len(report.network["post"].ties))]
    assert cells["Knowledge: mean share of right answers"][0] == f"{100 * report.score['pre']:.0f}%"
    charts = page.find_all("svg")
    assert len(charts) == 2 and all(c["role"] == "img" and c.find("title") and c.find("desc") for c in charts)
    assert all(f.find("figcaption").text == f.find("desc").text for f in page.find_all("figure"))
    assert len(list(csv.reader(io.StringIO((tmp_path / "survey-report.csv").read_text(encoding="utf-8"))))) > 5


def test_bad_rows_are_named_by_line_and_left_out(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    broken = lines[:3] + [lines[3].replace(",pre,", ",morning,", 1)] + lines[4:]
    (tmp_path / "answers.csv").write_text("\n".join(broken) + "\n", encoding="utf-8")
    done = run("academy-survey", tmp_path / "answers.csv", "--out", tmp_path / "report")
    assert done.returncode == 1 and "answers.csv, line 4: time is 'morning'" in done.stderr
    assert f"{len(lines) - 2} responses read" in done.stdout and (tmp_path / "report" / "survey-report.html").exists()


def test_a_file_that_is_not_text_says_so_plainly(tmp_path):
    (tmp_path / "answers.csv").write_bytes(b"\xff\xfe\x00r\x00e\x00s")
    done = run("academy-survey", tmp_path / "answers.csv", "--out", tmp_path)
    assert done.returncode == 2 and "not plain text" in done.stderr and "Traceback" not in done.stderr
    missing = run("academy-survey", tmp_path / "nowhere.csv", "--out", tmp_path)
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_a_trainers_file_cannot_put_markup_or_a_formula_into_the_kit(tmp_path):
    """A program named like markup, a service named like a spreadsheet formula: the pages show the text
    (no element is made), the CSV cell starts with an apostrophe, the Word and PDF files hold the text."""
    book_dir = write_community(tmp_path / "birch-falls")
    ride = book_dir / "programs" / "dial-a-ride.yaml"
    ride.write_text(ride.read_text(encoding="utf-8")
                    .replace("name: Dial-a-Ride", "name: <img src=x onerror=alert(1)>Dial-a-Ride")
                    .replace("name: Rides booked a day ahead", "name: '=HYPERLINK(\"http://x.invalid\")'"),
                    encoding="utf-8")
    done = run("academy-kit", "--out", tmp_path / "day", "--casebook", book_dir)
    assert done.returncode == 0, done.stderr
    for page in ("resource-map.html", "index.html", "agenda.html"):
        soup = BeautifulSoup((tmp_path / "day" / page).read_text(encoding="utf-8"), "html.parser")
        assert not soup.find("img") and not soup.find("script"), page
    assert "<img src=x" in BeautifulSoup((tmp_path / "day" / "resource-map.html").read_text(encoding="utf-8"),
                                         "html.parser").get_text()
    with open(tmp_path / "day" / "resource-map.csv", newline="", encoding="utf-8") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert not any(c.startswith("=") for c in cells) and any(c.startswith("'=HYPERLINK") for c in cells)
    assert any("<img src=x" in p for p in _pages(tmp_path / "day" / "partner-cards.pdf"))
