"""The kit's own data files, shipped inside the package (irt_sim/data): the fidelity scale, the
implementation criteria, the simulator's parameters, the quizzes, the program rule figures and the
page templates. One place knows where they are and reads them the way a casebook file is read."""

from __future__ import annotations

from pathlib import Path

from .yamlfile import M, parse_document

DATA = Path(__file__).resolve().parent.parent / "data"


def data_file(name: str) -> Path:
    """The path of the packaged file or folder ``name`` (irt_sim/data/NAME)."""
    return DATA / name


def load_packaged(name: str, model: type[M]) -> M:
    """Read and validate the packaged YAML file ``name``; a mistake in it raises InputError with
    the file and line, as for a casebook file."""
    path = data_file(name)
    return parse_document(path.read_text(encoding="utf-8"), model, path.name).obj
