"""The clinician's report in German of a journal written in English: the measurement,
the phase and the session are named as the German library names them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtPdf import QPdfDocument

from guide_app.core.history import Journal, Measurement
from guide_app.ui.report import write_pdf
from tests.helpers.language_identity import loaded, write_library

DAY = datetime(2026, 11, 30, 9)


def test_an_english_journal_reads_in_german(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = write_library(tmp_path / "library")
    with Journal(tmp_path / "history.sqlite3") as journal:
        row = journal.begin_session(
            "knee-check",
            "Knee check",
            programme_id="knee-programme",
            phase="Phase 1",
            started_at=DAY.timestamp(),
        )
        journal.record_measurement(row, Measurement("Knee bend", "both", 45, "degrees"))
        journal.end_session(row, at=DAY.timestamp() + 600)
        library = loaded(folder, "de")
        path = tmp_path / "bericht.pdf"
        write_pdf(journal, library, path, generated=DAY)
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(document.getAllText(p).text() for p in range(document.pageCount()))
    document.close()
    flat = " ".join(text.split())
    assert "Kniebeugung (Grad)" in flat
    assert "Knieprogramm · Stufe 1" in flat
    assert "Kniecheck" in flat
    assert "Knee bend" not in flat and "Phase 1" not in flat
