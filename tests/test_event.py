"""Event and its parts: conversion, validation, derived ids, immutability."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from strategies import events

from timeline import Event, Geo, JSONValue, Media, ParseError, Source, Status, When


class TestConstruction:
    def test_plain_values_are_converted(self) -> None:
        """Strings, lists and dicts become When, tuples, Source, Media, Geo and Status."""
        event = Event(
            title="Harris meets Giammattei",
            when="2021-06-07",
            tz="America/Guatemala",
            tags=["trip", "diplomacy"],
            sources=[{"title": "CBS News", "url": "https://www.cbsnews.com/", "date": "2021-06-02"}],
            media={"url": "photo.jpg", "caption": "At the palace", "credit": "AFP"},
            geo=[14.6349, -90.5069],
            status="tentative",
        )

        assert When("2021-06-07") == event.when
        assert ("trip", "diplomacy") == event.tags
        assert (Source(title="CBS News", url="https://www.cbsnews.com/", date="2021-06-02"),) == event.sources
        assert Media(url="photo.jpg", caption="At the palace", credit="AFP") == event.media
        assert Geo(lat=14.6349, lon=-90.5069) == event.geo
        assert Status.TENTATIVE is event.status

    def test_defaults(self) -> None:
        """Optional fields default to None, empty tuples, confirmed and an empty extra."""
        event = Event(title="T", when="2021")

        assert (None, None, (), (), Status.CONFIRMED, {}) == (
            event.tz,
            event.description,
            event.tags,
            event.sources,
            event.status,
            dict(event.extra),
        )

    def test_date_objects_become_whens(self) -> None:
        """A date (as TOML gives for an unquoted date) is a day; a datetime an instant."""
        assert When("2021-06-06") == Event(title="T", when=date(2021, 6, 6)).when
        assert When("2021-06-06T10:00:00Z") == Event(title="T", when=datetime(2021, 6, 6, 10, tzinfo=UTC)).when

    def test_zoned_datetime_sets_the_zone(self) -> None:
        """An aware datetime in a ZoneInfo zone gives its wall-clock time and sets the event's zone."""
        event = Event(title="T", when=datetime(2021, 6, 7, 10, tzinfo=ZoneInfo("America/Guatemala")))

        assert ("2021-06-07T10:00:00", "America/Guatemala") == (str(event.when), event.tz)

    def test_zoned_datetime_moves_to_a_given_zone(self) -> None:
        """With an explicit tz, an aware datetime is the same instant on that zone's wall clock."""
        moment = datetime(2021, 6, 7, 10, tzinfo=ZoneInfo("America/Guatemala"))

        event = Event(title="T", when=moment, tz="Europe/Berlin")

        assert ("2021-06-07T18:00:00", "Europe/Berlin") == (str(event.when), event.tz)

    def test_fixed_offset_datetime_keeps_its_offset(self) -> None:
        """A datetime with a bare UTC offset (no zone name) keeps the offset and sets no zone."""
        moment = datetime(2021, 6, 7, 10, tzinfo=timezone(timedelta(hours=-6)))

        event = Event(title="T", when=moment)

        assert ("2021-06-07T10:00:00-06:00", None) == (str(event.when), event.tz)

    def test_pairs_become_intervals(self) -> None:
        """A (start, end) pair of dates or datetimes is an interval; None is an unknown end."""
        berlin = ZoneInfo("Europe/Berlin")
        timed = Event(title="T", when=(datetime(2021, 6, 7, 10, tzinfo=berlin), datetime(2021, 6, 7, 11, tzinfo=UTC)))

        assert ("2021-06-07T10:00:00/2021-06-07T13:00:00", "Europe/Berlin") == (str(timed.when), timed.tz)
        assert When("2021-06-07/2021-06-09") == Event(title="T", when=(date(2021, 6, 7), date(2021, 6, 9))).when
        assert When("/2021-06-09") == Event(title="T", when=[None, date(2021, 6, 9)]).when  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [(None, None), (date(2021, 6, 7),), ("2021", date(2021, 6, 7)), 2021])
    def test_bad_python_dates_are_refused(self, value: object) -> None:
        """Pairs need at least one date and nothing but dates; other objects are refused naming 'when'."""
        with pytest.raises(ParseError) as caught:
            Event(title="T", when=value)  # type: ignore[arg-type]

        assert "when" == caught.value.field

    def test_pair_in_wrong_order_is_refused(self) -> None:
        """A pair whose end comes before its start is refused like the same EDTF text."""
        with pytest.raises(ParseError, match="before the start"):
            Event(title="T", when=(date(2021, 6, 9), date(2021, 6, 7)))

    @pytest.mark.parametrize(
        "text",
        [
            "line one\nline two",
            "tab\there",
            "<b>&amp;</b> 'quotes' \"double\"",
            "emoji 🗳️ and 中文",
            " padded ",
        ],
    )
    def test_text_is_kept_exactly(self, text: str) -> None:
        """Text fields keep newlines, tabs, markup, emoji and spaces as given."""
        event = Event(title=text, when="2021", description=text, location=text, group=text)

        assert (text, text, text, text) == (event.title, event.description, event.location, event.group)

    def test_extra_is_a_read_only_copy(self) -> None:
        """Extra data is copied in and cannot be changed through the event."""
        numbers: list[JSONValue] = [1, 2]
        data: dict[str, JSONValue] = {"a": numbers, "b": {"c": None}}
        event = Event(title="T", when="2021", extra=data)
        numbers.append(3)

        assert {"a": [1, 2], "b": {"c": None}} == dict(event.extra)
        with pytest.raises(TypeError):
            event.extra["z"] = 1  # type: ignore[index]

    @pytest.mark.parametrize(
        ("given", "kept"),
        [
            ("RRULE:FREQ=WEEKLY;COUNT=3", "FREQ=WEEKLY;COUNT=3"),
            ("rrule:freq=daily;count=2", "FREQ=DAILY;COUNT=2"),
            ("COUNT=3;FREQ=WEEKLY;BYDAY=MO,TU", "COUNT=3;FREQ=WEEKLY;BYDAY=MO,TU"),
            ("FREQ=WEEKLY;UNTIL=20211231T000000Z", "FREQ=WEEKLY;UNTIL=20211231T000000Z"),
            ("FREQ=MONTHLY;UNTIL=20211231", "FREQ=MONTHLY;UNTIL=20211231"),
        ],
    )
    def test_recurrence_is_one_canonical_rule(self, given: str, kept: str) -> None:
        """An RRULE is validated and kept upper-case, without an 'RRULE:' prefix."""
        event = Event(title="T", when="2021-06-07T10:00", recurrence=given)

        assert kept == event.recurrence

    @pytest.mark.parametrize(
        "rule",
        [
            "DTSTART:20210101T000000\nRRULE:FREQ=DAILY",
            "FREQ=DAILY\nEXDATE:20210101",
            "COUNT=3",
            "FREQ=DAILY;;",
            "FREQ=DAILY;COUNT=3;UNTIL=20211231",
        ],
    )
    def test_recurrence_is_one_rule_only(self, rule: str) -> None:
        """Several lines, a missing FREQ or empty parts are refused."""
        with pytest.raises(ParseError, match="recurrence"):
            Event(title="T", when="2021-06-07", recurrence=rule)


class TestRdateExdate:
    def test_extra_and_removed_occurrences(self) -> None:
        """rdate and exdate take days, times, dates and datetimes, kept as When values."""
        event = Event(
            title="T",
            when="2021-06-07T10:00",
            recurrence="FREQ=WEEKLY",
            rdate=["2021-06-09T10:00", datetime(2021, 6, 10, 10)],
            exdate=[When("2021-06-14T10:00")],
        )

        assert (When("2021-06-09T10:00"), When("2021-06-10T10:00:00")) == event.rdate
        assert (When("2021-06-14T10:00"),) == event.exdate

    def test_a_set_cannot_recur(self) -> None:
        """A set has no one start to repeat from, as a recurrence or as an extra date."""
        with pytest.raises(ParseError, match="not a set"):
            Event(title="T", when="[2021-06-07,2021-06-09]", recurrence="FREQ=WEEKLY")
        with pytest.raises(ParseError, match="rdate"):
            Event(title="T", when="2021-06-07", rdate=["[2021-06-08,2021-06-09]"])

    def test_rdate_alone_makes_a_recurring_event(self) -> None:
        """rdate without a rule is allowed: the event happens on its start and those days."""
        assert (When("2021-06-09"),) == Event(title="T", when="2021-06-07", rdate=[date(2021, 6, 9)]).rdate

    @pytest.mark.parametrize("value", ["2021-06", "2021-06-07/2021-06-08", "2021-06-XX", "2021~"])
    def test_only_whole_days_or_times(self, value: str) -> None:
        """An occurrence is one whole day or time; the error names its place in the list."""
        with pytest.raises(ParseError) as caught:
            Event(title="T", when="2021-06-07", recurrence="FREQ=DAILY", rdate=["2021-06-09", value])

        assert "rdate[1]" == caught.value.field

    def test_exdate_needs_something_to_remove(self) -> None:
        """exdate without a recurrence or rdate is refused."""
        with pytest.raises(ParseError, match="removes occurrences") as caught:
            Event(title="T", when="2021-06-07", exdate=["2021-06-08"])

        assert "exdate" == caught.value.field

    def test_rdate_needs_a_start_day(self) -> None:
        """Like a rule, rdate needs the event to start on a day or time."""
        with pytest.raises(ParseError, match="start day or time") as caught:
            Event(title="T", when="2021-06", rdate=["2021-06-09"])

        assert "rdate" == caught.value.field

    def test_not_a_list(self) -> None:
        """A single string is not a list of dates."""
        with pytest.raises(ParseError, match="list of days or times"):
            Event(title="T", when="2021-06-07", rdate="2021-06-09")


class TestValidation:
    @pytest.mark.parametrize(
        ("fields", "field", "quoted"),
        [
            ({"title": "", "when": "2021"}, "title", "''"),
            ({"title": "   ", "when": "2021"}, "title", "'   '"),
            ({"title": 5, "when": "2021"}, "title", "5"),
            ({"title": "T", "when": "2021-13"}, "when", "'2021-13'"),
            ({"title": "T", "when": 2021}, "when", "2021"),
            ({"title": "T", "when": "2021", "tz": "Mars/Olympus"}, "tz", "'Mars/Olympus'"),
            ({"title": "T", "when": "2021", "tz": "../etc/passwd"}, "tz", "'../etc/passwd'"),
            ({"title": "T", "when": "2021", "url": "not a url"}, "url", "'not a url'"),
            ({"title": "T", "when": "2021", "url": "example.org"}, "url", "'example.org'"),
            ({"title": "T", "when": "2021", "tags": "trip"}, "tags", "'trip'"),
            ({"title": "T", "when": "2021", "tags": ["ok", ""]}, "tags", "''"),
            ({"title": "T", "when": "2021", "status": "maybe"}, "status", "'maybe'"),
            ({"title": "T", "when": "2021", "geo": [91, 0]}, "geo.lat", "91"),
            ({"title": "T", "when": "2021", "geo": [0, float("nan")]}, "geo.lon", "nan"),
            ({"title": "T", "when": "2021", "geo": "here"}, "geo", "'here'"),
            ({"title": "T", "when": "2021", "id": ""}, "id", "''"),
            (
                {"title": "T", "when": "2021-06-07", "recurrence": "FREQ=SOMETIMES"},
                "recurrence",
                "'FREQ=SOMETIMES'",
            ),
            ({"title": "T", "when": "2021", "recurrence": "FREQ=WEEKLY"}, "recurrence", "'2021'"),
            ({"title": "T", "when": "2021", "extra": {"x": float("inf")}}, "extra.x", "inf"),
            ({"title": "T", "when": "2021", "extra": {"x": object}}, "extra.x", "object"),
            ({"title": "T", "when": "2021", "media": {"caption": "no url"}}, "media", "url"),
            ({"title": "T", "when": "2021", "media": {"url": "x", "author": "?"}}, "media", "'author'"),
        ],
    )
    def test_bad_fields_are_named_and_quoted(self, fields: dict[str, object], field: str, quoted: str) -> None:
        """Each invalid field raises ParseError naming the field and quoting the value."""
        with pytest.raises(ParseError) as caught:
            Event.from_dict(fields)

        assert field == caught.value.field
        assert quoted in str(caught.value)

    def test_source_needs_title_or_url(self) -> None:
        """A source with neither title nor url is an error naming its position."""
        with pytest.raises(ParseError) as caught:
            Event(title="T", when="2021", sources=[{"title": "ok"}, {"publisher": "CBS"}])

        assert "sources[1]" == caught.value.field

    def test_unknown_keys_are_kept_in_extra(self) -> None:
        """from_dict keeps keys that are not fields in extra, beside an extra table if any."""
        event = Event.from_dict({"title": "T", "when": "2021", "importance": 3, "extra": {"notes": "n"}})

        assert {"notes": "n", "importance": 3} == dict(event.extra)

    def test_a_key_both_in_extra_and_beside_it(self) -> None:
        """A key given twice, in extra and beside it, is an error naming it."""
        with pytest.raises(ParseError) as caught:
            Event.from_dict({"title": "T", "when": "2021", "notes": "a", "extra": {"notes": "b"}})

        assert "notes" == caught.value.field

    @pytest.mark.parametrize("key", ["title", "tags", "extra"])
    def test_extra_cannot_hold_a_field_name(self, key: str) -> None:
        """Extra data sits beside the fields in files, so it cannot reuse their names."""
        with pytest.raises(ParseError, match=repr(key)):
            Event(title="T", when="2021", extra={key: 1})

    @pytest.mark.parametrize("missing", ["title", "when"])
    def test_required_fields(self, missing: str) -> None:
        """from_dict names a missing title or when."""
        data = {"title": "T", "when": "2021"}
        del data[missing]

        with pytest.raises(ParseError, match=missing):
            Event.from_dict(data)

    def test_parse_error_is_a_value_error(self) -> None:
        """Callers that catch ValueError keep working."""
        with pytest.raises(ValueError, match="title"):
            Event(title="", when="2021")


class TestIdentity:
    def test_derived_id_is_stable(self) -> None:
        """The derived id depends only on content: the same on every run and machine."""
        event = Event(title="Harris visits Guatemala", when="2021-06-07")

        assert "ev-e08cb2fbd545a69c" == event.id

    def test_derived_id_follows_title_when_location_group(self) -> None:
        """Changing title, when, location or group changes the derived id; description does not."""
        base = Event(title="T", when="2021")
        ids = {
            Event(title="U", when="2021").id,
            Event(title="T", when="2022").id,
            Event(title="T", when="2021", location="L").id,
            Event(title="T", when="2021", group="G").id,
        }

        assert base.id not in ids
        assert 4 == len(ids)
        assert base.id == Event(title="T", when="2021", description="more").id

    def test_given_id_wins(self) -> None:
        """An explicit id is kept as given."""
        assert "june-6" == Event(id="june-6", title="T", when="2021").id

    def test_immutable(self) -> None:
        """Fields cannot be assigned; attrs.evolve makes a changed copy."""
        event = Event(title="T", when="2021")

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            event.title = "U"  # type: ignore[misc]
        assert "U" == attrs.evolve(event, title="U").title

    def test_evolve_converts_like_the_constructor(self) -> None:
        """attrs.evolve runs the same conversion and validation."""
        event = Event(title="T", when="2021")

        assert When("2022") == attrs.evolve(event, when="2022").when
        with pytest.raises(ParseError):
            attrs.evolve(event, when="never")

    def test_repr_round_trips(self) -> None:
        """repr is valid Python that rebuilds an equal event."""
        event = Event(title="T", when="2021-06", tags=["a"], sources=[{"title": "S"}], status="cancelled")
        namespace = {"Event": Event, "When": When, "Source": Source, "Status": Status}

        assert event == eval(repr(event), namespace)  # noqa: S307 - our own repr

    @given(events())
    def test_equal_events_hash_equal(self, event: Event) -> None:
        """A rebuilt event is equal and hashes the same (extra is left out of the hash)."""
        copy = attrs.evolve(event)

        assert event == copy
        assert hash(event) == hash(copy)

    @given(events())
    def test_pickle_round_trip(self, event: Event) -> None:
        """Events pickle, so they cross process boundaries."""
        assert event == pickle.loads(pickle.dumps(event))  # noqa: S301 - our own data
