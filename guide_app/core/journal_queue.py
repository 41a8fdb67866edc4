"""A session's journal writes in one ordered queue, so a locked or full journal never holds
up a session and loses nothing.

``WriteQueue`` stands where a session run writes (it is a ``SessionJournal``). Each write
(the start of a session, a set, a measurement, pain, effort, the end of a session) is
stamped with its own time and put at the end of the queue, and the queue writes from its
head for as long as the journal takes them. A write the journal refuses (another program
holds the file, the disk is full, the folder is read-only) stays at the head with all that
came after it, and the host calls ``retry`` at ``retry_at`` to write them, in order, as
soon as the journal takes them again. Writes never wait for another program's lock (the
journal's lock wait is set to 0), so no call here holds up the window.

A session whose start can't be written yet gets a stand-in row (negative); what is
written for it later goes to its real row once that exists. While writes wait they are
also kept in a small file beside the journal (``<journal>.waiting``, readable by the
user alone), rewritten as the queue changes and removed once it is empty; the next start
writes what it holds, first. ``say`` tells the person when writes begin to wait
(how many, and why) and when they have all been saved. One thread only.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from guide_app.core.clock import Clock
from guide_app.core.history import (
    EffortRating,
    Journal,
    Measurement,
    PainReport,
    SessionRecord,
    SetRecord,
    StorageError,
)
from guide_app.core.history_storage import PRIVATE_FILE
from guide_app.core.i18n import ntr, tr
from guide_app.core.journal_port import SessionJournal
from guide_app.core.sides import Side

RETRY_SECONDS = 0.5  # real seconds between tries while writes wait
WAITING_SUFFIX = ".waiting"  # beside the journal: what waits to be written, kept over a quit

_RECORDS: dict[str, type[Any]] = {
    kind.__name__: kind for kind in (SetRecord, Measurement, PainReport, EffortRating)
}


@dataclass(frozen=True, slots=True)
class _Write:
    """One call of the journal's, kept to be made: ``method(row, *args, **kwargs)``, or
    for ``begin_session`` ``method(*args, **kwargs)`` with ``row`` its stand-in."""

    method: str
    row: int
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


def _ignore(text: str, problem: bool) -> None:
    pass


def _encode(value: Any) -> Any:
    if type(value).__name__ in _RECORDS:
        return {"record": type(value).__name__, "fields": asdict(value)}
    return value  # str (a Side is one), int, float, bool, None


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "record" in value:
        return _RECORDS[value["record"]](**value["fields"])
    return value


def queue_for(
    journal: SessionJournal, clock: Clock, say: Callable[[str, bool], None] = _ignore
) -> WriteQueue:
    """The write queue over a session's journal; over the real journal its writes never
    wait for a lock, and what waits is kept beside the journal over a quit. ``say(text,
    problem)`` tells the person when writes wait and when they were saved."""
    keep = None
    if isinstance(journal, Journal):
        journal.set_lock_wait(0.0)
        if not getattr(journal, "owned_elsewhere", False):  # another copy's: keep nothing
            keep = journal.path.with_name(journal.path.name + WAITING_SUFFIX)
    return WriteQueue(journal, clock, keep, say)


class WriteQueue:
    """A session's writes to ``journal`` in order, never holding up the caller (see the
    module); reads go straight to the journal."""

    def __init__(
        self,
        journal: SessionJournal,
        clock: Clock,
        keep: Path | None = None,
        say: Callable[[str, bool], None] = _ignore,
    ) -> None:
        self.journal = journal
        self.clock = clock
        self.keep = keep
        self.say = say
        self.notice = journal.notice
        self._waiting: deque[_Write] = deque()
        self._rows: dict[int, int] = {}  # stand-in -> the session's row once written
        self._stand_in = 0
        self._error: StorageError | None = None
        self._retry_at: float | None = None
        self._told = 0  # waiting writes the person was last told of (0: none, -1: unsaid)
        self._saved = 0  # written since writes began to wait
        self._kept = ""  # what the file beside the journal holds
        self._load()
        self._flush()

    # ------------------------------------------------------------------ state

    @property
    def waiting(self) -> int:
        """How many writes wait."""
        return len(self._waiting)

    def retry_at(self) -> float | None:
        """When ``retry`` should next be called, on the clock (None: nothing waits)."""
        return self._retry_at if self._waiting else None

    def retry(self) -> None:
        """Write what waits, once its time to try again has come."""
        if self._waiting and (self._retry_at is None or self.clock.now() >= self._retry_at):
            self._flush()

    def close(self) -> None:
        """Try once more, keep what still waits beside the journal, close the journal."""
        if self._waiting:
            self._flush()
        self._keep()
        self.journal.close()

    # ------------------------------------------------------------------ writes

    def begin_session(
        self,
        session_id: str,
        title: str,
        *,
        programme_id: str | None = None,
        phase: str | None = None,
        affected_side: Literal["left", "right"] | None = None,
        weaker_side: Literal["left", "right"] | None = None,
        started_at: float | None = None,
        person: int | None = None,
    ) -> int:
        """The session's row, or a stand-in (negative) for it while its start waits."""
        self._stand_in -= 1
        stand_in = self._stand_in
        kwargs = {
            "programme_id": programme_id,
            "phase": phase,
            "affected_side": affected_side,
            "weaker_side": weaker_side,
            "started_at": self._stamp(started_at),
            "person": person,
        }
        self._add(_Write("begin_session", stand_in, (session_id, title), kwargs))
        return self._rows.get(stand_in, stand_in)

    def record_set(self, session_row: int, record: SetRecord) -> SetRecord:
        record = replace(record, at=self._stamp(record.at))
        self._add(_Write("record_set", session_row, (record,)))
        return record

    def withdraw_set(
        self, session_row: int, exercise_id: str, side: Side, set_number: int, step: int | None
    ) -> bool:
        """Queued like every write: True once asked for (whether there was one to take
        back is known when it is written)."""
        self._add(_Write("withdraw_set", session_row, (exercise_id, side, set_number, step)))
        return True

    def record_measurement(self, session_row: int, measurement: Measurement) -> Measurement:
        measurement = replace(measurement, at=self._stamp(measurement.at))
        self._add(_Write("record_measurement", session_row, (measurement,)))
        return measurement

    def record_pain(self, session_row: int, report: PainReport) -> PainReport:
        report = replace(report, at=self._stamp(report.at))
        self._add(_Write("record_pain", session_row, (report,)))
        return report

    def record_effort(self, session_row: int, rating: EffortRating) -> EffortRating:
        rating = replace(rating, at=self._stamp(rating.at))
        self._add(_Write("record_effort", session_row, (rating,)))
        return rating

    def end_session(
        self,
        row: int,
        state: Literal["finished", "stopped"] = "finished",
        *,
        at: float | None = None,
    ) -> None:
        self._add(_Write("end_session", row, (state,), {"at": self._stamp(at)}))

    # ------------------------------------------------------------------ reads

    def pain_for(self, row: int) -> list[PainReport]:
        return self.journal.pain_for(row)

    def effort_for(self, row: int) -> list[EffortRating]:
        return self.journal.effort_for(row)

    def measurements_for(self, row: int) -> list[Measurement]:
        return self.journal.measurements_for(row)

    def abandon(self, row: int) -> None:
        self.journal.abandon(row)

    def interrupted_session(self) -> SessionRecord | None:
        return self.journal.interrupted_session()

    def resume_point(self, row: int) -> list[SetRecord]:
        return self.journal.resume_point(row)

    def programme_started(self, programme_id: str) -> float | None:
        return self.journal.programme_started(programme_id)

    # ------------------------------------------------------------------ inside

    def _stamp(self, at: float | None) -> float:
        """A write keeps the time it happened, however late it is written."""
        return self.clock.wall() if at is None else at

    def _add(self, write: _Write) -> None:
        if write.method != "begin_session":
            write = replace(write, row=self._rows.get(write.row, write.row))
        self._waiting.append(write)
        if len(self._waiting) == 1:
            self._flush(at_once=True)  # nothing ahead of it: written now
        else:
            self.retry()
            self._report()

    def _flush(self, *, at_once: bool = False) -> None:
        """Write from the head while the journal takes it. A write the journal can never
        take (``ValueError``: no such session, not running) is raised to the caller when
        made at once, and left out (and said) when made later; a fault stops the writing."""
        left_out: list[str] = []
        while self._waiting:
            write = self._waiting[0]
            try:
                result = self._apply(write)
            except StorageError as error:
                self._error = error
                real = self.clock.real_seconds(1.0)
                self._retry_at = self.clock.now() + RETRY_SECONDS / (real if real > 0 else 1.0)
                break
            except (ValueError, KeyError) as error:
                self._waiting.popleft()
                if at_once:
                    self._report()
                    raise
                left_out.append(str(error))
                continue
            self._waiting.popleft()
            if write.method == "begin_session":
                self._rows[write.row] = int(result)
            if self._told:
                self._saved += 1
        if left_out:
            self.say(self._left_out(left_out), True)
        self._report()

    def _apply(self, write: _Write) -> Any:
        method = getattr(self.journal, write.method)
        if write.method == "begin_session":
            return method(*write.args, **write.kwargs)
        row = self._rows.get(write.row, write.row)
        if row < 0:
            raise ValueError("its session's start was left out")
        return method(row, *write.args, **write.kwargs)

    def _left_out(self, errors: list[str]) -> str:
        return ntr(
            "{n} waiting entry could not be saved in your history and was left out: {error}.",
            "{n} waiting entries could not be saved in your history and were left out; the "
            "first: {error}.",
            len(errors),
            error=errors[0],
        )

    def _report(self) -> None:
        """Tell the person when writes begin to wait or their number changes, and when
        all that waited is saved; keep what waits beside the journal."""
        count = len(self._waiting)
        if count and count != self._told and self._error is not None:
            kept = ntr(
                "Nothing is lost: {n} entry is kept and will be saved, in order, as soon as "
                "the history file can be written again.",
                "Nothing is lost: {n} entries are kept and will be saved, in order, as soon "
                "as the history file can be written again.",
                count,
            )
            self.say(f"{self._error.message} {kept}", True)
            self._told = count
        elif not count and self._told:
            saved = ntr(
                "Your history can be written again: the {n} entry that waited is saved.",
                "Your history can be written again: the {n} entries that waited are saved.",
                self._saved,
            )
            if self._saved:
                self.say(saved, False)
            self._told = self._saved = 0
            self._error = None
        self._keep()

    # ------------------------------------------------------------------ kept over a quit

    def _keep(self) -> None:
        """Keep what waits in the file beside the journal (removed once nothing waits)."""
        if self.keep is None:
            return
        writes = [
            {
                "method": w.method,
                "row": w.row,
                "args": [_encode(a) for a in w.args],
                "kwargs": w.kwargs,
            }
            for w in self._waiting
        ]
        text = json.dumps({"version": 1, "writes": writes}) if writes else ""
        if text == self._kept:
            return
        try:
            if text:
                part = self.keep.with_name(self.keep.name + ".part")
                descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
                with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                    file.write(text)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(part, self.keep)
            else:
                self.keep.unlink(missing_ok=True)
        except OSError:
            return  # a full disk may refuse this too: what waits is still held in memory
        self._kept = text

    def _load(self) -> None:
        """Put what a previous run could not write at the head of the queue."""
        if self.keep is None or not self.keep.exists():
            return
        try:
            text = self.keep.read_text(encoding="utf-8")
            data = json.loads(text)
            stand_ins: dict[int, int] = {}
            writes = []
            for item in data["writes"]:
                row = int(item["row"])
                if row < 0:  # a stand-in of the previous run: one of this run's instead
                    if row not in stand_ins:
                        self._stand_in -= 1
                        stand_ins[row] = self._stand_in
                    row = stand_ins[row]
                args = tuple(_decode(a) for a in item["args"])
                writes.append(_Write(str(item["method"]), row, args, dict(item["kwargs"])))
        except (OSError, ValueError, KeyError, TypeError) as error:
            self._set_aside(error)
            return
        self._waiting.extend(writes)
        self._kept = text
        self._told = -1  # so that they wait, or that they were saved, is said

    def _set_aside(self, error: Exception) -> None:
        assert self.keep is not None
        aside = self.keep.with_name(self.keep.name + ".unreadable")
        with contextlib.suppress(OSError):
            os.replace(self.keep, aside)
        message = tr(
            "Entries a previous run could not save were kept in {path}, but that file can't "
            "be read ({error}). It was moved to {aside}; nothing was deleted.",
            path=self.keep,
            error=error,
            aside=aside,
        )
        self.say(message, True)
