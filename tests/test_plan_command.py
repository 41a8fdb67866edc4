"""`guide-app plan`: the session script as text and as JSON."""

from __future__ import annotations

import argparse
import json
import types

import pytest

from guide_app.cli import build_parser
from guide_app.cli import plan as plan_command
from guide_app.core.model import Exercise, Session
from guide_app.core.plan import expand
from tests.helpers.content import block, bundled_library, exercise, library, note, session

KINDS = {"ready", "rep", "phase", "hold", "rest", "switch", "measure", "note", "work", "end"}
KEYS = {
    "start",
    "duration",
    "up_to",
    "kind",
    "exercise",
    "side",
    "set",
    "rep",
    "load",
    "effort",
    "say",
}


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["--no-user-library", "plan", *argv])


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library with one small session, in place of the bundled one."""
    lib = library(
        exercise("clam", sets=2, reps="3-4", rest=20, side_rest=10, tempo={"out": 1.5, "back": 2}),
        exercise("bridge", sides="both", sets=1, reps=2),
    )
    sess = session(note("Hello."), block("clam"), block("bridge"), session_id="small")
    fake = types.SimpleNamespace(exercises=lib, sessions={"small": sess}, problems=[])
    monkeypatch.setattr(plan_command, "load", lambda args: fake)


def test_text_is_a_script_with_times_sides_sets_reps_and_words(
    small: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plan_command.run(parse("small", "--affected-side", "right")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Session script: Test (small)"
    assert out[1] == "Affected side: right. Weaker side: not given."
    header = out[3].split()
    assert header == ["start", "length", "step", "exercise", "side", "set", "rep", "says"]
    assert out[4].split()[:3] == ["00:00", "until", "key"] and out[4].endswith('"Hello."')
    ready = out[5]
    assert ready.split()[:6] == ["00:10", "5", "s", "ready", "Clam", "right"]
    assert '"Clam. Right side. Set 1 of 2. Set up."' in ready
    first_phase = out[6].split()
    assert first_phase[:5] == ["00:15", "1.5", "s", "phase:", "out"]
    assert "1/4" in out[6] and "(3-4)" in out[6]
    assert out[7].split()[:3] == ["00:16.5", "2", "s"]
    assert any(
        "switch" in line and '"Switch to your left side. Set 1 of 2."' in line for line in out
    )
    assert out[-1].startswith("Total: ")
    assert "self-paced reps timed at 3 s" in out[-1]


def test_json_has_exactly_the_documented_shape(
    small: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plan_command.run(parse("small", "--json", "--affected-side", "left")) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"session", "total_seconds", "steps"}
    assert data["session"] == "small"
    steps = data["steps"]
    assert all(set(s) == KEYS for s in steps)
    assert steps[0] == {
        "start": 0,
        "duration": None,
        "up_to": None,
        "kind": "note",
        "exercise": None,
        "side": None,
        "set": None,
        "rep": None,
        "load": None,
        "effort": None,
        "say": "Hello.",
    }
    assert steps[1]["kind"] == "ready" and steps[1]["side"] == "left" and steps[1]["duration"] == 5
    assert steps[2] == {
        "start": 15,
        "duration": 1.5,
        "up_to": None,
        "kind": "phase",
        "exercise": "clam",
        "side": "left",
        "set": 1,
        "rep": 1,
        "load": None,
        "effort": None,
        "say": "out",
    }
    assert steps[-1]["kind"] == "end" and steps[-1]["say"] == "Well done"
    assert data["total_seconds"] == steps[-1]["start"]


def test_an_unknown_session_is_an_error(small: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert plan_command.run(parse("nope")) == 2
    assert "no session or exercise 'nope'" in capsys.readouterr().err


def test_clock_time() -> None:
    assert plan_command.clock_time(0) == "00:00"
    assert plan_command.clock_time(75) == "01:15"
    assert plan_command.clock_time(75.5) == "01:15.5"
    assert plan_command.clock_time(3725) == "62:05"


# --------------------------------------------------------------------------- bundled


def test_every_bundled_session_prints_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    lib = bundled_library()
    assert lib.sessions
    for session_id, sess in lib.sessions.items():
        assert plan_command.run(parse(session_id, "--affected-side", "left")) == 0, session_id
        out = capsys.readouterr().out.splitlines()
        plan = expand(sess, lib.exercises, affected="left")
        assert out[0] == f"Session script: {plan.title} ({session_id})"
        assert out[2 : 2 + len(plan.warnings)] == [f"Warning: {w}" for w in plan.warnings]
        body = out[4 + len(plan.warnings) : -2]
        assert len(body) == len(plan.steps), session_id
        assert [line[:5] for line in body] == [
            plan_command.clock_time(t)[:5] for t in plan.start_times()
        ]
        assert body[-1].split()[1:4] == ["0", "s", "end"]
        assert out[-1].startswith(f"Total: {plan_command.clock_time(plan.total_seconds())} ")


def test_every_bundled_session_prints_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    lib = bundled_library()
    assert lib.sessions
    for session_id, sess in lib.sessions.items():
        assert plan_command.run(parse(session_id, "--json", "--weaker-side", "right")) == 0
        data = json.loads(capsys.readouterr().out)
        plan = expand(sess, lib.exercises, weaker="right")
        assert data["session"] == session_id
        assert data["total_seconds"] == pytest.approx(plan.total_seconds())
        assert len(data["steps"]) == len(plan.steps)
        starts = [s["start"] for s in data["steps"]]
        assert starts == sorted(starts) and starts[0] == 0
        for s in data["steps"]:
            assert set(s) == KEYS and s["kind"] in KINDS
            assert s["side"] in (None, "left", "right", "both")
            assert s["duration"] is None or s["duration"] >= 0
            assert s["exercise"] is None or s["exercise"] in lib.exercises
        assert data["steps"][-1]["kind"] == "end"


# --------------------------------------------------------------------------- issue 11


def test_plan_takes_an_exercise_id_as_run_does(capsys: pytest.CaptureFixture[str]) -> None:
    """Item 26: ``plan clamshell`` prints what ``run clamshell`` would run."""
    assert plan_command.run(parse("clamshell", "--affected-side", "left")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Session script: Clamshell (exercise-clamshell)"
    assert any(line.split()[3:6] == ["ready", "Clamshell", "left"] for line in out), out


def test_a_session_tempo_runs_on_a_self_paced_exercise(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 23: the block's tempo replaces the exercise's ``pace: self``."""
    lib = library(exercise("clam", sides="both", sets=1, reps=2, pace="self"))
    sess = session(block("clam", tempo={"out": 2, "back": 3}), session_id="tempo")
    fake = types.SimpleNamespace(
        exercises=lib, sessions={"tempo": sess}, problems=[], replacements=[], notices=[]
    )
    monkeypatch.setattr(plan_command, "load", lambda args: fake)
    assert plan_command.run(parse("tempo", "--json")) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    assert [(s["kind"], s["duration"], s["say"]) for s in steps if s["rep"]] == [
        ("phase", 2, "out"),
        ("phase", 3, "back"),
        ("phase", 2, "out"),
        ("phase", 3, "back"),
    ]


# --------------------------------------------------------------------------- issue 13


def version_2(
    monkeypatch: pytest.MonkeyPatch, *blocks: dict[str, object], **dosage: object
) -> None:
    """A library of one version-2 exercise and one session ``v2`` of these blocks."""
    ex = Exercise.model_validate(
        {
            **exercise("drill").model_dump(mode="json", exclude_none=True),
            "version": 2,
            "limb": "leg",
            "dosage": {"sets": 1, "reps": 2, **dosage},
        }
    )
    sess = Session.model_validate(
        {"version": 2, "kind": "session", "id": "v2", "title": "V2", "blocks": list(blocks)}
    )
    fake = types.SimpleNamespace(
        exercises={"drill": ex}, sessions={"v2": sess}, problems=[], replacements=[], notices=[]
    )
    monkeypatch.setattr(plan_command, "load", lambda args: fake)


def test_week_picks_the_row_of_a_week_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    table = {1: {"reps": 2}, 2: {"reps": 3}, "3-6": {"reps": 4}}
    version_2(monkeypatch, {"exercise": "drill", "by_week": table})
    reps = {}
    for week in ("1", "2", "5", "12"):
        assert (
            plan_command.run(parse("v2", "--json", "--affected-side", "left", "--week", week)) == 0
        )
        steps = json.loads(capsys.readouterr().out)["steps"]
        reps[week] = sum(1 for s in steps if s["kind"] == "rep" and s["side"] == "left")
    assert reps == {"1": 2, "2": 3, "5": 4, "12": 4}
    assert plan_command.run(parse("v2", "--affected-side", "left")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2].startswith("Warning: ") and "week 1 assumed" in out[2], out[:4]
    with pytest.raises(SystemExit):
        parse("v2", "--week", "0")


def test_ranges_load_and_effort_show_in_text_and_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    version_2(
        monkeypatch,
        {"exercise": "drill"},
        hold="30-45",
        side_rest="1-2 min",
        load="5 kg",
        effort="RPE 7",
    )
    assert plan_command.run(parse("v2", "--json", "--affected-side", "right")) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    hold = next(s for s in steps if s["kind"] == "hold")
    assert (hold["duration"], hold["up_to"], hold["say"]) == (30, 45, "Hold for 30 to 45 seconds")
    assert (hold["load"], hold["effort"]) == ("5 kg", "RPE 7")
    switch = next(s for s in steps if s["kind"] == "switch")
    assert (switch["duration"], switch["up_to"]) == (60, 120)
    assert switch["say"] == "Switch to your left leg"
    ready = steps[0]
    assert ready["say"] == "Drill. Right leg. 5 kilograms. Set up."
    assert plan_command.run(parse("v2", "--affected-side", "right")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[3].split() == [
        "start",
        "length",
        "step",
        "exercise",
        "side",
        "set",
        "rep",
        "load",
        "says",
    ]
    hold_line = next(line for line in out if " hold " in line)
    assert "30-45 s" in hold_line and "5 kg, RPE 7" in hold_line
    switch_line = next(line for line in out if " switch " in line)
    assert "1-2 min" in switch_line


def test_the_iliopsoas_test_decides_the_unaffected_sides_sets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    block = {
        "exercise": "drill",
        "dosage": {
            "sets": 3,
            "reps": 20,
            "per_side": {"unaffected": {"sets": 2, "when": {"weaker": "affected"}}},
            "first_side": "affected",
        },
    }
    version_2(monkeypatch, block)
    found = {}
    for weaker in ("left", "right"):
        args = parse("v2", "--json", "--affected-side", "left", "--weaker-side", weaker)
        assert plan_command.run(args) == 0
        steps = json.loads(capsys.readouterr().out)["steps"]
        found[weaker] = [
            sum(1 for s in steps if s["kind"] == "rep" and s["side"] == side)
            for side in ("left", "right")
        ]
    assert found == {"left": [60, 40], "right": [60, 60]}


# --------------------------------------------------------------------------- issue 13


@pytest.mark.parametrize(("weaker", "right_reps"), [("left", 40), ("right", 60)])
def test_the_iliopsoas_strength_test_decides_the_unaffected_sides_sets(
    capsys: pytest.CaptureFixture[str], weaker: str, right_reps: int
) -> None:
    """The seed: 3x20 on the affected side; 2x20 on the other only when the affected
    side tests weaker, else 3x20 on both."""
    args = parse(
        "iliopsoas-weeks-1-2", "--json", "--affected-side", "left", "--weaker-side", weaker
    )
    assert plan_command.run(args) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    reps = {
        side: sum(
            1
            for s in steps
            if s["exercise"] == "seated-hip-internal-rotation"
            and s["kind"] == "rep"
            and s["side"] == side
        )
        for side in ("left", "right")
    }
    assert reps == {"left": 60, "right": right_reps}
