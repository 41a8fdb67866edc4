"""Content defects found by trying the app as a new user (issue 11, items 23-25 and 28):
what a session's dosage does, and what a person writing YAML reads when a file is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from guide_app.core.loader import bundled_root, load_library
from guide_app.core.plan import Side, StepKind, expand
from tests.helpers.content import block, exercise, library, session

L, R = Side.LEFT, Side.RIGHT
CLAMSHELL = (bundled_root() / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")
PYDANTIC_WORDS = (
    "pattern",
    "^[a-z",
    "tuple",
    "after validation",
    "Input should",
    "valid string",
    "valid integer",
    "valid dictionary",
    "String should",
)


# --------------------------------------------------------------------------- item 23


def test_a_session_tempo_replaces_the_exercises_self_pace() -> None:
    ex = exercise("clam", sides="both", sets=1, reps=1, pace="self")
    plan = expand(session(block("clam", tempo={"out": 2, "back": 3})), library(ex))
    reps = [(s.kind, s.phase, s.duration) for s in plan.steps if s.rep]
    assert reps == [(StepKind.PHASE, "out", 2), (StepKind.PHASE, "back", 3)]


def test_a_per_side_tempo_replaces_a_self_pace_on_that_side_only() -> None:
    ex = exercise("clam", sets=1, reps=1, pace="self")
    sess = session(block("clam", per_side={"left": {"tempo": "out 2, back 2"}}))
    plan = expand(sess, library(ex), affected="left")
    assert [(s.side, s.kind) for s in plan.steps if s.rep] == [
        (L, StepKind.PHASE),
        (L, StepKind.PHASE),
        (R, StepKind.REP),
    ]


def test_a_session_pace_still_wins_when_it_names_one() -> None:
    ex = exercise("clam", sides="both", sets=1, reps=1, tempo={"out": 2})
    plan = expand(session(block("clam", pace="self")), library(ex))
    assert [s.kind for s in plan.steps if s.rep] == [StepKind.REP]


def _folder(tmp_path: Path, **files: str) -> Path:
    pictures = tmp_path / "assets" / "pictures"
    pictures.mkdir(parents=True)
    for name in ("clamshell-start.svg", "clamshell-end.svg"):
        (pictures / name).write_text("<svg/>", encoding="utf-8")
    for name, text in files.items():
        kind = "sessions" if "kind: session" in text else "exercises"
        (tmp_path / kind).mkdir(exist_ok=True)
        (tmp_path / kind / f"{name.replace('_', '-')}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _messages(folder: Path) -> list[str]:
    library = load_library([folder])
    return [str(p).removeprefix(f"{p.path}:") for p in library.problems]


def test_an_exercise_dosage_whose_tempo_cannot_apply_is_a_problem(tmp_path: Path) -> None:
    text = CLAMSHELL.replace("pace: self", "pace: self\n  tempo: {out: 2, back: 2}")
    folder = _folder(tmp_path, clamshell=text)
    assert _messages(folder) == [
        "39: dosage.tempo: cannot apply: pace is self (one key press per rep); "
        "remove tempo, or remove pace to run this tempo"
    ]


def test_a_session_field_that_cannot_apply_is_a_problem_but_the_session_runs(
    tmp_path: Path,
) -> None:
    both = (
        CLAMSHELL.replace("sides: one_at_a_time", "sides: both")
        .replace("id: clamshell", "id: squat")
        .replace("  side_rest: 10\n", "")
    )
    sess = (
        "version: 1\nkind: session\nid: s\ntitle: S\nblocks:\n"
        "  - circuit:\n      rounds: 2\n      exercises:\n"
        "        - exercise: squat\n          dosage: {first_side: left, side_rest: 5}\n"
        "  - exercise: clamshell\n    dosage: {pace: tempo, tempo: {out: 2}, hold: 5}\n"
    )
    folder = _folder(tmp_path, clamshell=CLAMSHELL, squat=both, s=sess)
    library = load_library([folder])
    assert "s" in library.sessions, "an ignored field does not stop the session"
    assert _messages(folder) == [
        "10: blocks[0].circuit.exercises[0].dosage.first_side: cannot apply: 'squat' works "
        "both sides together (sides: both); remove first_side",
        "10: blocks[0].circuit.exercises[0].dosage.side_rest: cannot apply: 'squat' works "
        "both sides together (sides: both); remove side_rest",
        "12: blocks[1].dosage.hold: cannot apply: tempo reps are timed by their phases; "
        "remove hold, or give the tempo a hold phase, e.g. {out: 2, hold: 5, back: 2}",
    ]


# --------------------------------------------------------------------------- item 24


def test_alternate_sets_rest_between_sets() -> None:
    ex = exercise(sets=2, reps=1, rest=45, side_rest=10, side_order="alternate_sets")
    plan = expand(session(block("drill")), library(ex), affected="left")
    between = [
        (s.kind.value, s.side, s.set, s.duration, s.say)
        for s in plan.steps
        if s.kind in (StepKind.REST, StepKind.SWITCH)
    ]
    assert between == [
        ("switch", R, 1, 10, "Switch to your right side. Set 1 of 2."),
        ("switch", L, 2, 45, "Rest 45 seconds. Switch to your left side. Set 2 of 2."),
        ("switch", R, 2, 10, "Switch to your right side. Set 2 of 2."),
    ]


def test_alternate_sets_switch_takes_at_least_the_side_rest() -> None:
    ex = exercise(sets=2, reps=1, rest=0, side_rest=10, side_order="alternate_sets")
    plan = expand(session(block("drill")), library(ex), affected="left")
    between = [s.duration for s in plan.steps if s.kind in (StepKind.REST, StepKind.SWITCH)]
    assert between == [10, 10, 10]


# --------------------------------------------------------------------------- item 25


BAD_FIELDS: list[tuple[str, str, str, str]] = [
    # (what, old text, new text, the message after "file:line: ")
    (
        "id not lower-case",
        "id: clamshell",
        "id: Clam_Shell",
        "3: id: 'Clam_Shell' is not a valid id: write lower-case words joined by hyphens, "
        "e.g. 'clam-shell'",
    ),
    (
        "a word where a list belongs",
        "equipment: [mat, loop band (optional)]",
        "equipment: mat",
        "9: equipment: must be a list, got 'mat': write [mat] or one item a line, "
        "each starting with '- '",
    ),
    (
        "a colon in a list item",
        "  - Pain that travels down the leg.",
        "  - Note: pain that travels down the leg.",
        "33: stop_signs[1]: the colon in 'Note: pain that travels down the leg.' makes YAML "
        "read a key and a value, not text: put the whole item in quotes, "
        'e.g. - "Note: pain that travels down the leg."',
    ),
    (
        "a colon in a cue",
        "  - Pause for a moment with the knee open.",
        "  - Pause: knee open.",
        "20: cues[3]: the colon in 'Pause: knee open.' makes YAML read a key and a value, "
        'not text: put the whole item in quotes, e.g. - "Pause: knee open."',
    ),
    (
        "a word where a number belongs",
        "sets: 1",
        "sets: three",
        "36: dosage.sets: must be a whole number, got 'three'",
    ),
    (
        "a choice written in words",
        "sides: one_at_a_time",
        "sides: one at a time",
        "34: sides: must be one of both, one_at_a_time, alternating, got 'one at a time' "
        "(did you mean 'one_at_a_time'?)",
    ),
    (
        "a tempo that is a number",
        "pace: self",
        "tempo: 3",
        "38: dosage.tempo: must be phases with seconds, e.g. {out: 2, back: 3} or "
        '"out 2, back 3", got 3',
    ),
    (
        "an empty list",
        CLAMSHELL[CLAMSHELL.index("cues:") : CLAMSHELL.index("tips:")],
        "cues: []\n",
        "16: cues: needs at least 1 item, got none",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [pytest.param(old, new, msg, id=what) for what, old, new, msg in BAD_FIELDS],
)
def test_errors_are_worded_for_people_who_write_yaml(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in CLAMSHELL
    text = CLAMSHELL.replace(old, new, 1)
    messages = _messages(_folder(tmp_path, clamshell=text))
    assert expected in messages, messages
    for message in messages:
        for word in PYDANTIC_WORDS:
            assert word not in message, message


def test_session_errors_are_worded_for_people_who_write_yaml(tmp_path: Path) -> None:
    sess = (
        "version: 1\nkind: session\nid: s\ntitle: S\nnotes: A note\nblocks:\n"
        "  - exercise: Clamshell\n"
        "  - circuit: {rounds: 2, exercises: []}\n"
        "  - exercise: clamshell\n"
        "    dosage: {tempo: {}, directions: [a, b, c, d, e], first_side: top}\n"
    )
    messages = _messages(_folder(tmp_path, clamshell=CLAMSHELL, s=sess))
    assert messages == [
        "5: notes: must be a list, got 'A note': write [A note] or one item a line, "
        "each starting with '- '",
        "7: blocks[0].exercise: 'Clamshell' is not a valid id: write lower-case words joined "
        "by hyphens, e.g. 'clamshell'",
        "8: blocks[1].circuit.exercises: needs at least 1 item, got none",
        "10: blocks[2].dosage.tempo: needs at least 1 item, got none",
        "10: blocks[2].dosage.directions: may have at most 4 items, got 5",
        "10: blocks[2].dosage.first_side: must be one of affected, unaffected, weaker, "
        "stronger, left, right, got 'top'",
    ]


# --------------------------------------------------------------------------- item 28


def test_a_file_with_many_problems_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mistakes = "".join(f"colour{k}: blue\n" for k in range(40))
    folder = _folder(tmp_path, clamshell=CLAMSHELL + mistakes)
    parses: list[str] = []
    for loader in {yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)}:
        original = loader.__init__

        def counting(self: Any, stream: Any, _original: Any = original) -> None:
            parses.append(type(self).__name__)
            _original(self, stream)

        monkeypatch.setattr(loader, "__init__", counting)
    problems = load_library([folder]).problems
    assert len(problems) == 40
    first = len(CLAMSHELL.splitlines()) + 1  # the mistakes follow the good file's lines
    assert [p.line for p in problems] == list(range(first, first + 40))
    assert len(parses) == 1, parses
