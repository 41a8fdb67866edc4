"""`guide-app export` writes one file; `guide-app import bundle` puts it into a library and
says how much."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_app.cli import build_parser
from guide_app.cli import bundle as bundle_command
from guide_app.core.loader import load_library


def export(*argv: str) -> int:
    args = build_parser().parse_args(["--no-user-library", "export", *argv])
    result: int = args.func(args)
    return result


def install(*argv: str) -> int:
    args = build_parser().parse_args(["import", "bundle", *argv])
    assert args.func is bundle_command.install
    result: int = args.func(args)
    return result


def test_export_then_install_a_programme_says_what_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "ilio.zip"
    assert export("programme", "iliopsoas-rehab", "--to", str(file)) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote {file}: the programme 'Iliopsoas rehabilitation' with ")
    assert "5 sessions, 8 exercises and 14 pictures." in out
    home = tmp_path / "home"
    assert install(str(file), "--into", str(home)) == 0
    out = capsys.readouterr().out
    assert "Installed the programme 'Iliopsoas rehabilitation' (iliopsoas-rehab)" in out
    assert "28 files added, 0 already there unchanged, 0 replaced." in out
    assert "iliopsoas-rehab" in load_library([home]).programmes
    assert install(str(file), "--into", str(home)) == 0
    assert "0 files added, 28 already there unchanged, 0 replaced." in capsys.readouterr().out


def test_export_of_an_unknown_session_fails_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export("session", "iliopsoas-stretch", "--to", str(tmp_path / "s.zip")) == 1
    err = capsys.readouterr().err
    assert "session 'iliopsoas-stretch' is not in the library: did you mean" in err
    assert list(tmp_path.iterdir()) == []


def test_export_asks_for_a_zip_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export("session", "iliopsoas-stretches", "--to", str(tmp_path / "s.guide")) == 1
    assert "name it s.zip" in capsys.readouterr().err
    assert export("session", "iliopsoas-stretches", "--to", str(tmp_path / "s")) == 0
    assert "Wrote " + str(tmp_path / "s.zip") in capsys.readouterr().out


def test_install_refusal_lists_the_conflict_and_replace_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "s.zip"
    assert export("session", "iliopsoas-stretches", "--to", str(file)) == 0
    home = tmp_path / "home"
    mine = home / "sessions" / "iliopsoas-stretches" / "iliopsoas-stretches.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("# mine\n", encoding="utf-8")
    capsys.readouterr()
    assert install(str(file), "--into", str(home)) == 1
    err = capsys.readouterr().err
    assert "refused: it would change what is already in" in err
    assert f"{mine} is already there, with other content" in err
    assert mine.read_text(encoding="utf-8") == "# mine\n"
    assert install(str(file), "--into", str(home), "--replace") == 0
    assert ", 1 replaced." in capsys.readouterr().out
    assert "iliopsoas-stretches" in load_library([home]).sessions


def test_install_of_a_file_that_is_not_a_bundle_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "notes.zip"
    file.write_text("not a zip", encoding="utf-8")
    assert install(str(file), "--into", str(tmp_path / "home")) == 1
    assert "not a bundle (not a zip file)" in capsys.readouterr().err
