"""Gets the voice of the session chosen on Home ready while the person reads about it.

The natural voice renders a phrase in a tenth of its length, so a session's hundred-odd
phrases take twenty seconds the first time (espeak-ng: three). A session starts once its
phrases are ready, or after a wait; so when a choice on Home stays chosen for a moment,
its phrases are handed to the voice to render in the background, and pressing Start
rarely waits. Cached phrases cost nothing; a choice that changes simply hands over the
new one's phrases instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from guide_app.core.choice import SessionChoice
from guide_app.core.choice_plan import choice_plan
from guide_app.core.loader import Library
from guide_app.core.plan import PlanError
from guide_app.core.steps import phrase_languages, phrases_for
from guide_app.core.voice import Voice

LINGER_MS = 1500  # how long a choice stays chosen before its voice is prepared


class VoiceAhead(QObject):
    """Call ``chosen()`` when Home's choice changes; ``choice()`` gives it (None: none),
    ``library()`` the library in force, ``busy()`` whether a session runs (then the
    voice is the session's, and nothing is handed over)."""

    def __init__(
        self,
        voice: Voice,
        choice: Callable[[], SessionChoice | None],
        library: Callable[[], Library],
        busy: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._voice, self._choice, self._library, self._busy = voice, choice, library, busy
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LINGER_MS)
        self._timer.timeout.connect(self._prepare)

    def chosen(self) -> None:
        """Home's choice changed: prepare its voice if it stays chosen a moment."""
        self._timer.start()

    def _prepare(self) -> None:
        choice = self._choice()
        if choice is None or self._busy():
            return
        try:
            plan = choice_plan(choice, self._library().exercises)
        except PlanError:
            return  # the session says what is wrong when it is started
        self._voice.prepare(phrases_for(plan), phrase_languages(plan))
