"""The TOML reader: the authoring fields, native dates, errors with lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import ParseError, TimelineWarning, When

GOOD = """
title = "Trip"
tz = "America/Guatemala"

[[events]]
title = "Elected"
when = "2019"

[[events]]
id = "meet"
title = "Meeting"
when = 2021-06-06
tags = ["trip"]
geo = { lat = 14.6, lon = -90.5 }
media = { url = "https://example.org/a.jpg", caption = "Photo" }
sources = [{ title = "CBS News", date = 2021-06-02 }]
[events.extra]
notes = ["from the article"]
"""


class TestRead:
    def test_authoring_fields(self) -> None:
        """Every authoring field is read, native TOML dates included."""
        tl = timeline.loads(GOOD, "toml")
        meet = tl.get("meet")

        assert meet is not None
        assert ("Trip", "America/Guatemala", 2) == (tl.title, tl.tz, len(tl))
        assert When("2021-06-06") == meet.when
        assert When("2021-06-02") == meet.sources[0].date
        assert {"notes": ["from the article"]} == dict(meet.extra)
        assert "Photo" == meet.media.caption  # type: ignore[union-attr]

    def test_same_model_as_json(self) -> None:
        """TOML and the canonical JSON of it read to equal timelines."""
        tl = timeline.loads(GOOD, "toml")

        assert tl == timeline.loads(timeline.dumps(tl, "json"), "json")

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")  # near-miss keys may turn up
    @given(st.text())
    def test_any_text_parses_or_raises_parse_error(self, text: str) -> None:
        """Any text gives a Timeline or a ParseError, never another exception."""
        try:
            timeline.loads(text, "toml")
        except ParseError as exc:
            assert "<string>" == exc.source


class TestExtraFields:
    def test_misspelt_field_is_kept_with_a_warning(self) -> None:
        """A key that looks like a misspelt field is kept in extra, and a warning names its line."""
        with pytest.warns(TimelineWarning, match=r"in.toml, line 4, events\[0\].tag: .* did you mean 'tags'\?"):
            tl = timeline.loads('[[events]]\ntitle = "A"\nwhen = "2021"\ntag = ["x"]\n', "toml", source="in.toml")

        assert {"tag": ["x"]} == dict(tl.events[0].extra)


class TestErrors:
    @pytest.mark.parametrize(
        ("text", "line", "field", "message"),
        [
            ('title = "T"\ntitle = "U"\n', 2, None, "not valid TOML"),
            ('title = "T"\n\n[[events]]\ntitle = "A"\nwhen = "2021-13"\n', 5, "events[0].when", "'2021-13'"),
            (
                '[[events]]\ntitle = "A"\nwhen = "2021"\n\n[[events]]\ntitle = "B"\nwhen = "June 6"\n',
                7,
                "events[1].when",
                "'June 6'",
            ),
            ('[[events]]\nwhen = "2021"\n', 1, "events[0].title", "needs 'title'"),
            ('title = "T"\n\n\n[[events]]\nwhen = "2021"\n', 4, "events[0].title", "needs 'title'"),
            ('tz = "Mars/Base"\n[[events]]\ntitle = "A"\nwhen = "2021"\n', 1, "tz", "'Mars/Base'"),
            (
                '[[events]]\nid = "x"\ntitle = "A"\nwhen = "2021"\n[[events]]\nid = "x"\ntitle = "B"\nwhen = "2021"\n',
                5,
                "events[1]",
                "share the id",
            ),
            ('events = [{ title = "A", when = "20" }]\n', None, "events[0].when", "'20'"),
        ],
    )
    def test_errors_name_line_and_field(self, text: str, line: int | None, field: str | None, message: str) -> None:
        """Bad input names the file, the line of the offending key and the field."""
        with pytest.raises(ParseError) as caught:
            timeline.loads(text, "toml", source="in.toml")

        assert ("in.toml", line, field) == (caught.value.source, caught.value.line, caught.value.field)
        assert message in str(caught.value)
        assert str(caught.value).startswith("in.toml")
