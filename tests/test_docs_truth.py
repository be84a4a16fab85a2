"""The README and docs/ say what the code does: transcripts, format tables, links, the built site."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import site_check
import transcripts

from timeline import list_formats

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BIN = Path(sys.executable).parent
WITH_TRANSCRIPTS = [page for page in PAGES if any(transcripts.steps(page))]


def test_the_pages_with_transcripts_are_found() -> None:
    """The README and the command-line pages have console blocks the test runs."""
    names = {page.name for page in WITH_TRANSCRIPTS}

    assert {"README.md", "getting-started.md", "how-to.md", "calendars.md", "phrases.md"} <= names


@pytest.mark.parametrize("page", WITH_TRANSCRIPTS, ids=[page.name for page in WITH_TRANSCRIPTS])
def test_console_transcripts_print_what_the_page_shows(page: Path) -> None:
    """Every `$ command` in a console block prints exactly the lines shown under it."""
    transcripts.check([page], BIN)


def test_a_transcript_that_lies_fails(tmp_path: Path) -> None:
    """The runner compares output: a wrong line fails, naming the page and line; `...` matches any lines."""
    page = tmp_path / "page.md"
    page.write_text(
        "Text.\n\n```console\n$ printf 'a\\nb\\nc\\n'\na\n...\nc\n$ echo no\nyes\n$ false\n$ echo $?\n1\n```\n"
    )

    failures = transcripts.run([page], BIN)

    assert 1 == len(failures)
    assert failures[0].startswith("page.md, line 8: $ echo no")


def _table(page: Path, header: str) -> dict[str, list[str]]:
    """The rows of the table of ``page`` whose header begins with ``header``, by their first cell."""
    text = page.read_text(encoding="utf-8")
    start = text.index(header)
    rows: dict[str, list[str]] = {}
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        name = cells[0].strip("`")
        assert name not in rows, f"{page.name}: {name} has two rows"
        rows[name] = cells
    return rows


def test_the_reference_format_table_is_one_table_of_every_format() -> None:
    """docs/reference.md has one row per registered format, with its suffixes, read and write."""
    rows = _table(ROOT / "docs" / "reference.md", "| name | suffixes | read | write |")

    assert sorted(fmt.name for fmt in list_formats()) == sorted(rows)
    for fmt in list_formats():
        _, suffixes, read, write, *_ = rows[fmt.name]
        assert sorted(fmt.suffixes) == sorted(re.findall(r"`([^`]+)`", suffixes)), fmt.name
        assert fmt.readable == read.startswith("yes"), fmt.name
        assert fmt.writable == write.startswith("yes"), fmt.name


def test_the_index_format_table_lists_every_format() -> None:
    """docs/index.md's table of formats names each one, with what it reads and writes."""
    rows = _table(ROOT / "docs" / "index.md", "| format | reads | writes | use |")

    assert sorted(fmt.name for fmt in list_formats()) == sorted(rows)
    for fmt in list_formats():
        assert ("yes" if fmt.readable else "no") == rows[fmt.name][1], fmt.name
        assert ("yes" if fmt.writable else "no") == rows[fmt.name][2], fmt.name


def test_the_readme_links_each_page_once_and_every_link_resolves() -> None:
    """The README's links to files point at files that exist, each page named once in its list."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^- \[[^\]]+\]\(([^)#]+)\)", text, re.M)
    linked = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text)

    assert len(listed) == len(set(listed)), f"listed twice: {sorted({x for x in listed if listed.count(x) > 1})}"
    assert [] == [link for link in linked if not (ROOT / link).exists()]


def test_every_docs_page_is_in_the_readme_list() -> None:
    """Each page of docs/ is reachable from the README's documentation list."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    pages = {page.name for page in (ROOT / "docs").glob("*.md")}

    assert [] == sorted(page for page in pages if f"(docs/{page})" not in text)


class TestSiteCheck:
    """The built-site check (run by `make docs`) finds what it is for."""

    def write(self, folder: Path, name: str, body: str) -> None:
        (folder / name).write_text(f"<html><body>{body}</body></html>", encoding="utf-8")

    def test_a_table_shown_as_text(self, tmp_path: Path) -> None:
        """Rows of a table that became a paragraph are a fault; a real table and code are not."""
        self.write(tmp_path, "index.html", "<p>| a | b |\n| c | d |</p><table><tr><td>|x|</td></tr></table>")
        self.write(tmp_path, "code.html", "<pre>| a | b |</pre><p>A pipe | in prose.</p>")

        assert ["index.html: a table shown as text: | a | b |"] == site_check.faults(tmp_path)

    def test_links_to_missing_pages_and_anchors(self, tmp_path: Path) -> None:
        """A link to a missing page or anchor is a fault; external links and present targets are not."""
        self.write(tmp_path, "a.html", '<h2 id="here">Here</h2><a href="b.html#there">b</a><a href="#here">self</a>')
        self.write(
            tmp_path,
            "b.html",
            '<a href="gone.html">gone</a><a href="a.html#nowhere">x</a><a href="https://example.org/x">ext</a>',
        )

        assert [
            "a.html: a link to a missing anchor: b.html#there",
            "b.html: a link to a missing page: gone.html",
            "b.html: a link to a missing anchor: a.html#nowhere",
        ] == site_check.faults(tmp_path)


def test_extras_take_lower_bounds_and_tools_are_pinned_in_groups() -> None:
    """Published extras never pin exactly; the pinned test tools live in PEP 735 groups."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = project["project"]["optional-dependencies"]
    groups = project["dependency-groups"]

    assert [] == [req for reqs in extras.values() for req in reqs if "==" in req.split(";")[0]]
    assert [] == [req for req in project["project"]["dependencies"] if "==" in req.split(";")[0]]
    assert {"test", "bench", "release"} <= set(groups)
    assert all("==" in req for req in groups["test"]), "test tools are pinned so CI does not drift"
