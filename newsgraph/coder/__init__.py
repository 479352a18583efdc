"""Event coding: CAMEO codes (with PLOVER, QuadClass, Goldstein) from annotated articles."""

from . import rules  # noqa: F401  (registers "rules_coder.v1")
