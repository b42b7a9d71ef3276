"""The simulator panel: every control labelled, and moving a control changes the answer."""

from __future__ import annotations

import re

import pytest

from irt_sim.widgets import SimulatorPanel


def test_every_control_has_a_visible_label():
    panel = SimulatorPanel(replicates=2)
    for control in [*panel.sliders.values(), panel.population, panel.size]:
        assert control.description and len(control.description) > 8


def test_moving_a_slider_changes_the_charts_and_the_sentence():
    panel = SimulatorPanel(replicates=2)
    before_status, before_charts = panel.status.value, panel.charts.value
    panel.sliders["connect_referral"].value = 0.05
    assert panel.status.value != before_status and panel.charts.value != before_charts
    low = panel.result.summary(["placed_share"]).set_index("pathway")["mean"]["referral"]
    panel.sliders["connect_referral"].value = 0.9
    high = panel.result.summary(["placed_share"]).set_index("pathway")["mean"]["referral"]
    assert high > low


def test_results_are_announced_and_charts_carry_alt_text():
    panel = SimulatorPanel(replicates=2)
    assert 'role="status"' in panel.status.value and "placed" in panel.status.value
    assert len(re.findall(r'role="img" aria-label="[^"]{40,}"', panel.charts.value)) == 2  # named SVG charts


def test_changing_the_population_and_size_reruns():
    panel = SimulatorPanel(replicates=2)
    panel.population.value = "homelessness"
    panel.size.value = 500
    assert "500 invented customers, all in one group: experiencing homelessness" in panel.charts.value


def test_slider_labels_are_short_enough_to_show_whole_and_explained_in_full():
    panel = SimulatorPanel(replicates=2)
    for slider in panel.sliders.values():
        assert len(slider.description) <= 34, slider.description  # fits its 17em label without cutting
        assert slider.description in panel.legend.value and slider.tooltip in panel.legend.value


def test_team_builder_shows_coverage_releases_and_eligibility(book):
    from irt_sim.widgets import TeamBuilder

    tb = TeamBuilder(book=book)
    tb.customer.value = "lena-marsh"
    assert "No partner yet" in tb.report.value and "No partner chosen yet" in tb.report.value
    for pid in ("state-vr", "northgate-behavioral"):
        tb.boxes[pid].value = True
    r = tb.update()
    assert len(r.systems_eligible) == 2 and "an IRT can start" in tb.report.value
    assert "transportation" not in [b.barrier.value for b in r.uncovered]  # VR's transport help covers it
    tb.boxes["valley-legal-aid"].value = True  # Lena signed no release for legal aid
    legal_aid = book.programs["valley-legal-aid"].name
    assert f"No signed release yet for: {legal_aid}" in tb.report.value
    assert "Eligibility not settled with" in tb.report.value
    tb.customer.value = "dario-quill"  # a new customer starts with an empty table
    assert tb.chosen() == [] and "Dario" in tb.story.value


def test_every_team_builder_control_is_labelled(book):
    from irt_sim.widgets import TeamBuilder

    tb = TeamBuilder(book=book)
    assert tb.customer.description and all(box.description for box in tb.boxes.values())


def test_quiz_feedback_explains_why_and_marks_the_choice_in_words():
    from irt_sim.widgets.quizzes import Quiz, load_quizzes

    quiz = Quiz("what-an-irt-is", learner="ana")
    q = quiz.questions[0]
    q.show()
    assert "Choose an answer first" in q.feedback
    wrong = next(i for i, o in enumerate(q.order) if not q.question.options[o].correct)
    q.choice = wrong
    q.checks += 1  # the check button, as the page presses it
    assert "Not quite." in q.feedback and q.question.options[q.order[wrong]].why[:30] in q.feedback
    assert q.marks[wrong] == "wrong" and q.marks.count("") == len(q.options) - 1
    right = next(i for i, o in enumerate(q.order) if q.question.options[o].correct)
    q.choice = right
    q.checks += 1
    assert "Correct." in q.feedback and q.marks[right] == "right"
    assert q.prompt.startswith("1. ") and q.question.question in q.prompt  # the group's name is its question
    for topic, questions in load_quizzes().items():
        for question in questions:
            assert all(o.why for o in question.options), topic


def test_quiz_options_come_in_a_learners_own_stable_order_with_no_pattern_to_learn():
    """For any learner, the right answer sits in each place about as often as in any other (never
    more than 40% of the questions), the order is the same each time that learner opens a module,
    and two learners see different orders."""
    from irt_sim.widgets.quizzes import Quiz, load_quizzes, quiz_orders

    questions = {(topic, i): q for topic, qs in load_quizzes().items() for i, q in enumerate(qs)}
    for learner in ["ana", "bo", "cheng", "dede", "learner-17", "jovyan"]:
        orders = quiz_orders(learner)
        places = [orders[k].index(next(j for j, o in enumerate(q.options) if o.correct)) for k, q in questions.items()]
        assert max(places.count(p) for p in set(places)) <= 0.4 * len(places), (learner, places)
        assert quiz_orders(learner) == orders
        shown = Quiz("arc-versus-referral", learner=learner).questions[0]
        assert shown.options == [questions[("arc-versus-referral", 0)].options[i].text for i in shown.order]
    assert quiz_orders("ana") != quiz_orders("bo")


def test_the_quiz_data_teaches_no_position_or_length_pattern():
    """In the file itself (what a facilitator prints): no place holds more than 40% of the right
    answers, and the right answer is the longest option in at most half the questions."""
    from irt_sim.widgets.quizzes import load_quizzes

    questions = [q for qs in load_quizzes().values() for q in qs]
    places = [next(i for i, o in enumerate(q.options) if o.correct) for q in questions]
    assert max(places.count(p) for p in set(places)) <= 0.4 * len(questions), places
    longest = [q for q in questions if max(q.options, key=lambda o: len(o.text)).correct
               and sorted(len(o.text) for o in q.options)[-1] > sorted(len(o.text) for o in q.options)[-2]]
    assert len(longest) <= 0.5 * len(questions), [q.question for q in longest]


def test_plan_builder_shows_findings_live_as_the_learner_edits(book):
    from irt_sim.widgets import PlanBuilder

    pb = PlanBuilder(book=book, plan_id="lena-marsh-vet-tech")
    assert pb.last_findings == [] and "No findings" in pb.findings.value
    pb.wage.value = 9.0
    assert [f.code for f in pb.last_findings] == ["IRT011"] and "IRT011" in pb.findings.value
    pb.wage.value = 18.0
    pb.contact.value = ""
    assert {f.code for f in pb.last_findings} == {"IRT020"}
    pb.clear_plan()
    codes = {f.code for f in pb.last_findings}
    assert {"IRT010", "IRT031"} <= codes and pb.job.value == "" and "No services agreed yet" in pb.commitments_view.value


def test_plan_builder_says_beside_each_part_what_the_checker_finds_in_it(book):
    """The finding shows under the fields that caused it, not a screen below; the other parts stay
    as they were, so a screen reader hears only the part that changed."""
    from irt_sim.widgets import PlanBuilder

    pb = PlanBuilder(book=book, plan_id="lena-marsh-vet-tech")
    communication = pb.beside["communication"].value
    pb.wage.value = 9.0
    assert "IRT011" in pb.beside["goal"].value and 'aria-live="polite"' in pb.beside["goal"].value
    assert pb.beside["communication"].value == communication and "No findings for this part" in communication
    pb.contact.value = ""
    assert "IRT020" in pb.beside["communication"].value and "IRT020" not in pb.beside["goal"].value
    assert "choose them under Point of contact" in pb.beside["communication"].value  # the builder's field, not a file's
    pb.clear_plan()
    assert "›" not in pb.findings.value and "point_of_contact" not in pb.findings.value
    controls = pb.controls()
    assert controls.index(pb.beside["goal"]) == controls.index(pb.cie) + 1  # right under the goal's fields


def test_plan_builder_adds_and_removes_commitments(book):
    from irt_sim.widgets import PlanBuilder

    pb = PlanBuilder(book=book, plan_id="lena-marsh-vet-tech")
    pb.clear_plan()
    assert "add" not in pb.add_commitment() and "Choose a phase name" in pb.findings.value
    pb.phase.value = "Getting ready"
    pb.stage.value = "preparation"
    pb.partner.value = "ines"  # the VR counsellor
    assert ("Gas cards or bus passes while in training or starting a job", "transportation-assistance") in pb.service.options
    pb.service.value = "transportation-assistance"
    assert pb.add_commitment() == "added"
    assert "Getting ready" in pb.commitments_view.value
    assert "IRT034" in {f.code for f in pb.last_findings}  # no milestone given
    transport = [f for f in pb.last_findings if f.code == "IRT031" and f.item == "transportation"]
    assert not transport  # the barrier now has a partner
    pb.remove_which.value = pb.remove_which.options[0][1]
    pb.remove.click()
    assert "No services agreed yet" in pb.commitments_view.value


def test_plan_builder_controls_are_labelled(book):
    from irt_sim.widgets import PlanBuilder

    pb = PlanBuilder(book=book)
    for control in (pb.start, pb.job, pb.wage, pb.hours, pb.cie, pb.contact, pb.method, pb.frequency, pb.shared,
                    pb.consent, pb.phase, pb.stage, pb.partner, pb.service, pb.milestone, pb.remove_which):
        assert control.description, control


def test_silo_view_draws_both_pictures_with_text_alternatives(book):
    from irt_sim.widgets import SiloView

    view = SiloView(book=book)
    view.customer.value = "lena-marsh"
    silos = view.update()
    assert "no system is joined to another" in silos.alt_text and 'alt="Network drawing.' in view.chart.value
    view.mode.value = True
    assert "through the team" in view.update().alt_text


def test_goal_check_says_which_systems_count_the_goal(book):
    from irt_sim.widgets import GoalCheck

    gc = GoalCheck(book=book)
    gc.customer.value = "tasha-bellweather"
    assert all(not gaps for _, gaps in gc.update())  # her proposed goal counts everywhere
    gc.hours.value = 15  # TANF's 20 hours are a participation requirement, not a rule about the job
    tanf = [gaps for name, gaps in gc.update() if "TANF" in name][0]
    assert not tanf and "Does not count yet" not in gc.result.value
    assert "they do not decide which job counts" in gc.result.value  # the program's own summary says why
    gc.customer.value = "lena-marsh"
    gc.wage.value = 12  # below the local minimum wage VR counts
    vr = [gaps for name, gaps in gc.update() if "Vocational Rehabilitation" in name]
    assert vr and vr[0] and "$13.50" in vr[0][0] and "Does not count yet" in gc.result.value


def test_documents_view_previews_every_document_of_a_plan(book):
    from irt_sim.widgets import DocumentsView

    dv = DocumentsView(book=book)
    dv.plan.value = "lena-marsh-vet-tech"
    titles = [t for t, _ in dv.which.options]
    assert titles[0].startswith("IRT meeting agenda") and any(t.startswith("Case note for") for t in titles)
    assert "<main>" not in dv.update() and "<h3>" in dv.view.value


def test_fidelity_view_follows_the_threshold(book):
    from irt_sim.widgets import FidelityView

    fv = FidelityView(book=book)
    fv.agency.value = "riverside-counseling-ips"
    assert "does not yet reach" in fv.view.value
    fv.threshold.value = 80
    assert "it reaches good fidelity (set at 80)" in fv.view.value and "Action step" in fv.view.value


def test_fidelity_view_speaks_in_words_not_codes(book):
    """No snake_case values, no pandas index, dates as people write them."""
    from irt_sim.widgets import FidelityView

    shown = FidelityView(book=book).view.value
    assert "partly_confirmed" not in shown and "unverified</td>" not in shown and "dataframe" not in shown
    assert "the published scale, in part" in shown and "an assumption" in shown
    assert re.search(r"<td>[A-Z][a-z]{2} \d{1,2}, 20\d\d</td>", shown) and not re.search(r"\d{4}-\d\d-\d\d", shown)


def test_the_simulator_sliders_are_native_labelled_range_inputs():
    from irt_sim.widgets.slider import LabelledSlider

    panel = SimulatorPanel(replicates=2)
    for slider in panel.sliders.values():
        assert isinstance(slider, LabelledSlider)  # the browser tests check what a screen reader hears


def test_a_labelled_slider_keeps_its_value_in_range_and_needs_a_name():
    from irt_sim.widgets.slider import LabelledSlider

    s = LabelledSlider(value=0.5, description="Share engaged")
    seen = []
    s.observe(lambda change: seen.append(change["new"]), names="value")
    s.value = 1.7
    s.value = -0.2
    assert seen == [1.0, 0.0]
    with pytest.raises(ValueError, match="screen reader"):
        LabelledSlider(value=0.5)


def test_the_outcomes_view_shows_a_described_chart_for_every_choice():
    from irt_sim.widgets import OutcomesView

    view = OutcomesView()
    seen = set()
    for label, value in view.show.options:
        view.show.value = value
        assert re.search(r'alt="(Bar|Line) chart\. [^"]{40,}"', view.chart.value), label
        seen.add(view.chart.value)
    assert len(seen) == len(view.show.options)  # each choice shows its own chart


def test_the_goal_check_says_counts_only_for_a_system_that_counts_employment(book):
    """A program with no employment outcome of its own (housing, health care) is not said to
    "count" a goal: the row says it supports the goal without counting it."""
    from irt_sim.widgets import GoalCheck

    gc = GoalCheck(book=book)
    for cid in book.customers:
        gc.customer.value = cid
        rows = gc.result.value.split("<tr>")[2:]
        for program in (book.program(p) for p, st in book.customers[cid].eligibility.items() if st.counts):
            if program is None:
                continue
            row = next(r for r in rows if r.startswith(f"<td>{__import__('html').escape(program.name)}</td>"))
            if program.outcome is None:
                assert "Counts" not in row and "Nothing to count" in row, row



def test_the_team_builder_lists_partners_grouped_sorted_and_claims_nothing_before_a_choice(book):
    from irt_sim.widgets import TeamBuilder

    tb = TeamBuilder(book=book)
    headings = [g.children[0].value for g in tb.groups]
    assert len(headings) == len(set(headings)) >= 3
    for group in tb.groups:
        names = [box.description for box in group.children[1:]]
        assert names == sorted(names) and all("((" not in n and "))" not in n for n in names)
    assert sum(len(g.children) - 1 for g in tb.groups) == len(book.programs)
    assert "No partner is at the table yet" in tb.report.value and "signed release" not in tb.report.value
    first = next(iter(tb.boxes.values()))
    first.value = True
    assert "No partner is at the table yet" not in tb.report.value
