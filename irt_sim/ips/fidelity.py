"""The IPS fidelity scale: 25 items scored 1 to 5 from an agency profile, a total and its band.

Items with numeric anchors are computed from the profile's figures; items the scale leaves to the
reviewer take the reviewer's score from ``reviewer_judgement``. The scale itself (item texts,
anchors, bands) lives in irt_sim/data/ips_fidelity.yaml.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Literal

import pandas as pd
from pydantic import Field

from ..inputs.packaged import data_file, load_packaged
from ..vocab import Confidence
from ..model import AgencyProfile, StrictModel

SCALE_FILE = data_file("ips_fidelity.yaml")


class Anchor(StrictModel):
    kind: Literal["measure", "components", "judgement"]
    measure: str | None = None
    better: Literal["lower", "higher"] = "higher"
    cutoffs: list[float] = Field(default_factory=list)
    unit: str | None = None
    components: dict[str, str] = Field(default_factory=dict)
    guide: str | None = None


class Item(StrictModel):
    id: str
    section: Literal["staffing", "organization", "services"]
    name: str
    about: str
    anchor: Anchor
    confidence: Confidence
    source: str

    def how_scored(self) -> str:
        """The anchor in words: what is measured or counted and which value earns which score."""
        a = self.anchor
        if a.kind == "measure":
            sign = "at most" if a.better == "lower" else "at least"
            fmt = (lambda c: f"{c:.0%}") if "share" in a.measure else (lambda c: f"{c:g}")
            return f"{a.unit}: " + ", ".join(f"{s} {sign} {fmt(c)}" for s, c in zip((5, 4, 3, 2), a.cutoffs)) \
                + ", otherwise 1"
        if a.kind == "components":
            return f"count of {len(a.components)} components ({'; '.join(a.components.values())}): " + ", ".join(
                f"{s} from {c:g}" for s, c in zip((5, 4, 3, 2), a.cutoffs)) + ", otherwise 1"
        return f"reviewer's judgement. {a.guide}"


class Band(StrictModel):
    band: str
    label: str
    min: int


class Scale(StrictModel):
    total_bands: list[Band]
    bands_source: str
    bands_confidence: Confidence
    good_threshold: int
    good_threshold_source: str
    sections: dict[str, str]
    items: list[Item] = Field(min_length=25, max_length=25)


@lru_cache(maxsize=1)
def load_scale() -> Scale:
    return load_packaged(SCALE_FILE.name, Scale)


# --- figures computed from the profile ---------------------------------------------------------------


def _weighted(profile: AgencyProfile, attr: str) -> float:
    es = profile.employment_specialists
    return sum(getattr(s, attr) * s.fte for s in es) / sum(s.fte for s in es)


def _assigned_teams(profile: AgencyProfile) -> float:
    es = profile.employment_specialists
    if all(s.mh_teams == 0 for s in es):
        return -1.0  # a separate vocational program: the lowest anchor
    share = sum(s.share_from_assigned_teams for s in es) / len(es)
    if sum(s.mh_teams for s in es) / len(es) > 2:
        share = min(share, 0.49)  # spread over three or more teams scores as low as a weak referral share
    return share


def _competitive(profile: AgencyProfile) -> float:
    data = profile.program_data
    return data.share_jobs_competitive if data.current_jobs >= 10 else -1.0  # too few jobs to judge: lowest


MEASURES: dict[str, Callable[[AgencyProfile], float]] = {
    "caseload_per_specialist": lambda p: sum(s.caseload for s in p.employment_specialists) / sum(
        s.fte for s in p.employment_specialists),
    "non_vocational_share": lambda p: _weighted(p, "non_vocational_share"),
    "phases_provided": lambda p: math.floor(_weighted(p, "phases_provided") + 1e-9),
    "share_from_assigned_teams": _assigned_teams,
    "median_days_to_first_employer_contact": lambda p: p.program_data.median_days_to_first_employer_contact,
    "share_job_search_matching_preferences": lambda p: p.program_data.share_job_search_matching_preferences,
    "employer_contacts_per_week": lambda p: _weighted(p, "employer_contacts_per_week"),
    "share_jobs_different_types": lambda p: p.program_data.share_jobs_different_types,
    "share_jobs_different_employers": lambda p: p.program_data.share_jobs_different_employers,
    "share_jobs_competitive": _competitive,
    "community_hours_share": lambda p: _weighted(p, "community_hours_share"),
}


#: What a negative figure means for the measures that use one to force the lowest anchor.
LOWEST_BECAUSE = {
    "share_from_assigned_teams": "no specialist is assigned to a treatment team (a separate vocational program)",
    "share_jobs_competitive": "fewer than 10 current jobs, too few to judge",
}


def score_from_cutoffs(value: float, cutoffs: list[float], better: str) -> int:
    """5, 4, 3 or 2 at the first cutoff the value reaches (at or below for 'lower', at or above for
    'higher'); 1 if it reaches none. Values are compared after rounding to 6 places."""
    value = round(value, 6)
    for score, cut in zip((5, 4, 3, 2), cutoffs):
        if (value <= cut) if better == "lower" else (value >= cut):
            return score
    return 1


@dataclass(frozen=True)
class ItemScore:
    item: Item
    score: int | None  # None: a judgement item the reviewer has not scored yet
    basis: str  # how the score was reached, in words


@dataclass(frozen=True)
class FidelityResult:
    profile: AgencyProfile
    items: list[ItemScore]
    threshold: int

    @property
    def missing(self) -> list[str]:
        return [i.item.id for i in self.items if i.score is None]

    @property
    def total(self) -> int | None:
        return None if self.missing else sum(i.score for i in self.items)

    @property
    def band(self) -> Band | None:
        total = self.total
        if total is None:
            return None
        return next(b for b in load_scale().total_bands if total >= b.min)

    @property
    def good_fidelity(self) -> bool | None:
        return None if self.total is None else self.total >= self.threshold

    def table(self) -> pd.DataFrame:
        scale = load_scale()
        rows = [{"Item": i.item.id, "Section": scale.sections[i.item.section], "Name": i.item.name,
                 "Score": i.score, "How it was scored": i.basis, "Anchor confidence": i.item.confidence.value}
                for i in self.items]
        return pd.DataFrame(rows).set_index("Item")

    def anchor_confidence(self) -> str:
        """Say how many of the anchors behind this score were checked against the published scale,
        and which were not, so nobody treats an unverified cut-off as the official one."""
        by = {}
        for i in self.items:
            by.setdefault(i.item.confidence.value, []).append(i.item.id)
        unverified = by.get("unverified", [])
        parts = [f"{len(v)} {k.replace('_', ' ')}" for k, v in sorted(by.items())]
        text = f"Anchors behind these scores: {', '.join(parts)}."
        if unverified:
            text += (f" Unverified ({', '.join(unverified)}): the kit's reading of the scale, not checked "
                     "against the published anchors; score those items from the official IPS Fidelity "
                     "Scale before quoting the total.")
        return text

    def section_totals(self) -> pd.Series:
        t = self.table()
        return t.groupby("Section", sort=False)["Score"].sum(min_count=1)

    def summary(self) -> str:
        if self.total is None:
            return (f"{self.profile.name}: {len(self.missing)} item(s) still need the reviewer's score "
                    f"({', '.join(self.missing)}), so no total yet.")
        verdict = "reaches" if self.good_fidelity else "does not yet reach"
        return (f"{self.profile.name}: {self.total} of 125, {self.band.label.lower()}; it {verdict} good fidelity "
                f"(set at {self.threshold}).")


def score_profile(profile: AgencyProfile, threshold: int | None = None) -> FidelityResult:
    """Score every item of the scale for ``profile``. ``threshold`` is the total counted as good
    fidelity (default from the scale file: 100; the IPS overview deck's 95 can be set here)."""
    scale = load_scale()
    threshold = scale.good_threshold if threshold is None else int(threshold)
    if not 25 <= threshold <= 125:
        raise ValueError(f"threshold must be a total between 25 and 125; got {threshold}")
    scores = []
    for item in scale.items:
        a = item.anchor
        if a.kind == "measure":
            value = MEASURES[a.measure](profile)
            score = score_from_cutoffs(value, a.cutoffs, a.better)
            if value < 0:
                basis = LOWEST_BECAUSE[a.measure]
            else:
                shown = f"{value:.0%}" if "share" in a.measure else f"{value:.3g}"
                basis = f"{shown} {a.unit}"
        elif a.kind == "components":
            present = [c for c in profile.components.get(item.id, []) if c in a.components]
            score = score_from_cutoffs(len(present), a.cutoffs, "higher")
            basis = f"{len(present)} of {len(a.components)} components in place"
        else:
            score = profile.reviewer_judgement.get(item.id)
            basis = "reviewer's judgement" if score is not None else "awaiting the reviewer's judgement"
        scores.append(ItemScore(item, score, basis))
    return FidelityResult(profile, scores, threshold)


def unknown_components(profile: AgencyProfile) -> list[str]:
    """Component names in a profile that the scale does not know (usually typing slips)."""
    scale = {i.id: i for i in load_scale().items}
    out = []
    for item_id, names in profile.components.items():
        item = scale.get(item_id)
        if item is None or item.anchor.kind != "components":
            out.append(f"{item_id} is not a component item of the scale")
            continue
        out += [f"{item_id} › {n} is not one of its components" for n in names if n not in item.anchor.components]
    return out
