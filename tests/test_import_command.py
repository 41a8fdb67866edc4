"""`guide-app import free-exercise-db FILE`: what it prints, what it writes, and that the
imported exercises validate and plan like any other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from guide_app.cli import importing
from guide_app.cli.parser import main
from tests.helpers.free_exercise_db import GOOD, write_source


def _jpeg(path: Path) -> None:
    """A real, tiny JPEG: a 4x3 picture of one colour, a different one for each file."""
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(QColor.fromHsv(len(str(path)) * 7 % 360, 200, 200))
    assert image.save(str(path), "JPG")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """The JSON file, in the upstream layout: beside the pictures."""
    json_file, _ = write_source(tmp_path / "db", _jpeg, beside=True)
    return json_file


def _import(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--no-user-library", "import", "free-exercise-db", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_says_what_it_did_and_again_updates_rather_than_duplicates(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "library"
    code, out, _ = _import(capsys, str(source), "--into", str(into))
    assert code == 0
    assert (
        f"Imported 6 exercises from {source} into {into}: 6 added, 0 updated, 0 unchanged, "
        "2 skipped." in out
    )
    assert f"skipped: {source}: entry [6] (id 'Broken_Row'): instructions:" in out
    assert f"skipped: {source}: entry [7]: id: missing" in out
    assert "2 pictures were missing" in out
    assert "treadmill-walk: no Treadmill_Walk/0.jpg" in out
    assert "1 exercise has its sides guessed from its name" in out and "  lateral-hop" in out

    code, out, _ = _import(capsys, str(source), "--into", str(into))
    assert code == 0
    assert "0 added, 0 updated, 6 unchanged, 2 skipped." in out
    assert len(list((into / "exercises" / "free-exercise-db").glob("*.yaml"))) == len(GOOD)


def test_the_copied_pictures_are_the_photos(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "library"
    _import(capsys, str(source), "--into", str(into))
    copied = into / "assets" / "pictures" / "free-exercise-db" / "single-leg-hip-raise"
    for n in (0, 1):
        picture = QImage(str(copied / f"{n}.jpg"))
        assert (picture.isNull(), picture.width(), picture.height()) == (False, 4, 3)


def test_the_imported_library_validates_and_plans(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "library"
    _import(capsys, str(source), "--into", str(into))
    assert main(["--no-user-library", "validate", str(into)]) == 0
    assert "ok:" in capsys.readouterr().out

    code = main(
        ["--no-user-library", "--library", str(into), "plan", "single-leg-hip-raise", "--json"]
    )
    plan = json.loads(capsys.readouterr().out)
    assert code == 0
    reps = [s for s in plan["steps"] if s["kind"] == "rep"]
    assert {s["exercise"] for s in reps} == {"single-leg-hip-raise"}
    assert {s["side"] for s in reps} == {"left", "right"}  # one side at a time
    assert len(reps) == 2 * 3 * 10  # 3 sets of 10 on each side
    assert reps[0]["say"] == "Move: slowly and evenly."  # the second instruction, as a cue

    code = main(
        ["--no-user-library", "--library", str(into), "plan", "calf-wall-stretch", "--json"]
    )
    holds = [s for s in json.loads(capsys.readouterr().out)["steps"] if s["kind"] == "hold"]
    assert code == 0
    assert [s["duration"] for s in holds] == [30, 30]  # two holds of 30 s, both sides together


def test_an_images_folder_can_be_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    json_file, images = write_source(tmp_path / "db", _jpeg)  # the JSON away from them
    into = tmp_path / "library"
    code, out, _ = _import(capsys, str(json_file), "--images", str(images), "--into", str(into))
    assert code == 0 and "2 pictures were missing" in out


def test_the_default_is_the_users_own_library(
    tmp_path: Path,
    source: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    own = tmp_path / "own library"
    monkeypatch.setattr(importing, "user_library_dir", lambda: own)
    code, out, _ = _import(capsys, str(source))
    assert code == 0 and f"into {own}:" in out
    assert (own / "exercises" / "free-exercise-db" / "barbell-back-squat.yaml").is_file()


def test_a_missing_file_is_an_error_that_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.json"
    code, out, err = _import(capsys, str(missing), "--into", str(tmp_path / "library"))
    assert code == 2 and out == ""
    assert err.strip() == f"error: {missing}: no such file: check the path"


def test_a_file_that_is_not_json_is_an_error_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('[\n  {"id": 1,\n  oops\n]\n')
    code, _, err = _import(capsys, str(bad), "--into", str(tmp_path / "library"))
    assert code == 2
    assert err.startswith(f"error: {bad}:3: is not JSON")
    assert not (tmp_path / "library").exists()


def test_only_known_collections_are_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["import", "wger", str(tmp_path / "x.json")])
    assert caught.value.code == 2
    assert "invalid choice: 'wger'" in capsys.readouterr().err
