"""The command line: validate, list and run's options, as a user types them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from guide_app.cli import build_parser, main


def guide_app(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guide_app", "--no-user-library", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )


def test_validate_passes_on_the_bundled_library() -> None:
    done = guide_app("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().startswith("ok: 58 exercises, 20 sessions, 7 programmes")


def test_validate_prints_every_problem_with_file_and_line_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "exercises").mkdir()
    bad = tmp_path / "exercises" / "broken.yaml"
    bad.write_text("version: 1\nkind: exercise\nid: broken\nname: [unclosed\n", encoding="utf-8")
    worse = tmp_path / "exercises" / "typo.yaml"
    worse.write_text(
        "version: 1\nkind: exercise\nid: typo\nname: T\nsummary: S\nposition: standing\n"
        "pictures: {start: none.svg}\ncues: [Stand.]\nsides: both\ndosage: {rep: 3}\n",
        encoding="utf-8",
    )
    done = guide_app("validate", str(tmp_path))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert any(line.startswith(f"{bad}:5: not valid YAML") for line in lines), lines
    assert any(
        line.startswith(f"{worse}:10: dosage.rep: unknown key 'rep' (did you mean 'reps'?)")
        for line in lines
    ), lines
    assert any(line.startswith(f"{worse}:7: pictures.start: no picture") for line in lines)
    assert done.stderr.strip().startswith("3 problems; loaded ")


def test_list_json_names_every_kind_with_ids(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--no-user-library", "list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert {"exercises", "sessions", "programmes"} <= set(listing)
    ids = {e["id"] for e in listing["exercises"]}
    assert {"clamshell", "pelvic-drop", "hamstring-wall-stretch"} <= ids
    assert "iliopsoas-rehab" in {p["id"] for p in listing["programmes"]}


def test_run_takes_the_documented_options() -> None:
    args = build_parser().parse_args(
        [
            "run", "iliopsoas-weeks-1-2", "--affected-side", "left", "--fullscreen",
            "--display-screen", "1", "--mute", "--autoplay",
        ]
    )  # fmt: skip
    assert (args.session, args.affected_side, args.display_screen) == (
        "iliopsoas-weeks-1-2",
        "left",
        1,
    )
    assert args.fullscreen and args.mute and args.autoplay
