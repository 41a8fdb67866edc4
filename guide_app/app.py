"""The composition root: the only place that builds the services and wires them together."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run_app(args: argparse.Namespace) -> int:
    """Open the window (``guide-app``) or go straight into a session (``guide-app run``)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from guide_app import paths

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(paths.ORGANISATION)
    app.setApplicationName(paths.APPLICATION)
    app.setApplicationDisplayName("Session Guide")
    window = build(args, QSettings())
    if window is None:
        return 2
    return int(app.exec())


def build(args: argparse.Namespace, settings):  # type: ignore[no-untyped-def]
    """Build every service and the window from the command-line options, and show it."""
    from guide_app import paths
    from guide_app.cli import library_roots
    from guide_app.core.clock import MonotonicClock
    from guide_app.core.history import Journal
    from guide_app.core.loader import load_library
    from guide_app.ui.home import SessionChoice, single_exercise_session

    library = load_library(library_roots(list(args.library), with_user=not args.no_user_library))
    data_dir = Path(args.data_dir) if args.data_dir else paths.data_dir()
    window = build_window(
        library,
        settings,
        clock=MonotonicClock(),
        voice=make_voice(args, paths.cache_dir() / "speech"),
        journal=lambda: Journal(data_dir / "history.sqlite3"),
        autoplay=getattr(args, "autoplay", False),
        display_screen=getattr(args, "display_screen", None),
    )
    if getattr(args, "mute", False):
        window.driver.toggle_mute()
    if getattr(args, "fullscreen", False):
        window.showFullScreen()
    else:
        window.show()
    if window.display is not None:
        note = window.display.show_on(args.display_screen, fullscreen=True)
        if note:
            window.show_notice(note)

    session_id = getattr(args, "session", None)
    if session_id:
        if session_id in library.sessions:
            session = library.sessions[session_id]
        elif session_id in library.exercises:
            session = single_exercise_session(library.exercises[session_id])
        else:
            print(
                f"guide-app: no session or exercise {session_id!r} (see `guide-app list`)",
                file=sys.stderr,
            )
            return None
        window.start(
            SessionChoice(
                session=session,
                programme_id=None,
                phase=None,
                affected=args.affected_side,
                weaker=args.weaker_side,
                weaker_first=True,
            )
        )
    return window


def build_window(  # type: ignore[no-untyped-def]
    library,
    settings,
    *,
    clock,
    voice,
    journal=None,
    autoplay: bool = False,
    display_screen: int | None = None,
):
    """The control window (and the display window when asked) over the given services."""
    from guide_app.ui.display import DisplayWindow
    from guide_app.ui.driver import SessionDriver
    from guide_app.ui.home import HomePage
    from guide_app.ui.main_window import MainWindow
    from guide_app.ui.outline import describe_session

    driver = SessionDriver(library, clock, voice, journal=journal, autoplay=autoplay)
    home = HomePage(library, settings, lambda s, a, w: describe_session(library, s, a, w))
    display = DisplayWindow() if display_screen is not None else None
    window = MainWindow(home, driver, settings, display=display)
    voice.status_changed.connect(window.voice_status)
    window.voice_status(voice.status)

    problems = [str(p) for p in library.problems]
    if problems:
        window.show_notice(
            f"{len(problems)} content problem(s); everything else loaded. "
            f"First: {problems[0]}  (run `guide-app validate` for all)"
        )
    elif library.notices:
        window.show_notice(library.notices[0])
    return window


def make_voice(args: argparse.Namespace, cache_dir: Path):  # type: ignore[no-untyped-def]
    """The real voice, or a silent one that says why when asked for none."""
    from guide_app.speech.service import QtSpeech, SilentSpeech

    if getattr(args, "no_voice", False):
        return SilentSpeech()
    return QtSpeech(cache_dir)
