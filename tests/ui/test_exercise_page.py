"""An exercise's whole page (issue 18): every field of its file a person reads, on Home
and over a running session, which it pauses until the same key or Esc closes it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from guide_app.core.clock import FakeClock
from guide_app.core.exercise_page import category_word, exercise_page, level_word, page_movement
from guide_app.core.loader import Library, bundled_root
from guide_app.core.placeholders import fill, limb_word
from guide_app.core.sides import Side
from guide_app.ui import keys
from guide_app.ui.exercise_page import SMALLEST_PX, ExercisePageView
from guide_app.ui.main_window import MainWindow
from tests.helpers.window import press, start, tick

# Fields of an exercise file no person reads on its page, and why.
NOT_READ = {
    "version": "the format's version",
    "kind": "always 'exercise'",
    "id": "the file's name for the app",
    "translations": "the same words in other languages: shown when the app speaks them",
}


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def texts_of(field: str, value: Any, limb: str | None) -> list[str]:
    """The words the page must show for one field of the file."""
    if field in ("pictures", "dosage", "sides", "level", "category", "limb", "source"):
        return []  # checked on their own below
    if field == "faq":
        return [words(fill(item[part], None, limb)) for item in value for part in ("q", "a")]
    items = value if isinstance(value, list) else [value]
    return [words(fill(str(item), None, limb)) for item in items]


def exercise_files() -> list[Path]:
    return sorted((bundled_root() / "exercises").glob("*.yaml"))


@pytest.fixture(scope="module")
def view(qapp: Any) -> ExercisePageView:
    page_view = ExercisePageView(largest_px=16)
    page_view.resize(1366, 740)
    page_view.show()
    return page_view


def test_every_bundled_exercise_page_shows_every_field_of_its_file(
    library: Library, view: ExercisePageView
) -> None:
    files = exercise_files()
    assert len(files) == len(library.exercises) >= 60
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        exercise = library.exercises[data["id"]]
        root = library.roots[("exercise", exercise.id)]
        page = exercise_page(exercise, root)
        view.motion = False  # every picture still, each shown
        view.show_page(page, page_movement(exercise))
        text = words(view.plain_text())
        limb = data.get("limb")
        for field, value in data.items():
            if field in NOT_READ or value in (None, "", [], {}):
                continue
            for expected in texts_of(field, value, limb):
                assert expected in text, f"{path.name}: {field} {expected!r} is not on its page"
        shown = {p.path for p in view.pictures}
        pictures = data["pictures"]
        for which in ("start", "end"):
            if pictures.get(which):
                assert root / pictures[which] in shown, f"{path.name}: the {which} picture"
        assert "Usual dosage:" in text and page.dose and page.dose in text, path.name
        dosage = data["dosage"]
        for number in (dosage.get("sets"), dosage.get("reps"), dosage.get("hold")):
            if isinstance(number, int) and number > 1:
                assert str(number) in page.dose, f"{path.name}: the dosage says {number}"
        sides = {"both": "both sides together", "one_at_a_time": "one side at a time"}
        assert sides.get(data["sides"], "take turns") in text, path.name
        if limb:
            assert f"({limb_word(limb)})" in text, f"{path.name}: its limb"
        for field, word in (("level", level_word), ("category", category_word)):
            if data.get(field):
                assert word(data[field]) in text, f"{path.name}: its {field}"
        if data.get("source"):
            assert words(data["source"]["title"]) in text, f"{path.name}: its source"
        assert "Stop if:" in text, f"{path.name}: when to stop"


def test_a_typical_page_fits_a_laptop_without_scrolling(library: Library, qtbot: QtBot) -> None:
    """The clamshell's page over a 1366x768 window: everything in view at a readable size."""
    view = ExercisePageView(largest_px=24)
    qtbot.addWidget(view)
    view.resize(1366 - 2 * 16, 700)
    view.show()
    exercise = library.exercises["band-prone-hip-internal-rotation"]
    root = library.roots[("exercise", exercise.id)]
    view.show_page(exercise_page(exercise, root), page_movement(exercise))
    qtbot.waitUntil(lambda: view.text_px >= 14 and view.fits, timeout=3000)
    assert view.moving, "a drawn figure moves through one rep on the page"


def test_the_page_is_mirrored_and_filled_for_the_side_worked(library: Library) -> None:
    exercise = library.exercises["band-prone-hip-internal-rotation"]  # drawn for the left
    page = exercise_page(exercise, bundled_root(), side=Side.RIGHT)
    assert page.mirrored and page.side is Side.RIGHT
    assert page.pictures_show == "The pictures show the right side."
    assert not exercise_page(exercise, bundled_root(), side=Side.LEFT).mirrored


def test_the_page_key_opens_the_page_over_a_session_pauses_and_closes_to_go_on(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)  # past the welcome note: the bridge's get-ready
    overlay = window.page_overlay
    assert not window.adapter.paused
    press(window, Qt.Key.Key_I, text="i")
    assert overlay.isVisible() and window.adapter.paused
    assert overlay.page is not None and overlay.page.name == "Bridge with Band"
    assert "Stop if:" in overlay.view.plain_text()
    assert window.keys.mode == keys.PAGE
    press(window, Qt.Key.Key_Space)  # scrolls the page: counts nothing, starts nothing
    press(window, Qt.Key.Key_Right)
    tick(window, clock, 30)
    assert window.session.caption.text() == "GET READY" and window.adapter.paused
    press(window, Qt.Key.Key_I, text="i")  # the same key closes it and goes on
    assert not overlay.isVisible() and not window.adapter.paused
    assert window.keys.mode == keys.SESSION
    press(window, Qt.Key.Key_Tab)  # a clicker's extra button opens it; Esc closes it
    assert overlay.isVisible() and window.adapter.paused
    press(window, Qt.Key.Key_Escape)
    assert not overlay.isVisible() and not window.adapter.paused


def test_a_session_paused_before_stays_paused_when_the_page_closes(
    window: MainWindow,
) -> None:
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)  # past the welcome note, which has no exercise page
    press(window, Qt.Key.Key_P, text="p")
    press(window, Qt.Key.Key_F4)
    assert window.page_overlay.isVisible()
    press(window, Qt.Key.Key_F4)
    assert not window.page_overlay.isVisible() and window.adapter.paused


def test_the_wall_display_shows_the_page_only_when_asked(
    window: MainWindow, clock: FakeClock
) -> None:
    display = window.display  # the window's wall display is open
    assert display is not None and display.isVisible()
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    tick(window, clock, 1)
    press(window, Qt.Key.Key_I, text="i")
    assert display.pages.currentWidget() is display.view, "not unless asked"
    assert window.page_overlay.wall.isVisible()
    window.page_overlay.wall.click()
    assert display.page is not None and display.pages.currentWidget() is display.page
    assert "Bridge with Band" in display.page.plain_text()
    press(window, Qt.Key.Key_I, text="i")
    assert display.pages.currentWidget() is display.view


def test_home_shows_an_exercise_page_and_links_a_session_to_its_exercises(
    qtbot: QtBot, window: MainWindow
) -> None:
    home = window.home
    window.resize(QSize(1366, 768))
    assert home.select("exercise", "clamshell")
    assert home.panel.currentWidget() is home.panel.page
    text = home.panel.page.plain_text()
    for part in ("How to do it", "Stop if:", "Tips", "Questions", "Usual dosage:", "About"):
        assert part in text
    press(window, Qt.Key.Key_F4)  # the whole page, over Home
    assert window.page_overlay.isVisible() and window.keys.mode == keys.PAGE
    press(window, Qt.Key.Key_Escape)
    assert not window.page_overlay.isVisible() and window.keys.mode == keys.BROWSE

    assert home.select("session", "hip-rotator-release")
    assert home.panel.currentWidget() is home.details
    html = home.details.toHtml()
    links = re.findall(r'href="exercise:([\w-]+)"', html)
    assert links and all(link in window.home.library.exercises for link in links)
    home.details.anchorClicked.emit(
        home.details.document().baseUrl().resolved(f"exercise:{links[0]}")  # type: ignore[arg-type]
    )
    assert window.page_overlay.isVisible()
    assert window.page_overlay.page is not None
    assert window.page_overlay.page.exercise_id == links[0]


def test_a_page_too_long_for_the_window_scrolls_by_keys(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(QSize(900, 520))
    start(window, "first-session")
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_I, text="i")
    view = window.page_overlay.view
    qtbot.waitUntil(lambda: not view.fits, timeout=3000)
    assert view.text_px == SMALLEST_PX, "it shrinks to the readable floor before it scrolls"
    bar = view.browser.verticalScrollBar()
    assert bar.value() == 0
    press(window, Qt.Key.Key_PageDown)
    assert bar.value() > 0, "Page Down scrolls the page"
    press(window, Qt.Key.Key_Down)
    press(window, Qt.Key.Key_Space)
    assert window.page_overlay.isVisible() and window.adapter.paused, "nothing else acted"


def test_the_page_over_a_session_words_the_dosage_for_the_sessions_sides(
    window: MainWindow,
) -> None:
    """Home's side buttons may have moved on since the session started (or it started
    from Today): the page says the sides the session runs with."""
    start(window, "iliopsoas-weeks-1-2", affected="right")
    window.home.affected.set_value("left")
    while window.adapter.step is not None and window.adapter.step.exercise is None:
        press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_I, text="i")
    page = window.page_overlay.page
    assert page is not None
    assert "Right (affected)" in page.dose, page.dose
