"""Player rules on a fake clock with fake effects: timing, priorities, mute, stop, beeps."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import pytest
from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QSoundEffect

from guide_app.speech.cache import Phrase
from guide_app.speech.player import Player
from guide_app.speech.settings import Priority

LATENCY = 0.03


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class FakeEffect(QObject):
    """Stands in for QSoundEffect: always loaded, logs play() and stop()."""

    statusChanged = Signal()
    log: ClassVar[list[tuple[str, str, float]]] = []
    clock: ClassVar[Clock]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = QUrl()
        self._playing = False

    def setSource(self, url: QUrl) -> None:
        self._source = url
        self.statusChanged.emit()

    def source(self) -> QUrl:
        return self._source

    def status(self) -> QSoundEffect.Status:
        return QSoundEffect.Status.Ready

    def name(self) -> str:
        return Path(self._source.toLocalFile()).stem

    def play(self) -> None:
        self._playing = True
        FakeEffect.log.append(("play", self.name(), FakeEffect.clock.now))

    def stop(self) -> None:
        if self._playing:
            FakeEffect.log.append(("stop", self.name(), FakeEffect.clock.now))
        self._playing = False

    def isPlaying(self) -> bool:
        return self._playing


@pytest.fixture
def rig(qtbot, tmp_path: Path):
    clock = Clock()
    FakeEffect.log = []
    FakeEffect.clock = clock
    player = Player(
        tmp_path,
        output_latency=LATENCY,
        clock=clock,
        effect_factory=FakeEffect,
        has_output=lambda: True,
    )
    dropped: list[tuple[str, str]] = []
    player.dropped.connect(lambda text, why: dropped.append((text, why)))

    def phrase(text: str, duration: float, onset: float = 0.05) -> Phrase:
        return Phrase(text, tmp_path / f"{text}.wav", duration, onset)

    def run_to(t: float, step: float = 0.001) -> None:
        while clock.now < t:
            clock.now = round(clock.now + step, 6)
            player.process_due()

    def events() -> list[tuple[str, str, float]]:
        return [e for e in FakeEffect.log if not e[1].startswith("silence")]

    return SimpleNamespace(
        player=player, clock=clock, phrase=phrase, run_to=run_to, events=events, dropped=dropped
    )


def test_play_starts_early_by_onset_and_latency(rig) -> None:
    player = rig.player
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    player.schedule(phrase("one", 0.4, onset=0.05), Priority.COUNT, at=101.0)
    run_to(101.5)
    [(kind, name, t)] = events()
    assert (kind, name) == ("play", "one")
    assert t == pytest.approx(101.0 - 0.05 - LATENCY, abs=0.0015)


def test_a_count_cuts_off_a_cue(rig) -> None:
    player = rig.player
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    player.schedule(phrase("cue", 3.0), Priority.CUE, at=100.1)
    run_to(100.5)
    player.schedule(phrase("two", 0.4), Priority.COUNT, at=101.0)
    run_to(101.5)
    assert [(k, n) for k, n, _ in events()] == [("play", "cue"), ("stop", "cue"), ("play", "two")]


def test_a_cue_that_would_run_into_a_count_is_dropped(rig) -> None:
    player = rig.player
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    dropped = rig.dropped
    player.schedule(phrase("three", 0.4), Priority.COUNT, at=101.0)
    player.schedule(phrase("long cue", 2.0), Priority.CUE, at=100.5)
    run_to(101.5)
    assert [(k, n) for k, n, _ in events()] == [("play", "three")]
    assert dropped and dropped[0][0] == "long cue" and "three" in dropped[0][1]


def test_a_short_cue_that_ends_before_the_count_plays(rig) -> None:
    player = rig.player
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    player.schedule(phrase("three", 0.4), Priority.COUNT, at=101.0)
    player.schedule(phrase("breathe", 0.3), Priority.CUE, at=100.3)
    run_to(101.5)
    assert [n for k, n, _ in events() if k == "play"] == ["breathe", "three"]


def test_equal_priority_replaces_the_current_prompt(rig) -> None:
    player = rig.player
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    player.schedule(phrase("first cue", 2.0), Priority.CUE, at=100.2)
    run_to(100.6)
    player.schedule(phrase("second cue", 1.0), Priority.CUE)
    run_to(100.7)
    assert [(k, n) for k, n, _ in events()] == [
        ("play", "first cue"),
        ("stop", "first cue"),
        ("play", "second cue"),
    ]


def test_a_lower_prompt_waits_for_a_higher_one(rig) -> None:
    player = rig.player
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    player.schedule(phrase("switch sides", 0.8), Priority.COUNT, at=100.2)
    run_to(100.3)
    player.schedule(phrase("tip", 0.5), Priority.TIP)  # now, while the count plays
    run_to(101.5)
    plays = [(n, t) for k, n, t in events() if k == "play"]
    assert [n for n, _ in plays] == ["switch sides", "tip"]
    switch_start = plays[0][1]
    assert plays[1][1] >= switch_start + 0.8 - 0.002  # after the count's sound ended


def test_a_late_count_is_dropped_not_played_late(rig) -> None:
    player = rig.player
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    dropped = rig.dropped
    player.schedule(phrase("four", 0.4), Priority.COUNT, at=99.0)  # a second ago
    run_to(100.1)
    assert events() == []
    assert dropped[0][0] == "four" and "too late" in dropped[0][1]


def test_mute_cuts_at_once_and_silences_what_follows(rig) -> None:
    player = rig.player
    clock = rig.clock
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    player.schedule(phrase("cue", 2.0), Priority.CUE, at=100.1)
    player.schedule(phrase("five", 0.4), Priority.COUNT, at=103.0)
    run_to(100.5)
    player.set_muted(True)
    assert events()[-1][:2] == ("stop", "cue") and events()[-1][2] == clock.now
    run_to(103.5)
    assert [n for k, n, _ in events() if k == "play"] == ["cue"]
    player.set_muted(False)
    player.schedule(phrase("six", 0.4), Priority.COUNT, at=104.0)
    run_to(104.5)
    assert [n for k, n, _ in events() if k == "play"] == ["cue", "six"]


def test_stop_cuts_and_forgets_everything(rig) -> None:
    player = rig.player
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    player.schedule(phrase("cue", 2.0), Priority.CUE, at=100.1)
    player.schedule(phrase("seven", 0.4), Priority.COUNT, at=103.0)
    run_to(100.5)
    player.stop()
    run_to(104.0)
    assert [(k, n) for k, n, _ in events()] == [("play", "cue"), ("stop", "cue")]


def test_beeps_play_on_time_and_can_be_turned_off(rig) -> None:
    player = rig.player
    run_to = rig.run_to
    events = rig.events
    player.beep(at=100.5)
    run_to(101.0)
    [(_, name, t)] = events()
    assert name.startswith("beep") and t == pytest.approx(100.5 - LATENCY, abs=0.01)
    player.set_beeps(False)
    player.beep(at=101.5)
    run_to(102.0)
    assert len([e for e in events() if e[0] == "play"]) == 1


def test_no_output_device_drops_quietly(qtbot, tmp_path: Path) -> None:
    player = Player(tmp_path, effect_factory=FakeEffect, has_output=lambda: False)
    statuses: list[str] = []
    dropped: list[str] = []
    player.dropped.connect(lambda text, why: dropped.append(why))
    assert player.status == "No sound device - cues are on screen"
    assert not player.available
    player.schedule(Phrase("one", tmp_path / "one.wav", 0.4, 0.05), Priority.COUNT)
    player.beep()
    player.set_muted(True)
    player.stop()
    assert dropped == ["no sound device"] and statuses == []
