"""Loading content: the bundled library loads clean, and bad files say what and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_app.core.loader import bundled_root, load_library
from guide_app.core.model import Exercise, Pace
from tests.helpers.content import TINY_SVG, small_library

ROOT = bundled_root()
GOOD = (ROOT / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")


def test_every_bundled_file_loads_without_problems() -> None:
    library = load_library([ROOT])
    assert [str(p) for p in library.problems] == []
    assert len(library.exercises) >= 50
    assert len(library.sessions) >= 10
    assert len(library.programmes) >= 7
    files = sorted((ROOT / "exercises").glob("*.yaml"))
    assert sorted(library.exercises) == sorted(p.stem for p in files)


def test_every_bundled_exercise_is_complete() -> None:
    library = load_library([ROOT])
    for exercise in library.exercises.values():
        assert len(exercise.cues) >= 3, exercise.id
        assert exercise.tips, exercise.id
        assert exercise.stop_signs, exercise.id
        assert library.picture_path(exercise.id, "start").is_file()  # type: ignore[union-attr]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small library: one good exercise plus its pictures, ready for one bad file."""
    return small_library(tmp_path)


def _bad(text: str | bytes, name: str = "bad") -> tuple[str | bytes, str]:
    return text, name


def _swap(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1).replace("id: clamshell", "id: bad", 1)


BOMB = (
    "version: 1\n"
    + "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
)

# (what is wrong, file content, expected line or None, words the message must contain)
BAD_INPUTS = [
    ("malformed YAML", "version: 1\nkind: exercise\nid: [bad\n", 4, ["not valid YAML"]),
    ("wrong type", _swap("sets: 1", "sets: three"), 36, ["dosage.sets", "whole number", "'three'"]),
    ("unknown key", _swap("reps: 20-30", "rep: 20-30"), 37, ["unknown key 'rep'", "'reps'"]),
    ("zero count", _swap("sets: 1", "sets: 0"), 36, ["dosage.sets", "at least 1"]),
    ("negative count", _swap("reps: 20-30", "reps: -5"), 37, ["dosage.reps", "at least 1"]),
    ("backwards range", _swap("reps: 20-30", "reps: 30-20"), 37, ["runs backwards", "20-30"]),
    (
        "missing picture",
        _swap("clamshell-end.svg", "nowhere.svg"),
        14,
        ["pictures.end", "no picture at 'assets/pictures/nowhere.svg'"],
    ),
    (
        "picture outside the library",
        _swap("assets/pictures/clamshell-end.svg", "../../etc/passwd"),
        14,
        ["pictures.end", "outside the library folder"],
    ),
    (
        "python object tag",
        "version: 1\nkind: exercise\nid: bad\nname: !!python/object/apply:os.system [ls]\n",
        4,
        ["tag", "not allowed"],
    ),
    ("alias bomb", BOMB, None, ["aliases", "remove the anchors"]),
    (
        "not UTF-8",
        GOOD.replace("id: clamshell", "id: bad").encode() + b"tips2: caf\xe9\n",
        len(GOOD.splitlines()) + 1,  # the line after the good file's last
        ["not UTF-8", "0xe9"],
    ),
    (
        "missing required key",
        _swap("position: lying on your side\n", ""),
        1,
        ["position: required"],
    ),
    ("unknown kind", _swap("kind: exercise", "kind: exorcise"), 2, ["kind: must be one of"]),
    ("id differs from file name", GOOD, 3, ["differs from the file name"]),
    ("not a mapping", "- just\n- a list\n", 1, ["expected a mapping"]),
    (
        "mixed per-side keys",
        _swap(
            "  side_rest: 10\n",
            "  side_rest: 10\n  per_side: {affected: {sets: 3}, left: {sets: 2}}\n",
        ),
        35,
        ["dosage", "mixes affected/unaffected with left/right"],
    ),
]


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [pytest.param(c, line, w, id=name) for name, c, line, w in BAD_INPUTS],
)
def test_bad_input_names_file_and_line_and_the_rest_still_loads(
    folder: Path, content: str | bytes, line: int | None, words: list[str]
) -> None:
    bad = folder / "exercises" / "bad.yaml"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")

    library = load_library([folder])

    assert "clamshell" in library.exercises, "one bad file must not stop the rest"
    assert "bad" not in library.exercises
    assert library.problems, "the bad file must be reported"
    problem = library.problems[0]
    text = str(problem)
    assert text.startswith(f"{bad}:{line}: " if line else f"{bad}: "), text
    for word in words:
        assert word in text, text


def test_a_huge_file_is_refused_without_being_read(folder: Path) -> None:
    bad = folder / "exercises" / "huge.yaml"
    with bad.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    library = load_library([folder])
    assert "clamshell" in library.exercises
    assert [str(p) for p in library.problems] == [
        f"{bad}: file is 52.4 MB; content files may be at most 1000 kB: "
        "split it or remove what does not belong"
    ]


def test_a_session_naming_a_missing_exercise_points_at_the_line(folder: Path) -> None:
    (folder / "sessions").mkdir()
    path = folder / "sessions" / "s.yaml"
    path.write_text(
        "version: 1\nkind: session\nid: s\ntitle: Test\nblocks:\n"
        "  - exercise: clamshell\n  - exercise: clamshel\n",
        encoding="utf-8",
    )
    library = load_library([folder])
    assert "s" not in library.sessions
    assert [str(p) for p in library.problems] == [
        f"{path}:7: exercise 'clamshel' is not in the library: did you mean 'clamshell'?"
    ]


def test_a_user_folder_overrides_a_bundled_exercise_and_says_so(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    user = tmp_path_factory.mktemp("user")
    (user / "exercises").mkdir()
    (user / "photo.png").write_text(TINY_SVG, encoding="utf-8")
    mine = (
        GOOD.replace("name: Clamshell", "name: My clamshell")
        .replace("start: assets/pictures/clamshell-start.svg", "start: photo.png")
        .replace("  end: assets/pictures/clamshell-end.svg\n", "")
    )
    (user / "exercises" / "clamshell.yaml").write_text(mine, encoding="utf-8")

    library = load_library([folder, user])

    assert library.problems == []
    assert library.exercises["clamshell"].name == "My clamshell"
    assert library.picture_path("clamshell") == user / "photo.png"
    assert len(library.notices) == 1
    assert "replaces the exercise 'clamshell'" in library.notices[0]


def test_dosage_forms() -> None:
    exercise = Exercise.model_validate(
        {**_minimal(), "dosage": {"sets": 3, "reps": "8-12", "tempo": "out 2, hold 1, back 3"}}
    )
    dosage = exercise.dosage
    assert (dosage.reps.low, dosage.reps.high, dosage.reps.target) == (8, 12, 12)  # type: ignore[union-attr]
    assert dosage.effective_pace is Pace.TEMPO
    assert [(p.name, p.seconds) for p in dosage.tempo or ()] == [
        ("out", 2),
        ("hold", 1),
        ("back", 3),
    ]
    hold = Exercise.model_validate({**_minimal(), "dosage": {"sets": 4, "hold": 10}})
    assert hold.dosage.effective_pace is Pace.HOLD


def _minimal() -> dict[str, object]:
    return {
        "version": 1,
        "kind": "exercise",
        "id": "x",
        "name": "X",
        "summary": "s",
        "position": "standing",
        "pictures": {"start": "x.svg"},
        "cues": ["Stand."],
        "sides": "both",
    }
