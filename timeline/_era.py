"""Era: a named span of time that frames a timeline's events.

An era is what TimelineJS draws as a band behind the events ("The
campaign", "Biden's first hundred days"): a title, a ``When`` and an
optional description. Built from plain values with the same checks as an
event; errors name the field and quote the value.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from timeline._event import _check_keys, _convert_description, _convert_title, _convert_when
from timeline._when import When
from timeline.errors import ParseError

__all__ = ["ERA_FIELDS", "Era"]


def _convert_era_when(value: object) -> When:
    return _convert_when(value)


@attrs.frozen(kw_only=True)
class Era:
    """A named span that frames events, such as a campaign or a term of office.

    ``when`` is any EDTF value; an interval is the usual case.

    >>> Era(title="The trip", when="2021-06-06/2021-06-08")
    Era(title='The trip', when=When('2021-06-06/2021-06-08'), description=None)
    >>> Era(title=" ", when="2021")
    Traceback (most recent call last):
    ...
    timeline.errors.ParseError: title: 'title' must not be blank, got ' '

    Raises:
        ParseError: a field is invalid; ``field`` names it.
    """

    title: str = attrs.field(converter=_convert_title)
    when: When = attrs.field(converter=_convert_era_when)
    description: str | None = attrs.field(default=None, converter=_convert_description)

    @classmethod
    def coerce(cls, value: object) -> Era:
        """An Era from an Era or a mapping of its fields (title, when, description).

        >>> Era.coerce({"title": "Term", "when": "2021-01-20/.."}).when
        When('2021-01-20/..')

        Raises:
            ParseError: a field is missing, unknown or invalid.
        """
        if isinstance(value, Era):
            return value
        if not isinstance(value, Mapping):
            raise ParseError(f"each era must be a table of title, when, description; got {value!r}")
        _check_keys("an era", value, ERA_FIELDS)
        for required in ("title", "when"):
            if required not in value:
                raise ParseError(f"an era needs {required!r}", field=required)
        return cls(title=value["title"], when=value["when"], description=value.get("description"))


ERA_FIELDS = frozenset(field.name for field in attrs.fields(Era))
"""The fields an era may hold in a file; any other key is an error."""
