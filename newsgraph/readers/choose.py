"""Which reader reads a file: the one forced by the options, else by file-name suffix,
else by what the content looks like. Readers come from the registry, so a third-party
reader registered for a suffix takes it over from the built-in one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..errors import ConfigError
from ..registry import registry
from .base import Reader

_BOM = b"\xef\xbb\xbf"
SNIFF_BYTES = 1 << 16  # how much of stdin is looked at before choosing its reader


@dataclass
class ReaderTable:
    readers: dict[str, Reader]  # registry name -> reader
    by_suffix: dict[str, Reader] = field(default_factory=dict)

    @classmethod
    def from_registry(cls) -> ReaderTable:
        readers: dict[str, Reader] = {}
        for name in registry.readers.names():
            try:
                readers[name] = registry.readers.make(name)
            except Exception as e:  # a third-party factory that fails is a setup error
                raise ConfigError(
                    f"The reader {name!r} could not be created ({type(e).__name__}: {e}); "
                    "fix or uninstall the package that registers it."
                ) from e
        table = cls(readers)
        # Built-in readers first, so that others registered for the same suffix replace them.
        for name in sorted(readers, key=lambda n: (not _builtin(readers[n]), n)):
            for suffix in getattr(readers[name], "suffixes", ()):
                table.by_suffix[suffix.lower()] = readers[name]
        return table

    def for_format(self, fmt: str) -> Reader:
        """The reader for a format name ("jsonl") or a registry name ("jsonl.v1")."""
        if fmt in self.readers:
            return self.readers[fmt]
        candidates = [n for n in self.readers if n.split(".", 1)[0] == fmt.lower()]
        if not candidates:
            formats = sorted({n.split(".", 1)[0] for n in self.readers})
            raise ConfigError(
                f"No reader for the format {fmt!r}. Available formats: {', '.join(formats)} "
                f"(or a reader's full name: {', '.join(sorted(self.readers))})."
            )
        # A third-party reader over a built-in one; the highest version among equals.
        best = max(candidates, key=lambda n: (not _builtin(self.readers[n]), _version(n)))
        return self.readers[best]

    def for_filename(self, filename: str) -> Reader | None:
        """The reader for the name's longest known suffix; "x.txt.gz" falls back to ".txt"."""
        name = filename.lower()
        for candidate in (name, name.removesuffix(".gz")):
            matches = [s for s in self.by_suffix if candidate.endswith(s)]
            if matches:
                return self.by_suffix[max(matches, key=len)]
        return None


def sniff_format(head: bytes, *, stdin: bool = False) -> str:
    """The format name the (already gunzipped) first bytes of a document point to.

    WARC magic -> "warc"; "{" or a JSON array of objects -> "jsonl"; "<" -> "html"; else "text".
    For stdin, "{" counts only when the first line parses as a JSON object, as a line of
    text may well start with a brace.
    """
    start = head.removeprefix(_BOM).lstrip()
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl" if not stdin or _first_line_is_object(start) else "text"
    if start.startswith(b"[") and start[1:].lstrip()[:1] in (b"{", b"]"):
        return "jsonl"
    if start.startswith(b"<"):
        return "html"
    return "text"


def _first_line_is_object(start: bytes) -> bool:
    line, newline, _ = start.partition(b"\n")
    if not newline and len(start) >= SNIFF_BYTES - 4:
        return True  # a first line longer than the sniffed bytes: a JSON record, most likely
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _builtin(reader: Reader) -> bool:
    return type(reader).__module__.startswith("newsgraph.readers.")


def _version(name: str) -> tuple[int, ...]:
    tail = name.rsplit(".v", 1)[-1] if ".v" in name else ""
    return tuple(int(p) for p in tail.split(".") if p.isdigit())
