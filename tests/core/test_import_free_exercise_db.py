"""Importing a free-exercise-db file: what each exercise keeps, its pictures, sides and
dosage, bad entries skipped with their reason, and a second import updating in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guide_app.core import import_free_exercise_db as fedb
from guide_app.core import placeholders
from guide_app.core.loader import load_library
from guide_app.core.model import Exercise, Pace, Sides
from tests.helpers.free_exercise_db import GOOD, MISSING_PICTURES, write_source

PICTURES = "assets/pictures/free-exercise-db"


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, fedb.ImportReport]:
    """The source in the upstream layout (the JSON beside the pictures), imported."""
    source, _ = write_source(tmp_path / "db", beside=True)
    into = tmp_path / "library"
    return into, fedb.import_file(source, into)


def _exercises(into: Path) -> dict[str, Exercise]:
    library = load_library([into])
    assert library.problems == []
    return library.exercises


def test_every_good_entry_loads_as_an_exercise_without_problems(
    imported: tuple[Path, fedb.ImportReport],
) -> None:
    into, report = imported
    ids = [fedb.safe_id(entry_id) for entry_id in GOOD]
    assert sorted(report.added) == sorted(ids)
    assert sorted(_exercises(into)) == sorted(ids)
    assert sorted(p.name for p in (into / "exercises" / "free-exercise-db").iterdir()) == sorted(
        f"{i}.yaml" for i in ids
    )


def test_fields_are_carried_over(imported: tuple[Path, fedb.ImportReport]) -> None:
    squat = _exercises(imported[0])["barbell-back-squat"]
    assert squat.name == "Barbell Back Squat"
    assert squat.level == "advanced"  # "expert" in the source
    assert squat.category == "strength"  # "powerlifting"
    assert squat.targets == ("quadriceps",)
    assert squat.secondary_targets == ("glutes", "hamstrings")
    assert squat.equipment == ("barbell",)
    assert [c.text for c in squat.cues] == [
        "Rest the bar {{high}} on your back.",
        "Sit down and stand up.",
    ]
    assert squat.source is not None
    assert (squat.source.title, squat.source.licence) == ("free-exercise-db", "Unlicense")
    assert squat.source.note and "Barbell_Back_Squat" in squat.source.note
    assert "powerlifting" in squat.source.note and "expert" in squat.source.note


def test_a_brace_in_an_instruction_reads_as_a_brace(
    imported: tuple[Path, fedb.ImportReport],
) -> None:
    squat = _exercises(imported[0])["barbell-back-squat"]
    assert placeholders.fill(squat.cues[0].text) == "Rest the bar {high} on your back."


def test_no_equipment_is_an_empty_list(imported: tuple[Path, fedb.ImportReport]) -> None:
    exercises = _exercises(imported[0])
    assert exercises["calf-wall-stretch"].equipment == ()  # null in the source
    assert exercises["single-leg-hip-raise"].equipment == ()  # "body only"


def test_both_pictures_are_copied_and_shown_in_order(
    tmp_path: Path, imported: tuple[Path, fedb.ImportReport]
) -> None:
    into, _ = imported
    squat = _exercises(into)["barbell-back-squat"]
    first = f"{PICTURES}/barbell-back-squat/0.jpg"
    second = f"{PICTURES}/barbell-back-squat/1.jpg"
    assert (squat.pictures.start, squat.pictures.end) == (first, second)
    assert squat.pictures.steps == (first, second)
    assert squat.pictures.drawn_side == "both"  # a photo is not mirrored
    original = tmp_path / "db" / "exercises" / "Barbell_Back_Squat" / "1.jpg"
    assert (into / second).read_bytes() == original.read_bytes()


def test_missing_pictures_are_counted_and_the_exercise_still_loads(
    imported: tuple[Path, fedb.ImportReport],
) -> None:
    into, report = imported
    missing = [(m.exercise_id, m.picture) for m in report.missing_pictures]
    assert missing == [
        ("treadmill-walk", f"{MISSING_PICTURES}/0.jpg"),
        ("treadmill-walk", f"{MISSING_PICTURES}/1.jpg"),
    ]
    walk = _exercises(into)["treadmill-walk"]
    assert walk.pictures.start == f"{PICTURES}/no-picture.svg"
    assert walk.pictures.steps == ()
    assert "No picture" in (into / walk.pictures.start).read_text(encoding="utf-8")


def test_sides_are_guessed_from_the_name_and_unsure_ones_flagged(
    imported: tuple[Path, fedb.ImportReport],
) -> None:
    into, report = imported
    exercises = _exercises(into)
    assert exercises["barbell-back-squat"].sides is Sides.BOTH
    assert exercises["single-leg-hip-raise"].sides is Sides.ONE_AT_A_TIME
    assert exercises["single-leg-hip-raise"].limb == "leg"
    assert exercises["alternating-dumbbell-press"].sides is Sides.ALTERNATING
    assert exercises["lateral-hop"].sides is Sides.ONE_AT_A_TIME
    assert report.review == ["lateral-hop"]
    flagged = (into / "exercises" / "free-exercise-db" / "lateral-hop.yaml").read_text()
    assert "# review: sides guessed from the name" in flagged
    note = exercises["lateral-hop"].source.note  # type: ignore[union-attr]
    assert note is not None and note.endswith(fedb.review_note())
    sure = (into / "exercises" / "free-exercise-db" / "single-leg-hip-raise.yaml").read_text()
    assert "review" not in sure


@pytest.mark.parametrize(
    ("name", "sides", "sure"),
    [
        ("One Arm Dumbbell Row", "one_at_a_time", True),
        ("Kneeling Hip Flexor (Left)", "one_at_a_time", True),
        ("Alternate Heel Touchers", "alternating", True),
        ("Two-Arm Kettlebell Swing", "both", True),
        ("Bench Press", "both", True),
        ("Side Lateral Raise", "one_at_a_time", False),
        ("Dumbbell Lunges", "one_at_a_time", False),
    ],
)
def test_side_words(name: str, sides: str, sure: bool) -> None:
    guess = fedb.guess_sides(name)
    assert (guess.sides, guess.sure) == (sides, sure)


def test_the_default_dosage_follows_the_category(
    imported: tuple[Path, fedb.ImportReport],
) -> None:
    exercises = _exercises(imported[0])
    squat = exercises["barbell-back-squat"].dosage  # powerlifting
    assert (squat.sets, str(squat.reps), squat.effective_pace) == (3, "10", Pace.SELF)
    assert squat.rest is not None and (squat.rest.low, squat.rest.high) == (60, 90)
    stretch = exercises["calf-wall-stretch"].dosage
    assert (stretch.sets, stretch.effective_pace, stretch.reps) == (2, Pace.HOLD, None)
    assert stretch.hold is not None and stretch.hold.low == 30
    walk = exercises["treadmill-walk"].dosage  # cardio: one timed bout
    assert (walk.sets, walk.effective_pace) == (1, Pace.HOLD)
    assert walk.hold is not None and (walk.hold.low, walk.hold.high) == (300, 600)
    hop = exercises["lateral-hop"].dosage  # plyometrics
    assert (hop.sets, str(hop.reps)) == (3, "8")
    assert hop.rest is not None and hop.rest.low == 90


def test_bad_entries_are_named_and_skipped(imported: tuple[Path, fedb.ImportReport]) -> None:
    _, report = imported
    assert [(s.index, s.entry_id) for s in report.skipped] == [(6, "Broken_Row"), (7, None)]
    broken, nameless = (str(s) for s in report.skipped)
    assert "exercises.json: entry [6] (id 'Broken_Row'): instructions: expected a list" in broken
    assert "entry [7]: id: missing" in nameless


def test_importing_again_updates_without_duplicating(
    tmp_path: Path, imported: tuple[Path, fedb.ImportReport]
) -> None:
    into, _ = imported
    source = tmp_path / "db" / "exercises" / "exercises.json"
    again = fedb.import_file(source, into)
    assert (again.added, again.updated, len(again.unchanged)) == ([], [], len(GOOD))
    data = json.loads(source.read_text())
    data[0]["instructions"].append("Breathe out as you stand.")
    (tmp_path / "db" / "exercises" / "Single-Leg_Hip_Raise" / "1.jpg").write_bytes(b"\xff\xd8new")
    source.write_text(json.dumps(data))
    third = fedb.import_file(source, into)
    assert sorted(third.updated) == ["barbell-back-squat", "single-leg-hip-raise"]
    assert third.added == [] and len(third.unchanged) == len(GOOD) - 2
    exercises = _exercises(into)
    assert len(exercises) == len(GOOD)
    assert exercises["barbell-back-squat"].cues[-1].text == "Breathe out as you stand."


def test_an_images_folder_elsewhere(tmp_path: Path) -> None:
    source, images = write_source(tmp_path / "db")
    report = fedb.import_file(source, tmp_path / "library", images)
    assert len(report.missing_pictures) == 2  # only the cardio entry's
    without = fedb.import_file(source, tmp_path / "other")  # looks beside the JSON
    assert len(without.missing_pictures) == 2 * len(GOOD)


def test_ids_that_become_the_same_are_not_both_imported(tmp_path: Path) -> None:
    entry = {"name": "Push-Up", "instructions": ["Push."], "category": "strength"}
    source = tmp_path / "two.json"
    source.write_text(json.dumps([{**entry, "id": "Push_Up"}, {**entry, "id": "push-up"}]))
    report = fedb.import_file(source, tmp_path / "library")
    assert report.added == ["push-up"]
    assert "becomes 'push-up', as entry 0's does" in str(report.skipped[0])


def test_a_picture_path_out_of_the_images_folder_is_not_copied(tmp_path: Path) -> None:
    (tmp_path / "secret.jpg").write_bytes(b"\xff\xd8")
    entry = {"id": "Sneaky", "name": "Sneaky", "instructions": ["Go."], "images": ["../secret.jpg"]}
    (tmp_path / "db").mkdir()
    source = tmp_path / "db" / "x.json"
    source.write_text(json.dumps([entry]))
    report = fedb.import_file(source, tmp_path / "library")
    assert [m.picture for m in report.missing_pictures] == ["../secret.jpg"]
    assert not list((tmp_path / "library" / PICTURES).glob("sneaky/*"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"id": "x"}', "expected a JSON list of exercises"),
        ("[{]", "is not JSON"),
        ("", "is not JSON"),
    ],
)
def test_a_file_that_is_not_a_list_of_exercises_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(text)
    with pytest.raises(fedb.ImportFileError) as caught:
        fedb.import_file(source, tmp_path / "library")
    assert str(caught.value).startswith(str(source))
    assert message in str(caught.value)
    assert not (tmp_path / "library").exists()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(fedb.ImportFileError, match="no such file"):
        fedb.import_file(tmp_path / "nowhere.json", tmp_path / "library")
