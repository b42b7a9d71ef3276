"""The shape of an answer: which fields it may hold, nested, the words learners use for them, and
the plain data an answer is read into (``Read``)."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..inputs.problems import FieldPath, Problem
from .reading import Note


TEXT_LIST = "text list"  # the shape of a list of plain values
ANY_KEY = "*"  # in a shape: a group whose keys are ids the learner chooses (program_records › state-vr)

#: Words learners use for a field's name, beside the name itself (folded, spaces for underscores).
KEY_SYNONYMS = {"wage": "hourly_wage", "pay": "hourly_wage", "hourly pay": "hourly_wage", "hours": "weekly_hours",
                "hours a week": "weekly_hours", "hours per week": "weekly_hours", "job": "job_title", "title": "job_title",
                "contact": "point_of_contact", "who": "responsible", "owner": "responsible", "owners": "responsible",
                "due date": "due", "by when": "due", "when": "due", "crisis": "crisis_plan", "next": "next_meeting",
                "shared": "shared_information", "what is shared": "shared_information", "frequency of updates": "frequency"}

#: Usual words for the stages of a plan (beside each stage's word and label).
STAGE_WORDS = {"preparation": ("prep", "preparing", "getting ready", "before", "before training", "planning"),
               "training": ("school", "course", "studying", "in training", "education"),
               "job_search": ("job hunting", "looking for work", "search", "placement", "job search and placement",
                              "job development", "interviews"),
               "early_employment": ("employment", "early employment", "on the job", "first months", "first months on the job",
                                    "working", "after placement", "new job", "starting work", "at work"),
               "long_term": ("long term", "long term support", "retention", "follow along", "after the first months")}


def shape_of(model: type[BaseModel]) -> dict:
    """The fields an answer may hold, nested: a dict for a group of fields, [dict] for a list of groups."""
    return {name: _shape(f.annotation) for name, f in model.model_fields.items()}


def _shape(annotation: Any) -> Any:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _shape(args[0])
    if origin in (typing.Union, types.UnionType):
        shapes = [_shape(a) for a in args if a is not type(None)]
        return next((s for s in shapes if s is not None), None)
    if origin is list:
        inner = args[0] if args else str
        return [shape_of(inner)] if is_model(inner) else TEXT_LIST
    if origin is dict and len(args) == 2 and is_model(args[1]):
        return {ANY_KEY: shape_of(args[1])}
    return shape_of(annotation) if is_model(annotation) else None


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


@dataclass
class Read:
    """An answer read into plain data: where each part sat, how it had to be read, what was left out."""

    data: Any
    lines: dict[FieldPath, int]
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    strict: bool = True  # the strict YAML reading worked
    left_out: list[FieldPath] = field(default_factory=list)  # the parts validation had to leave out


def inner_type(annotation: Any) -> Any:
    if is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_type(arg)
        if found is not None:
            return found
    return None
