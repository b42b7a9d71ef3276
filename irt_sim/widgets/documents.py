"""Course module 8: each agency's note and the shared plan sheet, for a worked plan."""

from __future__ import annotations

import html

import ipywidgets as w

from ..documents import plan_documents
from ..documents.render import to_html_fragment
from .base import LAYOUT, STYLE, Panel


class DocumentsView(Panel):
    """Course module 8: each agency's note and the shared plan sheet, for a worked plan."""

    def __init__(self, book=None):
        super().__init__(book)
        self.plan = w.Dropdown(options=[(p.title or pid, pid) for pid, p in self.book.plans.items()],
                               description="Plan", style=STYLE, layout=w.Layout(**LAYOUT))
        self.which = w.Dropdown(description="Document", style=STYLE, layout=w.Layout(**LAYOUT))
        self.view = w.HTML()
        self.remember("plan", self.plan)
        self.plan.observe(lambda _c: self._documents(), names="value")
        self.which.observe(lambda _c: self.update(), names="value")
        self._documents()
        self.remember("document", self.which)

    def _documents(self) -> None:
        self.docs = plan_documents(self.book.plans[self.plan.value], self.book)
        self.which.options = [(d.title, k) for k, d in self.docs.items()]
        self.which.value = next(iter(self.docs))  # the agenda first
        self.update()

    def update(self) -> str:
        if self.which.value is None:
            return ""
        doc = self.docs[self.which.value]
        footer = f"<p>{html.escape(doc.footer)}</p>" if doc.footer else ""
        body = to_html_fragment(doc, top=3) + footer  # a preview inside the page, not a page
        self.view.value = f'<div style="border:1px solid #999;padding:0 1rem">{body}</div>'
        return self.view.value

    def controls(self) -> list[w.Widget]:
        return [self.plan, self.which, self.view]
