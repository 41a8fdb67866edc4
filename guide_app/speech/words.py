"""What the window says about the voice: one line for each ``VoiceStatus`` (no Qt).

The speech service reports a ``VoiceStatus``; only this function turns it into words, so
the window, the command line and a test all say the same thing in the user's language.
"""

from __future__ import annotations

from guide_app.core.i18n import tr
from guide_app.core.voice import VoiceStatus


def describe_voice(status: VoiceStatus, done: int = 0, total: int = 0) -> str:
    """The line the window shows for ``status``; ``done``/``total`` count the phrases
    prepared so far while it is PREPARING."""
    match status:
        case VoiceStatus.STARTING:
            return tr("Starting voice")
        case VoiceStatus.PREPARING:
            if total:
                return tr("Preparing voice {done}/{total}", done=done, total=total)
            return tr("Preparing voice")
        case VoiceStatus.READY:
            return tr("Voice ready")
        case VoiceStatus.STANDARD_VOICE:
            return tr("Voice ready - the natural voice failed, the standard voice speaks")
        case VoiceStatus.RESTARTING:
            return tr("Voice restarting - cues are on screen")
        case VoiceStatus.NO_ESPEAK:
            return tr("No voice: espeak-ng is not installed - cues are on screen")
        case VoiceStatus.ENGINE_FAILED:
            return tr("No voice: the speech engine failed to start - cues are on screen")
        case VoiceStatus.CRASH_LOOP:
            return tr("No voice: the speech engine keeps crashing - cues are on screen")
        case VoiceStatus.NO_SOUND:
            return tr("No sound device - cues are on screen")
        case VoiceStatus.NO_CACHE:
            return tr("No voice: its sound files can't be stored - cues are on screen")
        case VoiceStatus.OFF:
            return tr("Voice off - cues are on screen")
