"""Content text is shown as written, never as HTML (issue 12, item 13): a cue such as
"Keep the knee angle <90 degrees & more" is shown whole, and a ``<span style=...>`` in a
name is shown as those characters, on the session screen, the wall display, Home, the
history window and the PDF report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.history import Journal, Measurement, PainReport, SetRecord
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.model import Frequency
from guide_app.core.plan import StepKind
from guide_app.core.readout import Readout
from guide_app.core.sides import Side
from guide_app.core.summary import Summary
from guide_app.ui.display import DisplayWindow
from guide_app.ui.history_window import HistoryWindow
from guide_app.ui.home import HomePage
from guide_app.ui.outline import describe_session
from guide_app.ui.report import write_pdf
from guide_app.ui.session_view import SessionView

ANGLE = "Keep the knee angle <90 degrees & more"
SPAN = '<span style="color:#ff0000">red</span> & <b>bold</b>'
TEXTS = (ANGLE, SPAN)


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF (via QtPdf)."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))
    document.close()
    return text


def shown(label: QLabel) -> str:
    """The words a label puts on the screen: its text, or what Qt makes of it when it
    reads the text as rich text (as QLabel does, by ``textFormat`` and a guess)."""
    text = label.text()
    form = label.textFormat()
    rich = form is Qt.TextFormat.RichText or (
        form is Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if rich:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("\xa0", " ")


def on_screen(widget: QWidget) -> list[str]:
    return [shown(label) for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def assert_literal(texts: list[str], *wanted: str) -> None:
    joined = "\n".join(texts)
    for text in wanted:
        assert text in joined, f"{text!r} is not shown as written in {texts!r}"


READOUT = Readout(
    exercise_name=SPAN,
    kind=StepKind.REP,
    big="3 / 10",
    big_caption="reps",
    cues=(ANGLE, SPAN),
    current_cue=0,
    tip=SPAN,
    side=Side.LEFT,
    message=ANGLE,
    next_text=SPAN,
    session_text=ANGLE,
)


def test_the_session_screen_shows_cues_names_and_messages_as_written(qtbot: QtBot) -> None:
    view = SessionView()
    qtbot.addWidget(view)
    view.show_readout(READOUT)
    assert shown(view.name) == SPAN
    assert shown(view.cue) == ANGLE
    assert shown(view.message) == ANGLE
    assert shown(view.status) == ANGLE
    assert shown(view.next) == SPAN
    assert SPAN in shown(view.tips)
    cues = shown(view.cue_list)
    assert f"1. {ANGLE}" in cues and f"2. {SPAN}" in cues
    view.show_readout(replace(READOUT, current_cue=1))
    assert shown(view.cue) == SPAN
    view.show_readout(replace(READOUT, effort_for=SPAN))
    assert SPAN in shown(view.prompt)
    view.show_readout(replace(READOUT, kind=StepKind.READY, stop_signs=(ANGLE, SPAN)))
    assert ANGLE in shown(view.safety) and SPAN in shown(view.safety)


def test_the_display_shows_content_as_written(qtbot: QtBot) -> None:
    display = DisplayWindow()
    qtbot.addWidget(display)
    display.show_readout(READOUT)
    assert_literal(on_screen(display), ANGLE, SPAN)
    display.show_summary(Summary(title=SPAN, stopped=False))
    assert_literal(on_screen(display.screen_page), SPAN)
    display.show_summary(Summary(title=ANGLE, stopped=True))
    assert_literal(on_screen(display.screen_page), ANGLE)
    display.show_resume_prompt(SPAN)
    assert_literal(on_screen(display.screen_page), SPAN)


def hostile_library() -> Library:
    """The bundled library with the clamshell, a session and a programme written in
    characters HTML would take for markup."""
    library = load_library([bundled_root()])
    library.exercises["clamshell"] = library.exercises["clamshell"].model_copy(
        update={"name": ANGLE}
    )
    session = library.sessions["hip-external-rotation"]
    library.sessions[session.id] = session.model_copy(
        update={"title": SPAN, "summary": ANGLE, "notes": (SPAN,)}
    )
    programme = library.programmes["hip-external-rotation"]
    phases = tuple(
        phase.model_copy(update={"goal": f"{SPAN} {ANGLE}", "frequency": Frequency(text=SPAN)})
        for phase in programme.phases
    )
    library.programmes[programme.id] = programme.model_copy(
        update={"title": ANGLE, "phases": phases}
    )
    return library


def test_home_shows_titles_and_the_outline_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    library = hostile_library()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = HomePage(library, settings, lambda s, a, w: describe_session(library, s, a, w))
    qtbot.addWidget(page)
    assert page.select("session", "hip-external-rotation")
    assert shown(page.title) == SPAN
    outline = page.details.toPlainText().replace("\xa0", " ")
    assert ANGLE in outline, "the exercise's name and the summary"
    assert SPAN in outline, "the session's note"
    assert page.select("programme", "hip-external-rotation")
    assert ANGLE in shown(page.title)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal(tmp_path / "data" / "history.sqlite3") as opened:
        start = datetime(2025, 3, 3, 9, 0).timestamp()
        row = opened.begin_session(
            "hip-external-rotation",
            SPAN,
            programme_id="hip-external-rotation",
            phase="Foundation",
            affected_side="left",
            started_at=start,
        )
        opened.record_set(row, SetRecord("clamshell", Side.LEFT, 1, 20, 20, at=start + 60))
        opened.record_set(row, SetRecord("clamshell", Side.RIGHT, 1, 20, 18, at=start + 120))
        opened.record_measurement(row, Measurement(ANGLE, Side.LEFT, 30.0, "degrees"))
        opened.record_pain(row, PainReport("clamshell", Side.LEFT, 3, SPAN))
        opened.end_session(row, at=start + 180)
        yield opened


def test_the_history_window_shows_the_phase_as_written(qtbot: QtBot, journal: Journal) -> None:
    window = HistoryWindow(journal, hostile_library())
    qtbot.addWidget(window)
    window.refresh()
    assert ANGLE in shown(window.phase_goal) and SPAN in shown(window.phase_goal)
    texts = [shown(label) for label in window.findChildren(QLabel)]
    assert_literal(texts, ANGLE, SPAN)


def test_the_report_shows_content_as_written(qapp, journal: Journal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.pdf"
    write_pdf(journal, hostile_library(), path, title=SPAN, generated=datetime(2025, 3, 20))
    text = pdf_text(path)
    flat = " ".join(text.split())
    for wanted in TEXTS:
        assert wanted in flat, f"{wanted!r} is not in the report"
