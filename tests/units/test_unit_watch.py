"""The watch list's rules, pure: flips, borderline drift toward the threshold, overdue."""

from datetime import date, timedelta

from units.watch import Point, next_due, watch

START = date(2026, 1, 1)


def _points(*scores, recommendation=None, version="1"):
    return [
        Point(
            START + timedelta(days=91 * i),
            s,
            recommendation or ("CRO" if s >= 30 else "CSO"),
            30,
            version,
        )
        for i, s in enumerate(scores)
    ]


def _reasons(points, today=START + timedelta(days=300)):
    return [
        w.reason for w in watch(points, cadence_days=91, created=START, today=today, borderline=5)
    ]


def test_a_flip_is_watched():
    assert "flipped" in _reasons(_points(20, 24, 33))


def test_borderline_drift_toward_the_threshold_is_watched():
    assert _reasons(_points(24, 25.5, 27), today=START + timedelta(days=200)) == ["trending"]


def test_drift_away_or_outside_the_band_is_not():
    assert "trending" not in _reasons(_points(28, 26, 25.5))
    assert "trending" not in _reasons(_points(10, 15, 20))


def test_overdue_and_never_assessed():
    points = _points(10)
    assert next_due(points, 91, START) == START + timedelta(days=91)
    assert _reasons(points, today=START + timedelta(days=120)) == ["overdue"]
    assert _reasons(points, today=START + timedelta(days=60)) == []
    assert _reasons([], today=START) == ["never"]
