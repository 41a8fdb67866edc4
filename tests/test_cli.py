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
    assert done.stdout.strip().startswith("ok: 66 exercises, 26 sessions, 10 programmes")


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


def test_list_json_gives_what_an_imported_exercise_carries(capsys) -> None:  # type: ignore[no-untyped-def]
    """Level, category, primary and secondary targets, a sequence of pictures, the source."""
    assert main(["--no-user-library", "list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    nordic = next(e for e in listing["exercises"] if e["id"] == "nordic-hamstring-curl")
    assert (nordic["level"], nordic["category"]) == ("advanced", "strength")
    assert nordic["targets"] == ["hamstrings"] and nordic["secondary_targets"]
    assert len(nordic["pictures"]["steps"]) == 3
    assert "Mjolsnes" in nordic["source"]["author"]
    alfredson = next(p for p in listing["programmes"] if p["id"] == "achilles-eccentric-alfredson")
    assert "1998" in alfredson["source"]["title"]


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


# --------------------------------------------------------------------------- issue 11, items 21-28

ROOT = Path(__file__).resolve().parents[1]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>'
CLAMSHELL = (ROOT / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")


def guide_app_as_user(
    *args: str, home: Path, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``guide-app`` as a user whose own library lives under ``home`` (XDG_DATA_HOME)."""
    import os

    env = {**os.environ, "XDG_DATA_HOME": str(home), "HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "guide_app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=env,
    )


def own_exercise(library: Path, ex_id: str, text: str = CLAMSHELL) -> Path:
    """An exercise file of the user's own, with its pictures, in a library folder."""
    (library / "exercises").mkdir(parents=True, exist_ok=True)
    pictures = library / "assets" / "pictures"
    pictures.mkdir(parents=True, exist_ok=True)
    for name in ("clamshell-start.svg", "clamshell-end.svg"):
        (pictures / name).write_text(SVG, encoding="utf-8")
    path = library / "exercises" / f"{ex_id}.yaml"
    path.write_text(text.replace("id: clamshell", f"id: {ex_id}", 1), encoding="utf-8")
    return path


def session_file(folder: Path, session_id: str, *exercise_ids: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    blocks = "".join(f"  - exercise: {e}\n" for e in exercise_ids)
    path = folder / f"{session_id}.yaml"
    path.write_text(
        f"version: 1\nkind: session\nid: {session_id}\ntitle: Mine\nblocks:\n{blocks}",
        encoding="utf-8",
    )
    return path


def test_validate_a_bundled_file_by_its_path_as_the_format_doc_shows() -> None:
    """Item 21: pictures are looked for in the file's library folder, not beside it."""
    for path in ("exercises/clamshell.yaml", "exercises", "sessions/first-session.yaml"):
        done = guide_app("validate", path, cwd=ROOT)
        assert done.returncode == 0, path + "\n" + done.stdout + done.stderr
        assert "no picture" not in done.stdout
        assert "replaces" not in done.stdout, "a file does not replace itself"
        assert done.stdout.startswith("ok: "), done.stdout


def test_validate_a_file_of_a_library_of_ones_own_finds_its_pictures(tmp_path: Path) -> None:
    """Item 21, for a user's library: ``lib/exercises/x.yaml`` with ``lib/assets/...``."""
    path = own_exercise(tmp_path / "lib", "my-clamshell")
    done = guide_app("validate", "--alone", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "ok: 1 exercise, 0 sessions, 0 programmes\n"


def test_validate_a_session_against_the_users_own_library(tmp_path: Path) -> None:
    """Item 22: a session using the user's own exercise is checked against their library."""
    home = tmp_path / "home"
    own_exercise(home / "SessionGuide" / "guide-app" / "library", "my-clamshell")
    draft = session_file(tmp_path / "drafts", "my-session", "my-clamshell", "clamshell")
    done = guide_app_as_user("validate", str(draft), home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "not in the library" not in done.stdout


def test_validate_a_session_against_a_library_given_with_the_option(tmp_path: Path) -> None:
    """Item 22: ``--library FOLDER validate SESSION`` checks against that folder too."""
    own_exercise(tmp_path / "lib", "my-clamshell")
    draft = session_file(tmp_path / "drafts", "my-session", "my-clamshell")
    done = guide_app("--library", str(tmp_path / "lib"), "validate", str(draft))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("ok: "), done.stdout


def test_a_session_using_an_exercise_whose_file_failed_says_so(tmp_path: Path) -> None:
    """Item 22: "failed to load, see above", not "not in the library" with a wrong guess."""
    lib = tmp_path / "lib"
    broken = own_exercise(lib, "my-clamshell", CLAMSHELL.replace("sets: 1", "sets: three"))
    draft = session_file(lib / "sessions", "my-session", "my-clamshell")
    done = guide_app("validate", "--alone", str(lib))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{broken}:36: dosage.sets: "), lines
    assert lines[1] == (
        f"{draft}:6: exercise 'my-clamshell' did not load: fix the problems in {broken} (see above)"
    ), lines
    assert "not in the library" not in done.stdout
    assert "did you mean" not in done.stdout


def test_validate_a_session_whose_exercise_failed_in_the_library_beside_it(
    tmp_path: Path,
) -> None:
    """Item 22: checking one session file shows the problems of the exercise it needs."""
    lib = tmp_path / "lib"
    broken = own_exercise(lib, "my-clamshell", CLAMSHELL.replace("sets: 1", "sets: three"))
    draft = session_file(tmp_path / "drafts", "my-session", "my-clamshell")
    done = guide_app("--library", str(lib), "validate", str(draft))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{broken}:36: dosage.sets: "), lines
    assert lines[1].startswith(f"{draft}:6: exercise 'my-clamshell' did not load"), lines


def test_validate_says_when_a_session_dosage_field_cannot_apply(tmp_path: Path) -> None:
    """Item 23: a field that is ignored is a problem ``validate`` names, with its line."""
    draft = tmp_path / "my-session.yaml"
    draft.write_text(
        "version: 1\nkind: session\nid: my-session\ntitle: Mine\nblocks:\n"
        "  - exercise: clamshell\n"
        "    dosage: {pace: self, tempo: {out: 2, back: 2}}\n"
        "  - exercise: glute-bridge\n"
        "    dosage:\n"
        "      side_order: alternate_sets\n",
        encoding="utf-8",
    )
    done = guide_app("validate", str(draft))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines == [
        f"{draft}:7: blocks[0].dosage.tempo: cannot apply: pace is self "
        "(one key press per rep); remove tempo, or remove pace to run this tempo",
        f"{draft}:10: blocks[1].dosage.side_order: cannot apply: 'glute-bridge' works "
        "both sides together (sides: both); remove side_order",
    ], lines


def test_list_says_when_a_file_replaces_a_bundled_one(tmp_path: Path) -> None:
    """Item 27: ``list`` says what ``validate`` says about a replaced exercise."""
    mine = own_exercise(tmp_path / "lib", "clamshell")
    for extra in ((), ("--json",)):
        done = guide_app("--library", str(tmp_path / "lib"), "list", *extra)
        assert done.returncode == 0
        assert (
            f"note: {mine} replaces the exercise 'clamshell' from "
            f"{ROOT / 'exercises' / 'clamshell.yaml'}" in done.stderr.splitlines()
        ), done.stderr
