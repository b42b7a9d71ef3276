"""The read-only public demo pages served by Voila, with caps on visitors, memory and requests:
the app and its caps (``app``), its handlers (``handlers``), its plain pages (``pages``) and what
its kernels hold (``memory``)."""

from __future__ import annotations

from .._lazy import lazy_exports

_WHERE = {
    **dict.fromkeys(["PAGES", "BUSY_HTML", "SLOW_DOWN_HTML", "index_html", "pages_dir"], ".pages"),
    **dict.fromkeys(["child_pids", "children_mb", "resident_mb"], ".memory"),
    **dict.fromkeys(["DemoVoila", "demo_config", "serve"], ".app"),
}
__all__ = sorted(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)
