"""The interviewing side beyond its lead: the vendor's colleagues on the call, and who talks like a product's maker.

A speaker besides the interviewer is on the interviewing side when the interviewer introduces them as a colleague
("Mei from our product team"), when they introduce the interviewer as one, or, on a call of three or more, when
they talk about the product as its maker ("we built", "our customers"), only ask in passing beside the interview,
or say they are there to listen. Someone who introduces themselves as a buyer, or whom a buyer brought, never is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter

from voiceofbuyer.ingest.speaker_names import company, given_name, is_placeholder
from voiceofbuyer.introductions import stated_title
from voiceofbuyer.records import Turn
from voiceofbuyer.remarks import is_small_talk

_VENDOR_TALK = re.compile(
    r"\b(?:we\s+(?:built|build|offer|provide|designed|launched|ship|shipped|integrate|connect|sell|support|price)"
    r"|we'?ve\s+(?:built|designed|launched)|we(?:'re|\s+are)\s+(?:building|launching)|our\s+(?:product|platform|tool|solution|software|app|customers|clients"
    r"|users|pricing|roadmap|integrations?|api|engineers?|feature)|let\s+me\s+show|i\s+can\s+show\s+you"
    r"|on\s+our\s+side|our\s+(?:product|engineering|sales|success|support)\s+team|out\s+of\s+the\s+box"
    r"|we\s+(?:do|handle|set\s+up|take\s+care\s+of)\s+(?:the\s+|all\s+the\s+)?[\w-]+(?:\s+[\w-]+)?\s+for\s+you"
    r"|our\s+(?:extraction|ocr|model|engine|implementation|onboarding|implementation\s+team)"
    # "That's exactly what our duplicate spend report catches.", "We usually get customers live in three weeks."
    r"|(?:exactly\s+)?what\s+our\s+[\w-]+(?:\s+[\w-]+){0,2}\s+(?:catches|flags|does|solves|fixes|handles)"
    r"|we\s+(?:usually\s+|typically\s+|normally\s+)?get\s+(?:most\s+)?(?:customers|clients|teams)\s+(?:live|up\s+and"
    r"\s+running|onboarded|set\s+up)"
    # what is coming from the maker: "we do have the Shopify connector in beta now ... generally available in Q1"
    r"|in\s+(?:private\s+|public\s+)?beta\s+now|(?:should\s+be|will\s+be|goes|going)\s+generally\s+available)\b",
    re.I,
)
_WORDS_PER_VENDOR_REMARK = 400
# A buyer weighing the seller ("Our current AP tool fails silently", "our last vendor", "a small customer for you")
# and a seller asking for the deal ("Anything that would stop you from recommending us?", "I'll get you a sandbox"):
# which of two is which, whoever asks more (tester 38).
BUYER_TALK = re.compile(
    r"\bour\s+(?:current|last|previous|old|existing|legacy|present)\s+(?:[\w-]+\s+)?(?:vendor|provider|supplier"
    r"|tool|system|software|platform|solution)s?\b|\b(?:small|big|large)\s+customer\s+for\s+you\b"
    r"|\b(?:we(?:['’]re|\s+are)|i(?:['’]m|\s+am))\s+(?:evaluating|comparing|shortlisting)\s+(?:a\s+few\s+|several\s+"
    r"|two\s+|three\s+|other\s+)?(?:vendors|tools|options|platforms|providers|suppliers)\b",
    re.I,
)
SELLER_TALK = re.compile(
    r"\b(?:recommend(?:ing)?|choos(?:e|ing)|pick(?:ing)?|sign(?:ing)?\s+with|go(?:ing)?\s+with|work(?:ing)?\s+with)\s+us\b"
    r"|\bcustomers\s+like\s+you\b|\b(?:i|we)['’]ll\s+get\s+you\s+(?:a|an|the)\s+(?:sandbox|trial|demo|quote|proposal"
    r"|bridge\s+letter|pricing|contract|docs)\b|\bwe\s+can\s+get\s+you\s+(?:a|an|the)\b",
    re.I,
)
# "I'm the IT director at Marlowe Insurance": a buyer; "I lead solutions engineering here at Acme" is the host's side.
SELF_INTRO = re.compile(
    r"\b(?i:i'?m|i\s+am|i\s+work\s+as|i\s+run|i\s+lead|i\s+head|i\s+manage|i\s+own|my\s+(?:role|title|job))\b"
    r"(?:(?!\bhere\b)[^.?!]){0,80}?\b(?i:at|for|in)\s+[A-Z]",
)


ABOUT_THE_PRODUCT = re.compile(
    r"\b(?:your\s+(?:tool|product|platform|software|system|solution|app|pricing|api|roadmap)|pric\w+|cost\w*"
    r"|(?<!off\s)(?<!off-)contracts?"
    r"|trial|demo|integrat\w+|support\s+(?:for|sso|single)|roadmap)\b",
    re.I,
)


_OUR_JOB = (
    r"(?:manager|engineer|lead|director|head|designer|researcher|specialist|architect|analyst|pm|cto|ceo|founder"
    r"|colleague|teammate|expert|owner|consultant|scientist|developer)"
)
_COLLEAGUE = r"(?:my|our)\s+(?:colleague|teammate|co-?founder|product\s+manager|engineer|cto|ceo)"


def _joins(said: str, other: str) -> bool:
    """Whether ``said`` places its speaker on ``other``'s team ("Hi, sorry, Sam here, I'm on Priya's team", "I report
    to Priya", "I'm Priya's deputy"): whom a buyer works with is on the buyer's side, whatever "our customers" they
    speak of (tester 23: their own company's customers)."""
    name = re.escape(given_name(other))
    return (
        re.search(
            rf"\bI(?:['’]m|\s+am|\s+work)\s+(?:on|in|with)\s+{name}['’]s\s+team\b"
            rf"|\bI(?:['’]m|\s+am)\s+{name}['’]s\s+(?:colleague|deputy|manager|boss|team\s+lead|assistant|report)\b"
            rf"|\bI\s+(?:work|report)\s+(?:for|to|with|under)\s+{name}\b",
            said,
        )
        is not None
    )


def maker_remarks(said: str) -> int:
    """How many times ``said`` speaks of a product as its maker: "we built", "our customers", "let me show"."""
    return len(_VENDOR_TALK.findall(said))


def talks_like_a_maker(remarks: int, said: str) -> bool:
    """Whether ``said``, holding ``remarks`` phrases of ``_VENDOR_TALK``, speaks of the product as its maker often
    enough: "But the people we support feel it too", once in an hour of answers, is a buyer's own business; a maker's
    words come at least once in every ``_WORDS_PER_VENDOR_REMARK`` words they say."""
    return remarks >= 1 and remarks * _WORDS_PER_VENDOR_REMARK >= len(said.split())


def said_by_speaker(said: list[tuple[str, str]]) -> dict[str, str]:
    """Everything each speaker said, their turns one per line."""
    text_of: dict[str, str] = {}
    for speaker, text in said:
        text_of[speaker] = text_of.get(speaker, "") + "\n" + text
    return text_of


def vendor_side(people: list[str], interviewer: str | None, said: list[tuple[str, str]]) -> set[str]:
    """Speakers besides the interviewer who are on the interviewing side: introduced as a colleague by the
    interviewer, or talking about the product as its maker, never introducing themselves as a buyer nor introduced
    by one ("this is Tom from our finance systems team": the buyer's colleague, whose "we built a macro" is no
    vendor's)."""
    text_of = said_by_speaker(said)
    companies = {s: company(s).casefold() for s in people}
    shared = Counter(companies.values())
    shared.pop("", None)
    # "Jenna Cole (Clinix)", "Omar Haddad (Clinix)", "Marcus Bell (Harbor Health)": one company is one side.
    by_company = len(shared) > 1 and max(shared.values()) > 1 and bool(interviewer and companies[interviewer])
    colleagues, introduced_ones = set(), set()
    interviewer_introduced = introduced_as_colleague(interviewer) if interviewer else None
    for speaker in people:
        if speaker == interviewer:
            continue
        if by_company and companies[speaker]:
            if companies[speaker] == companies[interviewer or ""]:
                colleagues.add(speaker)
            continue
        # "I'm a designer on the research team at Ledgerly" / "I'm the product manager for payroll here at Ledgerly"
        own = text_of.get(speaker, "")
        works_alongside = bool(interviewer and _own_companies(own) & _own_companies(text_of.get(interviewer, "")))
        introduction = introduced_as_colleague(speaker)
        introduced = introduction.search(text_of.get(interviewer or "", ""))
        brought = any(
            introduction.search(text_of.get(other, "")) or _joins(own, other)
            for other in people
            if other not in (speaker, interviewer)
        )
        vendor_talk = maker_remarks(own)
        # "Sorry, can I add something? I'm Priti, one of the team leads on the property desk": a job of their own
        # said, they are in the interview, not asking beside it.
        states_a_job = bool(stated_title([text for who, text in said if who == speaker]))
        # "I'm the HRIS analyst ... We built a Workday business process for it": one remark like a maker's from
        # someone who states a job of their own is about their own systems.
        maker = (
            talks_like_a_maker(vendor_talk, own)
            and not SELF_INTRO.search(own)
            and not (vendor_talk < 2 and states_a_job)
        )
        # "My colleague Mei is on too, she's our head of design": whoever introduces the interviewer as a colleague
        # is on the interviewer's side.
        introduces = bool(interviewer_introduced and interviewer_introduced.search(own)) and not SELF_INTRO.search(own)
        if introduced or introduces:
            introduced_ones.add(speaker)
        if (
            introduced
            or introduces
            or works_alongside
            or (
                len(people) > 2
                and not brought
                and (
                    maker
                    or (_asks_in_passing(speaker, said, interviewer) and not states_a_job)
                    or _observes(speaker, said)
                )
            )
        ):
            colleagues.add(speaker)
    others = len(people) - (1 if interviewer else 0)
    if len(colleagues) >= others:
        # Somebody must be the buyer: vendor talk alone cannot make everyone the vendor, but a colleague introduced
        # as one ("that's Rina joining, she runs product for us") stays on the interviewer's side.
        return introduced_ones if len(introduced_ones) < others else set()
    return colleagues


_SELF = re.compile(r"\b(?:i'?m|i\s+am|i\s+work|we)\b", re.I)
_AT_COMPANY = re.compile(r"\b(?:here\s+at|at|from)\s+((?-i:[A-Z][\w&'-]+)(?:\s+(?-i:[A-Z][\w&'-]+)){0,3})", re.I)


def _own_companies(said: str) -> set[str]:
    """The companies a speaker says they are at or from, in sentences about themselves ("I'm Mei, a designer on
    the research team at Ledgerly")."""
    sentences = (piece for piece in re.split(r"(?<=[.!?])\s+", said) if _SELF.search(piece))
    return {found.casefold() for piece in sentences for found in _AT_COMPANY.findall(piece)} - {"i"}


def maker_company(people: list[str], said: list[tuple[str, str]]) -> set[str]:
    """The speakers of the vendor, where every label names one of two companies ("Tyler Brooks (Shipwise)", "Ana
    Petrov (Shipwise)", "Derek Olsen (Coastal Outfitters)", as sales-call recorders write them): the company one of
    whose people speaks of the product as its maker ("what we do at Shipwise", "we built", "our customers") while
    no one of the other does. Empty when the labels do not say so: who asks most decides then. In a discovery call
    the buyer may ask more than the account executive, who pitches."""
    companies = {speaker: company(speaker).casefold() for speaker in people}
    names = set(companies.values())
    if "" in names or len(names) != 2:
        return set()
    text_of = said_by_speaker(said)
    makers = {
        companies[speaker] for speaker in people
        if (talk := maker_remarks(text_of.get(speaker, ""))) >= 2 and talks_like_a_maker(talk, text_of.get(speaker, ""))
    }  # fmt: skip
    return {speaker for speaker in people if companies[speaker] in makers} if len(makers) == 1 else set()


def introduced_as_colleague(speaker: str) -> re.Pattern[str]:
    """How someone introduces ``speaker`` as their colleague: "Aaron from our solutions team", "my colleague Mei",
    "This is Daniel, he's the product manager for our scheduling module", "Priya, our head of design", "I've got
    Lena with me, she's a solutions engineer on our side", "I've got Jordan Reyes with me, he's one of our solutions
    engineers", "that's Rina joining, she runs product for us", "This is Mei, she's taking notes for us", "Sam here
    runs our research", "Kevin and I will both ask questions today"; or hands them the call: "I'll hand over to Ravi,
    who's leading the conversation", "Arjun will take it from here"."""
    first = re.escape(given_name(speaker))
    return re.compile(
        # "Aaron from our solutions team" (not "Dana from our customer advisory board")
        rf"\b{first}\b[^.?!]{{0,40}}\bfrom\s+(?:our|my)\b(?!\s+(?:customer|client|user|partner|beta)s?\b)"
        rf"|{_COLLEAGUE}\s*,?\s+{first}\b"
        rf"|\b{first}\b(?:\s+(?-i:[A-Z][\w'-]+))?(?:\s+(?:with|here\s+with)\s+(?:me|us)|\s+here)?,?\s+"
        rf"(?:(?:he|she|they)(?:'s|'re|\s+is|\s+are)|who(?:'s|\s+is)|is)\s+(?:the\s+|an?\s+)?"
        rf"[^.?!]{{0,40}}?\b(?:for|on|in|of|at|from)\s+our\b"
        # "this is Laura, who runs our research", "Sam, she leads our design team", "Sam here runs our research"
        rf"|\b{first}\b(?:\s+(?-i:[A-Z][\w'-]+))?(?:\s+here)?,?\s+(?:(?:he|she|they|who)\s+)?"
        rf"(?:runs|leads|heads|manages|owns|looks\s+after)\s+our\b"
        # "Priya, our head of design", "I'm joined by Marco Diaz, our head of product", "Ravi's our solutions engineer"
        rf"|\b{first}\b(?:\s+(?-i:[A-Z][\w'-]+))?(?:['’]s|,)?\s+(?:is\s+)?our\s+(?:[\w-]+\s+){{0,2}}{_OUR_JOB}\b"
        # "This is Mei, she's taking notes for us", "Mei's going to take notes": the interviewer's note-taker
        rf"|\b{first}\b(?:\s+(?-i:[A-Z][\w'-]+))?,?\s+(?:(?:he|she|they)(?:['’]s|['’]re|\s+is|\s+are)\s+|is\s+|['’]s\s+)"
        rf"(?:going\s+to\s+(?:be\s+)?|just\s+|also\s+)?(?:taking|take)\s+(?:the\s+|some\s+)?notes\b"
        # "Kevin and I will both ask questions today", "Tariq and I will take turns asking" (tester 23)
        rf"|\b{first}\b(?:\s+(?-i:[A-Z][\w'-]+))?\s+and\s+(?:I|me)\s+(?:will|['’]ll|are\s+going\s+to)\s+(?:both\s+)?"
        r"(?:take\s+turns|ask|be\s+asking|share\s+the\s+questions|run\s+(?:this|the))\b"
        # "I'll hand over to Ravi, who's leading the conversation", "Arjun will take it from here": the call handed
        # to the one who interviews
        rf"|\bhand(?:ing)?\s+(?:it\s+|you\s+)?over\s+to\s+{first}\b"
        rf"|\b{first}\b(?:\s+(?-i:[A-Z][\w'-]+))?\s+(?:will|['’]ll|is\s+going\s+to)\s+take\s+(?:it\s+from\s+here|over)\b"
        rf"|\b{first}\b[^.?!]{{0,20}}\b(?:who(?:['’]s|\s+is)|(?:he|she|they)(?:['’]s|\s+is|\s+are|['’]re))\s+"
        r"(?:going\s+to\s+be\s+)?(?:leading|running)\s+(?:the|this|today['’]s|our)\s+"
        r"(?:conversation|interview|session|call|discussion)\b"
        # "I've got Olivia on with me, she's the one who reached out to you", "I'm joined by Marco", "Olivia's on the
        # call with me": someone the interviewer brings (tester 35)
        rf"|\b(?:i['’]?ve\s+got|i\s+have|i['’]?ve\s+brought|i\s+brought)\s+{first}\b(?:\s+(?-i:[A-Z][\w'-]+))?"
        r"(?:\s+on)?\s+(?:the\s+call\s+)?(?:with\s+(?:me|us)|joining\s+(?:me|us))\b"
        rf"|\bi['’]?m\s+joined\s+(?:today\s+|here\s+)?by\s+{first}\b"
        rf"|\b(?:i['’]?ve\s+brought|i\s+brought)\s+{first}\b(?:\s+(?-i:[A-Z][\w'-]+))?\s+along\b"
        rf"|\b{first}\b(?:\s+(?-i:[A-Z][\w'-]+))?(?:['’]s|\s+is)\s+(?:on|here|joining)\s+(?:the\s+call\s+)?with\s+(?:me|us)\b"
        # "that's Rina joining, she runs product for us"
        rf"|\b(?:that's|this\s+is|here's)\s+{first}\s+joining\b[^.?!]{{0,20}}?,?\s+(?:he|she|they)\s+"
        rf"(?:runs?|leads?|heads?|manages?)\s+[^.?!]{{0,40}}?\bfor\s+us\b",
        re.I,
    )


# "Hi everyone, Chidi here, I'll just be listening in today": someone on the call to watch, not to be interviewed.
_OBSERVING = re.compile(
    # "I'll just sit in", "sitting in on this one"; not what sits somewhere ("approvals sitting in inboxes": tester 37)
    r"\b(?:listen(?:ing)?\s+in|(?:just\s+)?observ(?:e|ing)|sit(?:ting)?\s+in(?:\s+on\b|(?=\s*(?:[,.;!?]|today|for\b|$)))"
    r"|shadow(?:ing)?|tak(?:e|ing)\s+(?:the\s+)?notes"
    r"|stay(?:ing)?\s+on\s+mute|(?:just\s+)?here\s+to\s+(?:listen|observe))\b",
    re.I,
)


_HAS_A_SAY = re.compile(r"(?=(?:\S+\s+){19})(?=.*\b(?:I|I'm|I've|I'll|I'd|my|we|our)\b)[^?]*[.!]?\s*", re.S)
"""A statement of twenty words or more in the speaker's own first person, no question in it."""


def _observes(speaker: str, said: list[tuple[str, str]]) -> bool:
    """A voice that says first it is there to listen or take notes, and then says little: a turn or two of a few
    words, or a few questions in passing ("Sorry, just to check, is that per branch?") and thanks."""
    own = [text for who, text in said if who == speaker]
    words = sum(len(t.split()) for t in own)
    if not own or not _OBSERVING.search(" ".join(own[:2])):
        return False
    # "Gemma, I'm the CFO here. Olu, carry on, I'll just listen in." and then what she needs of it in the first
    # person ("And from my side, it has to post into Sage Intacct ... I'll want to speak to a reference customer"):
    # a buyer who came to listen, not an observer (tester 32).
    if any(_HAS_A_SAY.fullmatch(text) and not maker_remarks(text) for text in own[1:]):
        return False
    others: Counter[str] = Counter()
    for who, text in said:
        if who != speaker:
            others[who] += len(text.split())
    return (len(own) <= 2 and words <= 40) or (words <= 80 and bool(others) and words * 2 < max(others.values()))


def _asks_in_passing(speaker: str, said: list[tuple[str, str]], interviewer: str | None) -> bool:
    """A voice beside the interview that mostly asks ("Sorry to jump in, how many gates do you have?", an "Unknown
    Speaker" saying "I think it's recording now" and asking what would hold them back): at least half of its runs of
    turns are questions, none about the product (a buyer's kind), and it says under a third of what the most
    talkative other non-interviewer says, or it says nothing but such questions (``_ONLY_ASKS`` or more) and a few
    words of thanks. A buyer of a group interview answers, or asks about the product."""
    runs = [" ".join(text for _, text in run) for who, run in groupby(said, key=itemgetter(0)) if who == speaker]
    runs = [run for run in runs if not is_small_talk(run)]  # "Hi there.", "Great, thanks.": said by either side
    words: Counter[str] = Counter()
    for who, text in said:
        words[who] += len(text.split())
    others = [count for who, count in words.items() if who not in (speaker, interviewer)]
    asking = sum("?" in run and not ABOUT_THE_PRODUCT.search(run) for run in runs)
    # Nothing but questions and a few words of thanks, however much it says: a second interviewer, or the
    # interviewer under a label the transcriber gave them late in the call ("SPEAKER_03", "Sophie's iPhone").
    only_asks = asking >= _ONLY_ASKS and all(
        piece.rstrip().endswith("?") or len(piece.split()) <= _FEW_WORDS
        for run in runs
        for piece in re.split(r"(?<=[.?!])\s+", run)
    )  # "You know what kills us? Approvals. Every invoice waits three days ...": a buyer's rhetorical question
    return bool(runs) and asking * 2 >= len(runs) and bool(others) and (only_asks or words[speaker] * 3 < max(others))


_ONLY_ASKS = 3
"""Questions a voice must ask, and nothing else, to be on the interviewing side whatever its share of the talk."""
_FEW_WORDS = 8


# "Hi, sorry, this is Jonah from the product team at Ledgerly, I'm just listening in.": someone new on a channel
_NEW_VOICE = re.compile(
    r"(?:(?:hi|hello|hey|sorry|oh|um)[,!.]?\s+)*(?:[^.?!,]{0,30},\s+)?(?:this\s+is|it['’]s|i['’]m)\s+"
    r"(?-i:[A-Z][\w'-]+)\b",
    re.I,
)  # "Hi, sorry to jump in, it's Marcus from Keisha's analytics team"


_VOICE_HERE = re.compile(r"(?:(?:yeah|yes|hi|hello|hey|sorry|oh|um)[,!.]?\s+)*(?-i:[A-Z][\w'-]+)\s+here\b", re.I)
"""Someone new saying who they are: "Yeah, hi, sorry, Priya here from the solutions team at Tallyo"."""
_FROM_A_TEAM = re.compile(r"\bfrom\s+(?:the|our)\s+(?:[\w&-]+\s+){0,3}team\b", re.I)
_MAKER_REPLY = re.compile(
    r"\b(?:included\s+in\s+(?:the|our)\s+(?:[\w-]+\s+)?(?:tier|plan|licen[cs]e|package|edition|subscription)"
    r"|(?:on|from)\s+your\s+side|i['’]ll\s+set\s+up\s+(?:a|the|your)\s+(?:sandbox|trial|demo|pilot|account|workspace))\b",
    re.I,
)
"""What the maker's people answer a buyer: what a plan includes, what the buyer does "on your side", a sandbox they
will set up (only read on a channel after one of them said who they are)."""
_BUYER_FIRST = 3
"""Turns of a channel before someone new on it may be one of the maker's people."""


def other_voices_on_a_channel(turns: Sequence[Turn], buyers: Iterable[str]) -> set[int]:
    """Indexes of turns under a buyer's placeholder label (Granola's "Them", "Speaker 2": a channel or a voice more
    than one person may share) in which someone speaks up later to say who they are and that they are there to
    listen or take notes ("Hi, sorry, this is Jonah from the product team at Ledgerly, I'm just listening in."), or
    that they are of the maker's team and what it makes ("Priya here from the solutions team at Tallyo. So we have a
    certified connector ..."), and that one's later answers about the product on the channel ("It's included in the
    standard tier, you'd just need an Entra app registration on your side."): not the buyer, so never quoted. The
    buyer's own first turn is never one."""
    channels = {buyer for buyer in buyers if is_placeholder(buyer)}
    first = {turn.speaker: index for index, turn in reversed(list(enumerate(turns)))}
    found: set[int] = set()
    makers: set[str] = set()  # channels on which one of the maker's people spoke up
    said: Counter[str] = Counter()
    for index, turn in enumerate(turns):
        said[turn.speaker] += 1
        if turn.speaker not in channels or index == first[turn.speaker]:
            continue
        new = _NEW_VOICE.match(turn.text) or _VOICE_HERE.match(turn.text)
        if new and _OBSERVING.search(turn.text):
            found.add(index)
        # once the buyer has had their say (not the buyer's own late hello: "Hi, Nadia here from the AP team")
        elif (
            new
            and said[turn.speaker] > _BUYER_FIRST
            and (_FROM_A_TEAM.search(turn.text) or _VENDOR_TALK.search(turn.text))
        ):
            found.add(index)
            makers.add(turn.speaker)
        elif turn.speaker in makers and (_MAKER_REPLY.search(turn.text) or _VENDOR_TALK.search(turn.text)):
            found.add(index)
    return found


_OUTSIDE_MARK = re.compile(r"[ \t]*\((?:external|guest)\)", re.I)
_BEFORE_A_LABEL = r"(?:<v(?:\.[^\s>]*)?\s+|[\[(]?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]?[ \t]+)?"
"""What a label may follow on its line: a WebVTT voice tag's opening, a time stamp."""


def same_tenant(text: str, people: Sequence[str], interviewer: str) -> set[str] | None:
    """The speakers on the ``interviewer``'s side by the mark Teams puts on every label from outside the organiser's
    company ("Samira Patel (External)", "(Guest)") and on none from inside: those marked as the interviewer is, or
    unmarked as the interviewer is (an unintroduced solutions engineer answering the buyer's questions was a buyer:
    tester 38). None where ``text`` marks no one, or everyone the same way."""
    marked = {
        speaker for speaker in people
        if _OUTSIDE_MARK.search(speaker)  # the label as the turn keeps it ("<v Samira Patel (External)>")
        or re.search(rf"^[ \t]*{_BEFORE_A_LABEL}{re.escape(speaker)}{_OUTSIDE_MARK.pattern}", text, re.M | re.I)
    }  # fmt: skip
    if not marked or len(marked) == len(people):
        return None
    return {speaker for speaker in people if speaker != interviewer and (speaker in marked) == (interviewer in marked)}
