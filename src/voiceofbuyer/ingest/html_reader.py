"""Transcripts saved as a web page (``.html``, ``.htm``): a transcript service's page saved from the browser, or an
HTML export. The decoded text is the page's visible text, a line per block (paragraph, division, list item, table
row, heading, ``<br>``), inline elements on their line; scripts, styles, the head and the page's furniture
(navigation, buttons, forms, the footer) are left out. It is then parsed
like a plain-text transcript, so ``<span>Maya Chen</span> <span>00:00</span><p>Thanks ...</p>`` reads as Otter's
speaker line above its text."""

from __future__ import annotations

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


class _VisibleText(HTMLParser):
    """The page's visible text, a line per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.break_line()
        elif tag == "td" or tag == "th":
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
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
    turns, meta = parse_turns(text, source)
    return Parsed(text, turns, meta)
