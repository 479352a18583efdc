"""Named, versioned registries for the pluggable parts.

Built-in parts register exactly as third-party ones do: with the decorator, or through
an entry point in the group ``newsgraph_<registry>`` (e.g. ``newsgraph_coders``)::

    from newsgraph.registry import registry

    @registry.coders.register("my_coder.v1")
    def make_my_coder(**settings): ...

``registry.coders.get("rules_coder.v1")`` raises ConfigError listing what exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import catalogue

from .errors import ConfigError

# Modules whose import registers each registry's built-in parts. Imported lazily, per
# registry, so that reading files does not load spaCy.
_BUILTINS = {
    "readers": ("newsgraph.readers",),
    "annotators": ("newsgraph.nlp",),
    "coders": ("newsgraph.coder", "newsgraph.learn.model"),
    "actor_resolvers": ("newsgraph.resolve",),
    "place_resolvers": ("newsgraph.resolve",),
    "date_resolvers": ("newsgraph.resolve",),
    "stores": ("newsgraph.store",),
}


class Registry:
    """One registry: a catalogue under the namespace ("newsgraph", name)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._cat = catalogue.create("newsgraph", name, entry_points=True)

    def register(self, key: str, func: Callable[..., Any] | None = None) -> Any:
        return self._cat.register(key, func=func)

    def get(self, key: str) -> Callable[..., Any]:
        _load_builtins(self.name)
        try:
            return self._cat.get(key)  # type: ignore[no-any-return]
        except catalogue.RegistryError:
            options = ", ".join(sorted(self.names())) or "none"
            raise ConfigError(
                f"No {self.name[:-1]} named {key!r}. Available: {options}. "
                f"Third-party parts register under the entry-point group 'newsgraph_{self.name}'."
            ) from None

    def names(self) -> list[str]:
        _load_builtins(self.name)
        return sorted(self._cat.get_all().keys())

    def make(self, key: str, **kwargs: Any) -> Any:
        return self.get(key)(**kwargs)


class _Registries:
    def __init__(self) -> None:
        self.readers = Registry("readers")
        self.annotators = Registry("annotators")
        self.coders = Registry("coders")
        self.actor_resolvers = Registry("actor_resolvers")
        self.place_resolvers = Registry("place_resolvers")
        self.date_resolvers = Registry("date_resolvers")
        self.stores = Registry("stores")

    def all(self) -> dict[str, Registry]:
        return {k: v for k, v in vars(self).items() if isinstance(v, Registry)}


registry = _Registries()
_loaded: set[str] = set()


def _load_builtins(name: str) -> None:
    if name in _loaded:
        return
    _loaded.add(name)
    for mod in _BUILTINS.get(name, ()):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:  # a real missing dependency, not an absent optional module
                raise
