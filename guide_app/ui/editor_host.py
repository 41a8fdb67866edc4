"""Which editor opens for what, on what draft, and what the library learns from a save.

An item in the user's library folder is changed in place (its file keeps its comments);
any other (a bundled one, or one from a folder named on the command line) is
duplicated into the user's library under a new id, and the original stays. A saved
item is read back from its file into the library the window shows, so Home and the
next session have it at once, without loading the whole library again.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from guide_app.core.i18n import tr
from guide_app.core.loader import Library, load_file

if TYPE_CHECKING:  # the editors (and ruamel.yaml) load when one is opened, not at start
    from guide_app.core.content_draft import Draft
    from guide_app.ui.editor_base import DraftEditor
    from guide_app.ui.thumbnails import ThumbnailCache

KINDS = ("exercise", "session", "programme")


class EditorHost(QObject):
    """Makes editors for the window, and keeps the library up to date after a save."""

    library_changed = Signal(str, str)  # kind, id of the item saved (or "", "" for all)
    problem = Signal(str)  # an editor could not be opened: why

    def __init__(
        self,
        library: Library,
        folder: Path,
        parent: QObject | None = None,
        *,
        thumbnails: ThumbnailCache | None = None,
    ) -> None:
        """``folder`` is the user's library folder, where every save goes;
        ``thumbnails`` the exercise thumbnails Home keeps, for the editors' pickers."""
        super().__init__(parent)
        self.library = library
        self.folder = folder
        self.thumbnails = thumbnails

    def is_own(self, kind: str, item_id: str) -> bool:
        """The item's file is in the user's library: it is changed in place."""
        root = self.library.roots.get((kind, item_id))
        return root is not None and root.resolve() == self.folder.resolve()

    def new(self, kind: str) -> DraftEditor:
        from guide_app.core.content_draft import Draft

        return self.editor_for(Draft.new(kind, self.folder))

    def edit(self, kind: str, item_id: str) -> DraftEditor | None:
        """An editor of the item: itself when it is the user's, else a copy of it."""
        from guide_app.core.content_draft import Draft
        from guide_app.core.content_save import ContentFileError

        if (kind, item_id) not in self.library.sources:
            self.problem.emit(tr("{id} is not in the library", id=item_id))
            return None
        try:
            if self.is_own(kind, item_id):
                draft = Draft.open(self.library.sources[(kind, item_id)], self.folder)
            else:
                draft = Draft.duplicate(self.library, kind, item_id, self.folder)
        except ContentFileError as exc:
            self.problem.emit(str(exc))
            return None
        return self.editor_for(draft)

    def editor_for(self, draft: Draft) -> DraftEditor:
        editor: DraftEditor
        if draft.kind == "exercise":
            from guide_app.ui.exercise_editor import ExerciseEditor

            editor = ExerciseEditor(draft, self.library)
        elif draft.kind == "session":
            from guide_app.ui.session_editor import SessionEditor

            editor = SessionEditor(draft, self.library, thumbnails=self.thumbnails)
        else:
            from guide_app.ui.programme_editor import ProgrammeEditor

            editor = ProgrammeEditor(draft, self.library)
        editor.saved.connect(self.take_saved)
        return editor

    def take_saved(self, draft: Draft) -> None:
        """Read the saved file back into the library (checked as the loader checks it)."""
        content, problems = load_file(draft.path, self.folder)
        if content is None:
            self.problem.emit("\n".join(str(p) for p in problems[:3]))
            return
        key = (content.kind, content.id)
        self.library.table(content.kind)[content.id] = content
        self.library.sources[key] = draft.path
        self.library.roots[key] = self.folder
        self.library.failed.pop(key, None)
        self.library_changed.emit(content.kind, content.id)

    def replace_library(self, library: Library) -> None:
        """Take in a library loaded anew (after an import), in place: the session run
        and Home hold this same object."""
        for field in dataclasses.fields(Library):
            setattr(self.library, field.name, getattr(library, field.name))
        self.library_changed.emit("", "")
