"""Hand-written YAML with the canonical JSON's fields, through PyYAML (the ``yaml`` extra)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

from timeline._timeline import Timeline
from timeline.errors import FormatError, ParseError
from timeline.formats._fields import from_data, to_data

if TYPE_CHECKING:
    import yaml as pyyaml

__all__ = ["OPTIONS", "read", "write"]

OPTIONS: Mapping[str, Callable[[str], object]] = {}

# An alias repeats a node without copying it, so a few lines of aliases can
# stand for billions of values ("billion laughs"). Real files stay far below.
_MAX_NODES = 1_000_000
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


def _pyyaml() -> ModuleType:
    """PyYAML, or a FormatError naming the extra that installs it."""
    try:
        import yaml  # noqa: PLC0415 - an optional extra, imported when the format is used
    except ImportError as exc:
        raise FormatError(
            "the yaml format needs PyYAML, which the 'yaml' extra installs: pip install 'timeline-events[yaml]'"
        ) from exc
    return yaml


class _Quoted(str):
    """Text the writer always quotes: EDTF dates, which YAML would read as numbers or dates."""

    __slots__ = ()


@functools.cache
def _classes() -> tuple[type[pyyaml.SafeLoader], type[pyyaml.SafeDumper]]:
    """A safe loader that keeps dates as text and refuses repeated keys, and a dumper that quotes dates."""
    yaml = _pyyaml()
    # The C classes when libyaml is there: same results, several times faster.
    base_loader: type[pyyaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    base_dumper: type[pyyaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Loader(base_loader):  # type: ignore[valid-type, misc]
        # Without the implicit timestamp rule, `when: 2021-06-06` stays the EDTF
        # text it is instead of becoming a date (and a date-time losing its form).
        yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
            first: [(tag, regexp) for tag, regexp in rules if tag != _TIMESTAMP]
            for first, rules in base_loader.yaml_implicit_resolvers.items()
        }

        def construct_mapping(self, node: pyyaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
            seen: set[str] = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE:
                    if key_node.value in seen:
                        raise ParseError(
                            f"the key {key_node.value!r} appears twice in one mapping",
                            line=key_node.start_mark.line + 1,
                        )
                    seen.add(key_node.value)
            constructed: dict[Hashable, Any] = super().construct_mapping(node, deep=deep)
            return constructed

    class Dumper(base_dumper):  # type: ignore[valid-type, misc]
        def ignore_aliases(self, data: object) -> bool:
            return True  # write every value out; anchors would only puzzle a reader

    def quoted(dumper: pyyaml.SafeDumper, value: _Quoted) -> pyyaml.ScalarNode:
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')

    def text(dumper: pyyaml.SafeDumper, value: str) -> pyyaml.ScalarNode:
        # Several lines read best as a block; PyYAML falls back to quotes when a block cannot hold them.
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(_Quoted, quoted)
    Dumper.add_representer(str, text)
    return Loader, Dumper


def _check_size(root: pyyaml.Node) -> None:
    """Refuse a document whose aliases expand to too many values, or that contains itself."""
    yaml = _pyyaml()
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: pyyaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise ParseError("an alias refers to a value that contains it", line=node.start_mark.line + 1)
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        open_nodes.discard(key)
        if total > _MAX_NODES:
            raise ParseError(f"the document expands to more than {_MAX_NODES:,} values", line=node.start_mark.line + 1)
        sizes[key] = total
        return total

    size(root)


def _lines(root: pyyaml.Node) -> dict[str, int]:
    """Each field path (``events[2].when``) of the document, with the line of its key or item."""
    yaml = _pyyaml()
    lines: dict[str, int] = {}

    def walk(node: pyyaml.Node, path: str, depth: int) -> None:
        if depth > 6:  # fields lie at most six steps deep: events, [0], sources, [1], url
            return
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    child = f"{path}.{key_node.value}" if path else str(key_node.value)
                    lines.setdefault(child, key_node.start_mark.line + 1)
                    walk(value_node, child, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = f"{path}[{index}]"
                lines.setdefault(child, item.start_mark.line + 1)
                walk(item, child, depth + 1)

    walk(root, "", 0)
    return lines


def _locator(root: pyyaml.Node | None) -> Callable[[str], int | None]:
    found: dict[str, int] | None = None

    def locate(field: str) -> int | None:
        nonlocal found
        if root is None:
            return None
        if found is None:
            found = _lines(root)
        # Kept fields are written beside the others: events[0].extra.x sits at events[0].x.
        field = field.replace(".extra.", ".", 1) if field.replace(".extra.", ".", 1) in found else field
        while field:
            if field in found:
                return found[field]
            # The nearest enclosing field written in the file: a missing key's table.
            cut = max(field.rfind("."), field.rfind("["))
            field = field[:cut] if cut > 0 else ""
        return None

    return locate


def _year(value: object) -> object:
    """A bare YAML number where a date goes (``when: 2021``) is that year, as EDTF text."""
    if type(value) is not int:
        return value
    digits = str(abs(value))
    if len(digits) > 4:
        return f"Y{'-' if value < 0 else ''}{digits}"
    return f"{'-' if value < 0 else ''}{digits.zfill(4)}"


def _years_as_text(data: object) -> object:
    if not isinstance(data, dict):
        return data
    for key in ("events", "eras"):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict) and "when" in item:
                item["when"] = _year(item["when"])
            sources = item.get("sources") if isinstance(item, dict) else None
            for source in sources if isinstance(sources, list) else ():
                if isinstance(source, dict) and "date" in source:
                    source["date"] = _year(source["date"])
    return data


def read(text: str, source: str) -> Timeline:
    """Parse YAML text with the authoring fields; ``source`` names it in errors.

    Raises:
        FormatError: PyYAML is not installed.
        ParseError: the text is not YAML, or not a valid timeline; the error names the line.
    """
    yaml = _pyyaml()
    loader_class, _ = _classes()
    loader = loader_class(text)
    root = None
    try:
        root = loader.get_single_node()
        if root is not None:
            _check_size(root)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "unreadable"
        raise ParseError(
            f"not valid YAML: {problem}", source=source, line=None if mark is None else mark.line + 1
        ) from None
    except yaml.YAMLError as exc:  # the reader's: a character YAML does not allow
        raise ParseError(f"not valid YAML: {exc}", source=source) from None
    except ParseError as exc:
        raise exc.located(source=source) from None
    except RecursionError:
        raise ParseError("not valid YAML: nested too deeply", source=source) from None
    finally:
        loader.dispose()
    return from_data(_years_as_text(data), source=source, locate=_locator(root))


def _quote_dates(data: dict[str, Any]) -> dict[str, Any]:
    for key in ("events", "eras"):
        for item in data.get(key, ()):
            item["when"] = _Quoted(item["when"])
            for source in item.get("sources", ()):
                if "date" in source:
                    source["date"] = _Quoted(source["date"])
    return data


def write(timeline: Timeline, out: TextIO) -> None:
    """Write ``timeline`` as YAML: UTF-8, fields in canonical order, dates in double quotes.

    The output reads back to an equal timeline. Dates are always quoted, so
    that no YAML tool reads ``2021`` as a number or ``2021-06-06`` as a date.

    Raises:
        FormatError: PyYAML is not installed.
    """
    yaml = _pyyaml()
    _, dumper_class = _classes()
    yaml.dump(
        _quote_dates(to_data(timeline)),
        out,
        Dumper=dumper_class,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
    )
