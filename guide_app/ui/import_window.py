"""Import from the window: choose a free-exercise-db file (and its pictures), import it
into the user's library off the GUI thread, load the library again, and say what
happened, as ``guide-app import free-exercise-db`` does."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from guide_app.core.i18n import tr
from guide_app.core.loader import Library


def images_beside(file: Path) -> Path:
    """Where free-exercise-db keeps the pictures of ``file``: an ``exercises`` folder
    beside it (or beside its ``dist`` folder), else the file's own folder."""
    for folder in (file.parent / "exercises", file.parent.parent / "exercises"):
        if folder.is_dir():
            return folder
    return file.parent


class ImportJob(QObject):
    """One import on a worker thread; ``done`` brings the result to the GUI thread."""

    done = Signal(object, object)  # the new Library or None, the lines to show

    def __init__(
        self,
        file: Path,
        images: Path,
        folder: Path,
        load: Callable[[], Library],
        parent: QObject | None = None,
    ) -> None:
        """``parent`` keeps the job until it is done (a job let go of drops its result)."""
        super().__init__(parent)
        self.file, self.images, self.folder, self.load = file, images, folder, load

    def start(self) -> None:
        threading.Thread(target=self._run, name="import", daemon=True).start()

    def _run(self) -> None:
        from guide_app.core.import_free_exercise_db import ImportFileError, import_file
        from guide_app.core.import_words import import_lines

        try:
            report = import_file(self.file, self.folder, self.images)
        except ImportFileError as exc:
            self.done.emit(None, [tr("error: {problem}", problem=exc)])
            return
        except OSError as exc:
            self.done.emit(None, [tr("error: {problem}", problem=exc)])
            return
        lines = import_lines(report, self.file, self.folder)
        self.done.emit(self.load(), lines)


def run_import(
    parent: QWidget,
    file: Path,
    folder: Path,
    load: Callable[[], Library],
    finished: Callable[[Library | None, list[str]], None],
    images: Path | None = None,
) -> ImportJob:
    """Import ``file`` into ``folder`` with a busy dialog; ``finished(library, lines)``
    gets the library loaded anew (None when the import failed) and what happened."""
    busy = QProgressDialog(tr("Importing {file}…", file=file.name), "", 0, 0, parent)
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(300)
    job = ImportJob(file, images or images_beside(file), folder, load, parent)

    def done(library: object, lines: object) -> None:
        busy.close()
        job.deleteLater()
        assert isinstance(lines, list)
        finished(library if isinstance(library, Library) else None, lines)

    job.done.connect(done, Qt.ConnectionType.QueuedConnection)
    job.start()
    return job


def ask_and_import(
    parent: QWidget,
    folder: Path,
    load: Callable[[], Library],
    finished: Callable[[Library | None, list[str]], None],
) -> ImportJob | None:
    """Ask for the file, then import it (``run_import``)."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        tr("Import exercises from free-exercise-db"),
        str(Path.home()),
        tr("free-exercise-db exercises (*.json)"),
    )
    if not name:
        return None
    return run_import(parent, Path(name), folder, load, finished)


def show_result(parent: QWidget, lines: list[str], ok: bool) -> None:
    """The import's summary, with the detail behind a button when there is much."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Import"))
    box.setText(lines[0] if lines else "")
    if len(lines) > 1:
        box.setDetailedText("\n".join(lines[1:]))
    box.open()
