"""Keep a Changelog files (CHANGELOG.md, CHANGES.md, HISTORY.md): one event per dated release (read only).

Each release heading with a date, ``## [1.0.0] - 2017-06-20`` (the version
may be a link, ``## [1.0.0](https://...) - 2017-06-20``), becomes an event
on that day: its title says the version ("Release 1.0.0"), its description
holds the release's text with each section (``### Added``, ``### Fixed``...)
as a line "Added:" before its items, the section names are its tags, and
the version's link (inline, or a reference ``[1.0.0]: https://...compare/...``
at the end of the file) is its url. "Unreleased" is left out with a
warning, and so is any other release without a date; a release marked
``[YANKED]`` is cancelled. The first-level heading is the timeline's title.

>>> import timeline
>>> t = timeline.loads('''# Changelog
... ## [1.0.1] - 2017-06-21 [YANKED]
... ### Fixed
... - A typo.
... ## [1.0.0] - 2017-06-20
... ### Added
... - Everything.
...
... [1.0.0]: https://example.org/compare/v0.3.0...v1.0.0
... ''', "changelog")
>>> [(e.title, str(e.when), e.status.value, e.tags, e.url) for e in t]  # doctest: +NORMALIZE_WHITESPACE
[('Release 1.0.0', '2017-06-20', 'confirmed', ('Added',), 'https://example.org/compare/v0.3.0...v1.0.0'),
 ('Release 1.0.1', '2017-06-21', 'cancelled', ('Fixed',), None)]
>>> print(t.get("release-1.0.0").description)
Added:
- Everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, Final

from timeline._timeline import Timeline
from timeline._warn import warn
from timeline.errors import ParseError
from timeline.formats._fields import from_data

__all__ = ["read"]

# "## [1.0.0] - 2017-06-20", "## 1.0.0 - 2017-06-20", "## [1.0.0](url) - 2017-06-20 [YANKED]", "## v1.0 (2017-06-20)".
_RELEASE_RE: Final = re.compile(
    r"^##(?!#)\s*(?:\[(?P<bracketed>[^\]]+)\](?:\((?P<link>[^)\s]*)\))?|(?P<bare>[^\s\[\]()]+))"
    r"(?P<rest>.*?)\s*#*\s*$"
)
_DATE_RE: Final = re.compile(r"(?<![0-9])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])")
_YANKED_RE: Final = re.compile(r"\[YANKED\]", re.IGNORECASE)
_SECTION_RE: Final = re.compile(r"^###(?!#)\s*(?P<name>.+?)\s*#*\s*$")
_TITLE_RE: Final = re.compile(r"^#(?!#)\s*(?P<title>.+?)\s*#*\s*$")
_REFERENCE_RE: Final = re.compile(r"^\s{0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<url>[^\s>]+)>?")
_FENCE_RE: Final = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# A URL the model takes as an event's url; anything else stays out of it.
_URL_RE: Final = re.compile(r"https?://\S+")


class _Release:
    __slots__ = ("date", "line", "lines", "link", "sections", "version", "yanked")

    def __init__(self, version: str, line: int, link: str | None, day: date | None, yanked: bool) -> None:
        self.version = version
        self.line = line
        self.link = link
        self.date = day
        self.yanked = yanked
        self.lines: list[str] = []
        self.sections: list[str] = []


def _day(match: re.Match[str], source: str, line: int) -> date:
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError as exc:
        raise ParseError(
            f"the release date {match.group()!r} is not a real day: {exc}", source=source, line=line
        ) from None


def read(text: str, source: str) -> Timeline:
    """Parse a Keep a Changelog file; ``source`` names it in errors and warnings.

    Raises:
        ParseError: no release heading at all (not a Keep a Changelog file),
            or a release dated on a day that does not exist; the error names
            the line.
    """
    title = ""
    releases: list[_Release] = []
    references: dict[str, str] = {}
    fence: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        opened = _FENCE_RE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            if releases:
                releases[-1].lines.append(line)
            continue
        if opened:
            fence = opened.group(1)
        reference = _REFERENCE_RE.match(line)
        if reference:
            references.setdefault(reference["label"].strip().lower(), reference["url"])
            continue
        heading = _RELEASE_RE.match(line)
        if heading and fence is None:
            version = (heading["bracketed"] or heading["bare"] or "").strip()
            rest = heading["rest"] or ""
            found = _DATE_RE.search(rest)
            releases.append(
                _Release(
                    version,
                    number,
                    heading["link"] or None,
                    _day(found, source, number) if found else None,
                    bool(_YANKED_RE.search(rest)),
                )
            )
            continue
        if not releases:
            found_title = _TITLE_RE.match(line)
            if found_title and not title:
                title = found_title["title"]
            continue
        section = _SECTION_RE.match(line)
        if section and fence is None:
            releases[-1].sections.append(section["name"])
            releases[-1].lines.append(f"{section['name']}:")
            continue
        releases[-1].lines.append(line)
    if not releases:
        raise ParseError(
            "no release headings ('## [1.0.0] - 2017-06-20'): not a Keep a Changelog file", source=source, line=1
        )
    events: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for release in releases:
        if release.date is None:
            what = "'Unreleased'" if release.version.lower() == "unreleased" else f"release {release.version!r}"
            warn(f"{source}, line {release.line}: {what} has no date; it is left out of the timeline")
            continue
        events.append(_event(release, references, seen))
    data: dict[str, Any] = {"title": title, "events": events}
    return from_data(data, source=source, locate=_locate(releases))


def _event(release: _Release, references: dict[str, str], seen: dict[str, int]) -> dict[str, Any]:
    assert release.date is not None
    body = "\n".join(release.lines).strip("\n")
    body = re.sub(r"\n{3,}", "\n\n", body)
    slug = re.sub(r"[^0-9A-Za-z.+_-]+", "-", release.version).strip("-") or "release"
    count = seen[slug] = seen.get(slug, 0) + 1
    event: dict[str, Any] = {
        "id": f"release-{slug}" if count == 1 else f"release-{slug}-{count}",
        "title": f"Release {release.version}",
        "when": release.date.isoformat(),
    }
    if body.strip():
        event["description"] = body
    tags: list[str] = []
    for name in release.sections:
        if name not in tags:
            tags.append(name)
    if tags:
        event["tags"] = tags
    url = release.link or references.get(release.version.lower())
    if url and _URL_RE.fullmatch(url):
        event["url"] = url
    if release.yanked:
        event["status"] = "cancelled"
    return event


def _locate(releases: list[_Release]) -> Callable[[str], int | None]:
    dated = [release for release in releases if release.date is not None]

    def locate(field: str) -> int | None:
        match = re.match(r"events\[(\d+)\]", field)
        if match is None or int(match[1]) >= len(dated):
            return None
        return dated[int(match[1])].line

    return locate
