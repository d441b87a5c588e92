"""The same conversation read twice: a call exported by two tools (Zoom's captions and Otter's transcript), or a
part of one interview saved as a file of its own. Counted twice, one buyer would be two voices in every theme
they speak to, and a pattern "of 2 interviewees" could be one person.

Found by the buyers' words: the share of an interview's word 5-grams (shingles, Broder 1997) that another
interview of the batch also holds (its containment in the other). Two tools' recognition of one call differs in
a word here and there, which breaks the shingles around it but leaves most whole; two different buyers share
only stock phrases, and a shingle said in more than ``COMMON_IN`` interviews is left out as one. Only the
shingles whose CRC-32 is a multiple of ``SAMPLE`` are kept (Broder's "mod m" sample: the same shingles in every
interview, so containment is estimated without holding every shingle of a large batch).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from .ingest import Problem
from .records import Statement

SHINGLE = 5
"""Words per shingle."""
SAMPLE = 4
"""One shingle in about this many is kept."""
CONTAINED = 0.5
"""The least share of an interview's shingles found in another for the two to be one conversation."""
MIN_SHARED = 5
"""The fewest sampled shingles shared (about 20 in all, some 25 words said alike): a short interview's few stock
phrases make no repeat. In ``../shared/realworld-ai`` a repeat of 24 words shares 6; no two dialogs of different
people share more than 1 of 15."""
COMMON_IN = 5
"""A shingle in more interviews than this is a stock phrase ("I don't know if that"), no evidence of a repeat."""
_WORD = re.compile(r"\w+")


def repeated_interviews(statements: Mapping[str, Sequence[Statement]]) -> dict[str, tuple[str, int, int]]:
    """Interviews that repeat another of the batch: id → (the id kept, shingles shared, shingles of the repeat).

    ``statements``: the buyers' statements per interview id. Of two that are one conversation, the one with more
    shingles is kept (the whole interview, not its part), on a tie the first id in order; a repeat is never kept
    for a third. Deterministic: the result depends only on the statements, not on the order given.
    """
    shingles = {interview_id: _shingles(said) for interview_id, said in statements.items()}
    holders: defaultdict[int, list[str]] = defaultdict(list)
    for interview_id in sorted(shingles):
        for shingle in shingles[interview_id]:
            holders[shingle].append(interview_id)
    shared: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for ids in holders.values():
        if 1 < len(ids) <= COMMON_IN:
            for interview_id in ids:
                shared[interview_id].update(other for other in ids if other != interview_id)
    # Which of two is kept: the one with more shingles (a whole, not its part); on a tie, the first in order.
    rank = {interview_id: index for index, interview_id in enumerate(sorted(shingles))}
    size = {interview_id: (len(found), -rank[interview_id]) for interview_id, found in shingles.items()}
    repeats: dict[str, tuple[str, int, int]] = {}
    for interview_id in sorted(shingles):
        own = len(shingles[interview_id])
        larger = [(count, other) for other, count in shared[interview_id].items() if size[other] > size[interview_id]]
        count, other = max(larger, key=lambda pair: (pair[0], size[pair[1]]), default=(0, ""))
        if count >= MIN_SHARED and count >= CONTAINED * own:
            repeats[interview_id] = (other, count, own)
    for interview_id, (other, count, own) in repeats.items():
        while other in repeats:  # a part of a part of a whole: name the whole, the one kept
            other = repeats[other][0]
        repeats[interview_id] = (other, count, own)
    return repeats


def without_repeats(
    statements: Mapping[str, list[Statement]], sources: Mapping[str, str]
) -> tuple[dict[str, list[Statement]], list[Problem]]:
    """``statements`` without the interviews that repeat another (see ``repeated_interviews``), and a problem
    naming each one left out and the file kept in its place; ``sources``: each interview's file."""
    repeats = repeated_interviews(statements)
    problems = [
        Problem(
            sources[repeat],
            f"{sources[repeat]}: the same conversation as {sources[kept]} ({shared} of {own} sampled five-word runs "
            f"of the buyer's words are in both): read once, as {sources[kept]} (fix: remove one of the two files; "
            "if they are two interviews, report it with this line)",
            skipped=True,
        )
        for repeat, (kept, shared, own) in sorted(repeats.items())
    ]
    return {i: said for i, said in statements.items() if i not in repeats}, problems


def _shingles(said: Sequence[Statement]) -> set[int]:
    """The CRC-32 of the sampled runs of ``SHINGLE`` words within one statement, lower-cased."""
    found: set[int] = set()
    for statement in said:
        words = _WORD.findall(statement.text.lower())
        for i in range(len(words) - SHINGLE + 1):
            code = zlib.crc32(" ".join(words[i : i + SHINGLE]).encode("utf-8"))
            if code % SAMPLE == 0:
                found.add(code)
    return found
