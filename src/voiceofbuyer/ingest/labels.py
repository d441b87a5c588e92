"""Speaker labels and time stamps at the start of a transcript line, as meeting and transcription tools write them.

Recognised heads (the turn's text starts after them):

    Dana Whitfield: text       Interviewee1 : text        **Sam Rivera:** text     Dr. Jane O'Neil: text
    [00:01:02] Name: text      (01:02) Name: text         00:01:02 Name: text      Name (CFO): text
    Name (00:01:02): text      Name [00:01:02]: text      Name: (01:02) text       Sam Ortiz - Acme: text
    Kim, Alex: text            Priya's iPhone: text       陈静: text               [SPEAKER_00]: text
    Kate 🎧: text (as "Kate")  kate@acme.com: text        Speaker ?: text (a voice the tool could not name)
    Kim, K. [Acme Ltd]: text
    **[00:02] Name (Client):**   (Gong's Markdown: the text follows below)
    Name (00:01:02)   Name  0:03   Name - 0:03   Nadia Haddad (Guest)  0:11   [Owen Fairley] 14:02:18
    0:03 - Sam Ortiz (Acme)    Name:   alone on a line: the text follows below
    [00:01:02] text            a bracketed time without a name: same speaker, new time
    00:01:02                   a time alone on a line (Google Meet puts these between turns)

``read_head`` finds a *candidate*: whether it is a speaker is decided for the whole document by
``speaker_vote.SpeakerVote``, because display names are whatever people typed ("Priya's iPhone", "陈静", "kim"): a label
that recurs at the start of lines is a speaker; a one-off is one only when it is written the way tools mark
speakers (with a time stamp or in brackets) or looks like a person's name or a role ("Dana Whitfield",
"Interviewer 2", "Q"). This keeps "so the thing is: ..." or "Pros: ..." inside a turn from reading as a label.
Labels that head metadata and notes ("Date:", "Attendees:", "Transcript ID:", "Action items:") are never
speakers: ``speaker_vote.metadata_label`` names them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from voiceofbuyer.annotations import ANNOTATION
from voiceofbuyer.ingest.timestamps import CUE_TIME, TEXT_TIME, parse_time

MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 48


def _mark_ranges() -> str:
    """Combining marks of the Basic Multilingual Plane as a character-class body: accents typed as separate
    characters (NFD, as macOS writes "José"), and the vowel signs of Devanagari, Thai and other scripts. Python's
    ``\\w`` holds none of them, so without them "प्रिया:" or "José:" (decomposed) is no label and those turns would
    go to the previous speaker."""
    marks = [code for code in range(0x0300, 0x10000) if unicodedata.category(chr(code)).startswith("M")]
    ranges: list[tuple[int, int]] = []
    for code in marks:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(f"\\u{first:04x}-\\u{last:04x}" if last > first else f"\\u{first:04x}" for first, last in ranges)


_MARKS = _mark_ranges()
# A label word: "Dr.", "J.", "J.R.", "O'Neil", "Mary-Kate", "Interviewee1", "SPEAKER_00", "iPhone", "陈静", "प्रिया",
# "古丽娜·买买提" and "マイケル・ブラウン" (a middle dot between the parts of a name written in Chinese or Japanese).
_WORD = rf"(?:(?:[^\W\d_]\.){{2,4}}|[^\W\d_]{{1,4}}\.(?!\w)|[^\W\d_][\w{_MARKS}'’.&\-·・]*)"
# Words separated by spaces, a comma ("Kim, Alex") or an ampersand ("Tom Achterberg, Crumb & Co"); a short number may
# follow ("Speaker 2", "Conference Room 4B"), never the "00" of "00:01:02"; pronouns after the name ("Tess Moreau
# she/her") are no part of it.
# The ideographic space (U+3000) is the space a Japanese or Chinese keyboard types between family and given name.
_PRONOUN = r"(?i:she|he|they|ze|xe|ey|fae)/"
_SEPARATOR = r"(?:[ \t\u3000]+|,[ \t]*|[ \t]+&[ \t]+)"
_NAME = rf"{_WORD}(?:{_SEPARATOR}(?!{_PRONOUN})(?:{_WORD}|\d{{1,3}}(?:[^\W\d_](?!\w))?(?!\d|:\d)))*"
# Display names carry emoji ("Kate 🎧"): left out of the speaker's name. A tool's mark of a voice it could not
# name ("Speaker ?", "Speaker?") stays in it: such a speaker is nobody (``sides.is_uncertain``).
_EMOJI = "\u200d\ufe0f\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_NAME_END = rf"(?:[ \t]*[{_EMOJI}]+)*(?:[ \t]*\?)?"
# A display name that is an e-mail address ("kate.smith@acme.com").
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# A dial-in caller as Zoom and Teams show them: "+1 415-555-0134", "14155550134", or masked by Zoom's "mask
# phone numbers" setting: "4420****321".
_PHONE = r"\+?\(?\d[\d \t().*-]{6,18}\d(?!\d|:\d)"  # "+1 (312) 555-0187 00:02": the time after is no part of it
_DUPLICATE = r"[ \t]*\(\d{1,2}\)"  # Apple and Zoom tell two devices of one name apart: "iPad (2)"
_DASH = r"[-–—|]"
# Pronouns in a display name ("she/her", "(they/them)", "he/him/his"), no part of the name.
_PRONOUNS = rf"\(?{_PRONOUN}(?i:her|him|them|hers|his|theirs|she|he|they|zir|hir|xem|em|faer)(?:/[a-z]+)?\)?"
# A part of a display name after the name: "VP Finance & Operations", "Baker & Finch Research"; a room's floor
# ("Boardroom - 2nd Floor", "HQ - 3F Kitchen") opens with its number.
_PART = rf"(?:\d{{1,3}}(?:st|nd|rd|th|[A-Z])?[ \t]+)?{_NAME}(?:[ \t]+&[ \t]+{_NAME})*"
# Broadcast and CART captions open each change of speaker with ">>" (">> SAM ORTIZ: ..."). A display name may carry
# pronouns before its company ("Sam Ortiz (he/him) | Ledgerly") or a title and company ("Sam Ortiz, PM @ Ledgerly").
_SPEAKER_HEAD = re.compile(
    rf"""[ \t]*(?:>>>?[ \t]*)?
    (?:\*\*(?=[\[(]?\d))?
    (?:[\[(]?(?P<lead>{TEXT_TIME})(?:[ \t]*-->[ \t]*{TEXT_TIME})?[\])]?[ \t]*(?:(?P<leaddash>{_DASH})[ \t]*)?)?
    (?P<bold>\*\*)?
    (?:(?P<wiki>\[\[)|(?P<open>\[)|(?P<paren>\())?  # "[[Nora Feld]]": Obsidian's link to the person's note
    # "Ruth Adeyemi 🌱 Nurse Manager at St Brigid's": an emoji between the name and the title
    (?P<name>{_EMAIL}|{_NAME}(?:[ \t]*[{_EMOJI}]+[ \t]+{_NAME})?{_NAME_END}(?:{_DUPLICATE})?|{_PHONE})
    (?(wiki)\]\])
    (?(open)(?:[ \t]*\([^()\n]{{1,30}}\)(?=[ \t]+{_DASH}[ \t]))?  # "[Yolanda Brooks (she/her) - Cedar Glen]"
      (?:[ \t]+{_DASH}[ \t]+{_PRONOUNS})?  # "[Jamal Reed - he/him]"
      (?:[ \t]+{_DASH}[ \t]+(?P<inorg>{_NAME}(?:[ \t]+&[ \t]+{_NAME})?))?  # "- Baker & Finch Research"
      (?:[ \t]*\((?P<inner>[^()\n]{{1,60}})\))?\])(?(paren)\))
    (?:[ \t]*\([^()\n]{{1,30}}\)(?=[ \t]+{_DASH}[ \t]))?
    (?:(?:[ \t]+(?:{_DASH}[ \t]+)?|,[ \t]*){_PRONOUNS})?  # "Tess Moreau | she/her", "Tess Moreau she/her"
    # "Marco Bellini - Plant Manager - Ferro Meccanica", "Priya Nair | CFO @ Kestrel Logistics": the last part is
    # the company
    (?:[ \t]+(?:{_DASH}|@)[ \t]+{_PART}(?=[ \t]+(?:{_DASH}|@)[ \t])){{0,2}}
    (?:[ \t]+(?:{_DASH}|@|/)[ \t]+(?P<org>{_PART})(?:[ \t]*[{_EMOJI}]+)*)?  # "| Tidewater Ports 🌍"
    (?:[ \t]*[(（](?!\s*{TEXT_TIME}\s*\))(?P<qualifier>[^()（）\n]{{1,60}})[)）]  # full-width as Chinese input types
      |[ \t]*\[(?!\s*{TEXT_TIME}\s*\])(?P<bracketed>[^\[\]\n]{{1,60}})\]
        (?=[ \t]*(?:\*\*)?[ \t]*(?::|[\[(]{TEXT_TIME}[\])]))  # "Jordan Reyes [Vendor] (00:00:00):" as Rev writes it
      |[ \t]*\[(?P<company>[^\[\]\n]{{1,60}})\](?(lead)[ \t]*$|(?!)))?  # "00:00:07 | Inês Carvalho [Quinta do Vale]"
    (?:(?(bold)(?:\*\*)?)[ \t]*{_DASH}?[ \t]*[\[(]?(?P<trail>{TEXT_TIME})[\])]?)?
    [ \t]*(?:\*\*)?[ \t]*(?P<colon>[:：])?(?:\*\*)?  # a full-width colon as Chinese and Japanese input types
    (?:[ \t]*[\[(](?P<after>{TEXT_TIME})[\])])?
    """,
    re.VERBOSE,
)
# A bare time is taken only alone on its line: "10:30 is when we meet" is speech, not a stamp.
_TIME_HEAD = re.compile(
    rf"\s*(?:\[(?P<square>{TEXT_TIME})\]|\((?P<round>{TEXT_TIME})\)|(?P<bare>{TEXT_TIME})\s*$"
    rf"|\[?(?P<range>{TEXT_TIME})\s*(?:-->|[-–])\s*{TEXT_TIME}\]?\s*$"
    # A cue timing as Teams' older transcripts write it ("0:0:5.790 --> 0:0:14.160"): "-->" says it is one.
    rf"|(?P<cue>{CUE_TIME})\s*-->\s*{CUE_TIME}\s*$)"
)

ROLE_WORDS = (
    "interviewer|interviewee|moderator|facilitator|researcher|participant|respondent|speaker|customer|host|guest"
    "|user|assistant|(?-i:AI)|bot|adopter|buyer|client|prospect|candidate|q|a|question|answer|me|them"
)
"""Role labels, read ignoring case but for "AI", which is a name written "Ai" (Japanese)."""
_ROLE = re.compile(rf"(?:{ROLE_WORDS})[\s_]*\d*", re.IGNORECASE)
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "al", "bin", "ten", "ter", "y"}
)


@dataclass(frozen=True)
class Head:
    """What starts a line: a speaker candidate and/or a time; the line's text starts at ``body``."""

    speaker: str | None
    time: float | None
    body: int
    marked: bool = False
    """Written the way tools mark speakers: with a time stamp, in brackets or bold (strong evidence)."""
    qualifier: str = ""
    """What follows the name in parentheses or after a dash: "(Guest)", "- Acme", "(CFO)"."""
    alone: bool = False
    """The label has its line to itself, the speech below it (``Name  0:03`` as Otter writes it)."""


_LINK_AFTER = re.compile(r"\(<?https?://[^\s)]*>?\)[ \t]*:?[ \t]*")
_SPEECHMATICS = re.compile(
    r"[ \t]*SPEAKER[ \t]*:[ \t]*(?P<name>S\d{1,3}|UU|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})[ \t]*"
)
"""Speechmatics' text output: "SPEAKER: S1" on its own line above the speech; the label is the name after it."""


_TIMED_NAME_LINE = re.compile(
    rf"[ \t]*(?:\#{{1,6}}[ \t]+)?(?P<name>{_EMAIL}|{_NAME}{_NAME_END}|{_PHONE})"  # Dialpad: a caller's number
    rf"(?:[ \t]*\((?P<range>{TEXT_TIME})[ \t]*[-–][ \t]*{TEXT_TIME}\)"  # MeetGeek: "Tom Becker (00:00:00 - 00:00:04)"
    r"|,[ \t]*(?P<clock>\d{1,2}:\d{2}:\d{2}[ \t]*[AaPp]\.?[Mm]\.?)"  # Dialpad: "Sam Ortiz, 10:03:15 AM" (time of day)
    rf"|[ \t]+[·•][ \t]+(?P<dot>{TEXT_TIME}))[ \t]*:?[ \t]*"  # a Markdown heading: "### Jonas Becker · 00:05"
)
"""A speaker's name alone on its line with a time range, a time of day or a time after a dot, the speech below."""


def read_head(line: str) -> Head | None:
    """The speaker-label candidate or time stamp at the start of ``line``, if any."""
    timed = _TIMED_NAME_LINE.fullmatch(line)
    if timed and _plausible(timed["name"]):
        # A time of day (Dialpad) is read as Zoom's saved captions' is: the moment in the call, as the tool shows it.
        stamp = timed["range"] or timed["dot"] or timed["clock"]
        time = parse_time(stamp) if stamp else None
        return Head(speaker=_spaced(timed["name"]), time=time, body=len(line), marked=True, alone=True)
    named = _SPEECHMATICS.fullmatch(line)
    if named:
        return Head(speaker=named["name"], time=None, body=len(line), marked=True, alone=True)
    match = _SPEAKER_HEAD.match(line)
    # "(Anna)" is a speaker alone on its line; "(and then) we..." is speech; after a time, whisper.cpp's diarized
    # "[00:00:11.320 --> 00:00:17.960]  (speaker 1) text" names a speaker.
    diarized = match and match["lead"] and re.fullmatch(r"speaker\s*(?:\d{1,2}|\?)", match["name"], re.I)
    if match and match["paren"] and line[match.end() :].strip() and not diarized:
        match = None
    person = match["name"] if match else ""
    if match and not (_plausible(person) and looks_like_name(person)):
        # "Kwame Asante, Fleet Manager at SwiftVan Deliveries  0:08", "Olivia Grant at Meridian Engineering": a display
        # name, its title and company after it
        shown = display_parts(person)[0]
        person = shown if len(shown.split()) >= 2 else person
    if match and _plausible(person) and not ANNOTATION.fullmatch(f"[{person}]"):
        stamp = match["lead"] or match["trail"] or match["after"]
        # Grain and Fathom in Markdown: "**Marco Bellini** [00:04](https://grain.com/...?t=4)", the time a link
        link = _LINK_AFTER.match(line, match.end()) if stamp else None
        end = link.end() if link else match.end()
        alone = not line[end:].strip()
        bracketed = bool(match["open"] or match["paren"])
        # "00:00:01 Chloe Martin" above the text, as Word's Transcribe writes it: a speaker line when it recurs or
        # reads as a name (a one-off "10:30 Standup" does not).
        stamped_alone = match["trail"] or match["after"] or match["lead"]
        word_transcribe = (
            bool(match["lead"])
            and alone
            and not (match["trail"] or match["after"] or match["leaddash"] or match["colon"])
        )
        # "[05:10] hello" is a time, then speech: a Word line is a bare time and a name.
        speech = word_transcribe and not (line.lstrip()[:1].isdigit() and looks_like_name(person))
        # "Alison Reeve [00:00:11] Of course. I'm the practice manager": a name, its time in brackets, then speech.
        stamped_before_speech = bool(match["trail"]) and line[match.start("trail") - 1] in "[(" and not alone
        # "S2<tab>00:06<tab>Sure. I'm the head of ...": a speaker's code, its time, then the speech (GoTranscript)
        coded = bool(match["trail"]) and not alone and _SPEAKER_CODE.fullmatch(person) is not None
        labelled = (
            match["colon"]
            or (alone and (stamped_alone or bracketed or match["bold"]))
            or (bracketed and not alone)
            or stamped_before_speech
            or (coded and line[match.end("trail") : match.end("trail") + 1] in (" ", "\t"))
        )
        if labelled and not speech:
            name, org = person, match["org"]
            if org and is_room(org):  # "Northwind HQ - Boardroom 4": a room, named by all of it
                name, org = line[match.start("name") : match.end("org")], None
            return Head(
                speaker=_spaced(without_emoji(name)),
                time=parse_time(stamp) if stamp else None,
                body=end,
                # A one-off "Flour price swings (00:41) Contracts are fixed ..." (a summary's key moment) is no speaker:
                # without a colon, a name before its time must recur or read as a name.
                marked=bool(stamp or bracketed or match["bold"]) and not word_transcribe and not stamped_before_speech,
                qualifier=" ".join(
                    (
                        org
                        or match["inorg"]
                        or match["qualifier"]
                        or match["bracketed"]
                        or match["company"]
                        or match["inner"]
                        or ""
                    ).split()
                ),
                alone=alone,
            )
    match = _TIME_HEAD.match(line)
    if match:
        stamp = match["square"] or match["round"] or match["bare"] or match["range"] or match["cue"]
        return Head(None, parse_time(stamp), match.end())
    return None


_SPEAKER_CODE = re.compile(r"(?:S|Spk|Speaker|SPEAKER_)[ \t]?\d{1,2}", re.I)
"""A tool's code for a voice ("S1", "Speaker 2", "SPEAKER_01"): followed by a time and speech, a label without a
colon."""


def _spaced(name: str) -> str:
    """Runs of spaces and tabs as one space, an ideographic space kept as typed ("山田\u3000太郎")."""
    return re.sub(r"[ \t]+", " ", name).strip(" \t\u3000")


def _plausible(name: str) -> bool:
    return len(name.split()) <= MAX_NAME_WORDS and len(name) <= MAX_NAME_CHARS


_ROOM = re.compile(
    r"\b(?:(?:conference|meeting|huddle|zoom|board|training)\s*room|boardroom"
    # abbreviated as room systems list them, or a named suite ("MTG-RM Harbour View", "Kestrel House - Thames Suite":
    # tester 47)
    r"|(?:mtg|meeting|conf)[\s-]*rm|[^\W\d_]\w*\s+suite\s*$"
    # a room named by its number, after a site ("Corvel HQ - Room 3B", "Room 204"), its floor first ("Room 4.12",
    # "Rm 2-07": tester 53)
    r"|(?:room|rm)\s*(?:#\s*)?\d{1,4}(?:[.-]\d{1,3})?[a-z]?\s*$"
    # a desk's or team's shared account, numbered ("Northwind Freight - Dispatch 2", "Front Desk 1", "Shared login")
    r"|(?:dispatch|front\s+desk|reception|help\s*desk|service\s+desk|nurses?\s+station|shop\s+floor|warehouse"
    r"|office|team|kiosk|workstation)\s*(?:#\s*)?\d{1,2}\s*$|shared\s+(?:account|login|line|laptop|pc))\b",
    re.I,
)


def is_room(speaker: str) -> bool:
    """A meeting room's display name ("Marketing Conference Room", "HQ Boardroom") or a desk's or team's shared
    account ("Northwind Freight - Dispatch 2"): a place where one or several people sit, never a person's name."""
    return bool(_ROOM.search(speaker))


_BOT = re.compile(
    r"\b(?:note\s*-?\s*taker|otter(?:\.ai)?|fireflies(?:\.ai)?|read\.ai|fathom(?:\s+notetaker)?|tl;?dv|avoma"
    r"|ai\s+(?:companion|assistant|notes?)|meeting\s+(?:notes|assistant|recorder)|recorder\s+bot|bot|ivr"
    r"|auto[\s-]?attendant|recorded\s+(?:message|announcement))\b",
    re.I,
)


def is_bot(speaker: str) -> bool:
    """A note-taker bot's or a phone line's own label ("Otter.ai", "Fireflies.ai Notetaker", "Read.ai Meeting Notes",
    "Zoom AI Companion", "IVR"): a machine that posts or speaks notices, never a person in the interview."""
    return bool(_BOT.search(speaker))


def is_phone_number(name: str) -> bool:
    """A dial-in caller's number shown as their name ("+1 415-555-0134")."""
    return bool(re.fullmatch(_PHONE, name.strip())) and sum(char.isdigit() or char == "*" for char in name) >= 9


def is_email(name: str) -> bool:
    """A display name that is an e-mail address ("tmoreno@crestlinefoods.com")."""
    return re.fullmatch(_EMAIL, name.strip()) is not None


def is_role_label(name: str) -> bool:
    """ "Interviewer", "Speaker 2", "SPEAKER_00", "Q", "User", "AI": a role or placeholder, not a person's name."""
    return bool(_ROLE.fullmatch(name.strip()))


def without_emoji(text: str) -> str:
    """``text`` with its emoji as spaces ("Kate 🎧" → "Kate  ")."""
    return re.sub(f"[{_EMOJI}]+", " ", text)


def looks_like_name(name: str) -> bool:
    """A person's or device's name as typed: capitalised words ("Dana Whitfield", "Dr. O'Neil"), words in a script
    without case ("陈静"), "Priya's iPhone", or a role ("Interviewer 2")."""
    words = name.replace(",", " ").split()
    if not words or len(words) > 5 or len(name) > 40:
        return False
    if is_role_label(name) or is_phone_number(name):
        return True

    def capitalised(word: str) -> bool:
        """Whether ``word`` counts as part of a name: capitalised, caseless, a digit first, a name particle, or with a
        capital inside ("iPhone")."""
        core = word.lstrip("([{\"'“‘")  # "(Harbor Health)": a company in brackets after the name
        if not core:
            return False
        first = core[0]
        if first.isdigit() or word in _PARTICLES:
            return True
        if not first.isalpha():  # ">>" (a change of speaker in captions): no name
            return False
        if first.isupper() or not first.islower():  # "Dana", or "陈"
            return True
        return any(char.isupper() for char in core[1:])  # "iPhone", "eBay"

    if ANNOTATION.fullmatch(name.strip()):
        return False  # "[Music]", "(laughter)": a sound the captions describe

    return capitalised(words[0]) and all(capitalised(word) for word in words)


# Between a display name's parts: "Priya Nair | CFO @ Kestrel Logistics", "Marco Bellini - Plant Manager - Ferro
# Meccanica", "Kwame Asante, Fleet Manager at SwiftVan", "Ruth Adeyemi 🌱 Nurse Manager at St Mary's" (a hyphen
# within a word, "Co-founder", is no separator; a comma is one only after the name: "VP, Operations" is one title).
CALL_MARK = re.compile(
    r"\s*\((?:guest|external|unverified|host|co-?host|organi[sz]er|presenter|attendee|panelist|\d)\)\s*$", re.I
)
"""What a call adds after a name: Teams' "(External)", "(Guest)", "(Unverified)", Zoom's "(Host)" and "(2)"."""
_DISPLAY_SEPARATOR = re.compile(rf"[ \t]*[|@][ \t]*|[ \t]+[-–—/][ \t]+|[ \t]+at[ \t]+|[ \t]+[{_EMOJI}]+[ \t]+")
_DISPLAY_END = re.compile(r"(?:[ \t]*(?:[:：>]|[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?))+[ \t]*$")
_PRONOUN_PART = re.compile(r"[ \t]*\(?(?i:she|he|they|ze|xe|ey|fae)/[a-z]+(?:/[a-z]+)?\)?[ \t]*")


def display_parts(label: str) -> tuple[str, str]:
    """(the person's name, the title) of a display name that shows a title between the name and the company, as
    people set their name in Zoom or Teams: "Priya Nair | CFO @ Kestrel Logistics", "Johanna Weber (she/her) |
    Senior Procurement Manager | Alpenwerk AG", "Noah Fischer, Director of IT, Helix Bank" → the name and the title;
    a name with only a company or pronouns after it ("Sam Ortiz / Ledgerly") → the name and ""; anything else
    ("Kim, Alex", "Dana Whitfield") → ("", "")."""
    parts = [without_emoji(part) for part in _DISPLAY_SEPARATOR.split(CALL_MARK.sub("", _DISPLAY_END.sub("", label)))]
    head, rest = _PRONOUN_PART.sub(" ", parts[0]).strip(), parts[1:]
    name, comma, after = head.partition(",")
    # "Noah Fischer, Director of IT, ...", "Hannah Boateng, Waitrose" (tester 52); "Kim, Alex" is a name
    if comma and (rest or len(after.split()) > 1 or len(name.split()) > 1):
        head, rest = name.strip(), [*after.split(",", 1), *rest]
    rest = [part.strip() for part in rest if part.strip() and not _PRONOUN_PART.fullmatch(part)]
    if len(rest) == 1 and "," in rest[0]:  # "Nina Patel — Head of Customer Success, Brightline"
        rest = [part.strip() for part in rest[0].rsplit(",", 1)]
    if not rest or not looks_like_name(head) or is_role_label(head) or "@" in head:
        return "", ""
    return head, rest[0] if len(rest) >= 2 else ""
