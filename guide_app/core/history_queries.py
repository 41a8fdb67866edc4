"""Reading the journal back: sessions, what was recorded in them, per-side totals, chart
series, and the CSV export; each view's data in one or a few SQL statements.

``JournalQueries`` is the reading half of ``history.Journal``: every method runs a fixed
number of statements however many sessions the journal holds, so a window or a report
never reads once per session.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from guide_app.core.history_records import (
    DayVolume,
    EffortRating,
    Measurement,
    MeasurementPoint,
    PainReport,
    SessionDetail,
    SessionLog,
    SessionRecord,
    SessionSummary,
    SetRecord,
    SideTotals,
    volume_by_day,
)
from guide_app.core.history_storage import error_from_os, open_private
from guide_app.core.sides import Side

CSV_COLUMNS = (
    "date",
    "session",
    "programme",
    "exercise",
    "side",
    "set",
    "planned reps",
    "done reps",
    "planned hold seconds",
    "held seconds",
    "tempo",
    "skipped",
    "cut short",
    "load",
)

SESSION_COLUMNS = (
    "id, session_id, title, programme_id, phase, affected_side, weaker_side, "
    "started_at, ended_at, state, person, uid"
)
_SESSION_WIDTH = len(SESSION_COLUMNS.split(", "))
SET_COLUMNS = (
    "step, exercise_id, side, set_number, planned_reps, done_reps, hold_planned, "
    "hold_achieved, tempo, skipped, at, plan_index, load, uid"
)
# Read back, each entry also says whether it was corrected (journal version 5).
_CORRECTED = "corrected_at IS NOT NULL"
_SET_READ = f"{SET_COLUMNS}, {_CORRECTED}"
_PAIN_COLUMNS = f"exercise_id, side, score, location, at, uid, {_CORRECTED}, moment"
_MEASUREMENT_COLUMNS = f"name, side, value, unit, at, plan_index, uid, {_CORRECTED}"
_EFFORT_COLUMNS = f"exercise_id, side, score, at, uid, {_CORRECTED}"


def _day_start(day: date) -> float:
    return datetime(day.year, day.month, day.day).timestamp()


def _range(
    since: date | None, until: date | None, column: str, person: int | None = None
) -> tuple[str, list[float]]:
    """A SQL condition selecting ``column`` (a session's start) within whole local days,
    and with ``person``, that person's sessions alone (the column's table is ``sessions``)."""
    clauses = ["1"]
    params: list[float] = []
    if person is not None:
        clauses.append(f"{column.rpartition('.')[0] or 'sessions'}.person = ?")
        params.append(person)
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(_day_start(since))
    if until is not None:
        clauses.append(f"{column} < ?")
        params.append(_day_start(until + timedelta(days=1)))
    return " AND ".join(clauses), params


def _prefixed(alias: str, columns: str) -> str:
    return ", ".join(f"{alias}.{c}" for c in columns.split(", "))


def session_from_row(row: Sequence[Any]) -> SessionRecord:
    return SessionRecord(
        row=row[0],
        session_id=row[1],
        title=row[2],
        programme_id=row[3],
        phase=row[4],
        affected_side=None if row[5] is None else Side(row[5]),
        weaker_side=None if row[6] is None else Side(row[6]),
        started_at=row[7],
        ended_at=row[8],
        state=row[9],
        person=row[10],
        uid=row[11],
    )


def _set_from_row(row: Sequence[Any]) -> SetRecord:
    return SetRecord(
        step=row[0],
        exercise_id=row[1],
        side=Side(row[2]),
        set_number=row[3],
        planned_reps=row[4],
        done_reps=row[5],
        hold_planned=row[6],
        hold_achieved=row[7],
        tempo=row[8],
        skipped=bool(row[9]),
        at=row[10],
        plan_index=row[11],
        load=row[12],
        uid=row[13],
        corrected=bool(row[14]) if len(row) > 14 else False,
    )


def _pain_from_row(row: Sequence[Any]) -> PainReport:
    return PainReport(
        exercise_id=row[0],
        side=Side(row[1]),
        score=row[2],
        where=row[3],
        at=row[4],
        uid=row[5],
        corrected=bool(row[6]),
        moment=row[7],
    )


def _measurement_from_row(row: Sequence[Any]) -> Measurement:
    return Measurement(
        name=row[0],
        side=Side(row[1]),
        value=row[2],
        unit=row[3],
        at=row[4],
        plan_index=row[5],
        uid=row[6],
        corrected=bool(row[7]),
    )


def _effort_from_row(row: Sequence[Any]) -> EffortRating:
    return EffortRating(
        exercise_id=row[0],
        side=Side(row[1]),
        score=row[2],
        at=row[3],
        uid=row[4],
        corrected=bool(row[5]),
    )


def _tenths(value: float | None) -> str:
    """Seconds for the export: rounded to tenths, empty when there are none."""
    return "" if value is None else f"{round(value, 1):.1f}"


class JournalQueries:
    """The journal's read queries, on the connection ``Journal`` owns.

    Every query over many sessions reads the sessions of ``person`` alone (a row of
    ``people``; 1 is the default person); an entry deleted from the history window is
    never read back (its row is kept, marked ``deleted``, with its correction)."""

    person: int = 1

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError

    # ----------------------------------------------------------------- one session

    def session(self, row: int) -> SessionRecord:
        rows = self._read(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (row,))
        if not rows:
            raise ValueError(f"no session {row} in the journal")
        return session_from_row(rows[0])

    def sets_for(self, row: int) -> list[SetRecord]:
        rows = self._read(
            f"SELECT {_SET_READ} FROM sets WHERE session = ? AND NOT deleted ORDER BY id", (row,)
        )
        return [_set_from_row(r) for r in rows]

    def measurements_for(self, row: int) -> list[Measurement]:
        rows = self._read(
            f"SELECT {_MEASUREMENT_COLUMNS} FROM measurements WHERE session = ? AND NOT deleted "
            "ORDER BY id",
            (row,),
        )
        return [_measurement_from_row(r) for r in rows]

    def pain_for(self, row: int) -> list[PainReport]:
        rows = self._read(
            f"SELECT {_PAIN_COLUMNS} FROM pain WHERE session = ? AND NOT deleted ORDER BY id",
            (row,),
        )
        return [_pain_from_row(r) for r in rows]

    def effort_for(self, row: int) -> list[EffortRating]:
        rows = self._read(
            f"SELECT {_EFFORT_COLUMNS} FROM effort WHERE session = ? AND NOT deleted ORDER BY id",
            (row,),
        )
        return [_effort_from_row(r) for r in rows]

    # ----------------------------------------------------------------- many sessions

    def sessions(self, since: date | None = None, until: date | None = None) -> list[SessionRecord]:
        """Sessions that started between two local dates (both included), oldest first."""
        where, params = _range(since, until, "started_at", self.person)
        rows = self._read(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE {where} ORDER BY started_at, id",
            params,
        )
        return [session_from_row(r) for r in rows]

    def programme_started(self, programme_id: str) -> float | None:
        """When the first session of a programme started (a time stamp), or None."""
        rows = self._read(
            "SELECT min(started_at) FROM sessions WHERE programme_id = ? AND person = ?",
            (programme_id, self.person),
        )
        return rows[0][0] if rows and rows[0][0] is not None else None

    def session_summaries(
        self, since: date | None = None, until: date | None = None
    ) -> list[SessionSummary]:
        """``sessions`` with their sets recorded and done and their highest pain, oldest
        first: what a list of sessions shows, in one statement."""
        where, params = _range(since, until, "se.started_at", self.person)
        rows = self._read(
            f"SELECT {_prefixed('se', SESSION_COLUMNS)}, "
            "(SELECT count(*) FROM sets s WHERE s.session = se.id AND NOT s.deleted), "
            "(SELECT count(*) FROM sets s WHERE s.session = se.id AND NOT s.skipped "
            "AND NOT s.deleted), "
            "(SELECT max(p.score) FROM pain p WHERE p.session = se.id AND NOT p.deleted) "
            f"FROM sessions se WHERE {where} ORDER BY se.started_at, se.id",
            params,
        )
        n = _SESSION_WIDTH
        return [SessionSummary(session_from_row(r[:n]), r[n], r[n + 1], r[n + 2]) for r in rows]

    def session_details(
        self, since: date | None = None, until: date | None = None
    ) -> list[SessionDetail]:
        """``sessions`` with every set, measurement, pain report and effort rating in them,
        oldest first: what a report needs, in five statements."""
        where, params = _range(since, until, "se.started_at", self.person)
        within = (
            f"JOIN sessions se ON se.id = x.session WHERE {where} AND NOT x.deleted ORDER BY x.id"
        )
        kinds: list[dict[int, list[Any]]] = []
        for columns, table, make in (
            (_SET_READ, "sets", _set_from_row),
            (_MEASUREMENT_COLUMNS, "measurements", _measurement_from_row),
            (_PAIN_COLUMNS, "pain", _pain_from_row),
            (_EFFORT_COLUMNS, "effort", _effort_from_row),
        ):
            found: dict[int, list[Any]] = {}
            rows = self._read(
                f"SELECT x.session, {_prefixed('x', columns)} FROM {table} x {within}", params
            )
            for r in rows:
                found.setdefault(r[0], []).append(make(r[1:]))
            kinds.append(found)
        sets, measurements, pain, effort = kinds
        return [
            SessionDetail(
                record,
                tuple(sets.get(record.row, ())),
                tuple(measurements.get(record.row, ())),
                tuple(pain.get(record.row, ())),
                tuple(effort.get(record.row, ())),
            )
            for record in self.sessions(since, until)
        ]

    def session_logs(
        self, exercise_id: str | None = None, *, include_running: bool = False
    ) -> list[SessionLog]:
        """Sessions with their sets and pain, oldest first.

        With ``exercise_id``: only sessions with a set of that exercise, narrowed to its sets
        and to the pain reported for it or for no exercise in particular.
        """
        state = "se.person = ?" if include_running else "se.person = ? AND se.state != 'running'"
        set_filter = "s.exercise_id = ?" if exercise_id is not None else "1"
        params: list[Any] = [self.person] + ([exercise_id] if exercise_id is not None else [])
        set_rows = self._read(
            f"SELECT s.session, {_prefixed('s', _SET_READ)} "
            f"FROM sets s JOIN sessions se ON se.id = s.session WHERE {state} AND {set_filter} "
            "AND NOT s.deleted ORDER BY s.id",
            params,
        )
        sets: dict[int, list[SetRecord]] = {}
        for r in set_rows:
            sets.setdefault(r[0], []).append(_set_from_row(r[1:]))
        pain_filter = "(p.exercise_id = ? OR p.exercise_id IS NULL)" if exercise_id else "1"
        pain_rows = self._read(
            f"SELECT p.session, {_prefixed('p', _PAIN_COLUMNS)} "
            f"FROM pain p JOIN sessions se ON se.id = p.session WHERE {state} AND {pain_filter} "
            "AND NOT p.deleted ORDER BY p.id",
            params,
        )
        pain: dict[int, list[PainReport]] = {}
        for r in pain_rows:
            pain.setdefault(r[0], []).append(_pain_from_row(r[1:]))
        session_rows = self._read(
            f"SELECT {SESSION_COLUMNS} FROM sessions se WHERE {state} ORDER BY started_at, id",
            (self.person,),
        )
        logs = []
        for r in session_rows:
            record = session_from_row(r)
            if exercise_id is not None and record.row not in sets:
                continue
            logs.append(
                SessionLog(record, tuple(sets.get(record.row, ())), tuple(pain.get(record.row, ())))
            )
        return logs

    # ----------------------------------------------------------------- totals and series

    def side_totals(
        self,
        exercise_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> dict[str, dict[Side, SideTotals]]:
        """Per exercise, per side: sets done, reps done, seconds held, sets skipped.

        Reps and seconds count what was done, also in a set cut short and marked skipped;
        ``sets`` counts only sets that were not skipped.
        """
        where, day_params = _range(since, until, "se.started_at", self.person)
        params: list[Any] = list(day_params)
        exercise_filter = "1"
        if exercise_id is not None:
            exercise_filter = "s.exercise_id = ?"
            params.append(exercise_id)
        rows = self._read(
            "SELECT s.exercise_id, s.side, sum(1 - s.skipped), sum(s.done_reps), "
            "total(s.hold_achieved), sum(s.skipped) "
            f"FROM sets s JOIN sessions se ON se.id = s.session "
            f"WHERE {where} AND {exercise_filter} AND NOT s.deleted "
            "GROUP BY s.exercise_id, s.side ORDER BY s.exercise_id, s.side",
            params,
        )
        totals: dict[str, dict[Side, SideTotals]] = {}
        for exercise, side, sets, reps, hold, skipped in rows:
            totals.setdefault(exercise, {})[Side(side)] = SideTotals(
                sets=sets, reps=reps, hold_seconds=hold, skipped=skipped
            )
        return totals

    def volume_by_day(self, exercise_id: str) -> list[DayVolume]:
        """Reps done per day on the left and on the right, for a chart; oldest day first."""
        rows = self._read(
            "SELECT se.started_at, s.side, s.done_reps FROM sets s "
            "JOIN sessions se ON se.id = s.session WHERE s.exercise_id = ? AND se.person = ? "
            "AND NOT s.deleted ORDER BY se.started_at",
            (exercise_id, self.person),
        )
        return volume_by_day([(t, side, reps) for t, side, reps in rows])

    def measurements_over_time(self, name: str) -> list[MeasurementPoint]:
        """Every value of one measurement, oldest first, dated by its session's start."""
        rows = self._read(
            "SELECT se.started_at, m.side, m.value FROM measurements m "
            "JOIN sessions se ON se.id = m.session WHERE m.name = ? AND se.person = ? "
            "AND NOT m.deleted ORDER BY se.started_at, m.id",
            (name, self.person),
        )
        return [
            MeasurementPoint(datetime.fromtimestamp(t).date(), Side(side), value)
            for t, side, value in rows
        ]

    def measurement_units(self) -> dict[str, str]:
        """Each measurement ever recorded, by name, with the unit it was first recorded in;
        sorted by name."""
        # One pass (SQLite takes the bare ``unit`` from the row of ``min(m.id)``), not a
        # look-up per measurement: three years of measurements took seconds.
        rows = self._read(
            "SELECT m.name, m.unit, min(m.id) FROM measurements m JOIN sessions se "
            "ON se.id = m.session WHERE se.person = ? AND NOT m.deleted "
            "GROUP BY m.name ORDER BY m.name",
            (self.person,),
        )
        return {name: unit for name, unit, _ in rows}

    # ----------------------------------------------------------------- export

    def export_csv(
        self,
        target: Path | str | IO[str],
        since: date | None = None,
        until: date | None = None,
    ) -> int:
        """Write one row per set per side (see ``CSV_COLUMNS``); returns the number of rows.

        Hold seconds (planned for the set, and held) are rounded to tenths; a set "cut
        short" was started but ended early (it is also "skipped": not completed).

        ``target`` is a file path (written in UTF-8; a new file is readable by the user
        alone) or an open text stream. Text a spreadsheet would take for a formula is
        written with a leading ``'`` (see ``text_cell``).
        """
        where, params = _range(since, until, "se.started_at", self.person)
        rows = self._read(
            f"SELECT se.started_at, se.title, se.programme_id, {_prefixed('s', SET_COLUMNS)} "
            f"FROM sets s JOIN sessions se ON se.id = s.session WHERE {where} AND NOT s.deleted "
            "ORDER BY se.started_at, se.id, s.id",
            params,
        )
        if isinstance(target, (str, Path)):
            try:
                with open_private(Path(target)) as stream:
                    return _write_csv(stream, rows)
            except OSError as error:
                raise error_from_os(error, Path(target), Path(target).parent) from error
        return _write_csv(target, rows)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: one starting with ``= + - @``, a tab or a
    carriage return, which it would run as a formula, gets a leading ``'`` (as OWASP
    recommends against CSV injection). Numbers the export writes itself don't pass here."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _write_csv(stream: IO[str], rows: list[Any]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    # Python 3.11's writer leaves a carriage return unquoted: such a row is quoted whole.
    quoted = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for started, title, programme, *columns in rows:
        s = _set_from_row(columns)
        row = (
            datetime.fromtimestamp(started).date().isoformat(),
            text_cell(title),
            text_cell(programme or ""),
            text_cell(s.exercise_id),
            s.side.value,
            s.set_number,
            s.planned_reps,
            s.done_reps,
            _tenths(s.planned_hold_seconds),
            _tenths(s.hold_achieved),
            text_cell(s.tempo or ""),
            "yes" if s.skipped else "no",
            "yes" if s.cut_short else "no",
            text_cell(s.load or ""),
        )
        (quoted if any("\r" in str(cell) for cell in row) else writer).writerow(row)
    return len(rows)
