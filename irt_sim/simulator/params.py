"""The simulator's parameters: one YAML file (irt_sim/data/simulation.yaml), every number with its
source, and a ``Params`` object a learner can change one value at a time.

Bad values are refused with a message naming the parameter and its allowed range, e.g.
"connect_referral must be a probability between 0 and 1; got 1.4".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import Field

from ..inputs.packaged import data_file
from ..inputs.yamlfile import InputError, Loaded, parse_document
from ..model import StrictModel
from ..vocab import BarrierType, Confidence, Population, SystemType

PARAMS_FILE = data_file("simulation.yaml")

Kind = Literal["probability", "factor", "hours", "dollars", "weeks", "count"]

#: Allowed range of each kind of parameter, and how to say it.
RANGES: dict[str, tuple[float, float | None, str]] = {
    "probability": (0.0, 1.0, "a probability between 0 and 1"),
    "factor": (0.0, 1.0, "a factor between 0 and 1"),
    "hours": (0.0, None, "a number of hours, 0 or more"),
    "dollars": (0.0, None, "an amount in dollars, 0 or more"),
    "weeks": (0.0, None, "a number of weeks, 0 or more"),
    "count": (0.0, None, "a whole number, 0 or more"),
    "share": (0.0, None, "a share, 0 or more"),
}

PATHWAYS: dict[str, str] = {
    "referral": "Simple referral",
    "arc": "Active Resource Coordination",
    "irt": "ARC and an Integrated Resource Team",
}


class ParameterError(ValueError):
    """A parameter value a learner or trainer gave cannot be used; the message says why."""


class ParameterSpec(StrictModel):
    value: float
    kind: Kind
    label: str
    short: str | None = None  # a few words, for a slider's label
    source: str
    confidence: Confidence


class NeedSpec(StrictModel):
    system: SystemType
    barriers: list[BarrierType]
    service_hours: float = Field(ge=0)
    service_cost: float = Field(ge=0)
    source: str


class CohortSpec(StrictModel):
    size: int = Field(gt=0)
    mix: dict[Population, float]


class Preset(StrictModel):
    description: str
    cohort: CohortSpec
    pathway: Literal["referral", "arc", "irt"]
    targets: dict[str, float] = Field(default_factory=dict)
    changes: dict[str, float] = Field(default_factory=dict)


class ParameterFile(StrictModel):
    parameters: dict[str, ParameterSpec]
    needs: dict[str, NeedSpec]
    populations: dict[Population, dict[str, float]]
    presets: dict[str, Preset] = Field(default_factory=dict)


def check_value(name: str, kind: str, value: Any) -> float:
    """Return ``value`` as a float if it fits its kind, else raise ParameterError saying what fits."""
    low, high, words = RANGES[kind]
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be {words}; got {value!r}, which is not a number.") from None
    if number != number or number < low or (high is not None and number > high):  # NaN fails too
        raise ParameterError(f"{name} must be {words}; got {value!r}.")
    if kind == "count" and not number.is_integer():
        raise ParameterError(f"{name} must be {words}; got {value!r}.")
    return number


@dataclass(frozen=True)
class Params:
    """Parameter values by name, read as attributes (``p.connect_referral``). Change with ``replace``."""

    values: Mapping[str, float]
    spec: ParameterFile

    def __getattr__(self, name: str) -> float:
        values = object.__getattribute__(self, "values")
        if name in values:
            return values[name]
        raise AttributeError(name)

    def replace(self, **changes: Any) -> Params:
        """A copy with some values changed; every change is checked against its allowed range."""
        new = dict(self.values)
        for name, value in changes.items():
            spec = self.spec.parameters.get(name)
            if spec is None:
                close = difflib.get_close_matches(name, list(self.values), n=1)
                hint = f" Did you mean '{close[0]}'?" if close else ""
                raise ParameterError(f"There is no simulator parameter '{name}'.{hint}")
            new[name] = check_value(name, spec.kind, value)
        return Params(values=new, spec=self.spec)

    def with_need(self, need: str, *, service_hours: float | None = None, service_cost: float | None = None) -> Params:
        """A copy with one need's service hours or purchased-service cost changed."""
        if need not in self.spec.needs:
            raise ParameterError(f"There is no need '{need}'; needs: {', '.join(self.spec.needs)}.")
        changes = {}
        if service_hours is not None:
            changes["service_hours"] = check_value(f"{need} service_hours", "hours", service_hours)
        if service_cost is not None:
            changes["service_cost"] = check_value(f"{need} service_cost", "dollars", service_cost)
        needs = {**self.spec.needs, need: self.spec.needs[need].model_copy(update=changes)}
        return Params(values=self.values, spec=self.spec.model_copy(update={"needs": needs}))

    def with_population(self, population: str, **chances: float) -> Params:
        """A copy where a population's chance of each named need is changed (e.g. housing=0.8)."""
        try:
            pop = Population(population)
        except ValueError:
            raise ParameterError(f"'{population}' is not a population; choose from: "
                                 f"{', '.join(p.value for p in Population)}.") from None
        for need, chance in chances.items():
            if need not in self.spec.needs:
                raise ParameterError(f"There is no need '{need}'; needs: {', '.join(self.spec.needs)}.")
            check_value(f"{population} › {need}", "probability", chance)
        shares = {**self.spec.populations.get(pop, {}), **{k: float(v) for k, v in chances.items()}}
        populations = {**self.spec.populations, pop: shares}
        return Params(values=self.values, spec=self.spec.model_copy(update={"populations": populations}))

    def for_pathway(self, stem: str, pathway: str) -> float:
        """``for_pathway('connect', 'arc')`` -> the value of connect_arc."""
        return self.values[f"{stem}_{pathway}"]

    def preset(self, name: str) -> tuple[Params, Preset]:
        """The parameters of a named preset (e.g. 'ips_overview_deck') and the preset itself."""
        if name not in self.spec.presets:
            raise ParameterError(f"There is no preset '{name}'; presets: {', '.join(self.spec.presets)}.")
        preset = self.spec.presets[name]
        return self.replace(**preset.changes), preset

    @property
    def need_names(self) -> list[str]:
        return list(self.spec.needs)


@lru_cache(maxsize=8)
def _parse(text: str, shown: str) -> Loaded:
    try:
        return parse_document(text, ParameterFile, shown)
    except InputError as exc:
        raise ParameterError("The simulator's parameter file has problems:\n" +
                             "\n".join(f"  {p}" for p in exc.problems)) from None


def load_params(path: str | Path | None = None) -> Params:
    """The default parameters (or those in ``path``), each checked against its allowed range."""
    path = Path(path or PARAMS_FILE)
    loaded = _parse(path.read_text(encoding="utf-8"), path.name)
    spec: ParameterFile = loaded.obj

    def where(*field: str) -> str:
        return f"{path.name}, line {loaded.line(field)}: "

    values = {}
    for name, p in spec.parameters.items():
        try:
            values[name] = check_value(name, p.kind, p.value)
        except ParameterError as exc:
            raise ParameterError(where("parameters", name, "value") + str(exc)) from None
    for pathway in PATHWAYS:
        for stem in ("connect", "burden", "duplicate", "place", "weeks", "keep30", "keep180", "goal_fit"):
            if f"{stem}_{pathway}" not in values:
                raise ParameterError(where("parameters") + f"the parameter {stem}_{pathway} is missing.")
    for pop, shares in spec.populations.items():
        for need, share in shares.items():
            if need not in spec.needs:
                raise ParameterError(where("populations", pop.value, need) + f"'{need}' is not one of the needs "
                                     f"({', '.join(spec.needs)}).")
            try:
                check_value(f"{pop.value} › {need}", "probability", share)
            except ParameterError as exc:
                raise ParameterError(where("populations", pop.value, need) + str(exc)) from None
    return Params(values=values, spec=spec)
