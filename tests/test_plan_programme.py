"""`guide-app plan PROGRAMME`: a programme as a clinician reads it, as text and as JSON."""

from __future__ import annotations

import argparse
import json
import types
from typing import Any

import pytest

from guide_app.cli import build_parser
from guide_app.cli import plan as plan_command
from guide_app.core.model import Programme, Session
from tests.helpers.content import block, exercise, library, measure, session

PROGRAMME: dict[str, Any] = {
    "version": 2,
    "kind": "programme",
    "id": "knee",
    "title": "Knee strength",
    "condition": "after knee surgery",
    "pain": {"during": 5, "next_morning": "baseline", "if_exceeded": "hold"},
    "phases": [
        {
            "name": "Early",
            "weeks": "0-2",
            "goal": "Get the knee moving.",
            "sessions": ["knee-a"],
            "frequency": {"times_a_day": 2, "days_a_week": 7},
            "progression": [
                {
                    "text": "When 3x15 is easy at 5 kg, add weight.",
                    "rule": {
                        "exercise": "squat",
                        "sets": 3,
                        "reps": 15,
                        "load": "5 kg",
                        "days": 3,
                        "max_pain": 3,
                        "then": {"add_load": "2.5 kg"},
                    },
                },
                {
                    "text": "Knee bend reaches 90 degrees.",
                    "rule": {
                        "measure": {"name": "Knee bend", "at_least": 90, "side": "affected"},
                        "then": {"phase": "next"},
                    },
                },
                {"text": "Keep the knee over the toes."},
            ],
        },
        {
            "name": "Late",
            "sessions": ["knee-b"],
            "frequency": "three times a week",
            "pain": {"during": 3, "if_exceeded": "stop"},
            "progression": [
                {
                    "text": "Move on to one leg.",
                    "rule": {
                        "exercise": "squat",
                        "sets": 3,
                        "reps": 12,
                        "then": {"exercise": "single-squat", "sets": 3, "reps": 8},
                    },
                }
            ],
        },
    ],
}


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["--no-user-library", "plan", *argv])


@pytest.fixture
def knee(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library with a two-phase programme, in place of the bundled one."""
    exercises = library(
        exercise("squat", sides="both", sets=3, reps=15, load="5 kg", rest=30),
        exercise("single-squat", sets=3, reps=8, rest=30),
    )
    a = session(block("squat"), measure("Knee bend"), session_id="knee-a")
    b_data = session(block("single-squat"), session_id="knee-b").model_dump(exclude_none=True)
    b = Session.model_validate(b_data | {"version": 2, "pain": {"during": 2}})
    fake = types.SimpleNamespace(
        exercises=exercises,
        sessions={"knee-a": a, "knee-b": b},
        programmes={"knee": Programme.model_validate(PROGRAMME)},
        problems=[],
    )
    monkeypatch.setattr(plan_command, "load", lambda args: fake)


def test_text_reads_as_a_clinician_writes_the_programme(
    knee: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert plan_command.run(parse("knee", "--affected-side", "left")) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Programme: Knee strength (knee)"
    assert "Condition: after knee surgery" in lines
    assert "Affected side: left. Weaker side: not given." in lines
    assert (
        "Pain: pain up to 5/10 during; back to baseline by the next morning; "
        "if exceeded: hold the progression"
    ) in lines
    early = lines.index("Phase 1: Early (weeks 0-2)")
    assert lines[early + 1 : early + 3] == [
        "  Goal: Get the knee moving.",
        "  How often: twice a day, 7 days a week",
    ]
    assert plan_command.run(parse("knee-a", "--json", "--affected-side", "left")) == 0
    total = json.loads(capsys.readouterr().out)["total_seconds"]  # as `plan SESSION` says
    assert f"    Test (knee-a): {total // 60:02d}:{total % 60:02d}" in lines
    assert lines.count(lines[3]) == 1  # the phase without pain limits of its own: not repeated
    assert (
        "      Rule: Squat: 3x15 at 5 kg or more on each side on 3 different days in a row, "
        "with pain at most 3/10"
    ) in lines
    assert "      Then: add 2.5 kg" in lines
    assert "      Rule: Knee bend at least 90 degrees on the affected side" in lines
    assert "      Then: go on to the next phase" in lines
    assert "    - Keep the knee over the toes." in lines
    late = lines.index("Phase 2: Late")
    assert lines[late + 1] == "  How often: three times a week"
    assert lines[late + 2] == (
        "  Pain: pain up to 3/10 during; if exceeded: stop and contact your clinician"
    )
    assert any(
        line.startswith("    Test (knee-b): ") and "its own pain limits" in line for line in lines
    )
    assert "      Then: 3 sets of 8, move on to Single squat" in lines


def test_json_has_the_documented_shape(knee: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert plan_command.run(parse("knee", "--json", "--affected-side", "right")) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "programme", "title", "summary", "condition", "source", "notes",
        "affected_side", "weaker_side", "week", "pain", "phases",
    }  # fmt: skip
    assert data["affected_side"] == "right"
    assert data["pain"]["during"] == 5 and data["pain"]["if_exceeded"] == "hold"
    early, late = data["phases"]
    assert set(early) == {"name", "weeks", "goal", "frequency", "pain", "sessions", "progression"}
    assert early["weeks"] == {"first": 0, "last": 2}
    assert early["frequency"] == {
        "words": "twice a day, 7 days a week",
        "text": None,
        "times_a_day": {"low": 2, "high": 2},
        "days_a_week": {"low": 7, "high": 7},
        "weekdays": None,
        "every_days": None,
        "every_hours": None,
    }
    assert early["pain"]["during"] == 5  # the programme's, as the phase gives none
    assert late["pain"]["during"] == 3
    (sess,) = early["sessions"]
    assert set(sess) == {"session", "title", "total_seconds", "warnings", "pain", "problem"}
    assert sess["session"] == "knee-a" and sess["total_seconds"] > 0 and sess["problem"] is None
    assert late["sessions"][0]["pain"]["during"] == 2
    rule = early["progression"][0]["rule"]
    assert rule["days"] == 3 and rule["sessions"] is None and rule["load"] == "5 kg"
    assert rule["then"]["words"] == "add 2.5 kg"
    assert rule["then"]["change"]["add_load"] == "2.5 kg"
    assert set(rule["then"]["change"]) == {
        "sets", "reps", "hold", "load", "add_load", "band", "exercise", "phase", "say",
    }  # fmt: skip
    measured = early["progression"][1]["rule"]
    assert measured["exercise"] is None
    assert measured["measure"] == {
        "name": "Knee bend",
        "at_least": 90,
        "at_most": None,
        "side": "affected",
    }
    assert early["progression"][2] == {"text": "Keep the knee over the toes.", "rule": None}
    assert late["progression"][0]["rule"]["then"]["change"]["reps"] == {"low": 8, "high": 8}


def test_the_text_and_the_json_say_the_same(knee: None, capsys: pytest.CaptureFixture[str]) -> None:
    plan_command.run(parse("knee", "--json"))
    data = json.loads(capsys.readouterr().out)
    plan_command.run(parse("knee"))
    text = capsys.readouterr().out
    for phase in data["phases"]:
        assert phase["frequency"]["words"] in text
        for progression in phase["progression"]:
            if progression["rule"]:
                assert progression["rule"]["condition"] in text
                assert progression["rule"]["then"]["words"] in text


def test_a_bundled_programme_plans_every_session(capsys: pytest.CaptureFixture[str]) -> None:
    assert plan_command.run(parse("iliopsoas-rehab", "--affected-side", "left", "--json")) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["programme"] == "iliopsoas-rehab"
    sessions = [s for p in data["phases"] for s in p["sessions"]]
    assert sessions and all(s["total_seconds"] > 0 for s in sessions)


def test_a_programme_sharing_its_id_with_a_session(capsys: pytest.CaptureFixture[str]) -> None:
    # "hip-external-rotation" names a session and a programme: the session, as before
    assert plan_command.run(parse("hip-external-rotation")) == 0
    assert capsys.readouterr().out.startswith("Session script: ")
    assert plan_command.run(parse("programme:hip-external-rotation")) == 0
    out = capsys.readouterr().out
    assert out.startswith("Programme: Hip external rotation strength (hip-external-rotation)")
    assert "      Then: add a light loop band around the thighs" in out.splitlines()
    assert plan_command.run(parse("programme:nothing")) == 2
    assert "no programme 'nothing'" in capsys.readouterr().err
