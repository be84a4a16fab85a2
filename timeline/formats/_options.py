"""Parsers that turn a writer option's text (``-o name=value``) into its value, shared by the formats."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["choice", "flag"]


def flag(text: str) -> bool:
    """``true``/``yes``/``on``/``1`` or ``false``/``no``/``off``/``0``, in any case.

    >>> flag("Yes"), flag("off")
    (True, False)
    """
    value = text.strip().lower()
    if value in ("true", "yes", "on", "1"):
        return True
    if value in ("false", "no", "off", "0"):
        return False
    raise ValueError(f"expected true or false, got {text!r}")


def choice(name: str, choices: tuple[str, ...]) -> Callable[[str], str]:
    """A parser taking exactly one of ``choices``; the error names the option ``name``."""

    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"{name} must be one of {', '.join(choices)}, got {text!r}")
        return text

    return parse
