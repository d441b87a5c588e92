"""How buyers buy, in their own words: the part each plays in the buying committee, and the channels and
sources they name.

Both are found by phrases a buyer says (the patterns below), never guessed: a buyer who says neither is counted
as "not said". Buying-committee parts are the seeds' list (decision-maker, champion, evaluator, user,
gatekeeper) and need a first-person statement ("I sign off on anything over 50k"); each buyer gets the part
most of their statements show (ties in the list's order), with the first such statement as the quote that shows
it. Channels (peers, analysts, review sites, communities, events, search, vendors' content, social media) count
every buyer who names one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .records import Mention, Quote, Statement

# Someone else taking over as the subject between the buyer's "I" and the part: "I'm pushing for it, but our finance
# director signs off", "I'll recommend a vendor, and then the CEO has the final say" (tester 21) name another's part.
_SOMEONE_ELSE = (
    r"\bbut\b|\bthen\b|\b(?:he|she|they)\b|\b(?:our|the|their|his|her|my)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:cfo|ceo|cio|cto|coo|ciso|vp|svp|evp|president|director|boss|manager|head|board|owner|committee|partners?"
    r"|controller|finance|procurement|legal|department)\b"
)
_I = r"\b(?:i|i'm|i've|i'd|i'll|we|we're|we've|my team|me)\b(?:(?!" + _SOMEONE_ELSE + r")[^.?!]){0,50}?"
# What a buyer evaluates or tests as a buyer: vendors, tools, products, or one by name ("we evaluated Coupa"), not
# the work itself ("we're evaluating the model on past data", "we tested it in staging").
_WHAT_IS_BOUGHT = (
    r"\s+(?:(?:the|a|an|some|several|a few|two|three|four|five|different|other|new|those|these|their|your)\s+)*"
    r"(?:vendors?|tools?|options|solutions?|products?|platforms?|software|providers?|suppliers?|alternatives?"
    r"|offerings?|you|your|(?-i:[A-Z])\w*)"
)
_CHECKED = r" on (?:the )?(?:security|integration|compliance|technical|legal|data protection|(?-i:IT))\b"
"""What a gatekeeper signs off on: whether it may come in, not whether to buy."""
_COMMITTEE_PATTERNS = (
    # signing off on security or integration alone is a gatekeeper's part (tester 12)
    ("Decision-maker", _I + r"\b(?:(?<!technical )(?<!security )sign(?:s|ed)?[- ]off(?!" + _CHECKED + ")|"
                           r"make the (?:final )?(?:call|decision)|final say|"
                           r"approve the (?:budget|spend|purchase|contract)|own the budget|hold the budget|"
                           r"budget holder|decide whether|decision is mine)\b|"
                           r"\bi sign(?: it| the contract)?(?=[.,!?]|$)|\bthe (?:budget|money) is mine\b|"
                           r"\bi(?:'m| am) the (?:final )?decision[- ]maker\b|"
                           r"\b(?:my|our) (?:call|decision) "
                           r"(?:in the end|ultimately)\b|\bit'?s my (?:call|decision)\b"),
    # "I'm the one pushing.", "I'm more of a, you know, the champion." (tester 33)
    ("Champion", _I + r"\b(?:pushed for|pushing for|championed|made the case|lobbied|the one pushing|"
                     r"(?:a|the) champion|"
                     r"(?<!'m )(?<!’m )(?<!'re )(?<!’re )(?<!am )(?<!are )(?<!was )(?<!were )(?<!be )(?<!been )"
                     r"convinced (?:my|our|the)|"
                     r"brought (?:it|this|them) (?:in|to)|sold (?:it|them|the idea) (?:to|internally)|"
                     # "I'd sponsor it", "I'm the executive sponsor" (tester 41)
                     r"went to bat|sponsor(?:ed|ing)? (?:it|this|the (?:project|purchase|business case))|"
                     # "I proposed it." (tester 53: who started the switch)
                     r"proposed (?:it|this|the (?:switch|move|change|purchase|idea))(?=\s*[,.;!?]|$)|"
                     r"(?:the|an?) (?:executive |business )?sponsor)\b"),
    ("Evaluator", _I + r"\b(?:(?:evaluat(?:e|ed|ing)|tested)" + _WHAT_IS_BOUGHT + r"|trialled|trialed|"
                      r"ran (?:a|the) (?:pilot|trial|proof of "
                      r"concept|poc)|shortlist(?:ed)?|compared (?:vendors|options|tools|products)|"
                      r"(?:did|do|ran|run) the (?:security review|due diligence|demos?|rfp)|"
                      r"put together the (?:rfp|requirements)|see it in the pilot|in the pilot|a pilot with|"
                      # "I make the recommendation, the CIO signs.", "I recommend, the CFO approves" (tester 33)
                      r"(?:make|made) the recommendation|recommend(?=\s*[,;]|\s+and\s+(?:the|our|my)\b)|"
                      # "I recommended Deskwise to our COO" (tester 53)
                      r"recommended (?:(?-i:[A-Z])\w*|it|them|this|that) to (?:the|our|my) (?:[\w-]+ ){0,2}?"
                      r"(?:cfo|ceo|coo|cio|cto|ciso|vp|director|boss|board|committee|head|leadership|president)\b|"
                      # "I prepare the evaluation", "I'd do the technical evaluation" (tester 41); "I ran the
                      # evaluation", "I chaired the evaluation panel", "I scored each vendor" (tester 53)
                      r"(?:prepare|do|run|lead|own|manage)s? the (?:technical |security |vendor )?evaluation|"
                      r"(?:prepared|did|ran|led|owned|managed|chaired) the (?:technical |security |vendor )?evaluation"
                      r"(?! on\b| (?:of|for) (?:the |our )?(?:model|data|results|predictions|training|test))|"
                      r"chaired the (?:selection |evaluation )?(?:panel|committee)|"
                      r"scored (?:each|every|the) (?:vendors?|tools?|options?|products?|bids?|proposals?))"),
    ("Gatekeeper", r"\b(?:goes|go|comes|come|has to go|have to go) through me\b|"
                   + _I + r"\b(?:technical|security) sign[- ]off\b|\bi (?:vet|screen|review|approve) "
                   r"(?:every|all|any|new)? ?(?:vendors?|suppliers?|tools?|contracts?|software|apps?)\b|"
                   r"\bnothing gets (?:in|bought|installed) without\b|"
                   + _I + r"\b(?:have|hold|got) (?:a|the) veto\b|" + _I + r"\b(?:can|could) (?:veto|block)\b|"
                   + _I + r"\bsign(?:s|ed)?[- ]off" + _CHECKED + r"|\bi(?:'m| am) the gatekeeper\b"),
    ("User", _I + r"\b(?:use|uses|used|using|work in|live in|log into|rely on)\b[^.?!]{0,40}?\b(?:every day|daily|"
                 r"all day|each day|day to day|day-to-day|every morning|hands-on)\b"),
)  # fmt: skip
COMMITTEE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (part, re.compile(pattern, re.IGNORECASE)) for part, pattern in _COMMITTEE_PATTERNS
)
"""Part → first-person phrases that show it, in the order a tie is settled."""
_NAMED = tuple(re.compile(pattern.replace(_I, ""), re.IGNORECASE) for _, pattern in _COMMITTEE_PATTERNS)
"""Each part's phrases without the buyer's "I" before them: a statement none of whose phrases occurs is no part's,
and this search is a fraction of the first-person one's cost (a tenth of a run's persona building, tester-free
profile of 300 interviews)."""

CHANNELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (channel, re.compile(pattern, re.IGNORECASE))
    for channel, pattern in (
        ("Peers", r"\b(?:peers?(?!-)|word of mouth|my network|a referral|referred (?:me|us)|recommended (?:it|them|by)|"
                  r"(?:friend|colleague|contact)s? (?:at|from|in) (?:another|other|a different)|"
                  r"(?:asked|talked to|called) (?:a few |some )?(?:friends|peers|people I know|other (?:cfos|"
                  r"controllers|companies)))\b"),
        ("Analysts", r"\b(?:gartner|forrester|idc|analyst reports?|industry analysts?|magic quadrant)\b"),
        ("Review sites", r"\b(?:g2|capterra|trustradius|getapp|software advice|review sites?|online reviews)\b"),
        ("Communities", r"\b(?:slack (?:groups?|communit(?:y|ies)|channels?)|reddit|subreddit|forums?|linkedin groups?|"
                        r"(?:online|ops|practitioner|peer|professional) communit(?:y|ies)|user groups?|"
                        r"professional (?:body|association)|mailing lists?|listservs?)\b"),
        ("Events", r"\b(?:conferences?(?! (?:room|call))|trade ?shows?|webinars?|meetups?|expos?|industry events?)\b"),
        ("Search", r"\b(?:googl(?:e|ed|ing) (?:it|for|around)|i googled|searched online|search(?:ed)? the web|"
                   r"looked (?:it |them )?up online|a google search)\b"),
        ("Vendors' content", r"\b(?:case stud(?:y|ies)|white ?papers?|(?:their|the vendor'?s?) (?:website|blog|site|"
                             r"videos?|newsletter)|e-?books?|product demos?)\b"),
        ("Social media and podcasts", r"\b(?:linkedin(?! groups?)|twitter|youtube|podcasts?)\b"),
    )
)  # fmt: skip
"""Channel or source → phrases that name it."""
LEARNING = re.compile(
    r"\b(?:heard|hear|read|saw|learn(?:ed|t)?|came across|come across|found out|recommend(?:ed|s|ation)?|"
    r"research(?:ed|ing)?|look(?:ed)? at|check(?:ed)? out|asked|ask|talked to|spoke to|went to|go to|attend(?:ed)?|"
    r"listen(?:ed)? to|follow|reviews?|compar(?:e|ed|ing)|trust)\b",
    re.IGNORECASE,
)
"""A channel counts only where the buyer learns from it (not "the small conference room", "we run podcasts")..."""
ASKED_WHERE_THEY_LEARN = re.compile(
    r"\b(?:find|found|finding|hear|heard|learn|learned|learnt|keep up|stay on top|research|look for|go for|go to"
    r"|turn to)\b[^?]{0,40}\b(?:about|on|of|for|when|to|with)\b[^?]{0,40}\b(?:tools?|software|products?|vendors?"
    r"|solutions?|options|apps?|platforms?|new|what'?s out there)\b"
    r"|\bwhere do you (?:go|look|turn)\b|\bwho do you (?:ask|trust|turn to|talk to)\b",
    re.IGNORECASE,
)
"""... or where it answers a question of where they learn ("How do you find out about new tools?" / "Mostly from
other warehouse managers in a peer group I joined.", tester 21)."""


@dataclass(frozen=True)
class _Found:
    name: str
    statement: Statement


# A part denied or doubted before it is named ("I'm not convinced the scanning is accurate", "we never ran a pilot",
# "I'm not sure I'd say I have a veto"), or one held no more ("I used to have a veto, not anymore"), is none.
_DENIED = re.compile(r"\b(?:not|never|no\s+longer|hardly)\b|n['’]t\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:used\s+to|anymore|any\s+more|no\s+longer)\b", re.IGNORECASE)


def committee_parts(statements: Iterable[Statement]) -> dict[str, _Found]:
    """Interview id → the buying-committee part its buyer shows most, with the first statement that shows it."""
    by_interview: dict[str, list[_Found]] = {}
    for statement in statements:
        for (part, pattern), named in zip(COMMITTEE, _NAMED, strict=True):
            found = named.search(statement.text) and pattern.search(statement.text)
            if found and not _DENIED.search(statement.text[: found.end()]) and not _PAST.search(statement.text):
                by_interview.setdefault(statement.interview_id, []).append(_Found(part, statement))
    order = [part for part, _ in COMMITTEE]
    chosen = {}
    for interview_id, found in by_interview.items():
        counts = {part: sum(1 for f in found if f.name == part) for part in order}
        best = max(order, key=lambda part: (counts[part], -order.index(part)))
        chosen[interview_id] = next(f for f in found if f.name == best)
    return chosen


def mentions(
    statements: Iterable[Statement], interviews: Iterable[str], quote_for: Callable[[Statement], Quote],
    person_of: Callable[[str], str], *, committee: bool, quotes: int = 2,
) -> tuple[Mention, ...]:  # fmt: skip
    """The parts (``committee``) or channels named by the buyers of ``interviews``: each with how many of them
    (people: ``person_of`` gives an interview's ``BuyerProfile.person_key``) and up to ``quotes`` quotes from
    different interviews; most named first, then in the lists' order."""
    wanted = set(interviews)
    mine = [s for s in statements if s.interview_id in wanted]
    mine.sort(key=lambda s: (s.interview_id, s.turn_index, s.start_char))
    found: dict[str, list[Statement]] = {}
    if committee:
        for part in committee_parts(mine).values():
            found.setdefault(part.name, []).append(part.statement)
    else:
        for statement in mine:
            if not (LEARNING.search(statement.text) or ASKED_WHERE_THEY_LEARN.search(statement.question)):
                continue
            for channel, pattern in CHANNELS:
                if pattern.search(statement.text):
                    found.setdefault(channel, []).append(statement)
    order = [name for name, _ in (COMMITTEE if committee else CHANNELS)]
    made = []
    for name in order:
        if name in found:
            said = found[name]
            first_per_interview = list({s.interview_id: s for s in reversed(said)}.values())[::-1]
            made.append(Mention(name, len({person_of(s.interview_id) for s in said}),
                                tuple(quote_for(s) for s in first_per_interview[:quotes])))  # fmt: skip
    return tuple(sorted(made, key=lambda m: (-m.interviewees, order.index(m.name))))
