"""A session or programme as one bundle file: exported with what it uses, installed into
another library only when it is safe, whole and loads on its own."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from guide_app.core.content_bundle import BundleError, export_bundle, install_bundle, read_bundle
from guide_app.core.loader import bundled_root, load_library
from guide_app.core.plan import expand
from tests.helpers.content import TINY_SVG, small_library

HAND_WRITTEN = """\
# My own evening session: written by hand, comments and all.
version: 1
kind: session
id: evening-clams
title: Evening clams   # short and easy
blocks:
  - exercise: clamshell
    # fewer than the book says
    dosage: {sets: 1, reps: 5}
"""


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_bundle(
    path: Path,
    files: dict[str, bytes],
    *,
    kind: str = "session",
    item_id: str = "evening-clams",
    **manifest: Any,
) -> Path:
    """A bundle written by hand: a right manifest unless ``manifest`` overrides a field."""
    entries = [
        {"path": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
        for n, d in files.items()
    ]
    data = {
        "format": "session-guide-bundle",
        "version": 1,
        "kind": kind,
        "id": item_id,
        "title": "T",
        "files": entries,
        **manifest,
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(data))
        for name, content in files.items():
            archive.writestr(name, content)
    return path


@pytest.fixture
def own(tmp_path: Path) -> Path:
    """A user library: the clamshell with its two pictures and a hand-written session."""
    folder = tmp_path / "own-library"
    folder.mkdir()
    small_library(folder)
    (folder / "sessions").mkdir()
    (folder / "sessions" / "evening-clams.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    return folder


def own_files(own: Path) -> dict[str, bytes]:
    return {
        "sessions/evening-clams.yaml": HAND_WRITTEN.encode(),
        "exercises/clamshell.yaml": (own / "exercises" / "clamshell.yaml").read_bytes(),
        "assets/pictures/clamshell-start.svg": TINY_SVG.encode(),
        "assets/pictures/clamshell-end.svg": TINY_SVG.encode(),
    }


# --------------------------------------------------------------------------- round trips


def test_a_bundled_programme_installs_whole_and_plans_the_same(tmp_path: Path) -> None:
    original = load_library([bundled_root()])
    summary = export_bundle(original, "programme", "iliopsoas-rehab", tmp_path / "ilio.zip")
    assert (summary.programmes, summary.sessions) == (1, 5)
    into = tmp_path / "home"
    installed = install_bundle(tmp_path / "ilio.zip", into)
    assert installed.added == summary.exercises + summary.sessions + 1 + summary.pictures
    copy = load_library([into])
    assert copy.problems == []
    assert list(copy.programmes) == ["iliopsoas-rehab"]
    programme = original.programmes["iliopsoas-rehab"]
    sessions = {s for phase in programme.phases for s in phase.sessions}
    assert set(copy.sessions) == sessions
    assert len(copy.exercises) == summary.exercises
    for session_id in sessions:
        mine = expand(original.sessions[session_id], original.exercises, affected="left")
        theirs = expand(copy.sessions[session_id], copy.exercises, affected="left")
        assert theirs.steps == mine.steps, session_id
    for exercise_id in copy.exercises:
        for which in ("start", "end"):
            there = copy.picture_path(exercise_id, which)
            mine_at = original.picture_path(exercise_id, which)
            assert (there is None) == (mine_at is None)
            if there is not None and mine_at is not None:
                assert there.read_bytes() == mine_at.read_bytes()


def test_a_hand_written_session_keeps_its_text_byte_for_byte(own: Path, tmp_path: Path) -> None:
    library = load_library([own])
    assert library.problems == []
    summary = export_bundle(library, "session", "evening-clams", tmp_path / "evening")
    assert summary.path == tmp_path / "evening.zip"
    assert (summary.sessions, summary.exercises, summary.pictures) == (1, 1, 2)
    install_bundle(summary.path, tmp_path / "home")
    text = (tmp_path / "home" / "sessions" / "evening-clams" / "evening-clams.yaml").read_bytes()
    assert text == HAND_WRITTEN.encode()
    assert "evening-clams" in load_library([tmp_path / "home"]).sessions


def test_installing_twice_leaves_everything_unchanged(own: Path, tmp_path: Path) -> None:
    path = export_bundle(load_library([own]), "session", "evening-clams", tmp_path / "b.zip").path
    first = install_bundle(path, tmp_path / "home")
    second = install_bundle(path, tmp_path / "home")
    assert (first.added, first.unchanged) == (4, 0)
    assert (second.added, second.unchanged, second.replaced) == (0, 4, 0)


# --------------------------------------------------------------------------- export errors


def test_export_names_an_unknown_id_and_a_close_one(own: Path, tmp_path: Path) -> None:
    with pytest.raises(
        BundleError, match="'evening-clam' is not in the library: did you mean 'evening-clams'"
    ):
        export_bundle(load_library([own]), "session", "evening-clam", tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()


def test_export_names_a_session_that_did_not_load(own: Path, tmp_path: Path) -> None:
    bad = own / "sessions" / "evening-clams.yaml"
    bad.write_text(HAND_WRITTEN.replace("clamshell", "no-such-exercise"), encoding="utf-8")
    with pytest.raises(
        BundleError, match=r"did not load: fix the problems in .*evening-clams\.yaml"
    ):
        export_bundle(load_library([own]), "session", "evening-clams", tmp_path / "b.zip")


def test_export_names_the_exercise_and_the_path_of_a_missing_picture(
    own: Path, tmp_path: Path
) -> None:
    library = load_library([own])
    (own / "assets" / "pictures" / "clamshell-end.svg").unlink()
    with pytest.raises(BundleError) as caught:
        export_bundle(library, "session", "evening-clams", tmp_path / "b.zip")
    assert "'clamshell'" in str(caught.value)
    assert "assets/pictures/clamshell-end.svg" in str(caught.value)
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".b.zip*")) == []


# --------------------------------------------------------------------------- refusals


def test_a_member_that_climbs_out_is_refused(own: Path, tmp_path: Path) -> None:
    files = {**own_files(own), "../../evil.svg": TINY_SVG.encode()}
    path = write_bundle(tmp_path / "slip.zip", files)
    with pytest.raises(BundleError, match="climbs out") as caught:
        install_bundle(path, tmp_path / "home")
    assert "'../../evil.svg'" in str(caught.value)
    assert not (tmp_path / "home").exists() and not (tmp_path.parent / "evil.svg").exists()


@pytest.mark.parametrize("name", ["/etc/evil.svg", "assets/run.sh", "notes.yaml"])
def test_absolute_paths_other_kinds_and_stray_content_are_refused(
    own: Path, tmp_path: Path, name: str
) -> None:
    path = write_bundle(tmp_path / "b.zip", {**own_files(own), name: b"x"})
    with pytest.raises(BundleError, match="refused, it holds files it must not"):
        read_bundle(path)


def test_a_changed_file_is_refused_by_its_sha256(own: Path, tmp_path: Path) -> None:
    path = write_bundle(tmp_path / "b.zip", own_files(own))
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["sessions/evening-clams.yaml"] = HAND_WRITTEN.replace("5", "9").encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(
        BundleError, match=r"'sessions/evening-clams\.yaml' differs from the manifest"
    ):
        install_bundle(path, tmp_path / "home")
    assert not (tmp_path / "home").exists()


def test_a_newer_bundle_version_says_to_update(own: Path, tmp_path: Path) -> None:
    path = write_bundle(tmp_path / "b.zip", own_files(own), version=2)
    with pytest.raises(BundleError, match=r"newer Session Guide.*update Session Guide"):
        read_bundle(path)


def test_an_unknown_format_is_not_a_bundle(own: Path, tmp_path: Path) -> None:
    path = write_bundle(tmp_path / "b.zip", own_files(own), format="something-else")
    with pytest.raises(BundleError, match="not a Session Guide bundle"):
        read_bundle(path)


def test_a_session_naming_a_missing_exercise_is_refused_with_the_problem(
    own: Path, tmp_path: Path
) -> None:
    files = own_files(own)
    files["sessions/evening-clams.yaml"] = HAND_WRITTEN.replace("clamshell", "clamshel").encode()
    path = write_bundle(tmp_path / "b.zip", files)
    with pytest.raises(BundleError, match="does not load on its own") as caught:
        install_bundle(path, tmp_path / "home")
    assert caught.value.problems == [
        "b.zip:sessions/evening-clams.yaml:7: exercise 'clamshel' is not in the library: "
        "did you mean 'clamshell'?"
    ]
    assert not (tmp_path / "home").exists()


def test_a_different_file_already_there_is_a_conflict_until_replace(
    own: Path, tmp_path: Path
) -> None:
    path = write_bundle(tmp_path / "b.zip", own_files(own))
    home = tmp_path / "home"
    picture = home / "assets" / "pictures" / "clamshell-end.svg"
    picture.parent.mkdir(parents=True)
    picture.write_text("<svg/>", encoding="utf-8")
    with pytest.raises(BundleError, match="already there, with other content") as caught:
        install_bundle(path, home)
    assert str(picture) in caught.value.problems[0]
    assert files_under(home) == {"assets/pictures/clamshell-end.svg": b"<svg/>"}
    summary = install_bundle(path, home, replace=True)
    assert (summary.added, summary.replaced) == (3, 1)
    assert picture.read_text(encoding="utf-8") == TINY_SVG


def test_an_id_already_in_the_library_with_other_content_is_a_conflict(
    own: Path, tmp_path: Path
) -> None:
    path = write_bundle(tmp_path / "b.zip", own_files(own))
    home = tmp_path / "home"
    home.mkdir()
    small_library(home)
    theirs = home / "exercises" / "clamshell.yaml"
    theirs.write_text(theirs.read_text(encoding="utf-8") + "# their own note\n", encoding="utf-8")
    before = files_under(home)
    with pytest.raises(BundleError, match="exercise 'clamshell' is already in"):
        install_bundle(path, home)
    assert files_under(home) == before
    summary = install_bundle(path, home, replace=True)
    assert summary.replaced == 1
    assert theirs.read_bytes() == own_files(own)["exercises/clamshell.yaml"]
    assert not (home / "exercises" / "evening-clams").exists()  # no second clamshell
    assert load_library([home]).problems == []
