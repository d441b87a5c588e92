"""Theme titles: c-TF-IDF over a theme's noun and verb phrases picks the candidates (class-based TF-IDF, as
BERTopic does), closeness to the theme's centre (KeyBERT's way) the title; titles made distinct within a role.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .cleanup import sentence_case
from .records import BuyerProfile, Interview, Statement, Theme

# Nouns too generic to name a theme.
_GENERIC_NOUNS = frozenset(
    {"thing", "lot", "way", "time", "people", "bit", "kind", "number", "stuff", "something", "question", "point",
     "part", "day", "year", "week", "month", "guy", "one", "sort", "case", "fact", "today", "everything", "anything",
     # alone, a frame for what is said rather than what it is about ("AI and example", "AI and person")
     "example", "person", "aspect", "addition", "instance", "situation", "matter", "sense"}
)  # fmt: skip
# Nouns that name nothing however they are qualified: "funny thing", "obvious ones", "create lot", "better way"
# ("lead time", "use case", "pain point", "night sort", "day one" name something).
_VACUOUS_HEADS = frozenset(
    {"thing", "things", "lot", "lots", "stuff", "bit", "bits", "ones", "something", "anything", "everything", "way",
     "ways", "guy", "guys", "fact", "facts"}
)  # fmt: skip
# A generic noun after a word that only weighs it names nothing either: "big point", "main issue", "key aspect".
_WEIGHING = frozenset(
    {"big", "bigger", "biggest", "main", "key", "important", "good", "great", "bad", "real", "whole", "huge",
     "major", "first", "other", "different", "same", "certain", "specific", "particular", "general", "overall",
     "little", "small", "new", "old", "last", "next", "interesting", "obvious", "only"}
)  # fmt: skip
_WEIGHED_NOUNS = _GENERIC_NOUNS | {"issue", "problem", "reason", "step", "idea", "factor", "area", "side", "level"}
CANDIDATES = 12
"""How many of a theme's best phrases (two words or more, class-based TF-IDF order) may become its title."""
SHARED_WEIGHT = 0.1
"""A phrase used by e buyers gains ``SHARED_WEIGHT * log(e)`` of cosine: a point several buyers put the same way
names a theme before one buyer's turn of phrase."""
QUOTED_WEIGHT = 0.1
"""A phrase said in one of the quotes the theme shows gains this much cosine: the reader sees the title in the
buyers' words under it ("Fallback plan" over "... you need to have all these fallback plan ...")."""


def _names_nothing(phrase: str) -> bool:
    """A phrase headed by a noun that names nothing ("funny thing", "create lot"), or a generic noun only weighed
    ("big point", "main issue")."""
    words = phrase.lower().split()
    weighed = len(words) == 2 and words[0] in _WEIGHING and phrase_key(words[1]) in _WEIGHED_NOUNS
    return words[-1] in _VACUOUS_HEADS or weighed


def phrase_key(phrase: str) -> str:
    """Phrases that differ only by case or plural count together ("approval emails" ~ "Approval email")."""
    words = phrase.lower().split()
    return " ".join(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w for w in words)


@dataclass(frozen=True)
class RankedPhrases:
    """A group's phrases, best first by class-based TF-IDF, with how many of its interviews used each."""

    keys: list[str]
    """``phrase_key`` forms, best first."""
    count: Counter[str]
    surface_of: dict[str, str]
    """The form the buyers used most, by key."""

    def floor(self) -> int:
        """How many interviews a phrase of several words needs to title the group: half as many as its top phrase,
        at least one, so "Adult teaching", said by one teacher, never names a theme of sixty-four."""
        return max(1, math.ceil(self.count[self.keys[0]] / 2)) if self.keys else 1

    def candidates(self) -> list[str]:
        """The title candidates: the ``CANDIDATES`` best phrases of two words or more that at least ``floor()``
        interviews used, as the buyers wrote them."""
        floor = self.floor()
        return [self.surface_of[key] for key in self.keys if " " in key and self.count[key] >= floor][:CANDIDATES]


def rank_phrases(groups: list[list[Statement]], names: frozenset[str] = frozenset()) -> list[RankedPhrases]:
    """Class-based TF-IDF over the groups' noun and verb phrases (the groups of one role and category).

    A phrase's frequency in a group counts the distinct interviews that used it, so one talkative buyer
    cannot name a theme; generic nouns ("thing", "time") never do, nor a phrase headed by a noun that names nothing
    ("funny thing", "create lot") or a generic noun only weighed ("big point"); ``names`` (lower-cased words of the
    batch's people and companies, and the buyers' job titles whole, as ``phrase_key``s: "data scientist") never do:
    a theme titled "Data scientist" in a persona of data scientists names the people, not their point.
    """
    counts: list[Counter[str]] = []
    surfaces: list[Counter[str]] = []
    for group in groups:
        count: Counter[str] = Counter()
        surface: Counter[str] = Counter()
        by_interview: dict[str, set[str]] = defaultdict(set)
        for s in group:
            # A chunk's head noun is a candidate too: "faster close" and "the close" share "close".
            by_interview[s.interview_id].update(c for p in s.keyphrases for c in (p, p.split()[-1]))
        for interview in sorted(by_interview):
            phrases = {
                p for p in by_interview[interview]
                if (key := phrase_key(p)) not in _GENERIC_NOUNS and key not in names and not _names_nothing(p)
                and not names.intersection(p.split())
            }  # fmt: skip
            count.update({phrase_key(p) for p in phrases})
            surface.update(phrases)
        counts.append(count)
        surfaces.append(surface)
    totals: Counter[str] = Counter()
    for count in counts:
        totals.update(count)
    average = sum(sum(c.values()) for c in counts) / max(1, len(counts))
    ranked = []
    for count, surface in zip(counts, surfaces, strict=True):
        size = sum(count.values()) or 1

        def score(key: str, count: Counter[str] = count, size: int = size) -> float:
            # A longer phrase reads better, but only once several buyers used it.
            multiword = 1 + 0.3 * min(key.count(" "), 2) if count[key] > 1 else 1.0
            # Squared frequency: a label should be what several buyers share, not one buyer's idiom.
            return (count[key] ** 2 / size) * math.log(1 + average / totals[key]) * multiword

        forms: dict[str, list[str]] = defaultdict(list)
        for phrase in surface:
            forms[phrase_key(phrase)].append(phrase)
        surface_of = {key: min(forms[key], key=lambda p, s=surface: (-s[p], p)) for key in count}
        ranked.append(RankedPhrases(sorted(count, key=lambda key: (-score(key), key)), count, surface_of))
    return ranked


_WORDS = re.compile(r"\w+")


def never_in_titles(
    interviews: Iterable[Interview], profiles: Mapping[str, BuyerProfile], roles: Iterable[str]
) -> dict[str, frozenset[str]]:
    """Role → what its theme titles never say (``rank_phrases``' ``names``): the words of every person and company
    the batch names (speakers, metadata, buyers), and the role's own job titles whole ("data scientist": a theme so
    titled in a persona of data scientists names the people, not their point; another role's title may be what a
    role talks about, "CFO" in the AP managers' persona)."""
    named: set[str] = set()
    for interview in interviews:
        meta = interview.meta
        named.update(t.speaker for t in interview.turns)
        named.update((meta.interviewee, meta.interviewer, meta.company, meta.attendees, profiles[interview.id].name))
        named.update(part for member in profiles[interview.id].members for part in (member.name, member.company))
    words = frozenset(word for name in named for word in _WORDS.findall(name.lower()) if len(word) > 2)
    titles: dict[str, set[str]] = {}
    for profile in profiles.values():
        if profile.title:
            titles.setdefault(profile.role, set()).add(phrase_key(profile.title))
    return {role: words | titles.get(role, set()) for role in roles}


def title_candidates(groups: list[list[Statement]], names: frozenset[str] = frozenset()) -> set[str]:
    """Every phrase ``label_groups`` may weigh as a title of these groups: embed them once, in one call."""
    return {c for group, ranked in zip(groups, rank_phrases(groups, names), strict=True) if len(group) > 1
            for c in ranked.candidates()}  # fmt: skip


def label_groups(
    groups: list[list[Statement]],
    names: frozenset[str] = frozenset(),
    vectors: Mapping[str, np.ndarray] | None = None,
    phrase_vectors: Mapping[str, np.ndarray] | None = None,
    shown: list[list[str]] | None = None,
) -> list[tuple[str, tuple[str, ...]]]:
    """A label and keyphrases per group (``rank_phrases``). With ``vectors`` (statement text → unit vector) and
    ``phrase_vectors`` (each of ``title_candidates`` → unit vector, same model), the title of a group of two or
    more statements is chosen KeyBERT's way (``keybert_title``; ``shown``: per group, the texts of the quotes it
    will show); otherwise, and when a group has no phrase of two words, by c-TF-IDF alone. A phrase is shown in
    the form the buyers used most.
    """
    results = []
    quoted = shown or [[] for _ in groups]
    for group, ranked, texts in zip(groups, rank_phrases(groups, names), quoted, strict=True):
        count = ranked.count
        # A title of two words or more reads as a point ("Approval emails"), one word rarely does ("Invoices"):
        # the best phrase of several words leads when the group has one.
        # ... when several of the buyers who make the point use it (half as many as its top word, at least):
        # "Agricultural customers", said once, does not name a theme about per-invoice pricing.
        floor = ranked.floor()
        multiword = [key for key in ranked.keys if " " in key and count[key] >= floor]
        keywords = tuple(ranked.surface_of[key] for key in list(dict.fromkeys([*multiword[:1], *ranked.keys]))[:5])
        chosen = keybert_title(group, ranked, vectors, phrase_vectors, texts) if len(group) > 1 else ""
        if chosen:
            label = sentence_case(chosen)
            keywords = tuple(dict.fromkeys([chosen, *keywords]))[:5]
        elif not keywords:
            label = opening_words(group[0].text, names)
        elif " " in keywords[0] or len(keywords) == 1:
            label = sentence_case(keywords[0])
        elif set(keywords[0].split()) <= set(keywords[1].split()):
            label = sentence_case(keywords[1])  # "invoice" and "invoice number": the longer says both
        else:  # no shared phrase: the two words the group uses most, together ("Approvers and duplicates")
            second = next((k for k in keywords[1:] if " " not in k), keywords[1])
            label = sentence_case(f"{keywords[0]} and {second}")
        results.append((label, keywords))
    return results


def keybert_title(
    group: list[Statement],
    ranked: RankedPhrases,
    vectors: Mapping[str, np.ndarray] | None,
    phrase_vectors: Mapping[str, np.ndarray] | None,
    shown: Sequence[str] = (),
) -> str:
    """Among the group's title candidates (``RankedPhrases.candidates``), the one whose embedding is closest to
    the group's centre, plus ``SHARED_WEIGHT`` × log(interviews using it), plus ``QUOTED_WEIGHT`` where one of the
    ``shown`` quote texts says it; "" when there is none or no vectors (Grootendorst, KeyBERT: candidate phrases
    scored by cosine to the document)."""
    candidates = ranked.candidates()
    if not candidates or vectors is None or phrase_vectors is None:
        return ""
    middle = np.mean([vectors[s.text] for s in group], axis=0)
    middle /= max(float(np.linalg.norm(middle)), 1e-12)
    said = {phrase_key(" ".join(words)) for text in shown for words in _word_runs(text)}
    scores = [float(phrase_vectors[phrase] @ middle) + SHARED_WEIGHT * math.log(ranked.count[phrase_key(phrase)])
              + QUOTED_WEIGHT * (phrase_key(phrase) in said)
              for phrase in candidates]  # fmt: skip
    return candidates[int(np.argmax(scores))]


_WORD = re.compile(r"[\w'’&-]+")


def _word_runs(text: str, longest: int = 4) -> list[list[str]]:
    """Every run of one to ``longest`` consecutive words of ``text``: the phrases it says."""
    words = _WORD.findall(text)
    return [words[i : i + n] for n in range(1, longest + 1) for i in range(len(words) - n + 1)]


def distinct_labels(themes: list[Theme]) -> list[Theme]:
    """Themes of one persona with no two titles alike: a repeated title gives way to the theme's next keyphrase
    not taken (several words first), else to the title numbered ("Invoices (2)", "Invoices (3)")."""
    taken: set[str] = set()
    distinct = []
    for theme in themes:
        label = theme.label
        if label.casefold() in taken:
            spare = [k for k in theme.keywords if sentence_case(k).casefold() not in taken]
            spare.sort(key=lambda k: " " not in k)  # stable: keyphrase order within each kind
            if spare:
                label = sentence_case(spare[0])
            else:
                number = 2
                while f"{label} ({number})".casefold() in taken:
                    number += 1
                label = f"{label} ({number})"
            theme = replace(theme, label=label)
        taken.add(label.casefold())
        distinct.append(theme)
    return distinct


def opening_words(text: str, names: frozenset[str] = frozenset()) -> str:
    """The label of a point with no keyphrase: its first six words, without the ``names`` (lower-cased words of
    the people and companies the batch names) nor a capitalised word after the first, which names someone or
    something ("NetSuite", "Marco"; "I" and acronyms stay): a title is never a name."""
    kept = []
    for index, word in enumerate(text.split()):
        bare = word.strip(".,!?;:'\"…")
        capitalised = bare[:1].isupper() and not (bare.isupper() and len(bare) <= 5) and not bare.startswith("I'")
        if bare.lower() not in names and not (index and capitalised and bare != "I"):
            kept.append(word)
    if len(kept) > 6:
        return sentence_case(" ".join(kept[:6])) + "…"
    return sentence_case(" ".join(kept).rstrip(".,;:!"))  # a title, not a sentence: no full stop
