"""The YAML parse cache: an unchanged file comes from the cache, any edit makes a fresh parse, a
damaged or unwritable cache only costs speed, and nothing planted in it can run code."""

from __future__ import annotations

import pytest

from irt_sim import load_casebook
from irt_sim.inputs.cache import cache_dir


@pytest.fixture()
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("IRT_ACADEMY_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_an_unchanged_casebook_comes_from_the_cache(scratch_casebook, own_cache):
    first = load_casebook(scratch_casebook)
    files = len(list(scratch_casebook.rglob("*.yaml")))
    assert cache_dir() == own_cache and len(list(own_cache.glob("yaml-*.json"))) == files
    again = load_casebook(scratch_casebook)
    assert again is not first  # a fresh copy: a caller may change its book without touching others'
    assert again.customers == first.customers and again.plans == first.plans and again.problems == first.problems
    assert again.loaded("customer", "odessa-pruitt").line(("barriers", 1)) == first.loaded("customer", "odessa-pruitt").line(("barriers", 1))


def test_an_edit_makes_a_fresh_load(scratch_casebook, own_cache):
    assert load_casebook(scratch_casebook).customers["odessa-pruitt"].age == 58
    path = scratch_casebook / "customers" / "odessa-pruitt.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("age: 58", "age: 59"), encoding="utf-8")
    assert load_casebook(scratch_casebook).customers["odessa-pruitt"].age == 59
    path.write_text(path.read_text(encoding="utf-8").replace("age: 59", "age: many"), encoding="utf-8")
    broken = load_casebook(scratch_casebook)
    assert "odessa-pruitt" not in broken.customers and any("age" in str(p) for p in broken.problems)


def test_a_damaged_cache_file_is_rebuilt(scratch_casebook, own_cache):
    load_casebook(scratch_casebook)
    for cached in own_cache.glob("yaml-*.json"):
        cached.write_bytes(b"not json")
    assert len(load_casebook(scratch_casebook).customers) == 14
    assert all(c.read_bytes() != b"not json" for c in own_cache.glob("yaml-*.json"))


class _Planted:
    def __reduce__(self):
        import os

        return (os.system, (f"touch {os.environ['IRT_ACADEMY_CACHE']}/RAN",))


def test_nothing_planted_in_the_cache_runs(scratch_casebook, own_cache):
    import pickle

    load_casebook(scratch_casebook)
    for cached in own_cache.glob("*"):
        cached.write_bytes(pickle.dumps(("key", _Planted())))
    assert len(load_casebook(scratch_casebook).customers) == 14
    assert not (own_cache / "RAN").exists()


def test_a_cache_that_cannot_be_written_still_loads(scratch_casebook, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("IRT_ACADEMY_CACHE", str(blocker))
    assert len(load_casebook(scratch_casebook).customers) == 14


def test_loading_without_the_cache(scratch_casebook, own_cache):
    assert len(load_casebook(scratch_casebook, cache=False).customers) == 14
    assert not own_cache.exists()
