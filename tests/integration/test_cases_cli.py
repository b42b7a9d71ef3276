"""irt-academy cases generate, run as a trainer runs it: 500 practice customers written into a copy of
the casebook pass `casebook check`; the same seed writes the same bytes; files already there are
kept without --force; a wrong population or casebook gets a plain message and exit 2."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..support import CASEBOOK, KIT

pytestmark = pytest.mark.integration


def irt(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "irt_sim.cli", *argv], capture_output=True, text=True, cwd=KIT,
                          timeout=600)


def test_500_generated_customers_pass_casebook_check(tmp_path: Path):
    root = tmp_path / "casebook"
    shutil.copytree(CASEBOOK, root)
    made = irt("cases", "generate", "--count", "500", "--seed", "11", "--goal", "mixed", "--out", str(root / "customers"))
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Wrote 500 practice customer file(s)" in made.stdout
    checked = irt("casebook", "check", "--casebook", str(root))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{len(list(CASEBOOK.glob('customers/*.yaml'))) + 500} customers" in checked.stdout
    assert "Everything loaded" in checked.stdout and "problem" not in checked.stdout


def test_the_same_seed_writes_the_same_bytes_and_files_there_are_kept(tmp_path: Path):
    for folder in ("a", "b"):
        assert irt("cases", "generate", "--count", "12", "--seed", "4", "--out", str(tmp_path / folder)).returncode == 0
    a, b = sorted((tmp_path / "a").iterdir()), sorted((tmp_path / "b").iterdir())
    assert [p.name for p in a] == [p.name for p in b] and len(a) == 12
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))
    before = {p: p.read_bytes() for p in a}
    again = irt("cases", "generate", "--count", "12", "--seed", "5", "--out", str(tmp_path / "a"), "--population",
                "veteran")
    assert again.returncode == 0 and len(list((tmp_path / "a").iterdir())) == 24  # new names, nothing replaced
    refused = irt("cases", "generate", "--count", "12", "--seed", "4", "--out", str(tmp_path / "a"))
    assert refused.returncode == 2 and "add --force" in refused.stderr and "Nothing was written" in refused.stderr
    assert all(p.read_bytes() == data for p, data in before.items())
    assert irt("cases", "generate", "--count", "12", "--seed", "4", "--out", str(tmp_path / "a"), "--force").returncode == 0


@pytest.mark.parametrize("argv, said", [
    (["--population", "vetran"], "'vetran' is not a target population. Did you mean 'veteran'?"),
    (["--casebook", "no-such-folder"], "No cases were made: the casebook has no programs"),
    (["--count", "0"], "--count: 0 is not a number of cases"),
])
def test_a_wrong_argument_gets_a_plain_message_and_exit_2(tmp_path: Path, argv, said):
    result = irt("cases", "generate", "--count", "3", "--seed", "1", "--out", str(tmp_path / "out"), *argv)
    assert result.returncode == 2 and said in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()
