"""What every panel shares: the casebook it reads, its controls in one column, and how it shows
itself in a notebook or a Voila page (as its widget). Panels read the model and call irt_sim; they
hold no rules of their own.

Every control has a visible label. Charts are shown as images with text alternatives (see
irt_sim.display.plots), and a plain sentence under the controls says what changed, so a
screen-reader user hears the result without reading the chart.
"""

from __future__ import annotations

import ipywidgets as w

from . import progress, reopen
from .keys import KeyGuard

#: Labels in one column wide enough for the longest, controls of one width.
STYLE = {"description_width": "17em"}
LAYOUT = {"width": "40em", "max_width": "100%"}  # a phone's screen is narrower than 40em


class Panel:
    """A course activity: ``controls()`` lists what it shows, top to bottom."""

    book = None

    def __init__(self, book=None):
        from ..inputs.casebook import load_casebook

        self.book = book or load_casebook()

    def controls(self) -> list[w.Widget]:
        raise NotImplementedError

    @property
    def widget(self) -> w.Widget:
        return reopen.shown(lambda **kw: w.VBox([KeyGuard(), *self.controls()], **kw))

    def remember(self, name: str, control: w.Widget, trait: str = "value") -> None:
        """Keep ``control``'s value for the learner's next visit (in the course's kernels only)."""
        progress.remember(f"{type(self).__name__}.{name}", control, trait)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


#: Long labels wrap instead of being cut short with an ellipsis ("Harlow County Human Services, TAN..."):
#: a control given the class ``irt-wrap`` (``wrapping``) keeps its whole label, on as many lines as it needs.
WRAP_STYLE = """<style>
.irt-wrap.widget-inline-hbox, .irt-wrap.widget-checkbox { height: auto; min-height: var(--jp-widgets-inline-height, 28px);
  width: auto; align-items: flex-start; }
.irt-wrap .widget-label-basic, .irt-wrap .widget-label-basic span, .irt-wrap .widget-label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.35; }
.irt-wrap .widget-label-basic { display: flex; align-items: flex-start; gap: 0.4em; padding: 0.2em 0; }
.irt-wrap .widget-label-basic input { flex: 0 0 auto; margin-top: 0.15em; }
</style>"""


def wrapping(*controls: w.Widget) -> w.HTML:
    """Give ``controls`` whole labels that wrap; returns the style to show once beside them."""
    for control in controls:
        control.add_class("irt-wrap")
    return w.HTML(WRAP_STYLE)


def customer_dropdown(book) -> w.Dropdown:
    return w.Dropdown(options=[(c.name, cid) for cid, c in book.customers.items()], description="Customer",
                      style=STYLE, layout=w.Layout(**LAYOUT))
