"""The model's shared pieces: ids, texts, days, the strict base every model is built on, a source
and an employment goal."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..vocab import Confidence


Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="A short name made of lower-case letters, digits and hyphens, e.g. 'rosa' or 'county-vr'.",
    ),
]
Text = Annotated[str, Field(min_length=1)]


#: The dates a casebook file can hold: a year from 1900 to 2199. A date such as 9999-12-31 is a slip
#: (or a test of the kit), and a day after it would not exist.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def _plausible_day(value: object) -> object:
    if isinstance(value, dt.date) and not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"{value.isoformat()} is out of range: dates in a casebook fall between 1900 and 2199")
    return value


Day = Annotated[dt.date, AfterValidator(_plausible_day)]

class StrictModel(BaseModel):
    """The base of every model the kit reads from a file: an unknown field is reported, not lost (a
    typo), a value is not changed after loading, and spaces around a text are dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(StrictModel):
    """Where a figure comes from, so a trainer can check it."""

    figure: Text = Field(description="Which figure this source backs, as a field path, e.g. 'outcome.retention_days'.")
    ref: Text = Field(description="The source: a regulation, a study or a seed document, in a few words.")
    confidence: Confidence = Field(description="confirmed, partly_confirmed, unverified or assumption.")


class Goal(StrictModel):
    """An employment goal: what job, at what pay, for how many hours."""

    job_title: str | None = Field(default=None, description="The job, e.g. 'Veterinary technician'.")
    hourly_wage: float | None = Field(default=None, ge=0, description="Hourly wage aimed for, in dollars (the low end if a range).")
    hourly_wage_max: float | None = Field(default=None, ge=0, description="Top of the wage range, if the goal is a range.")
    weekly_hours: float | None = Field(default=None, ge=0, le=80, description="Hours of work a week aimed for (at least).")
    competitive_integrated: bool = Field(
        default=True,
        description="true if the job is competitive integrated employment: paid at least minimum wage and the "
        "usual rate, in a typical community setting alongside non-disabled co-workers. false for sheltered or subminimum-wage work.",
    )
    field: str | None = Field(default=None, description="The industry or kind of employer, e.g. 'animal health'.")

    @model_validator(mode="after")
    def _range_in_order(self) -> Goal:
        if self.hourly_wage is not None and self.hourly_wage_max is not None and self.hourly_wage_max < self.hourly_wage:
            raise ValueError(f"the top of the wage range ({self.hourly_wage_max:g}) is below its bottom "
                             f"({self.hourly_wage:g}); hourly_wage is the low end, hourly_wage_max the high end")
        return self


