"""Check a built documentation site for what `sphinx-build -W` lets through.

Two faults pass Sphinx's own checks and break a page for its reader:

- a Markdown table the parser did not take for a table (a paragraph cut
  it in two, a row with a missing cell), which the site shows as lines of
  ``| ... |`` text;
- a link to a page or an anchor the site does not have (a raw HTML link,
  a link to a file outside the site, an anchor renamed by a new heading).

``python tests/site_check.py out/docs`` checks every page of a built HTML
site and prints each fault with its page; `make docs` runs it after
Sphinx. The tests call :func:`faults` on small sites of their own.
"""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["faults"]

_TABLE_TEXT = re.compile(r"^\s*\|.*\|\s*$", re.M)


class _Page(HTMLParser):
    """The ids, links and paragraph texts of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.paragraphs: list[str] = []
        self._depth = 0  # inside <p> (and not inside <pre>)
        self._skip = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a":
            if values.get("name"):
                self.ids.add(str(values["name"]))
            if values.get("href"):
                self.links.append(str(values["href"]))
        if tag in ("pre", "script", "style"):
            self._skip += 1
        if tag == "p":
            self._depth += 1
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("pre", "script", "style") and self._skip:
            self._skip -= 1
        if tag == "p" and self._depth:
            self._depth -= 1
            self.paragraphs.append("".join(self._text))

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip:
            self._text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def faults(site: Path) -> list[str]:
    """Every table shown as text and every link to a missing page or anchor, in ``site``."""
    site = site.resolve()
    pages = {path: _parse(path) for path in sorted(site.rglob("*.html")) if "_static" not in path.parts}
    found = []
    for path, page in pages.items():
        name = path.relative_to(site).as_posix()
        for text in page.paragraphs:
            rows = _TABLE_TEXT.findall(text)
            if len(rows) >= 1 and text.strip().startswith("|"):
                first = html.unescape(rows[0].strip())[:80]
                found.append(f"{name}: a table shown as text: {first}")
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                found.append(f"{name}: a link to a missing page: {link}")
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.suffix == ".html":
                known = pages[target].ids if target in pages else _parse(target).ids
                if anchor not in known:
                    found.append(f"{name}: a link to a missing anchor: {link}")
    return found


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "out/docs")
    found = faults(site)
    for fault in found:
        print(fault, file=sys.stderr)
    print(f"{site}: {len(list(site.rglob('*.html')))} pages, {len(found)} faults")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
