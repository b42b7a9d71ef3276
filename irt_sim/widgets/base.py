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
        return w.VBox(self.controls(), **reopen.model_id())

    def remember(self, name: str, control: w.Widget, trait: str = "value") -> None:
        """Keep ``control``'s value for the learner's next visit (in the course's kernels only)."""
        progress.remember(f"{type(self).__name__}.{name}", control, trait)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def customer_dropdown(book) -> w.Dropdown:
    return w.Dropdown(options=[(c.name, cid) for cid, c in book.customers.items()], description="Customer",
                      style=STYLE, layout=w.Layout(**LAYOUT))
