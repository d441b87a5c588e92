"""Plain text in the legacy encodings of Japanese, Chinese and Korean Windows (Shift-JIS as cp932, GB18030, EUC-KR),
as older tools and hand-typed files still save it.

Such a file is no UTF-8 and Windows-1252 would decode it to nonsense ("Íõ·¼:" for "王芳:", a label no one would
read as a speaker). Its tell is in the bytes: every byte above ASCII belongs to a two-byte character, so they come
in pairs, where accented Latin letters in cp1252 stand alone ("Müller", "café"). An encoding is taken only when its
text is what that language writes (kana and kanji; GB2312's common ideographs; Hangul) and no other fits as well;
a file of paired bytes that fits none, or several, is refused with the fix (save it as UTF-8), never read as
nonsense. Shift-JIS text without kana (an English interview with a name in kanji only) is not told from cp1252.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_HIGH_RUNS = re.compile(rb"[\x80-\xff]+")
_PAIRED_SHARE = 0.9
_SCRIPT_SHARE = 0.9
_KANA = 2
_HANGUL_SHARE = 0.8
"""Chinese read as EUC-KR gives Hangul for about a third of its characters; Korean text is nearly all Hangul."""


def paired_high_bytes(data: bytes) -> bool:
    """Whether the bytes above ASCII (at least four) nearly all come in runs of even length, as two-byte characters
    do."""
    runs = [len(run) for run in _HIGH_RUNS.findall(data)]
    high = sum(runs)
    return high >= 4 and sum(run for run in runs if run % 2 == 0) >= _PAIRED_SHARE * high


def decode_east_asian(data: bytes) -> str | None:
    """The text of ``data`` in the one legacy East Asian encoding that fits it; None when none or several fit.

    Shift-JIS's second byte may be an ASCII letter, so its characters need not come in pairs: it is taken only where
    the text holds kana (``_KANA``), which a Windows-1252 file read as Shift-JIS ("don’t" as a kanji) never does.
    """
    japanese = decoded(data, "cp932")
    kana = sum(1 for char in japanese or "" if 0x3040 <= ord(char) <= 0x30FF)
    fits = [japanese] if japanese is not None and kana >= _KANA and _share(japanese, _japanese) >= _SCRIPT_SHARE else []
    if paired_high_bytes(data):
        korean = decoded(data, "euc_kr")
        if korean is not None and _share(korean, _hangul) >= _HANGUL_SHARE:
            return korean  # Chinese read as EUC-KR is never this much Hangul
        chinese = decoded(data, "gb18030")
        if chinese is not None and _gb2312_pairs(data) and _share(chinese, _chinese) >= _SCRIPT_SHARE:
            fits.append(chinese)
    return fits[0] if len(fits) == 1 else None


def decoded(data: bytes, codec: str) -> str | None:
    """``data`` in ``codec``, or None when it is not that encoding."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _share(text: str, script: Callable[[str], bool]) -> float:
    wide = [char for char in text if ord(char) > 0x7F]
    return sum(1 for char in wide if script(char)) / len(wide) if wide else 0.0


def _common(code: int) -> bool:
    """CJK ideographs, CJK punctuation and the ideographic space, full-width forms."""
    return 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E


def _japanese(char: str) -> bool:
    code = ord(char)
    return _common(code) or 0x3040 <= code <= 0x30FF  # hiragana and katakana, never half-width kana


def _chinese(char: str) -> bool:
    return _common(ord(char))


def _hangul(char: str) -> bool:
    return 0xAC00 <= ord(char) <= 0xD7A3


def _gb2312_pairs(data: bytes) -> bool:
    """Whether nearly every two-byte character lies in GB2312's area (both bytes 0xA1 or above)."""
    pairs = [run[i : i + 2] for run in _HIGH_RUNS.findall(data) for i in range(0, len(run) - 1, 2)]
    return bool(pairs) and sum(1 for pair in pairs if min(pair) >= 0xA1) >= _PAIRED_SHARE * len(pairs)
