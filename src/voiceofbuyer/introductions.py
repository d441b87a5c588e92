"""The job title a buyer states when introducing themselves, as people say and type it.

"I'm a data scientist at Company Y", "I'm Helen Marsh, finance director at Kestrel", "I’m the HR director" (a
curly apostrophe), "I've been, uh, data scientist for almost three years", "my current position is that of
delivery manager", "I work as a nurse", "as a high school teacher I ...", "en tant que data analyste". Only the
buyer's first turns are searched: that is where people say what they do.
"""

from __future__ import annotations

import re

_HEAD_NOUNS = (
    "manager|director|officer|scientist|engineer|analyst|analyste|specialist|clerk|lead|head|controller"
    "|cfo|ceo|cto|cio|coo|ciso|cro|cmo|vp|architect|developer|consultant|supervisor|accountant|administrator"
    "|coordinator|president|founder|co-founder|cofounder|owner|designer|researcher|executive|strategist|planner"
    "|marketer|recruiter|treasurer|bookkeeper|auditor|buyer|programmer|statistician|teacher|professor|lecturer"
    "|tutor|instructor|trainer|educator|nurse|physician|doctor|surgeon|therapist|pharmacist|dentist|veterinarian"
    "|psychologist|counsel+or|lawyer|attorney|paralegal|writer|copywriter|editor|journalist|author|translator"
    "|artist|illustrator|animator|photographer|videographer|producer|musician|composer|technician|mechanic"
    "|electrician|agent|representative|rep|associate|assistant|librarian|coach|student|entrepreneur|freelancer"
    "|contractor|realtor|broker|economist|chemist|biologist|physicist|mathematician|officer|partner|principal"
    "|superintendent|administrator|secretary|receptionist|operator|dispatcher|inspector|estimator|surveyor"
    "|advisor|adviser|banker|underwriter|actuary|strategist|chef|cook|pastor|nanny|clinician|scribe|coder"
)
_TITLE_WORD = r"[A-Za-z][\w&/'-]*"
# A stated title stops at function words ("at", "with", "for", ...).
_NOT_IN_TITLE = frozenset(
    {
        "at", "in", "for", "with", "and", "but", "so", "the", "a", "an", "here", "there", "because", "i",
        "we", "you", "my", "our", "that", "this", "of", "to", "as", "was", "been", "be", "is", "am", "are",
        "like", "just", "currently", "now", "basically", "actually", "kind", "sort", "working", "work",
        "say", "let's", "mainly", "really", "also", "then", "still", "put", "down", "me", "it's", "not",
        "very", "quite", "pretty", "new", "bit", "more", "from", "on", "by", "about", "what", "how",
    }
)  # fmt: skip
_NAME_FIRST = r"(?-i:(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+\s*,\s*)"  # "I'm Helen Marsh, finance director"
_INTRO_LEAD = re.compile(
    rf"\b(?:(?:i'?m|i\s+am)\s+{_NAME_FIRST}|i'?m|i\s+am|i\s+work\s+as|i\s+(?:currently\s+)?work\s+as|i'?ve\s+been(?:\s+working\s+as)?"
    r"|i\s+have\s+been(?:\s+working\s+as)?|working\s+as|work(?:ed|ing)?\s+it\s+as|i\s+serve\s+as"
    r"|my\s+(?:main\s+|current\s+|official\s+|day\s+)?(?:role|position|title|job)(?:\s+title)?\s+is(?:\s+that\s+of)?"
    r"|let'?s\s+say|put\s+(?:me\s+)?down\s+as|being\s+(?:a|an|the)|as\s+(?:a|an|the)|en\s+tant\s+que)"
    r"[\s,]+(?:(?:a|an|the|currently|now|basically|actually|also)\s+)*",
    re.I,
)
_STOP_AFTER = r"(?!(?:at|for|in|with|and|here|there|since|who|where|so|but|of|on|to)\b)"
_TITLE_AFTER_LEAD = re.compile(
    rf"((?:{_TITLE_WORD}\s+){{0,4}}?(?:{_HEAD_NOUNS})\b(?:\s+of\s+{_STOP_AFTER}{_TITLE_WORD}"
    rf"(?:\s+{_STOP_AFTER}{_TITLE_WORD})?)?)",
    re.I,
)
# "I use it as an assistant", "treat ChatGPT as a tutor": a role given to a tool, not the speaker's job.
_ABOUT_A_TOOL = re.compile(
    r"\b(?:it|ai|chatgpt|claude|gemini|copilot|tool|tools|them|this|that|model|llm|bot|use|using|used|treat|like)"
    r"\s+(?:\w+\s+){0,2}as\b",
    re.I,
)
_FILLERS = re.compile(r"(?<![\w-])(?:um+|uh+|erm|er|ah|hmm+|mm+)(?![\w-])[,.]?\s*")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on"})
INTRO_TURNS = 12
"""Self-introductions come early: only the buyer's first turns are searched."""


_FIELD = re.compile(
    r"\bi\s+(?:currently\s+)?(?:work|am\s+working|'?m\s+working)\s+in\s+(?:the\s+)?(?P<field>[a-z][\w&/ -]{1,40}?)"
    r"(?:\s+(?:industry|department|team|sector|field|space|world))?(?=[,.;!?]|\s+(?:and|as|at|for|so|but|where)\b|$)",
    re.I,
)


def stated_field(texts: list[str]) -> str:
    """The field a buyer says they work in ("I work in finance" → "finance"), or ``""``."""
    for raw in texts[:INTRO_TURNS]:
        match = _FIELD.search(raw.replace("’", "'"))
        if match:
            return match["field"].strip()
    return ""


def _title_case(word: str) -> str:
    """"payable" → "Payable"; "ERP" stays; "of" stays small."""
    if word.isupper():
        return word
    return word.lower() if word.lower() in _SMALL_WORDS else word[:1].upper() + word[1:]


def stated_title(texts: list[str]) -> str:
    """The job title stated in the first ``INTRO_TURNS`` of ``texts`` (the buyer's turns), or ``""``."""
    for raw in texts[:INTRO_TURNS]:
        text = _FILLERS.sub("", raw.replace("’", "'").replace("‘", "'").replace("''", "'"))
        for lead in _INTRO_LEAD.finditer(text):
            match = _TITLE_AFTER_LEAD.match(text, lead.end())
            if not match or _ABOUT_A_TOOL.search(text, max(0, lead.start() - 30), lead.start() + 3):
                continue
            words = match.group(1).split()
            # Drop leading words that cannot start a title ("I'm at the data scientist..." → "data scientist").
            while words and words[0].lower() in _NOT_IN_TITLE:
                words.pop(0)
            if any(word.lower() in _NOT_IN_TITLE - {"of"} for word in words):
                continue
            if words:
                # "accounts payable clerk" → "Accounts Payable Clerk"; "ERP" and "AI" stay as said.
                return " ".join(_title_case(word) for word in words)
    return ""
