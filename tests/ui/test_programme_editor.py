"""The programme editor, driven as a person drives it: a programme built from nothing by
keys and clicks and saved so the library loads it, phases moved and the move undone, a
rule's problem shown at its field, and a bundled programme duplicated and changed."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from guide_app.core.content_check import check
from guide_app.core.content_draft import Draft
from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.core.programme_model import Change, ProgressionRule
from guide_app.ui import theme
from guide_app.ui.programme_editor import ProgrammeEditor


def _editor(qtbot: QtBot, draft: Draft, library: Library) -> ProgrammeEditor:
    editor = ProgrammeEditor(draft, library)
    qtbot.addWidget(editor)
    editor.resize(1366, 720)
    editor.show()
    return editor


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _choose(qtbot: QtBot, combo: QComboBox, words: str) -> None:
    """Pick an entry of a list box by typing its first words, as the keyboard does."""
    combo.setFocus()
    qtbot.keyClicks(combo, words)


def _line(combo: QComboBox) -> QLineEdit:
    line = combo.lineEdit()
    assert line is not None
    return line


def _texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def _phase_names(text: str) -> list[str]:
    return re.findall(r"^  - name: (.+)$", text, flags=re.MULTILINE)


def test_a_two_phase_programme_built_from_nothing_saves_and_loads(
    qtbot: QtBot, tmp_path: Path, library: Library
) -> None:
    editor = _editor(qtbot, Draft.new("programme", tmp_path), library)
    assert editor.outline.text() == "No phases yet: add one to begin"

    qtbot.keyClicks(editor.title.widget, "Hip strength at home")
    assert editor.id_field.widget.text() == "hip-strength-at-home"  # the id follows the title
    _click(qtbot, editor.undo_button)  # the title typed and its id: one step
    assert (editor.title.widget.text(), editor.id_field.widget.text()) == ("", "")
    _click(qtbot, editor.redo_button)
    assert editor.id_field.widget.text() == "hip-strength-at-home"
    qtbot.keyClicks(editor.condition.widget, "a stiff, weak hip")

    # Phase 1: lying down, Monday, Wednesday and Friday, with a rule.
    _click(qtbot, editor.phase_buttons.add)
    form = editor.phase_form
    _type(qtbot, form.name.widget, "Lying down")
    qtbot.keyClicks(form.weeks.widget, "0-4")
    qtbot.keyClicks(_line(form.sessions.picker), "phase 1 (lying")
    _click(qtbot, form.sessions.add_button)
    assert _texts(form.sessions.list) == ["Piriformis, phase 1 (lying down)"]
    qtbot.keyClicks(form.frequency_text.widget, "three days a week")
    qtbot.keyClicks(form.days_a_week.widget, "3")
    for day in ("mon", "wed", "fri"):
        _click(qtbot, form.weekdays.boxes[day])

    _click(qtbot, form.rule_buttons.add)
    rule = form.rule
    qtbot.keyClicks(rule.text.widget, "Once 3x15 is easy on each side, do 3x20.")
    qtbot.keyClicks(_line(rule.exercise.combo), "Clamshell")
    qtbot.keyClicks(rule.sets.widget, "3")
    qtbot.keyClicks(rule.reps.widget, "15")
    _choose(qtbot, rule.sides.combo, "the")  # the affected side
    qtbot.keyClicks(rule.max_pain.widget, "2")
    _click(qtbot, rule.as_change)
    assert rule.change_box.isVisible() and not rule.words_box.isVisible()
    qtbot.keyClicks(rule.then_sets.widget, "3")
    qtbot.keyClicks(rule.then_reps.widget, "20")
    qtbot.keyClicks(rule.then_say.widget, "three sets of 20")

    # Phase 2: standing, every second day, its session typed by id.
    _click(qtbot, editor.phase_buttons.add)
    assert editor.phases.currentRow() == 1
    _type(qtbot, form.name.widget, "Standing")
    qtbot.keyClicks(form.weeks.widget, "4-8")
    qtbot.keyClicks(_line(form.sessions.picker), "iliopsoas-wall-squat")
    qtbot.keyClick(_line(form.sessions.picker), Qt.Key.Key_Return)
    assert _texts(form.sessions.list) == ["Iliopsoas rehab, standing on one leg"]
    qtbot.keyClicks(form.every_days.widget, "2")

    assert _texts(editor.phases) == [
        "1. Lying down · weeks 0-4 · 3 a week",
        "2. Standing · weeks 4-8 · 3-4 a week",
    ]
    assert editor.outline.text() == "2 phases · weeks 0-8 · 3-4 sessions a week"
    assert editor.check_now().problems == ()

    _click(qtbot, editor.save_button)
    saved = tmp_path / "programmes" / "hip-strength-at-home.yaml"
    assert saved.is_file(), editor.status.text()

    loaded = load_library([bundled_root(), tmp_path])
    assert [p for p in loaded.problems if p.path == saved] == []
    programme = loaded.programmes["hip-strength-at-home"]
    assert programme.title == "Hip strength at home"
    assert programme.condition == "a stiff, weak hip"
    first, second = programme.phases
    assert (first.name, second.name) == ("Lying down", "Standing")
    assert (first.weeks and (first.weeks.first, first.weeks.last)) == (0, 4)
    assert (second.weeks and (second.weeks.first, second.weeks.last)) == (4, 8)
    assert first.sessions == ("piriformis-phase-1",)
    assert second.sessions == ("iliopsoas-wall-squat",)
    assert first.frequency.text == "three days a week"
    assert str(first.frequency.days_a_week) == "3"
    assert first.frequency.weekdays == ("mon", "wed", "fri")
    assert second.frequency.every_days == 2
    (progression,) = first.progression
    assert progression.text == "Once 3x15 is easy on each side, do 3x20."
    assert isinstance(progression.rule, ProgressionRule)
    found = progression.rule
    assert (found.exercise, found.sets, found.reps, found.sides) == ("clamshell", 3, 15, "affected")
    assert found.max_pain == 2
    assert isinstance(found.then, Change)
    assert (found.then.sets, str(found.then.reps), found.then.say) == (3, "20", "three sets of 20")
    assert second.progression == ()


def test_a_phase_moved_with_alt_up_and_the_move_undone_and_redone(
    qtbot: QtBot, tmp_path: Path, library: Library
) -> None:
    draft = Draft.duplicate(library, "programme", "iliopsoas-rehab", tmp_path)
    editor = _editor(qtbot, draft, library)
    names = ["Seated rotation", "Side-lying strength", "Standing on one leg"]

    def order() -> list[str]:
        return [p["name"] for p in draft.data["phases"]]

    rect = editor.phases.visualItemRect(editor.phases.item(2))
    qtbot.mouseClick(editor.phases.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.phase_form.name.widget.text() == "Standing on one leg"

    qtbot.keyClick(editor.phases, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert order() == [names[0], names[2], names[1]]
    assert editor.phases.currentRow() == 1  # the phase moved stays chosen
    assert editor.phase_form.name.widget.text() == "Standing on one leg"
    assert _texts(editor.phases)[1].startswith("2. Standing on one leg")

    _click(qtbot, editor.undo_button)
    assert order() == names
    assert editor.phases.currentRow() == 2
    assert editor.phase_form.name.widget.text() == "Standing on one leg"
    assert _texts(editor.phases)[2].startswith("3. Standing on one leg")

    _click(qtbot, editor.redo_button)
    assert order() == [names[0], names[2], names[1]]
    assert editor.phase_form.name.widget.text() == "Standing on one leg"

    form = editor.phase_form  # the second phase's sessions, moved in their own list
    _click_item(qtbot, editor.phases, _texts(editor.phases)[2])
    assert _texts(form.sessions.list) == [
        "Iliopsoas rehab, weeks 3-4",
        "Iliopsoas rehab, seated rotation top-up",
    ]
    form.sessions.list.setFocus()
    qtbot.keyClick(form.sessions.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert draft.get(("phases", 2, "sessions")) == [
        "iliopsoas-seated-rotation",
        "iliopsoas-weeks-3-4",
    ]
    assert order() == [names[0], names[2], names[1]]  # the phases stay
    _click(qtbot, editor.undo_button)
    assert draft.get(("phases", 2, "sessions")) == [
        "iliopsoas-weeks-3-4",
        "iliopsoas-seated-rotation",
    ]
    form.sessions.list.setFocus()
    editor.move_chosen(1)  # the window's Alt+Down, the focus in the sessions: a session moves
    assert draft.get(("phases", 2, "sessions")) == [
        "iliopsoas-seated-rotation",
        "iliopsoas-weeks-3-4",
    ]
    assert order() == [names[0], names[2], names[1]]
    _click(qtbot, editor.undo_button)
    editor.phases.setFocus()
    editor.choose_phase(1)

    editor.move_chosen(-1)  # as the window's Alt+Up does
    assert order() == [names[2], names[0], names[1]]
    editor.move_chosen(-1)  # the first phase goes no higher
    assert order() == [names[2], names[0], names[1]]
    assert not editor.phase_buttons.up.isEnabled()


def test_a_rule_on_an_exercise_not_in_the_phase_shows_the_problem_and_is_not_saved(
    qtbot: QtBot, tmp_path: Path, library: Library
) -> None:
    phase = {"sessions": ["piriformis-phase-1"], "frequency": "daily"}
    draft = Draft.new(
        "programme",
        tmp_path,
        {
            "id": "my-hip",
            "title": "My hip",
            "phases": [
                {"name": "One", **phase},
                {"name": "Two", **phase, "progression": [{"text": "Then harder."}]},
            ],
        },
    )
    editor = _editor(qtbot, draft, library)
    assert editor.check_now().problems == ()
    editor.choose_phase(1)
    rule = editor.phase_form.rule
    qtbot.keyClicks(_line(rule.exercise.combo), "clamshel")  # one letter short
    qtbot.keyClicks(rule.sets.widget, "3")
    qtbot.keyClicks(rule.reps.widget, "15")
    qtbot.keyClicks(rule.words.widget, "add the band")

    checked = editor.check_now()
    loc = ("phases", 1, "progression", 0, "rule", "exercise")
    wanted = [p.message for p in check(draft, library).at(loc)]
    assert wanted and "'clamshel' is not in the library" in wanted[0]
    assert [p.loc for p in checked.problems] == [loc]
    assert rule.exercise.problem.isVisible()
    assert wanted[0] in rule.exercise.problem.text()
    assert not rule.not_in_phase.isVisible()  # validate's message says it all
    assert editor.phases.item(1).text().startswith("⚠")

    editor.choose_phase(0)  # elsewhere; the problem in the list still leads to it
    assert not rule.exercise.problem.isVisible()
    item = editor.problems.item(0)
    _click_item(qtbot, editor.problems, item.text())
    assert editor.phases.currentRow() == 1
    assert rule.exercise.problem.isVisible()

    _click(qtbot, editor.save_button)
    assert not (tmp_path / "programmes" / "my-hip.yaml").exists()
    assert editor.status.text().startswith("Not saved")

    _type(qtbot, _line(rule.exercise.combo), "Clamshell")  # chosen by its name
    assert draft.get(loc) == "clamshell"
    assert not rule.not_in_phase.isVisible()
    _click(qtbot, editor.save_button)
    assert (tmp_path / "programmes" / "my-hip.yaml").is_file()


def test_then_in_words_becomes_a_change_keeping_its_words(
    qtbot: QtBot, tmp_path: Path, library: Library
) -> None:
    draft = Draft.duplicate(library, "programme", "iliopsoas-rehab", tmp_path)
    editor = _editor(qtbot, draft, library)
    editor.choose_phase(2)
    rule = editor.phase_form.rule
    then = ("phases", 2, "progression", 0, "rule", "then")
    words = "start the single-leg wall mini-squats"
    assert rule.in_words.isChecked() and rule.words.widget.text() == words
    # The rule of phase 3 names an exercise of phase 2: said beside it, not refused.
    assert rule.exercise.combo.currentText() == "Side-Lying Abduction with External Rotation"
    assert rule.not_in_phase.text() == "Not in this phase's sessions: phase 2 has it."

    _click(qtbot, rule.as_change)
    assert rule.then_say.widget.text() == words  # the words wait as what the change says
    assert draft.get(then) == words  # nothing changed yet
    qtbot.keyClicks(_line(rule.then_exercise.combo), "Single-leg wall mini-squat")
    assert draft.get(then) == {"say": words, "exercise": "single-leg-wall-mini-squat"}
    assert editor.check_now().problems == ()

    _click(qtbot, rule.in_words)  # back to words: the change goes, its words stay
    assert draft.get(then) == words
    assert rule.words_box.isVisible() and rule.words.widget.text() == words
    _click(qtbot, editor.undo_button)
    assert draft.get(then) == {"say": words, "exercise": "single-leg-wall-mini-squat"}
    assert rule.as_change.isChecked()


def _click_item(qtbot: QtBot, widget: QListWidget, text: str) -> None:
    (item,) = widget.findItems(text, Qt.MatchFlag.MatchExactly)
    rect = widget.visualItemRect(item)
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_duplicate_and_change_a_bundled_programme(
    qtbot: QtBot, tmp_path: Path, library: Library
) -> None:
    bundled = library.sources[("programme", "iliopsoas-rehab")]
    before = bundled.read_text(encoding="utf-8")
    draft = Draft.duplicate(library, "programme", "iliopsoas-rehab", tmp_path)
    editor = _editor(qtbot, draft, library)
    assert editor.id_field.widget.text() == "iliopsoas-rehab-copy"
    assert editor.title.widget.text() == "Iliopsoas rehabilitation (copy)"

    _click_item(qtbot, editor.phases, "2. Side-lying strength · weeks 2-4")
    form = editor.phase_form
    words = "side-lying session daily; seated rotation top-up two or three times a week"
    assert form.frequency_text.widget.text() == words  # words alone, shown as words
    qtbot.keyClicks(form.days_a_week.widget, "7")
    assert draft.get(("phases", 1, "frequency")) == {"text": words, "days_a_week": 7}
    assert _texts(editor.phases)[1] == "2. Side-lying strength · weeks 2-4 · 7 a week"

    _click(qtbot, editor.save_button)
    saved = tmp_path / "programmes" / "iliopsoas-rehab-copy.yaml"
    assert saved.is_file(), editor.status.text()
    assert bundled.read_text(encoding="utf-8") == before
    assert _phase_names(saved.read_text(encoding="utf-8")) == _phase_names(before)

    loaded = load_library([bundled_root(), tmp_path])
    assert [p for p in loaded.problems if p.path == saved] == []
    copy = loaded.programmes["iliopsoas-rehab-copy"]
    original = loaded.programmes["iliopsoas-rehab"]
    assert copy.phases[1].frequency.text == words
    assert str(copy.phases[1].frequency.days_a_week) == "7"
    assert original.phases[1].frequency.days_a_week is None
    assert [p.name for p in copy.phases] == [p.name for p in original.phases]
    assert copy.phases[2].progression == original.phases[2].progression


def test_the_editor_fits_a_1366_by_720_window_with_nothing_cut_off_sideways(
    qtbot: QtBot, tmp_path: Path, library: Library
) -> None:
    draft = Draft.duplicate(library, "programme", "iliopsoas-rehab", tmp_path)
    editor = ProgrammeEditor(draft, library)
    qtbot.addWidget(editor)
    editor.setStyleSheet(theme.STYLESHEET)
    editor.resize(1366, 720)
    editor.show()
    qtbot.waitExposed(editor)
    hint = editor.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 720
    for row in range(3):
        editor.choose_phase(row)
        QApplication.processEvents()
        # long forms scroll up and down, never sideways
        assert editor.phase_area.horizontalScrollBar().maximum() == 0
        assert editor.about_area.horizontalScrollBar().maximum() == 0
        assert editor.phase_area.verticalScrollBar().maximum() > 0
