"""A trainer's files are read with limits: YAML that would take the machine's memory, tags and merge
keys, huge files, links out of the casebook, pipes and devices, and terminal escape codes each get
one plain message with the file (and line), and every other file still loads."""

from __future__ import annotations

import os
import resource

import pytest

from irt_sim import load_casebook
from irt_sim.cli import main

CUSTOMER = "customers/odessa-pruitt.yaml"

# 306 bytes that would expand to 9^9 (387 million) values
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]\n" for i in range(8))


def check(capsys, casebook):
    code = main(["casebook", "check", "--casebook", str(casebook)])
    said = capsys.readouterr()
    return code, said.out + said.err


def problems_for(casebook, name):
    book = load_casebook(casebook, cache=False)
    return book, [str(p) for p in book.problems if name in p.file]


def test_an_alias_bomb_is_refused_and_the_rest_loads(scratch_casebook, capsys):
    assert len(BOMB) < 400
    (scratch_casebook / CUSTOMER).write_text(BOMB, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    book, found = problems_for(scratch_casebook, "odessa-pruitt")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert len(found) == 1 and "would expand to more than 100,000 values" in found[0]
    assert len(book.customers) == 13 and grown_mb < 100
    code, out = check(capsys, scratch_casebook)
    assert code == 1 and "Something went wrong" not in out


@pytest.mark.parametrize("text, line, words", [
    ("name: !!omap [ {x: 1} ]\n", 1, "'!!omap' is a YAML tag"),
    ("name: Odessa\nbarriers: !x [1]\n", 2, "'!x' is a YAML tag"),
    ("base: &base {type: transportation}\nbarriers:\n  - <<: *base\n    detail: bus\n", 3, "merge keys"),
    ("a: &a\n  - *a\n", None, "would expand"),
])
def test_tags_merge_keys_and_self_reference_are_a_plain_message(scratch_casebook, capsys, text, line, words):
    (scratch_casebook / CUSTOMER).write_text(text, encoding="utf-8")
    _, found = problems_for(scratch_casebook, "odessa-pruitt")
    assert len(found) == 1 and words in found[0]
    if line:
        assert f"odessa-pruitt.yaml, line {line}:" in found[0]
    code, out = check(capsys, scratch_casebook)
    assert code == 1 and words in out and "Something went wrong" not in out and "Traceback" not in out


def test_a_huge_file_is_refused_and_the_message_stays_short(scratch_casebook):
    (scratch_casebook / CUSTOMER).write_text("name: " + "y" * 50_000_000 + "\n", encoding="utf-8")
    _, found = problems_for(scratch_casebook, "odessa-pruitt")
    assert len(found) == 1 and "larger than 1,000 KB" in found[0] and len(found[0]) < 300


def test_a_long_value_is_cut_in_the_message(scratch_casebook):
    path = scratch_casebook / CUSTOMER
    path.write_text(path.read_text(encoding="utf-8").replace("age: 58", "age: " + "9x" * 5000), encoding="utf-8")
    _, found = problems_for(scratch_casebook, "odessa-pruitt")
    assert found and all(len(p) < 600 for p in found)


def test_a_link_out_of_the_casebook_is_not_followed(scratch_casebook, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: a secret of the machine's\n", encoding="utf-8")
    (scratch_casebook / CUSTOMER).unlink()
    os.symlink(secret, scratch_casebook / CUSTOMER)
    os.symlink("/dev/zero", scratch_casebook / "customers" / "zero.yaml")
    _, found = problems_for(scratch_casebook, "odessa-pruitt")
    assert len(found) == 1 and "outside the casebook folder" in found[0] and "a secret" not in found[0]
    _, found = problems_for(scratch_casebook, "zero")
    assert len(found) == 1 and "outside the casebook folder" in found[0]


def test_a_link_inside_the_casebook_is_fine(scratch_casebook):
    (scratch_casebook / "customers" / "odessa-again.yaml").symlink_to(scratch_casebook / CUSTOMER)
    book, found = problems_for(scratch_casebook, "odessa-again")
    assert found == [] and "odessa-again" in book.customers


def test_a_pipe_named_like_a_case_file_does_not_hang_the_check(scratch_casebook):
    os.mkfifo(scratch_casebook / "customers" / "x.yaml")
    book, found = problems_for(scratch_casebook, "x.yaml")
    assert len(found) == 1 and "a pipe, not a file" in found[0]
    assert len(book.customers) == 14


def test_terminal_escape_codes_are_shown_escaped(scratch_casebook, capsys):
    path = scratch_casebook / CUSTOMER
    path.write_text(path.read_text(encoding="utf-8").replace("age: 58", 'age: "\\e[2J\\e[31mfifty"'), encoding="utf-8")
    code, out = check(capsys, scratch_casebook)
    assert code == 1 and "\x1b" not in out and r"\x1b[2J" in out
