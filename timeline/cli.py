"""The ``timeline`` command: convert, validate, show, list formats, print the schema, resolve and find date phrases.

Exit status: 0 on success, 1 when the input is wrong (one line on stderr
naming the file and where), 2 on misuse (unknown format, bad arguments).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from importlib import metadata
from pathlib import Path
from types import FrameType
from typing import IO, Any, NoReturn, TextIO, cast

import attrs

from timeline import limits
from timeline._event import Event
from timeline._progress import Progress
from timeline._terminal import render
from timeline._timeline import Timeline
from timeline._when import When
from timeline.errors import DuplicateEventError, FormatError, ParseError, TimelineWarning
from timeline.formats import (
    Format,
    atomic_write,
    decode,
    format_for_path,
    get_format,
    list_formats,
    read_stream,
)
from timeline.formats._stream import EventStream

__all__ = ["main"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
# What a shell reports for a process ended by SIGPIPE, and by SIGTERM.
EXIT_PIPE, EXIT_TERM = 128 + 13, 128 + 15
# Writers that stream and put the timeline's title, description and zone in a head written first.
_HEADED = frozenset(("ics", "jcal"))


class _TerminatedError(BaseException):
    """SIGTERM arrived: unwind (removing any temporary file) and exit 143.

    A BaseException, as KeyboardInterrupt is: an ``except Exception`` on the
    way (reading the package's version for PRODID, say) must not swallow it
    and leave the conversion running, blocked on input that never ends.
    """


class _LateHeadError(Exception):
    """The input gave a timeline field after its events, which a streamed head has already missed."""


class _UsageError(Exception):
    """Misuse of the command line: exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise _UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="timeline", description="Dated events as calendars, JSON timelines and chronologies.")
    parser.add_argument("--version", action="version", version=f"timeline {_version()}")
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="no progress line on stderr (it shows only on a terminal)"
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    convert = verbs.add_parser("convert", help="read a timeline in one format and write it in another")
    # --quiet after the verb too (`timeline convert big.json out.ics --quiet`), where people put it.
    convert.add_argument("--quiet", "-q", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    convert.add_argument("input", metavar="IN", help="input file, or - for standard input")
    convert.add_argument("output", metavar="OUT", help="output file, or - for standard output")
    convert.add_argument("--from", dest="from_format", metavar="F", help="input format (default: from IN's suffix)")
    convert.add_argument("--to", dest="to_format", metavar="F", help="output format (default: from OUT's suffix)")
    convert.add_argument(
        "--option",
        "-o",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a writer option, such as indent=4 (repeatable)",
    )
    convert.add_argument(
        "--read-option",
        "-r",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a reader option, such as lenient=true for ics (repeatable)",
    )

    validate = verbs.add_parser("validate", help="check a timeline file and say how many events it holds")
    validate.add_argument("--quiet", "-q", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    validate.add_argument("input", metavar="IN", help="input file, or - for standard input")
    validate.add_argument("--from", dest="from_format", metavar="F", help="input format (default: from the suffix)")

    verbs.add_parser("formats", help="list the formats, their suffixes and options")

    resolve = verbs.add_parser("resolve", help="print the EDTF date a phrase such as 'early next week' means")
    resolve.add_argument("phrase", metavar="PHRASE", help="a date phrase, such as 'in March' or 'Tuesday night'")
    _add_reference(resolve)
    resolve.add_argument(
        "--prefer", choices=["past", "future"], help="for phrases that could point either way (default: nearest)"
    )

    find = verbs.add_parser("find", help="list the date phrases in a text: start, end, text and EDTF")
    find.add_argument("input", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    _add_reference(find)
    draft = verbs.add_parser("draft", help="draft a timeline from an article, one tentative event per dated sentence")
    draft.add_argument("input", metavar="ARTICLE", help="a UTF-8 text file, or - for standard input")
    _add_reference(draft)
    draft.add_argument("-o", "--output", metavar="OUT", default="-", help="output file (default: TOML on stdout)")
    draft.add_argument(
        "--to", dest="to_format", metavar="F", help="output format (default: from OUT's suffix, or toml)"
    )
    draft.add_argument("--title", help="the article's title (default: its headline)")
    verbs.add_parser("schema", help="print the JSON Schema of the canonical JSON form")
    show = verbs.add_parser("show", help="print the chronology, grouped by year, dates in words")
    show.add_argument("input", metavar="IN", help="input file, or - for standard input")
    show.add_argument("--from", dest="from_format", metavar="F", help="input format (default: from the suffix)")
    show.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="only events with this tag (repeatable)"
    )
    show.add_argument("--group", metavar="G", help="only events of this group")
    show.add_argument(
        "--between", nargs=2, metavar=("A", "B"), help="only events that may fall between A and B (EDTF, or ..)"
    )
    show.add_argument("--style", choices=("mdy", "dmy"), default="mdy", help="month first (default) or day first")
    show.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour: auto (when stdout is a terminal and NO_COLOR is unset), always or never",
    )
    return parser


def _add_reference(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--reference",
        type=_reference,
        default=None,
        metavar="DATE",
        help="the day the text was written, YYYY-MM-DD (default: today)",
    )
    parser.add_argument("--numeric", choices=["mdy", "dmy"], help="how to read dates such as 6/7/2021")


def _version() -> str:
    try:
        return metadata.version("timeline-events")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a tree that was never installed
        return "unknown"


def _reference(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a reference date is YYYY-MM-DD, got {text!r}") from None


def _choose(name: str | None, path: str, role: str) -> Format:
    if name is not None:
        return get_format(name)
    if path == "-":
        stream = "reading standard input" if role == "from" else "writing standard output"
        raise _UsageError(f"give --{role} F when {stream}")
    return format_for_path(path)


def _read(path: str, fmt: Format, options: dict[str, object] | None = None) -> Timeline:
    source = "<stdin>" if path == "-" else path
    with _open_input(path) as file:
        return read_stream(file, fmt, source, **(options or {})).timeline(source)


@contextlib.contextmanager
def _open_input(path: str) -> Iterator[IO[bytes]]:
    if path == "-":
        yield sys.stdin.buffer
        return
    try:
        file = Path(path).open("rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror}", source=path) from exc
    with file:
        yield file


def _read_options(fmt: Format, pairs: list[str]) -> dict[str, object]:
    """``-r KEY=VALUE`` pairs, parsed by the reader's own option parsers."""
    return _parsed(pairs, fmt.read_options(), fmt.check_read_options, "reader option")


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror}", source=path) from exc


def _options(fmt: Format, pairs: list[str]) -> dict[str, object]:
    """``-o KEY=VALUE`` pairs, parsed by the writer's own option parsers."""
    return _parsed(pairs, fmt.options(), fmt.check_options, "option")


def _parsed(
    pairs: list[str],
    known: Mapping[str, Callable[[str], object]],
    check: Callable[[Mapping[str, object]], None],
    what: str,
) -> dict[str, object]:
    options: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            article = "an" if what[0] in "aeiou" else "a"
            raise _UsageError(f"{article} {what} is KEY=VALUE, got {pair!r}")
        check({key: None})  # FormatError naming the options the format takes
        try:
            options[key] = known[key](value)
        except ValueError as exc:
            raise _UsageError(f"{what} {key!r}: {exc}") from exc
    return options


def _convert(args: argparse.Namespace) -> int:
    source = _choose(args.from_format, args.input, "from")
    target = _choose(args.to_format, args.output, "to")
    source.reader()
    target.writer()
    options = _options(target, args.option)
    read_options = _read_options(source, args.read_option)
    _dry_run(target, options)  # every option checked before the first byte is written
    _refuse_own_input(args.input, args.output)
    name = "<stdin>" if args.input == "-" else args.input
    try:
        if args.output == "-":
            _to_stdout(lambda out: _convert_into(args, source, target, name, options, read_options, out))
        else:
            try:
                atomic_write(
                    args.output, lambda out: _convert_into(args, source, target, name, options, read_options, out)
                )
            except _LateHeadError:
                # A field after the events: read the file again as a whole, into a new temporary file.
                atomic_write(
                    args.output,
                    lambda out: _convert_into(args, source, target, name, options, read_options, out, whole=True),
                )
    except _LateHeadError:
        raise ParseError(
            "the timeline's title, description, zone or eras come after its events, so a calendar written as "
            'it is read cannot hold them: put them before "events", or convert to a file',
            source=name,
        ) from None
    except BrokenPipeError:
        raise
    except OSError as exc:
        where = "<stdout>" if args.output == "-" else args.output
        print(f"timeline: {where}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _convert_into(
    args: argparse.Namespace,
    source: Format,
    target: Format,
    name: str,
    options: dict[str, object],
    read_options: dict[str, object],
    out: TextIO,
    *,
    whole: bool = False,
) -> None:
    """Read ``args.input`` and write it to ``out``, streaming when reader and writer can."""
    with _open_input(args.input) as file:
        progress = Progress.for_input(file, quiet=args.quiet)
        try:
            stream = read_stream(file, source, name, **read_options)
            stream.prime()
            head = stream.head
            # Counted for the page-size warning, and for the progress line while an ordered writer writes.
            counted = (
                cast(TextIO, _Counting(out, progress)) if target.name == "timelinejs-html" or progress.enabled else out
            )
            write = target.writer()
            headed = target.name in _HEADED
            if target.streams and not whole and not (headed and (head.get("extra") or head.get("eras"))):
                given = dict(options)
                if headed:
                    for key in ("title", "description", "tz"):
                        if given.get(key) is None and head.get(key) is not None:
                            given[key] = head[key]
                write(progress.wrap(_unique_ids(stream, name)), counted, **given)
                if stream.late and headed:
                    raise _LateHeadError
            elif target.name == "json" and not whole:
                _sorted_json(stream, progress.wrap(_unique_ids(stream, name)), counted, name, options)
            else:
                events = list(progress.wrap(stream))
                timeline = _timeline(events, stream.head, name)  # the head as it is after the last event
                if headed:
                    overrides: dict[str, Any] = {
                        key: options[key] for key in ("title", "description", "tz") if options.get(key) is not None
                    }
                    timeline = attrs.evolve(timeline, **overrides)
                del events
                if isinstance(counted, _Counting):
                    progress.writing(lambda: counted.size)
                write(timeline, counted, **options)
        finally:
            progress.close()
    if target.name == "timelinejs-html" and isinstance(counted, _Counting) and counted.size > limits.TIMELINEJS_PAGE:
        warnings.warn(
            f"the TimelineJS page holds {counted.size / 1e6:.0f} MB, more than the "
            f"{limits.TIMELINEJS_PAGE / 1e6:.0f} MB a browser opens in reasonable time "
            "(TimelineJS builds every slide at once); split the timeline, or write markdown or svg",
            TimelineWarning,
            stacklevel=2,
        )


def _sorted_json(
    stream: EventStream, events: Iterator[Event], out: TextIO, name: str, options: dict[str, object]
) -> None:
    """Canonical JSON in the Timeline's order, keeping only each event's sort key and its compact text.

    The order needs every event; an Event object takes several times the
    memory of its canonical text, so the events are kept as UTF-8 JSON
    beside their keys, sorted, and written one at a time.
    """
    from timeline.formats._fields import event_data  # noqa: PLC0415 - only this path needs them
    from timeline.formats.json import write_events  # noqa: PLC0415

    view = _timeline([], stream.head, name)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
    key = view.sort_key
    # The first three parts of the Timeline's sort key (bounds and the date's text); its last two,
    # title and id, are in the event's own text, read back only for events that tie on the first three.
    keyed = [(*key(event)[:3], encode(event_data(event)).encode()) for event in events]
    if stream.late:
        raise _LateHeadError  # the zone that orders the events came after them
    keyed.sort(key=lambda entry: entry[:3])
    indent = options.get("indent", 2)
    write_events(view, _untied(keyed), out, indent=indent)  # type: ignore[arg-type]


def _untied(keyed: list[tuple[Any, Any, str, bytes]]) -> Iterator[dict[str, Any]]:
    """The events of ``keyed`` (sorted by its first three parts) as dicts, ties broken by title and id."""
    start, count = 0, len(keyed)
    while start < count:
        stop = start + 1
        first = keyed[start][:3]
        while stop < count and keyed[stop][:3] == first:
            stop += 1
        group = [json.loads(entry[3]) for entry in keyed[start:stop]]
        if len(group) > 1:
            group.sort(key=lambda data: (data["title"], data["id"]))
        yield from group
        start = stop


class _Counting:
    """A text stream that counts the characters written through it."""

    def __init__(self, out: TextIO, progress: Progress | None = None) -> None:
        self.out, self.size, self.progress = out, 0, progress
        self.name = getattr(out, "name", None)

    def write(self, text: str) -> int:
        self.size += len(text)
        if self.progress is not None:
            self.progress.tick()
        return self.out.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.out, name)


def _timeline(events: list[Event], head: dict[str, Any], name: str) -> Timeline:
    try:
        return Timeline(events=events, **head)
    except ParseError as exc:
        raise exc.located(source=name) from exc


def _unique_ids(stream: EventStream, name: str) -> Iterator[Event]:
    """The events of ``stream``, refusing a repeated id as a Timeline does (keeping only the ids)."""
    seen: set[str] = set()
    for index, event in enumerate(stream):
        if event.id in seen:
            raise DuplicateEventError(
                f"two events share the id {event.id!r} (the second is {event.title!r})",
                source=name,
                field=f"events[{index}]",
            )
        seen.add(event.id)
        yield event


def _dry_run(target: Format, options: dict[str, object]) -> None:
    """Write nothing with ``options``, so a bad value is refused before any real byte is written."""
    probe = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            target.writer()(iter(()) if target.streams else Timeline(), probe, **options)
        except FormatError as exc:
            raise _UsageError(str(exc)) from None
        except (ParseError, ValueError):
            pass  # about the empty timeline, not the options: the real write says what it has to


def _refuse_own_input(source: str, target: str) -> None:
    if source == "-" or target == "-":
        return
    try:
        same = Path(source).samefile(target)
    except OSError:
        return  # the output does not exist yet (or the input cannot be read: reading says so)
    if same:
        raise _UsageError(
            f"{target!r} is the input file {source!r} (the same file by its path, a link or its inode); "
            "convert does not write over its own input: give another output"
        )


def _to_stdout(produce: Any) -> None:
    """Call ``produce`` on standard output as UTF-8 text, whatever the terminal's encoding: the formats are UTF-8."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        produce(sys.stdout)
        sys.stdout.flush()
        return
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        produce(out)
        out.flush()
        buffer.flush()
    finally:
        with contextlib.suppress(ValueError, OSError):
            out.detach()


def _validate(args: argparse.Namespace) -> int:
    source = _choose(args.from_format, args.input, "from")
    name = "<stdin>" if args.input == "-" else args.input
    count = 0
    with _open_input(args.input) as file:
        progress = Progress.for_input(file, quiet=args.quiet)
        try:
            stream = read_stream(file, source, name)
            for _ in progress.wrap(_unique_ids(stream, name)):
                count += 1
            _timeline([], stream.head, name)  # the timeline's own fields, checked as a whole read would
        finally:
            progress.close()
    print(f"{name}: ok, {count} event{'s' if count != 1 else ''}")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    source = _choose(args.from_format, args.input, "from")
    bounds: list[When | None] = [None, None]
    for index, text in enumerate(args.between or ()):
        try:
            bounds[index] = None if text == ".." else When(text)
        except ParseError as exc:
            raise _UsageError(f"--between: {exc}") from exc
    timeline = _read(args.input, source)
    if args.tag:
        timeline = timeline.tagged(*args.tag)
    if args.group is not None:
        timeline = timeline.in_group(args.group)
    if args.between:
        timeline = timeline.between(*bounds)
    # https://no-color.org: a NO_COLOR that is set and not empty turns colour off.
    auto = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    color = auto if args.color == "auto" else args.color == "always"
    sys.stdout.write(render(timeline, color=color, style=args.style))
    sys.stdout.flush()
    return EXIT_OK


def _formats() -> int:
    # Columns as wide as their longest entry (at least 12), so long names keep them apart.
    name_width = max(12, *(len(fmt.name) + 2 for fmt in list_formats()))
    suffix_width = max(12, *(len(" ".join(fmt.suffixes)) + 2 for fmt in list_formats()))
    for fmt in list_formats():
        modes = ("read" if fmt.readable else "") + ("/" if fmt.readable and fmt.writable else "")
        modes += "write" if fmt.writable else ""
        options = ", ".join(sorted(fmt.options())) if fmt.writable else ""
        line = f"{fmt.name:<{name_width}}{' '.join(fmt.suffixes):<{suffix_width}}{modes:<12}{fmt.description}"
        print(line + (f" (options: {options})" if options else ""))
    return EXIT_OK


def _resolve(args: argparse.Namespace) -> int:
    from timeline.phrases import resolve  # noqa: PLC0415 - its rules load only when needed

    reference = args.reference or date.today()
    print(resolve(args.phrase, reference=reference, prefer=args.prefer, numeric=args.numeric))
    return EXIT_OK


def _find(args: argparse.Namespace) -> int:
    from timeline.phrases import find_dates  # noqa: PLC0415 - its rules load only when needed

    source = "<stdin>" if args.input == "-" else args.input
    with _open_input(args.input) as file:
        text = decode(file.read(), source)
    for mention in find_dates(text, reference=args.reference or date.today(), numeric=args.numeric):
        # A phrase may run over a line break; one mention stays one line.
        print(f"{mention.start}\t{mention.end}\t{' '.join(mention.text.split())}\t{mention.when}")
    return EXIT_OK


def _draft(args: argparse.Namespace) -> int:
    from timeline._draft import draft  # noqa: PLC0415 - only this verb needs it

    target = get_format(args.to_format) if args.to_format else None
    if target is None:
        target = get_format("toml") if args.output == "-" else format_for_path(args.output)
    write = target.writer()
    source = "<stdin>" if args.input == "-" else args.input
    with _open_input(args.input) as file:
        text = decode(file.read(), source)
    chronology = draft(text, args.reference or date.today(), title=args.title, numeric=args.numeric)
    if args.output == "-":
        _to_stdout(lambda out: write(chronology, out))
    else:
        atomic_write(args.output, lambda out: write(chronology, out))
        print(f"{len(chronology)} events -> {args.output}", file=sys.stderr)
    return EXIT_OK


def _schema() -> int:
    from timeline.formats.json import schema  # noqa: PLC0415 - only this verb needs it

    print(json.dumps(schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Warnings (a kept field that looks misspelt, say) go to stderr as
    ``timeline: warning: ...`` lines and do not change the exit status.

    >>> main(["validate", "examples/harris-trip.toml"])
    examples/harris-trip.toml: ok, 9 events
    0
    """
    with warnings.catch_warnings(record=True) as caught, _terminated_on_sigterm():
        warnings.simplefilter("always", TimelineWarning)
        try:
            return _run(argv)
        finally:
            for warning in caught:
                if issubclass(warning.category, TimelineWarning):
                    print(f"timeline: warning: {warning.message}", file=sys.stderr)
                else:
                    warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)


@contextlib.contextmanager
def _terminated_on_sigterm() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so a temporary file beside the output is removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(_signal: int, _frame: FrameType | None) -> NoReturn:
        raise _TerminatedError

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(argv: Sequence[str] | None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.verb == "convert":
            return _convert(args)
        if args.verb == "validate":
            return _validate(args)
        if args.verb == "resolve":
            return _resolve(args)
        if args.verb == "find":
            return _find(args)
        if args.verb == "schema":
            return _schema()
        if args.verb == "draft":
            return _draft(args)
        if args.verb == "show":
            return _show(args)
        return _formats()
    except _UsageError as exc:
        print(f"timeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FormatError as exc:
        print(f"timeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ParseError as exc:
        print(f"timeline: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except _TerminatedError:
        return EXIT_TERM
    except BrokenPipeError:
        # The reader of our stdout went away (timeline convert ... - | head): one line, and
        # stdout pointed at /dev/null so that Python's own flush at exit finds nothing to say.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        print("timeline: <stdout>: the reader closed the pipe; output stopped", file=sys.stderr)
        return EXIT_PIPE
    except UnicodeEncodeError as exc:
        encoding = getattr(sys.stdout, "encoding", None) or "?"
        print(
            f"timeline: error: standard output ({encoding}) cannot show {exc.object[exc.start : exc.end]!r}; "
            "set PYTHONIOENCODING=utf-8 or a UTF-8 locale",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except OSError as exc:
        if exc.filename is None:
            print(f"timeline: <stdout>: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        raise
