"""Work/rest intervals in a plan: one get-ready, then work and rest on the clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide_app.core.model import Intervals

if TYPE_CHECKING:
    from guide_app.core.plan import _Builder


def add(builder: _Builder, intervals: Intervals) -> None:
    """Add an intervals block's steps to the plan being built."""
    from guide_app.core.plan import PlanError

    raise PlanError("intervals are not planned yet")
