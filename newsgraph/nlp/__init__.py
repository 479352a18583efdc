"""NLP stage: sentences, tokens, parse and entities, plus knowledge-base mentions."""

from . import spacy_nlp  # noqa: F401  (registers "spacy.v1")
from .mentions import MentionAnnotator  # noqa: E402,F401
from .timex import TimexAnnotator  # noqa: E402,F401
