"""Bytes -> text, refusing binary files rather than coding garbage.

Order matters: the binary check comes before the UTF-8 attempt, because UTF-16 text
without a byte-order mark ("T\\x00h\\x00e\\x00") is valid UTF-8 full of NULs.
"""

from __future__ import annotations

import codecs
import re

from ..errors import EncodingError

# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls that do not occur in text (tab, newlines, form feed and escape do).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")
_CONTROL_SHARE = 0.01  # "few": more than 1 in 100 bytes and it is not text
# Files of many records tolerate a damaged record or two; random bytes are ~11% controls.
_CONTROL_SHARE_RECORDS = 0.05
_SAMPLE = 65_536  # bytes examined for the binary check; enough to see a file's nature

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

SAVE_AS_UTF8 = "save it as UTF-8"


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) when the bytes start with a byte-order mark."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def binary_reason(data: bytes, any_nul: bool = True) -> str | None:
    """Why the bytes look binary rather than text, or None when they look like text.

    any_nul: one NUL byte makes it binary. Files of many records (CSV, JSONL) pass False,
    so that a damaged record is reported on its own instead of condemning the file.
    """
    sample = data[:_SAMPLE]
    if not sample:
        return None
    nuls = sample.count(0)
    if nuls and _looks_utf16(sample):
        return "it looks like UTF-16 text without a byte-order mark"
    if nuls and any_nul:
        return f"it has NUL bytes ({nuls} in the first {len(sample)} bytes)"
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > (_CONTROL_SHARE if any_nul else _CONTROL_SHARE_RECORDS) * len(sample):
        return f"{controls} of its first {len(sample)} bytes are control characters"
    return None


def _looks_utf16(sample: bytes) -> bool:
    # ASCII-range text in UTF-16: every other byte is NUL, on one side.
    head = sample[: len(sample) // 2 * 2][:2000]
    if len(head) < 4:
        return False
    evens, odds = head[0::2], head[1::2]
    return evens.count(0) > 0.9 * len(evens) or odds.count(0) > 0.9 * len(odds)


def decode_text(data: bytes, origin: str, declared: str | None = None) -> str:
    """Decode a document: BOM, else the declared charset, else UTF-8, else Windows-1252.

    Raises EncodingError naming `origin` when the bytes look binary or fit no encoding.
    """
    bom = bom_encoding(data)
    if bom:
        codec, skip = bom
        try:
            return data[skip:].decode(codec)
        except UnicodeDecodeError as e:
            raise EncodingError(
                origin,
                f"starts with a {codec} byte-order mark but is not valid {codec} ({e.reason} "
                f"at byte {e.start + skip})",
                SAVE_AS_UTF8,
            ) from e
    reason = binary_reason(data)
    if reason:
        raise EncodingError(
            origin,
            f"looks binary, not text: {reason}",
            "if it is text, save it as UTF-8; otherwise leave it out of the input",
        )
    for codec in _candidates(declared):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise EncodingError(
        origin,
        "is neither UTF-8 nor Windows-1252 text (bytes undefined in both)",
        SAVE_AS_UTF8,
    )


def decode_html(data: bytes, origin: str, declared: str | None = None) -> str:
    """Like decode_text, but honours the page's <meta charset> when no header declared one."""
    if declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = m[1].decode("ascii") if m else None
    return decode_text(data, origin, declared)


def _candidates(declared: str | None) -> list[str]:
    codecs_to_try = []
    if declared:
        try:
            codecs_to_try.append(codecs.lookup(declared).name)
        except LookupError:
            pass  # a misspelt charset is common; the fallbacks below still apply
    # Windows-1252 is the de-facto meaning of "latin-1" on the web, and a superset of it for text.
    for codec in ("utf-8", "cp1252"):
        if codec not in codecs_to_try:
            codecs_to_try.append(codec)
    return codecs_to_try
