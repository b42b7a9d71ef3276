"""Reading files into the model: YAML with the line of every value (``yamlfile``), located problems
in plain words (``problems``), the casebook folder (``casebook``), the parse cache (``cache``),
limits on what a file may be (``inputfile``) and the programs' rule figures with their sources
(``program_figures``). Nothing here knows a rule, a chart or a page."""

from __future__ import annotations

from .casebook import Casebook, CasebookError, load_casebook, load_plan
from .yamlfile import InputError
from .problems import Problem

__all__ = ["Casebook", "CasebookError", "InputError", "Problem", "load_casebook", "load_plan"]
