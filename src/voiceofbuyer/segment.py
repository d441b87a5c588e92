"""Buyer turns → ``Statement``s: sentence-sized spans, cleaned of disfluencies, with their source span.

Consecutive turns of the same buyer form one passage (transcript exports often cut a sentence across
cues or paragraphs); the text between those turns (cue timings, repeated labels) is recorded as removed,
like a filler, so a quote may run across the cut and still be checked against its source.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .cleanup import (
    Removal,
    apply_cleanup,
    clip_removals,
    disfluencies,
    filler_pattern,
    is_acknowledgement,
    merge_removals,
    structural_removals,
)
from .config import ModelsConfig, SegmentConfig
from .errors import ConfigError
from .ingest.cues import CUE_TAG
from .ingest.sides import CONFIDENT, is_placeholder
from .pos_ruler import use_pos_ruler
from .records import Interview, SpeakerRoles, Statement, Turn
from .wording import RESTARTED, UNFINISHED, NounChunks, frames_a_clause, keyphrases, stands_alone

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

_WORD = re.compile(r"[\w'’-]+")
_QUESTION = re.compile(r"[^.?!]*\?")
_CLAUSE_BREAK = re.compile(r"(?:,\s+(?:and|but|so|because|which)\s|;\s|\s+and\s+then\s)", re.I)
_MIN_SPLIT_WORDS = 5
# At most four words ending on one a clause does not end on (``UNFINISHED``), a comma, then a new clause: a start
# given up ("It's, it's easy", "We were quite, maybe we"). Not "These latencies are, can be caused" (no new subject)
# nor "Some projects were like, you know, proof of concept" (a filler, not a new start).
_BROKEN_OPENING = re.compile(r"(?:[\w'’]+ ){0,3}" + RESTARTED, re.I)
# Discourse markers a statement may open with; the quote starts after them ("And, so we chase..." → "We chase...").
# Without a comma, only before the start of a clause: "So far", "Well over half", "And then" mean what they say.
# "Oh", "I mean", "you know", "like", "right", "now" and "look" only with a comma: "Oh no", "I mean it", "You know
# the answer", "Like I told Sam", "Right now we", "Look at the backlog" are said, not filled.
_LEADING_MARKERS = re.compile(
    # "Well in excess of", "well before the deadline": "well" says how much
    r"(?!well\s+(?:in\s+excess|before|after|beyond|above|below)\b)"
    r"(?:(?:and|so|but|well|yeah|yes|okay|ok|anyway)\b(?:[,.]|(?=\s+(?:i|i'm|i've|i'd|i'll|we|we're|we've|we'd|you"
    r"|you're|they|they're|he|she|it|it's|there|there's|this|that|that's|these|those|the|our|my|a|an|what|when|if"
    r"|basically|honestly|obviously|in|at|for|on|after|before|because|most|some|all|every|one|nobody|everyone)\b))"
    r"|(?:oh|i mean|you know|like|right|now|look)[,.])(?=\s)",
    re.I,
)


@lru_cache(maxsize=2)
def load_spacy(name: str) -> Language:
    """A spaCy pipeline by package name or local directory, without the components the segmenter never reads
    (named entities and lemmas: a tenth of the pipeline's time), its attribute ruler cut to the part of speech
    (``pos_ruler``: a quarter of the rest)."""
    import spacy

    target: str | Path = Path(name) if Path(name).is_dir() else name
    try:
        nlp = spacy.load(target, exclude=["ner", "lemmatizer"])
    except OSError as error:  # the setting's fault, not any interview's: one line for the run
        raise ConfigError(
            f"spaCy pipeline {name!r} could not be loaded ({str(error)[:160]}) (fix: set [models] spacy, or the "
            "language's [models.languages] entry, to an installed spaCy package or a pipeline directory)"
        ) from error
    return use_pos_ruler(nlp)


def check_spacy(name: str) -> None:
    """``ConfigError`` when ``name`` is neither an installed spaCy package nor a directory (without loading it)."""
    import spacy

    folder = (
        Path(name)
        if Path(name).is_dir()
        else spacy.util.get_package_path(name)
        if spacy.util.is_package(name)
        else None
    )
    if folder is None or not any((place / "meta.json").is_file() for place in (folder, *folder.glob("*/"))):
        raise ConfigError(
            f"[models] spacy: {name!r} is no installed spaCy package or pipeline folder (fix: set [models] spacy, or "
            "the language's [models.languages] entry, to an installed spaCy package or a pipeline directory)"
        )


@dataclass
class _Passage:
    interview: Interview
    speaker: str
    turns: list[Turn]
    removed: list[Removal]
    """Structural removals: gaps between the turns, time stamps and annotations left in the text."""
    question: str
    speaker_uncertain: bool
    clean: str = ""
    source_of: tuple[int, ...] = ()


def segment(
    interviews: Iterable[tuple[Interview, SpeakerRoles]],
    config: SegmentConfig,
    nlp: Language,
    progress: Callable[[int], None] = lambda _: None,
) -> dict[str, list[Statement]]:
    """Statements per interview id, in source order.

    spaCy reads each passage with its fillers in place (it tags "um" as an interjection, "ER" as a name), so the
    clean-up can tell a filler from a word; sentence bounds, and so statement ids, do not depend on the
    clean-up settings.
    """
    fillers = filler_pattern(config.fillers)
    backchannels = frozenset(config.backchannels)
    passages: list[_Passage] = []
    statements: dict[str, list[Statement]] = {}
    for interview, speakers in interviews:
        statements[interview.id] = []
        passages.extend(_passages(interview, speakers, fillers, backchannels))
    for passage in passages:
        passage.clean, passage.source_of = _clean_with_map(passage)
    docs = nlp.pipe((p.clean for p in passages), batch_size=64)
    for passage, doc in zip(passages, docs, strict=True):
        removed = merge_removals(
            passage.removed
            + [piece for found in disfluencies(passage.clean, doc, fillers) for piece in _to_source(passage, found)]
        )
        chunks = NounChunks(doc)
        for sentence in _sentences(doc, backchannels):
            for clean_start, clean_end in _split_long(sentence.text, sentence.start_char, config.max_words):
                statement = _statement(passage, sentence, chunks, clean_start, clean_end, removed, backchannels)
                if statement is not None:
                    statements[passage.interview.id].append(statement)
        progress(1)
    return statements


def _sentences(doc: Doc, backchannels: frozenset[str]) -> list[Span]:
    """spaCy's sentences, a fragment joined with the sentence after it: "Breakage. One parcel in twenty arrives
    broken." is one thought, and "Breakage." alone stands for nothing."""
    sentences = _punctuated_sentences(doc)
    joined: list[Span] = []
    start: int | None = None
    for index, sentence in enumerate(sentences):
        first = sentence.start if start is None else start
        if _is_fragment(sentence, backchannels) and index + 1 < len(sentences):
            start = first
            continue
        joined.append(doc[first : sentence.end])
        start = None
    return joined


def _punctuated_sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences, but in punctuated text only where the speaker's sentence ends: the parser also breaks where
    no punctuation does ("The numbers are right, by right" | "I mean reconciled in BlackLine"), and such a part
    stands for nothing alone. Unpunctuated text (automatic captions) keeps the parser's breaks."""
    sentences = list(doc.sents)
    if not any(token.text in _SENTENCE_ENDS for token in doc):
        return sentences
    merged: list[Span] = []
    for sentence in sentences:
        before = [t for t in merged[-1] if not t.is_space] if merged else []
        # "(wow! what a great idea!) when I brainstorm", 'asked, "Why are we paying twice?" and I had no answer':
        # after a bracket, or a quoted question or exclamation, a word in small letters goes on with the sentence
        # ('"the black hole." eBay is ...' does not).
        aside_goes_on = bool(before) and _goes_on_after(before, sentence)
        if before and (aside_goes_on or not _ends_with_sentence_end(before)):
            merged[-1] = doc[merged[-1].start : sentence.end]
        else:
            merged.append(sentence)
    return merged


def _goes_on_after(before: list[Token], sentence: Span) -> bool:
    """Whether ``sentence`` goes on with the one whose tokens are ``before``, ended by a bracket or a quoted ``?``
    or ``!``: its first word is in small letters only."""
    first = sentence.text.lstrip().split(maxsplit=1)[0] if sentence.text.strip() else ""
    if not first.islower():
        return False
    last = before[-1].text
    if last.endswith(")"):
        return True
    if not last.endswith(('"', "”")) or len(before) < 2:
        return False
    inside = last.rstrip('"”')  # '?"' as one token, or '"' after a "?" of its own
    return inside[-1] in "?!" if inside else before[-2].text in ("?", "!")


_SENTENCE_ENDS = frozenset({".", "?", "!", "…", "...", "?!", "!?", "..", "....", ".?", "?."})
_CLOSERS = ('"', "”", ")", "’", "'")


def _ends_with_sentence_end(tokens: list[Token]) -> bool:
    """Whether tokens end a sentence: on its punctuation, or a quote or bracket closed after it ('... "stop."',
    '(... at all.)'); a bracket closed after words ("Lovely product (genuinely, the UI is great) but ...") does not,
    nor a mark inside a bracket opened a few words before ("... too validating (wow! it agrees ...)")."""
    last = tokens[-1].text
    recent = "".join(t.text for t in tokens[-6:])
    if recent.count("(") > recent.count(")"):
        return False  # an aside just opened goes on: "AI can be too validating (wow! it agrees with everything)"
    if last in _SENTENCE_ENDS:
        return True
    if not last.endswith(_CLOSERS):
        return False
    inside = last.rstrip("".join(_CLOSERS))
    before = inside if inside else (tokens[-2].text if len(tokens) > 1 else "")
    return before[-1:] in (".", "?", "!", "…")


def _is_fragment(sentence: Span, backchannels: frozenset[str]) -> bool:
    """A few words with no verb that are not a back-channel ("No-shows.", "Currency revaluation.", "ADP.",
    "Both.")."""
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    if not words or len(words) > 3 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    return _says_something(words, backchannels)


_NO_CONTENT_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE", "INTJ"})
_EMPTY_WORDS = frozenset({"i", "we", "you", "it", "they", "he", "she", "a", "an", "the", "this", "that"})


def _says_something(words: list[Token], backchannels: frozenset[str]) -> bool:
    """Words that answer something ("ADP.", "Both.", "Literally."): not only back-channel words, nor a false start
    ("On.", "The.", "We.") that no topic or answer is in."""
    if all(t.lower_ in backchannels for t in words):
        return False
    return any(t.pos_ not in _NO_CONTENT_POS and t.lower_ not in _EMPTY_WORDS for t in words)


def _is_backchannel(text: str, backchannels: frozenset[str], min_words: int = 2) -> bool:
    """Nothing but back-channel words ("Yeah, right."), or fewer than ``min_words`` words."""
    words = _WORD.findall(text.lower())
    return len(words) < min_words or all(word in backchannels for word in words)


def _passages(
    interview: Interview, speakers: SpeakerRoles, fillers: re.Pattern[str], backchannels: frozenset[str]
) -> list[_Passage]:
    """Buyer turns grouped into passages: a sentence cut across two turns of one buyer (as cue exports do) is
    read as one; interviewer turns give the question; unidentified speakers' turns are left out."""
    passages: list[_Passage] = []
    question = ""
    current: _Passage | None = None
    acknowledged = False  # the interviewer said "Mm-hmm." into the current passage's unfinished sentence
    named_buyers = [b for b in speakers.buyers if not is_placeholder(b)]
    turns = interview.turns
    tagged_on = {i for i in range(len(turns) - 1) if _in_one_cue(turns[i], turns[i + 1], interview.text)}
    for index, turn in enumerate(turns):
        if turn.speaker in speakers.uncertain:
            current, acknowledged = None, False
            continue
        if turn.speaker not in speakers.buyers:
            if not _is_backchannel(turn.text, backchannels):
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
        if not tagged and _is_backchannel(turn.text, backchannels, min_words=1):
            current, acknowledged = None, False  # a passage never runs over a turn it leaves out
            continue
        structure = structural_removals(turn.text, turn.start_char)
        if current is not None and same and (in_cue or _continues(current.turns[-1], turn, acknowledged)):
            if acknowledged and not in_cue:
                current.removed.append((current.turns[-1].end_char, turn.start_char, "backchannel"))
            else:
                current.removed.extend(_gap(interview.text, current.turns[-1].end_char, turn.start_char, in_cue))
            current.turns.append(turn)
            current.removed.extend(structure)
        else:
            uncertain = speakers.confidence < CONFIDENT or (is_placeholder(turn.speaker) and bool(named_buyers))
            current = _Passage(interview, turn.speaker, [turn], list(structure), question, uncertain)
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


def _continues(previous: Turn, turn: Turn, acknowledged: bool = False) -> bool:
    """A turn that goes on with the previous one's sentence (no full stop before, and a small letter after, a comma
    or a word before that no clause ends on: "it's wrong by" / "Tuesday.", "the app they use," / "ServiceMax, so
    ..."), after a trailing "…" when a small letter follows, or after a fragment ("Breakage." in a cue of its own;
    not over another voice's acknowledgement)."""
    if len(_WORD.findall(previous.text)) <= 3 and not acknowledged:
        return True
    if _ends_sentence(previous.text):
        # "... we had to…" / "ship it anyway": a voice trailing off mid-sentence, not a full stop ("oh, and one
        # more thing" starts another)
        trailing = previous.text.rstrip().endswith(("…", "..."))
        return trailing and turn.text[:1].islower() and not _STARTS_AGAIN.match(turn.text)
    last = _WORD.findall(previous.text.lower())[-1:]
    return _goes_on(turn, previous) or previous.text.rstrip().endswith(",") or (bool(last) and last[0] in _OPEN_ENDED)


_STARTS_AGAIN = re.compile(r"(?:oh|and|anyway|so|well|but|okay|ok|also|yeah|right)\b", re.I)
_OPEN_ENDED = UNFINISHED | {
    "by", "at", "from", "into", "onto", "than", "as", "per", "via", "until", "between", "through", "across", "within",
    "against", "towards", "toward", "its", "including", "versus", "vs", "despite", "whose", "whereas", "unlike",
    "among", "amongst", "throughout", "upon", "beside", "besides", "regarding", "concerning",
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


def _clean_with_map(passage: _Passage) -> tuple[str, tuple[int, ...]]:
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


def _to_source(passage: _Passage, found: Removal) -> list[Removal]:
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


def _split_long(text: str, base: int, max_words: int) -> list[tuple[int, int]]:
    """Clean-text ranges of a sentence, split at clause breaks near the middle while it is too long."""
    stripped = text.rstrip()
    words = len(stripped.split())
    if words <= max_words:
        return [(base, base + len(stripped))]
    middle = len(stripped) / 2
    for match in sorted(_CLAUSE_BREAK.finditer(stripped), key=lambda m: abs(m.start() - middle)):
        head, tail = stripped[: match.start() + 1], stripped[match.start() + 1 :].lstrip()
        if len(head.split()) >= _MIN_SPLIT_WORDS and len(tail.split()) >= _MIN_SPLIT_WORDS:
            tail_base = base + len(stripped) - len(tail)
            return _split_long(head, base, max_words) + _split_long(tail, tail_base, max_words)
    return [(base, base + len(stripped))]


def _statement(
    passage: _Passage,
    sentence: Span,
    chunks: NounChunks,
    clean_start: int,
    clean_end: int,
    removals: list[Removal],
    backchannels: frozenset[str],
) -> Statement | None:
    # Trim spaces the clean text may carry at the edges of a sentence.
    while clean_start < clean_end and passage.clean[clean_start].isspace():
        clean_start += 1
    if clean_start >= clean_end:
        return None
    source = passage.interview.text
    anchor = passage.source_of[clean_start]  # the sentence's first character: the id does not move with clean-up
    end = passage.source_of[clean_end - 1] + 1
    start = _skip_leading_markers(source, anchor, end, removals)
    removed = clip_removals(removals, start, end)
    text = apply_cleanup(source, start, end, removed)
    # A one-word answer ("ADP.", "Both.") is kept as what the buyer said; "Yeah, right." or a false start is not.
    if _is_backchannel(text, backchannels, min_words=1) or (
        len(text.split()) < 2 and not _says_something([t for t in sentence if not t.is_punct], backchannels)
    ):
        return None
    first_turn = _turn_at(passage.turns, start)
    last_turn = _turn_at(passage.turns, end - 1)
    phrases = keyphrases(chunks, clean_start, clean_end)
    kept_from = bisect_left(passage.source_of, start)
    kept = [
        t for t in sentence
        if kept_from <= t.idx < clean_end and not any(a <= passage.source_of[t.idx] < b for a, b, _ in removed)
    ]  # fmt: skip
    return Statement(
        id=f"{passage.interview.id}@{anchor}",
        interview_id=passage.interview.id,
        speaker=passage.speaker,
        # By identity: comparing Turn records field by field made this a tenth of the segmenter's own time.
        turn_index=next(i for i, turn in enumerate(passage.interview.turns) if turn is first_turn),
        start_char=start,
        end_char=end,
        removed=removed,
        text=text,
        question=passage.question,
        start=_time_at(first_turn, start, first=True),
        end=_time_at(last_turn, end, first=False),
        keyphrases=phrases,
        speaker_uncertain=passage.speaker_uncertain,
        # Judged on the words the quote keeps: not the opening markers or fillers it leaves out ("the, um.").
        standalone=stands_alone(text, kept),
    )


def _skip_leading_markers(source: str, start: int, end: int, removed: list[Removal], restarts: bool = True) -> int:
    """Where the statement starts once opening discourse markers (and fillers between them) are left out, and a
    clause broken off before a comma and said again ("It's, it's easy to ...", "We were quite, maybe we ...")."""
    position, before_restart = start, None
    while True:
        position = _skip_removed_and_space(source, position, end, removed)
        match = _LEADING_MARKERS.match(source, position, end)
        if match is None and restarts and before_restart is None:
            restart = _BROKEN_OPENING.match(source, position, end)
            # Never a start that denies or doubts what follows: "I'm not sure the, we can trust it" is no "We can".
            if restart is not None and _gives_up(restart, source, end):
                match, before_restart = restart, position
        if match is None:
            break
        position = match.end()
    position = _skip_removed_and_space(source, position, end, removed)
    # Keep what was skipped when too little would be left ("So what?", "So it was, like, bad.").
    if len(source[position:end].split()) >= 3:
        return position
    return start if before_restart is None else _skip_leading_markers(source, start, end, removed, restarts=False)


def _gives_up(restart: re.Match[str], source: str, end: int) -> bool:
    """Whether an opening before a comma was broken off: it ends on a word no clause ends on, and leaving it out does
    not drop a doubt or denial ("I'm not sure the, we can trust it" is no "We can trust it"), nor a whole clause
    joined by "and", "but" or "so" ("Every roaster needs that, and most ERP tools ...", "I was all in, but the CFO
    wants a second quote", "We brought it in, and ...": "in" and "on" end a clause as particles)."""
    word = restart.group(1).lower()
    if word not in UNFINISHED or frames_a_clause(restart[0]):
        return False
    # "all in, but", "brought it in, and"; but "it depends on, so the ..." was given up
    joiners = r"and|but" if word in ("in", "on") else r"and|but|so"
    joined = re.match(rf"(?:{joiners})\b", source[restart.end() : end], re.I) is not None
    return not (word in ("that", "this", "in", "on") and joined)


def _skip_removed_and_space(source: str, position: int, end: int, removed: list[Removal]) -> int:
    moved = True
    while moved and position < end:
        moved = False
        while position < end and source[position].isspace():
            position, moved = position + 1, True
        for cut_start, cut_end, _ in removed:
            if cut_start <= position < cut_end:
                position, moved = cut_end, True
    return position


def _turn_at(turns: list[Turn], offset: int) -> Turn:
    """The turn that holds ``offset`` (or the last one starting before it, for offsets in a gap)."""
    candidates = [turn for turn in turns if turn.start_char <= offset]
    return candidates[-1] if candidates else turns[0]


def _time_at(turn: Turn, offset: int, first: bool) -> float | None:
    """Start time of the statement's first word (or end time of its last), else the turn's time."""
    if turn.words:
        if first:
            word = next((w for w in turn.words if w.end_char > offset), turn.words[-1])
            return word.start
        word = next((w for w in reversed(turn.words) if w.start_char < offset), turn.words[0])
        return word.end
    return turn.start if first else turn.end


class Segmenter:
    """(interview, sides) → the buyers' statements, with the spaCy pipeline of the interview's language.

    ``key(interview)`` names everything the statements depend on (the version of this code, the settings and the
    spaCy pipeline): with the interview's bytes and sides it is the statement cache key.
    """

    VERSION = "30"

    def __init__(self, config: SegmentConfig, models: ModelsConfig) -> None:
        self.config = config
        self.models = models

    def model_for(self, language: str) -> str | None:
        """The spaCy pipeline for a language: ``[models] spacy`` for English, else ``[models.languages]``; None:
        the interview is not analysed."""
        return self.models.spacy if language == "en" else self.models.languages.get(language)

    def key(self, interview: Interview) -> str:
        """What the interview's statements depend on: this code's version, its language's spaCy pipeline and the
        ``[segment]`` settings."""
        settings = json.dumps(self.config.model_dump(), sort_keys=True)
        return f"spacy-segmenter:{self.VERSION}:{self.model_for(interview.language)}:{settings}"

    def segment(self, interview: Interview, sides: SpeakerRoles) -> list[Statement]:
        """The buyers' statements of ``interview``; empty when its language is not analysed."""
        model = self.model_for(interview.language)
        if model is None:
            return []
        return segment([(interview, sides)], self.config, load_spacy(model))[interview.id]
