"""The coverage map (docs/source-coverage.yaml) says which cell of the course teaches each section of
the five source documents. Every cell it names must exist and still say what the map quotes from it,
so a module rewritten without that teaching breaks this test instead of leaving the map wrong; every
source document is mapped; a section the course does not teach says what is missing."""

from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from ..support import KIT, SHARED

MAP = KIT / "docs" / "source-coverage.yaml"


def words(text: str) -> str:
    return " ".join(re.sub(r"[*_`>]", "", text).split()).lower()


@pytest.fixture(scope="module")
def coverage():
    return yaml.safe_load(MAP.read_text(encoding="utf-8"))["sources"]


def test_every_source_document_is_mapped(coverage):
    mapped = {s["file"] for s in coverage}
    seeds = {p.name for p in (SHARED / "seeds").glob("0*.txt")} if (SHARED / "seeds").is_dir() else mapped
    assert mapped == seeds
    assert all(s["sections"] for s in coverage)


def test_every_mapped_cell_exists_and_still_says_what_the_map_quotes(coverage):
    cells = {}
    for path in (KIT / "course").glob("[0-9][0-9]_*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            cells[(path.stem, cell.get("id"))] = words(cell.source)
    gone = []
    for source in coverage:
        for section in source["sections"]:
            for place in section["taught_in"]:
                said = cells.get((place["module"], str(place["cell"])))
                if said is None or words(place["shows"]) not in said:
                    gone.append(f"{source['file']} / {section['section']}: {place['module']} cell {place['cell']}")
    assert gone == []


def test_a_section_the_course_does_not_teach_says_what_is_missing(coverage):
    for source in coverage:
        for section in source["sections"]:
            if not section["taught_in"]:
                assert section.get("missing", "").strip(), section["section"]
