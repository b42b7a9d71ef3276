"""The federal program rules' figures (irt_sim/data/program_rules.yaml): each with what it is, its
source, the address where it can be read, when it is in force and how sure the kit is of it. The
checker's program rules read their figures here and cite them in their findings."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import Field

from ..model import StrictModel
from ..vocab import Confidence
from .yamlfile import InputError, read_yaml
from .packaged import data_file
from .problems import problems_from_validation


class Figure(StrictModel):
    """One figure of a program rule, with its source."""

    value: Any = Field(description="The figure: a number, a word, or a list.")
    what: str = Field(min_length=1, description="What it is, in plain words.")
    ref: str = Field(min_length=1, description="The regulation, statute or page it comes from.")
    url: str | None = Field(default=None, description="Where the source can be read.")
    in_force: int | str | None = Field(default=None, description="The year (or date) the figure is in force, where it changes.")
    confidence: Confidence

    @property
    def cite(self) -> str:
        return self.ref + (f", {self.in_force}" if self.in_force else "")


FILE = "program_rules.yaml"


@lru_cache(maxsize=1)
def program_figures() -> dict[str, Figure]:
    """Every figure, by 'group.name' (e.g. 'tanf.job_search_weeks')."""
    return parse_figures(data_file(FILE).read_text(encoding="utf-8"), FILE)


def parse_figures(text: str, file: str) -> dict[str, Figure]:
    """The figures of a program-rules file; a figure without its source (or any other slip) is a
    InputError naming the file, line and field, every one at once."""
    data, lines = read_yaml(text, file)
    out, problems = {}, []
    for group, figures in (data or {}).items():
        for name, raw in (figures or {}).items():
            try:
                out[f"{group}.{name}"] = Figure.model_validate(raw)
            except Exception as exc:  # noqa: BLE001 - a pydantic error, told with its line
                from pydantic import ValidationError

                if not isinstance(exc, ValidationError):
                    raise
                problems += problems_from_validation(exc, model=Figure, data=raw, file=file,
                                                     lines={k[2:]: v for k, v in lines.items() if k[:2] == (group, name)})
    if problems:
        raise InputError(problems)
    return out


def figure(key: str) -> Figure:
    return program_figures()[key]


def value(key: str) -> Any:
    return program_figures()[key].value


def cites(*keys: str) -> str:
    """The sources of some figures, once each, for a finding or the reference: '45 CFR 261.31(a); ...'."""
    return "; ".join(dict.fromkeys(figure(k).cite for k in keys))


__all__ = ["Figure", "cites", "figure", "parse_figures", "program_figures", "value"]


# --- the figures a program file sets -------------------------------------------------------------------

#: The fields of a program file that hold a rule figure (one the checker holds plans to): each needs a source.
RULE_FIELDS = (
    "eligibility.decision_within_days", "eligibility.presumed_for", "eligibility.requires.populations",
    "eligibility.requires.benefits", "eligibility.requires.min_age", "eligibility.requires.max_age",
    "eligibility.requires.job_or_offer", "outcome.competitive_integrated", "outcome.wage_floor",
    "outcome.min_weekly_hours", "outcome.min_weekly_hours_single_parent", "outcome.retention_days",
    "outcome.measures", "rules.individual_plan", "rules.order_of_selection", "rules.needy_state", "rules.records",
    "rules.wioa_core",
)


def figures_of(program) -> list[tuple[str, Any]]:
    """(field, value) of every rule figure the program file sets (leaving out what is left at its default)."""
    out = []
    for path in RULE_FIELDS:
        node: Any = program
        for part in path.split("."):
            node = getattr(node, part, None) if node is not None else None
        if node not in (None, False, [], "") and not (path == "outcome.competitive_integrated" and node is False):
            out.append((path, node.value if hasattr(node, "value") else node))
    return out


def source_for(program, path: str):
    """The program file's source for a figure: one naming the field, or a field it is part of."""
    return next((s for s in program.sources if path == s.figure or path.startswith(s.figure + ".")), None)
