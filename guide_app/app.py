"""The composition root: the only place that builds the services and wires them together.

The window paints first (a "loading" page) and everything heavy (the library, the
engine, the voice) is built right after that first paint, so the app appears as fast
as a bare Qt window does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide_app.core.i18n import ntr, tr

# How early the session hands the voice a prompt: its output latency (~35 ms measured)
# plus room for the timer; the voice then starts the sound on the beat itself.
VOICE_LEAD = 0.2

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings, QTranslator
    from PySide6.QtWidgets import QApplication

    from guide_app.core.clock import Clock
    from guide_app.core.history import Journal
    from guide_app.core.journal_lock import Held
    from guide_app.core.loader import Library
    from guide_app.speech.service import Speech
    from guide_app.ui.main_window import MainWindow


def run_app(args: argparse.Namespace) -> int:
    """Open the window (``guide-app``) or go straight into a session (``guide-app run``).

    One copy owns a person's journal (``core.journal_lock``): when another running copy
    owns it, a session asked for on the command line is refused (a message naming that
    copy's process, status 1), and the window opens read-only (history, nothing saved).
    """
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from guide_app import paths
    from guide_app.core.journal_lock import Held, JournalLock, claim

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(paths.ORGANISATION)
    app.setApplicationName(paths.APPLICATION)
    app.setApplicationDisplayName(tr("Session Guide"))
    qt_words = qt_translation(app)  # kept alive while the app runs
    failed: list[int] = []

    def fail() -> None:
        failed.append(2)
        app.exit(2)

    lock = claim(Path(args.data_dir) if args.data_dir else paths.data_dir())
    held = lock if isinstance(lock, Held) else None
    if held is not None and getattr(args, "session", None):
        print("guide-app: " + held.message, file=sys.stderr)
        return 1
    window = build(args, QSettings(), on_error=fail, held=held)
    code = int(app.exec())
    del window, qt_words
    if isinstance(lock, JournalLock):
        lock.release()
    return failed[0] if failed else code


def qt_translation(app: QApplication) -> QTranslator | None:
    """Qt's own words (the standard buttons "OK", "Cancel", a text field's menu, key names)
    in the language in force, from the translations PySide6 ships, and its widgets' dates
    and numbers written as the language writes them."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from guide_app.core import i18n

    if i18n.content_language() == i18n.SOURCE:
        return None
    QLocale.setDefault(QLocale(i18n.content_language()))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(i18n.content_language()), "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    return None


def build(
    args: argparse.Namespace,
    settings: QSettings,
    on_error: Callable[[], Any] | None = None,
    *,
    held: Held | None = None,
) -> MainWindow:
    """Show the window at once, then load and wire everything after its first paint;
    ``held``: another copy owns the journal, so this window only reads it."""
    from guide_app.ui.main_window import MainWindow

    window = MainWindow(settings)
    if getattr(args, "fullscreen", False):
        window.showFullScreen()
    else:
        window.show()
    _after_first_paint(window, lambda: _finish(window, args, settings, on_error, held=held))
    return window


def _after_first_paint(window: MainWindow, then: Callable[[], None]) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    window._first_paint = FirstPaint(window)  # type: ignore[attr-defined]
    window.installEventFilter(window._first_paint)  # type: ignore[attr-defined]


def _finish(
    window: MainWindow,
    args: argparse.Namespace,
    settings: QSettings,
    on_error: Callable[[], Any] | None,
    *,
    held: Held | None = None,
) -> None:
    from guide_app import paths
    from guide_app.core.choice import SessionChoice, single_exercise_session
    from guide_app.core.clock import MonotonicClock, ScaledClock
    from guide_app.core.history import Journal
    from guide_app.core.journal_lock import ReadOnlyJournal
    from guide_app.core.loader import load_library
    from guide_app.core.notice import NoticeLevel

    roots = paths.library_roots(list(args.library), with_user=not args.no_user_library)
    library = load_library(roots)
    data_dir = Path(args.data_dir) if args.data_dir else paths.data_dir()
    clock: Clock = (
        ScaledClock(args.time_scale) if getattr(args, "time_scale", None) else MonotonicClock()
    )
    voice = make_voice(args, paths.cache_dir() / "speech", settings, clock)
    attach(
        window,
        library,
        settings,
        user_library=None if args.no_user_library else paths.user_library_dir(),
        thumbnail_folder=paths.cache_dir() / "thumbnails",
        reload=lambda: load_library(paths.library_roots(list(args.library))),
        clock=clock,
        voice=voice,
        journal=(
            (lambda: Journal(data_dir / "history.sqlite3", clock=clock))
            if held is None  # this copy owns the journal; else another does, and it's read
            else (lambda: ReadOnlyJournal(data_dir / "history.sqlite3", held, clock=clock))
        ),
        autoplay=getattr(args, "autoplay", False),
        display_screen=getattr(args, "display_screen", None),
        trace=getattr(args, "trace", False),
        lead=VOICE_LEAD,
    )
    problem = getattr(voice, "problem", None)
    if problem:
        window.show_notice(problem, NoticeLevel.PROBLEM)
    if getattr(args, "mute", False):
        window.adapter.toggle_mute()
    if getattr(args, "quit_when_done", False):
        from PySide6.QtCore import QCoreApplication, QTimer

        def quit_once_said(*_: object) -> None:
            """Quit half a second after the last words asked for have been said."""
            run = window.adapter.run
            left = run.runner.said_until - run.clock.now() if run.runner is not None else 0.0
            real = run.clock.real_seconds(max(0.0, left))
            QTimer.singleShot(500 + round(1000 * real), QCoreApplication.quit)

        window.adapter.finished.connect(quit_once_said)
    if window.display is not None:
        note = window.display.show_on(args.display_screen, fullscreen=True)
        if note:
            window.show_notice(note)

    session_id = getattr(args, "session", None)
    pending = window.adapter.interrupted()
    if pending is not None:
        record, sets = pending
        if getattr(args, "resume", False) and record.session_id in (
            session_id,
            f"exercise-{session_id}",
        ):
            if window.adapter.resume(record, sets):
                window.pages.setCurrentWidget(window.session)
                return
        elif not getattr(args, "autoplay", False) and window.offer_resume(record, sets):
            return
    if not session_id:
        return
    if session_id in library.sessions:
        session = library.sessions[session_id]
    elif session_id in library.exercises:
        session = single_exercise_session(library.exercises[session_id])
    else:
        print(
            "guide-app: "
            + tr("no session or exercise {id} (see `guide-app list`)", id=repr(session_id)),
            file=sys.stderr,
        )
        if on_error is not None:
            on_error()
        return
    window.start(
        SessionChoice(
            session=session,
            programme_id=None,
            phase=None,
            affected=args.affected_side,
            weaker=args.weaker_side,
        )
    )


def build_window(
    library: Library,
    settings: QSettings,
    *,
    clock: Clock,
    voice: Speech,
    journal: Callable[[], Journal] | None = None,
    autoplay: bool = False,
    display_screen: int | None = None,
    trace: bool = False,
    lead: float = 0.0,
    user_library: Path | None = None,
    reload: Callable[[], Library] | None = None,
    thumbnail_folder: Path | None = None,
) -> MainWindow:
    """The control window over the given services, built at once (for tests and tools);
    with ``user_library`` the editors save there (``reload`` loads the library anew)."""
    from guide_app.ui.main_window import MainWindow

    window = MainWindow(settings)
    attach(
        window,
        library,
        settings,
        clock=clock,
        voice=voice,
        journal=journal,
        autoplay=autoplay,
        display_screen=display_screen,
        trace=trace,
        lead=lead,
        user_library=user_library,
        reload=reload,
        thumbnail_folder=thumbnail_folder,
    )
    return window


def attach(
    window: MainWindow,
    library: Library,
    settings: QSettings,
    *,
    clock: Clock,
    voice: Speech,
    journal: Callable[[], Journal] | None,
    autoplay: bool,
    display_screen: int | None,
    trace: bool = False,
    lead: float = 0.0,
    user_library: Path | None = None,
    reload: Callable[[], Library] | None = None,
    thumbnail_folder: Path | None = None,
) -> None:
    """Build Home, the session run and its adapter, and the display over the services,
    and attach them; with ``user_library``, the editors too (saving there; ``reload``
    loads the library again after an import); ``thumbnail_folder`` keeps the exercise
    thumbnails between runs."""
    from guide_app.core.notice import NoticeLevel
    from guide_app.core.session_run import SessionRun
    from guide_app.ui import main_thread_gc
    from guide_app.ui.display import DisplayWindow
    from guide_app.ui.home import HomePage
    from guide_app.ui.outline import describe_session
    from guide_app.ui.session_adapter import SessionAdapter

    # Before Home starts its background threads; no full collection while a session runs.
    main_thread_gc.install(busy=lambda: window.running)
    run = SessionRun(library, clock, voice, journal, autoplay=autoplay, lead=lead)
    adapter = SessionAdapter(run, trace=trace)
    if trace:
        voice.scheduled.connect(lambda text, at: print(f"voice {at:.6f} {text}", flush=True))
    from guide_app.ui.thumbnails import ThumbnailCache

    thumbnails = ThumbnailCache(thumbnail_folder, parent=window)  # Home's and the editors'
    home = HomePage(
        library,
        settings,
        lambda s, a, w: describe_session(library, s, a, w),
        thumbnails=thumbnails,
    )
    display = DisplayWindow() if display_screen is not None else None
    editors = None
    if user_library is not None:
        from guide_app.ui.editor_host import EditorHost

        editors = EditorHost(library, user_library, window, thumbnails=thumbnails)
        window.reload_library = reload
    window.attach(home, adapter, display, editors)
    from guide_app.ui.voice_ahead import VoiceAhead

    ahead = VoiceAhead(
        voice, home.current_choice, lambda: home.library, lambda: window.running, parent=window
    )
    home.choice_changed.connect(ahead.chosen)
    ahead.chosen()  # the choice Home opens with
    window.voice_ahead = ahead
    window.summary.effort_rated.connect(adapter.rate)  # every exercise rated on the summary
    voice.status_changed.connect(window.voice_status)
    voice.progress.connect(window.voice_progress)
    window.voice_status(voice.status)

    problems = [str(p) for p in library.problems]
    if problems:
        window.show_notice(
            ntr(
                "{n} content problem; everything else loaded. First: {first}",
                "{n} content problems; everything else loaded. First: {first}",
                len(problems),
                first=problems[0],
            )
            + "  "
            + tr("(run `guide-app validate` for all)"),
            NoticeLevel.PROBLEM,
        )
    elif library.notices:
        window.show_notice(library.notices[0])
    from guide_app.ui.programme_days import ProgrammeDays

    window.days = ProgrammeDays(window, library, clock)
    window.people.restore()  # the person of last time (opens the journal: ui.people)


def make_voice(
    args: argparse.Namespace, cache_dir: Path, settings: QSettings, clock: Clock
) -> Speech:
    """The real voice with the saved settings, or a silent one that says why: the voice
    is optional, so a cache folder that can't be made costs the voice, not the app."""
    from guide_app.core.voice import VoiceStatus
    from guide_app.speech.service import QtSpeech, SilentSpeech
    from guide_app.ui import voice_settings

    if getattr(args, "no_voice", False):
        return SilentSpeech()
    try:
        return QtSpeech(cache_dir, voice_settings.load(settings), clock=clock)
    except OSError as error:  # the cache folder: a file in its way, read-only, no space
        problem = tr(
            "No voice: the folder for its sound files, {folder}, can't be created or "
            "written to ({error}). Sessions run with the cues on screen. Check that folder "
            "(or XDG_CACHE_HOME), or start Session Guide with --no-voice.",
            folder=cache_dir,
            error=error.strerror or error,
        )
        return SilentSpeech(VoiceStatus.NO_CACHE, problem=problem)
