"""Bytes to text. The decoded text is ``Interview.text``: all turn, word and statement offsets point into it.

Encodings are tried in this order: a byte-order mark (UTF-8, UTF-16 LE/BE), BOM-less UTF-16 (recognised
by its NUL bytes), UTF-8, the legacy Japanese, Chinese and Korean encodings where the bytes say so (``east_asian``),
then Windows-1252 / Latin-1 for older hand-typed files. Text that still holds
many control characters after that is binary data under a text name and is refused. Newlines are
normalised to ``\\n`` (CRLF and lone CR), so offsets and line numbers do not depend on the platform the
file was written on.
"""

from __future__ import annotations

import codecs
import html
import re

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.east_asian import decode_east_asian, decoded, paired_high_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF16_SAMPLE = 4096


def decode(data: bytes, source: str) -> str:
    """Decode a text file, or raise InputError if the bytes are not text. A file cut short when it was saved (NUL
    bytes after the text, a UTF-16 character's last byte missing) is read without the damage (``damage`` says
    what it was)."""
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputError(
            source,
            "a rich-text (RTF) document, not plain text: its formatting codes would be quoted as words",
            fix="save it as plain text (.txt) or as a Word document (.docx)",
        )
    data = _undamaged(data)
    text = _decode(data)
    if text is None and (_utf16(data) or _utf16(data[:-1])):
        raise InputError(
            source,
            "UTF-16 text that does not decode to its end: the file is cut off in the middle of a character, or damaged",
            fix="export or copy the transcript again",
        )
    legacy = (
        text is not None
        and _looks_like_text(text)
        and decoded(data, "utf-8") is None
        and _mostly_utf8(data) is None  # UTF-8 cut off inside "café" is no two-byte legacy encoding
    )
    if legacy and paired_high_bytes(data) and decode_east_asian(data) is None:
        raise InputError(
            source,
            "text in an encoding that is neither UTF-8 nor Windows-1252, by its two-byte characters a Chinese, "
            "Japanese or Korean one that could not be told apart (Shift-JIS, GB18030, Big5, EUC-KR?)",
            fix="save the file as UTF-8 (in Notepad: Save as, Encoding UTF-8) and run again",
        )
    if text is None or not _looks_like_text(text):
        raise InputError(
            source,
            "not a text file (the bytes look binary)",
            fix="export the transcript as plain text (.txt), WebVTT (.vtt), SubRip (.srt) or Word (.docx)",
        )
    return normalise_newlines(text)


_NUL_PADDING = re.compile(rb"\x00{8,}\Z")
"""The NUL bytes a crash leaves after a file's text, where the disk had reserved its length."""


def _undamaged(data: bytes) -> bytes:
    """``data`` without NUL padding after the text, and a UTF-16 text without the lone last byte of a character
    cut in two."""
    padding = _NUL_PADDING.search(data)
    if padding:
        utf16 = _utf16(data)
        data = data[: padding.start()]
        data += b"\x00" if utf16 and len(data) % 2 else b""  # the last character's own NUL byte
    if len(data) % 2 and _utf16(data) and decoded(data, _utf16_codec(data)) is None:
        data = data[:-1]
    return data


def damage(data: bytes) -> str:
    """What ``decode`` read past in ``data``, in words ("" when nothing): NUL padding, a UTF-16 character cut in
    two, bytes that are no UTF-8 in a UTF-8 file."""
    if data.lstrip()[:5] == b"{\\rtf" or data.startswith(b"PK"):  # refused, or a Word document's zip
        return ""
    padding = _NUL_PADDING.search(data)
    if padding:
        nuls = len(data) - padding.start()
        return f"{nuls} NUL bytes after the text (saved when the computer crashed?): read without them"
    if len(data) % 2 and _utf16(data):
        return "UTF-16 text cut off in the middle of its last character: read without that byte"
    count, first = invalid_utf8(data)
    if count and "\ufffd" in (_mostly_utf8(data) or ""):
        said = f"{count} bytes that are" if count > 1 else "1 byte that is"
        return f"{said} no UTF-8 (the first at byte {first}): read as UTF-8, each such byte shown as \ufffd in quotes"
    return ""


def _utf16_codec(data: bytes) -> str:
    return "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else _bomless_utf16(data) or "utf-16"


def normalise_newlines(text: str) -> str:
    """Newlines as ``\\n``, no-break spaces as spaces (text copied from web pages is full of them), and the few
    stray control characters a text may hold (a form feed, a vertical tab) as spaces, one for one, so they reach no
    output. Left out: a NUL byte inside the text (one a faulty export or disk wrote into a word: "Sa<NUL>njay Patel"
    is Sanjay Patel, not a second person "Sa njay Patel"), zero-width spaces and the invisible marks of writing
    direction (a right-to-left mark before an Arabic display name), so they hide no speaker label. ``\\r\\r\\n``
    is one newline: a CRLF file saved again by an editor that wrote each LF as CRLF."""
    return text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)


_CONTROLS = [*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
_DIRECTION_MARKS = ["\u200e", "\u200f", "\u061c", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
_SPACES = str.maketrans(
    {"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u200b": None, "\ufeff": None, "\x00": None}
    | dict.fromkeys(_DIRECTION_MARKS, None)
    | dict.fromkeys(map(chr, _CONTROLS), " ")
)


def require_content(text: str, source: str) -> str:
    """Refuse a transcript without a single letter or digit (empty, blank or punctuation only)."""
    if not any(char.isalnum() for char in text):
        raise InputError(source, "empty transcript", fix="put the interview's text in the file, or remove it")
    return text


def _utf16(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _bomless_utf16(data) is not None


def _decode(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return decoded(data, codec)
    utf16 = _bomless_utf16(data)
    if utf16:
        return decoded(data, utf16)
    # cp1252 leaves five bytes undefined; Latin-1 decodes anything and the control check judges it.
    return (
        decoded(data, "utf-8")
        or _wide_utf16(data)
        or _mostly_utf8(data)
        or decode_east_asian(data)
        or _mac_roman(data)
        or decoded(data, "cp1252")
        or data.decode("latin-1")
    )


# Excel for Mac and old Mac editors: the apostrophe is byte 0xD5 ("IÕm" in Windows-1252), quotes 0xD2 and 0xD3.
_MAC_APOSTROPHE = re.compile(rb"[A-Za-z]\xd5[a-z]")


def _mac_roman(data: bytes) -> str | None:
    """Mac Roman text: an apostrophe between letters written as byte 0xD5 twice or more, and none of Windows-1252's
    own curly quotes (0x91-0x94)."""
    if len(_MAC_APOSTROPHE.findall(data)) < 2 or re.search(rb"[\x91-\x94]", data):
        return None
    return decoded(data, "mac_roman")


_STRAY_BYTES = 3
"""Bytes that are no UTF-8 in a file that is UTF-8 otherwise: each read as U+FFFD, the rest as written."""


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a file cut and pasted together, one byte damaged): read as UTF-8, each stray
    byte as U+FFFD (``invalid_utf8`` says where), rather than the whole file as cp1252 ("don’t" as "donâ€™t")."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = any(ord(char) > 0x7F and char != "\ufffd" for char in text)
    return text if multibyte and 0 < stray <= max(_STRAY_BYTES, len(data) // 10_000) else None


def invalid_utf8(data: bytes) -> tuple[int, int]:
    """How many bytes of ``data`` are no UTF-8, and the offset of the first (0, -1 when it is all UTF-8)."""
    count, first, at = 0, -1, 0
    while at < len(data):
        try:
            data[at:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            first = at + error.start if first < 0 else first
            count += error.end - error.start
            at += error.end
    return count, first


def _wide_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM and with few ASCII letters (Chinese, Japanese, Korean text): decodes to printable text."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        text = decoded(data, codec)
        # Line breaks are the tell: in UTF-16 they are "\n\0"; two bytes of Latin-1 or UTF-8 text never are.
        if (
            text
            and text.count("\n") >= max(1, len(text) // 400)
            and sum(char.isprintable() or char.isspace() for char in text) >= 0.98 * len(text)
        ):
            letters = sum(char.isalpha() for char in text)
            if letters >= 0.5 * len(text.replace(" ", "")):
                return text
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:_UTF16_SAMPLE]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


# Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F) other than tabs and line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _looks_like_text(text: str) -> bool:
    """At most 1% control characters (NUL, C0/C1 controls other than tabs and line breaks)."""
    return len(_CONTROL.findall(text)) * 100 <= len(text)


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """Character references as WebVTT writes them decoded (``&amp;`` → &, ``&#237;`` → í, "&lt; 48 hours" → "< 48
    hours"); a ``&lt;`` before a letter or "/" stays as written, so decoding never makes a tag of text (a cue tag
    opens with "<" and a letter, a slash or a time: ``cues.CUE_TAG``)."""

    def replace(match: re.Match[str]) -> str:
        """The character an entity stands for; ``&lt;`` before what would open a tag as written."""
        entity = match.group()
        after = text[match.end() : match.end() + 1]
        if entity.lower() == "&lt;" and (after.isalpha() or after == "/"):
            return entity
        return html.unescape(entity)

    return _ENTITY.sub(replace, text)
