"""The Community Academy day, made from any casebook: partner program cards, the resource map,
role-play packs, the agenda and sign-in sheet, and the pre/post survey with its report
(``irt-academy academy-kit`` and ``irt-academy academy-survey``)."""

from __future__ import annotations

from .cards import program_card, program_cards
from .day import academy_day, agenda_doc, agenda_rows, sign_in_doc
from .kit import Kit, write_kit
from .resource_map import BarrierRow, Coverage, counts, map_csv, map_doc, resource_map
from .roleplay import role_play_customers, role_play_pack
from .survey import read_responses, survey_doc, template_csv
from .survey_report import report_csv, report_html, survey_report

__all__ = ["BarrierRow", "Coverage", "Kit", "academy_day", "agenda_doc", "agenda_rows", "counts", "map_csv",
           "map_doc", "program_card", "program_cards", "read_responses", "report_csv", "report_html",
           "resource_map", "role_play_customers", "role_play_pack", "sign_in_doc", "survey_doc",
           "survey_report", "template_csv", "write_kit"]
