"""What a speaker label says about who it is: a tool's placeholder for an unnamed voice ("Speaker 2"), a mark of
uncertainty ("Speaker ?"), a device or a meeting room instead of a person ("Priya's iPhone", "HQ Boardroom"), a
company after the name ("Jenna Cole (Clinix)"), the given name colleagues call someone by, and whether a label and
a name from metadata are one person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from voiceofbuyer.ingest.labels import CALL_MARK, display_parts, is_bot, is_phone_number, is_role_label, is_room
from voiceofbuyer.ingest.person_names import parse_person
from voiceofbuyer.ingest.rejoins import rejoined
from voiceofbuyer.job_words import names_a_job
from voiceofbuyer.records import BuyerProfile, Interview, Turn

# "S1": Speechmatics' label for its first voice. A phone's caller ID where the carrier gives no name ("WIRELESS
# CALLER", "PRIVATE NUMBER", "UNAVAILABLE"), and Zoom's "Call-in User_1".
_PLACEHOLDER = re.compile(
    r"(?:unknown\s+speaker|speaker|spk|person|caller|voice|s(?=\d)"
    r"|(?:wireless|unknown|private|anonymous|restricted|blocked|toll[\s-]?free|cell(?:ular)?|mobile|call[\s-]?in"
    r"|dial[\s-]?in|phone)\s+(?:caller|user|number|phone|call)|anonymous|restricted|unavailable|private)"
    r"[\s_-]*(?:\d{1,3}|[a-z])?",
    re.I,
)


_DEVICE = re.compile(
    r"\b(?:iphone|ipad|ipod|galaxy|pixel|android|samsung|macbook|imac|chromebook|laptop|desktop|pc|huawei|oneplus"
    r"|xiaomi|redmi|motorola|zoom\s+user)\b",
    re.I,
)


_UNCERTAIN = re.compile(r"(?:.*\?.*|unknown|unidentified|unk|none|null|n/?a|\(?inaudible\)?|\(?unclear\)?)", re.I)


def is_placeholder(speaker: str) -> bool:
    """A label a tool writes for an unnamed voice ("Speaker 2", "SPEAKER_01", "Unknown Speaker", a dial-in caller's
    number "+1 415-555-0134": never shown, a phone number is personal data), or a role ("Interviewee", "Buyer",
    "User"): no person's name."""
    return bool(_PLACEHOLDER.fullmatch(speaker.strip())) or is_role_label(speaker) or is_phone_number(speaker)


def is_device(speaker: str) -> bool:
    """A display name that is a device or Zoom's default ("iPad Pro", "Priya's iPhone", "Galaxy S23", "Zoom user"),
    as a call shows someone who joined before typing their name."""
    return bool(_DEVICE.search(speaker))


_OWNER = re.compile(r"([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)?)['’]s? ")
# Latin-1's accented letters too: "Ana Lucía", "José Núñez" (tester 28)
_LOGIN = re.compile(r"[a-z][a-z0-9._-]{3,}(?:@[\w.-]+)?")


def is_login(speaker: str) -> bool:
    """A display name that is a login, all in small letters ("mkowalczyk", "j.smith", "dana.w@acme.com"), as a call
    shows someone whose account IT named: a person's name only when their words confirm it (``said_name``)."""
    return bool(_LOGIN.fullmatch(speaker.strip()))


def device_owner(speaker: str) -> str:
    """The person a device's display name is named after ("Kofi" for "Kofi's iPhone", "Ana Ruiz" for "Ana Ruiz's
    iPad"); "" for a device named after no one ("iPad Pro", "Zoom user") and for any other label."""
    found = _OWNER.match(speaker.strip() + " ") if is_device(speaker) else None
    return found.group(1) if found and not _DEVICE.search(found.group(1)) else ""


# "Sorry, that's the company Zoom account, we all share it.": the label names no one who speaks; said of the call's
# own account, not of a product's ("so people log in with their work account": tester 54)
SHARED_ACCOUNT = re.compile(
    r"\b(?:(?:that['’]s|that\s+is|this\s+is|it['’]s|it\s+is|i['’]m\s+(?:on|using)|i\s+am\s+(?:on|using)"
    r"|we['’]re\s+(?:on|using)|(?:logged|signed)\s+in\s+(?:on|as|with|to|through))\s+(?:the|our|a)\s+"
    r"(?:company|shared|team|office|department|work|front\s+desk)(?:['’]s)?\s+(?:zoom\s+|teams\s+|webex\s+|meet\s+)?"
    r"(?:account|login|laptop|computer|profile)|we\s+all\s+share\s+(?:it|that|the\s+account))\b",
    re.I,
)


def shared_account(said: str) -> bool:
    """Whether a speaker's words say their label is an account many share ("that's the company Zoom account, we all
    share it"): the label is no one's name."""
    return SHARED_ACCOUNT.search(said) is not None


def renamed_devices(interview: Interview, buyers: Iterable[str]) -> dict[str, str]:
    """Buyer labels that are a device (or a meeting room where the buyer says who they are) renamed mid-call, each
    with the name it became: every turn of the device comes before the first turn of a named buyer, the next buyer
    to speak after it ("iPad Pro" … then "Mei-Ling Chou").
    Zoom shows a rename from that moment on, so the two never speak in turns that interleave."""
    buyers = set(buyers)
    order = [t.speaker for t in interview.turns if t.speaker in buyers]
    renamed: dict[str, str] = {}
    for device in (b for b in buyers if is_device(b) or is_room(b)):
        last = max(i for i, speaker in enumerate(order) if speaker == device)
        after = order[last + 1] if last + 1 < len(order) else ""
        if not after or is_device(after) or is_room(after) or is_placeholder(after) or after in order[:last]:
            continue
        # A room may hold anyone: it is the next buyer only when it says so ("I'm in a conference room, it's
        # Olivia"), not when someone else speaks from it first ("This is Marcus Bell, I'm the CFO").
        said = " ".join(t.text for t in interview.turns if t.speaker == device)
        if is_device(device) or re.search(
            rf"\b(?:it's|it is|this is|i'm|i am)\s+{re.escape(given_name(after))}\b(?!['’]s)", said, re.I
        ):
            renamed[device] = after
    return renamed


def is_uncertain(speaker: str) -> bool:
    """A speaker the tool itself marks as unidentified ("Speaker ?", "UNKNOWN"), or a machine's voice (a note-taker
    bot, "Fireflies.ai Notetaker", "Read.ai Meeting Notes"; a phone line's "IVR"): nobody's words."""
    return bool(_UNCERTAIN.fullmatch(speaker.strip()) or is_bot(speaker))


def same_person(speaker: str, name: str) -> bool:
    """A speaker label and a name from metadata refer to one person ("Dana" ~ "Dana Whitfield"; the initials "JM"
    ~ "Jordan Mills", as notes taken by hand label turns; "Dr. Okafor" ~ "Dr. Amara Okafor", as transcribers label
    someone they address by title; a directory's "Okafor, Amara (External)" ~ "Amara Okafor")."""
    shown = given_name_first(without_call_mark(speaker.strip()))
    if shown != speaker.strip() and same_person(shown, name):
        return True  # "Wiśniewski, Tomasz (External)" is the metadata's "Tomasz Wiśniewski" (tester 41)
    speaker_key, name_key = speaker.strip().casefold(), name.strip().casefold()
    if not speaker_key or not name_key:
        return False
    words = name.split()
    if INITIALS.fullmatch(speaker.strip()) and len(words) > 1:
        return speaker.strip() == "".join(word[0] for word in words).upper()
    if (surname := _TITLED_SURNAME.fullmatch(speaker.strip())) and len(words) > 1:
        return surname[1].casefold() == words[-1].casefold()
    return speaker_key == name_key or speaker_key == name_key.split()[0] or name_key.startswith(speaker_key + " ")


INITIALS = re.compile(r"[A-Z]{2,3}")
"""A speaker's initials, as notes taken by hand label turns ("JM:", "SO:")."""
_HONORIFICS = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Professor|Sir|Dame)\.?\s+"
_TITLED_SURNAME = re.compile(_HONORIFICS + r"([A-Z][\w'’-]+)")


def label_aliases(turns: Iterable[Turn]) -> dict[str, str]:
    """Labels of one speaker written another way in the same transcript, each with the label that stands for it: a
    first name that is the first name of one full-name label ("Jon" → "Jon Ellis", when a tool or a person typing
    labels one speaker both ways), and a full name spelled one letter differently from one used more often, never
    in the turn next to it nor naming it ("Markus Webb" → "Marcus Webb", "Siobhan Kelley" → "Siobhan
    Kelly"), and a name with an honorific beside the same name without ("Dr Anika Bose" → "Anika Bose"). A first
    name two full names share ("Sam" beside "Sam Ortiz" and "Sam Lee") stays its own speaker."""
    turns = list(turns)
    speakers = list(dict.fromkeys(turn.speaker for turn in turns))
    full: dict[str, list[str]] = {}
    for speaker in speakers:
        words = speaker.split()
        if len(words) > 1 and not is_placeholder(speaker) and not is_device(speaker):
            full.setdefault(given_name(speaker).casefold(), []).append(speaker)
    order = [turn.speaker for turn in turns]
    # Two labels that take turns with each other are two people, one answering the other ("Priya Shah" asking,
    # "Priya" answering: "Another Priya, love it").
    exchanges = Counter(frozenset(pair) for pair in pairwise(order) if pair[0] != pair[1])
    aliases = {
        speaker: full[speaker.casefold()][0]
        for speaker in speakers
        if len(speaker.split()) == 1
        and not is_role_label(speaker)
        and not is_placeholder(speaker)
        and len(full.get(speaker.casefold(), [])) == 1
        and exchanges[frozenset((speaker, full[speaker.casefold()][0]))] < 2
    }
    turns_of = Counter(turn.speaker for turn in turns)
    names = [s for group in full.values() for s in group]

    def heard(label: str) -> tuple[int, int]:
        """How much a spelling is used: turns, then the first heard."""
        return turns_of[label], -speakers.index(label)

    adjacent = set(exchanges)
    said = {speaker: " ".join(turn.text for turn in turns if turn.speaker == speaker) for speaker in speakers}
    for speaker in names:
        variants = [other for other in names if other != speaker and _one_letter_apart(speaker, other)]
        if len(variants) != 1:
            continue
        usual = variants[0]
        # A slip of the pen never answers or names the spelling it slipped from: "Dana Smith" asking and "Dina
        # Smith" answering, or "Louis is my husband", are two people.
        slip = (
            heard(usual) > heard(speaker)
            and frozenset((speaker, usual)) not in adjacent
            and not re.search(rf"\b{re.escape(given_name(speaker))}\b", said[usual])
            and not re.search(rf"\b{re.escape(given_name(usual))}\b", said[speaker])
        )
        if slip:
            aliases[speaker] = usual
    aliases.update(rejoined(turns, given_name, is_placeholder, is_login))
    # "Dr Anika Bose" beside "Anika Bose": one person, labelled once with the honorific; "Bell, Marcus" (a
    # directory's surname first) beside "Marcus Bell"
    bare = set(speakers)
    aliases.update({s: without_honorific(s) for s in speakers if s != without_honorific(s) in bare})
    aliases.update({s: turned for s in speakers if (turned := given_name_first(s)) in bare and turned != s})
    return aliases


def given_name_first(label: str) -> str:
    """ "Bell, Marcus" (a company directory's surname first, as Teams and Outlook show it) as "Marcus Bell"; any other
    label as it is."""
    surname, comma, given = label.partition(",")
    names = [surname.strip(), given.strip()]
    return f"{names[1]} {names[0]}" if comma and all(_ONE_NAME.fullmatch(name) for name in names) else label


_ONE_NAME = re.compile(r"[^\W\d_][\w'’-]*")


def _one_letter_apart(first: str, second: str) -> bool:
    """Two names of the same words but one letter added, dropped or changed ("Marcus"/"Markus", "Kelly"/"Kelley"),
    in a word of four letters or more, and no digit (not "Room 1"/"Room 2")."""
    a, b = first.casefold().split(), second.casefold().split()
    if len(a) != len(b) or any(c.isdigit() for c in first + second):
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differ) != 1 or min(len(differ[0][0]), len(differ[0][1])) < 4:
        return False
    x, y = differ[0]
    if len(x) == len(y):
        return sum(c != d for c, d in zip(x, y, strict=True)) == 1
    shorter, longer = sorted((x, y), key=len)
    return len(longer) - len(shorter) == 1 and any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# What a call adds in parentheses that is not a company: Teams' and Zoom's marks, pronouns, a device's number.
_NOT_A_COMPANY = re.compile(
    r"(?:guest|external|unverified|host|co-?host|organi[sz]er|presenter|attendee|panelist|me|you|\d+|\w+/\w+"
    # a room's floor: "MTG-RM Harbour View (Level 3)" (tester 47)
    r"|(?:level|floor|lvl|fl\.?)\s*\d{1,3}|\d{1,3}(?:st|nd|rd|th)?\s+floor|ground\s+floor)",
    re.I,
)


def without_call_mark(label: str) -> str:
    """A label without what the call added to the name: its mark, "Kofi Mensah (Unverified)" (Teams, a guest in
    the browser), "(Guest)", "(External)", "(Host)", Zoom's "(2)" for a second device, or the company a sales-call
    recorder writes in brackets, "Carla Jimenez (Vantage Foods)" → "Kofi Mensah", "Carla Jimenez"."""
    if company(label):
        return label[: label.rindex("(")].strip() or label
    return CALL_MARK.sub("", label).strip() or label


def company(speaker: str) -> str:
    """The company a label names after the person, as written, as sales-call recorders write it ("Jenna Cole
    (Clinix)": "Clinix"); "" when there is none, or what is in parentheses is a role, a mark of the call ("(Guest)")
    or pronouns."""
    match = re.search(r"\(([^()]{2,40})\)\s*$", speaker)
    named = match[1].strip() if match else ""
    return "" if not named or is_role_label(named) or _NOT_A_COMPANY.fullmatch(named) else named


def display_title(turns: list[Turn], text: str, speakers: set[str]) -> str:
    """The title shown in the display name of the first of ``speakers`` to speak (``display_parts``): in its label,
    or where the label is written in ``text`` (the interview's source), on the line of its first turn or the line above
    it ("Priya Nair | CFO @ Kestrel  0:03" above the speech, as Otter writes it); "" when none is shown."""
    turn = next((t for t in turns if t.speaker in speakers), None)
    if turn is None:
        return ""
    above = text.rfind("\n", 0, max(0, text.rfind("\n", 0, turn.start_char)))
    head = text[above + 1 : turn.start_char]
    at = head.rfind(turn.speaker)
    written = turn.speaker + head[at + len(turn.speaker) :].split("\n", 1)[0] if at >= 0 else turn.speaker
    role = _ROLE_AND_TITLE.search(written)
    if role and is_role_label(role["role"]):  # "Maria (Participant – Accounts Receivable Manager):"
        return role["title"]
    return display_parts(written)[1]


def listed_title(text: str, turns: list[Turn], name: str) -> str:
    """The title beside ``name`` where a list of the call's participants above its first turn shows it ("Adaeze
    Okonjo (Okonjo Pharma) – Procurement Lead", as Chorus lists them; ``metadata.parse_person``); "" when none
    does."""
    if not name or not turns:
        return ""
    for line in text[: turns[0].start_char].splitlines():
        entry = line.strip().lstrip("-*•").strip()
        # not a summary's sentence about them ("Marcus Lindqvist, Procurement Manager at Halden, described a
        # supplier onboarding process ...", Read.ai's: tester 54), which a tool wrote, not the call's list
        words = len(entry.split())
        sentence = words > 20 or (words >= 8 and entry.endswith((".", "!", "?")))
        if entry.startswith(name) and ":" not in entry and not sentence:
            listed, title, _ = parse_person(entry)
            if listed == name and names_a_job(title):  # "Fatima Al-Sayed, Jonas Weber, Mei Lin" lists no title
                return title
    return ""


_ROLE_AND_TITLE = re.compile(r"\(\s*(?P<role>[^()–—|-]{2,20}?)\s+[–—|-]\s+(?P<title>[^()]{2,60}?)\s*\)")
"""A role label and a title in the brackets after a name, as a researcher types them."""


def listed_names(value: str) -> list[str]:
    """The people a metadata value names: "Hannah Weiss, Tom Becker" (or "; ", "/", " and ") is two."""
    return [name.strip() for name in re.split(r"[,;/]| and ", value) if name.strip()]


def given_name(speaker: str) -> str:
    """The name colleagues call a speaker by: "Wei" for "Wei Chen", and for "Chen, Wei" (Teams and Outlook write
    surname, comma, given name); the first word of "Sam Ortiz, PM @ Ledgerly" (a title after the comma)."""
    before, comma, after = speaker.partition(",")
    after = re.sub(r"\s*\(.*$", "", after).split()
    if comma and len(before.split()) == 1 and 1 <= len(after) <= 2:
        return after[0]
    return (before.split() or [speaker.strip()])[0]


def display_speaker(speaker: str, profile: BuyerProfile) -> str:
    """A placeholder label ("Interviewee", "Speaker 2", "SPEAKER_01") is shown as the buyer's name when metadata
    or the call gives one (``said_name``), else as "Unnamed interviewee"; a device ("Kofi's iPhone") as the buyer's
    name when it is named after them or after no one, else as the person it is named after: a tool's label for a
    voice is never shown as a person's name; an account the buyer says many share as their name; a display name with
    a title or company after the name as the name (``display_parts``); another buyer of a group interview by the
    name they are cited by (``BuyerProfile.members``)."""
    member = profile.member(speaker)
    if member is not None:  # "Speaker 3", who said "It's Priyanka Desai": never the profiled buyer's name
        return member.name
    if is_placeholder(speaker) or is_room(speaker):  # "Northwind HQ - Boardroom 4": a place, not a person
        # of several unnamed buyers, the name is the one whose words gave it (``BuyerProfile.speaker``)
        return UNNAMED if profile.speaker and speaker != profile.speaker else profile.name or UNNAMED
    if speaker == profile.account:  # "Brightwater Freight", the company's shared Zoom account
        return profile.name
    if is_device(speaker):  # "Kofi's iPhone": the person it is named after, by the name the call gives them
        owner = device_owner(speaker)
        return profile.name if profile.name and (not owner or same_person(owner, profile.name)) else owner or UNNAMED
    if is_login(speaker):  # "mkowalczyk": the name she confirmed, "Yes, Marta Kowalczyk."
        return profile.name or speaker
    # "Priya Nair | CFO @ Kestrel Logistics": her name
    shown = without_honorific(display_parts(speaker)[0] or without_call_mark(speaker))
    # "Siobhan Kelleger", "Dr Anika Bose", "Bell, Marcus": the buyer's name as one label misspells it, adds an
    # honorific or puts the surname first: one person cited by one name.
    named = without_honorific(profile.name)
    # "Siobhan", the label of the buyer the header names "Siobhan Kelly": one person cited by one name (tester 36)
    first_name = len(shown.split()) == 1 and same_person(shown, named)
    # "HADDAD AMIR", a caller ID, is the buyer the call names "Amir Haddad" (tester 38)
    reordered = sorted(shown.casefold().split()) == sorted(named.casefold().split())
    # "Joel W", who said "Joel Whitaker" (tester 37)
    parts, full = shown.split(), named.split()
    initialled = len(parts) == 2 == len(full) and parts[0] == full[0] and parts[1].rstrip(".") == full[1][:1]
    first_name = first_name or (shown.isupper() and reordered) or initialled
    if profile.name and (named in (shown, given_name_first(shown)) or _misspelled(shown, profile.name) or first_name):
        return profile.name
    return shown


def _misspelled(label: str, name: str) -> bool:
    """A label one letter apart from the name in a word of five letters or more ("Kelleger"/"Kelleher"), where
    a shorter word's letter may tell two people apart ("Mark Chen" and "Mary Chen")."""
    differ = set(label.casefold().split()) ^ set(name.casefold().split())
    return _one_letter_apart(label, name) and min(map(len, differ)) >= 5


_HONORIFIC = re.compile(_HONORIFICS + r"(?=\S+\s+\S)")


def without_honorific(name: str) -> str:
    """``name`` without a leading honorific where a given name and a surname follow ("Dr. Amara Okafor" → "Amara
    Okafor"); "Dr. Okafor" is kept whole, as the honorific is all that tells it is a person."""
    return _HONORIFIC.sub("", name.strip(), count=1)


UNIDENTIFIED = "Speaker ?"
"""A voice the file does not name where it tells voices apart (a subtitle's dash line): nobody, never quoted."""
UNNAMED = "Unnamed interviewee"
