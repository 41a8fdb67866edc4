"""The plan in brief beside the session editor: the same total and steps as
``guide-app plan``, what is said in order with its time, exercise and side; and a
session that cannot be planned gives the reason rather than an error."""

from __future__ import annotations

from typing import Any

from guide_app.core.loader import bundled_root, load_library
from guide_app.core.model import Session
from guide_app.core.plan import expand
from guide_app.core.plan_preview import clock, preview

LIBRARY = load_library([bundled_root()])


def session(*blocks: dict[str, Any]) -> Session:
    return Session.model_validate(
        {"version": 2, "kind": "session", "id": "s", "title": "S", "blocks": list(blocks)}
    )


def test_the_preview_has_the_plans_total_steps_and_every_line_said_in_order() -> None:
    iliopsoas = LIBRARY.sessions["iliopsoas-weeks-1-2"]
    shown = preview(iliopsoas, LIBRARY.exercises, affected="right", weaker="right")
    plan = expand(iliopsoas, LIBRARY.exercises, affected="right", weaker="right")
    assert shown.ok and shown.error is None
    assert shown.total_seconds == plan.total_seconds() and shown.steps == len(plan.steps)
    said = [step.say for step in plan.steps if step.say]
    assert [line.say for line in shown.lines] == said
    starts = [line.start for line in shown.lines]
    assert starts == sorted(starts) and starts[0] == 0
    first_exercise = next(line for line in shown.lines if line.name)
    assert first_exercise.side == "right", "the affected side goes first"
    assert first_exercise.name == "Seated Hip Internal Rotation with Strap"
    assert shown.warnings == (), "both sides given: nothing assumed"


def test_the_text_form_gives_the_total_then_each_line_with_its_time_and_whose_it_is() -> None:
    shown = preview(
        session({"note": "Warm up first."}, {"exercise": "clamshell", "dosage": {"sets": 1}}),
        LIBRARY.exercises,
        affected="left",
    )
    lines = shown.text().splitlines()
    assert lines[0] == f"Total {clock(shown.total_seconds)}, {shown.steps} steps"
    assert lines[1] == "00:00  Note: Warm up first."
    assert lines[2].startswith("00:10  Clamshell, left: Clamshell. Left side.")
    assert lines[-1].endswith("End: Well done")
    assert clock(75) == "01:15" and clock(3675) == "1:01:15"


def test_without_sides_the_preview_says_what_it_assumed() -> None:
    shown = preview(LIBRARY.sessions["iliopsoas-weeks-1-2"], LIBRARY.exercises)
    assert shown.ok
    assert any("No affected side was given" in w for w in shown.warnings)
    assert "Warning: No affected side was given" in shown.text()


def test_a_session_that_cannot_be_planned_gives_the_reason_not_an_error() -> None:
    unknown = preview(session({"exercise": "clamshel"}), LIBRARY.exercises)
    assert not unknown.ok and unknown.steps == 0 and unknown.lines == ()
    assert unknown.error == "exercise 'clamshel' is not in the library"
    assert unknown.heading() == "No plan yet: exercise 'clamshel' is not in the library"

    no_reps = preview(
        session({"exercise": "hip-flexor-stretch", "dosage": {"pace": "self"}}),
        LIBRARY.exercises,
        affected="left",
    )
    assert not no_reps.ok and no_reps.error is not None and "give reps" in no_reps.error
    assert no_reps.text().startswith("No plan yet: ")
