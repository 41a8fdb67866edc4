"""Where an exercise's pictures lead: inside its library folder, to a file that is there.

Folders are resolved once and cached, so a library of a thousand exercises sharing one
pictures folder costs one lstat per picture.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from guide_app.core.content_errors import dotted
from guide_app.core.i18n import tr

Loc = tuple[str | int, ...]


def picture_problems(root: Path, pictures: Mapping[str, Any]) -> list[tuple[Loc, str]]:
    """Every picture path of ``pictures`` that leads outside ``root`` or to no file."""
    problems: list[tuple[Loc, str]] = []
    real_root = _realpath(str(root))
    places: list[tuple[Loc, Any]] = [((which,), pictures.get(which)) for which in ("start", "end")]
    steps = pictures.get("steps")
    if isinstance(steps, list | tuple):
        places += [(("steps", i), rel) for i, rel in enumerate(steps)]
    for place, rel in places:
        which = dotted(place)
        if not isinstance(rel, str) or not rel or "\x00" in rel:
            continue  # a NUL cannot be in a file name: the model says so at its line
        full, is_file = _resolve_picture(real_root, rel)
        if full != real_root and not full.startswith(real_root + os.sep):
            problems.append(
                (
                    ("pictures", *place),
                    tr(
                        "pictures.{which}: {path!r} points outside the library folder "
                        "{root}: keep pictures inside it (e.g. assets/pictures/)",
                        which=which,
                        path=rel,
                        root=root,
                    ),
                )
            )
        elif not is_file:
            problems.append(
                (
                    ("pictures", *place),
                    tr(
                        "pictures.{which}: no picture at {path!r} (looked in {root}): "
                        "add the file or correct the path",
                        which=which,
                        path=rel,
                        root=root,
                    ),
                )
            )
    return problems


@functools.lru_cache(maxsize=256)
def _realpath(folder: str) -> str:
    return os.path.realpath(folder)


def _resolve_picture(real_root: str, rel: str) -> tuple[str, bool]:
    """Where a picture path really leads (links followed), and whether a file is there.

    Folders are resolved once and cached, so a library of a thousand exercises sharing one
    pictures folder costs one lstat per picture."""
    joined = os.path.join(real_root, rel)
    full = os.path.join(_realpath(os.path.dirname(joined)), os.path.basename(joined))
    try:
        mode = os.lstat(full).st_mode
    except OSError:
        return full, False
    if stat.S_ISLNK(mode):
        full = os.path.realpath(full)
        return full, os.path.isfile(full)
    return full, stat.S_ISREG(mode)
