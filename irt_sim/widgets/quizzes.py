"""Check-your-understanding quizzes: questions in irt_sim/data/quizzes.yaml, each shown as a group of
radio buttons named by its question, with feedback that says why the chosen answer is right or wrong.

The options come in an order of the learner's own (stable for that learner, so a page reloaded or a
module reopened shows the same order), and the right answer's place cycles over the questions, so no
position and no habit ("the second one") passes a quiz. The widget is the browser's own form: a
``<fieldset>`` whose ``<legend>`` is the question, radio inputs inside their labels (long options
wrap and keep their button), and a check button named by its question. Arrow keys move between the
options inside the group and never reach JupyterLab's notebook shortcuts.
"""

from __future__ import annotations

import getpass
import hashlib
import html
import os
import random

import anywidget
import ipywidgets as w
import traitlets as t

from ..inputs.quizzes import Question, load_quizzes
from . import progress, reopen


def learner_id() -> str:
    """Who is taking the course: the hub account on a cohort hub, else the computer's account."""
    for name in ("JUPYTERHUB_USER", "IRT_LEARNER"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "learner"


def _number(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12], 16)


def option_order(question: Question, place: int, learner: str) -> list[int]:
    """The order a learner sees ``question``'s options in: the right one at ``place`` (modulo their
    number), the others shuffled by a seed of the learner's and the question's."""
    right = next(i for i, o in enumerate(question.options) if o.correct)
    others = [i for i in range(len(question.options)) if i != right]
    random.Random(_number(learner, question.question)).shuffle(others)
    at = place % len(question.options)
    return others[:at] + [right] + others[at:]


def quiz_orders(learner: str) -> dict[tuple[str, int], list[int]]:
    """Every question's option order for one learner, keyed by (topic, question index). The right
    answer's place moves on by one from each question to the next, over the whole course, from a
    start of the learner's own: over the course every place holds about as many right answers."""
    start = _number(learner, "start")
    orders, n = {}, 0
    for topic, questions in load_quizzes().items():
        for i, q in enumerate(questions):
            orders[(topic, i)] = option_order(q, start + n, learner)
            n += 1
    return orders


_ESM = r"""
function render({ model, el }) {
  const box = document.createElement("fieldset");
  box.className = "irt-quiz-question";
  box.dataset.lmSuppressShortcuts = "true";  // JupyterLab: keys typed here are not notebook commands
  const legend = document.createElement("legend");
  const list = document.createElement("div");
  list.className = "irt-quiz-options";
  const check = document.createElement("button");
  check.type = "button";
  check.className = "irt-quiz-check";
  const feedback = document.createElement("div");
  feedback.className = "irt-quiz-feedback";
  feedback.setAttribute("role", "status");
  feedback.setAttribute("aria-live", "polite");
  box.append(legend, list, check, feedback);
  el.append(box);
  // keep arrow keys, Home/End and space inside the group (JupyterLab would move between cells)
  box.addEventListener("keydown", (e) => {
    if (["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", " "].includes(e.key)) e.stopPropagation();
  });
  const name = `irt-quiz-${Math.random().toString(36).slice(2)}`;
  let inputs = [];
  // the options are built once (and again only if they change), so the focused radio stays focused
  const build = () => {
    legend.textContent = model.get("prompt");
    check.textContent = "Check my answer";
    check.setAttribute("aria-label", `Check my answer to question ${model.get("number")}`);
    list.replaceChildren();
    inputs = model.get("options").map((text, i) => {
      const label = document.createElement("label");
      label.className = "irt-quiz-option";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = String(i);
      input.addEventListener("change", () => { model.set("choice", i); model.save_changes(); });
      const words = document.createElement("span");
      words.textContent = text;
      const tag = document.createElement("strong");
      tag.className = "irt-quiz-tag";
      label.append(input, words, tag);
      list.append(label);
      return input;
    });
    update();
  };
  const update = () => {
    const marks = model.get("marks");
    inputs.forEach((input, i) => {
      input.checked = model.get("choice") === i;
      const label = input.parentElement, tag = label.querySelector(".irt-quiz-tag"), mark = marks[i] || "";
      label.classList.toggle("irt-quiz-right", mark === "right");
      label.classList.toggle("irt-quiz-wrong", mark === "wrong");
      tag.textContent = mark === "right" ? " (your answer: correct)" : mark === "wrong" ? " (your answer: not this one)" : "";
      tag.hidden = !mark;
    });
    feedback.innerHTML = model.get("feedback");
  };
  check.addEventListener("click", () => { model.set("checks", model.get("checks") + 1); model.save_changes(); });
  build();
  model.on("change:options", build);
  model.on("change:prompt", build);
  model.on("change:choice", update);
  model.on("change:marks", update);
  model.on("change:feedback", update);
}
export default { render };
"""

_CSS = """
.irt-quiz-question { border: 1px solid #767676; border-radius: 4px; margin: 0.6em 0; padding: 0.4em 0.9em 0.7em;
  max-width: 46em; }
.irt-quiz-question legend { font-weight: bold; padding: 0 0.3em; white-space: normal; }
.irt-quiz-options { display: flex; flex-direction: column; gap: 0.35em; margin: 0.3em 0 0.6em; }
.irt-quiz-option { display: flex; align-items: flex-start; gap: 0.5em; padding: 0.2em 0.3em; border: 2px solid transparent;
  border-radius: 4px; white-space: normal; overflow-wrap: anywhere; line-height: 1.4; }
.irt-quiz-option input { flex: 0 0 auto; margin-top: 0.25em; width: 1.1em; height: 1.1em; }
.irt-quiz-option span { flex: 1 1 auto; min-width: 0; }
.irt-quiz-right { border-color: #1a7f37; }
.irt-quiz-wrong { border-color: #a0111f; border-style: dashed; }
.irt-quiz-check { font: inherit; padding: 0.25em 0.9em; }
.irt-quiz-question :focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
.irt-quiz-feedback p { margin: 0.5em 0 0; }
"""


class QuestionWidget(anywidget.AnyWidget):
    """One question: its options as radio buttons in the learner's order, a check button, and
    feedback announced politely (the verdict in words and a mark beside the chosen option, never
    colour alone)."""

    _esm = _ESM
    _css = _CSS
    prompt = t.Unicode("").tag(sync=True)  # "3. The question?", the legend of the group
    number = t.Int(1).tag(sync=True)
    options = t.List(t.Unicode()).tag(sync=True)
    choice = t.Int(-1).tag(sync=True)  # the place chosen in the shown order, -1 for none yet
    checks = t.Int(0).tag(sync=True)  # the check button's presses
    marks = t.List(t.Unicode()).tag(sync=True)  # per shown option: "", "right" or "wrong"
    feedback = t.Unicode("").tag(sync=True)

    def __init__(self, question: Question, number: int, order: list[int] | None = None, key: str | None = None):
        self.question = question
        self.order = order or list(range(len(question.options)))
        super().__init__(number=number, prompt=f"{number}. {question.question}",
                         options=[question.options[i].text for i in self.order])
        self.observe(lambda _c: self.show(), names="checks")
        if key:
            self._keep(key)

    def _keep(self, key: str) -> None:
        """The learner's answer comes back on their next visit, checked if they had checked it. It is
        kept as the option itself, not its place, so a changed order never moves it."""
        kept = progress.saved(key)
        if isinstance(kept, dict) and kept.get("option") in self.order:
            self.choice = self.order.index(kept["option"])
            if kept.get("checked"):
                self.show()

        def keep(change) -> None:
            if 0 <= self.choice < len(self.order):
                progress.save(key, {"option": self.order[self.choice], "checked": change["name"] == "checks"})

        self.observe(keep, names=["choice", "checks"])

    @property
    def chosen(self) -> Option | None:
        return self.question.options[self.order[self.choice]] if 0 <= self.choice < len(self.order) else None

    def show(self) -> None:
        option = self.chosen
        if option is None:
            self.feedback = '<p>Choose an answer first.</p>'
            self.marks = []
            return
        verdict = "Correct." if option.correct else "Not quite."
        mark = "right" if option.correct else "wrong"
        self.marks = [mark if i == self.choice else "" for i in range(len(self.order))]
        self.feedback = f"<p><strong>{verdict}</strong> {html.escape(option.why)}</p>"

    @property
    def widget(self) -> w.Widget:
        return self


class Quiz:
    def __init__(self, topic: str, learner: str | None = None):
        quizzes = load_quizzes()
        if topic not in quizzes:
            raise KeyError(f"No quiz '{topic}'; quizzes: {', '.join(quizzes)}")
        orders = quiz_orders(learner or learner_id())
        keep = progress.keeping()
        self.questions = [QuestionWidget(q, i, orders[(topic, i - 1)], key=f"quiz.{topic}.{i - 1}" if keep else None)
                          for i, q in enumerate(quizzes[topic], 1)]

    def _repr_mimebundle_(self, **kwargs):
        return reopen.shown(lambda **kw: w.VBox(self.questions, **kw))._repr_mimebundle_(**kwargs)


def quiz(topic: str) -> Quiz:
    """Show the check-your-understanding questions of one module: ``quiz("what-an-irt-is")``."""
    return Quiz(topic)
