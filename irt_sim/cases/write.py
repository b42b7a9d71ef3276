"""Practice cases as customer files, written the way the kit's own are: the schema line first, the
fields in the shipped files' order, stories and details as folded text, short lists on one line."""

from __future__ import annotations

import functools
import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from ..model import Customer, Release
from ..safefiles import OutputRefused, write_output

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/customer.schema.json\n"


def _flow(items: list) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _folded(text: str, indent: int = 2) -> str:
    """Long text as folded lines of at most 100 characters in the file (no line ends in a space)."""
    room = 100 - indent
    if len(text) <= room - 12:
        return text
    out, start, last_space = FoldedScalarString(text), 0, None
    folds = []
    for i, ch in enumerate(text):
        if ch == " ":
            if i - start > room and last_space is not None:
                folds.append(last_space)
                start = last_space + 1
            last_space = i
    if len(text) - start > room and last_space is not None and last_space > start:
        folds.append(last_space)
    out.fold_pos = folds
    return out


def _release(r: str | Release) -> object:
    if isinstance(r, str):
        return r
    out = CommentedMap(to=r.to)
    if r.what:
        out["what"] = _flow(list(r.what)) if sum(len(w) + 2 for w in r.what) < 80 else list(r.what)
    if r.purpose:
        out["purpose"] = _folded(r.purpose, 6)
    for key in ("signed_on", "until"):
        if getattr(r, key) is not None:
            out[key] = getattr(r, key)
    if r.signed_by.value != "customer":
        out["signed_by"] = r.signed_by.value
    if r.meets:
        out["meets"] = _flow([m.value for m in r.meets])
    return out


def customer_data(c: Customer) -> CommentedMap:
    """The customer as the mapping its file holds (no id: the file name is the id)."""
    data = CommentedMap()
    data["name"] = c.name
    if c.pronouns:
        data["pronouns"] = c.pronouns
    data["age"] = c.age
    data["story"] = _folded(c.story)
    data["populations"] = _flow([p.value for p in c.populations])
    data["strengths"] = list(c.strengths)
    if c.interests:
        data["interests"] = list(c.interests)
    data["barriers"] = [CommentedMap(type=b.type.value, detail=_folded(b.detail, 6)) for b in c.barriers]
    data["benefits"] = _flow([b.value for b in c.benefits])
    household = CommentedMap(single_parent_child_under_6=c.household.single_parent_child_under_6)
    if c.household.two_parent:
        household["two_parent"] = True
    if c.household.federally_funded_childcare:
        household["federally_funded_childcare"] = True
    if c.household.note:
        household["note"] = c.household.note
    data["household"] = household
    data["systems_used"] = _flow(list(c.systems_used))
    data["eligibility"] = CommentedMap((pid, s.value) for pid, s in c.eligibility.items())
    if c.job_or_offer:
        data["job_or_offer"] = True
    if c.legally_blind:
        data["legally_blind"] = True
    if c.disability_onset_age is not None:
        data["disability_onset_age"] = c.disability_onset_age
    data["releases"] = [_release(r) for r in c.releases]
    if c.proposed_goal:
        g = c.proposed_goal
        hours = int(g.weekly_hours) if g.weekly_hours is not None and g.weekly_hours == int(g.weekly_hours) else g.weekly_hours
        goal = CommentedMap(job_title=g.job_title, hourly_wage=g.hourly_wage, weekly_hours=hours,
                            competitive_integrated=g.competitive_integrated, field=g.field)
        data["proposed_goal"] = goal
    return data


@functools.lru_cache(maxsize=1)
def _yaml() -> YAML:
    """One writer for every file (making one costs more than writing a case)."""
    y = YAML()
    y.width = 4096  # long text is folded by _folded, at spaces; nothing else is wrapped
    y.indent(mapping=2, sequence=4, offset=2)
    y.representer.ignore_aliases = lambda *_: True  # the same signing day on every release, written out each time
    return y


def case_yaml(customer: Customer) -> str:
    """The customer's file, as text."""
    out = io.StringIO()
    _yaml().dump(customer_data(customer), out)
    return SCHEMA_LINE + out.getvalue()


def write_cases(customers: list[Customer], folder: Path, *, force: bool = False) -> list[Path]:
    """One file a customer in ``folder`` (``<id>.yaml``). Nothing is written when a file is there
    already and ``force`` is not given, so a run never leaves half a batch."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"{folder} is a file, not a folder; give a folder to write the cases into.")
    paths = [folder / f"{c.id}.yaml" for c in customers]
    if not force:
        there = [p for p in paths if p.exists() or p.is_symlink()]
        if there:
            more = f" (and {len(there) - 1} more)" if len(there) > 1 else ""
            raise OutputRefused(f"{there[0]} exists already{more}; add --force to replace them.")
    folder.mkdir(parents=True, exist_ok=True)
    return [write_output(path, case_yaml(c), force=force) for path, c in zip(paths, customers)]
