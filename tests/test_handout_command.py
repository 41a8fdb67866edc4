"""``guide-app handout``: the patient's handout from the command line, for a person found
by name in the journal, as a PDF or as text; and errors that say what to fix."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from guide_app.cli import build_parser
from guide_app.cli import handout as handout_command
from guide_app.core.clock import FakeClock, today
from guide_app.core.history import Journal
from guide_app.core.people import Person
from guide_app.core.sides import Side
from guide_app.paths import JOURNAL_NAME
from tests.helpers.handout import one_line, pdf_pages

CLOCK = FakeClock(wall_start=datetime(2026, 11, 30, 9).timestamp())
TODAY = today(CLOCK)


def run(*argv: str) -> int:
    args = build_parser().parse_args(["--no-user-library", "handout", *argv])
    return handout_command.run(args)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A journal with Ann (left affected, on the Achilles programme for 16 days) and Bo."""
    folder = tmp_path / "data"
    folder.mkdir()
    with Journal(folder / JOURNAL_NAME, clock=CLOCK) as journal:
        journal.add_person(
            Person(
                row=0,
                uid="",
                name="Ann",
                affected=Side.LEFT,
                programme_id="achilles-pain-monitoring",
                started_on=TODAY - timedelta(days=16),
            )
        )
        journal.add_person(Person(row=0, uid="", name="Bo", affected=Side.RIGHT))
    return folder


def test_a_pdf_for_a_person_named_in_the_journal(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "ann.pdf"
    day = TODAY.isoformat()
    code = run(
        "achilles-pain-monitoring",
        "--person",
        "ann",
        "--data-dir",
        str(data_dir),
        "--date",
        day,
        "--pdf",
        str(pdf),
    )
    assert code == 0
    pages = pdf_pages(pdf)
    assert f"wrote a {len(pages)}-page handout to {pdf}" in capsys.readouterr().err
    words = one_line(" ".join(pages))
    assert "For: Ann" in words
    assert "Phase 2 - start strengthening" in words  # week 3 of the programme
    assert "Left (affected) 3 x 15, right 3 x 15" in words
    assert "STOP and contact your clinician if:" in words


def test_the_persons_programme_is_the_default_and_the_name_can_be_left_off(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        "--person", "Ann", "--no-name", "--data-dir", str(data_dir), "--date", TODAY.isoformat()
    )
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith("Achilles tendinopathy")
    assert "Ann" not in out
    assert "Week 3 of the programme" in out


def test_sides_and_a_phase_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = run(
        "achilles-pain-monitoring",
        "--phase",
        "3",
        "--affected",
        "right",
        "--data-dir",
        str(tmp_path),
        "--date",
        TODAY.isoformat(),
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Phase 3 - heavier strength" in out
    assert "One-Leg Heel Raise: Right (affected) 3 x 15, left 3 x 15" in out
    assert not (tmp_path / JOURNAL_NAME).exists()  # no journal is made to look in


def test_a_session_or_an_exercise_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    day = TODAY.isoformat()
    assert run("clamshell", "--affected", "left", "--data-dir", str(tmp_path), "--date", day) == 0
    assert "1. Clamshell: Left (affected)" in capsys.readouterr().out
    assert run("first-session", "--data-dir", str(tmp_path), "--date", day) == 0
    assert "Mini circuit" in capsys.readouterr().out


def test_errors_say_what_to_fix(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("nope", "--data-dir", str(data_dir)) == 2
    assert "no programme, session or exercise 'nope' (programmes: " in capsys.readouterr().err
    assert run("achilles-pain-monitoring", "--person", "Cy", "--data-dir", str(data_dir)) == 2
    assert "No person 'Cy' here" in (err := capsys.readouterr().err) and "2: Ann; 3: Bo" in err
    assert run("--person", "Bo", "--data-dir", str(data_dir)) == 2
    assert "name a programme or a session" in capsys.readouterr().err
    assert run("achilles-pain-monitoring", "--phase", "9", "--data-dir", str(data_dir)) == 2
    assert "give a phase's name or number" in capsys.readouterr().err
    assert run("clamshell", "--phase", "1", "--data-dir", str(data_dir)) == 2
    assert "--phase needs a programme" in capsys.readouterr().err
    assert (
        run("achilles-pain-monitoring", "--person", "Ann", "--data-dir", str(tmp_path / "x")) == 2
    )
    assert "give --data-dir DIR" in capsys.readouterr().err
    missing = tmp_path / "nowhere" / "h.pdf"
    assert run("clamshell", "--data-dir", str(data_dir), "--pdf", str(missing)) == 1
    assert "does not exist" in capsys.readouterr().err


def test_the_handout_follows_the_progressions_the_person_accepted(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from guide_app.core.adjustments import Adjustment
    from guide_app.core.model import Change

    with Journal(data_dir / JOURNAL_NAME, clock=CLOCK) as journal:
        ann = next(p for p in journal.people() if p.name == "Ann")
        moved = Adjustment(
            0,
            "",
            ann.row,
            "achilles-pain-monitoring",
            "rule",
            phase="Phase 2 - start strengthening",
            change=Change(phase="next"),
        )
        journal.add_adjustment(moved)
    assert run("--person", "Ann", "--data-dir", str(data_dir), "--date", TODAY.isoformat()) == 0
    out = capsys.readouterr().out
    assert "Phase 3 - heavier strength" in out  # moved on a phase, as the window's handout
