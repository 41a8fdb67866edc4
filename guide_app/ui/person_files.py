"""The person's papers and files from Today: the handout (printed, or saved as a PDF) and
the hand-over file (their programme, own content and, if wanted, history) to take from
the clinic home and back.

The file choices go through ``choose_file`` and ``choose_open`` so tests give paths
without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMenu, QPushButton, QWidget

from guide_app.core.clock import today
from guide_app.core.handout import Handout, HandoutError, handout_for
from guide_app.core.handover import export_handover, handover_name, import_handover
from guide_app.core.handover_read import HandoverError
from guide_app.core.history import StorageError
from guide_app.core.i18n import tr
from guide_app.core.notice import NoticeLevel

if TYPE_CHECKING:
    from guide_app.ui.main_window import MainWindow
    from guide_app.ui.programme_days import ProgrammeDays

ChooseFile = Callable[[QWidget, str, str], Path | None]  # parent, suggested name, filter


def _save_as(parent: QWidget, suggested: str, kinds: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, tr("Save as"), suggested, kinds)
    return Path(path) if path else None


def _open(parent: QWidget, suggested: str, kinds: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("Open"), suggested, kinds)
    return Path(path) if path else None


class PersonFiles(QWidget):
    """A row of buttons under Today: Handout… (print or PDF) and Hand-over file…
    (export for this person, with or without history, or import one)."""

    def __init__(
        self,
        window: MainWindow,
        days: ProgrammeDays,
        *,
        choose_file: ChooseFile = _save_as,
        choose_open: ChooseFile = _open,
    ) -> None:
        super().__init__()
        self.main, self.days = window, days
        self._save_as, self._open = choose_file, choose_open
        self.handout_button = QPushButton(tr("Handout…"))
        handout = QMenu(self.handout_button)
        handout.addAction(tr("Print…"), self.print_handout)
        handout.addAction(tr("Save as PDF…"), self.save_handout)
        self.handout_button.setMenu(handout)
        self.handover_button = QPushButton(tr("Hand-over file…"))
        handover = QMenu(self.handover_button)
        handover.addAction(tr("Save for this person…"), lambda: self.export(with_history=False))
        handover.addAction(
            tr("Save for this person, with their history…"),
            lambda: self.export(with_history=True),
        )
        handover.addAction(tr("Open a hand-over file…"), self.import_file)
        self.handover_button.setMenu(handover)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.handout_button)
        row.addWidget(self.handover_button)
        row.addStretch(1)

    def _problem(self, text: str) -> None:
        self.main.show_notice(text, NoticeLevel.PROBLEM)

    # ------------------------------------------------------------------ handout

    def _handout(self) -> Handout | None:
        """The person's handout: their phase and the changes they accepted, as Today and
        their sessions have them."""
        person, journal = self.main.person, self.main.people.journal()
        try:
            rows = journal.adjustments(person.row) if journal is not None else []
            return handout_for(
                self.days.library, today(self.days.clock), person=person, adjustments=rows
            )
        except StorageError as error:
            self._problem(error.message)
        except HandoutError as error:
            self._problem(str(error))
        return None

    def print_handout(self) -> None:
        from guide_app.ui.handout import print_handout

        handout = self._handout()
        if handout is not None:
            try:
                print_handout(self.main, handout)
            except OSError as error:  # the printer could not be painted on
                self._problem(tr("The handout couldn't be printed: {error}", error=error))

    def save_handout(self) -> Path | None:
        """Save the person's handout as a PDF where they choose; the notice says where."""
        from guide_app.ui.handout import save_handout_pdf

        handout = self._handout()
        if handout is None:
            return None
        path = self._save_as(self.main, tr("handout.pdf"), tr("PDF (*.pdf)"))
        if path is None:
            return None
        try:
            pages = save_handout_pdf(handout, path)
        except StorageError as error:  # the folder or the file: the message says which
            self._problem(error.message)
            return None
        except OSError as error:
            self._problem(tr("The handout couldn't be saved: {error}", error=error))
            return None
        self.main.show_notice(tr("Handout saved: {path} ({n} pages)", path=path, n=pages))
        return path

    # ------------------------------------------------------------------ hand-over

    def export(self, *, with_history: bool) -> Path | None:
        journal = self.main.people.journal()
        if journal is None:
            self._problem(tr("There is no history to hand over: the journal could not be opened."))
            return None
        person = self.main.person
        suggested = handover_name(person, today(self.days.clock))
        path = self._save_as(self.main, suggested, tr("Hand-over files (*.handover.zip)"))
        if path is None:
            return None
        try:
            written = export_handover(
                journal, person.row, self.days.library, path, with_history=with_history
            )
        except (HandoverError, StorageError, OSError) as error:
            self._problem(getattr(error, "message", None) or str(error))
            return None
        self.main.show_notice(written.words())
        return path

    def import_file(self) -> None:
        """Bring a hand-over file in: the person (switched to), their content (the library
        loads again) and history merged; what came in is said in the notice."""
        journal = self.main.people.journal()
        folder = self.main.editors.folder if self.main.editors is not None else None
        if journal is None or folder is None:
            self._problem(tr("A hand-over file can't be opened here: no journal or library."))
            return
        path = self._open(self.main, "", tr("Hand-over files (*.handover.zip)"))
        if path is None:
            return
        try:
            done = import_handover(path, journal, folder)
        except (HandoverError, StorageError) as error:
            self._problem(error.message)
            return
        self.main.show_notice(" ".join(done.words()))
        reload = self.main.reload_library
        if reload is not None and self.main.editors is not None:
            # in place: Home, the session run and Today follow (``library_changed``)
            self.main.editors.replace_library(reload())
        self.main.set_person(journal.person_by_row(done.merged.person_row))
