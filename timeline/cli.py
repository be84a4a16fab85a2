"""The ``timeline`` command: convert, validate, show, list formats, print the schema, resolve and find date phrases.

Exit status: 0 on success, 1 when the input is wrong (one line on stderr
naming the file and where), 2 on misuse (unknown format, bad arguments).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from timeline._terminal import render
from timeline._timeline import Timeline
from timeline._when import When
from timeline.errors import FormatError, ParseError, TimelineWarning
from timeline.formats import (
    Format,
    atomic_write,
    decode,
    format_for_path,
    get_format,
    list_formats,
    loads,
)

__all__ = ["main"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    """Misuse of the command line: exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise _UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="timeline", description="Dated events as calendars, JSON timelines and chronologies.")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    convert = verbs.add_parser("convert", help="read a timeline in one format and write it in another")
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
        "--reference", required=True, type=_reference, metavar="DATE", help="the day the text was written, YYYY-MM-DD"
    )
    parser.add_argument("--numeric", choices=["mdy", "dmy"], help="how to read dates such as 6/7/2021")


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
    data = sys.stdin.buffer.read() if path == "-" else _read_bytes(path)
    return loads(decode(data, source), fmt, source=source, **(options or {}))


def _read_options(fmt: Format, pairs: list[str]) -> dict[str, object]:
    known = fmt.read_options()
    options: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise _UsageError(f"a reader option is KEY=VALUE, got {pair!r}")
        fmt.check_read_options({key: None})
        try:
            options[key] = known[key](value)
        except ValueError as exc:
            raise _UsageError(f"reader option {key!r}: {exc}") from exc
    return options


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror}", source=path) from exc


def _options(fmt: Format, pairs: list[str]) -> dict[str, object]:
    known = fmt.options()
    options: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise _UsageError(f"an option is KEY=VALUE, got {pair!r}")
        fmt.check_options({key: None})
        try:
            options[key] = known[key](value)
        except ValueError as exc:
            raise _UsageError(f"option {key!r}: {exc}") from exc
    return options


def _convert(args: argparse.Namespace) -> int:
    source = _choose(args.from_format, args.input, "from")
    target = _choose(args.to_format, args.output, "to")
    source.reader()
    write = target.writer()
    options = _options(target, args.option)
    timeline = _read(args.input, source, _read_options(source, args.read_option))
    if args.output == "-":
        write(timeline, sys.stdout, **options)
        sys.stdout.flush()
    else:
        try:
            atomic_write(args.output, lambda out: write(timeline, out, **options))
        except OSError as exc:
            print(f"timeline: {args.output}: cannot write: {exc.strerror}", file=sys.stderr)
            return EXIT_BAD_INPUT
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    source = _choose(args.from_format, args.input, "from")
    timeline = _read(args.input, source)
    name = "<stdin>" if args.input == "-" else args.input
    print(f"{name}: ok, {len(timeline)} event{'s' if len(timeline) != 1 else ''}")
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

    print(resolve(args.phrase, reference=args.reference, prefer=args.prefer, numeric=args.numeric))
    return EXIT_OK


def _find(args: argparse.Namespace) -> int:
    from timeline.phrases import find_dates  # noqa: PLC0415 - its rules load only when needed

    source = "<stdin>" if args.input == "-" else args.input
    data = sys.stdin.buffer.read() if args.input == "-" else _read_bytes(args.input)
    text = decode(data, source)
    for mention in find_dates(text, reference=args.reference, numeric=args.numeric):
        # A phrase may run over a line break; one mention stays one line.
        print(f"{mention.start}\t{mention.end}\t{' '.join(mention.text.split())}\t{mention.when}")
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
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TimelineWarning)
        try:
            return _run(argv)
        finally:
            for warning in caught:
                if issubclass(warning.category, TimelineWarning):
                    print(f"timeline: warning: {warning.message}", file=sys.stderr)
                else:
                    warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)


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
    except BrokenPipeError:
        # The reader of our stdout went away (timeline convert ... - | head).
        sys.stderr.close()
        return EXIT_OK
