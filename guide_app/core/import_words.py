"""What an import did, in the user's words: the same lines on the command line and in
the window."""

from __future__ import annotations

from pathlib import Path

from guide_app.core.i18n import ntr, tr
from guide_app.core.import_free_exercise_db import ImportReport


def import_lines(report: ImportReport, file: Path, folder: Path) -> list[str]:
    """The summary first, then what was skipped, what had no picture, what to review."""
    lines = [
        tr(
            "Imported {exercises} from {file} into {folder}: {added} added, "
            "{updated} updated, {unchanged} unchanged, {skipped} skipped.",
            exercises=ntr("{n} exercise", "{n} exercises", report.imported),
            file=file,
            folder=folder,
            added=len(report.added),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
            skipped=len(report.skipped),
        )
    ]
    lines += [tr("skipped: {entry}", entry=skipped) for skipped in report.skipped]
    if report.missing_pictures:
        lines.append(
            ntr(
                "{n} picture was missing; the exercise is imported without it "
                "(with none, it shows a 'No picture' stand-in):",
                "{n} pictures were missing; their exercises are imported without them "
                "(one with none shows a 'No picture' stand-in):",
                len(report.missing_pictures),
            )
        )
        lines += [
            tr(
                "  {id}: no {picture} in {folder}",
                id=missing.exercise_id,
                picture=missing.picture,
                folder=missing.looked_in,
            )
            for missing in report.missing_pictures
        ]
    if report.review:
        lines.append(
            ntr(
                "{n} exercise has its sides guessed from its name; check it "
                "(its file says '# review'):",
                "{n} exercises have their sides guessed from their names; check them "
                "(their files say '# review'):",
                len(report.review),
            )
        )
        lines.append("  " + ", ".join(report.review))
    return lines
