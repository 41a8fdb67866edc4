"""Desktop reminders while the app runs: a system tray notification at each of the
person's reminder times when a session is due and not yet done.

The deadline is absolute wall-clock time (``clock.wall()``), never counted ticks: the
timer sleeps until the deadline but at most ``CHECK_SECONDS``, and each time it wakes it
reads the wall clock again. A QTimer runs on monotonic time, which stops while a laptop
is suspended; waking after a reminder's time, the next check (within a minute) shows the
latest reminder that passed that day, once, rather than each one missed. A slot is
reminded at most once, and a slot done by then is not reminded at all: what is due and
done is read from ``person_source`` at each check. With no system tray the reminder goes
to ``on_fallback`` (the window shows it as a notice). Call ``refresh`` when the person,
their programme, their reminder times or their sessions change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from guide_app.core import locale_format
from guide_app.core.clock import Clock
from guide_app.core.i18n import tr
from guide_app.core.people import Person
from guide_app.core.programme_model import Programme
from guide_app.core.reminders import Reminder, SessionTitle, next_reminder, reminders_between

PersonSource = Callable[[], tuple[Person, Programme | None, Mapping[date, int]]]
CHECK_SECONDS = 60.0  # the longest the timer sleeps before reading the wall clock again
MESSAGE_MS = 15_000  # how long the tray message stays, where the desktop lets us choose


class Reminders(QObject):
    """The reminders of the current person while the app runs.

    ``person_source`` gives the current person, their programme (None: no reminders) and
    the sessions of it they finished per day; ``on_fallback`` shows a reminder's words in
    the window when there is no system tray; ``name_of`` gives a session's title from its
    id; ``tray`` forces whether a system tray is used (by default: when one is available).
    """

    reminded = Signal(str)  # a reminder's words, each time one is given
    open_requested = Signal()  # the tray icon or its message was clicked: show the window

    def __init__(
        self,
        clock: Clock,
        person_source: PersonSource,
        on_fallback: Callable[[str], None],
        parent: QObject | None = None,
        *,
        name_of: SessionTitle | None = None,
        tray: bool | None = None,
        icon: QIcon | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._source = person_source
        self._fallback = on_fallback
        self._name_of = name_of
        self._checked = self._now()  # reminders up to here are past: not shown on start
        self._shown: set[tuple[str, date, int]] = set()  # person, day, slot
        self.next: Reminder | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.check)
        use_tray = QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray
        self.tray: QSystemTrayIcon | None = None
        if use_tray:
            self.tray = QSystemTrayIcon(icon or _app_icon(), self)
            self.tray.activated.connect(self._activated)
            self.tray.messageClicked.connect(self.open_requested.emit)
        self.check()

    @property
    def deadline(self) -> float | None:
        """The wall-clock time (Unix seconds) of the next reminder, or None."""
        return self.next.at.timestamp() if self.next is not None else None

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock.wall())

    def refresh(self) -> None:
        """The person or their sessions changed: give any reminder just due, and aim at
        the next one."""
        self.check()

    def check(self) -> None:
        """Give the latest reminder that came due since the last check (of today, not
        done, not given before), then set the timer for the next one."""
        now = self._now()
        person, programme, done_on = self._source()
        since = min(self._checked, now)  # the wall clock may have been set back
        passed = [
            r
            for r in reminders_between(
                person, programme, since, now, done_on, name_of=self._name_of
            )
            if r.day == now.date() and (person.uid, r.day, r.slot) not in self._shown
        ]
        self._checked = now
        self.next = next_reminder(person, programme, now, done_on, name_of=self._name_of)
        self._arm(now, wanted=programme is not None and bool(person.reminders))
        if passed:
            self._shown.update((person.uid, r.day, r.slot) for r in passed)
            self._remind(passed[-1])

    def _arm(self, now: datetime, *, wanted: bool) -> None:
        """Set the timer for the next reminder (checking the wall clock at least every
        ``CHECK_SECONDS``); the tray icon is there while the person has reminders."""
        if self.tray is not None:
            self.tray.setVisible(wanted)
        if self.next is None:
            self.timer.stop()
            return
        wait = min(CHECK_SECONDS, max(0.0, (self.next.at - now).total_seconds()))
        self.timer.start(round(wait * 1000))
        if self.tray is not None:
            self.tray.setToolTip(
                tr("Session Guide: next reminder at {time}", time=locale_format.clock(self.next.at))
            )

    def _remind(self, reminder: Reminder) -> None:
        words = reminder.words()
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(
                tr("Session Guide"), words, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS
            )
        else:
            self._fallback(words)
        self.reminded.emit(words)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

    def stop(self) -> None:
        """No more reminders (the app is closing)."""
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()


def _app_icon() -> QIcon:
    """The app's window icon, or the desktop style's information icon when it has none."""
    icon = QApplication.windowIcon()
    if icon.isNull():
        style = QApplication.style()
        icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    return icon
