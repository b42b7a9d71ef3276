"""Charts and tables that only draw: each chart comes with its text alternative and its data table
(``plots``, ``svgbars``, ``ips_charts``), each table is plain HTML with a caption (``tables``)."""

from __future__ import annotations

from .._lazy import lazy_exports

_WHERE = {
    **dict.fromkeys(["Chart", "comparison_chart", "cost_by_system_chart", "funnel_chart", "new_figure",
                     "team_network_chart"], ".plots"),
    "outcomes_trend_chart": ".ips_charts",
    **dict.fromkeys(["CaseCard", "FindingsReport", "Table", "case_card", "customers_table", "directory_table",
                     "findings_table", "programs_table", "services_table", "show_findings"], ".tables"),
}
__all__ = sorted(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)
