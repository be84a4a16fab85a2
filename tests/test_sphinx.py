"""The timeline.sphinx extension: the timeline directive in real Sphinx builds."""

from __future__ import annotations

import importlib
import io
import re
import shutil
import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

EXAMPLE = Path(__file__).parent.parent / "examples" / "harris-trip.toml"


def build(
    tmp_path: Path, page: str, *, builder: str = "html", conf: str = "", suffix: str = "md"
) -> tuple[str, str, SphinxTestApp]:
    """Build a one-page site (MyST, or reST with suffix="rst"); return the page's output, the warnings and the app.

    conf.py names only timeline.sphinx, as the how-to says: it sets up MyST itself.
    """
    src = tmp_path / "src"
    src.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, src / "harris-trip.toml")
    (src / "conf.py").write_text('extensions = ["timeline.sphinx"]\n' + conf, encoding="utf-8")
    (src / f"index.{suffix}").write_text(page, encoding="utf-8")
    warnings = io.StringIO()
    # SphinxTestApp undoes what a build registers globally, so builds can follow one another.
    app = SphinxTestApp(builder, srcdir=src, builddir=tmp_path / "build", status=io.StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    out_suffix = {"html": "html", "text": "txt"}.get(builder)
    out = Path(app.outdir) / f"index.{out_suffix}"
    if builder == "latex":
        out = next(Path(app.outdir).glob("*.tex"))
    elif builder == "man":
        out = next(Path(app.outdir).rglob("*.1"))
    return (out.read_text(encoding="utf-8") if out.exists() else ""), warnings.getvalue(), app


RST_WORKED = "Chronology\n==========\n\n.. timeline:: harris-trip.toml\n"

WORKED = """# Chronology

```{timeline} harris-trip.toml
:heading-level: 2
:mermaid:
```
"""


class TestDirective:
    def test_renders_the_worked_example(self, tmp_path: Path) -> None:
        """The directive lays out the worked example: title, years, entries, footnote, diagram; no warning."""
        html, warnings, _ = build(tmp_path, WORKED)

        assert "" == warnings
        assert 'Harris\'s first trip abroad as vice president<a class="headerlink"' in html  # an h2, as typed
        assert ">2019<" in html
        assert ">2021<" in html
        assert "<strong>June 7–8, 2021</strong>: Harris checks in with organizers on the ground (tentative)" in html
        assert 'class="footnote-reference brackets"' in html
        assert "CBS News, possibly June 2, 2021" in html
        assert '<pre class="mermaid">\ntimeline\n' in html
        assert 'import mermaid from "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs"' in html

    def test_the_page_depends_on_the_data_file(self, tmp_path: Path) -> None:
        """A change to the data file rebuilds the page."""
        _, _, app = build(tmp_path, WORKED)

        assert {"harris-trip.toml"} == {Path(path).name for path in app.env.dependencies["index"]}

    def test_options_reach_the_writer(self, tmp_path: Path) -> None:
        """Writer options, spelt with dashes, change the layout."""
        options = ":layout: table\n:style: dmy\n:newest-first:\n:heading-level: 2\n"
        page = f"# C\n\n```{{timeline}} harris-trip.toml\n{options}```\n"
        html, warnings, _ = build(tmp_path, page)

        assert "" == warnings
        assert "<table" in html
        assert html.index("7–8 June 2021") < html.index("March 2021")

    def test_text_builder_shows_the_diagram_source(self, tmp_path: Path) -> None:
        """Builders other than HTML show the Mermaid source as a literal block."""
        text, warnings, _ = build(tmp_path, WORKED, builder="text")

        assert "" == warnings
        assert "   timeline\n       title Harris's first trip abroad as vice president\n" in text

    def test_no_mermaid_script(self, tmp_path: Path) -> None:
        """With timeline_mermaid_js empty, HTML shows the diagram source and loads no script."""
        html, warnings, _ = build(tmp_path, WORKED, conf='timeline_mermaid_js = ""\n')

        assert "" == warnings
        assert 'class="mermaid"' not in html
        assert "import mermaid" not in html
        assert "section 2019" in html

    def test_pages_without_a_diagram_load_no_script(self, tmp_path: Path) -> None:
        """Only pages with a diagram load mermaid."""
        html, _, _ = build(tmp_path, "# C\n\n```{timeline} harris-trip.toml\n:heading-level: 2\n```\n")

        assert "import mermaid" not in html

    def test_user_text_stays_text_in_myst(self, tmp_path: Path) -> None:
        """Descriptions that MyST would read as a comment, a target or a role show as typed."""
        (tmp_path / "src").mkdir()
        (tmp_path / "src" / "traps.toml").write_text(
            'title = "T"\n[[events]]\ntitle = "{sub}`x` <b>"\nwhen = "2021"\n'
            'description = """\n% not a comment\n(not-a-target)=\n+++\n:::"""\n',
            encoding="utf-8",
        )
        html, warnings, _ = build(tmp_path, "# C\n\n```{timeline} traps.toml\n:heading-level: 2\n```\n")

        assert "" == warnings
        assert "{sub}`x` &lt;b&gt;" in html
        assert "% not a comment\n(not-a-target)=\n+++\n:::" in html

    def test_restructuredtext_pages_take_the_directive(self, tmp_path: Path) -> None:
        """In a reStructuredText page the directive renders the same chronology, footnotes included."""
        page = "Chronology\n==========\n\n.. timeline:: harris-trip.toml\n   :heading-level: 2\n   :months:\n"
        html, warnings, _ = build(tmp_path, page, suffix="rst")

        assert "" == warnings
        assert "<strong>June 7–8, 2021</strong>: Harris checks in with organizers on the ground (tentative)" in html
        assert "Harris's first trip abroad as vice president" in html
        assert 'class="footnote-reference brackets"' in html
        assert html.count('role="doc-footnote"') + html.count('class="footnote brackets"') >= 1

    def test_missing_file_is_a_build_error(self, tmp_path: Path) -> None:
        """A file that does not exist is an error naming it."""
        _, warnings, _ = build(tmp_path, "# C\n\n```{timeline} nowhere.toml\n```\n")

        assert "ERROR: timeline: cannot render 'nowhere.toml'" in warnings

    def test_invalid_file_is_a_build_error_naming_the_line(self, tmp_path: Path) -> None:
        """A file with a bad date is an error naming the file, line and field."""
        (tmp_path / "src").mkdir()
        (tmp_path / "src" / "bad.toml").write_text(
            'title = "x"\n[[events]]\ntitle = "A"\nwhen = "2021-13"\n', encoding="utf-8"
        )
        _, warnings, _ = build(tmp_path, "# C\n\n```{timeline} bad.toml\n```\n")

        assert "bad.toml, line 4, events[0].when" in warnings

    def test_bad_option_value_is_a_build_error(self, tmp_path: Path) -> None:
        """An option value the writer does not take is an error naming the option."""
        _, warnings, _ = build(tmp_path, "# C\n\n```{timeline} harris-trip.toml\n:layout: grid\n```\n")

        assert "layout" in warnings
        assert "grid" in warnings


TYPED = (
    'title = "T"\n[[events]]\ntitle = "Add --json and --dry-run flags"\nwhen = "2021-06-01"\n'
    'description = "She said \\"it\'s done...\\" -- twice"\n'
    '[[events]]\ntitle = "Called off"\nwhen = "2021-06-02"\nstatus = "cancelled"\nurl = "https://example.org/x"\n'
)


class TestAsTyped:
    @pytest.mark.parametrize("suffix", ["md", "rst"])
    def test_no_smart_quotes_dashes_or_ellipses(self, tmp_path: Path, suffix: str) -> None:
        """Sphinx's SmartQuotes leaves the chronology alone: --, quotes and ... as typed in the HTML."""
        (tmp_path / "src").mkdir()
        (tmp_path / "src" / "typed.toml").write_text(TYPED, encoding="utf-8")
        page = (
            "# C\n\n```{timeline} typed.toml\n:heading-level: 2\n```\n"
            if suffix == "md"
            else "C\n=\n\n.. timeline:: typed.toml\n   :heading-level: 2\n"
        )
        html, warnings, _ = build(tmp_path, page, suffix=suffix)

        assert "" == warnings
        assert "Add --json and --dry-run flags" in html
        assert "She said &quot;it's done...&quot; -- twice" in html
        assert "Harris's trip" in build(tmp_path / "worked", WORKED if suffix == "md" else RST_WORKED, suffix=suffix)[0]
        assert not {"\u2013", "\u2014", "\u2026", "\u201c", "\u2019"} & set(
            html.split("<body", 1)[1].split("Called")[0]
        )

    @pytest.mark.parametrize("builder", ["html", "latex", "text", "man"])
    @pytest.mark.parametrize("suffix", ["md", "rst"])
    def test_cancelled_struck_in_html_marked_elsewhere_no_warning(
        self, tmp_path: Path, builder: str, suffix: str
    ) -> None:
        """A cancelled event is struck through in HTML, says "(cancelled)" everywhere, and warns nowhere."""
        (tmp_path / "src").mkdir()
        (tmp_path / "src" / "typed.toml").write_text(TYPED, encoding="utf-8")
        page = (
            "# C\n\n```{timeline} typed.toml\n:heading-level: 2\n```\n"
            if suffix == "md"
            else "C\n=\n\n.. timeline:: typed.toml\n   :heading-level: 2\n"
        )
        out, warnings, _ = build(tmp_path, page, builder=builder, suffix=suffix)

        assert "" == warnings
        assert "Called off" in out
        assert "(cancelled)" in out
        if builder == "html":
            assert '<del><a class="reference external" href="https://example.org/x">Called off</a></del>' in out
        else:
            assert "<del>" not in out
            assert "~~" not in out


class TestImportGuard:
    def test_without_sphinx_the_error_says_what_to_install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Importing the extension without Sphinx raises ImportError naming the docs extra."""
        monkeypatch.setitem(sys.modules, "sphinx.util.docutils", None)
        monkeypatch.delitem(sys.modules, "timeline.sphinx", raising=False)

        with pytest.raises(ImportError, match=r"timeline-events\[sphinx\]"):
            importlib.import_module("timeline.sphinx")

    def test_the_package_does_not_import_sphinx(self) -> None:
        """import timeline leaves the extension (and so Sphinx) unloaded."""
        import subprocess

        code = "import sys, timeline; timeline.dumps(timeline.Timeline(), 'markdown'); print('sphinx' in sys.modules)"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603

        assert "False" == result.stdout.strip()


class TestPicture:
    def test_picture_is_written_and_shown(self, tmp_path: Path) -> None:
        """``:picture:`` writes the SVG among the build's images and shows it under the title."""
        page = "# C\n\n```{timeline} harris-trip.toml\n:heading-level: 2\n:picture: width=720 theme=dark\n```\n"
        html, warnings, app = build(tmp_path, page)

        assert "" == warnings
        found = re.search(
            r'<img src="(_images/timeline-[0-9a-f]{16}\.svg)" alt="A picture of the timeline ([^"]*)"', html
        )
        assert found is not None
        assert found.group(2) == "Harris&#x27;s first trip abroad as vice president"
        picture = (Path(app.outdir) / found.group(1)).read_text(encoding="utf-8")
        assert 'width="720"' in picture
        assert "prefers-color-scheme" not in picture
        assert html.index("first trip abroad") < html.index("<img") < html.index(">2019<")

    def test_other_builders_leave_it_out(self, tmp_path: Path) -> None:
        """The text builder shows the chronology without the picture, and without a warning."""
        page = "# C\n\n```{timeline} harris-trip.toml\n:picture:\n```\n"
        text, warnings, _ = build(tmp_path, page, builder="text")

        assert "" == warnings
        assert "Harris meets the presidents" in text
        assert "timeline-" not in text

    def test_bad_picture_option(self, tmp_path: Path) -> None:
        """A bad svg option is an error of the build naming it."""
        page = "# C\n\n```{timeline} harris-trip.toml\n:picture: colour=red\n```\n"
        _, warnings, _ = build(tmp_path, page)

        assert "colour=red" in warnings
