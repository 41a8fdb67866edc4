"""Player rules on a fake clock with a fake stream: timing, priorities, mute, stop, beeps."""

from __future__ import annotations

from array import array
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject, Signal

from guide_app.core.voice import Priority
from guide_app.speech import wavtools
from guide_app.speech.cache import Phrase
from guide_app.speech.player import Player

LEAD = 0.15
AHEAD = 0.1  # the fake stream has this much written ahead of the clock


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class FakeVoice:
    def __init__(self, name: str, start: float, length: float) -> None:
        self.name, self.start, self.end = name, start, start + length


class FakeStream(QObject):
    """Stands in for AudioStream: logs where each sound is placed and where it is cut."""

    failed = Signal(str)
    rate = 22050

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock
        self.log: list[tuple[str, str, float]] = []
        self.voices: list[FakeVoice] = []
        self.names: dict[int, str] = {}

    def open(self) -> bool:
        return True

    def close(self) -> None:
        pass

    def end(self) -> None:
        pass

    def horizon(self) -> float:
        return self.clock.now + AHEAD

    def play(self, samples: array, at: float) -> FakeVoice:
        start = max(at, self.horizon())
        voice = FakeVoice(self.names.get(id(samples), "beep"), start, len(samples) / self.rate)
        self.voices.append(voice)
        self.log.append(("play", voice.name, start))
        return voice

    def cut(self, voice: FakeVoice, at: float | None = None) -> None:
        when = self.horizon() if at is None else max(at, self.horizon())
        if when < voice.end:
            voice.end = when
            self.log.append(("cut", voice.name, when))

    def set_gain(self, gain: float) -> None:
        self.log.append(("gain", f"{gain:.2f}", self.clock.now))

    def cut_all(self) -> None:
        for voice in self.voices:
            self.cut(voice)


@pytest.fixture
def rig(qtbot, tmp_path: Path):
    clock = Clock()
    stream = FakeStream(clock)
    player = Player(tmp_path, lead=LEAD, clock=clock, stream=stream, has_output=lambda: True)
    dropped: list[tuple[str, str]] = []
    player.dropped.connect(lambda text, why: dropped.append((text, why)))

    def phrase(text: str, duration: float, onset: float = 0.05) -> Phrase:
        path = tmp_path / f"{text}.wav"
        if not path.exists():
            wavtools.write_wav(path, [1000] * round(duration * 22050), 22050)
        found = Phrase(text, path, duration, onset)
        player.load(found)
        stream.names[id(player._sounds[path])] = text
        return found

    def run_to(t: float, step: float = 0.001) -> None:
        while clock.now < t:
            clock.now = round(clock.now + step, 6)
            player.process_due()

    def events() -> list[tuple[str, str, float]]:
        return list(stream.log)

    return SimpleNamespace(
        player=player,
        clock=clock,
        stream=stream,
        phrase=phrase,
        run_to=run_to,
        events=events,
        dropped=dropped,
    )


def test_a_prompt_is_placed_so_its_onset_is_heard_on_the_beat(rig) -> None:
    rig.player.schedule(rig.phrase("one", 0.4, onset=0.05), Priority.COUNT, at=101.0)
    rig.run_to(101.5)
    [(kind, name, t)] = rig.events()
    assert (kind, name) == ("play", "one")
    assert t == pytest.approx(101.0 - 0.05, abs=1e-9)  # exactly, whatever the timer did


def test_a_prompt_asked_for_now_starts_as_soon_as_the_output_can(rig) -> None:
    rig.player.schedule(rig.phrase("one", 0.4, onset=0.05), Priority.COUNT)
    rig.run_to(100.3)
    [(kind, name, t)] = rig.events()
    assert (kind, name) == ("play", "one") and t == pytest.approx(100.0 + AHEAD, abs=0.002)
    assert rig.dropped == []


def test_a_count_cuts_off_a_cue(rig) -> None:
    player = rig.player
    phrase = rig.phrase
    run_to = rig.run_to
    events = rig.events
    player.schedule(phrase("cue", 3.0), Priority.CUE, at=100.1)
    run_to(100.5)
    player.schedule(phrase("two", 0.4), Priority.COUNT, at=101.0)
    run_to(101.5)
    assert [(k, n) for k, n, _ in events()] == [("play", "cue"), ("cut", "cue"), ("play", "two")]


def test_a_stop_sign_cuts_off_an_announcement_and_a_count_cuts_off_a_stop_sign(rig) -> None:
    player, phrase, run_to, events = rig.player, rig.phrase, rig.run_to, rig.events
    player.schedule(phrase("set 1 of 3", 3.0), Priority.ANNOUNCE, at=100.1)
    run_to(100.5)
    player.schedule(phrase("stop if it pinches", 3.0), Priority.SAFETY)
    run_to(101.0)
    player.schedule(phrase("one", 0.4), Priority.COUNT)
    run_to(101.5)
    assert [(k, n) for k, n, _ in events()] == [
        ("play", "set 1 of 3"),
        ("cut", "set 1 of 3"),
        ("play", "stop if it pinches"),
        ("cut", "stop if it pinches"),
        ("play", "one"),
    ]


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
        ("cut", "first cue"),
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
    assert events()[-1] == ("cut", "cue", pytest.approx(clock.now + AHEAD))
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
    assert [(k, n) for k, n, _ in events()] == [("play", "cue"), ("cut", "cue")]


def test_beeps_play_on_time_and_can_be_turned_off(rig) -> None:
    player = rig.player
    run_to = rig.run_to
    events = rig.events
    player.beep(at=100.5)
    run_to(101.0)
    [(_, name, t)] = events()
    assert name.startswith("beep") and t == pytest.approx(100.5, abs=0.01)
    player.set_beeps(False)
    player.beep(at=101.5)
    run_to(102.0)
    assert len([e for e in events() if e[0] == "play"]) == 1


def test_no_output_device_drops_quietly(qtbot, tmp_path: Path) -> None:
    player = Player(tmp_path, stream=FakeStream(Clock()), has_output=lambda: False)
    changes: list[bool] = []
    dropped: list[str] = []
    player.available_changed.connect(changes.append)
    player.dropped.connect(lambda text, why: dropped.append(why))
    assert not player.available
    player.schedule(Phrase("one", tmp_path / "one.wav", 0.4, 0.05), Priority.COUNT)
    player.beep()
    player.set_muted(True)
    player.stop()
    assert dropped == ["no sound device"] and changes == []


def test_a_lost_sound_server_is_reported_as_a_flag(rig) -> None:
    changes: list[bool] = []
    rig.player.available_changed.connect(changes.append)
    assert rig.player.available
    rig.player.schedule(rig.phrase("one", 0.4), Priority.COUNT, at=101.0)
    rig.stream.failed.emit("the sound output stopped taking sound")
    assert changes == [False] and not rig.player.available
    rig.run_to(101.5)
    assert rig.events() == []  # what was scheduled is forgotten


def test_a_prompt_for_an_earlier_moment_drops_the_later_ones_still_waiting(rig) -> None:
    """A get-ready's lines were asked for one after another; a key ended the step at
    101.2, so the session asks for the next step's words then: the get-ready's lines
    still to come are not heard over them (the one already playing is let finish or
    cut by the usual rules)."""
    name = rig.phrase("name", 0.5)
    rig.player.schedule(name, Priority.ANNOUNCE, at=101.0)
    rig.player.schedule(rig.phrase("set", 0.5), Priority.ANNOUNCE, at=101.6)
    rig.player.schedule(rig.phrase("cue", 1.0), Priority.CUE, at=102.2)
    rig.run_to(101.05)
    rig.player.drop_after(101.2)
    rig.player.schedule(rig.phrase("one", 0.3), Priority.COUNT, at=101.2)
    rig.run_to(104.0)
    assert [name for kind, name, _ in rig.events() if kind == "play"] == ["name", "one"]
    assert rig.dropped == [("set", "superseded"), ("cue", "superseded")]


def test_prompts_asked_in_order_of_their_moments_are_all_kept(rig) -> None:
    for k, text in enumerate(("name", "set", "cue")):
        rig.player.schedule(rig.phrase(text, 0.5), Priority.ANNOUNCE, at=101.0 + 0.6 * k)
        rig.player.drop_after(101.0 + 0.6 * k)
    rig.run_to(103.5)
    assert [name for kind, name, _ in rig.events() if kind == "play"] == ["name", "set", "cue"]
    assert rig.dropped == []
