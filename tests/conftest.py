"""Tests run headless: Qt draws offscreen unless a test starts its own X server."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The suite reads English whatever the machine's language says (a test of another language
# sets it itself).
os.environ["LANGUAGE"] = "en"
