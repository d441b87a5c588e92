"""What a transcriber, a note-taker or a research tool wrote into a speaker's turn, never said: time stamps,
non-speech annotations ("[laughs]", "(inaudible)"), notes and tags, line numbers and e-mail quoting marks.

``structural_removals`` finds them in a turn's text as removed ranges (``cleanup``'s ``timestamp``, ``annotation``,
``line-number``, ``quote-mark`` and ``escape``); the evidence audit checks each by its pattern here.
"""

from __future__ import annotations

import re

from .cleanup import merge_removals
from .stutters import Removal

# Time stamps a transcription service left inside the text: "[00:40:00]", "(12:31)", and f4transkript's mark at a
# paragraph's end, "#00:00:14-3#" (where the paragraph ends: no start time is read from it).
INLINE_TIME = re.compile(r"[\[(]\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]|#\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,2})?#")
# Non-speech annotations: "[laughs]", "[long pause]", "[inaudible]", "(unintelligible 00:01:49)", "(crosstalk)",
# "[foreign language]", "[END OF AUDIO]", and the
# sounds captions for the deaf and hard of hearing describe ("[phone buzzing]", "(alarm beeping in background)",
# "[door closes]", "[clears throat]").
UNHEARD = re.compile(r"[\[(](?:inaudible|unintelligible|unclear|indistinct)", re.I)
"""An annotation of words the transcriber could not make out: inside a sentence, the sentence lacks them (words in
another language, or the other side talking over, are marked as such: "[foreign language]", "[crosstalk]")."""
_NOTE = (
    r"(?:note|notes|comment|comments|observation|observations|insight|insights|highlight|highlights|memo|takeaway"
    r"|tags?)"
)
_NOTE_WRITER = rf"(?:{_NOTE}|note-?taker|observer)"
"""Also who wrote it, but only signed ("Observer — Grace: ..."): "[Observer]" and "Note-taker:" label a speaker."""
_EMOJI = r"[\u2190-\u2bff\U0001f000-\U0001faff]\ufe0f?"
"""One pictograph ("📝", "💡", "⭐"), as note apps put before their own lines."""
ANNOTATION = re.compile(
    # What the transcriber could not make out, with its time or a guess: "[inaudible 00:14:22]", "[crosstalk]"; in
    # round brackets with its time or a word about it alone: "(foreign firms for the lifts)" is typed.
    r"\[(?:inaudible|unintelligible|foreign(?:\s+language)?|crosstalk|unclear|indistinct|overlapping)[^\]\n]{0,30}\]"
    r"|\((?:inaudible|unintelligible|foreign(?:\s+language)?|crosstalk|unclear|indistinct|overlapping)"
    r"(?:[\s,:;–—-]+(?:\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?|speech|language|talk(?:ing)?|voices|audio|words?|\w+ly))*"
    r"\s*\)"
    # A sound, alone or with its time, its length or a word about it ("(long pause)", "[laughs nervously]", "[music
    # playing]"), never words after it: "(pause on all new headcount until Q3)" and "(static files, redirects)" are
    # typed.
    r"|[\[(](?:(?:(?:long|short|brief|nervous|soft|quiet|loud|awkward|slight)\s+)?(?:laughs?|laughter|laughing|pause|silence"
    r"|cough\w*|sighs?|music|noise|background noise|static|applause|chuckles?|knocking|typing|beeping|buzzing"
    r"|ringing|footsteps|clears throat|sniffs|exhales|inhales|gasps|groans|whispers|mutters)"
    r"(?:[\s,:;–—-]+(?:\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?|(?:for\s+)?\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|mins?|minutes?)\b"
    r"|\w+ly|in\s+(?:the\s+)?background|continues|playing|sounds?|speech|chatter|talking|voices))*\s*"
    # A thing and the sound it makes, never a thing alone: "(phone numbers, emails)" is said; nor with more words
    # after it than a sound takes: "(alarm going off every night)" is typed.
    r"|(?:(?:cell\s+|mobile\s+)?phone|door|alarm|dog|siren|bell|chime|horn|baby|notification|keyboard)s?\s+"
    r"(?:\w+\s+)?(?:buzz|beep|ring|clos|open|slam|bark|wail|chim|honk|cr(?:y|ies|ying)|click|clatter|knock|goes\s+off"
    r"|going\s+off|sound)\w*(?:[\s,:;–—-]+(?:\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?|\w+ly|again|twice|outside|nearby"
    r"|in\s+(?:the\s+)?background))*\s*)[\])]"
    # A transcriber's note on the spelling of the word before it: "Pharmasys (ph)", "Kyriba (phonetic)",
    # "[phonetic]", "(sp?)" (tester 24): the word was said, the note was not.
    r"|[\[(](?:ph|phonetic(?:ally)?|sp\??|spelling\??|sic)[\])]"
    # A transcriber's end mark in square brackets: "[END OF AUDIO]", "[End of recording]" (not a speaker's "(end of
    # the file)")
    r"|\[end\s+of\s+(?:the\s+)?(?:audio|recording|transcript(?:ion)?|tape|file|interview)\]"
    # A note about the speaker in square brackets ("[He's been there 11 years.]", "[shared his screen: ...]"):
    # the interviewer's, never the speaker's words.
    r"|\[(?=[^\]\n]{0,120}\b(?:he|she|his|her|him)\b)[^\[\]\n]{1,160}\]"
    # A note in square brackets, named so before a colon: "[Note to self: check Samsara]", "[Observer comment from
    # Lucas: ...]", "[Interviewer note: error rate triples in peak]": the note-taker's, never the speaker's words.
    r"|\[(?:[\w'’-]+\s+){0,2}(?:note|notes|comment|comments|observation|aside|reminder|memo)\b[^\[\]\n:]{0,40}:"
    r"[^\[\]\n]{1,240}\]"
    # A research tool's or note-taker's line between the turns, to its end (tester 39): a note's label in square
    # brackets, "[Observer note – Sam K.] Strong signal on per-seat pricing.", "[Highlight · Pain · long cycle
    # times]"; a note signed by its writer, "NOTE (Jonas): found the contract in ~20s", "Note by Mira: ..."; a
    # note under the tool's emoji, "📝 Note by Mira: ...", "> 💡 Insight: Forecast relies on memory". Only at a
    # line's start: "the note by legal: no auto-renewals" said within a sentence is speech.
    rf"|(?<![^\n])[ \t]*\[(?:[\w'’-]+[\s·|:–—-]+){{0,2}}{_NOTE}(?![\w-])[^\[\]\n:]{{0,40}}\][^\n]*"
    rf"|(?<![^\n])[ \t]*(?:>[ \t]*)?(?:{_EMOJI}[ \t]*)?(?:[\w'’-]+\s+)?{_NOTE_WRITER}"
    r"(?:[ \t]*\([^()\n]{1,40}\)|(?:[ \t]+(?:by|from)[ \t]+|[ \t]*[—–-][ \t]*)(?-i:[A-Z])[\w'’.-]*"
    r"(?:[ \t]+(?-i:[A-Z])[\w'’.-]*)?)"
    r"[ \t]*:[^\n]*"
    rf"|(?<![^\n])[ \t]*(?:>[ \t]*)?{_EMOJI}[ \t]*(?:[\w'’-]+\s+)?{_NOTE}\b[^\n:]{{0,40}}:[^\n]*"
    # "> **Insight** · Missed clock-outs drive ...", "(Tagged by Priya Sundaram: #objection #battery)" (tester 42)
    rf"|(?<![^\n])[ \t]*>[ \t]*\*\*{_NOTE}\*\*[ \t]*[·:|–—-][^\n]*"
    r"|\((?:tagged|noted|highlighted|flagged|coded)\s+by\s+[^():\n]{1,40}:[^()\n]{0,200}\)"
    # A translator's note, "[TN: EU Deforestation Regulation]", "[T/N: ...]", "[Translation: ...]" (tester 35)
    r"|\[(?:TN|T/N|N\.?\s?d\.?\s?T\.?|translation|translated)\s*:[^\[\]\n]{1,240}\]"
    # noScribe's marks: a pause, "(..)", "(...)"; the other speaker's words said over this one's, between double
    # slashes inside the turn, "//S00: Really? //": never this speaker's words.
    r"|\((?:\.{2,4}|…)\)|//[ \t]*[^/\n:]{1,30}:[^/\n]{0,300}?//"
    # An editor's "[sic]" and "[sic – earlier said six weeks]"; a live note-taker's observation in double brackets,
    # "((visibly worried – long pause))"; and a line a note-taker marks as their paraphrase, "[paraphrased] Said the
    # vendor quoted eighteen months.": not the speaker's words, to the line's end.
    r"|\[sic\b[^\[\]\n]{0,200}\]|\(\([^()\n]{1,300}\)\)"
    r"|\[(?:paraphrased?|paraphrasing|summar(?:y|ised|ized)|not\s+verbatim)\][^\n]*"
    # A note app's tags after an answer's last sentence or alone on a line, to the line's end: "... a day's shelf
    # life. #pain #carrier-reliability"; not "return #N/A" nor "drop it in #collections" said mid-sentence
    r"|(?:(?<=[.!?])|(?<=[.!?][\"'”’)])|(?<![^\n]))[ \t]*#[^\W\d_][\w/-]*(?:[ \t]+#[^\W\d_][\w/-]*)*"
    r"(?=[ \t]*(?:\n|$))",
    re.IGNORECASE,
)
# The number a qualitative researcher's transcript puts before each line ("12<tab>contract sat for seven weeks"),
# inside a turn that runs over several lines: layout, never words.
LINE_NUMBER = re.compile(r"\n[ \t]*\d{1,5}\t[ \t]*")
# The ">" an e-mail reply puts before each line of a transcript it quotes, inside a turn that runs over several
# lines ("the meter data" / "> and the bill run."): layout, never words.
QUOTE_MARK = re.compile(r"\n[ \t]*>[ \t]")
"""Quoting's "> " (with its space): ">90 days" wrapped to a line's start is said."""


def structural_removals(text: str, base: int, quoted_cell: bool = False) -> list[Removal]:
    """Time stamps and non-speech annotations in ``text`` (offsets made absolute by ``base``); in a quoted CSV
    cell (``quoted_cell``), the first of each doubled quotation mark, CSV's escape for one
    ('call my team ""the report factory""' reads 'call my team "the report factory"')."""
    escapes = _ESCAPED_QUOTE.finditer(text) if quoted_cell else ()
    found = [(m.start() + base, m.start() + base + 1, "escape") for m in escapes]
    times = (
        m
        for m in INLINE_TIME.finditer(text)
        if not _CLOCK_TIME_SAID.search(text, max(0, m.start() - 20), m.start() + 1)
    )
    found += [(m.start() + base, m.end() + base, "timestamp") for m in times]
    found += [(m.start() + base, m.end() + base, "annotation") for m in ANNOTATION.finditer(text)]
    found += [(m.start() + base, m.end() + base, "line-number") for m in LINE_NUMBER.finditer(text)]
    found += [(m.start() + base, m.end() + base, "quote-mark") for m in QUOTE_MARK.finditer(text)]
    return merge_removals(found)


_ESCAPED_QUOTE = re.compile(r'""')
# A clock time in round brackets after a day or "at" is part of the sentence: "The payment run cut-off is Thursday
# (14:00)", "we meet at (09:30)"; "(00:14)" elsewhere, and any time in square brackets, is a stamp.
_CLOCK_TIME_SAID = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\.?\s*\(\Z|\b(?:today|tomorrow|tonight|at|by|until)"
    r"\s*\(\Z",
    re.I,
)
