"""Lines a PDF's text keeps from its page layout: page numbers, and the header and footer repeated on every page
("Hartwell_AP_Interview (Completed 03/14/25)   Page 1 of 3", "Transcript by Rev.com", "- 2 -"). They are nobody's
speech, and they end no turn: the sentence a page break cut ("Last quarter we lost an early" / footer / "payment
discount worth forty thousand dollars.") goes on after them, in the same speaker's turn.
"""

from __future__ import annotations

import re

from voiceofbuyer.ingest.text_lines import TextLine
from voiceofbuyer.ingest.tool_lines import is_tool_line

_PAGE = r"(?:Page|PAGE|Seite|Página|Pagina)[ \t]+\d{1,4}(?:[ \t]*(?:of|OF|/|von|de|di)[ \t]*\d{1,4})?"
_PAGE_NUMBER = re.compile(
    rf"(?:.{{0,120}}\S[ \t]+)?{_PAGE}|[-–—][ \t]*\d{{1,4}}[ \t]*[-–—]|\d{{1,4}}[ \t]*/[ \t]*\d{{1,4}}"
)
"""A page number alone or at the end of a header or footer line: "Page 2 of 3", "- 1 -", "2 / 3"."""
_PAGE_SUFFIX = re.compile(rf"[ \t]*{_PAGE}$")
_NEAR = 3
"""How many lines from a page break a repeated or tool-written line may be, to be the page's header or footer."""


def page_furniture(lines: list[TextLine]) -> set[int]:
    """Indexes of ``lines`` that are a page's number, header or footer: a page number line, and a line written by
    a tool ("Transcript by Rev.com") or repeated in the file that stands within ``_NEAR`` lines of a page number
    or a form feed. A speaker's line never is; nor is a sentence ("We put it on Page 2.")."""
    texts = [" ".join(line.text.replace("\f", " ").split()) for line in lines]
    numbered = {
        i for i, (line, text) in enumerate(zip(lines, texts, strict=True))
        if not _speaks(line) and _PAGE_NUMBER.fullmatch(text) and not text.endswith((".", "?", "!", ","))
    }  # fmt: skip
    breaks = [lines[i].number for i in numbered] + [line.number for line in lines if "\f" in line.text]
    if not breaks:
        return set()
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


def _speaks(line: TextLine) -> bool:
    return line.head is not None and line.head.speaker is not None
