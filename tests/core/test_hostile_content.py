"""Hostile content files (issue 12, items 7-9): what a user's own library or a ``--library``
folder may hold that once crashed or hung the app at start-up, what validation once let
through, and a valid-looking dosage that once grew a plan past a gigabyte.

Each test says what the user sees: the file named with its line and what to fix, and
the rest of the library loaded. Anything that could hang or eat memory runs in a child
process with a time and memory limit (``tests.helpers.content_probe``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from guide_app.core import content_read, loader
from guide_app.core.loader import bundled_root, load_library
from guide_app.core.plan import PlanError, expand
from tests.helpers.content import block, exercise, library, session, small_library
from tests.helpers.content_probe import load_in_child, run_child

GOOD = (bundled_root() / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")
DOSAGE = re.compile(r"^dosage:\n(?:  .*\n)+", re.MULTILINE)
DOSAGE_LINE = GOOD.splitlines().index("dosage:") + 1
NAME_LINE = 4


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small library: one good exercise with its pictures, ready for a bad file."""
    return small_library(tmp_path)


def _exercise(**changes: str) -> str:
    """The clamshell as ``bad``, with lines replaced (``name="name: X"``, ``dosage=...``)."""
    text = GOOD.replace("id: clamshell", "id: bad", 1)
    for key, line in changes.items():
        if key == "dosage":
            text = DOSAGE.sub(line.rstrip("\n") + "\n", text, count=1)
        else:
            text = re.sub(rf"^{key}:.*$", line.replace("\\", "\\\\"), text, count=1, flags=re.M)
    return text


def _only_problem(problems: list[str], path: Path) -> str:
    mine = [p for p in problems if p.startswith(f"{path}:")]
    assert len(mine) == 1, problems
    return mine[0]


# --------------------------------------------------------------------------- item 7


def test_a_folder_named_like_a_content_file_is_reported_and_the_rest_loads(folder: Path) -> None:
    odd = folder / "exercises" / "x.yaml"
    odd.mkdir()
    library = load_library([folder])
    assert "clamshell" in library.exercises
    message = _only_problem([str(p) for p in library.problems], odd)
    assert message.startswith(f"{odd}: is a folder, not a plain file"), message


def test_a_pipe_named_like_a_content_file_is_not_waited_on(folder: Path) -> None:
    pipe = folder / "exercises" / "x.yaml"
    os.mkfifo(pipe)
    child = load_in_child([folder], timeout=20)
    assert not child.timed_out, "loading waited on a named pipe"
    assert child.returncode == 0, child.stderr
    assert child.report["exercises"] == ["clamshell"]
    message = _only_problem(child.problems, pipe)
    assert message.startswith(f"{pipe}: is a named pipe, not a plain file"), message


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused_before_reading(folder: Path, device: str) -> None:
    link = folder / "exercises" / "x.yaml"
    link.symlink_to(device)
    child = load_in_child([folder], timeout=20, memory_limit=1_000_000_000)
    assert not child.timed_out, f"loading read {device} without end"
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.report["exercises"] == ["clamshell"]
    assert child.report["peak_mb"] < 200
    message = _only_problem(child.problems, link)
    assert message.startswith(f"{link}: is a device, not a plain file"), message


def test_the_size_cap_holds_for_a_file_whose_size_is_not_known_ahead(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``/proc`` files say they are 0 bytes long (so may files still being written, or on
    some network file systems): reading stops at the cap, it does not trust the size."""
    link = folder / "exercises" / "maps.yaml"
    link.symlink_to("/proc/self/maps")  # tens of kB, announced as 0
    monkeypatch.setattr(content_read, "MAX_FILE_BYTES", 4000)
    library = load_library([link])
    message = _only_problem([str(p) for p in library.problems], link)
    assert message == (
        f"{link}: file is over 4 kB; content files may be at most 4 kB: "
        "split it or remove what does not belong"
    )


def test_a_picture_path_with_a_nul_byte_is_a_problem_of_its_file(folder: Path) -> None:
    bad = folder / "exercises" / "bad.yaml"
    bad.write_text(
        GOOD.replace("id: clamshell", "id: bad").replace(
            "start: assets/pictures/clamshell-start.svg",
            'start: "assets/pictures/clamshell\\0-start.svg"',
        ),
        encoding="utf-8",
    )
    library = load_library([folder])
    assert "clamshell" in library.exercises
    message = _only_problem([str(p) for p in library.problems], bad)
    assert message.startswith(f"{bad}:13: pictures.start: contains the control character U+0000")


@pytest.mark.parametrize("pure_python_yaml", [False, True], ids=["libyaml", "python-yaml"])
def test_a_dosage_nested_700_levels_deep_is_refused_at_its_line(
    folder: Path, pure_python_yaml: bool
) -> None:
    bad = folder / "exercises" / "bad.yaml"
    deep = "{per_side: {left: " * 350 + "{}" + "}}" * 350
    bad.write_text(_exercise(dosage=f"dosage: {deep}"), encoding="utf-8")
    child = load_in_child([folder], timeout=30, pure_python_yaml=pure_python_yaml)
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.report["exercises"] == ["clamshell"]
    message = _only_problem(child.problems, bad)
    assert message.startswith(f"{bad}:{DOSAGE_LINE}: nested more than 32 levels deep"), message


def test_an_unexpected_error_in_one_file_becomes_that_files_problem(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault of ours met by one file (here, made to happen) costs that file only."""
    bad = folder / "exercises" / "bad.yaml"
    bad.write_text(_exercise(), encoding="utf-8")
    real = loader._check_pictures

    def faulty(path: Path, *args: object) -> object:
        if path == bad:
            raise RuntimeError("a fault met by this file")
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_check_pictures", faulty)
    library = load_library([folder])
    assert "clamshell" in library.exercises
    message = _only_problem([str(p) for p in library.problems], bad)
    assert message.startswith(f"{bad}: could not be loaded (RuntimeError: a fault met by this")
    assert "please report it" in message


def test_a_folder_linked_into_itself_is_listed_once(folder: Path) -> None:
    (folder / "exercises" / "again").symlink_to("..")
    (folder / "exercises" / "more").symlink_to(".")
    library = load_library([folder])
    assert library.problems == []
    assert list(library.exercises) == ["clamshell"]


# --------------------------------------------------------------------------- item 8


def test_a_key_given_twice_is_a_problem_at_its_second_line(folder: Path) -> None:
    bad = folder / "exercises" / "bad.yaml"
    text = _exercise()
    extra = "dosage:\n  sets: 9\n  reps: 9\n"
    bad.write_text(text + extra, encoding="utf-8")
    second = len(text.splitlines()) + 1
    library = load_library([folder])
    assert "bad" not in library.exercises
    message = _only_problem([str(p) for p in library.problems], bad)
    assert message == (
        f"{bad}:{second}: dosage: given twice (first on line {DOSAGE_LINE}): "
        "keep one; YAML would silently use the last"
    )


def test_a_binary_value_is_refused(folder: Path) -> None:
    bad = folder / "exercises" / "bad.yaml"
    bad.write_text(_exercise(name="name: !!binary Q2xhbXNoZWxs"), encoding="utf-8")
    library = load_library([folder])
    assert "bad" not in library.exercises
    message = _only_problem([str(p) for p in library.problems], bad)
    assert message.startswith(f"{bad}:{NAME_LINE}: the tag !!binary is not allowed"), message


@pytest.mark.parametrize(
    "name",
    ["\u200b\u200b", "\u2060", "\u3164", "\ufeff \u200d", "\u00ad"],
    ids=["zero-width-spaces", "word-joiner", "hangul-filler", "bom-and-joiner", "soft-hyphen"],
)
def test_a_name_of_only_invisible_characters_is_refused(folder: Path, name: str) -> None:
    bad = folder / "exercises" / "bad.yaml"
    bad.write_text(_exercise(name=f'name: "{name}"'), encoding="utf-8")
    library = load_library([folder])
    assert "bad" not in library.exercises
    message = _only_problem([str(p) for p in library.problems], bad)
    assert message == f"{bad}:{NAME_LINE}: name: has no visible characters: write it in words"


@pytest.mark.parametrize(
    ("escaped", "code"),
    [("\\e[2J", "U+001B"), ("\\a", "U+0007"), ("\\x9b", "U+009B"), ("\\n", "U+000A")],
)
def test_a_control_character_in_a_name_is_refused(folder: Path, escaped: str, code: str) -> None:
    bad = folder / "exercises" / "bad.yaml"
    bad.write_text(_exercise(name=f'name: "Clam{escaped}shell"'), encoding="utf-8")
    library = load_library([folder])
    assert "bad" not in library.exercises
    message = _only_problem([str(p) for p in library.problems], bad)
    assert message.startswith(
        f"{bad}:{NAME_LINE}: name: contains the control character {code}: remove it"
    ), message


def test_line_breaks_stay_allowed_in_longer_text(folder: Path) -> None:
    good = folder / "exercises" / "good.yaml"
    text = _exercise().replace("id: bad", "id: good")
    text = re.sub(
        r"^summary:.*\n(?:  .*\n)+", "summary: |\n  Two lines.\n  \tThe second.\n", text, flags=re.M
    )
    good.write_text(text, encoding="utf-8")
    library = load_library([folder])
    assert library.problems == []
    assert library.exercises["good"].summary == "Two lines.\n\tThe second."


def test_list_and_validate_never_print_control_characters(folder: Path) -> None:
    """A file name is the user's, and printed in every warning: its control characters
    are shown escaped, never sent to the terminal."""
    bad = folder / "exercises" / "e\x1b[2Jvil.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    code = (
        "import contextlib, io\n"
        "from guide_app.cli import main\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        "    rcs = [main(['--no-user-library', '--library', args[0], c]) "
        "for c in ('list', 'validate')]\n"
        "print(json.dumps({'rcs': rcs, 'out': out.getvalue(), 'err': err.getvalue()}))\n"
    )
    child = run_child(code, [folder], timeout=60)
    assert child.returncode == 0, child.stderr[-2000:]
    printed = child.report["out"] + child.report["err"]
    assert "\x1b" not in printed
    assert "e\\x1b[2Jvil.yaml" in printed
    assert child.report["rcs"] == [0, 1]


# --------------------------------------------------------------------------- item 9


def test_a_dosage_that_expands_past_the_step_limit_is_refused_by_validate(folder: Path) -> None:
    bad = folder / "exercises" / "bad.yaml"
    tempo = ", ".join(f"p{chr(97 + i)} 1" for i in range(8))
    dosage = f'dosage:\n  sets: 100\n  reps: 10000\n  tempo: "{tempo}"\n'
    bad.write_text(_exercise(dosage=dosage), encoding="utf-8")
    library = load_library([folder])
    assert "bad" not in library.exercises
    assert "clamshell" in library.exercises
    message = _only_problem([str(p) for p in library.problems], bad)
    assert message.startswith(f"{bad}:{DOSAGE_LINE}: dosage: expands to about 16,000,"), message
    assert "100 sets of 10,000 reps, 8 tempo phases each, on 2 sides" in message
    assert "a session may have at most 10,000 steps: give fewer sets, reps" in message


def test_a_session_that_adds_up_past_the_step_limit_is_refused(folder: Path) -> None:
    (folder / "sessions").mkdir()
    path = folder / "sessions" / "long.yaml"
    blocks = "".join(
        "  - exercise: clamshell\n    dosage: {sets: 10, reps: 300}\n" for _ in range(3)
    )
    path.write_text(
        f"version: 1\nkind: session\nid: long\ntitle: Long\nblocks:\n{blocks}", encoding="utf-8"
    )
    library = load_library([folder])
    assert "long" not in library.sessions
    message = _only_problem([str(p) for p in library.problems], path)
    assert message.startswith(f"{path}:5: blocks: the session expands to about 18,"), message
    assert "at most 10,000 steps" in message


def test_expanding_a_plan_stops_at_the_step_limit() -> None:
    """Content made in code skips the loader's check; the planner stops on its own."""
    big = exercise("clam", sets=3, reps=5000)
    with pytest.raises(PlanError, match=r"more than 10,000 steps"):
        expand(session(block("clam")), library(big))


def test_plan_names_the_file_and_the_limit_instead_of_growing(folder: Path) -> None:
    bad = folder / "exercises" / "bad.yaml"
    tempo = ", ".join(f"p{chr(97 + i)} 1" for i in range(8))
    bad.write_text(
        _exercise(dosage=f'dosage:\n  sets: 100\n  reps: 10000\n  tempo: "{tempo}"\n'),
        encoding="utf-8",
    )
    code = (
        "import contextlib, io\n"
        "from guide_app.cli import main\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        "    rc = main(['--no-user-library', '--library', args[0], 'plan', 'bad'])\n"
        "print(json.dumps({'rc': rc, 'err': err.getvalue(), 'peak_mb': peak_mb()}))\n"
    )
    child = run_child(code, [folder], timeout=30, memory_limit=1_000_000_000)
    assert not child.timed_out, "plan kept expanding"
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.report["rc"] == 2
    assert f"{bad}:{DOSAGE_LINE}: dosage: expands to about" in child.report["err"]
    assert child.report["peak_mb"] < 200
