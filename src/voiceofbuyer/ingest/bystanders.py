"""Voices on neither side of an interview, never quoted: one that only runs the call (it is on the interviewing
side), an announcement, a colleague who brings the others together and leaves, a receptionist who puts the call
through, a voice that breaks in and is apologised for, an interpreter, and an unnamed voice heard in passing.
``sides`` sets them apart before telling the interviewer from the buyers."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from voiceofbuyer.ingest.askers import SITUATION_QUESTION, asks_most_questions
from voiceofbuyer.ingest.speaker_names import given_name, is_placeholder, is_uncertain
from voiceofbuyer.introductions import stated_title
from voiceofbuyer.job_questions import ASKS_OWN_JOB
from voiceofbuyer.records import Interview
from voiceofbuyer.remarks import LEAVES_THE_CALL, is_small_talk

INTERVIEWER_LABEL = re.compile(
    r"(?:interviewers?|moderator|facilitator|researcher|host|intervieweur|assistant|agent|(?-i:AI)|bot|q|question|me"
    r"|interviewer\s*notes)[\s_]*\d*",
    re.I,
)
BUYER_LABEL = re.compile(
    r"(?:interviewee|respondent|participant|customer|buyer|guest|candidate|user|adopter|client|prospect|a|answer"
    r"|them)[\s_]*\d*",
    re.I,
)


def neither_side(speaker: str, interview: Interview) -> bool:
    """Whether ``speaker`` is on neither side: marked uncertain by the tool ("Speaker ?"), heard in passing, bringing
    the others together and leaving, interpreting, announcing or breaking in."""
    return (
        is_uncertain(speaker)
        or _passing_voice(speaker, interview)
        or _brings_and_leaves(speaker, interview)
        or _interprets(speaker, interview)
        or _announces(speaker, interview)
        or _interrupts(speaker, interview)
    )


# Words about the call itself: "Is it recording?", "I'll stop the recording", "Can you hear me?", "You're on mute".
_ABOUT_THE_CALL = re.compile(
    r"\b(?:recording|record\s+(?:this|it)|transcri(?:be|bing|ption)|(?:on|off)\s+mute|unmute|muted"
    r"|hear\s+(?:me|us)|see\s+my\s+screen|share\s+my\s+screen|let\s+(?:him|her|them|people)\s+in|waiting\s+room"
    r"|(?:joined|joining|dropped|dropping)\s+(?:the\s+call|off|in)|connection|audio)\b",
    re.I,
)


def runs_the_call(speaker: str, interview: Interview) -> bool:
    """A voice that only runs the call: two turns or more, every one about the recording or the connection ("Is it
    recording?", "Thanks, guys. I'll stop the recording."), or greetings and thanks; at most 40 words, beside two
    other speakers. Whoever it is, it is on the interviewing side (it started the recording), and never a buyer."""
    own = [turn.text for turn in interview.turns if turn.speaker == speaker]
    if len(own) < 2 or sum(len(text.split()) for text in own) > 40 or len({t.speaker for t in interview.turns}) < 3:
        return False  # heard once, it could be anyone's remark (or a guide's "Wrap-up: stop recording.")
    pieces = [piece for text in own for piece in re.split(r"(?<=[.?!])\s+", text) if piece.strip()]
    return any(_ABOUT_THE_CALL.search(piece) for piece in pieces) and all(
        _ABOUT_THE_CALL.search(piece) or is_small_talk(piece) or len(piece.split()) <= 3 for piece in pieces
    )


# What a recorded announcement says: "This meeting is being recorded.", "By staying in the meeting, you consent to
# being recorded.", "This call may be recorded for quality and training purposes."
_NOTICE = re.compile(
    r"\b(?:(?:is|are)\s+being|may\s+be|will\s+be)\s+(?:recorded|transcribed|monitored)|consent\s+to\s+(?:being\s+)?"
    r"record|recording\s+(?:has\s+)?(?:started|stopped|in\s+progress)|for\s+quality\s+and\s+training"
    r"|thank\s+you\s+for\s+calling|please\s+(?:hold|stay\s+on\s+the\s+line)",
    re.I,
)


def _announces(speaker: str, interview: Interview) -> bool:
    """A voice that only gives a recorded announcement (a diarizer's "Speaker 3" for "This meeting is being
    recorded. By staying in the meeting, you consent to being recorded."): every sentence a notice, at most 40
    words. A machine's words, nobody's in the interview."""
    own = [turn.text for turn in interview.turns if turn.speaker == speaker]
    sentences = [piece for text in own for piece in re.split(r"(?<=[.?!])\s+", text) if piece.strip()]
    words = sum(len(text.split()) for text in own)
    return 0 < words <= 40 and all(_NOTICE.search(piece) for piece in sentences)


def _brings_and_leaves(speaker: str, interview: Interview) -> bool:
    """A colleague who brings the others together and leaves before the interview starts ("Sam, Laura is our VP of
    finance ... I'm going to drop off, I have a conflict"): every turn before the first question about someone's job
    or work, at most 80 words, one of them leaving the call, beside two others who talk after. Neither side's
    words: never quoted as a buyer's, never read as the interviewer."""
    turns = interview.turns
    first_question = next(
        (i for i, t in enumerate(turns) if t.speaker != speaker
         and (ASKS_OWN_JOB.search(t.text) or SITUATION_QUESTION.search(t.text))),
        None,
    )  # fmt: skip
    own = [i for i, t in enumerate(turns) if t.speaker == speaker]
    if first_question is None or not own or own[-1] > first_question:
        return False
    later = {t.speaker for t in turns[first_question:]}
    words = sum(len(turns[i].text.split()) for i in own)
    hands_over = any(LEAVES_THE_CALL.search(turns[i].text) or _PUTS_THROUGH.search(turns[i].text) for i in own)
    return words <= 80 and len(later - {speaker}) >= 2 and hands_over


# A receptionist or assistant answering the phone before the interview: "Arden Physio, Claire's office. Who's
# calling, please?", "One moment, I'll put you through." (tester 26)
_PUTS_THROUGH = re.compile(
    r"\b(?:put(?:ting)?\s+you\s+through|transfer(?:ring)?\s+you|connect(?:ing)?\s+you\s+(?:now|to|with)"
    r"|who(?:['’]s|\s+is)\s+calling)\b",
    re.I,
)


def _interrupts(speaker: str, interview: Interview) -> bool:
    """A voice that breaks into the interview for a moment, after which someone apologises for it ("Sorry Sam, quick
    one, the client in Leeds is on the phone again ..." / "Tell them I'll call back, Dev." / "Sorry about that,
    Helen."; tester 26): at most three turns and 80 words, no job of its own, beside two others who talk more. Its
    words belong to neither side's interview: never quoted."""
    turns = interview.turns
    own = [i for i, t in enumerate(turns) if t.speaker == speaker]
    words = Counter()
    for turn in turns:
        words[turn.speaker] += len(turn.text.split())
    if not own or len(own) > 3 or words[speaker] > 80 or stated_title([turns[i].text for i in own]):
        return False
    if sum(1 for other, count in words.items() if other != speaker and count > words[speaker]) < 2:
        return False
    after = next((t for t in turns[own[-1] + 1 :] if t.speaker != speaker), None)
    return after is not None and _SORRY_FOR_THAT.match(after.text) is not None


_SORRY_FOR_THAT = re.compile(
    r"\W*(?:(?:ok(?:ay)?|right|so|oh)\W+)*(?:sorry\s+about\s+that|sorry\s+for\s+(?:the|that)\s+interruption"
    r"|apologies\s+(?:for|about)\s+(?:that|the\s+interruption)|where\s+were\s+we)\b",
    re.I,
)


_INTERPRETING = r"(?:interpret(?:ing|er)|translat(?:ing|or)|doing\s+the\s+(?:interpreting|translation))"


_SAYS_THEY_INTERPRET = re.compile(
    r"\bI(?:['’]ll|\s+will|['’]m\s+going\s+to|\s+am\s+going\s+to|['’]m\s+here\s+to|\s+can)\s+(?:be\s+)?"
    r"(?:translat(?:e|ing)|interpret(?:ing)?)\s+for\s+(?:him|her|them|you)\b"
    r"|\bI(?:['’]m|\s+am)\s+(?:the|your|his|her|their)\s+(?:interpreter|translator)\b",
    re.I,
)


def _interprets(speaker: str, interview: Interview) -> bool:
    """An interpreter: labelled so ("Lucía Ferrer (Interpreter)", "Translator"), thanked or introduced for it by
    another speaker ("thank you, Yuki, for interpreting", "Inês will be translating", "Lucia is joining us today to
    translate"), or saying so ("I'll translate for him"). Their words render the others'
    ("He says the biggest problem is ...", the questions in the buyer's language): neither side's own, never quoted."""
    if re.fullmatch(rf"{_INTERPRETING}[\s_]*\d*", speaker.strip(), re.I) or re.search(
        rf"{re.escape(speaker)}\s*[(\[](?:interpreter|translator)[)\]]", interview.text, re.I
    ):
        return True
    name = re.escape(given_name(speaker))
    others = " ".join(turn.text for turn in interview.turns if turn.speaker != speaker)
    own = " ".join(turn.text for turn in interview.turns if turn.speaker == speaker)
    if _SAYS_THEY_INTERPRET.search(own):
        return True  # "I'm his colleague from the planning office, I'll translate for him." (tester 23)
    # No other name between: "thank you, Matthias, and thank you, Lena, for translating" thanks Lena for it;
    # "Lucia is joining us today to translate" (tester 23).
    return re.search(rf"\b{name}\b(?:(?!(?-i:[A-Z]))[^.?!]){{0,30}}\bfor\s+{_INTERPRETING}"
                     rf"|\b{name}\s+(?:is|will\s+be)\s+{_INTERPRETING}"
                     rf"|\b{name}\s+(?:is|will\s+be|['’]s)\s+(?:here|joining(?:\s+us)?|with\s+us)(?:\s+today)?\s+to\s+"
                     r"(?:translate|interpret)\b", others, re.I) is not None  # fmt: skip


def _passing_voice(speaker: str, interview: Interview) -> bool:
    """An unnamed voice heard once or twice in passing, 25 words at most ("Speaker 3: Sorry, I joined late"),
    beside a speaker who talks at length: who it is cannot be told, so it is nobody's words. A role label heard so
    beside two people who talk at length ("Interviewer: Sorry, I had to step out." in a dialogue of Lee Park and Kate
    Ng) is such a voice too: taken as a label, it would name the sides, and put the one who asks every question among
    the buyers."""
    if not is_placeholder(speaker):
        return False
    turns = Counter(turn.speaker for turn in interview.turns)
    own = [turn.text for turn in interview.turns if turn.speaker == speaker]
    words = sum(len(text.split()) for text in own)
    if turns[speaker] > 2 or words > 25:
        return False
    if turns[speaker] == 2:
        # Twice is in passing beside an answerer who says three times as much: "Sorry, can I just grab the charger?
        # Thanks, carry on." ... "And half of them forget, honestly." (tester 26: an Otter "Unknown Speaker" beside
        # the buyer's "Speaker 2"); not a short interview's own buyer, answering in two short turns, nor a second
        # interviewer asking two short questions.
        if all(text.rstrip().endswith("?") for text in own):
            return False
        said = [(turn.speaker, turn.text) for turn in interview.turns]
        asker = asks_most_questions(said)
        answered = Counter()
        for who, text in said:
            answered[who] += len(text.split()) if who not in (speaker, asker) else 0
        if not answered or max(answered.values()) < 3 * words:
            return False
    if stated_title(own) or _vouched_for(speaker, interview):
        return False  # "Sorry to jump in, this is Renee, I'm the security officer at Beacon": who it is, it says
    if BUYER_LABEL.fullmatch(speaker) or INTERVIEWER_LABEL.fullmatch(speaker):
        return sum(1 for other, count in turns.items() if other != speaker and count >= 3) >= 2
    return len(turns) > 2 and max(turns.values()) >= 3


_VOUCHES = re.compile(
    r"\W*(?:(?:yeah|yes|yep|right|so|sorry)[,.!]?\s+)*(?:that['’]s|that\s+is|that\s+was)\s+"
    r"(?:(?-i:[A-Z][\w'’-]+),?\s+(?:our|my)\s+[\w-]+|(?:our|my)\s+(?:colleague|boss|deputy|[\w-]+\s+(?:manager|director"
    r"|lead|officer|head|partner|administrator|coordinator)))\b",
    re.I,
)


def _vouched_for(speaker: str, interview: Interview) -> bool:
    """Whether the turn after one of ``speaker``'s, by someone else, says who they are as a colleague: "Speaker 3:
    Sorry, can I just add, from the finance side, we also can't claim the insurance ..." / "Speaker 2: Yeah, that's
    Joanne, our business manager." (tester 32: her words were nobody's)."""
    turns = interview.turns
    return any(
        turn.speaker == speaker and after.speaker != speaker and _VOUCHES.match(after.text)
        for turn, after in pairwise(turns)
    )
