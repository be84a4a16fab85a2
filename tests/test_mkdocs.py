"""The MkDocs plugin: `timeline` blocks in pages, through real `mkdocs build --strict` runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from test_markdown_flavors import EXAMPLE, TRAPS, Element, check_chronology, tree

import timeline
from timeline.mkdocs import BlockError, TimelinePlugin, render_blocks

MKDOCS = Path(sys.executable).parent / "mkdocs"


def site(tmp_path: Path, page: str, *, theme: str = "mkdocs", extra: str = "") -> Path:
    """A one-page MkDocs site in ``tmp_path``; returns its docs directory."""
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Test\ntheme:\n  name: {theme}\nplugins:\n  - timeline\n"
        "markdown_extensions:\n  - footnotes\n  - attr_list\n  - tables\n  - toc\n  - def_list\n  - abbr\n"
        "  - smarty\n  - pymdownx.tilde\n  - pymdownx.caret\n  - pymdownx.mark\n  - pymdownx.magiclink\n"
        "  - pymdownx.emoji\n  - pymdownx.superfences\n  - pymdownx.smartsymbols\n  - pymdownx.arithmatex\n" + extra,
        encoding="utf-8",
    )
    return docs


def build(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(  # noqa: S603  # our own venv's mkdocs
        [str(MKDOCS), "build", "--strict", "-q", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )


def content(tmp_path: Path) -> Element:
    """The page's main content (not the theme's navigation), as a tree."""
    root = tree((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    for element in root.walk():
        classes = element.attrs.get("class", "").split()
        if element.attrs.get("role") == "main" or "md-content__inner" in classes:
            holder = Element("root", {}, None)
            holder.children = [element]
            return holder
    raise AssertionError("no main content in the built page")


def block(path: Path, docs: Path, *options: str) -> str:
    relative = os.path.relpath(path, docs)
    return "```timeline\nfile: " + relative + "\n" + "".join(f"{o}\n" for o in options) + "```\n"


class TestBuild:
    @pytest.mark.parametrize("theme", ["mkdocs", "material"])
    @pytest.mark.parametrize("path", [EXAMPLE, TRAPS], ids=["worked-example", "traps"])
    def test_strict_build_renders_the_chronology(self, tmp_path: Path, theme: str, path: Path) -> None:
        """`mkdocs build --strict` passes; each event is one list item with its text as typed."""
        docs = tmp_path / "docs"
        docs.mkdir()
        site(tmp_path, "# Chronology\n\n" + block(path, docs, "heading_level: 2"), theme=theme)

        result = build(tmp_path)

        assert 0 == result.returncode, result.stderr
        check_chronology(timeline.load(path), "mkdocs", _as_html(content(tmp_path)))

    def test_options_reach_the_writer(self, tmp_path: Path) -> None:
        """Writer options as `key: value` lines change the layout."""
        docs = tmp_path / "docs"
        docs.mkdir()
        site(tmp_path, "# C\n\n" + block(EXAMPLE, docs, "layout: table", "style: dmy", "newest_first: true"))

        result = build(tmp_path)
        html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")

        assert 0 == result.returncode, result.stderr
        assert "<table>" in html
        assert html.index("7–8 June 2021") < html.index("March 2021")

    def test_data_error_fails_the_build_naming_file_and_line(self, tmp_path: Path) -> None:
        """A bad date in the data file fails the build, naming the page, the data file and its line."""
        docs = tmp_path / "docs"
        docs.mkdir()
        (docs / "bad.toml").write_text('title = "x"\n[[events]]\ntitle = "a"\nwhen = "2021-13"\n', encoding="utf-8")
        site(tmp_path, "# C\n\nText.\n\n```timeline\nfile: bad.toml\n```\n")

        result = build(tmp_path)

        assert 0 != result.returncode
        assert "index.md, line 5" in result.stderr
        assert "bad.toml, line 4" in result.stderr
        assert "2021-13" in result.stderr


class TestBlocks:
    def test_other_fences_pass_through_whole(self, tmp_path: Path) -> None:
        """A timeline block shown inside a longer fence stays an example; other fences are untouched."""
        page = "````markdown\n```timeline\nfile: missing.toml\n```\n````\n\n~~~python\nx = 1\n~~~\n"

        assert page == render_blocks(page, tmp_path)

    def test_block_becomes_mkdocs_flavored_markdown(self) -> None:
        """The block's place holds what the markdown writer writes in the mkdocs flavor."""
        used: set[Path] = set()
        page = "Before.\n\n" + block(EXAMPLE, EXAMPLE.parent, "months: yes") + "\nAfter.\n"

        out = render_blocks(page, EXAMPLE.parent, used)

        expected = timeline.dumps(timeline.load(EXAMPLE), "markdown", flavor="mkdocs", months=True).rstrip("\n")
        assert f"Before.\n\n{expected}\n\nAfter.\n" == out
        assert {EXAMPLE.resolve()} == used

    @pytest.mark.parametrize(
        ("body", "line", "message"),
        [
            ("heading_level: 2\n", 1, "needs 'file: PATH'"),
            ("file: x.toml\nbogus: 1\n", 3, "unknown option 'bogus'"),
            ("file: x.toml\nmonths: maybe\n", 3, "months: expected true or false"),
            ("file: x.toml\nflavor: gfm\n", 3, "always writes the 'mkdocs' flavor"),
            ("file: x.toml\nfile: y.toml\n", 3, "'file' is given twice"),
            ("file: x.toml\njust text\n", 3, "expected 'key: value'"),
            ("file: missing.toml\n", 1, "cannot render 'missing.toml'"),
        ],
    )
    def test_bad_blocks_name_their_line(self, tmp_path: Path, body: str, line: int, message: str) -> None:
        """Every mistake in a block is a BlockError with the page line where it is."""
        (tmp_path / "x.toml").write_text('title = "x"\n', encoding="utf-8")

        with pytest.raises(BlockError, match=message) as caught:
            render_blocks("```timeline\n" + body + "```\n", tmp_path)

        assert line == caught.value.line

    def test_unclosed_block(self, tmp_path: Path) -> None:
        """A timeline block without its closing fence is an error, not a silent swallow of the page."""
        with pytest.raises(BlockError, match="no closing fence"):
            render_blocks("```timeline\nfile: x.toml\n", tmp_path)

    def test_comments_and_format(self, tmp_path: Path) -> None:
        """Lines starting with # are comments; format names the reader when the suffix does not."""
        (tmp_path / "data.txt").write_text('{"title": "J", "events": []}', encoding="utf-8")

        out = render_blocks("```timeline\n# the data\nfile: data.txt\nformat: json\n```", tmp_path)

        assert "# J" == out


class _Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, *, recursive: bool = True) -> None:
        self.watched.append(path)


class TestPlugin:
    def test_serve_watches_the_data_files(self) -> None:
        """mkdocs serve watches each data file a block read, so a change rebuilds its page."""
        plugin = TimelinePlugin()
        render_blocks(block(EXAMPLE, EXAMPLE.parent), EXAMPLE.parent, plugin.used)
        server = _Server()

        plugin.on_serve(server, config=None, builder=None)  # type: ignore[arg-type]

        assert [str(EXAMPLE.resolve())] == server.watched

    def test_page_error_is_a_plugin_error(self, tmp_path: Path) -> None:
        """Inside MkDocs a bad block is MkDocs' PluginError, which fails the build with its message."""

        class _File:
            src_uri = "notes/page.md"

        class _Page:
            file = _File()

        class _Config:
            docs_dir = str(tmp_path)

        with pytest.raises(PluginError, match=r"notes/page.md, line 1: .*needs 'file: PATH'"):
            TimelinePlugin().on_page_markdown("```timeline\n```", page=_Page(), config=_Config(), files=None)  # type: ignore[arg-type]

    def test_registered_entry_point(self) -> None:
        """The plugin is registered as `timeline` in the mkdocs.plugins entry-point group."""
        from importlib.metadata import entry_points

        [entry] = [e for e in entry_points(group="mkdocs.plugins") if e.name == "timeline"]

        assert TimelinePlugin is entry.load()


def _as_html(root: Element) -> str:
    """A tree back to HTML text, for the checks that take HTML."""
    from html import escape

    def out(node: Element | str) -> str:
        if isinstance(node, str):
            return escape(node, quote=False)
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in node.attrs.items())
        inner = "".join(out(child) for child in node.children)
        return inner if node.tag == "root" else f"<{node.tag}{attrs}>{inner}</{node.tag}>"

    return out(root)


class TestExtras:
    @pytest.mark.parametrize("extra", ["mkdocs", "sphinx", "docs"])
    def test_extras_users_install_take_lower_bounds(self, extra: str) -> None:
        """The mkdocs, sphinx and docs extras give lower bounds, never exact pins (those live in `test`)."""
        import tomllib

        project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
        requirements = project["project"]["optional-dependencies"][extra]

        assert requirements
        assert [] == [r for r in requirements if ">=" not in r or "==" in r]
