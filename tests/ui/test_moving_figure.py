"""In the real window, the exercise figure moves on the beat: on the laptop and on the wall
display alike, mirrored (and in the right side's colour) for the right side, frozen by a
pause, and still for a person who turned motion off or for a photo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from guide_app.core.choice import SessionChoice
from guide_app.core.clock import FakeClock
from guide_app.core.model import Session
from guide_app.core.steps import StepKind
from guide_app.ui.main_window import MainWindow
from guide_app.ui.picture import PictureView
from guide_app.ui.session_adapter import FRAME_MS, REFRESH_MS
from guide_app.ui.voice_settings import VoiceSettingsDialog
from tests.helpers.window import press, tick

TEMPO = {"out": 2, "hold": 1, "back": 3}


def clamshell_set() -> SessionChoice:
    session = Session.model_validate(
        {
            "version": 1,
            "kind": "session",
            "id": "moving",
            "title": "Moving",
            "blocks": [
                {
                    "exercise": "clamshell",
                    "dosage": {"sets": 1, "reps": 1, "pace": "tempo", "tempo": TEMPO},
                }
            ],
        }
    )
    return SessionChoice(session, affected="left")


def to_phase(window: MainWindow, clock: FakeClock, phase: str) -> None:
    """Let time run to the start of the next tempo phase called ``phase``."""
    run = window.adapter.run
    assert run.runner is not None
    for _ in range(100):
        step = run.runner.step
        readout = run.readout()
        if step.kind is StepKind.PHASE and step.phase == phase and readout and readout.elapsed == 0:
            return
        deadline = run.runner.next_deadline()
        if deadline is None:
            press(window, Qt.Key.Key_Space)
        else:
            tick(window, clock, deadline - clock.now())
    raise AssertionError(f"no {phase!r} came")


def views(window: MainWindow) -> list[PictureView]:
    assert window.display is not None
    return [window.session.picture, window.display.view.picture]


def silhouette(view: PictureView) -> QImage:
    """The picture as drawn, every pixel that is not white made black."""
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    out = QImage(image.size(), QImage.Format.Format_Mono)
    out.fill(0)
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if QColor(image.pixel(x, y)).lightness() < 235:
                out.setPixel(x, y, 1)
    return out


def differing(a: QImage, b: QImage) -> float:
    """The share of sampled pixels where two silhouettes differ."""
    diff = total = 0
    for y in range(0, a.height(), 2):
        for x in range(0, a.width(), 2):
            total += 1
            diff += a.pixelIndex(x, y) != b.pixelIndex(x, y)
    return diff / total


def test_the_figure_moves_on_the_beat_on_both_screens(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    window.resize(1366, 768)
    window.start(clamshell_set())
    to_phase(window, clock, "out")
    assert [v.figure_at for v in views(window)] == [0.0, 0.0], "the start pose as 'out' begins"
    assert window.adapter._refresh.interval() == FRAME_MS, "30 frames a second while it moves"
    tick(window, clock, 1.0)
    assert all(0.4 < (v.figure_at or 0) < 0.6 for v in views(window)), "half way out"
    tick(window, clock, 1.0)
    assert [v.figure_at for v in views(window)] == [1.0, 1.0], "the end pose on 'hold'"
    tick(window, clock, 0.5)
    assert [v.figure_at for v in views(window)] == [1.0, 1.0], "and through it"
    tick(window, clock, 0.5)  # "back" begins: the figure is at the end pose
    left_end = silhouette(window.session.picture)
    tick(window, clock, 3.0)
    assert [v.figure_at for v in views(window)] == [0.0, 0.0], "back at the start"

    to_phase(window, clock, "out")  # the right side
    picture = window.session.picture
    assert picture.mirrored and window.display is not None
    assert window.display.view.picture.mirrored
    tick(window, clock, 2.0)
    assert picture.figure_at == 1.0
    right_end = silhouette(picture)
    assert differing(right_end, left_end) > 0.01, "the right side is not drawn as the left"
    mirror_image = left_end.flipped(Qt.Orientation.Horizontal)
    assert differing(right_end, mirror_image) < 0.005, "it is its mirror image"
    image = picture.grab().toImage()
    oranges = sum(
        1
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
        if QColor(image.pixel(x, y)).name() == "#e69f00"
    )
    assert oranges > 50, "the working leg in the right side's orange"


def test_a_pause_freezes_the_figure_and_the_frames_stop(
    window: MainWindow, clock: FakeClock
) -> None:
    window.start(clamshell_set())
    to_phase(window, clock, "out")
    tick(window, clock, 0.6)
    before = window.session.picture.figure_at
    press(window, Qt.Key.Key_P)
    assert window.adapter.run.paused
    tick(window, clock, 4.0)
    assert window.session.picture.figure_at == before
    assert window.adapter._refresh.interval() == REFRESH_MS, "no frames while nothing moves"


def test_motion_off_keeps_every_picture_still(window: MainWindow, clock: FakeClock) -> None:
    window.set_motion(False)
    window.start(clamshell_set())
    to_phase(window, clock, "out")
    tick(window, clock, 1.0)
    assert [v.figure_at for v in views(window)] == [None, None]
    path = window.session.picture.path
    assert path is not None and path.name == "clamshell-end.svg", "the still picture, as before"
    assert window.settings.value("view/motion") in (False, "false")
    window.set_motion(True)
    tick(window, clock, 0.1)
    assert window.session.picture.figure_at is not None, "on again at once"


def test_a_photo_stays_still(qtbot: QtBot, tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(photo))
    view = PictureView()
    qtbot.addWidget(view)
    view.show_picture(photo)
    view.show_figure(0.5)
    assert view.figure_at is None and view.moving_figure is None


def test_the_settings_dialog_keeps_pictures_still_on_both_screens(window: MainWindow) -> None:
    def answer() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, VoiceSettingsDialog) and w.isVisible()
        )
        assert dialog.motion.isChecked(), "on unless the person turned it off"
        dialog.motion.setChecked(False)
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.open_voice_settings()
    assert [v.motion for v in views(window)] == [False, False]
    assert window.motion is False, "kept for the next start"
