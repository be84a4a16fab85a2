"""What the public API must and must not type-check, read by ``mypy --strict`` in ``make test``.

Nothing here runs: the calls sit in functions that no test calls (pytest
imports the module only for its doctests, and it has none). A line that
must be refused carries ``# type: ignore[code]``; the strict profile warns
on an ignore that is not needed, so the day such a call becomes accepted,
mypy fails.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO, StringIO
from pathlib import Path

import timeline
from timeline import Event, Timeline, When


def accepted() -> None:
    """Calls a user may write, as they should type."""
    event = Event(title="Visit", when="2021-06-07", tags=["trip"], tz="America/Guatemala")
    Event(title="Day", when=date(2021, 6, 7))
    Event(title="Span", when=(date(2021, 6, 7), None))
    Event(title="Sources", when="2021", sources=[{"title": "CBS", "url": "https://example.org/"}])
    t = Timeline(title="Trip", events=[event, {"title": "Elected", "when": "2019"}], tz="UTC")
    Timeline(eras=[{"title": "Term", "when": "2021/2025"}], extra={"k": [1, "two"]})
    When("2021-06")
    When(date(2021, 6, 7))
    When(datetime(2021, 6, 7, 9, 30, tzinfo=UTC))
    When((date(2021, 6, 7), date(2021, 6, 8)))
    first: Event = t[0]
    some: Timeline = t[1:]
    count: int = len(t)
    more: Timeline = t.add(Event(title="Later", when="2022"), {"title": "Dict", "when": "2023"})
    t.between(2021, 2022)
    t.between(date(2021, 1, 1), datetime(2021, 12, 31, 23, 59, tzinfo=UTC))
    t.between("2021-03", When("2021-05"))
    t.tagged("a", "b", match="all")
    t.tagged(["a", "b"])
    timeline.load(Path("x.toml"))
    timeline.load("x.toml")
    timeline.load(StringIO("{}"), "json")
    timeline.load(BytesIO(b"{}"), "json")
    del first, some, count, more


def refused() -> None:
    """Calls that must not type-check."""
    Timeline(title=5)  # type: ignore[arg-type]
    Timeline(events=42)  # type: ignore[arg-type]
    Timeline(tz=["x"])  # type: ignore[arg-type]
    Timeline(eras="2021")  # type: ignore[arg-type]
    timeline.load(42)  # type: ignore[arg-type]
    Event(title="x", when=2021)  # type: ignore[arg-type]
    Event(title="x", when="2021", tagz=["a"])  # type: ignore[call-arg]
    Event(title="x", when="2021", status=3)  # type: ignore[arg-type]
    When(2021)  # type: ignore[arg-type]
    Timeline().tagged("a", match="some")  # type: ignore[arg-type]
    Timeline().between([2021])  # type: ignore[arg-type]
    event: Event = Timeline()[0:1]  # type: ignore[assignment]
    del event
