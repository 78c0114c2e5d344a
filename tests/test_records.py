from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qualcode.records import Document, TimeSpan, span_times

CUES = (TimeSpan(0, 5, 0.0, 2.0), TimeSpan(6, 11, 2.0, 4.5), TimeSpan(20, 25, 9.0, None))


def test_times_of_text_inside_across_and_between_cues() -> None:
    doc = Document("d", "x" * 30, (), "en", timeline=CUES)
    assert doc.times(1, 4) == (0.0, 2.0)
    assert doc.times(3, 8) == (0.0, 4.5)  # starts in the first cue, ends in the second
    assert doc.times(12, 18) == (None, None)  # between cues
    assert doc.times(10, 22) == (2.0, None)  # the last cue has no end time
    assert doc.times(4, 4) == (None, None)
    assert Document("d", "x", (), "en").times(0, 1) == (None, None)


@given(st.integers(0, 30), st.integers(0, 30))
def test_span_times_match_a_linear_scan(start: int, end: int) -> None:
    overlapping = [c for c in CUES if c.start < end and c.end > start and start < end]
    expected = (
        (overlapping[0].start_time, overlapping[-1].end_time) if overlapping else (None, None)
    )
    assert span_times(CUES, start, end) == expected
