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
