"""The format registry, and load/loads/dump/dumps over it.

A format is one module of this package with ``read(text, source)`` and/or
``write(timeline, out, **options)`` and an ``OPTIONS`` table; one row below
names it. A reader that can give events as it parses also has
``stream(file, source) -> EventStream`` (json, jsonl, csv, ics), which
:func:`load` and the command line use. Modules load on first use, so an unused format costs nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import importlib
import io
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, TextIO

import attrs

from timeline import limits
from timeline._event import Event
from timeline._timeline import Timeline
from timeline.errors import FormatError, ParseError

if TYPE_CHECKING:
    from timeline.formats._stream import EventStream

__all__ = ["Format", "dump", "dumps", "get_format", "list_formats", "load", "loads", "register"]

Reader = Callable[[str, str], Timeline]
Writer = Callable[..., None]


@attrs.frozen
class Format:
    """One row of the registry: a name, its file suffixes and its module.

    ``module`` holds ``read(text, source) -> Timeline`` if ``readable``,
    ``write(timeline, out, **options)`` if ``writable``, and ``OPTIONS``, a
    mapping from each writer option to a function turning command-line text
    into its value.
    """

    name: str
    suffixes: tuple[str, ...]
    module: str
    description: str
    readable: bool
    writable: bool

    def _module(self) -> ModuleType:
        return importlib.import_module(self.module)

    @property
    def reads_streaming(self) -> bool:
        """True when the reader can give events as it parses (``stream(file, source)``)."""
        return self.readable and hasattr(self._module(), "stream")

    def reader(self) -> Reader:
        """The read function; FormatError if this format cannot be read."""
        if not self.readable:
            raise FormatError(f"the {self.name!r} format can be written but not read")
        read: Reader = self._module().read
        return read

    def writer(self) -> Writer:
        """The write function; FormatError if this format cannot be written."""
        if not self.writable:
            raise FormatError(f"the {self.name!r} format can be read but not written")
        write: Writer = self._module().write
        return write

    @property
    def streams(self) -> bool:
        """True when the writer takes any iterable of events and writes as it goes."""
        return self.writable and bool(getattr(self._module(), "STREAMS", False))

    def options(self) -> Mapping[str, Callable[[str], object]]:
        """Writer options and how to parse each from text (for the command line)."""
        options: Mapping[str, Callable[[str], object]] = getattr(self._module(), "OPTIONS", {})
        return options

    def read_options(self) -> Mapping[str, Callable[[str], object]]:
        """Reader options (such as ics's ``lenient``) and how to parse each from text."""
        options: Mapping[str, Callable[[str], object]] = getattr(self._module(), "READ_OPTIONS", {})
        return options

    def check_read_options(self, options: Mapping[str, object]) -> None:
        """Raise FormatError naming an option this format's reader does not take."""
        known = self.read_options()
        for name in options:
            if name not in known:
                takes = ", ".join(sorted(known)) or "none"
                raise FormatError(f"the {self.name!r} reader has no option {name!r} (it takes: {takes})")

    def check_options(self, options: Mapping[str, object]) -> None:
        """Raise FormatError naming an option this format's writer does not take."""
        known = self.options()
        for name in options:
            if name not in known:
                takes = ", ".join(sorted(known)) or "none"
                raise FormatError(f"the {self.name!r} writer has no option {name!r} (it takes: {takes})")


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Add a format; its name and suffixes must be new."""
    if fmt.name in _REGISTRY:
        raise ValueError(f"format {fmt.name!r} is already registered")
    for other in _REGISTRY.values():
        shared = set(other.suffixes) & set(fmt.suffixes)
        if shared:
            raise ValueError(f"suffix {sorted(shared)[0]!r} already belongs to {other.name!r}")
    _REGISTRY[fmt.name] = fmt


register(Format("json", (".json",), "timeline.formats.json", "canonical lossless JSON", True, True))
register(Format("jsonl", (".jsonl",), "timeline.formats.jsonl", "JSON Lines, one event a line (streams)", True, True))
register(Format("toml", (".toml",), "timeline.formats.toml", "hand-authored TOML", True, True))
register(Format("ics", (".ics",), "timeline.formats.ics", "iCalendar (RFC 5545)", True, True))
register(Format("jcal", (".jcal",), "timeline.formats.jcal", "jCal, iCalendar as JSON (RFC 7265)", True, True))
register(Format("yaml", (".yaml", ".yml"), "timeline.formats.yaml", "hand-written YAML (the yaml extra)", True, True))
register(Format("csv", (".csv",), "timeline.formats.csv", "the TimelineJS spreadsheet template", True, True))
register(Format("timelinejs", (".timelinejs.json",), "timeline.formats.timelinejs", "TimelineJS3 JSON", True, True))
register(
    Format(
        "timelinejs-html",
        (".timelinejs.html", ".html"),
        "timeline.formats.timelinejs_html",
        "a TimelineJS page with the data inline",
        False,
        True,
    )
)
register(Format("markdown", (".md",), "timeline.formats.markdown", "Markdown chronology", False, True))
register(Format("svg", (".svg",), "timeline.formats.svg", "a static SVG picture", False, True))
register(
    Format(
        "changelog",
        ("changelog.md", "changes.md", "history.md"),
        "timeline.formats.changelog",
        "Keep a Changelog releases (read only)",
        True,
        False,
    )
)


def list_formats() -> tuple[Format, ...]:
    """Every registered format, by name."""
    return tuple(sorted(_REGISTRY.values(), key=lambda f: f.name))


def get_format(name: str) -> Format:
    """The format called ``name``.

    Raises:
        FormatError: no such format.
    """
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise FormatError(f"unknown format {name!r} (known: {known})") from None


def format_for_path(path: str | os.PathLike[str]) -> Format:
    """The format whose suffix ``path`` ends with; the longest suffix wins (``.timelinejs.json``).

    Raises:
        FormatError: no format claims the suffix.
    """
    name = os.fspath(path).lower()
    matches = [(len(suffix), fmt) for fmt in _REGISTRY.values() for suffix in fmt.suffixes if name.endswith(suffix)]
    if matches:
        return max(matches, key=lambda match: match[0])[1]
    suffixes = ", ".join(sorted(s for f in _REGISTRY.values() for s in f.suffixes))
    raise FormatError(f"cannot tell the format of {os.fspath(path)!r} from its suffix (known: {suffixes})")


def _resolve(fmt: str | Format | None, path: str | os.PathLike[str] | None) -> Format:
    if isinstance(fmt, Format):
        return fmt
    if fmt is not None:
        return get_format(fmt)
    if path is None:
        raise FormatError("a format name is needed when there is no file name")
    return format_for_path(path)


def decode(data: bytes, source: str) -> str:
    """UTF-8 bytes (with or without a byte order mark) as text, or a ParseError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ParseError(f"not UTF-8 text (byte {exc.start})", source=source, line=line) from None


def loads(text: str, format: str | Format, *, source: str = "<string>", **options: object) -> Timeline:  # noqa: A002
    """Read a timeline from ``text`` in ``format``; ``options`` go to its reader (``lenient=True`` for ics).

    >>> loads('{"title": "T", "events": [{"title": "A", "when": "2021"}]}', "json").title
    'T'

    Raises:
        FormatError: unknown format, or one that cannot be read.
        ParseError: the text is not a valid timeline; it names ``source`` and where.
    """
    fmt = _resolve(format, None)
    reader = fmt.reader()
    fmt.check_read_options(options)
    try:
        return reader(text, source, **options) if options else reader(text, source)
    except ParseError as exc:
        raise exc.located(source=source) from exc
    except (RecursionError, ValueError, OverflowError) as exc:
        # The one place where a parser's own exception (json's, tomllib's,
        # PyYAML's, icalendar's, dateutil's, int()'s) becomes ours, so no
        # reader can let a traceback through for an input nobody foresaw.
        raise parser_failure(exc, text, fmt.name, source) from exc


def parser_failure(exc: BaseException, text: str, fmt: str, source: str) -> ParseError:
    """The ParseError for an exception a reader's parser raised, with the line it can find.

    Covers what the parsers a reader calls raise on hostile text: nesting
    beyond Python's recursion limit, an integer of more than
    :data:`~timeline.limits.INT_DIGITS` digits, a lone surrogate, a decode
    error of json (from a second pass over text the first pass refused), and
    any other ValueError of a parser. The line is the parser's when it gives
    one, else the first line that holds the trouble.
    """
    line = getattr(exc, "lineno", None)
    if isinstance(exc, RecursionError):
        message = f"not valid {fmt}: nested too deeply (more than {limits.NESTING} levels)"
        line = line or limits.deepest_line(text)
    elif isinstance(exc, UnicodeError):
        found = limits.SURROGATE.search(text)
        line = line or (None if found is None else text.count("\n", 0, found.start()) + 1)
        message = f"not valid {fmt}: the text holds a lone surrogate, which is no character"
    elif isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        message = f"not valid {fmt}: a number has more than {limits.INT_DIGITS} digits"
        line = line or limits.long_number_line(text)
    else:
        detail = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
        message = f"not valid {fmt}: {detail}"
    return ParseError(message, source=source, line=line)


def load(
    path: str | os.PathLike[str] | IO[str] | IO[bytes],
    format: str | Format | None = None,  # noqa: A002
    **options: object,
) -> Timeline:
    """Read a timeline from the file at ``path``, or from an open text or binary file.

    The format comes from the file's suffix (an open file's ``name``) unless
    given. Formats that stream (json, jsonl, ics) read the file as it comes,
    so memory follows the events, not the text. A binary file is read as
    UTF-8 (a byte order mark allowed). ``options`` go to the reader, as for
    :func:`loads`.

    >>> import io
    >>> load(io.StringIO('{"events": [{"title": "A", "when": "2021"}]}'), "json").events[0].title
    'A'

    Raises:
        FormatError: unknown format, or one that cannot be read.
        ParseError: the file is not a valid timeline; the error names it and where.
        OSError: the file cannot be read.
    """
    if isinstance(path, str | os.PathLike):
        fmt = _resolve(format, path)
        source = os.fspath(path)
        with Path(path).open("rb") as file:
            return read_stream(file, fmt, source, **options).timeline(source)
    name = getattr(path, "name", None)
    source = name if isinstance(name, str) else "<stream>"
    fmt = _resolve(format, source if isinstance(name, str) and format is None else None)
    return read_stream(path, fmt, source, **options).timeline(source)


def read_stream(file: IO[str] | IO[bytes], fmt: Format, source: str, **options: object) -> EventStream:
    """The events of an open file as ``fmt``'s reader parses them, and its other fields.

    Binary files are decoded as UTF-8 (a BOM allowed) as they are read.
    Formats without a streaming reader read the whole text first.
    """
    from timeline.formats._stream import whole  # noqa: PLC0415 - a cycle: _stream imports the model

    fmt.reader()
    fmt.check_read_options(options)
    text: IO[str] = _Utf8(file, source) if isinstance(file.read(0), bytes) else file  # type: ignore[arg-type,assignment]
    if fmt.reads_streaming:
        stream: EventStream = fmt._module().stream(text, source, **options)
        return _guarded(stream, fmt.name, source)
    data = text.read()
    if isinstance(data, bytes):
        data = decode(data, source)
    return whole(loads(data.removeprefix("\ufeff"), fmt, source=source, **options))


class _Utf8:
    """A binary file read as UTF-8 text as it comes: a BOM skipped, line ends as they are.

    Bytes that are not UTF-8 are a ParseError naming the line. Iterating
    gives lines split at ``\\n``, ``\\r\\n`` and ``\\r`` only, with their ends, as
    a text file opened with ``newline=""`` does.
    """

    def __init__(self, file: IO[bytes], source: str) -> None:
        self.file, self.source = file, source
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.lines = 0  # line breaks in the bytes decoded so far
        self.name = getattr(file, "name", source)

    def fileno(self) -> int:
        return self.file.fileno()

    def read(self, size: int | None = -1) -> str:
        whole = size is None or size < 0
        while True:
            data = self.file.read(-1 if size is None or size < 0 else size)
            final = whole or not data
            try:
                text = self.decoder.decode(data, final)
            except UnicodeDecodeError as exc:
                line = self.lines + data.count(b"\n", 0, max(exc.start, 0)) + 1
                raise ParseError(f"not UTF-8 text ({exc.reason})", source=self.source, line=line) from None
            self.lines += data.count(b"\n")
            if text or final:
                return text

    def __iter__(self) -> Iterator[str]:
        from timeline.formats._stream import CHUNK  # noqa: PLC0415 - a cycle: _stream imports the model

        rest = ""
        while chunk := self.read(CHUNK):
            lines = io.StringIO(rest + chunk, newline="").readlines()
            last = lines.pop()
            # The last line may go on in the next chunk (a "\\r" may be half of "\\r\\n").
            yield from lines
            rest = last
        if rest:
            yield rest


def _guarded(stream: EventStream, fmt: str, source: str) -> EventStream:
    """The stream with its parsers' own exceptions turned into ParseErrors, as :func:`loads` does."""
    from timeline.formats._stream import EventStream  # noqa: PLC0415

    inner = stream

    def events(outer: EventStream) -> Iterator[Event]:
        iterator = iter(inner)
        while True:
            try:
                event = next(iterator)
            except StopIteration:
                outer.set_head(inner.head)
                return
            except ParseError as exc:
                raise exc.located(source=source) from exc
            except (RecursionError, ValueError, OverflowError) as exc:
                raise parser_failure(exc, "", fmt, source) from exc
            if not outer.head:
                outer.set_head(inner.head)
            yield event

    return EventStream(events)


def _events_for(fmt: Format, timeline: Timeline | Iterable[Event]) -> Timeline | Iterable[Event]:
    """What ``fmt``'s writer takes: streaming writers take any iterable of events as it is."""
    if isinstance(timeline, Timeline) or fmt.streams:
        return timeline
    return Timeline(events=timeline)


def dumps(timeline: Timeline | Iterable[Event], format: str | Format, **options: object) -> str:  # noqa: A002
    """Write ``timeline`` (or any iterable of events) in ``format`` and return the text.

    Raises:
        FormatError: unknown format or option, or a format that cannot be written.
    """
    fmt = _resolve(format, None)
    write = fmt.writer()
    fmt.check_options(options)
    out = io.StringIO(newline="")
    write(_events_for(fmt, timeline), out, **options)
    return out.getvalue()


def dump(
    timeline: Timeline | Iterable[Event],
    path: str | os.PathLike[str] | TextIO,
    format: str | Format | None = None,  # noqa: A002
    **options: object,
) -> None:
    """Write ``timeline`` to ``path`` atomically; the format comes from the suffix unless given.

    The text goes to a temporary file beside ``path``, which replaces
    ``path`` only once complete: a failed export (an exception from the
    writer, or from an iterable of events part way through) leaves no
    partial file and an existing file as it was. ``timeline`` may be any
    iterable of events; formats that stream (``ics``, ``jcal``, ``jsonl``) write it as
    it comes, in flat memory, and the others gather it into a Timeline
    first. ``path`` may also be an open text stream, which is written to
    directly (not atomically; closing it is the caller's), and so is a
    path that names a FIFO or a device, which is never replaced.

    Raises:
        FormatError: unknown format or option, or a format that cannot be written.
        OSError: the file cannot be written.
    """
    stream = None if isinstance(path, str | os.PathLike) else path
    fmt = _resolve(format, None if stream is not None else path)  # type: ignore[arg-type]
    write = fmt.writer()
    fmt.check_options(options)
    events = _events_for(fmt, timeline)
    if stream is not None:
        write(events, stream, **options)
        return
    atomic_write(path, lambda out: write(events, out, **options))  # type: ignore[arg-type]


def atomic_write(path: str | os.PathLike[str], produce: Callable[[TextIO], None]) -> None:
    """Call ``produce`` on a UTF-8 text stream whose content replaces ``path`` at once."""
    existing_mode = None
    try:
        existing = Path(path).stat().st_mode  # through any link: what the path names
    except OSError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing) and not stat.S_ISDIR(existing):
        # A FIFO, a device (/dev/null, /dev/full, a terminal, /dev/stdout) or a socket: written
        # as it is, by its own path, never replaced by a regular file; atomic makes no sense there.
        with Path(path).open("w", encoding="utf-8", newline="") as out:
            produce(out)
        return
    if existing is not None:
        existing_mode = existing & 0o7777
    # Write through a symbolic link to the file it names, as editors do.
    target = Path(os.path.realpath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            produce(out)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).chmod(existing_mode if existing_mode is not None else 0o666 & ~_umask())
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _umask() -> int:
    # os.umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
