"""A progress line on stderr for long conversions: events done, rate, and percent and ETA when known.

The standard library is enough: one line rewritten with a carriage return,
at most five times a second, only when stderr is a terminal and only once
the work has run for a second (``TIMELINE_PROGRESS_DELAY`` seconds, when
set). A pipe, a file or ``--quiet`` gets nothing.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

__all__ = ["Progress"]

T = TypeVar("T")

_DELAY = 1.0  # seconds before the line first shows, unless TIMELINE_PROGRESS_DELAY says otherwise
_EVERY = 0.2  # seconds between updates


def _delay() -> float:
    """Seconds before the line first shows: ``TIMELINE_PROGRESS_DELAY`` when it is a number of seconds, else 1."""
    given = os.environ.get("TIMELINE_PROGRESS_DELAY", "")
    try:
        delay = float(given)
    except ValueError:
        return _DELAY
    return delay if 0 <= delay < float("inf") else _DELAY


class Progress:
    """Counts items passing through :meth:`wrap` and draws the line while they do.

    ``position`` and ``total`` (bytes of the input read so far and in all,
    when the input is a file) give the percent and the time left.
    """

    def __init__(
        self,
        *,
        enabled: bool,
        position: Callable[[], int] | None = None,
        total: int | None = None,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.position, self.total = position, total
        self.clock = clock
        self.start = clock()
        self.delay = _delay()
        self.next = self.start + self.delay
        self.done = 0
        self.shown = False
        self.written: Callable[[], int] | None = None  # characters written, once the writing phase starts
        self.calls = 0

    @classmethod
    def for_input(cls, file: object, *, quiet: bool, stream: TextIO | None = None) -> Progress:
        """A progress line for reading ``file`` (an open file, or None for none), on when stderr is a terminal."""
        err = stream if stream is not None else sys.stderr
        enabled = not quiet and err.isatty()
        fileno = getattr(file, "fileno", None)
        position, total = None, None
        if enabled and fileno is not None:
            try:
                fd = fileno()
                size = os.fstat(fd).st_size
                if size > 0 and os.lseek(fd, 0, os.SEEK_CUR) >= 0:
                    total = size
                    position = lambda: os.lseek(fd, 0, os.SEEK_CUR)  # noqa: E731 - one expression
            except OSError:
                pass
        return cls(enabled=enabled, position=position, total=total, stream=err)

    def wrap(self, items: Iterable[T]) -> Iterator[T]:
        """``items`` as they are, counted."""
        if not self.enabled:
            yield from items
            return
        for item in items:
            self.done += 1
            if not self.done & 255 and self.clock() >= self.next:
                self.draw()
            yield item

    def writing(self, written: Callable[[], int]) -> None:
        """The events are all read; from now on the line shows what is written (``written()`` characters).

        A line already shown turns to the writing at the next write counted,
        rather than showing the reading's last figures until its next update.
        """
        self.written = written
        self.start = self.clock()
        self.next = self.start if self.shown else self.start + self.delay

    def tick(self) -> None:
        """Called on each write: redraws the line when it is time (the clock is read one call in 256)."""
        if self.enabled:
            self.calls += 1
            if not self.calls & 255 and self.clock() >= self.next:
                self.draw()

    def line(self) -> str:
        """The text of the progress line now."""
        elapsed = max(self.clock() - self.start, 1e-9)
        if self.written is not None:
            size = self.written() / 1e6
            return f"{self.done:,} events read; writing: {size:,.1f} MB, {size / elapsed:,.1f} MB/s"
        rate = self.done / elapsed
        text = f"{self.done:,} events, {rate:,.0f}/s"
        if self.position is not None and self.total:
            fraction = min(self.position() / self.total, 1.0)
            text += f", {fraction:.0%}"
            if fraction > 0:
                left = elapsed * (1 - fraction) / fraction
                text += f", {left:.0f} s left"
        return text

    def draw(self) -> None:
        self.next = self.clock() + _EVERY
        self.shown = True
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()

    def close(self) -> None:
        """Clear the line, if one was drawn."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
