"""The exercise editor: a new exercise made by keys and clicks, undo and redo, problems
shown where they are, a bundled exercise duplicated and changed, and a photo of one's own.

The user's library is the test's own folder; each test makes its own inputs."""

from __future__ import annotations

from pathlib import Path

import yaml
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.content_check import check
from guide_app.core.content_draft import Draft
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.ui.exercise_editor import CUES_TAB, DOSAGE_TAB, ExerciseEditor
from guide_app.ui.exercise_pictures import PictureChooser

CLAMSHELL_CUES = [
    "Lie on your side, head resting on your lower arm, hips and knees bent to about 45 degrees.",
    "Stack your hips one above the other and keep your heels together.",
    "Breathe out and lift the top knee, turning the thigh outward.",
    "Pause for a moment with the knee open.",
    "Lower the knee slowly back to the start.",
]


def _editor(qtbot: QtBot, draft: Draft, library: Library) -> ExerciseEditor:
    editor = ExerciseEditor(draft, library)
    qtbot.addWidget(editor)
    editor.resize(1366, 720)
    with qtbot.waitActive(editor):
        editor.show()
        editor.activateWindow()
    return editor


def _clamshell_copy(qtbot: QtBot, library: Library, folder: Path) -> tuple[Draft, ExerciseEditor]:
    """The bundled clamshell duplicated into ``folder``, open in the editor."""
    draft = Draft.duplicate(library, "exercise", "clamshell", folder)
    return draft, _editor(qtbot, draft, library)


def _type(widget: QWidget, text: str) -> None:
    """Replace what a field shows by typing, as a person would."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Backspace)
    QTest.keyClicks(widget, text)


def _listed(editor: ExerciseEditor) -> list[str]:
    return [editor.cues.list.item(i).text() for i in range(editor.cues.list.count())]


def _own_problems(library: Library, folder: Path) -> list[str]:
    return [str(p) for p in library.problems if folder in p.path.parents]


def _photo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    assert image.save(str(path))
    return path


def test_a_new_exercise_built_by_keys_and_clicks_saves_and_loads(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    editor = _editor(qtbot, Draft.new("exercise", tmp_path), library)
    QTest.keyClicks(editor.name.widget, "Wall Slide")
    assert editor.id_text.line.text() == "wall-slide"  # the id follows the name
    QTest.keyClicks(editor.summary.widget, "Slide your back down a wall and up again.")
    QTest.keyClicks(editor.position.widget, "standing against a wall")
    editor.sides.widget.setFocus()
    QTest.keyClick(editor.sides.widget, Qt.Key.Key_Down)
    QTest.keyClick(editor.sides.widget, Qt.Key.Key_Down)  # (not given), both, one at a time

    words = ["Stand with your back to the wall.", "Slide down slowly.", "Breathe out."]
    for cue in words:
        QTest.mouseClick(editor.cues.add_button, Qt.MouseButton.LeftButton)
        assert editor.cue.text.hasFocus()  # type the new cue straight away
        QTest.keyClicks(editor.cue.text, cue)
    assert _listed(editor) == [f"{n}. {cue}" for n, cue in enumerate(words, 1)]

    QTest.keyClick(editor.cues.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.cues.row == 1  # the moved cue stays chosen
    QTest.keyClick(editor.cues.list, Qt.Key.Key_Home)
    QTest.keyClick(editor.cue.spoken, Qt.Key.Key_Space)  # the first is shown, not spoken
    assert "(shown, not spoken)" in editor.cues.list.item(0).text()

    editor.tabs.setCurrentIndex(DOSAGE_TAB)
    QTest.keyClicks(editor.dosage.sets.widget, "2")
    QTest.keyClicks(editor.dosage.reps.widget, "10-12")
    QTest.keyClicks(editor.dosage.rest.widget, "30")

    chooser = PictureChooser([bundled_root()])
    QTest.keyClicks(chooser.filter, "clamshell-start")
    picked = chooser.path()
    assert picked == bundled_root() / "assets" / "pictures" / "clamshell-start.svg"
    assert editor.pictures.use_picture("start", picked) == "assets/pictures/clamshell-start.svg"
    assert (tmp_path / "assets" / "pictures" / "clamshell-start.svg").is_file()

    QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "exercises" / "wall-slide.yaml"
    assert saved.is_file(), editor.status.text()
    assert editor.id_text.line.isReadOnly()  # saved: its file is named after the id

    loaded = load_library([bundled_root(), tmp_path])
    assert _own_problems(loaded, tmp_path) == []
    exercise = loaded.exercises["wall-slide"]
    assert exercise.name == "Wall Slide"
    assert exercise.sides == "one_at_a_time"
    assert [c.text for c in exercise.cues] == [words[0], words[2], words[1]]
    assert [c.speak for c in exercise.cues] == [False, True, True]
    dosage = exercise.dosage
    assert (dosage.sets, str(dosage.reps), dosage.rest and dosage.rest.low) == (2, "10-12", 30)
    written = yaml.safe_load(saved.read_text(encoding="utf-8"))["cues"]
    assert written == [{"text": words[0], "speak": False}, words[2], words[1]]


def test_undo_and_redo_a_cue_move_and_a_field_edit(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    draft, editor = _clamshell_copy(qtbot, library, tmp_path)

    QTest.keyClicks(editor.position.widget, ", knees bent")  # typing is one step to undo
    assert draft.data["position"] == "lying on your side, knees bent"
    editor.cues.choose(1)
    editor.move_chosen(1)
    assert draft.data["cues"][1:3] == [CLAMSHELL_CUES[2], CLAMSHELL_CUES[1]]
    assert _listed(editor)[2] == f"3. {CLAMSHELL_CUES[1]}"

    QTest.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert draft.data["cues"] == CLAMSHELL_CUES
    assert _listed(editor)[1] == f"2. {CLAMSHELL_CUES[1]}"
    assert draft.data["position"] == "lying on your side, knees bent"
    QTest.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert draft.data["position"] == "lying on your side"
    position = editor.position.widget
    assert isinstance(position, QLineEdit)
    assert position.text() == "lying on your side"

    QTest.mouseClick(editor.redo_button, Qt.MouseButton.LeftButton)
    assert position.text() == "lying on your side, knees bent"
    QTest.mouseClick(editor.redo_button, Qt.MouseButton.LeftButton)
    assert draft.data["cues"][1:3] == [CLAMSHELL_CUES[2], CLAMSHELL_CUES[1]]
    assert not editor.redo_button.isEnabled()


def test_the_id_follows_the_name_until_it_is_typed(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    draft, editor = _clamshell_copy(qtbot, library, tmp_path)
    _type(editor.name.widget, "Banded Clamshell")
    assert draft.id == "banded-clamshell"
    _type(editor.name.widget, "Fire Hydrant")  # a bundled exercise has that id
    assert draft.id == "fire-hydrant-2"
    _type(editor.id_text.line, "my-clam")
    _type(editor.name.widget, "Clam")
    assert draft.id == "my-clam"
    assert editor.id_text.line.text() == "my-clam"


def test_a_problem_shows_under_its_field_and_save_refuses(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    draft, editor = _clamshell_copy(qtbot, library, tmp_path)
    _type(editor.name.widget, "")
    qtbot.waitUntil(lambda: editor.name.problem.isVisible())  # checked as you type
    expected = [p.message for p in check(draft, library).at(("name",))]
    assert expected and expected[0] in editor.name.problem.text()
    assert draft.id == "clamshell-copy"  # the id stays: one problem, not two
    assert not editor.id_field.problem.isVisible()

    QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not draft.path.exists()
    assert editor.status.text().startswith("Not saved")

    _type(editor.name.widget, "Clamshell two")
    editor.tabs.setCurrentIndex(CUES_TAB)
    editor.tabs.setCurrentIndex(DOSAGE_TAB)
    _type(editor.dosage.reps.widget, "lots")
    editor.tabs.setCurrentIndex(CUES_TAB)
    qtbot.waitUntil(lambda: "dosage.reps" in editor.dosage.reps.problem.text())
    assert "whole number" in editor.dosage.reps.problem.text()
    item = editor.problems.item(0)
    rect = editor.problems.visualItemRect(item)
    QTest.mouseClick(editor.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.tabs.currentIndex() == DOSAGE_TAB  # the problem's field is shown
    assert editor.dosage.reps.widget.hasFocus()
    assert not editor.save()
    assert not draft.path.exists()


def test_an_empty_cue_is_shown_at_the_cue(qtbot: QtBot, library: Library, tmp_path: Path) -> None:
    _, editor = _clamshell_copy(qtbot, library, tmp_path)
    editor.cues.choose(3)
    _type(editor.cue.text, "")
    editor.cues.choose(0)
    editor.check_now()
    assert not editor.cue.problem.isVisible()  # cue 1 is fine; cue 4 is not,
    assert "cues[3]" in editor.cues.problem.text()  # which the list says
    editor.reveal(("cues", 3, "text"))
    editor.check_now()
    assert editor.cues.row == 3
    assert "cues[3]" in editor.cue.problem.text()


def test_duplicate_and_change_a_bundled_exercise(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    bundled = library.sources[("exercise", "clamshell")]
    before = bundled.read_bytes()
    _, editor = _clamshell_copy(qtbot, library, tmp_path)
    editor.cues.choose(3)
    _type(editor.cue.text, "Hold the knee open for two breaths.")
    assert editor.cues.list.item(3).text() == "4. Hold the knee open for two breaths."

    QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    copy = tmp_path / "exercises" / "clamshell-copy.yaml"
    assert copy.is_file(), editor.status.text()
    for which in ("start", "end"):
        assert (tmp_path / "assets" / "pictures" / f"clamshell-{which}.svg").is_file()
    assert bundled.read_bytes() == before

    loaded = load_library([bundled_root(), tmp_path])
    assert _own_problems(loaded, tmp_path) == []
    assert loaded.roots[("exercise", "clamshell-copy")] == tmp_path
    changed = [c.text for c in loaded.exercises["clamshell-copy"].cues]
    assert changed == [
        *CLAMSHELL_CUES[:3],
        "Hold the knee open for two breaths.",
        CLAMSHELL_CUES[4],
    ]
    assert [c.text for c in loaded.exercises["clamshell"].cues] == CLAMSHELL_CUES


def test_a_photo_of_ones_own_is_copied_in_and_used(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "library"
    photo = _photo(tmp_path / "camera" / "knee.png")
    draft = Draft.duplicate(library, "exercise", "clamshell", folder)
    editor = _editor(qtbot, draft, library)

    assert editor.pictures.use_photo("end", tmp_path / "camera" / "notes.txt") is None
    assert "PNG, JPEG or SVG" in editor.status.text()
    rel = editor.pictures.use_photo("end", photo)
    assert rel == "assets/pictures/clamshell-copy-end.png"
    assert (folder / rel).read_bytes() == photo.read_bytes()
    assert editor.pictures.end.view.path == folder / rel  # its thumbnail
    assert editor.pictures.end.file.text() == "clamshell-copy-end.png"
    editor.pictures.drawn_side.widget.setFocus()
    QTest.keyClick(editor.pictures.drawn_side.widget, Qt.Key.Key_End)  # right, left, both

    assert editor.save(), editor.status.text()
    loaded = load_library([bundled_root(), folder])
    assert _own_problems(loaded, folder) == []
    assert loaded.picture_path("clamshell-copy", "end") == folder / rel
    assert loaded.picture_path("clamshell-copy", "start") == (
        folder / "assets" / "pictures" / "clamshell-start.svg"
    )
    assert loaded.exercises["clamshell-copy"].pictures.drawn_side == "both"

    QTest.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert draft.data["pictures"]["end"] == "assets/pictures/clamshell-end.svg"
    assert editor.pictures.end.file.text() == "clamshell-end.svg"
