"""Lines a PDF's text keeps from its page layout: page numbers, and the header and footer repeated on every page
("Hartwell_AP_Interview (Completed 03/14/25)   Page 1 of 3", "Transcript by Rev.com", "- 2 -"). They are nobody's
speech, and they end no turn: the sentence a page break cut ("Last quarter we lost an early" / footer / "payment
discount worth forty thousand dollars.") goes on after them, in the same speaker's turn.
"""

from __future__ import annotations

import re
from itertools import pairwise

from voiceofbuyer.ingest.labels import read_head
from voiceofbuyer.ingest.text_lines import TextLine
from voiceofbuyer.ingest.tool_lines import is_tool_line

_PAGE = r"(?:Page|PAGE|Seite|Página|Pagina)[ \t]+\d{1,4}(?:[ \t]*(?:of|OF|/|von|de|di)[ \t]*\d{1,4})?"
_PAGE_NUMBER = re.compile(
    rf"[ \t\f]*(?:(?P<before>.{{0,120}}\S)(?P<gap>[ \t]+))?{_PAGE}|[ \t\f]*[-–—][ \t]*\d{{1,4}}[ \t]*[-–—][ \t]*"
)
"""A page number alone ("Page 2 of 3", "- 1 -") or at the end of a header or footer line."""
_PAGE_SUFFIX = re.compile(rf"[ \t]*{_PAGE}$")
_NEAR = 3
"""How many lines from a page break a repeated or tool-written line may be, to be the page's header or footer."""


def page_furniture(lines: list[TextLine]) -> set[int]:
    """Indexes of ``lines`` that are a page's number, header or footer: a page number line, and a line written by
    a tool ("Transcript by Rev.com") or repeated in the file that stands within ``_NEAR`` lines of a page number
    or a form feed. A speaker's line never is; nor is a sentence ("We put it on Page 2.")."""
    numbered = {i for i, line in enumerate(lines) if not _speaks(line) and _page_number(line.text.rstrip())}
    breaks = [lines[i].number for i in numbered] + [line.number for line in lines if "\f" in line.text]
    if not breaks:
        return set()
    texts = [" ".join(line.text.replace("\f", " ").split()) for line in lines]
    seen: dict[str, int] = {}
    # A footer's words without its page number count too: "Call_Whitfield (Completed 03/14/25)   Page 1 of 2" and
    # the next page's header "Call_Whitfield (Completed 03/14/25)" are one line repeated.
    for text in texts + [_PAGE_SUFFIX.sub("", texts[i]) for i in numbered]:
        seen[text] = seen.get(text, 0) + 1
    near = {
        i for i, (line, text) in enumerate(zip(lines, texts, strict=True))
        if not _speaks(line) and (seen[text] > 1 or is_tool_line(text))
        and any(abs(line.number - number) <= _NEAR for number in breaks)
    }  # fmt: skip
    return numbered | near


def _page_number(line: str) -> bool:
    """A page number line: alone, or after a header's words set apart by a run of spaces as a PDF lays them out
    ("Interview 4          Page 2"), or as "Page N of M"; "We moved it to Page 2" is speech."""
    found = _PAGE_NUMBER.fullmatch(line)
    if not found or line.endswith((".", "?", "!", ",")):
        return False
    return not found["before"] or len(found["gap"]) > 1 or "\t" in found["gap"] or _OF.search(line) is not None


_OF = re.compile(r"\d[ \t]*(?:of|OF|/|von|de|di)[ \t]*\d{1,4}$")


def _speaks(line: TextLine) -> bool:
    return line.head is not None and line.head.speaker is not None


_LINE_NUMBER = re.compile(r"[ \t]*(\d{1,5})(?:\t[ \t]*|[ \t]{2,}|[ \t](?=\S))")
_NUMBERED_SHARE = 0.6
"""The share of lines from the first numbered one on that must be numbered in order, to be a numbered transcript."""


def without_line_numbers(lines: list[TextLine]) -> list[TextLine]:
    """``lines`` without the numbers a qualitative researcher's transcript puts before every line for analysis
    ("1<tab>INT:<tab>Thank you for ...", "2<tab><tab>describing your role?"), when most lines from the first
    numbered one on carry one, counting up; else ``lines`` as they are. A number is no one's words, and a speaker's
    label follows it."""
    numbered = [_LINE_NUMBER.match(line.text) for line in lines]
    first = next((i for i, match in enumerate(numbered) if match), None)
    if first is None:
        return lines
    values = [int(match[1]) for match in numbered[first:] if match]
    rising = sum(b == a + 1 for a, b in pairwise(values))
    if len(values) < 3 or rising < _NUMBERED_SHARE * (len(lines) - first):
        return lines
    renumbered = []
    for line, match in zip(lines, numbered, strict=True):
        if match and match.end() < len(line.text):
            text = line.text[match.end() :]
            line = TextLine(line.number, line.start + match.end(), line.end, text, read_head(text))
        renumbered.append(line)
    return renumbered
