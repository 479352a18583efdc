"""What every command module shares: library errors become a one-line message and exit 1."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .errors import NewsgraphError

F = TypeVar("F", bound=Callable[..., Any])


def fail_cleanly(fn: F) -> F:
    """Turn a NewsgraphError into click's one-line error (exit code 1); anything else is a bug
    and keeps its traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NewsgraphError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def field_mapping(fields: tuple[str, ...]) -> dict[str, str]:
    """``--field OURS=THEIRS`` options as the readers' key mapping."""
    mapping: dict[str, str] = {}
    for f in fields:
        if "=" not in f:
            raise click.BadParameter(f"{f!r}: use OURS=THEIRS, e.g. --field text=body", param_hint="--field")
        ours, theirs = f.split("=", 1)
        mapping[ours.strip()] = theirs.strip()
    return mapping
