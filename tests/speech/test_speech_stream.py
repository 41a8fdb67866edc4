"""AudioStream on a fake sink and a fake clock: where sounds land, cuts, and stalls."""

from __future__ import annotations

import itertools
import time
from array import array

import pytest

from guide_app.speech.stream import AHEAD, RATE, AudioStream

LATENCY = 0.03


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


class FakeSink:
    """A sink that plays ``RATE`` samples a second of the clock: what it is given plays
    after what it holds, or at once when it has run dry."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.buffer_samples = round(AHEAD * RATE)
        self.starts = clock.now  # when it begins to play (a real one takes a moment)
        self.gone = False  # the sound server went away: it takes nothing more
        self.received = array("h")
        self.segments: list[tuple[int, float]] = []  # (first sample, when it plays)
        self.ends = clock.now  # when what it holds has played

    def held(self) -> int:
        if self.gone:
            return self.buffer_samples
        if self.clock.now < self.starts:  # not playing yet: holds all it was given
            return min(self.buffer_samples, len(self.received))
        return max(0, round((self.ends - self.clock.now) * RATE))

    def bufferSize(self) -> int:
        return 2 * self.buffer_samples

    def bytesFree(self) -> int:
        return 2 * (self.buffer_samples - self.held())

    def write(self, data: bytes) -> int:
        start = max(self.clock.now, self.ends, self.starts)
        self.segments.append((len(self.received), start))
        self.received.frombytes(data)
        self.ends = start + len(data) / 2 / RATE
        return len(data)

    def heard(self, n: int) -> float:
        """When sample ``n`` of what it received is heard."""
        first, plays = max(seg for seg in self.segments if seg[0] <= n)
        return plays + (n - first) / RATE + LATENCY

    def first_heard(self) -> float:
        return self.heard(next(i for i, x in enumerate(self.received) if x))


@pytest.fixture
def rig(qtbot):
    clock = Clock()
    stream = AudioStream(device_latency=LATENCY, clock=clock)
    sink = FakeSink(clock)
    stream.attach(sink, sink)
    stream._pump.stop()  # the test pumps by hand, on the fake clock

    def run_to(t: float, step: float = 0.01) -> None:
        while clock.now < t - 1e-9:
            clock.now = round(clock.now + step, 6)
            stream.pump()

    yield stream, sink, clock, run_to
    stream.close()


def test_a_sound_lands_on_the_sample_it_is_heard_at(rig) -> None:
    stream, sink, _clock, run_to = rig
    run_to(51.0)
    stream.play(array("h", [1000] * 100), at=51.5)
    run_to(52.0, step=0.013)  # an uneven pump
    assert sink.first_heard() == pytest.approx(51.5, abs=1.5 / RATE)


def test_a_sound_asked_for_now_starts_after_what_is_queued(rig) -> None:
    stream, sink, clock, run_to = rig
    run_to(51.0)
    horizon = stream.horizon()
    assert 51.0 < horizon <= 51.0 + AHEAD + LATENCY + 1e-6
    stream.play(array("h", [1000] * 100), at=clock.now)
    run_to(51.5)
    assert sink.first_heard() == pytest.approx(horizon, abs=1.5 / RATE)


def test_a_cut_fades_out_and_ends_where_asked(rig) -> None:
    stream, sink, _clock, run_to = rig
    run_to(51.0)
    voice = stream.play(array("h", [10000] * RATE), at=51.2)  # one second of sound
    stream.cut(voice, at=51.4)
    run_to(53.0)
    sound = [i for i, x in enumerate(sink.received) if x]
    start, end = sound[0], sound[-1]
    assert (end - start) / RATE == pytest.approx(0.2 + 0.005, abs=3 / RATE)
    assert abs(sink.received[end]) < 10000 // 2  # faded, not chopped


def test_two_sounds_at_once_are_mixed(rig) -> None:
    stream, sink, _clock, run_to = rig
    run_to(51.0)
    stream.play(array("h", [1000] * 200), at=51.2)
    stream.play(array("h", [500] * 200), at=51.2 + 100 / RATE)
    run_to(52.0)
    values = sorted(set(sink.received) - {0})
    assert values == [500, 1000, 1500]


def test_after_a_stall_longer_than_the_queue_sounds_still_land_on_time(rig) -> None:
    stream, sink, clock, run_to = rig
    run_to(51.0)
    clock.now += 0.3  # the GUI thread was busy: the sink ran dry and restarts later
    stream.pump()
    run_to(51.5)
    stream.play(array("h", [1000] * 100), at=52.0)
    run_to(52.5)
    assert sink.first_heard() == pytest.approx(52.0, abs=1.5 / RATE)


def test_volume_is_a_gain_on_what_is_played_next(rig) -> None:
    stream, sink, _clock, run_to = rig
    run_to(51.0)
    stream.set_gain(0.5)
    stream.play(array("h", [10000] * 100), at=51.2)
    run_to(52.0)
    assert sorted(set(sink.received) - {0}) == [5000]


def test_an_output_slow_to_start_still_places_sounds_right(rig) -> None:
    stream, sink, clock, run_to = rig
    stream.close()
    sink = FakeSink(clock)
    sink.starts = clock.now + 1.5  # takes its first fill, then nothing for 1.5 s
    stream.attach(sink, sink)
    stream._pump.stop()
    run_to(52.0)
    stream.play(array("h", [1000] * 100), at=52.5)
    run_to(53.0)
    assert sink.first_heard() == pytest.approx(52.5, abs=1.5 / RATE)


def test_a_sound_server_that_goes_away_is_reported(rig) -> None:
    stream, sink, _clock, run_to = rig
    failed: list[str] = []
    stream.failed.connect(failed.append)
    run_to(51.0)
    sink.gone = True
    run_to(52.9)
    assert failed == [] and stream.is_open
    run_to(53.2)
    assert failed and not stream.is_open


class RealClock:
    @property
    def now(self) -> float:
        return time.monotonic()


def test_on_its_own_thread_the_output_never_runs_dry_while_the_gui_thread_is_busy(
    qtbot,
) -> None:
    stream = AudioStream(device_latency=LATENCY, own_thread=True)
    sink = FakeSink(RealClock())  # type: ignore[arg-type]
    stream.attach(sink, sink)
    try:
        stream.play(array("h", [1000] * RATE), at=time.monotonic() + 0.1)
        busy_until = time.monotonic() + 0.6
        while time.monotonic() < busy_until:  # the GUI thread busy in Python, no events
            sum(range(1000))
        stream.end()
        writes = sink.segments
        assert len(writes) > 20, "the stream was fed while the GUI thread was busy"
        gaps = [
            plays - (prev_plays + (first - prev_first) / RATE)
            for (prev_first, prev_plays), (first, plays) in itertools.pairwise(writes)
        ]
        assert max(gaps) < 0.001, f"the output ran dry for {max(gaps) * 1000:.0f} ms"
        assert any(sink.received), "the sound was played"
    finally:
        stream.end()
