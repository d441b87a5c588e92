"""Buyer turns → passages: the stretches of one buyer's speech that the segmenter reads as one text.

Consecutive turns of the same buyer form one passage (transcript exports often cut a sentence across cues or
paragraphs); the text between those turns (cue timings, repeated labels) is recorded as removed, like a filler, so a
quote may run across the cut and still be checked against its source. Each passage carries the interviewer's last
question before it, and its clean text with the source offset of every character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .annotations import structural_removals
from .cleanup import Removal, is_acknowledgement, merge_removals
from .ingest.cues import CUE_TAG
from .ingest.said_names import said_name
from .ingest.sides import CONFIDENT
from .ingest.speaker_names import is_placeholder, label_aliases
from .ingest.vendor_side import other_voices_on_a_channel
from .off_record import after_the_call, off_the_record
from .records import Interview, SpeakerRoles, Turn
from .wording import UNFINISHED

_WORD = re.compile(r"[\w'’-]+")
_QUESTION = re.compile(r"[^.?!]*\?")


@dataclass
class Passage:
    """Consecutive turns of one buyer read as one text, with what is removed between and within them."""

    interview: Interview
    speaker: str
    turns: list[Turn]
    removed: list[Removal]
    """Structural removals: gaps between the turns, time stamps and annotations left in the text."""
    question: str
    speaker_uncertain: bool
    clean: str = ""
    """The text spaCy reads (``clean_with_map``): structural removals gone, whitespace collapsed."""
    source_of: tuple[int, ...] = ()
    """The source offset of each character of ``clean``."""


def is_backchannel(text: str, backchannels: frozenset[str], min_words: int = 2) -> bool:
    """Nothing but back-channel words ("Yeah, right."), or fewer than ``min_words`` words."""
    words = _WORD.findall(text.lower())
    return len(words) < min_words or all(word in backchannels for word in words)


def _names_itself(label: str, turns: tuple[Turn, ...]) -> bool:
    """Whether the voice under a placeholder ``label`` gives a name the call confirms (``said_name``)."""
    own = " ".join(t.text for t in turns if t.speaker == label)
    return bool(said_name(label, own, " ".join(t.text for t in turns if t.speaker != label)))


def buyer_passages(
    interview: Interview, speakers: SpeakerRoles, fillers: re.Pattern[str], backchannels: frozenset[str]
) -> list[Passage]:
    """Buyer turns grouped into passages: a sentence cut across two turns of one buyer (as cue exports do) is
    read as one; interviewer turns give the question; unidentified speakers' turns, and what is said off the record
    (``off_the_record``), are left out."""
    passages: list[Passage] = []
    question = ""
    current: Passage | None = None
    acknowledged = False  # the interviewer said "Mm-hmm." into the current passage's unfinished sentence
    named_buyers = [b for b in speakers.buyers if not is_placeholder(b)]
    turns = interview.turns
    tagged_on = {i for i in range(len(turns) - 1) if _in_one_cue(turns[i], turns[i + 1], interview.text)}
    unquoted = off_the_record(turns, speakers.buyers) | other_voices_on_a_channel(turns, speakers.buyers)
    unquoted |= set(range(after_the_call(turns), len(turns)))  # the research team's debrief once the buyer left
    rejoined_as = label_aliases(turns) if any(is_placeholder(b) for b in speakers.buyers) else {}
    # An unnamed voice beside a named buyer who says who they are ("Speaker 3: ... It's Nkechi, Nkechi Obi") is
    # that person, no one unsure (tester 37).
    named_voices = {b for b in speakers.buyers if named_buyers and is_placeholder(b) and _names_itself(b, turns)}
    for index, turn in enumerate(turns):
        if turn.speaker in speakers.uncertain or index in unquoted:
            current, acknowledged = None, False
            continue
        if turn.speaker not in speakers.buyers:
            if not is_backchannel(turn.text, backchannels):
                question = _last_question(turn.text, fillers)
            # A quote runs over another voice's words only where that voice acknowledged a sentence the buyer
            # then finishes ("our GMs" / "Mm-hmm." / "only read email on Fridays"); the audit checks it.
            unfinished = current is not None and not acknowledged and not _ends_sentence(current.turns[-1].text)
            acknowledged = unfinished and is_acknowledgement(turn.text)
            current = current if acknowledged else None
            continue
        same = current is not None and current.speaker == turn.speaker
        # Words a caption tag set apart ("said <i>no</i> to") are the sentence's, whatever they are.
        in_cue = same and index - 1 in tagged_on and current is not None and current.turns[-1] is turns[index - 1]
        tagged = in_cue or (index in tagged_on and turns[index + 1].speaker == turn.speaker)
        if (
            not tagged
            and is_backchannel(turn.text, backchannels, min_words=1)
            and not _word_of_a_sentence(turns, index, current if same else None)
        ):
            current, acknowledged = None, False  # a passage never runs over a turn it leaves out
            continue
        quoted = interview.format == "csv" and interview.text[turn.start_char - 1 : turn.start_char] == '"'
        structure = structural_removals(turn.text, turn.start_char, quoted)
        if current is not None and same and (in_cue or _continues(current.turns[-1], turn, acknowledged)):
            if acknowledged and not in_cue:
                current.removed.append((current.turns[-1].end_char, turn.start_char, "backchannel"))
            else:
                current.removed.extend(_gap(interview.text, current.turns[-1].end_char, turn.start_char, in_cue))
            current.turns.append(turn)
            current.removed.extend(structure)
        else:
            # An unnamed voice beside a named buyer may be anyone, unless the call says it is that buyer back
            # ("Speaker 3": "Sorry, I'm back." / "welcome back Priyanka").
            unnamed = is_placeholder(turn.speaker) and rejoined_as.get(turn.speaker) not in named_buyers
            unnamed = unnamed and turn.speaker not in named_voices
            uncertain = speakers.confidence < CONFIDENT or (unnamed and bool(named_buyers))
            current = Passage(interview, turn.speaker, [turn], list(structure), question, uncertain)
            passages.append(current)
        acknowledged = False
    for passage in passages:
        passage.removed = merge_removals(passage.removed)
    return passages


_MARKUP = CUE_TAG
_MARKUP_ONLY = re.compile(rf"(?:{CUE_TAG.pattern}|[\s.,;:!?…'\"”’()-])*")
_MARKUP_THEN_STOP = re.compile(rf"(?:{CUE_TAG.pattern})+([.!?…]+)")


def _in_one_cue(previous: Turn, turn: Turn, text: str) -> bool:
    """Two turns of one caption cue with only tags between them (``<i>``, ``{\\i1}``, ``<00:00:53.596><c>``)."""
    if previous.start is None or (previous.start, previous.end) != (turn.start, turn.end):
        return False
    between = text[previous.end_char : turn.start_char]
    return _MARKUP.search(between) is not None and _MARKUP_ONLY.fullmatch(between) is not None


def _gap(text: str, start: int, end: int, in_cue: bool) -> list[Removal]:
    """What is removed between two turns read as one passage: within a cue only its tags, so the spaces and marks
    between them stay ("said <i>no</i> to"); across cues all of it but a full stop straight after a closing tag
    ("never again{\\i0}." then the next cue)."""
    if in_cue:
        return [(m.start(), m.end(), "gap") for m in _MARKUP.finditer(text, start, end)]
    stop = _MARKUP_THEN_STOP.match(text, start, end)
    if stop is None:
        return [(start, end, "gap")]
    return [(start, stop.start(1), "gap"), (stop.end(1), end, "gap")]


def _word_of_a_sentence(turns: tuple[Turn, ...], index: int, current: Passage | None) -> bool:
    """Whether turn ``index``, a back-channel word alone ("of", "it", "no,"), is a word of its speaker's sentence cut
    into a cue a word, as word-level captions are (tester 16): it goes on with the unfinished sentence of
    ``current`` (the passage of its speaker being read), or its own unfinished sentence goes on in the next turn."""
    turn = turns[index]
    if current is not None and not _ends_sentence(current.turns[-1].text) and _continues(current.turns[-1], turn):
        return True
    after = turns[index + 1] if index + 1 < len(turns) else None
    return (
        after is not None
        and after.speaker == turn.speaker
        and not _ends_sentence(turn.text)
        and _continues(turn, after)
    )


def _continues(previous: Turn, turn: Turn, acknowledged: bool = False) -> bool:
    """A turn that goes on with the previous one's sentence (no full stop before, and a small letter after, a comma
    or a word before that no clause ends on: "it's wrong by" / "Tuesday.", "the app they use," / "ServiceMax, so
    ..."), a name cut in two ("at Eastbrook" / "University."), after a trailing "…" when a small letter follows, or
    after a fragment ("Breakage." in a cue of its own; not over another voice's acknowledgement)."""
    if len(_WORD.findall(previous.text)) <= 3 and not acknowledged:
        return True
    if _ends_sentence(previous.text):
        # "... we had to…" / "ship it anyway": a voice trailing off mid-sentence, not a full stop ("oh, and one
        # more thing" starts another)
        trailing = previous.text.rstrip().endswith(("…", "..."))
        return trailing and turn.text[:1].islower() and not _STARTS_AGAIN.match(turn.text)
    last = _WORD.findall(previous.text.lower())[-1:]
    # "at Eastbrook" / "University. I look after ...": a name cut between two cues
    named = bool(_NAME_END.search(previous.text)) and bool(_NAME_START.match(turn.text))
    return (
        _goes_on(turn, previous)
        or previous.text.rstrip().endswith(",")
        or (bool(last) and last[0] in _OPEN_ENDED)
        or named
    )


_NAME_END = re.compile(r"\b(?!I\b)[A-Z][a-z][\w'’-]*[ \t]*$")
# The name's end alone up to a stop: "University.", "Freight Lines,"; never a sentence ("She said no.").
_NAME_START = re.compile(
    r"[ \t]*(?!(?:Yes|Yeah|No|Nope|Okay|Ok|Right|Sure|Exactly|Thanks|Well|So|Anyway|Absolutely|Correct)\b)"
    r"(?:(?!I\b|I['’])[A-Z][a-z][\w'’-]*[ \t]*)+[.,;:!?](?:\s|$)"
)


_STARTS_AGAIN = re.compile(r"(?:oh|and|anyway|so|well|but|okay|ok|also|yeah|right)\b", re.I)
_OPEN_ENDED = UNFINISHED | {
    "by", "at", "from", "into", "onto", "than", "as", "per", "via", "until", "between", "through", "across", "within",
    "against", "towards", "toward", "its", "including", "versus", "vs", "despite", "whose", "whereas", "unlike",
    "among", "amongst", "throughout", "upon", "beside", "besides", "regarding", "concerning",
    # "Nothing gets signed unless" / "Legal has seen it", "... during" / "Q4" (tester 16)
    "unless", "when", "during", "without", "whether", "while", "although", "though", "where", "which", "whenever",
    "wherever",
}  # fmt: skip
"""Words a clause does not end on; a cue that ends on one is cut mid-sentence, whatever letter the next starts with."""


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!", "…", '"', "”", ")"))


# The middle of a sentence: a small letter, a digit, or a name opening with a dot (".NET").
_GOES_ON = re.compile(r"\d|\.[A-Za-z]")
_AMOUNT = re.compile(r"[$£€¥₹]\s?\d")
# Words an amount follows: a cue that ends on one and a next that opens with "$1.2 million" are one sentence.
_BEFORE_AMOUNT = frozenset({"about", "over", "under", "around", "roughly", "nearly", "almost", "approximately",
                            "cost", "costs", "spent", "spend", "spends", "paid", "pay", "pays", "saved", "save",
                            "saves", "worth", "charged", "charge", "lost", "lose", "budget", "quoted", "spending",
                            "paying", "costing", "saving", "losing", "charging", "want", "wants", "wanted",
                            "asked", "asking", "offered", "billed", "invoiced"})  # fmt: skip


def _goes_on(turn: Turn, previous: Turn) -> bool:
    """A turn that starts in the middle of ``previous``'s sentence: with a small letter, a digit or ".NET", or with
    an amount after a word an amount follows ("it cost us about" / "$1.2 million")."""
    if turn.text[:1].islower() or _GOES_ON.match(turn.text) is not None:
        return True
    last = _WORD.findall(previous.text.lower())[-1:]
    return bool(last) and last[0] in _BEFORE_AMOUNT and _AMOUNT.match(turn.text) is not None


def _last_question(text: str, fillers: re.Pattern[str]) -> str:
    questions = _QUESTION.findall(text)
    context = questions[-1] if questions else text[-300:]
    return " ".join(fillers.sub(" ", context).split()).lstrip(",. ")


def clean_with_map(passage: Passage) -> tuple[str, tuple[int, ...]]:
    """The passage's text with structural removals and extra whitespace gone, and each character's source offset."""
    source = passage.interview.text
    start, end = passage.turns[0].start_char, passage.turns[-1].end_char
    chars: list[str] = []
    offsets: list[int] = []
    cuts = iter(passage.removed)
    cut = next(cuts, None)
    position = start
    last_was_space = True
    while position < end:
        if cut is not None and position >= cut[0]:
            if position < cut[1]:
                if not last_was_space:
                    chars.append(" ")
                    offsets.append(position)
                    last_was_space = True
                position = cut[1]
            cut = next(cuts, None)
            continue
        char = source[position]
        if char.isspace():
            if not last_was_space:
                chars.append(" ")
                offsets.append(position)
                last_was_space = True
        else:
            chars.append(char)
            offsets.append(position)
            last_was_space = False
        position += 1
    return "".join(chars), tuple(offsets)


def to_source(passage: Passage, found: Removal) -> list[Removal]:
    """A removal found in the clean text as source ranges, leaving out the structural removals it spans."""
    clean_start, clean_end, reason = found
    start, end = passage.source_of[clean_start], passage.source_of[clean_end - 1] + 1
    pieces: list[Removal] = []
    for cut_start, cut_end, _ in passage.removed:
        if cut_end <= start or cut_start >= end:
            continue
        if cut_start > start:
            pieces.append((start, cut_start, reason))
        start = max(start, cut_end)
    if start < end:
        pieces.append((start, end, reason))
    return pieces
