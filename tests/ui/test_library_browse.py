"""Home as a person browses the library: exercises with their pictures as thumbnails,
filters that narrow what is listed (with the search, not instead of it), thumbnails kept
on disk for the next time, a placeholder for a picture that cannot be shown, and the
buttons that ask for a new item, a change or an import.

Each test writes its own small library (and its pictures) into ``tmp_path``, beside the
bundled one; thumbnails go to a folder of the test's own."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from guide_app.core.loader import Library, bundled_root, load_library
from guide_app.ui.exercise_list import PAD, PLACEHOLDER
from guide_app.ui.home import HomePage
from guide_app.ui.outline import describe_session
from guide_app.ui.picture import render_picture
from guide_app.ui.thumbnails import ThumbnailCache

EXERCISE = """version: 2
kind: exercise
id: {id}
name: {name}
summary: An exercise written by the test.
equipment: [{equipment}]
targets: [{target}]
position: {position}
pictures:
  start: assets/pictures/{id}.png
cues:
  - Move slowly.
sides: {sides}
dosage:
  sets: 1
  reps: 5
"""


def write_exercise(
    root: Path,
    exercise_id: str,
    name: str,
    *,
    equipment: str = "",
    target: str = "hamstrings",
    position: str = "standing",
    sides: str = "both",
    folder: str = "",
    colour: str = "#3060c0",
) -> Path:
    """An exercise file and its picture (a small PNG in its own colour); the picture's path."""
    where = root / "exercises" / folder
    where.mkdir(parents=True, exist_ok=True)
    text = EXERCISE.format(
        id=exercise_id,
        name=name,
        equipment=equipment,
        target=target,
        position=position,
        sides=sides,
    )
    (where / f"{exercise_id}.yaml").write_text(text, encoding="utf-8")
    pictures = root / "assets" / "pictures"
    pictures.mkdir(parents=True, exist_ok=True)
    picture = pictures / f"{exercise_id}.png"
    image = QImage(80, 60, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(picture), "PNG")
    return picture


def own_library(root: Path) -> Path:
    """Four exercises of the user's own: two need an elastic strap, one is lying down."""
    write_exercise(root, "strap-bridge", "Aaa strap bridge", equipment="elastic strap")
    write_exercise(
        root, "strap-row", "Aaa strap row", equipment="elastic strap", sides="alternating"
    )
    write_exercise(root, "floor-bridge", "Aaa floor bridge", position="lying on your back")
    write_exercise(root, "wall-sit", "Aaa wall sit", equipment="wall", target="quadriceps")
    return root


def load(*roots: Path) -> Library:
    library = load_library([bundled_root(), *roots])
    assert not library.problems, library.problems[:3]
    return library


def make_home(
    qtbot: QtBot,
    library: Library,
    tmp_path: Path,
    *,
    thumbnails: ThumbnailCache | None = None,
    settings: QSettings | None = None,
) -> HomePage:
    settings = settings or QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = HomePage(
        library,
        settings,
        lambda s, a, w: describe_session(library, s, a, w),
        thumbnails=thumbnails or ThumbnailCache(tmp_path / "thumbnails"),
    )
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    qtbot.waitExposed(page)
    return page


def choose(qtbot: QtBot, page: HomePage, filter_name: str, value: str) -> None:
    """Pick ``value`` in one of the filters, once the filters offer it."""
    combo = getattr(page.filters, filter_name)
    qtbot.waitUntil(lambda: combo.findData(value) >= 0, timeout=5000)
    combo.setCurrentIndex(combo.findData(value))


def listed(page: HomePage) -> list[str]:
    model = page.exercise_model
    return [model.exercise_id(row) for row in range(model.rowCount())]


def test_the_equipment_filter_lists_only_exercises_that_use_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    library = load(own_library(tmp_path / "mine"))
    page = make_home(qtbot, library, tmp_path)
    everything = page.exercise_model.rowCount()
    assert everything == len(library.exercises)
    choose(qtbot, page, "equipment", "elastic strap")
    assert sorted(listed(page)) == ["strap-bridge", "strap-row"]
    assert page.tabs.tabText(page.tabs.indexOf(page.exercise_list)) == "Exercises (2)"
    # The sessions listed are those that need a strap.
    tree = page.sessions_tree
    strap = tree.find_row("session|iliopsoas-weeks-1-2")
    plain = tree.find_row("session|first-session")
    assert strap is not None and not strap.isHidden()
    assert plain is not None and plain.isHidden()
    page.filters.clear_button.click()
    assert page.exercise_model.rowCount() == everything


def test_filters_and_the_search_narrow_together(qtbot: QtBot, tmp_path: Path) -> None:
    library = load(own_library(tmp_path / "mine"))
    page = make_home(qtbot, library, tmp_path)
    qtbot.keyClicks(page.search, "aaa bridge")
    assert sorted(listed(page)) == ["floor-bridge", "strap-bridge"]
    choose(qtbot, page, "equipment", "elastic strap")
    assert listed(page) == ["strap-bridge"]
    choice = page.current_choice()
    assert choice is not None and choice.session.title == "Aaa strap bridge"
    choose(qtbot, page, "sides", "alternating")
    assert listed(page) == [], "an alternating strap bridge does not exist"
    assert page.current_choice() is None
    assert not page.start_button.isEnabled()
    page.search.clear()
    assert listed(page) == ["strap-row"]


def test_position_and_target_filters(qtbot: QtBot, tmp_path: Path) -> None:
    library = load(own_library(tmp_path / "mine"))
    page = make_home(qtbot, library, tmp_path)
    choose(qtbot, page, "position", "lying_back")
    assert "floor-bridge" in listed(page)
    assert all(library.exercises[i].position.startswith("lying") for i in listed(page))
    page.filters.clear()
    choose(qtbot, page, "target", "quadriceps")
    assert "wall-sit" in listed(page) and "strap-row" not in listed(page)
    assert page.filters.position.currentText() == "Any position"


def test_the_source_filter_names_an_imported_folder(qtbot: QtBot, tmp_path: Path) -> None:
    root = own_library(tmp_path / "mine")
    write_exercise(root, "db-curl", "Aaa curl from the database", folder="free-exercise-db")
    library = load(root)
    page = make_home(qtbot, library, tmp_path)
    choose(qtbot, page, "source", "folder:free-exercise-db")
    sources = [page.filters.source.itemText(i) for i in range(page.filters.source.count())]
    assert sources == ["Any source", "Bundled", "Your own", "free-exercise-db"]
    assert listed(page) == ["db-curl"]
    choose(qtbot, page, "source", "own")
    assert sorted(listed(page)) == ["floor-bridge", "strap-bridge", "strap-row", "wall-sit"]
    choose(qtbot, page, "source", "bundled")
    assert "clamshell" in listed(page) and "db-curl" not in listed(page)


def test_filters_are_not_remembered_but_the_choice_is(qtbot: QtBot, tmp_path: Path) -> None:
    library = load(own_library(tmp_path / "mine"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = make_home(qtbot, library, tmp_path, settings=settings)
    choose(qtbot, first, "equipment", "elastic strap")
    assert first.select("exercise", "strap-row")
    first.start_button.click()
    again = make_home(qtbot, library, tmp_path, settings=settings)
    assert again.filters.value().is_open()
    assert again.exercise_model.rowCount() == len(library.exercises)
    choice = again.current_choice()
    assert choice is not None and choice.session.title == "Aaa strap row"
    assert again.tabs.currentWidget() is again.exercise_list


def counting(calls: list[Path]) -> Callable[[Path, str | None, bool, QSize], QImage | str]:
    def render(path: Path, side: str | None, mirrored: bool, room: QSize) -> QImage | str:
        calls.append(path)
        return render_picture(path, side, mirrored, room)

    return render


def test_thumbnails_are_drawn_for_the_exercises_on_screen(qtbot: QtBot, tmp_path: Path) -> None:
    library = load(own_library(tmp_path / "mine"))
    calls: list[Path] = []
    cache = ThumbnailCache(tmp_path / "thumbnails", render=counting(calls))
    page = make_home(qtbot, library, tmp_path, thumbnails=cache)
    assert page.select("exercise", "floor-bridge")
    model = page.exercise_model
    qtbot.waitUntil(lambda: model.thumbnail(0) is not None, timeout=5000)
    image = model.thumbnail(0)
    assert image is not None and image.width() <= cache.size.width()
    assert model.picture_state(0) == "ready"
    # The picture is blue: so is the middle of the row's thumbnail on screen.
    page.exercise_list.viewport().repaint()
    shot = page.exercise_list.viewport().grab().toImage()
    row = page.exercise_list.visualRect(model.index(0))
    middle = shot.pixelColor(PAD + cache.size.width() // 2, row.center().y())
    assert middle == QColor("#3060c0"), middle.name()
    # Only rows on screen were asked for: the last of the 70 exercises is far below.
    last = model.rowCount() - 1
    assert (
        not page.exercise_list.viewport()
        .rect()
        .intersects(page.exercise_list.visualRect(model.index(last)))
    )
    assert model.picture_state(last) == "waiting"
    assert len(calls) < model.rowCount()


def test_a_thumbnail_comes_from_the_disk_cache_the_next_time(qtbot: QtBot, tmp_path: Path) -> None:
    library = load(own_library(tmp_path / "mine"))
    calls: list[Path] = []
    folder = tmp_path / "thumbnails"
    first = make_home(
        qtbot, library, tmp_path, thumbnails=ThumbnailCache(folder, render=counting(calls))
    )
    assert first.select("exercise", "strap-bridge")
    row = first.exercise_model.row_of("strap-bridge")
    assert row is not None
    qtbot.waitUntil(lambda: first.exercise_model.thumbnail(row) is not None, timeout=5000)
    picture = library.picture_path("strap-bridge")
    assert picture in calls
    assert list(folder.glob("*.png")), "the thumbnail is kept on disk"
    first.close()

    calls.clear()
    cache = ThumbnailCache(folder, render=counting(calls))
    again = make_home(qtbot, library, tmp_path, thumbnails=cache)
    assert again.select("exercise", "strap-bridge")
    qtbot.waitUntil(lambda: again.exercise_model.thumbnail(row) is not None, timeout=5000)
    assert picture not in calls, "drawn again instead of read from the disk cache"
    assert cache.from_disk >= 1


def test_a_changed_picture_gets_a_new_thumbnail(qtbot: QtBot, tmp_path: Path) -> None:
    root = own_library(tmp_path / "mine")
    library = load(root)
    folder = tmp_path / "thumbnails"
    first = make_home(qtbot, library, tmp_path, thumbnails=ThumbnailCache(folder))
    assert first.select("exercise", "wall-sit")
    row = first.exercise_model.row_of("wall-sit")
    assert row is not None
    qtbot.waitUntil(lambda: first.exercise_model.thumbnail(row) is not None, timeout=5000)
    first.close()
    picture = write_exercise(root, "wall-sit", "Aaa wall sit", colour="#e08000")
    stat = picture.stat()
    os.utime(picture, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    again = make_home(qtbot, library, tmp_path, thumbnails=ThumbnailCache(folder))
    assert again.select("exercise", "wall-sit")
    qtbot.waitUntil(lambda: again.exercise_model.thumbnail(row) is not None, timeout=5000)
    image = again.exercise_model.thumbnail(row)
    assert image is not None
    assert image.pixelColor(image.width() // 2, image.height() // 2) == QColor("#e08000")


def test_a_picture_that_cannot_be_shown_gets_the_placeholder(qtbot: QtBot, tmp_path: Path) -> None:
    library = load(own_library(tmp_path / "mine"))
    broken = library.picture_path("strap-row")
    gone = library.picture_path("wall-sit")
    assert broken is not None and gone is not None
    broken.write_bytes(b"not a picture at all")
    gone.unlink()  # removed after the library loaded
    page = make_home(qtbot, library, tmp_path)
    model = page.exercise_model
    for exercise_id in ("strap-row", "wall-sit"):
        assert page.select("exercise", exercise_id)
        row = model.row_of(exercise_id)
        assert row is not None
        qtbot.waitUntil(lambda row=row: model.picture_state(row) == "placeholder", timeout=5000)
        assert model.thumbnail(row) is None
        page.exercise_list.viewport().repaint()
        shot = page.exercise_list.viewport().grab().toImage()
        box = page.exercise_list.visualRect(model.index(row))
        corner = shot.pixelColor(PAD + 2, box.center().y() - 30)
        assert corner == QColor(PLACEHOLDER), corner.name()


def test_edit_reads_duplicate_and_change_for_a_bundled_item(qtbot: QtBot, tmp_path: Path) -> None:
    library = load(own_library(tmp_path / "mine"))
    page = make_home(qtbot, library, tmp_path)
    asked: list[tuple[str, str]] = []
    page.edit_requested.connect(lambda kind, item: asked.append((kind, item)))
    assert page.select("session", "first-session")
    assert page.edit_button.text() == "Duplicate and change"
    page.edit_button.click()
    assert page.select("phase", "iliopsoas-rehab")
    page.edit_button.click()
    assert page.select("exercise", "strap-bridge")
    assert page.edit_button.text() == "Edit"
    page.edit_button.click()
    assert asked == [
        ("session", "first-session"),
        ("programme", "iliopsoas-rehab"),
        ("exercise", "strap-bridge"),
    ]


def test_new_and_import_ask_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    library = load(own_library(tmp_path / "mine"))
    page = make_home(qtbot, library, tmp_path)
    kinds: list[str] = []
    imports: list[bool] = []
    page.new_requested.connect(kinds.append)
    page.import_requested.connect(lambda: imports.append(True))
    menu = page.new_button.menu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["Exercise", "Session", "Programme"]
    for action in menu.actions():
        action.trigger()
    page.import_button.click()
    assert kinds == ["exercise", "session", "programme"]
    assert imports == [True]


def test_reload_keeps_the_choice_and_shows_what_was_added(qtbot: QtBot, tmp_path: Path) -> None:
    root = own_library(tmp_path / "mine")
    page = make_home(qtbot, load(root), tmp_path)
    qtbot.keyClicks(page.search, "aaa")
    assert page.exercise_model.rowCount() == 4
    assert page.select("exercise", "wall-sit")
    write_exercise(root, "aaa-new", "Aaa new one")
    page.reload(load(root))
    assert page.exercise_model.rowCount() == 5, "the search stays, the new one is found"
    assert page.edit_target() == ("exercise", "wall-sit")
    (root / "exercises" / "wall-sit.yaml").unlink()
    page.reload(load(root))
    assert page.exercise_model.row_of("wall-sit") is None
    choice = page.current_choice()
    assert choice is not None and choice.session.title != "Aaa wall sit"


def test_a_letter_typed_on_the_exercise_list_goes_to_the_search(
    qtbot: QtBot, tmp_path: Path
) -> None:
    library = load(own_library(tmp_path / "mine"))
    page = make_home(qtbot, library, tmp_path)
    assert page.select("exercise", "strap-row")
    page.activateWindow()
    page.tree.setFocus()
    assert page.tree is page.exercise_list
    qtbot.keyClicks(page.exercise_list, "wall")
    assert page.search.text() == "wall"
    assert page.edit_target() == ("exercise", "wall-sit")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # the search box does not start


def test_the_filters_and_lists_have_names_for_a_screen_reader(qtbot: QtBot, tmp_path: Path) -> None:
    page = make_home(qtbot, load(own_library(tmp_path / "mine")), tmp_path)
    names = [combo.accessibleName() for combo in page.filters.combos()]
    assert names == [
        "Filter by equipment",
        "Filter by body position",
        "Filter by target",
        "Filter by sides",
        "Filter by source",
    ]
    assert page.exercise_list.accessibleName() == "Exercises"
    assert page.sessions_tree.accessibleName() == "Programmes and sessions"


def test_sessions_show_their_length_and_equipment(qtbot: QtBot, tmp_path: Path) -> None:
    library = load()
    page = make_home(qtbot, library, tmp_path)
    item = page.sessions_tree.find_row("session|iliopsoas-weeks-1-2")
    assert item is not None
    page.sessions_tree.scrollToItem(item)
    qtbot.waitUntil(lambda: "min" in item.text(1), timeout=10000)
    outline = describe_session(library, library.sessions["iliopsoas-weeks-1-2"], None, None)
    minutes = item.text(1).split(" min")[0]
    assert f"About {minutes} min" in outline, (item.text(1), outline)
