"""Screenshots of the app in another language: Home, a rep, the clinic display and the
summary, at a laptop's 1366x768 (the display at 1920x1080). Run under Xvfb:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/language_screenshots.py de es
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/language_screenshots.py pseudo

Writes docs/screenshots/<language>-home.png, -rep.png, -display.png, -summary.png and
-history.png (the pseudo language to a temporary folder, printed: it is for looking at,
not for the README).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from screenshots import laptop_window, run_until, settle  # scripts/screenshots.py, beside this one

from guide_app.app import qt_translation
from guide_app.core import i18n
from guide_app.core.choice import SessionChoice
from guide_app.core.plan import StepKind

DOCS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path)


def shots(app: QApplication, language: str, out: Path) -> None:
    i18n.set_language(language)
    words = qt_translation(app)  # Qt's own words (key names, standard buttons), as the app does
    window, library, clock = laptop_window(app, Path(tempfile.mkdtemp()))
    shoot(app, window, out / f"{language}-home.png")

    def kind() -> StepKind:
        runner = window.adapter.run.runner
        assert runner is not None
        return runner.step.kind

    choice = window.home.current_choice()
    assert choice is not None
    window.start(choice)
    run_until(window, clock, lambda: kind() is StepKind.REP)
    for _ in range(7):
        window.adapter.next()
    shoot(app, window, out / f"{language}-rep.png")
    window.adapter.run.stop_quietly()

    window.start(
        SessionChoice(session=library.sessions["first-session"], affected="right", weaker=None)
    )
    run_until(window, clock, lambda: kind() is StepKind.PHASE)
    clock.advance(1.0)
    window.adapter.tick()
    assert window.display is not None
    window.display.resize(1920, 1080)
    window.display.show()
    window.adapter.refresh()
    shoot(app, window.display, out / f"{language}-display.png")
    window.adapter.skip_exercise()
    run_until(window, clock, lambda: kind() is StepKind.END)
    settle(app)
    shoot(app, window, out / f"{language}-summary.png")
    window.adapter.run.stop_quietly()
    window.open_history()
    history = window._history
    assert history is not None
    history.resize(1366, 768)
    shoot(app, history, out / f"{language}-history.png")
    history.close()
    window.display.close()
    window.close()
    if words is not None:
        app.removeTranslator(words)
    i18n.set_language(None)


def main() -> int:
    app = QApplication(sys.argv[:1])
    for language in sys.argv[1:] or ["de", "es"]:
        out = Path(tempfile.mkdtemp()) if language == i18n.PSEUDO else DOCS
        shots(app, language, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
