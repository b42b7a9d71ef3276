"""A case of one's own: in ``build_the_team`` each learner gets a customer chosen from their learner id
and the assignment, the same every time for that learner, so neighbours' answers do not travel.

Where the id comes from:

- while the learner works: the id they write once in the notebook (a notebook downloaded from a
  learning platform), or their hub account (the cohort hub); with neither, the exercise's worked case;
- while the trainer grades: the submission's own folder (the learning platform's download, or
  nbgrader's exchange on the hub), which ``GradedCase`` (irt_sim.classroom.variants) turns into the case
  the hidden tests grade against. An id written in the notebook that is not the submission's is graded
  against the submission's case, and the trainer's report names it.

An exercise's setup cell says whether it gives each learner a case of their own:
``my_case("build_the_team", learner_id)``, or ``per_learner=False`` for one case for the whole class.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from functools import lru_cache

from ..inputs.casebook import Casebook
from ..model import Customer
from .cases import exercise_casebook

#: The case the exercise's worked answer is written for: everyone's when cases are not per learner.
WORKED_CASE = {"build_the_team": "beatriz-almonte", "negotiate_the_plan": "odessa-pruitt"}
#: Set by the grading run: the case the submission being graded is graded against.
GRADED_CASE = "IRT_GRADED_CASE"


def learner_key(learner: object) -> str:
    """An id as people type it: 'Ana.Diaz ', 'ana.diaz' and 'ANA.DIAZ' are one learner."""
    return re.sub(r"\s+", "", str(learner or "")).casefold()


def worked_team(customer: Customer, book: Casebook) -> str | None:
    """A full-marks answer to build_the_team for ``customer`` (for the trainer, and to choose the
    cases the exercise can use), or None when some barrier has no program the customer can use."""
    from .team import program_points

    lines, applying = [], []
    for barrier in dict.fromkeys(b.type for b in customer.barriers):
        best = None
        for program in sorted(book.programs.values(), key=lambda p: p.id):
            if program_points(program, barrier, customer, False)[0] == 1:
                best = (program.id, False)
                break
            if best is None and program_points(program, barrier, customer, True)[0] == 1:
                best = (program.id, True)
        if best is None:
            return None
        lines.append(f"{barrier.value}: {best[0]}")
        if best[1] and best[0] not in applying:
            applying.append(best[0])
    return "\n".join(lines + [f"{apply_key(customer)}: {', '.join(applying)}"]) + "\n"


def apply_key(customer: Customer) -> str:
    return {"she/her": "help_her_apply_to", "he/him": "help_him_apply_to"}.get(customer.pronouns or "", "help_them_apply_to")


def _pool(assignment: str, book: Casebook) -> tuple[str, ...]:
    if assignment == "build_the_team":
        return tuple(sorted(cid for cid, c in book.customers.items() if len(c.barriers) >= 3 and worked_team(c, book)))
    if assignment == "negotiate_the_plan":
        # the worked case, and each practice customer with a fuller record and a worked plan (the kit's
        # other customers have worked plans learners can read in casebook/plans/, or no fuller record)
        from .cases import practice_cases
        from .plan_case import team_of
        from .practice_records import full_record

        return (WORKED_CASE[assignment],) + tuple(sorted(
            cid for c in practice_cases() if (cid := c.customer.id) in book.customers and full_record(cid) and team_of(cid)))
    return (WORKED_CASE[assignment],)


@lru_cache(maxsize=8)
def _kit_pool(assignment: str) -> tuple[str, ...]:
    return _pool(assignment, exercise_casebook(customer="*"))


def case_pool(assignment: str, book: Casebook | None = None) -> tuple[str, ...]:
    """The customers ``assignment`` can give a learner: every one whose barriers can each be answered."""
    return _kit_pool(assignment) if book is None else _pool(assignment, book)


def case_for(learner: object, assignment: str, book: Casebook | None = None, per_learner: bool = True) -> str:
    """The customer id ``learner`` works on in ``assignment``: stable for the learner, spread over the pool."""
    key = learner_key(learner)
    if not per_learner or not key or assignment not in WORKED_CASE:
        return WORKED_CASE.get(assignment, "")
    pool = case_pool(assignment, book)
    return pool[int(hashlib.sha256(f"{assignment}|{key}".encode()).hexdigest()[:12], 16) % len(pool)]


def whose(written: object = "") -> str:
    """The learner whose case this is: the id written in the notebook, else the hub account."""
    return learner_key(getattr(written, "value", written)) or learner_key(os.environ.get("JUPYTERHUB_USER"))


def graded_case(assignment: str, written: object = "", per_learner: bool = True) -> str:
    """The case a test cell grades against: while grading, the submission's own (set by the grading
    run); otherwise the learner's, as ``my_case`` shows it."""
    return os.environ.get(GRADED_CASE) or case_for(whose(written), assignment, per_learner=per_learner)


class MyCase(str):
    """A customer id that shows itself as the learner's case: whose it is, the case card, and the lines
    of the answer to copy."""

    learner: str = ""
    assignment: str = ""

    def _repr_html_(self) -> str:
        from ..display.tables import CaseCard

        book = self._book()
        customer = book.customers[str(self)]
        e = html.escape
        if self.learner:
            head = (f"<p><strong>Your customer is {e(customer.name)}</strong>, chosen for learner id "
                    f"<code>{e(self.learner)}</code>. Another id gives another customer: keep the one your trainer gave you.</p>")
        else:
            head = (f"<p><strong>No learner id yet</strong>: write yours in the cell above and run it, then run this "
                    f"cell again. Until then you see the worked case, {e(customer.name)}.</p>")
        return head + CaseCard(book, str(self))._repr_html_() + self._task_html(book)

    def _book(self) -> Casebook:
        if self.assignment == "negotiate_the_plan":
            from .plan_case import plan_casebook

            return plan_casebook(None, str(self))  # the record as the customer's team has it
        return exercise_casebook(customer=str(self))

    def _task_html(self, book: Casebook) -> str:
        """What the learner starts from: the lines to copy (the team), or the team that has met (the plan)."""
        e = html.escape
        customer = book.customers[str(self)]
        if self.assignment == "build_the_team":
            lines = [b.type.value + ":" for b in customer.barriers] + [apply_key(customer) + ":"]
            return ("<p>Copy these lines into the answer cell, between the triple quotes, and write a program after "
                    "each:</p><pre>" + e("\n".join(dict.fromkeys(lines))) + "</pre>")
        if self.assignment == "negotiate_the_plan":
            from ..display.tables import services_table
            from .plan_case import team_of, team_text

            team = team_of(str(self)) or {}
            programs = [a["program"] for a in team.get("attendees", []) if a.get("program")]
            # headings as the case card has them (bold lines): the card sits in pages with their own outline
            return (f"<p><strong>The team that has met</strong></p><p>{e(customer.first_name)}'s team has met: the meeting, the people "
                    "at the table and the program dates are below. They are part of your plan already (you need not "
                    "copy them); refer to a partner by their id or first name. To invite another partner, copy the "
                    "attendees lines into your plan and add one.</p><pre style='white-space: pre-wrap'>"
                    + e(team_text(str(self))) + "</pre><p><strong>What the partners' programs offer</strong></p>"
                    + services_table(book, programs)._repr_html_())
        return ""

    def __repr__(self) -> str:
        return f"Your customer: {self._book().customers[str(self)].name} ({str(self)})"


def my_case(assignment: str, learner: object = "", per_learner: bool = True) -> MyCase:
    """The learner's case in ``assignment`` (a customer id that shows the case card)."""
    who = whose(learner) if per_learner else ""
    case = MyCase(case_for(who, assignment, per_learner=per_learner))
    case.learner, case.assignment = who, assignment
    return case
