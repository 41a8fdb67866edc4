"""The history window's programme tab on version-2 programmes: how often as numbers, pain
limits, rules on load and on a measurement, and a ``then`` that is a change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from guide_app.core.clock import FakeClock
from guide_app.core.history import Journal, Measurement, SetRecord
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.model import Programme
from guide_app.core.progress import rule_met
from guide_app.ui.history_window import HistoryWindow

BUNDLED = load_library([bundled_root()])
DAY_ONE = datetime(2025, 3, 3, 9, 0)
PROGRAMME = Programme.model_validate(
    {
        "version": 2,
        "kind": "programme",
        "id": "clams",
        "title": "Clams",
        "pain": {"during": 4, "next_morning": "baseline"},
        "phases": [
            {
                "name": "Loaded",
                "sessions": ["hip-external-rotation"],
                "frequency": {"times_a_day": 2, "days_a_week": 7},
                "progression": [
                    {
                        "text": "3x15 at 2 kg on 3 days: add weight.",
                        "rule": {
                            "exercise": "clamshell",
                            "sets": 3,
                            "reps": 15,
                            "load": "2 kg",
                            "days": 3,
                            "then": {"add_load": "1 kg"},
                        },
                    },
                    {
                        "text": "Rotation reaches 40 degrees.",
                        "rule": {
                            "measure": {"name": "Hip rotation", "at_least": 40},
                            "then": {"exercise": "fire-hydrant", "phase": "next"},
                        },
                    },
                ],
            },
            {"name": "Next", "sessions": ["hip-external-rotation"], "frequency": "daily"},
        ],
    }
)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal(tmp_path / "history.sqlite3") as opened:
        for day, load in enumerate(("2 kg", "2 kg", "1 kg")):
            start = (DAY_ONE + timedelta(days=day)).timestamp()
            row = opened.begin_session("s", "S", programme_id="clams", started_at=start)
            for side in ("left", "right"):
                for n in (1, 2, 3):
                    record = SetRecord("clamshell", side, n, 15, 15, load=load, at=start + n)  # type: ignore[arg-type]
                    opened.record_set(row, record)
                value = 42.0 if side == "left" else 35.0
                opened.record_measurement(row, Measurement("Hip rotation", side, value, "degrees"))  # type: ignore[arg-type]
            opened.end_session(row, at=start + 600)
        yield opened


def test_the_rules_panel_says_frequency_pain_load_measurement_and_change(
    qtbot,
    journal: Journal,  # type: ignore[no-untyped-def]
) -> None:
    library = Library(
        exercises=BUNDLED.exercises, sessions=BUNDLED.sessions, programmes={"clams": PROGRAMME}
    )
    today = date(2025, 3, 6)
    clock = FakeClock(wall_start=datetime.combine(today, datetime.min.time()).timestamp())
    win = HistoryWindow(journal, library, clock=clock)
    qtbot.addWidget(win)
    assert "How often: twice a day, 7 days a week." in win.phase_goal.text()
    assert (
        "Pain: pain up to 4/10 during; back to baseline by the next morning; "
        "if exceeded: hold the progression." in win.phase_goal.text()
    )
    rules = [p.rule for p in PROGRAMME.phases[0].progression if p.rule is not None]
    details = journal.session_details()
    expected = [rule_met(journal.session_logs(), r, measured=details).explanation for r in rules]
    assert [label.text() for label in win.rule_labels] == expected
    assert expected[0].startswith("Not yet: 3x15 at 2 kg or more on each side on 0 days")
    assert "(3 more at a lighter load)" in expected[0]
    assert expected[1].startswith("Not yet: Hip rotation at least 40 degrees on each side")
    texts = [label.text() for label in win.rules_box.findChildren(QLabel)]
    assert "Then: add 1 kg" in texts
    assert "Then: move on to Fire Hydrant, go on to the next phase" in texts
    assert "Not yet: Hip rotation" in texts  # a rule on a measurement is named by it
