"""One practice customer's facts, decided once and shared by the story and every barrier's detail, so
the two always agree (a customer with no car in the story has no car in the transportation barrier);
and how a template is filled from them.

A template is plain text with ``{key}`` for a fact and ``[this|that]`` for a choice of words, taken
with the case's own random generator. Pronouns come with their verbs: ``{Sub} want{s}`` is 'She
wants' or 'They want', ``{Sub} {has}`` 'He has' or 'They have'."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from ..vocab import BarrierType, Benefit, Population
from .words import Job

PRONOUNS: dict[str, dict[str, str]] = {
    "she/her": {"sub": "she", "obj": "her", "pos": "her", "refl": "herself", "s": "s", "es": "es", "ies": "ies",
                "has": "has", "is": "is", "was": "was", "does": "does", "doesnt": "doesn't", "isnt": "isn't"},
    "he/him": {"sub": "he", "obj": "him", "pos": "his", "refl": "himself", "s": "s", "es": "es", "ies": "ies",
               "has": "has", "is": "is", "was": "was", "does": "does", "doesnt": "doesn't", "isnt": "isn't"},
    "they/them": {"sub": "they", "obj": "them", "pos": "their", "refl": "themself", "s": "", "es": "", "ies": "y",
                  "has": "have", "is": "are", "was": "were", "does": "do", "doesnt": "don't", "isnt": "aren't"},
}

_CHOICE = re.compile(r"\[([^\[\]]*)\]")


@dataclass
class Person:
    """Everything a practice case says about its customer, before it is written as a customer file."""

    first: str
    last: str
    pronouns: str
    age: int
    populations: list[Population]
    benefits: list[Benefit] = field(default_factory=list)
    job_or_offer: bool = False
    barriers: list[BarrierType] = field(default_factory=list)
    backgrounds: dict[Population, Any] = field(default_factory=dict)  # Population -> backgrounds.Background
    kids: list[tuple[str, int, str]] = field(default_factory=list)  # (son/daughter, age, name)
    partner: str | None = None  # 'husband', 'wife', 'partner' ...
    home: str = "apartment"
    car: str = "own"
    job: Job | None = None
    past_job: tuple[str, str] | None = None
    past_years: int = 0
    origin: tuple[str, str] | None = None
    legally_blind: bool = False
    onset_age: int | None = None
    trade: str = ""  # the text of a trade's program the job goal should lead from (a goal that misses its rule)
    facts: dict[str, str] = field(default_factory=dict)  # the words a template may use
    overlays: dict[Population, dict[str, str]] = field(default_factory=dict)  # each background's own words

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def has(self, *populations: Population) -> bool:
        return any(p in self.populations for p in populations)

    @property
    def youngest(self) -> int | None:
        return min((age for _, age, _ in self.kids), default=None)

    @property
    def single_parent_under_6(self) -> bool:
        return self.partner is None and self.youngest is not None and self.youngest < 6

    @property
    def disabled(self) -> bool:
        return self.has(Population.mental_illness, Population.physical_disability, Population.sensory_disability,
                        Population.acquired_brain_injury, Population.intellectual_or_developmental_disability)

    def note(self, **more: str) -> None:
        self.facts.update(more)


def fill(template: str, facts: dict[str, str], rng: random.Random, *, cap: bool = True) -> str:
    """The template with each ``[a|b]`` choice made and each ``{key}`` filled; a sentence (``cap``)
    starts with a capital letter."""
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = text.format_map(facts)
    return text[:1].upper() + text[1:] if cap else text


def pronoun_facts(first: str, pronouns: str) -> dict[str, str]:
    words = dict(PRONOUNS[pronouns])
    words.update({k[:1].upper() + k[1:]: v[:1].upper() + v[1:] for k, v in list(words.items())
                  if k in ("sub", "pos", "obj")})
    words["name"] = words["Name"] = first
    return words
