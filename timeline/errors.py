"""Every exception and warning that timeline raises.

Each exception derives from :class:`TimelineError` and from the builtin that
fits it, so ``except ValueError`` keeps working for callers that know nothing
of this library::

    TimelineError
     ├── ParseError (ValueError)          text or values that make no valid model
     │    └── DuplicateEventError         two events share an id
     ├── OutOfRangeError (ValueError)     a bound Python's datetime cannot hold
     ├── LimitError (ValueError)          work beyond a documented limit (timeline.limits)
     └── FormatError (LookupError)        an unknown format name, suffix or option

    TimelineWarning (UserWarning)         a lossy but legitimate operation
"""

from __future__ import annotations

__all__ = [
    "DuplicateEventError",
    "FormatError",
    "LimitError",
    "OutOfRangeError",
    "ParseError",
    "TimelineError",
    "TimelineWarning",
]


class TimelineError(Exception):
    """The base of every error this library raises on purpose."""


class ParseError(TimelineError, ValueError):
    """Text or values that do not make a valid timeline, event or date.

    The message says what is wrong and quotes the offending value. Readers
    add where it is: the source (a file name or ``<string>``), the line and
    the field, kept as attributes so programs need not parse the message.

    Args:
        message: What is wrong, quoting the value.
        source: The file or stream the value came from, if any.
        line: The 1-based line in ``source``, if known.
        field: The field, such as ``events[2].when``, if known.

    >>> err = ParseError("'when' must be an EDTF date, got '2021-13'", source="a.toml", line=4)
    >>> str(err)
    "a.toml, line 4: 'when' must be an EDTF date, got '2021-13'"
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.field = field

    def located(
        self,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> ParseError:
        """Return a copy of this error that also says where it happened.

        Places already known are kept; a ``field`` is prefixed to the known
        one, so ``events[2]`` and ``when`` become ``events[2].when``.
        """
        if field and self.field:
            field = f"{field}.{self.field}"
        return type(self)(
            self.message,
            source=self.source or source,
            line=self.line or line,
            field=field or self.field,
        )

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.line:
            where.append(f"line {self.line}")
        if self.field:
            where.append(self.field)
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (multiprocessing).
        return (_rebuild_parse_error, (type(self), self.message, self.source, self.line, self.field))


def _rebuild_parse_error(
    cls: type[ParseError], message: str, source: str | None, line: int | None, field: str | None
) -> ParseError:
    return cls(message, source=source, line=line, field=field)


class DuplicateEventError(ParseError):
    """Two events in one timeline share an id."""


class OutOfRangeError(TimelineError, ValueError):
    """A bound lies outside what :mod:`datetime` can hold (years 1 to 9999).

    The value itself is valid: it still sorts and prints; only the conversion
    to a :class:`datetime.date` is impossible.
    """


class LimitError(TimelineError, ValueError):
    """A request that would go beyond one of the documented limits (:mod:`timeline.limits`).

    ``limit`` names it (the keyword argument that raises it, such as
    ``limit`` or ``steps`` of ``Timeline.occurrences``), and ``value`` is its value.
    """

    def __init__(self, message: str, *, limit: str, value: int) -> None:
        super().__init__(message)
        self.limit = limit
        self.value = value

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_limit_error, (str(self), self.limit, self.value))


def _rebuild_limit_error(message: str, limit: str, value: int) -> LimitError:
    return LimitError(message, limit=limit, value=value)


class FormatError(TimelineError, LookupError):
    """An unknown format name or file suffix, or an option a format lacks."""


class TimelineWarning(UserWarning):
    """A lossy but legitimate operation, such as a writer dropping a field."""
