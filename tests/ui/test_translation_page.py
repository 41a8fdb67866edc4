"""Translating in the editors: the Translations page lists each English text beside its
translation, typing one writes it into the file on Save (the rest of the file as it
was), undo takes it back, a translation whose English changed is listed apart, what
validate says of a translation shows under it, and the editor's keys keep working.

The user's library is the test's own folder, holding a copy of a bundled exercise."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from guide_app.core import i18n, symbols
from guide_app.core.content_draft import Draft
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.speech.service import RecordingSpeech
from guide_app.ui.exercise_editor import ExerciseEditor
from guide_app.ui.main_window import MainWindow
from guide_app.ui.programme_editor import ProgrammeEditor
from guide_app.ui.session_editor import SessionEditor
from guide_app.ui.translation_page import TranslationField, TranslationPage
from tests.helpers.session_editing import choose, click, retype, show_editor, type_in
from tests.helpers.window import MakeWindow, press

CTRL = Qt.KeyboardModifier.ControlModifier
NAME = "Clamshell"
SUMMARY_START = "Lying on your side with knees bent"
FIRST_CUE = (
    "Lie on your side, head resting on your lower arm, hips and knees bent to about 45 degrees."
)


@pytest.fixture
def library() -> Library:
    """The bundled library, the test's own: a save in the window adds to it."""
    return load_library([bundled_root()])


@pytest.fixture
def english() -> Iterator[None]:
    """The window in English, and back to it whatever a test chose."""
    i18n.set_language(None)
    try:
        yield
    finally:
        i18n.set_language(None)


def _own_clamshell(folder: Path, translations: str = "") -> Path:
    """The bundled clamshell copied into the library ``folder`` (its pictures too),
    without the translations it may carry, and with ``translations`` at its end."""
    text = (bundled_root() / "exercises" / "clamshell.yaml").read_text(encoding="utf-8")
    text = text.split("\ntranslations:", 1)[0].rstrip("\n") + "\n" + translations
    path = folder / "exercises" / "clamshell.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    (folder / "assets" / "pictures").mkdir(parents=True)
    for end in ("start", "end"):
        name = f"clamshell-{end}.svg"
        shutil.copyfile(
            bundled_root() / "assets" / "pictures" / name, folder / "assets" / "pictures" / name
        )
    return path


def _exercise_editor(qtbot: QtBot, path: Path, library: Library) -> ExerciseEditor:
    editor = ExerciseEditor(Draft.open(path, path.parents[1]), library)
    show_editor(qtbot, editor)
    return editor


def _to_translations(qtbot: QtBot, editor: ExerciseEditor) -> TranslationPage:
    """Click the Translations tab; German chosen."""
    bar = editor.tabs.tabBar()
    index = editor.tabs.indexOf(editor.translations)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    page = editor.translations
    assert page.isVisible()
    choose(qtbot, page.choice, "D", "de")
    return page


def _box(page: TranslationPage, english: str) -> QPlainTextEdit:
    field = page.field_of(english)
    assert isinstance(field, TranslationField), f"no row for {english!r}"
    return field.text


def _english_shown(page: TranslationPage) -> list[str]:
    """The English column, top to bottom."""
    labels = []
    for row in range(1, page.grid.rowCount()):
        item = page.grid.itemAtPosition(row, 1)
        if item is not None and item.widget() is not None:
            labels.append(item.widget().text())  # type: ignore[union-attr]
    return labels


def test_a_german_name_and_cue_save_into_the_file_and_load_in_german(
    qtbot: QtBot, library: Library, tmp_path: Path, english: None
) -> None:
    folder = tmp_path / "library"
    path = _own_clamshell(folder)
    before = path.read_text(encoding="utf-8")
    editor = _exercise_editor(qtbot, path, library)
    page = _to_translations(qtbot, editor)

    shown = _english_shown(page)
    assert shown[0] == NAME and shown[1].startswith(SUMMARY_START) and FIRST_CUE in shown
    total = len(shown)
    assert page.count.text() == f"0 of {total} translated"
    assert _box(page, NAME).placeholderText() == "not translated yet"
    assert page.marks[0].text() == symbols.CIRCLE
    assert not page.stale_box.isVisible()

    type_in(qtbot, _box(page, NAME), "Muschel")
    assert page.count.text() == f"1 of {total} translated"
    assert page.marks[0].text() == symbols.DONE
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is _box(page, shown[1]), "Tab goes to the next one"
    type_in(qtbot, _box(page, FIRST_CUE), "Legen Sie sich auf die Seite.")
    assert page.count.text() == f"2 of {total} translated"

    click(qtbot, editor.save_button)
    saved = path.read_text(encoding="utf-8")
    assert saved == before + (
        "translations:\n"
        "  de:\n"
        "    Clamshell: Muschel\n"
        f"    {FIRST_CUE}: Legen Sie sich auf die Seite.\n"
    ), editor.status.text()

    i18n.set_language("de")
    german = load_library([folder])  # the user's library alone: what it says in German
    clamshell = german.exercises["clamshell"]
    assert german.problems == []
    assert clamshell.name == "Muschel"
    assert clamshell.cues[0].text == "Legen Sie sich auf die Seite."
    assert clamshell.cues[1].text.startswith("Stack your hips"), "the rest stays English"


def test_undo_takes_a_typed_translation_back_as_one_step(
    qtbot: QtBot, library: Library, tmp_path: Path, english: None
) -> None:
    editor = _exercise_editor(qtbot, _own_clamshell(tmp_path / "library"), library)
    page = _to_translations(qtbot, editor)
    total = page.rows.total
    type_in(qtbot, _box(page, NAME), "Muschel")
    assert editor.draft.get(("translations", "de", NAME)) == "Muschel"
    assert editor.undo_stack.count() == 1, "typing is one step"

    click(qtbot, editor.undo_button)
    assert "translations" not in editor.draft.data, "undone, the line is gone"
    assert _box(page, NAME).toPlainText() == ""
    assert page.count.text() == f"0 of {total} translated"
    click(qtbot, editor.redo_button)
    assert _box(page, NAME).toPlainText() == "Muschel"

    retype = _box(page, NAME)
    retype.setFocus()
    QTest.keyClick(retype, Qt.Key.Key_A, CTRL)
    QTest.keyClick(retype, Qt.Key.Key_Backspace)
    assert "translations" not in editor.draft.data, "emptied, the line is removed"
    assert page.count.text() == f"0 of {total} translated"
    assert page.marks[0].text() == symbols.CIRCLE


def test_a_translation_whose_english_changed_is_listed_apart_to_move_or_remove(
    qtbot: QtBot, library: Library, tmp_path: Path, english: None
) -> None:
    path = _own_clamshell(
        tmp_path / "library", 'translations:\n  de:\n    "Clamshell": "Muschel"\n'
    )
    editor = _exercise_editor(qtbot, path, library)
    page = _to_translations(qtbot, editor)
    assert page.count.text().startswith("1 of ") and not page.stale_box.isVisible()

    editor.tabs.setCurrentIndex(0)
    editor.name.widget.setFocus()
    QTest.keyClick(editor.name.widget, Qt.Key.Key_End)
    qtbot.keyClicks(editor.name.widget, " with band")
    page = _to_translations(qtbot, editor)
    assert page.stale_box.isVisible()
    assert [r.english for r in page.rows.stale] == [NAME]
    assert _box(page, NAME).toPlainText() == "Muschel"
    assert _box(page, "Clamshell with band").toPlainText() == "", "not moved silently"
    assert page.count.text().startswith("0 of ")
    editor.check_now()
    stale = page.field_of(NAME)
    assert stale is not None and stale.text.isVisibleTo(page)  # listed apart, under a heading
    listed = [editor.problems.item(i).text() for i in range(editor.problems.count())]
    assert not any("matches no text" in line for line in listed), "out of date, not wrong"

    (move,) = page.moves
    assert move.findText("Clamshell with band") > 0
    move.activated.emit(move.findText("Clamshell with band"))
    assert editor.draft.data["translations"] == {"de": {"Clamshell with band": "Muschel"}}
    assert not page.stale_box.isVisible() and page.count.text().startswith("1 of ")

    click(qtbot, editor.undo_button)
    assert page.stale_box.isVisible()
    click(qtbot, page.removes[0])
    assert "translations" not in editor.draft.data


def test_what_validate_says_of_a_translation_shows_under_it_and_in_the_list(
    qtbot: QtBot, library: Library, tmp_path: Path, english: None
) -> None:
    editor = _exercise_editor(qtbot, _own_clamshell(tmp_path / "library"), library)
    page = _to_translations(qtbot, editor)
    box = _box(page, NAME)
    type_in(qtbot, box, "Mu")
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClicks(box, "schel")  # a name is one line
    editor.check_now()
    field = page.field_of(NAME)
    assert field is not None and field.problem.isVisible()
    assert "translations.de: the translation of 'Clamshell'" in field.problem.text()
    item = editor.problems.item(0)
    assert "the translation of 'Clamshell'" in item.text()

    editor.tabs.setCurrentIndex(0)
    qtbot.mouseClick(
        editor.problems.viewport(),
        Qt.MouseButton.LeftButton,
        pos=editor.problems.visualItemRect(item).center(),
    )
    assert editor.tabs.currentWidget() is page, "choosing the problem goes to its field"
    assert QApplication.focusWidget() is _box(page, NAME)
    assert editor.save(), "a translation's problem is told, not a reason to refuse"


def test_the_session_and_programme_editors_translate_their_texts_too(
    qtbot: QtBot, library: Library, tmp_path: Path, english: None
) -> None:
    session = SessionEditor(Draft.duplicate(library, "session", "first-session", tmp_path), library)
    show_editor(qtbot, session)
    session.tabs.setCurrentWidget(session.translations)
    title = session.draft.data["title"]
    page = session.translations
    assert page.rows.current[0].english == title
    retype(qtbot, _box(page, title), "Erste Einheit")
    assert session.draft.get(("translations", "de", title)) == "Erste Einheit"
    choose(qtbot, page.choice, "E", "es")
    spanish = session.draft.get(("translations", "es", title))
    assert _box(page, title).toPlainText() == (spanish or ""), "each language its own"

    programme = ProgrammeEditor(
        Draft.duplicate(library, "programme", "iliopsoas-rehab", tmp_path), library
    )
    show_editor(qtbot, programme)
    programme.right_tabs.setCurrentWidget(programme.translations)
    page = programme.translations
    phase = programme.draft.data["phases"][0]["name"]
    assert phase in [r.english for r in page.rows.current]
    retype(qtbot, _box(page, phase), "Phase eins")
    assert programme.draft.get(("translations", "de", phase)) == "Phase eins"


def test_ctrl_z_and_ctrl_s_work_while_translating_in_the_window(
    qtbot: QtBot, tmp_path: Path, make_window: MakeWindow, english: None
) -> None:
    window: MainWindow = make_window(voice=RecordingSpeech(), user_library=tmp_path / "library")
    window.resize(1366, 720)
    window.show()
    qtbot.waitExposed(window)
    assert window.home.select("exercise", "clamshell")
    window.home.edit_button.click()
    editor = window.editor
    assert isinstance(editor, ExerciseEditor)
    editor.tabs.setCurrentWidget(editor.translations)
    page = editor.translations
    choose(qtbot, page.choice, "D", "de")
    box = _box(page, "mat")
    before = box.toPlainText()
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(box, "!")
    assert editor.draft.get(("translations", "de", "mat")) == f"{before}!".strip()
    press(window, Qt.Key.Key_Z, modifiers=CTRL)
    assert box.toPlainText() == before
    QTest.keyClick(box, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(box, " thin")
    press(window, Qt.Key.Key_S, modifiers=CTRL)
    saved = tmp_path / "library" / "exercises" / "clamshell-copy.yaml"
    assert saved.is_file(), editor.status.text()
    assert f"{before} thin".strip() in saved.read_text(encoding="utf-8")
