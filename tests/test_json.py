"""The canonical JSON format: round trips, layout, and errors that say where."""

from __future__ import annotations

import contextlib
import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines

import timeline
from timeline import Event, ParseError, Timeline, TimelineWarning
from timeline.formats.json import schema


class TestRoundTrip:
    @given(timelines())
    def test_read_write_round_trip(self, tl: Timeline) -> None:
        """Any timeline survives writing and reading back, unchanged."""
        assert tl == timeline.loads(timeline.dumps(tl, "json"), "json")

    @given(timelines())
    def test_write_read_write_is_stable(self, tl: Timeline) -> None:
        """Writing what was read gives the same bytes: the form is canonical."""
        text = timeline.dumps(tl, "json")

        assert text == timeline.dumps(timeline.loads(text, "json"), "json")

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")  # near-miss keys may turn up
    @given(st.text())
    def test_any_text_parses_or_raises_parse_error(self, text: str) -> None:
        """Any text gives a Timeline or a ParseError, never another exception."""
        try:
            result = timeline.loads(text, "json")
        except ParseError as exc:
            assert "<string>" == exc.source
        else:
            assert isinstance(result, Timeline)

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")  # near-miss keys may turn up
    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
            max_leaves=12,
        )
    )
    def test_any_json_value_parses_or_raises_parse_error(self, data: object) -> None:
        """Any JSON document, however shaped, gives a Timeline or a ParseError."""
        for document in (data, {"events": [data]}, {"events": [{"title": "t", "when": "2021", "geo": data}]}):
            with contextlib.suppress(ParseError):
                timeline.loads(json.dumps(document), "json")


class TestLayout:
    def test_field_order_and_defaults_left_out(self) -> None:
        """Keys come in authoring order; None, empty lists and 'confirmed' are left out."""
        tl = Timeline(title="T", events=[Event(id="a", title="A", when="2021", tags=["x"])])

        assert (
            '{\n  "version": 1,\n  "title": "T",\n  "events": [\n    {\n      "id": "a",\n'
            '      "title": "A",\n      "when": "2021",\n      "tags": [\n        "x"\n      ]\n    }\n  ]\n}\n'
        ) == timeline.dumps(tl, "json")

    def test_indent_zero_is_one_line(self) -> None:
        """indent=0 writes the document on one line."""
        text = timeline.dumps(Timeline(title="T"), "json", indent=0)

        assert '{"version": 1, "title": "T", "events": []}\n' == text

    def test_text_is_escaped_not_altered(self) -> None:
        """Quotes, backslashes, control characters and emoji survive as JSON escapes or UTF-8."""
        title = 'say "hi"\\ \n\t\x00 🗳️ </script>'
        tl = Timeline(events=[Event(title=title, when="2021")])
        text = timeline.dumps(tl, "json")

        assert '"say \\"hi\\"\\\\ \\n\\t\\u0000 🗳️ </script>"' in text
        assert title == timeline.loads(text, "json").events[0].title


class TestExtraFields:
    def test_unknown_keys_round_trip_beside_the_fields(self) -> None:
        """Keys that are not fields are kept and written back where they were, for events and timelines."""
        text = (
            '{"version": 1, "title": "T", "source-system": "cms",'
            ' "events": [{"title": "A", "when": "2021", "importance": 3}]}'
        )
        tl = timeline.loads(text, "json")
        data = json.loads(timeline.dumps(tl, "json"))

        assert ({"source-system": "cms"}, {"importance": 3}) == (dict(tl.extra), dict(tl.events[0].extra))
        assert "cms" == data["source-system"]
        assert 3 == data["events"][0]["importance"]

    def test_near_miss_warns_with_place(self) -> None:
        """A kept key that looks like a misspelt field warns, naming the file, line and field."""
        text = '{"titel": "T",\n "events": [{"title": "A", "when": "2021",\n "tgas": ["x"]}]}'
        with pytest.warns(TimelineWarning) as caught:
            tl = timeline.loads(text, "json", source="in.json")

        assert [
            "in.json, line 1, titel: unknown field 'titel' kept in extra; did you mean 'title'?",
            "in.json, line 3, events[0].tgas: unknown field 'tgas' kept in extra; did you mean 'tags'?",
        ] == [str(w.message) for w in caught]
        assert ["x"] == tl.events[0].extra["tgas"]

    def test_extra_table_and_key_beside_it_clash(self) -> None:
        """A key given both in 'extra' and beside it is an error."""
        with pytest.raises(ParseError, match="both"):
            timeline.loads('{"a": 1, "extra": {"a": 2}}', "json")


class TestHostileInput:
    def test_deep_nesting_is_a_parse_error(self) -> None:
        """JSON nested deeper than Python can follow is a ParseError, in the document or in extra."""
        for depth in (100_000, 950):
            document = '{"events": [{"title": "A", "when": "2021", "extra": {"x": ' + "[" * depth + "]" * depth + "}}]}"
            with pytest.raises(ParseError, match="nested too deeply"):
                timeline.loads(document, "json")


class TestErrors:
    @pytest.mark.parametrize(
        ("text", "line", "field", "message"),
        [
            ('{"title": "T",\n "events": [\n}', 3, None, "not valid JSON"),
            ('{"title": "T",\n "title": "U"}', 2, None, "appears twice"),
            ('{"events": [{"title": "A",\n "when": NaN}]}', 2, None, "NaN"),
            ('{"title": "is NaN ok",\n"events": [],\n"extra": {"x": NaN}}', 3, None, "NaN"),
            ("[]", None, None, "must be a table"),
            ('{"version": 2}', 1, "version", "not supported"),
            ('{\n"events": {}}', 2, "events", "must be a list"),
            ('{"events": [\n1]}', 2, "events[0]", "must be a table"),
            ('{"events": [\n{"title": "A",\n"when": "2021-13"}]}', 3, "events[0].when", "'2021-13'"),
            ('{"eras": [\n{"title": "A",\n"when": "2021-13"}]}', 3, "eras[0].when", "'2021-13'"),
            ('{"eras": {}}', 1, "eras", "must be a list"),
            (
                '{"events": [{"title": "A", "when": "2021",\n"sources": [{"url": "x y"}]}]}',
                2,
                "events[0].sources[0].url",
                "'x y'",
            ),
            (
                '{"events": [{"id": "x", "title": "A", "when": "2021"},\n{"id": "x", "title": "B", "when": "2021"}]}',
                2,
                "events[1]",
                "share the id",
            ),
        ],
    )
    def test_errors_name_source_line_and_field(
        self, text: str, line: int | None, field: str | None, message: str
    ) -> None:
        """Bad input raises ParseError naming the source and, where known, line and field."""
        with pytest.raises(ParseError) as caught:
            timeline.loads(text, "json", source="in.json")

        assert ("in.json", line, field) == (caught.value.source, caught.value.line, caught.value.field)
        assert message in str(caught.value)


class TestSchema:
    VALIDATOR = jsonschema.Draft202012Validator(schema())

    def test_schema_is_a_valid_json_schema(self) -> None:
        """The shipped schema is itself valid draft 2020-12."""
        jsonschema.Draft202012Validator.check_schema(schema())

    @given(timelines())
    def test_written_json_matches_the_schema(self, tl: Timeline) -> None:
        """Whatever the writer produces, the schema accepts."""
        errors = [error.message for error in self.VALIDATOR.iter_errors(json.loads(timeline.dumps(tl, "json")))]

        assert [] == errors

    @given(timelines(), st.data())
    def test_schema_rejects_mutated_documents(self, tl: Timeline, data: st.DataObject) -> None:
        """Break one thing in a written document (a type, a required key, a closed table): the schema says no."""
        document = json.loads(timeline.dumps(tl, "json"))
        mutations = [
            lambda d: d.update(events="not a list"),
            lambda d: d.update(title=3),
            lambda d: d.update(version=2),
            lambda d: d.update(eras=[{"title": "E", "when": "2021", "colour": "red"}]),
            lambda d: d.update(tz="not a zone"),
        ]
        if document["events"]:
            event = document["events"][0]
            mutations += [
                lambda d: event.pop("when"),
                lambda d: event.pop("title"),
                lambda d: event.update(when=2021),
                lambda d: event.update(title=" "),
                lambda d: event.update(status="maybe"),
                lambda d: event.update(geo=[0, 181]),
                lambda d: event.update(media={"url": "a b"}),
                lambda d: event.update(sources=[{"publisher": "P"}]),
                lambda d: event.update(tags="one"),
            ]
        data.draw(st.sampled_from(mutations))(document)

        assert not self.VALIDATOR.is_valid(document)

    def test_worked_example_matches_the_schema(self) -> None:
        """The worked example, as canonical JSON, passes the schema."""
        data = json.loads(timeline.dumps(timeline.load("examples/harris-trip.toml"), "json"))

        assert self.VALIDATOR.is_valid(data)

    @pytest.mark.parametrize(
        "document",
        [
            {"events": [{"title": "A"}]},
            {"events": [{"title": "A", "when": "June 6"}]},
            {"events": [{"title": "A", "when": "2021", "status": "maybe"}]},
            {"events": [{"title": "A", "when": "2021", "geo": [91, 0]}]},
            {"events": [{"title": "A", "when": "2021", "sources": [{"publisher": "P"}]}]},
            {"eras": [{"title": "A", "when": "2021", "colour": "red"}]},
            {"eras": [{"when": "2021"}]},
        ],
    )
    def test_schema_rejects_what_the_reader_rejects(self, document: dict[str, object]) -> None:
        """Unknown fields, missing fields and impossible values fail both the schema and the reader."""
        assert not self.VALIDATOR.is_valid(document)
        with pytest.raises(ParseError):
            timeline.loads(json.dumps(document), "json")
