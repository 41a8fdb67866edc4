"""A slow picture never freezes the session (issue 12, item 10): pictures are drawn off
the GUI thread, kept as images at the size shown, and one that takes too long to draw is
replaced by a placeholder and a notice.

The slow SVG here is a few thousand dashed circles (seconds to draw on these machines);
the budget is lowered so the tests stay short."""

from __future__ import annotations

import itertools
import random
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from guide_app.core.plan import StepKind
from guide_app.core.readout import Readout
from guide_app.core.sides import Side
from guide_app.ui import picture as picture_module
from guide_app.ui.session_view import SessionView

ROOT = Path(__file__).resolve().parents[2]
CLAMSHELL = ROOT / "assets" / "pictures" / "clamshell-start.svg"
BUDGET = 0.5  # seconds, lowered from the app's budget for the test
RESPONSIVE = 0.1  # seconds: the event loop turns at least this often


def slow_svg(path: Path, circles: int = 6_000) -> Path:
    """Dashed circles: cheap to parse, slow to draw (several seconds here)."""
    rng = random.Random(12)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">']
    for _ in range(circles):
        x, y, r = rng.uniform(0, 800), rng.uniform(0, 600), rng.uniform(5, 200)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="none" '
            'stroke="#1F6FB4" stroke-width="1.5" stroke-dasharray="1 2"/>'
        )
    parts.append("</svg>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def readout(picture: Path, big: str = "1 / 10") -> Readout:
    return Readout(
        exercise_name="Clamshell",
        kind=StepKind.REP,
        big=big,
        picture=picture,
        side=Side.RIGHT,
        mirrored=True,
    )


@pytest.fixture
def view(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> SessionView:
    monkeypatch.setattr(picture_module, "BUDGET", BUDGET, raising=False)
    shown = SessionView()
    qtbot.addWidget(shown)
    shown.resize(1024, 640)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_session_keeps_drawing_its_readout_while_a_slow_svg_renders(
    qtbot: QtBot, view: SessionView, tmp_path: Path
) -> None:
    """Readouts go on being shown (the count moves) and the event loop turns every
    100 ms or sooner while the picture is drawn."""
    picture = slow_svg(tmp_path / "slow.svg")
    turns: list[float] = []
    count = [1]

    def tick() -> None:  # what the adapter does: a new readout, drawn
        turns.append(time.perf_counter())
        count[0] += 1
        view.show_readout(readout(picture, f"{count[0]} / 99"))
        view.big.repaint()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    start = time.perf_counter()
    view.show_readout(readout(picture))
    timer.start()
    qtbot.wait(round(BUDGET * 1000 * 2))
    timer.stop()
    turns.insert(0, start)
    gaps = [b - a for a, b in itertools.pairwise(turns)]
    assert len(turns) > 10, f"the loop turned {len(turns)} times in {BUDGET * 2} s"
    assert max(gaps) < RESPONSIVE, f"the event loop stalled {max(gaps):.2f} s"
    assert view.big.text() == f"{count[0]} / 99"


def test_a_picture_that_takes_too_long_becomes_a_placeholder_with_a_notice(
    qtbot: QtBot, view: SessionView, tmp_path: Path
) -> None:
    picture = slow_svg(tmp_path / "slow-bands.svg")
    notices: list[str] = []
    view.picture_notice.connect(notices.append)
    began = time.perf_counter()
    view.show_readout(readout(picture))
    qtbot.waitUntil(lambda: bool(notices), timeout=round(BUDGET * 1000 * 4))
    waited = time.perf_counter() - began
    assert BUDGET * 0.8 <= waited < BUDGET + 1.0, waited
    assert "slow-bands.svg" in notices[0]
    assert view.picture.placeholder, "the picture's place says why it is empty"
    image = view.picture.grab().toImage()
    inked = sum(
        image.pixelColor(x, y).lightness() < 128
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
    )
    assert inked > 20, "the placeholder's words are drawn"
    # shown again (the next set, the other side) it is not drawn again: still the placeholder
    view.show_readout(readout(CLAMSHELL))
    view.show_readout(readout(picture))
    view.picture.repaint()
    assert view.picture.placeholder
    assert len(notices) == 1, "one notice per picture"


def test_a_picture_is_drawn_once_per_side_and_size(
    qtbot: QtBot, view: SessionView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sides take turns: each side's image is drawn once and then shown from the cache
    (the still picture: with motion on, the figure is drawn as it moves instead)."""
    view.picture.motion = False
    drawn: list[tuple[str | None, bool]] = []
    real = picture_module.render_picture

    def counting(path: Path, side: str | None, mirrored: bool, room: object) -> object:
        drawn.append((side, mirrored))
        return real(path, side, mirrored, room)  # type: ignore[arg-type]

    def show(side: Side) -> None:
        view.show_readout(
            Readout(
                exercise_name="Clamshell",
                kind=StepKind.REP,
                picture=CLAMSHELL,
                side=side,
                mirrored=side is Side.RIGHT,
            )
        )
        qtbot.wait(20)  # the layout settles
        qtbot.waitUntil(lambda: view.picture.ready, timeout=3000)

    monkeypatch.setattr(picture_module, "render_picture", counting)
    show(Side.RIGHT)
    drawn.clear()
    for side in (Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT):
        show(side)
    assert drawn == [("left", False)]


def test_painting_a_slow_picture_takes_no_time_on_the_gui_thread(
    qtbot: QtBot, view: SessionView, tmp_path: Path
) -> None:
    view.show_readout(readout(slow_svg(tmp_path / "slow.svg")))
    began = time.perf_counter()
    view.picture.repaint()
    QApplication.processEvents()
    assert time.perf_counter() - began < RESPONSIVE
