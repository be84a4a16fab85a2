"""The public API: what `import timeline` offers, and the error tree."""

from __future__ import annotations

import pickle

import pytest

import timeline
from timeline import errors


class TestPublicNames:
    def test_all_is_sorted_and_complete(self) -> None:
        """__all__ is sorted and names exactly the public attributes of the package."""
        public = {name for name in dir(timeline) if not name.startswith("_")} - {
            "cli",
            "errors",
            "formats",
            "limits",
            "sphinx",  # the Sphinx extension module, once something has imported it
            "mkdocs",  # the MkDocs plugin module, likewise
            "phrases",  # the date phrase package, once resolve or find_dates has loaded it
        }

        assert sorted(timeline.__all__) == timeline.__all__
        assert public == set(timeline.__all__)

    def test_model_does_not_import_formats(self) -> None:
        """The model modules import no format, no icalendar and not the command line."""
        import timeline._event
        import timeline._timeline
        import timeline._when

        for module in (timeline._when, timeline._event, timeline._timeline):
            names = set(vars(module))
            assert not {"icalendar", "cli", "formats", "json", "tomllib"} & names, module.__name__


class TestErrors:
    @pytest.mark.parametrize(
        ("error", "builtin"),
        [
            (errors.ParseError, ValueError),
            (errors.DuplicateEventError, ValueError),
            (errors.OutOfRangeError, ValueError),
            (errors.FormatError, LookupError),
        ],
    )
    def test_each_error_is_also_a_builtin(self, error: type[Exception], builtin: type[Exception]) -> None:
        """Every error derives from TimelineError and from the builtin that fits it."""
        assert issubclass(error, errors.TimelineError)
        assert issubclass(error, builtin)

    def test_parse_error_keeps_where(self) -> None:
        """located() adds source, line and field; known places are kept; fields nest."""
        err = errors.ParseError("bad", field="when").located(source="a.toml", line=3, field="events[1]")

        assert ("a.toml", 3, "events[1].when") == (err.source, err.line, err.field)
        assert "a.toml, line 3, events[1].when: bad" == str(err)

    def test_parse_error_pickles(self) -> None:
        """ParseError survives pickling with its places (multiprocessing needs this)."""
        err = errors.DuplicateEventError("dup", source="s", line=2, field="events[0]")
        copy = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own data

        assert (type(err), str(err), copy.field) == (type(copy), str(copy), "events[0]")
