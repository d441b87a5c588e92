"""Transcripts saved as a web page (``.html``, ``.htm``): a transcript service's page saved from the browser, or an
HTML export. The decoded text is the page's visible text, a line per block (paragraph, division, list item, table
row, heading, ``<br>``), inline elements on their line; scripts, styles, the head and the page's furniture
(navigation, buttons, forms, the footer), and a Google Docs export's comments and their marks ("[a]"), are left
out. It is then parsed like a plain-text transcript, so ``<span>Maya Chen</span> <span>00:00</span><p>Thanks
...</p>`` reads as Otter's speaker line above its text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from voiceofbuyer.ingest.decode import decode, normalise_newlines, require_content
from voiceofbuyer.ingest.text_reader import parse_turns
from voiceofbuyer.ingest.turns import Parsed

_BLOCKS = frozenset({
    "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "article", "header", "footer",
    "blockquote", "dt", "dd", "table", "ul", "ol", "pre", "hr", "main", "aside", "nav", "figure", "figcaption",
})  # fmt: skip
# The page's own furniture is no one's speech: a site's navigation, buttons and footer ("©2025 Zoom Communications,
# Inc. All rights reserved.", "Cookie Preferences" were quoted as the last speaker's words).
_HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript", "svg", "nav", "footer", "button",
                     "form", "select", "dialog", "menu"})  # fmt: skip


# Google Docs' export: a comment's mark in the text (<a id="cmnt_ref1">[a]</a>) and the comment at the page's end
# (<div><p><a id="cmnt1">[a]</a>Yard dwell time – ask for the number</p></div>); footnotes alike.
_COMMENT_MARK = re.compile(r"(?:cmnt|ftnt)_ref\d+")
_COMMENT = re.compile(r"cmnt\d+")


class _VisibleText(HTMLParser):
    """The page's visible text, a line per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0
        self.divs = 0
        self.comment_at: int | None = None  # the depth of the division that holds a comment
        self.in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        anchor = dict(attrs).get("id") or "" if tag == "a" else ""
        if tag == "div":
            self.divs += 1
        if _COMMENT_MARK.fullmatch(anchor):  # Google Docs' "[a]" after the words commented on
            self.in_mark, self.hidden = True, self.hidden + 1
        elif _COMMENT.fullmatch(anchor) and self.comment_at is None:  # the comment itself, to its division's end
            self.comment_at, self.hidden = self.divs, self.hidden + 1
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.break_line()
        elif tag == "td" or tag == "th":
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.in_mark:
            self.in_mark, self.hidden = False, self.hidden - 1
        if tag == "div":
            if self.comment_at == self.divs:
                self.comment_at, self.hidden = None, self.hidden - 1
            self.divs = max(0, self.divs - 1)
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.break_line()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.current.append(data)

    def break_line(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []


def read_html(data: bytes, source: str) -> Parsed:
    """Text and turns of a saved web page; ``InputError`` when it holds no text or no turn."""
    page = _VisibleText()
    page.feed(decode(data, source))
    page.close()
    page.break_line()
    text = require_content(normalise_newlines("\n".join(page.lines)), source)
    return parse_turns(text, source)
