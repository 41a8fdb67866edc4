"""Tests run headless: Qt draws offscreen unless a test starts its own X server."""

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The suite reads English whatever the machine's language says (a test of another language
# sets it itself).
os.environ["LANGUAGE"] = "en"

from guide_app.core import i18n


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """Whatever language a test sets, the next one starts in English."""
    yield
    i18n.set_language(None)
