"""The name a call gives a voice its label does not name: a placeholder ("Speaker 2"), a device ("iPad Pro",
"Kofi's iPhone"), a room, a login or a caller's number, from what the voice says of itself and what the other side
says back ("I'm Helen" / "Thanks, Helen"; "Hi, is this Gwen?" / "Speaking.")."""

from __future__ import annotations

import re
from collections.abc import Collection
from itertools import chain

from voiceofbuyer.ingest.interviewer_talk import COURTESY_TITLE, HONORIFIC
from voiceofbuyer.ingest.labels import is_room
from voiceofbuyer.ingest.rejoins import login_spells
from voiceofbuyer.ingest.speaker_names import (
    SHARED_ACCOUNT,
    device_owner,
    is_device,
    is_login,
    is_placeholder,
)
from voiceofbuyer.job_words import names_a_job_word

_NAME = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:[’'-][A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)?"
_SELF_NAMED = re.compile(
    rf"\b(?:[Mm]y name(?: is|['’]s)|I['’]m|I am|[Tt]his is|[Ii]t['’]s(?=\s+{_NAME}(?:\s+{_NAME})?\s+here\b)"
    # "Yeah, it's Darius Grant.", "Hey Priya, it's Marco", "Sure, it's Rosa Alvarez.", "Oh, sorry, yes, it's Grace,
    # Grace Lin.": a caller answering who they are, as a sentence of its own
    rf"|(?:^|(?<=[.!?]\s))(?:(?:[Yy]eah|[Yy]es|[Yy]ep|[Hh]i|[Hh]ello|[Hh]ey|[Ss]ure|[Oo]h|[Ss]orry|[Aa]h|[Oo]kay|[Rr]ight)"
    rf"(?:\s+{_NAME})?[,!]?\s+){{0,4}}[Ii]t['’]s)"
    rf"\s+({_NAME}(?:\s+{_NAME})?)\b"
)
# "Hello, Delia Marsh speaking.": how one answers the phone, first thing they say; "Yes, Marta Kowalczyk.": the
# full name, asked "is it Marta?".
_SPEAKING = re.compile(
    rf"^(?:(?:[Hh]ello|[Hh]i|[Yy]es|[Gg]ood\s+(?:morning|afternoon))[,!]?\s+)*({_NAME}(?:\s+{_NAME})?)\s+speaking\b"
    rf"|^(?:[Yy]es|[Yy]eah|[Yy]ep|[Cc]orrect|[Tt]hat['’]s\s+(?:me|right))[,.!]?\s+(?:(?:sorry|oh|ah|um)[,.!]?\s+)?"
    rf"({_NAME}\s+{_NAME})\b"
)
# "Leah Brandt, I'm the ...": a full name first, answering "Could you give me your name and what you do?"
# (or, as a sentence of its own later on, "Sure. Thandiwe Mbeki.", when the other side says it back)
_NAME_ANSWER = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?:(?:[Ss]ure|[Yy]es|[Yy]eah|[Oo]f course|[Hh]i)[,!.]?\s+)?"
    rf"({_NAME}(?:\s+{_NAME}){{1,2}})\s*[,.]"
)


def said_name(speaker: str, said: str, heard: str) -> str:
    """The name of a buyer whose label names no one, from the words of the call: for a device named after someone
    ("Kofi's iPhone"), that name, with the surname the buyer gives after it ("Kofi Mensah."); for a placeholder
    ("SPEAKER_01", "Speaker 2"), a meeting room or a device named after no one ("DESKTOP-4F2K9LQ", "iPad Pro"), a
    name the buyer gives as theirs ("my name is", "I'm", "this is", "it's ... here", "Hey Priya, it's Marco") that
    the other side says too ("Hi Helen", "Thanks, Helen") or asked for ("Who do I have on the line?"): both sides
    name the person. "" when the words give none. ``said``: the buyer's own words; ``heard``: the other speakers'
    words."""
    owner = device_owner(speaker)
    if owner:
        full = None if " " in owner else re.search(rf"\b{re.escape(owner)}\s+({_NAME})\b", said)
        return f"{owner} {full.group(1)}" if full else owner
    # A room: whoever says who they are in it; a device named after no one ("DESKTOP-4F2K9LQ"): whoever uses it.
    shared = SHARED_ACCOUNT.search(said)
    if shared:  # "Sorry, that's the company Zoom account, we all share it. It's Ingrid, Ingrid Solheim.": from there
        end = re.compile(r"[.!?](?:\s+|$)").search(said, shared.end())
        said = said[end.end() :] if end else ""
    elif not (is_placeholder(speaker) or is_room(speaker) or is_device(speaker) or is_login(speaker)):
        return ""
    if confirmed := _confirmed_name(said, heard):
        return confirmed
    if is_login(speaker) and (spelled := _login_spelled_out(speaker, said)):
        return spelled
    asked = _ASKED_WHO.search(heard) is not None
    answered = _NAME_ANSWER.finditer(said) if asked else ()
    # The only voice in the file (the other side's channel empty), or a meeting room's, whose label is a microphone
    # that no recogniser shares out: a full name said as its own is enough ("So I'm Wendell Hayes, fleet director,
    # and I've got Lucy Marsh here with me": tester 45).
    alone = not heard.strip() or is_room(speaker)
    for found in chain(_SPEAKING.finditer(said), _SELF_NAMED.finditer(said), answered):
        name = found.group(1) or found.group(2)
        full = alone and " " in name and not any(names_a_job_word(word) for word in name.split())
        # Asked who is there, "I'm Head of IT" names no one: a name the other side never says must be no job word.
        later = found.re is _NAME_ANSWER and found.start() > 0
        if full or _called(name, heard) or (asked and not later and not names_a_job_word(name.split()[0])):
            # "it's Marco, Marco Bellini", "I'm Sam as well, Sam Lindqvist": the given name again with the surname
            again = re.match(rf"(?:\s+(?:as\s+well|too))?,\s*{re.escape(name)}\s+({_NAME})\b", said[found.end() :])
            return f"{name} {again.group(1)}" if again and " " not in name else name
    return ""


def _called(name: str, heard: str) -> bool:
    """Whether ``heard`` calls the person of ``name`` by their given name ("Thanks, Helen"), or by their surname with
    a courtesy title ("Thank you so much for joining, Tanaka-san.", "Mr. Tanaka": tester 51)."""
    words = name.split()
    called = rf"\b{re.escape(words[0])}\b"
    if len(words) > 1:
        surname = re.escape(words[-1])
        called += rf"|\b{COURTESY_TITLE}\s+{surname}\b|\b{surname}{HONORIFIC}"
    return re.search(called, heard) is not None


def named_attendee(attendees: str, said: str, heard: str, labels: Collection[str]) -> str:
    """The one of a header's attendees ("Sam Ortiz, Tomasz Lewandowski") that a buyer whose label names no one
    (Granola's "Them") is: whom the other side calls by their given name ("Thanks for jumping on, Tomasz.") or who
    gives it as theirs, leaving out the call's named speakers and whoever the other side says they are ("I'm Sam").
    "" unless exactly one attendee is. ``said``: the buyer's words; ``heard``: the other speakers'; ``labels``: the
    call's speaker labels."""
    if not attendees:
        return ""
    # The other side's own names: "I'm Sam", "Oskar here from Quayside", "Oskar again, sorry" (tester 47)
    theirs = {found.group(1).split()[0] for found in _SELF_NAMED.finditer(heard)}
    theirs |= set(re.findall(rf"\b({_NAME})\s+(?:here|again|speaking)\b", heard))
    # a colleague the other side brings: "So Priya from our solutions team is on as well" (tester 54)
    theirs |= {name.split()[0] for name in re.findall(rf"\b({_NAME})\s+from\s+our\s+", heard)}
    own = {found.group(1).split()[0] for found in _SELF_NAMED.finditer(said)}
    found = set()
    for name in (name.strip() for name in attendees.split(",")):
        given = name.split()[0] if " " in name else ""
        if not given or name in labels or given in theirs:
            continue
        called = re.compile(rf"\b{re.escape(given)}\b")
        # a name the buyer calls the other side by ("Hi Oskar") is not theirs
        if given in own or (called.search(heard) and not called.search(said)):
            found.add(name)
    return found.pop() if len(found) == 1 else ""


# A call that opens by asking for someone: "Hi, is this Gwen?", "Is that Fiona?", "Am I speaking to Ray Kowalski?"
_IS_IT = re.compile(
    r"\b(?:is\s+(?:this|that|it)|am\s+i\s+(?:speaking|talking)\s+(?:to|with)|do\s+i\s+have)\s+"
    r"(?-i:(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))\s*\?",
    re.I,
)
# ... and the answer that says it is: "Speaking.", "Yes, Fiona Kerr.", "Yeah, this is Ray Kowalski.", "That's me."
_IT_IS = re.compile(
    r"\W*(?:(?:hi|hello|hey)\b[^.,!?]{0,20}[,.!]?\s*)?(?:yes|yeah|yep|speaking|this\s+is\s+(?:she|he|me|him|her)\b"
    r"|that['’]s\s+(?:me|right)|it\s+is|correct|(?:yes|yeah),?\s+this\s+is)\b",
    re.I,
)
_OPENING_CHARS = 200
"""How far into the call the question for someone and its answer come: its first words."""


def _confirmed_name(said: str, heard: str) -> str:
    """The name the other side asks for as the call opens, where the buyer's first words say it is them ("Hi, is this
    Gwen?" / "Speaking."), with the surname they add ("Yes, Fiona Kerr."); "" otherwise (tester 38: a caller ID or a
    phone number was the buyer's name)."""
    asked = _IS_IT.search(heard[:_OPENING_CHARS])
    if asked is None or not _IT_IS.match(said[:_OPENING_CHARS]):
        return ""
    name = asked["name"]
    full = re.search(rf"\b{re.escape(name)}\s+({_NAME})\b", said[:_OPENING_CHARS]) if " " not in name else None
    return f"{name} {full.group(1)}" if full else name


# The other side asking who is speaking: "Who do I have on the line?", "Who's this?", "your name?"
_ASKED_WHO = re.compile(
    r"\bwho\s+(?:do\s+i\s+have|do\s+we\s+have|have\s+we\s+got|is\s+(?:this|that|on|speaking)|am\s+i\s+"
    r"(?:speaking|talking)|are\s+you\s*\?|you\s+are\b)|\bwho['’]s\s+(?:this|that|on|speaking)|\byour\s+name\b"
    r"|\bintroduce\s+yourself\b",
    re.I,
)


def _login_spelled_out(login: str, said: str) -> str:
    """The full name the buyer says that the ``login`` is made of ("marcus_t" / "Marcus Tellez, I'm the procurement
    manager"; "mkowalczyk" / "Maria Kowalczyk"; tester 39; ``rejoins.login_spells``); "" where none does."""
    found = (f"{given} {surname}" for given, surname in re.findall(rf"\b({_NAME})\s+({_NAME})\b", said))
    return next((name for name in found if login_spells(login, name)), "")
