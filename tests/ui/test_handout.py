"""The handout on paper: an A4 PDF with the phase, every exercise with its pictures and
its amounts per side, and the stop box; printed through a printer as well."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from guide_app.core.clock import FakeClock, today
from guide_app.core.handout import HandoutPicture, programme_handout
from guide_app.core.history_storage import StorageError
from guide_app.core.loader import bundled_root, load_library
from guide_app.core.people import Person
from guide_app.core.sides import Side
from guide_app.ui import handout as paper
from tests.helpers.handout import one_line, pdf_pages

LIBRARY = load_library([bundled_root()])
ACHILLES = LIBRARY.programmes["achilles-pain-monitoring"]
TODAY = today(FakeClock(wall_start=datetime(2026, 11, 30, 9).timestamp()))
ANN = Person(
    row=2,
    uid="a" * 32,
    name="Ann",
    affected=Side.LEFT,
    programme_id=ACHILLES.id,
    started_on=TODAY - timedelta(days=16),
)
NAMES = (
    "Two-Leg Heel Raise",
    "One-Leg Heel Raise",
    "Seated Heel Raise",
    "Eccentric Heel Drop, Straight Knee",
    "Quick-Rebound Heel Raise",
)


@pytest.fixture
def handout():  # type: ignore[no-untyped-def]
    return programme_handout(LIBRARY, ACHILLES, TODAY, person=ANN)


def test_the_pdf_has_the_phase_each_exercise_its_amounts_and_the_stop_box(
    qapp, handout, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "handout.pdf"
    pages = paper.save_handout_pdf(handout, path)
    text = pdf_pages(path)
    assert pages == len(text) >= 1
    words = one_line(" ".join(text))
    assert "Phase 2 - start strengthening" in words
    for name in NAMES:
        assert name in words
    assert "Left (affected) 3 x 15, right 3 x 15" in words
    assert "every day (7 days a week)" in words
    assert "STOP and contact your clinician if:" in words
    assert "For: Ann" in words and "Mon 30 Nov 2026" in words
    assert path.stat().st_mode & 0o077 == 0  # it names the person: theirs alone


def test_every_exercise_shows_its_pictures(qapp, handout) -> None:  # type: ignore[no-untyped-def]
    document = paper.handout_document(handout)
    assert paper.picture_count(document) == 2 * len(NAMES)  # start and end of each


def test_no_exercise_is_cut_between_two_pages(qapp, handout, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "handout.pdf"
    paper.save_handout_pdf(handout, path)
    pages = [one_line(page) for page in pdf_pages(path)]
    assert len(pages) >= 2  # else nothing could be cut
    for page in pages:
        headings = re.findall(r"\b\d\. (?:" + "|".join(map(re.escape, NAMES)) + ")", page)
        assert len(headings) == page.count("Stop if:"), page


def test_a_missing_picture_is_said_and_the_rest_is_printed(qapp, handout, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = handout.sessions[0].exercises[0]
    gone = replace(first, pictures=(HandoutPicture(tmp_path / "gone.svg", False, "Start"),))
    items = (gone, *handout.sessions[0].items[1:])
    broken = replace(handout, sessions=(replace(handout.sessions[0], items=items),))
    path = tmp_path / "handout.pdf"
    assert paper.save_handout_pdf(broken, path) >= 1
    assert "gone.svg: not a readable SVG" in one_line(" ".join(pdf_pages(path)))


def test_a_folder_that_does_not_exist_is_named(qapp, handout, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StorageError, match="does not exist"):
        paper.save_handout_pdf(handout, tmp_path / "nowhere" / "handout.pdf")


def test_a_printer_prints_it_offscreen(qapp, handout, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = paper.print_to(printer, handout)
    assert pages == len(pdf_pages(tmp_path / "printed.pdf")) >= 1
    assert "One-Leg Heel Raise" in one_line(" ".join(pdf_pages(tmp_path / "printed.pdf")))


class _Dialog:
    """A print dialog the person answers at once: printing to a file, or cancelling."""

    answer = QPrintDialog.DialogCode.Rejected
    file = ""

    def __init__(self, printer: QPrinter, parent: object = None) -> None:
        self.printer = printer

    def setWindowTitle(self, title: str) -> None:
        self.title = title

    def exec(self) -> QPrintDialog.DialogCode:
        if self.answer == QPrintDialog.DialogCode.Accepted:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(self.file)
        return self.answer


def test_the_print_dialog_prints_or_is_cancelled(
    qapp, handout, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import PySide6.QtPrintSupport as support

    monkeypatch.setattr(support, "QPrintDialog", _Dialog)
    assert paper.print_handout(None, handout) is False
    monkeypatch.setattr(_Dialog, "answer", QPrintDialog.DialogCode.Accepted)
    monkeypatch.setattr(_Dialog, "file", str(tmp_path / "dialog.pdf"))
    assert paper.print_handout(None, handout) is True
    assert "Phase 2 - start strengthening" in " ".join(pdf_pages(tmp_path / "dialog.pdf"))
