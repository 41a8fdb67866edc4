"""`guide-app plan SESSION --person NAME --json`: the plan of a person's next session,
with the progression they accepted: 3 x 15 before, 3 x 20 after accepting "reps: 20",
3 x 15 again once it is undone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guide_app.cli import main
from guide_app.core.adjustments import accept, offers, undo
from guide_app.core.history import Journal
from guide_app.paths import journal_path
from tests.helpers.progression import (
    TODAY,
    clock,
    journal_with_person,
    programme,
    two_good_sessions,
)

PROGRAMME = """\
version: 2
kind: programme
id: clam-programme
title: Clam programme
phases:
  - name: Early
    weeks: 0-3
    sessions: [clam-session]
    frequency: daily
    progression:
      - text: Hold the pelvis still.
      - text: Once 3x15 is easy, do 20.
        rule: {exercise: clamshell, sets: 3, reps: 15, sessions: 2, then: {reps: 20}}
      - text: Once 10 bridges are easy, add the band.
        rule: {exercise: glute-bridge, sets: 1, reps: 10, then: add the band}
  - name: Later
    weeks: 4-8
    sessions: [clam-session]
    frequency: daily
"""
SESSION = """\
version: 2
kind: session
id: clam-session
title: Clam session
blocks:
  - exercise: clamshell
    dosage: {sets: 3, reps: 15}
"""


@pytest.fixture
def folders(tmp_path: Path) -> Iterator[tuple[Path, Path, Journal]]:
    """A library with the programme (the rule as the tests' own) and its session, and a
    history folder with J.S., who has met the rule."""
    content = tmp_path / "library"
    (content / "programmes").mkdir(parents=True)
    (content / "sessions").mkdir()
    (content / "programmes" / "clam-programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    (content / "sessions" / "clam-session.yaml").write_text(SESSION, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    journal, _ = journal_with_person(journal_path(data), clock())
    two_good_sessions(journal)
    yield content, data, journal
    journal.close()


def plan_json(content: Path, data: Path, person: str, capsys: Any) -> dict[str, Any]:
    argv = ["--no-user-library", "--library", str(content), "plan", "clam-session"]
    assert main([*argv, "--person", person, "--data-dir", str(data), "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def sets_and_reps(plan: dict[str, Any]) -> set[tuple[str, int, int]]:
    """(side, sets, reps) of the clamshells: the highest set and rep numbered."""
    found: dict[str, tuple[int, int]] = {}
    for step in plan["steps"]:
        if step["kind"] == "rep" and step["exercise"] == "clamshell":
            sets, reps = found.get(step["side"], (0, 0))
            found[step["side"]] = (max(sets, step["set"]), max(reps, step["rep"]))
    return {(side, sets, reps) for side, (sets, reps) in found.items()}


def test_accepting_a_change_changes_the_persons_next_plan_and_undo_restores_it(
    folders: tuple[Path, Path, Journal], capsys: pytest.CaptureFixture[str]
) -> None:
    content, data, journal = folders
    person = journal.person_by_row(journal.person)
    before = plan_json(content, data, "J.S.", capsys)
    assert sets_and_reps(before) == {("left", 3, 15), ("right", 3, 15)}
    assert before["steps"][1]["side"] == "left"  # their affected side first

    (offer,) = offers(person, programme(), journal, [], TODAY)
    taken = accept(journal, person, offer)
    after = plan_json(content, data, "j.s.", capsys)
    assert sets_and_reps(after) == {("left", 3, 20), ("right", 3, 20)}
    assert sets_and_reps(plan_json(content, data, str(person.row), capsys)) == sets_and_reps(after)
    assert sets_and_reps(plan_json(content, data, "Me", capsys)) == {
        ("left", 3, 15),
        ("right", 3, 15),
    }  # the default person accepted nothing

    undo(journal, taken)
    again = plan_json(content, data, "J.S.", capsys)
    assert sets_and_reps(again) == {("left", 3, 15), ("right", 3, 15)}


def test_an_unknown_person_is_named_with_the_people_there(
    folders: tuple[Path, Path, Journal], capsys: pytest.CaptureFixture[str]
) -> None:
    content, data, _ = folders
    argv = ["--no-user-library", "--library", str(content), "plan", "clam-session"]
    assert main([*argv, "--person", "Nobody", "--data-dir", str(data)]) == 2
    err = capsys.readouterr().err
    assert "No person 'Nobody' here" in err and "2: J.S." in err and "1: Me" in err
    empty = data.parent / "empty"
    assert main([*argv, "--person", "J.S.", "--data-dir", str(empty)]) == 2
    assert "no history in" in capsys.readouterr().err
    assert not empty.exists()
