"""The plan checker: the one rule registry (``plan_rules``, with the rules each program file brings
in ``program_rules``), the worked example each rule is tested and documented with (``examples``),
and the team view the checker and the course share (``team``)."""

from __future__ import annotations

from .plan_rules import RULES, SECTIONS, Finding, Rule, Severity, check_plan, count_findings

__all__ = ["RULES", "SECTIONS", "Finding", "Rule", "Severity", "check_plan", "count_findings"]
