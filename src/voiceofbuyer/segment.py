"""Buyer turns → ``Statement``s: sentence-sized spans, cleaned of disfluencies, with their source span.

The buyer's turns are first grouped into passages (``passages``); spaCy reads each passage's clean text, and each
sentence becomes a statement whose quote is an exact span of the source less what the clean-up removed.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .annotations import UNHEARD
from .cleanup import Removal, apply_cleanup, clip_removals, disfluencies, filler_pattern, merge_removals
from .config import ModelsConfig, SegmentConfig
from .errors import ConfigError
from .keyphrases import NounChunks, keyphrases
from .openings import skip_leading_markers
from .passages import Passage, buyer_passages, clean_with_map, is_backchannel, to_source
from .pos_ruler import use_pos_ruler
from .readbacks import echoes
from .records import Interview, SpeakerRoles, Statement, Turn
from .sentences import says_something, sentences
from .wording import stands_alone

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

_CLAUSE_BREAK = re.compile(r"(?:,\s+(?:and|but|so|because|which)\s|;\s|\s+and\s+then\s)", re.I)
_MIN_SPLIT_WORDS = 5


_ABBREVIATIONS = ("approx.", "incl.", "excl.", "avg.", "dept.", "qty.", "cf.")
"""Abbreviations a sentence goes on after, that spaCy's tokenizer does not know ("min." and "est." end sentences)."""


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
    # Abbreviations spoken numbers follow that spaCy's tokenizer does not know: their full stop ends no sentence
    # ("Our No. 2 plant scraps approx. 4% of coil", tester 24).
    for abbreviation in _ABBREVIATIONS:
        for written in (abbreviation, abbreviation.capitalize()):
            nlp.tokenizer.add_special_case(written, [{"ORTH": written}])
    return use_pos_ruler(nlp)


def check_spacy(name: str, setting: str = "[models] spacy") -> None:
    """``ConfigError`` when ``name`` is neither an installed spaCy package nor a directory (without loading it), naming
    the ``setting`` that gives it."""
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
            f"{setting}: {name!r} is no installed spaCy package or pipeline folder (fix: install it, or set {setting} "
            "to an installed spaCy package or a pipeline directory)"
        )


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
    passages: list[Passage] = []
    statements: dict[str, list[Statement]] = {}
    for interview, speakers in interviews:
        statements[interview.id] = []
        passages.extend(buyer_passages(interview, speakers, fillers, backchannels))
    for passage in passages:
        passage.clean, passage.source_of = clean_with_map(passage)
    docs = nlp.pipe((p.clean for p in passages), batch_size=64)
    for passage, doc in zip(passages, docs, strict=True):
        removed = merge_removals(
            passage.removed
            + [piece for found in disfluencies(passage.clean, doc, fillers) for piece in to_source(passage, found)]
        )
        chunks = NounChunks(doc)
        said: list[Statement] = []
        for sentence in sentences(doc, backchannels):
            for clean_start, clean_end in _split_long(sentence.text, sentence.start_char, config.max_words):
                statement = _statement(passage, sentence, chunks, clean_start, clean_end, removed, backchannels)
                if statement is not None:
                    said.append(statement)
        statements[passage.interview.id].extend(_corrected(said))
        progress(1)
    return statements


# A sentence that takes back what the one before it said: "No, sorry, 430,000.", "Sorry, I mean fifty.", "Actually,
# no, it was March.", "Make that two weeks."
_TAKES_BACK = re.compile(
    r"\W*(?:no[,.!]?\s+(?:sorry|wait)\b|sorry[,.!]?\s+(?:i\s+mean|no|make\s+that|that\s+should\s+be)\b"
    r"|(?:actually|wait)[,.!]?\s+no\b|make\s+that\b|correction\b)",
    re.I,
)


def _corrected(said: list[Statement]) -> list[Statement]:
    """``said`` (one passage's statements, in order) with each one the next takes back ("We paid out roughly 340,000
    kronor in corrections last year." / "No, sorry, 430,000.") no longer standing alone: a figure the buyer
    corrected is never a quote of its own (tester 29); it stays as evidence beside its correction."""
    return [
        replace(statement, standalone=False)
        if statement.standalone and following is not None and _TAKES_BACK.match(following.text)
        else statement
        for statement, following in zip(said, [*said[1:], None][: len(said)], strict=True)
    ]


def _split_long(text: str, base: int, max_words: int) -> list[tuple[int, int]]:
    """Clean-text ranges of a sentence, split at clause breaks near the middle while it is too long."""
    stripped = text.rstrip()
    words = len(stripped.split())
    if words <= max_words:
        return [(base, base + len(stripped))]
    middle = len(stripped) / 2
    for match in sorted(_CLAUSE_BREAK.finditer(stripped), key=lambda m: abs(m.start() - middle)):
        head, tail = stripped[: match.start() + 1], stripped[match.start() + 1 :].lstrip()
        # never inside a repeat ("... and, and even with"): the clean-up takes its first word out for the second
        last, first = (head.split() or [""])[-1], (tail.split(maxsplit=1) or [""])[0]
        repeated = last.strip(",;:").lower() == first.strip(",;:").lower()
        if len(head.split()) >= _MIN_SPLIT_WORDS and len(tail.split()) >= _MIN_SPLIT_WORDS and not repeated:
            tail_base = base + len(stripped) - len(tail)
            return _split_long(head, base, max_words) + _split_long(tail, tail_base, max_words)
    return [(base, base + len(stripped))]


def _statement(
    passage: Passage,
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
    start = skip_leading_markers(source, anchor, end, removals)
    removed = clip_removals(removals, start, end)
    text = apply_cleanup(source, start, end, removed)
    # A one-word answer ("ADP.", "Both.") is kept as what the buyer said; "Yeah, right." or a false start is not.
    if is_backchannel(text, backchannels, min_words=1) or (
        len(text.split()) < 2 and not says_something([t for t in sentence if not t.is_punct], backchannels)
    ):
        return None
    first_turn = _turn_at(passage.turns, start)
    last_turn = _turn_at(passage.turns, end - 1)
    if start <= first_turn.start_char and end < first_turn.end_char and echoes(text, passage.question):
        return None  # "What made me start looking. Honestly, ...": the question read back before the answer
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
        # Judged on the words the quote keeps: not the opening markers or fillers it leaves out ("the, um."); never
        # with words missing inside it: "So our service history is [inaudible 00:00:34] at best." read whole as "Our
        # service history is at best." (tester 32)
        standalone=stands_alone(text, kept) and not _unheard_inside(passage.interview.text, start, end, removed),
    )


def _unheard_inside(source: str, start: int, end: int, removed: tuple[Removal, ...]) -> bool:
    """Whether a note of words nobody could make out ("[inaudible 00:00:34]") was removed from between the words of
    ``source[start:end]``, so the quote reads as whole without them."""
    return any(
        reason == "annotation"
        and UNHEARD.match(source, a)
        and any(char.isalnum() for char in source[start:a])
        and any(char.isalnum() for char in source[b:end])
        for a, b, reason in removed
    )


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

    VERSION = "66"

    def __init__(self, config: SegmentConfig, models: ModelsConfig) -> None:
        self.config = config
        self.models = models

    def model_for(self, language: str) -> str | None:
        """The spaCy pipeline for a language: ``[models] spacy`` for English, else ``[models.languages]``; None:
        the interview is not analysed."""
        return self.models.spacy if language == "en" else self.models.languages.get(language)

    def key(self, interview: Interview) -> str:
        """What the interview's statements depend on besides its bytes: this code's version, its language's spaCy
        pipeline, the ``[segment]`` settings, and the turns the reader found (speaker and span of each), so that a
        reader that now reads a file differently is never answered from the cache of the old reading."""
        # Whether repeated interviews are read is the pipeline's choice, not the statements': no reason to re-segment.
        settings = json.dumps(self.config.model_dump(exclude={"skip_repeats"}), sort_keys=True)
        turns = hashlib.sha256(
            json.dumps([(t.speaker, t.start_char, t.end_char) for t in interview.turns]).encode("utf-8")
        ).hexdigest()
        return f"spacy-segmenter:{self.VERSION}:{self.model_for(interview.language)}:{settings}:{turns}"

    def segment(self, interview: Interview, sides: SpeakerRoles) -> list[Statement]:
        """The buyers' statements of ``interview``; empty when its language is not analysed."""
        model = self.model_for(interview.language)
        if model is None:
            return []
        return segment([(interview, sides)], self.config, load_spacy(model))[interview.id]
