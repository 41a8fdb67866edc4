"""Home: search as you type, the outline with duration and dosage per side, and the
last choices remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from guide_app.core.choice import single_exercise_session
from guide_app.core.loader import bundled_root, load_library
from guide_app.ui.home import HomePage, SessionChoice
from guide_app.ui.outline import describe_session

LIBRARY = load_library([bundled_root()])


def home(qtbot, settings: QSettings) -> HomePage:  # type: ignore[no-untyped-def]
    page = HomePage(LIBRARY, settings, lambda s, a, w: describe_session(LIBRARY, s, a, w))
    qtbot.addWidget(page)
    return page


def test_search_as_you_type_finds_an_exercise(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = home(qtbot, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.keyClicks(page.search, "pelvic")
    choice = page.current_choice()
    assert choice is not None
    assert "Pelvic" in choice.session.title


def test_the_outline_shows_duration_equipment_and_dosage_per_side(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = home(qtbot, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    page.select("session", "iliopsoas-weeks-1-2")
    page.affected.set_value("left")
    page.weaker.set_value("left")  # the strength test found the affected side weaker
    html = page.details.toPlainText()
    assert "About" in html and "min" in html
    assert "3 × 20 reps ◀ left; 2 × 20 reps right ▶" in html
    page.weaker.set_value("right")
    assert "3 × 20 reps ◀ left; 3 × 20 reps right ▶" in page.details.toPlainText()


def test_the_last_choices_come_back(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = home(qtbot, settings)
    first.select("session", "piriformis-phase-2")
    first.affected.set_value("right")
    first.weaker_first.setChecked(False)
    started: list[SessionChoice] = []
    first.start_requested.connect(started.append)
    first.start_button.click()
    assert started and started[0].affected == "right"
    again = home(qtbot, settings)
    choice = again.current_choice()
    assert choice is not None and choice.session.id == "piriformis-phase-2"
    assert choice.affected == "right" and not choice.weaker_first


def test_the_outline_counts_exercises_in_the_right_plural(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one = describe_session(
        LIBRARY, single_exercise_session(LIBRARY.exercises["clamshell"]), None, None
    )
    assert "1 exercise" in one
    assert "1 exercises" not in one
    page = home(qtbot, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    page.select("session", "hip-rotator-release")
    assert "2 exercises" in page.details.toPlainText()


def test_the_buttons_name_the_users_keys(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ini = tmp_path / "s.ini"
    ini.write_text("[keys]\nhistory=Ctrl+J\n", encoding="utf-8")
    page = home(qtbot, QSettings(str(ini), QSettings.Format.IniFormat))
    assert "Ctrl+J" in page.history_button.text()
    assert "Ctrl+H" not in page.history_button.text()
