"""Named exceptions of newsgraph. Library code raises these; only the CLI and the API
turn them into messages and exit codes.

    NewsgraphError
    ├── ConfigError            bad setting, unknown registry name
    ├── ReaderError            a document or file cannot be read (names the file and record)
    │   ├── EmptyDocumentError
    │   ├── EncodingError
    │   └── FormatError        malformed JSON / CSV / HTML / WARC / gzip
    ├── ModelError             the NLP model is missing or is not the pinned one
    ├── KnowledgeBaseError     a knowledge-base data file is malformed
    ├── GoldFormatError        an evaluation gold file is malformed
    └── StoreError             the database cannot be opened or written
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""


class ConfigError(NewsgraphError):
    """A setting or a registry name is wrong."""


class ReaderError(NewsgraphError):
    """A document cannot be read; the message names the file (and record) and the problem."""

    def __init__(self, origin: str, problem: str, hint: str | None = None) -> None:
        self.origin = origin
        self.problem = problem
        self.hint = hint
        msg = f"{origin}: {problem}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class EmptyDocumentError(ReaderError):
    """The document has no text."""


class EncodingError(ReaderError):
    """The bytes are not text in any encoding we accept (binary file?)."""


class FormatError(ReaderError):
    """The file is not well-formed for its format (JSON, CSV, HTML, WARC, gzip)."""


class ModelError(NewsgraphError):
    """The NLP model cannot be loaded or is not the expected one."""


class KnowledgeBaseError(NewsgraphError):
    """A knowledge-base data file is malformed."""


class GoldFormatError(NewsgraphError):
    """An evaluation gold file is malformed."""


class StoreError(NewsgraphError):
    """The store cannot be opened, migrated or written."""
