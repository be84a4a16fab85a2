"""Release histories: the changelog reader (Keep a Changelog) and git tags."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import ParseError, Timeline, TimelineWarning
from timeline.formats import format_for_path
from timeline.formats.git import tags

ROOT = Path(__file__).parent.parent

# The shape of the spec's own example, with the variations real files have: a summary paragraph,
# linked versions, a [YANKED] release, nested items, a code fence holding a heading, two releases on one day.
SAMPLE = """# Changelog

All notable changes to this project will be documented in this file.

## [Unreleased]

### Added

- Something not released yet.

## [2.0.0](https://example.org/compare/1.1.0...2.0.0) - 2021-06-08

A summary of the release.

### Added

- Retries, with backoff:
  - exponential;
  - capped.

### Changed

- **Breaking:** renamed `headers`.

```markdown
## [9.9.9] - 2099-01-01
```

## [1.1.0] - 2021-06-07 [YANKED]

### Fixed

- A leak.

## 1.0.1 - 2021-06-07

### Security

- CVE-2021-0001.

## [1.0.0] - 2021-05-31

### Added

- Everything.

[unreleased]: https://example.org/compare/2.0.0...HEAD
[1.1.0]: https://example.org/compare/1.0.1...1.1.0
[1.0.0]: https://example.org/releases/tag/1.0.0
"""


def read(text: str) -> tuple[Timeline, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = timeline.loads(text, "changelog", source="CHANGELOG.md")
    return t, [str(w.message) for w in caught if issubclass(w.category, TimelineWarning)]


class TestChangelog:
    def test_each_dated_release_is_an_event(self) -> None:
        """Dated releases become events on their day, oldest first; Unreleased is left out with a warning."""
        t, warned = read(SAMPLE)

        assert "Changelog" == t.title
        assert [
            ("release-1.0.0", "2021-05-31", "Release 1.0.0"),
            ("release-1.0.1", "2021-06-07", "Release 1.0.1"),
            ("release-1.1.0", "2021-06-07", "Release 1.1.0"),
            ("release-2.0.0", "2021-06-08", "Release 2.0.0"),
        ] == [(e.id, str(e.when), e.title) for e in t]
        assert ["CHANGELOG.md, line 5: 'Unreleased' has no date; it is left out of the timeline"] == warned

    def test_sections_are_tags_and_description(self) -> None:
        """Section names are tags; the description keeps the summary and each section's items under its name."""
        t, _ = read(SAMPLE)
        release = t.get("release-2.0.0")

        assert release is not None
        assert ("Added", "Changed") == release.tags
        assert (
            "A summary of the release.\n\nAdded:\n\n- Retries, with backoff:\n  - exponential;\n  - capped.\n\n"
            "Changed:\n\n- **Breaking:** renamed `headers`.\n\n```markdown\n## [9.9.9] - 2099-01-01\n```"
        ) == release.description

    def test_compare_links_and_yanked(self) -> None:
        """The version's link (inline or a reference) is the url; [YANKED] is cancelled."""
        t, _ = read(SAMPLE)
        found = {e.id: e for e in t}

        assert "https://example.org/compare/1.1.0...2.0.0" == found["release-2.0.0"].url
        assert "https://example.org/compare/1.0.1...1.1.0" == found["release-1.1.0"].url
        assert "https://example.org/releases/tag/1.0.0" == found["release-1.0.0"].url
        assert found["release-1.0.1"].url is None
        assert "cancelled" == found["release-1.1.0"].status.value
        assert "confirmed" == found["release-2.0.0"].status.value

    def test_the_projects_own_changelog(self) -> None:
        """Our CHANGELOG.md reads: it has only Unreleased so far, which is left out with a warning naming it."""
        with pytest.warns(TimelineWarning, match=r"CHANGELOG.md, line \d+: 'Unreleased' has no date"):
            t = timeline.load(ROOT / "CHANGELOG.md")

        assert "Changelog" == t.title
        assert all(event.id.startswith("release-") for event in t)

    @pytest.mark.parametrize("name", ["CHANGELOG.md", "CHANGES.md", "HISTORY.md", "docs/changelog.md"])
    def test_file_names_choose_the_reader(self, name: str) -> None:
        """CHANGELOG.md, CHANGES.md and HISTORY.md are read as changelogs; other .md files stay Markdown."""
        assert "changelog" == format_for_path(name).name
        assert "markdown" == format_for_path("notes.md").name

    def test_command_line(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--from changelog converts a release history into a chronology."""
        from timeline.cli import main

        source = tmp_path / "NEWS.md"
        source.write_text(SAMPLE.replace("## [Unreleased]\n", ""), encoding="utf-8")

        assert 0 == main(["convert", str(source), "-", "--from", "changelog", "--to", "markdown"])
        out = capsys.readouterr().out
        assert "- **May 31, 2021**: [Release 1.0.0](<https://example.org/releases/tag/1.0.0>)" in out
        assert "~~[Release 1.1.0](<https://example.org/compare/1.0.1...1.1.0>)~~ (cancelled)" in out

    @pytest.mark.parametrize(
        ("text", "message", "line"),
        [
            ("# Notes\n\nJust text.\n", "no release headings", 1),
            ("# C\n\n## [1.0.0] - 2021-02-30\n", "'2021-02-30' is not a real day", 3),
        ],
    )
    def test_bad_files_name_the_line(self, text: str, message: str, line: int) -> None:
        """Text that is no changelog, or a release on a day that does not exist, is a ParseError with its line."""
        with pytest.raises(ParseError, match=message) as caught:
            timeline.loads(text, "changelog", source="CHANGES.md")

        assert (line, "CHANGES.md") == (caught.value.line, caught.value.source)

    @given(st.text(max_size=400) | st.lists(st.sampled_from(SAMPLE.splitlines()), max_size=30).map("\n".join))
    def test_any_text_gives_a_timeline_or_parse_error(self, text: str) -> None:
        """Any text, and any shuffle of a changelog's lines, reads or fails with the library's error."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TimelineWarning)
            try:
                result = timeline.loads(text, "changelog")
            except ParseError:
                return
        assert isinstance(result, Timeline)


def _git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if when is not None:
        env["GIT_COMMITTER_DATE"] = when
        env["GIT_AUTHOR_DATE"] = when
    git = shutil.which("git")
    assert git is not None
    subprocess.run([git, "-C", str(repo), *args], check=True, capture_output=True, env=env)  # noqa: S603


class TestGitTags:
    def test_tags_are_dated_in_the_taggers_zone(self, tmp_path: Path) -> None:
        """A tag made at 23:30 in New York is that day there, though the next day in UTC; oldest first."""
        _git(tmp_path, "init", "-q")
        _git(tmp_path, "commit", "-q", "--allow-empty", "-m", "first", when="2021-05-31T12:00:00+00:00")
        _git(tmp_path, "tag", "v0.9", when="2021-05-31T12:00:00+00:00")  # lightweight: the commit's date
        _git(tmp_path, "commit", "-q", "--allow-empty", "-m", "second", when="2021-06-07T23:30:00-04:00")
        _git(tmp_path, "tag", "-a", "v1.0", "-m", "First stable release", when="2021-06-07T23:30:00-04:00")

        t = tags(tmp_path)

        assert [
            ("tag-v0.9", "2021-05-31", "Tag v0.9", None),
            ("tag-v1.0", "2021-06-07", "Tag v1.0", "First stable release"),
        ] == [(e.id, str(e.when), e.title, e.description) for e in t]

    def test_pattern_selects_tags(self, tmp_path: Path) -> None:
        """pattern= keeps the tags whose names match, as git for-each-ref matches them."""
        _git(tmp_path, "init", "-q")
        _git(tmp_path, "commit", "-q", "--allow-empty", "-m", "c", when="2021-06-01T10:00:00+02:00")
        _git(tmp_path, "tag", "v1.0")
        _git(tmp_path, "tag", "nightly")

        assert ["Tag v1.0"] == [e.title for e in tags(tmp_path, pattern="v*")]

    def test_not_a_repository(self, tmp_path: Path) -> None:
        """A directory that is not a git repository is a ParseError naming it."""
        with pytest.raises(ParseError, match="not a git repository") as caught:
            tags(tmp_path / "nowhere")

        assert str(tmp_path / "nowhere") == caught.value.source

    def test_without_git(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without git installed the error says so."""
        monkeypatch.setattr(shutil, "which", lambda name: None)

        with pytest.raises(ParseError, match="git is not installed"):
            tags(tmp_path)
