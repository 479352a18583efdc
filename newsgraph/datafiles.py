"""Reading the YAML data files the package ships (and users add), with one error for all."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import KnowledgeBaseError

# libyaml's loader when the wheel has it: the knowledge base is a few MB of YAML.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Any) -> Any:
    """The parsed file, or None when it does not exist. ``path``: a Path or an importlib
    resources Traversable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(
            f"{path}: not valid YAML ({exc}); fix the file or remove it from the search path"
        ) from exc
