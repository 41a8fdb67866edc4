"""Fuzz: a few hundred bad content files through library loading, ``validate`` and the
planner (issue 12, "Must show").

The files are mutations of the bundled exercises, sessions and programmes (bytes
changed, lines dropped, doubled, swapped or cut, hostile characters and tokens put in,
values swapped for wrong, huge, empty, invisible or deeply nested ones), plus the
special files a library folder may hold (a folder, a named pipe and links to endless
devices named ``x.yaml``, an alias bomb, a binary file...). The generator is seeded,
so a failure is reproduced by running the test again.

Everything runs in one child process (``tests.helpers.content_probe``) under a memory
limit, each file under its own alarm, so a hang names its file. What must hold: no
traceback, no file taking 5 s, a peak under 200 MB, and every file either loaded or
reported with its path (by the library and by ``guide-app validate``).
"""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from guide_app.core.loader import bundled_root
from tests.helpers.content_probe import run_child

SEED = 20260612
MUTANTS = 320
ROOT = bundled_root()
TOKENS = (
    "\x00", "\x07", "\x1b[2J", "\u200b", "\u202e", "\ufeff", "\t", "\r", "\u2028", ": ", "- ",
    "[", "{", "]", "}", "&a ", "*a ", "*zz ", "!!binary ", "!!python/object/apply:os.system ",
    "!!set ", "!!int ", "!!timestamp ", "!custom ", "%YAML 1.1\n", "---\n", "...\n", '"', "'",
    "#", "|", ">", "? ", "<<: *a\n", "\\", "9" * 40, "-1", "1e309", ".nan", ".inf", "~", "0x1F",
    "2024-13-45", "yes", "é", "😀", "\U0010ffff",
)  # fmt: skip
VALUES: tuple[Any, ...] = (
    0, -1, 10**6, 10**30, 1e309, float("nan"), 0.5, True, None, "", " ", "\u200b\u2060",
    "x" * 5000, [], {}, [[["x"]]], "8-12", "12-8", "a\x07b", "\x1b[31mred", "DEEP", "WIDE",
)  # fmt: skip

CHILD = r"""
import io, contextlib, signal, traceback
from pathlib import Path
from guide_app.core.choice import single_exercise_session
from guide_app.core.loader import load_library
from guide_app.core.plan import PlanError, expand
from guide_app.cli import main

class Hang(Exception):
    pass

def alarm(signum, frame):
    raise Hang()

signal.signal(signal.SIGALRM, alarm)
bundled, folder, files = Path(args[0]), Path(args[1]), [Path(a) for a in args[2:]]
failures, seconds = [], {}

def timed(what, limit, call):
    sys.stderr.write(f"{what}\n")
    sys.stderr.flush()
    started = time.monotonic()
    signal.alarm(limit)
    try:
        return call()
    except Hang:
        failures.append(f"{what}: still running after {limit} s")
    except BaseException:
        failures.append(f"{what}: {traceback.format_exc()[-1500:]}")
    finally:
        signal.alarm(0)
        seconds[what] = time.monotonic() - started
        if peak_mb() > 200:
            failures.append(f"{what}: peak memory {peak_mb():.0f} MB")
    return None

def loaded_paths(library):
    return {str(library.sources[(kind, i)])
            for kind in ("exercise", "session", "programme") for i in library.table(kind)}

alone = {}
for path in files:
    library = timed(f"alone {path}", 5, lambda: load_library([path]))
    if library is not None:
        alone[str(path)] = {"loaded": sorted(loaded_paths(library)),
                            "reported": sorted({str(p.path) for p in library.problems})}

library = timed("library", 20, lambda: load_library([bundled, folder]))
whole = {}
if library is not None:
    whole = {"loaded": sorted(loaded_paths(library)),
             "reported": sorted({str(p.path) for p in library.problems})}

plans = 0
if library is not None:
    sessions = [s for s in library.sessions.values()
                if str(library.sources[("session", s.id)]).startswith(str(folder))]
    sessions += [single_exercise_session(e) for e in library.exercises.values()
                 if str(library.sources[("exercise", e.id)]).startswith(str(folder))]
    for session in sessions:
        def plan():
            try:
                expand(session, library.exercises)
            except PlanError:
                pass
        timed(f"plan {session.id}", 5, plan)
        plans += 1

library = None  # validate loads its own, as the command does

def validate():
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["--no-user-library", "--library", str(folder), "validate"])
    return out.getvalue()

printed = timed("validate", 20, validate) or ""

print(json.dumps({"failures": failures, "alone": alone, "whole": whole, "printed": printed,
                  "plans": plans, "slowest": max(seconds.values()), "peak_mb": peak_mb(),
                  "longest": max(map(len, printed.splitlines()), default=0)}))
"""


# --------------------------------------------------------------------------- mutations


def _mutate_text(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True) or ["\n"]
    how = rng.randrange(8)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if how == 0:  # a character changed
        k = rng.randrange(len(text))
        return text[:k] + rng.choice(TOKENS)[:1] + text[k + 1 :]
    if how == 1:  # a line dropped
        del lines[i]
    elif how == 2:  # a line doubled (often a key given twice)
        lines.insert(i, lines[i])
    elif how == 3:  # two lines swapped
        lines[i], lines[j] = lines[j], lines[i]
    elif how == 4:  # cut short
        return text[: rng.randrange(len(text))]
    elif how == 5:  # a hostile token put in
        k = rng.randrange(len(text))
        return text[:k] + rng.choice(TOKENS) + text[k:]
    elif how == 6:  # indentation changed
        lines[i] = " " * rng.randrange(1, 4) + lines[i] if rng.random() < 0.5 else lines[i][2:]
    else:  # a line's value replaced by a hostile token
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {rng.choice(TOKENS)}\n"
    return "".join(lines)


def _paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*at, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found += _paths(value, (*at, n))
    return found


def _mutate_data(rng: random.Random, text: str) -> str:
    try:
        data = yaml.safe_load(text)
    except Exception:  # PyYAML's own faults too (an empty !!timestamp)
        data = None
    if not isinstance(data, dict) or not data:
        return _mutate_text(rng, text)  # an earlier mutation left no mapping to change
    path = rng.choice(_paths(data)[1:])
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    how = rng.randrange(4)
    if how == 0 and isinstance(parent, dict):
        del parent[path[-1]]
    elif how == 1 and isinstance(parent, dict):
        parent[rng.choice(["rep", "Name", "extra", "dosage ", "x" * 300])] = 1
    elif how == 2 and isinstance(data.get("dosage"), dict):
        tempo = {f"p{n}": 1 for n in range(rng.randrange(1, 9))}
        data["dosage"] = {"sets": rng.choice([3, 100]), "reps": rng.choice([50, 10000])}
        data["dosage"]["tempo" if rng.random() < 0.5 else "directions"] = (
            tempo if rng.random() < 0.7 else ["right", "left"]
        )
    else:
        parent[path[-1]] = rng.choice(VALUES)
    out = yaml.safe_dump(data, allow_unicode=rng.random() < 0.5, sort_keys=False)
    depth = rng.choice([5, 40, 300, 990])
    out = out.replace("DEEP", "[" * depth + "]" * depth)
    return out.replace("WIDE", "[" + ", ".join(["x"] * rng.choice([10, 100_000])) + "]")


def _mutants(rng: random.Random, folder: Path) -> list[Path]:
    sources = [
        (kind, path)
        for kind in ("exercises", "sessions", "programmes")
        for path in sorted((ROOT / kind).glob("*.yaml"))
    ]
    made = []
    for n in range(MUTANTS):
        kind, source = rng.choice(sources)
        name = f"m{n:03d}-{source.stem}"[:80]
        text = re.sub(r"^id: .*$", f"id: {name}", source.read_text("utf-8"), count=1, flags=re.M)
        for _ in range(rng.randrange(1, 4)):
            text = _mutate_data(rng, text) if rng.random() < 0.4 else _mutate_text(rng, text)
        path = folder / kind / f"{name}.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        made.append(path)
    return made


def _specials(folder: Path) -> list[Path]:
    """The files that once crashed or hung the app, and other odd ones: all are bad."""
    ex = folder / "exercises"
    clam = (ROOT / "exercises" / "clamshell.yaml").read_text("utf-8")

    def exercise(name: str, old: str, new: str) -> Path:
        path = ex / f"{name}.yaml"
        assert old in clam
        path.write_text(clam.replace("id: clamshell", f"id: {name}").replace(old, new, 1))
        return path

    (ex / "folder.yaml").mkdir()
    os.mkfifo(ex / "fifo.yaml")
    (ex / "zero.yaml").symlink_to("/dev/zero")
    (ex / "random.yaml").symlink_to("/dev/urandom")
    (ex / "dangling.yaml").symlink_to(ex / "nowhere")
    with (ex / "huge.yaml").open("wb") as out:
        out.truncate(2_000_000)
    (ex / "empty.yaml").write_bytes(b"")
    (ex / "noise.yaml").write_bytes(random.Random(SEED).randbytes(5000))
    (ex / "utf16.yaml").write_bytes(clam.encode("utf-16"))
    levels = [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    ]
    (ex / "bomb.yaml").write_text("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(levels))
    (ex / "itself.yaml").write_text("a: &a [*a, *a]\n")
    deep = "{per_side: {left: " * 350 + "{}" + "}}" * 350
    tempo = ", ".join(f"phase {chr(97 + n)} 1" for n in range(8))
    return [
        *sorted(p for p in ex.iterdir() if p.suffix == ".yaml"),
        exercise("nul", "start: assets/pictures/clamshell-start.svg", 'start: "a\\0b.svg"'),
        exercise("deep", "dosage:\n", f"dosage: {deep}\nold_dosage:\n"),
        exercise("twice", "progressions:", "dosage: {sets: 9}\nprogressions:"),
        exercise("binary", "name: Clamshell", "name: !!binary Q2xhbXNoZWxs"),
        exercise("invisible", "name: Clamshell", 'name: "\\u200b\\u2060"'),
        exercise("control", "name: Clamshell", 'name: "Clam\\e[2Jshell"'),
        exercise("endless", "  sets: 1\n  reps: 20-30\n  pace: self\n",
                 f'  sets: 100\n  reps: 10000\n  tempo: "{tempo}"\n'),
    ]  # fmt: skip


def test_hundreds_of_bad_files_load_without_a_traceback_a_hang_or_a_flood(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    for kind in ("exercises", "sessions", "programmes"):
        (folder / kind).mkdir(parents=True)
    shutil.copytree(ROOT / "assets", folder / "assets")  # a link would lead outside the folder
    rng = random.Random(SEED)
    specials = _specials(folder)
    files = [*specials, *_mutants(rng, folder)]

    child = run_child(CHILD, [ROOT, folder, *files], timeout=120, memory_limit=1_500_000_000)

    last = child.stderr.strip().splitlines()[-1:] if child.stderr else []
    assert not child.timed_out, f"the fuzz run hung at: {last}"
    assert child.returncode == 0, child.stderr[-3000:]
    report = child.report
    assert report["failures"] == []
    assert report["slowest"] < 5
    assert report["peak_mb"] < 200
    assert report["longest"] < 1000, "a message should not print what it quotes in full"
    unreported = []
    for path in map(str, files):
        alone = report["alone"][path]
        named_alone = not os.path.isdir(path)  # a folder named alone is a library folder
        if named_alone and path not in alone["loaded"] and path not in alone["reported"]:
            unreported.append(f"alone: {path}")
        if path not in report["whole"]["loaded"] and path not in report["whole"]["reported"]:
            unreported.append(f"library: {path}")
        if path not in report["whole"]["loaded"] and f"{path}:" not in report["printed"]:
            unreported.append(f"validate: {path}")
    assert unreported == []
    assert not {str(p) for p in specials} & set(report["whole"]["loaded"])
    bad = len(files) - len(set(map(str, files)) & set(report["whole"]["loaded"]))
    assert bad > len(files) * 0.6, "the mutations should mostly make bad files"
