"""The coarse part of speech (``Token.pos_``) from a spaCy pipeline's own attribute-ruler patterns, at a fraction
of the ruler's cost.

In spaCy's English pipelines the tagger predicts fine tags ("NN", "VBZ") and an ``attribute_ruler`` maps them to
coarse parts of speech ("NOUN", "VERB"), morphology and lemmas with about 180 ``Matcher`` patterns: a quarter of
the segmenter's time. The segmenter reads only the part of speech. ``PosRuler`` reads the patterns that set it
over the Doc's arrays instead of with a ``Matcher``: a tag, or a tag and a word, is a dictionary lookup; the few
patterns that read the dependency parse or span two tokens ("there" as ``expl`` before "is") are tests on whole
columns with NumPy. Patterns it cannot read that way (operators, other attributes) stay on spaCy's own
``AttributeRuler``. Later patterns win, as in the full ruler; on 91,520 tokens of real answers every part of speech
came out the same as the full ruler's (``tests/test_segment.py`` checks it on real text).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

FACTORY = "voiceofbuyer_pos_ruler"
_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""The token attributes the array patterns read, in the order of the Doc array's columns."""


@dataclass(frozen=True)
class _Test:
    """One attribute of one token: its value (a string's hash, or 0/1 for a flag) is, or is not, among ``values``."""

    column: int
    values: np.ndarray
    negated: bool

    def __call__(self, array: np.ndarray) -> np.ndarray:
        column = array[:, self.column]
        inside = column == self.values[0]
        for value in self.values[1:]:  # a handful of values: faster than np.isin on a sentence's tokens
            inside |= column == value
        return ~inside if self.negated else inside


@dataclass(frozen=True)
class _ArrayPattern:
    """A sequence of tokens, each a list of tests; the token at ``index`` of a match gets part of speech ``pos``."""

    tokens: tuple[tuple[_Test, ...], ...]
    index: int
    pos: int

    def positions(self, array: np.ndarray, first: np.ndarray) -> np.ndarray:
        """Indices of the tokens this pattern sets in the arrays of Docs laid end to end, ``first`` marking each
        Doc's first token (a match never runs from one Doc into the next)."""
        span = len(self.tokens)
        starts = len(array) - span + 1
        if starts <= 0:
            return np.empty(0, dtype=np.int64)
        matched = np.ones(starts, dtype=bool)
        for offset, tests in enumerate(self.tokens):
            if offset:
                matched &= ~first[offset : offset + starts]
            for test in tests:
                matched &= test(array[offset : offset + starts])
        return np.flatnonzero(matched) + (self.index if self.index >= 0 else span + self.index)


class PosRuler:
    """A spaCy pipeline component: ``Token.pos`` from attribute-ruler patterns (``add_patterns`` takes
    ``AttributeRuler.patterns``); their other attributes (morphology, lemmas) are left out."""

    def __init__(self, vocab: Vocab) -> None:
        from spacy.pipeline import AttributeRuler

        self.vocab = vocab
        self.by_tag: dict[int, int] = {}
        self.by_tag_and_word: dict[tuple[int, int], int] = {}
        self.patterns: list[_ArrayPattern] = []
        """Patterns that are no lookup, read over the Doc's arrays after the lookups, in the ruler's order."""
        self.rest = AttributeRuler(vocab)
        """Patterns neither a lookup nor an array pattern can read: spaCy's ``Matcher``, last."""

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """``AttributeRuler.patterns``-shaped entries: ``{"patterns": [[token, ...]], "attrs": {...}, "index": i}``."""
        from spacy.parts_of_speech import IDS

        self.__dict__.pop("_tables", None)  # read again from the lookups as they now are
        strings = self.vocab.strings
        for entry in patterns:
            pos = entry["attrs"].get("POS")
            if pos is None:
                continue
            for pattern in entry["patterns"]:
                lookup = _lookup_keys(pattern)
                if lookup is not None:
                    tag, words = lookup
                    for word in words:
                        if word is None:
                            self.by_tag[strings.add(tag)] = IDS[pos]
                        else:
                            self.by_tag_and_word[(strings.add(tag), strings.add(word))] = IDS[pos]
                    continue
                compiled = self._compiled(pattern, entry.get("index", 0), IDS[pos])
                if compiled is None:
                    self.rest.add([pattern], {"POS": pos}, index=entry.get("index", 0))
                else:
                    self.patterns.append(compiled)

    def __call__(self, doc: Doc) -> Doc:
        """``doc`` with each token's ``pos`` set (a token no pattern matches keeps its own)."""
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Each of ``docs`` as ``__call__`` gives it; read ``batch_size`` Docs at a time, as one array."""
        from spacy.attrs import POS
        from spacy.util import minibatch

        for batch in minibatch(docs, batch_size):
            arrays = [doc.to_array(list(_COLUMNS)) for doc in batch]
            sizes = [len(array) for array in arrays]
            array = np.concatenate(arrays) if arrays else np.empty((0, len(_COLUMNS)), dtype=np.uint64)
            first = np.zeros(len(array), dtype=bool)
            first[np.cumsum([0, *sizes[:-1]])[np.array(sizes) > 0]] = True
            pos = np.concatenate([doc.to_array([POS]) for doc in batch]).astype(np.uint64)
            self._look_up(array, pos)
            for pattern in self.patterns:
                pos[pattern.positions(array, first)] = pattern.pos
            for doc, part in zip(batch, np.split(pos, np.cumsum(sizes[:-1])), strict=True):
                doc.from_array([POS], part)
                yield self.rest(doc) if len(self.rest.matcher) else doc

    def _look_up(self, array: np.ndarray, pos: np.ndarray) -> None:
        """Set ``pos`` where a tag, or a tag and a word, has its own part of speech (the pair first)."""
        tags, words = array[:, 0], array[:, 1]
        keys, values, pair_words = self._tables
        if len(keys):
            found = np.minimum(np.searchsorted(keys, tags), len(keys) - 1)
            known = keys[found] == tags
            pos[known] = values[found[known]]
        for index in np.flatnonzero(np.isin(words, pair_words)).tolist():
            found = self.by_tag_and_word.get((int(tags[index]), int(words[index])))
            if found:
                pos[index] = found

    @cached_property
    def _tables(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The lookups as arrays: tags (sorted), the part of speech of each, the words of the (tag, word) pairs."""
        keys = sorted(self.by_tag)
        return (
            np.array(keys, dtype=np.uint64),
            np.array([self.by_tag[key] for key in keys], dtype=np.uint64),
            np.array(sorted({word for _, word in self.by_tag_and_word}), dtype=np.uint64),
        )

    def _compiled(self, pattern: list[dict[str, Any]], index: int, pos: int) -> _ArrayPattern | None:
        """The pattern as column tests, or None when it reads anything else (an operator, another attribute)."""
        strings = self.vocab.strings
        tokens = []
        for token in pattern:
            tests = []
            for attribute, wanted in token.items():
                if attribute not in _COLUMNS:
                    return None
                negated = isinstance(wanted, dict) and set(wanted) == {"NOT_IN"}
                if isinstance(wanted, dict) and set(wanted) not in ({"IN"}, {"NOT_IN"}):
                    return None
                values = next(iter(wanted.values())) if isinstance(wanted, dict) else [wanted]
                if not all(isinstance(v, str | bool) for v in values):
                    return None
                hashes = [int(v) if isinstance(v, bool) else strings.add(v) for v in values]
                tests.append(_Test(_COLUMNS.index(attribute), np.array(hashes, dtype=np.uint64), negated))
            tokens.append(tuple(tests))
        return _ArrayPattern(tuple(tokens), index, pos)


def _lookup_keys(pattern: list[dict[str, Any]]) -> tuple[str, list[str | None]] | None:
    """(tag, words) of a one-token pattern on a tag and perhaps its lower-case word (``None``: any word); None for a
    pattern that reads anything else."""
    if len(pattern) != 1 or "TAG" not in pattern[0] or not set(pattern[0]) <= {"TAG", "LOWER"}:
        return None
    tag, word = pattern[0]["TAG"], pattern[0].get("LOWER")
    if not isinstance(tag, str):
        return None
    if word is None or isinstance(word, str):
        return tag, [word]
    if isinstance(word, dict) and set(word) == {"IN"}:
        return tag, list(word["IN"])
    return None


def use_pos_ruler(nlp: Language) -> Language:
    """``nlp`` with its ``attribute_ruler`` replaced by a ``PosRuler`` of the same patterns (unchanged when it has
    none: a pipeline whose tagger gives the part of speech itself)."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return nlp
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=lambda nlp, name: PosRuler(nlp.vocab))
    patterns = nlp.get_pipe("attribute_ruler").patterns
    ruler = nlp.replace_pipe("attribute_ruler", FACTORY)
    ruler.add_patterns(patterns)
    return nlp
