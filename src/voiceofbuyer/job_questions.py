"""Questions about a buyer's job, and the answers that give a title: "What's your role?" / "Head of procurement.",
"You're the CFO at Arden, right?" / "That's right.", "Dana is IT director at Corvel" / "Yes, that's me.".
``introductions`` reads titles from what the buyer says; this module, from what they answer.
"""

from __future__ import annotations

import re
from collections import Counter

from .job_words import names_a_job_word
from .title_phrases import bare_title, title_after

NAME_FIRST = r"(?-i:(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+\s*,\s*)"  # "I'm Helen Marsh, finance director"

# A question about the buyer's own job, wherever it is asked: "What's your role at Finch?", "what is it you do?",
# "What does your day look like?", "What does your team look like?", "Tell me about yourself." (``ingest.sides``
# finds who was asked with it too).
# Where the title is written down: "if I looked you up in the org chart, what would it say?" (tester 10)
_WRITTEN_DOWN = (
    r"\b(?:org(?:ani[sz]ation(?:al)?)?\s+chart|look(?:ed)?\s+you\s+up"
    r"|your\s+(?:linkedin|badge|(?:e-?mail\s+)?signature))\b"
)
_OWN_JOB = (
    r"\byour\s+(?:name\s+and\s+(?:your\s+)?)?(?:(?:actual|official|current|exact|job|formal)\s+){0,2}"
    r"(?:role|title|job|position)\b|\bwhat\s+(?:is\s+it\s+(?:that\s+)?)?(?:do\s+)?you\s+do\b"
    r"|\bwhat\s+does\s+your\s+(?:job|role|work|day|team)\s+(?:involve|look\s+like)\b|\bintroduce\s+yourself\b"
    r"|\babout\s+yourself\b"
    # "Quick intro for the notes: name, role, and how long you've been at Norland?"
    r"|\bname\s*(?:,|and|&)\s*(?:your\s+)?(?:role|title|job|position)\b"
    # "And what's the title that goes with that?"
    r"|\bthe\s+(?:official\s+)?title\s+(?:that\s+)?goes\s+with\b"
    # a note-taker's prompt: "Role and team?", "Job title?", "Role / background?"
    r"|(?:^|[.!?]\s+)\W*(?:(?:current|job)\s+)?(?:role|title|position)\b(?=[\w\s,&/]{0,30}\?\s*$)"
    r"|" + _WRITTEN_DOWN
)
ASKS_OWN_JOB = re.compile(_OWN_JOB, re.I)
# Also a question that names the job for the buyer to confirm: "you're the payroll manager, right?", "as the
# controller, you ...", "I have you down as ...".
_ASKS_JOB = re.compile(
    _OWN_JOB + r"|\byou(?:'re|\s+are)\s+(?:(?:the|an?)\s+)?\w+|\bas\s+(?:the|a|an)\s+\w+"
    r"|\b(?:have|got|see|list)\w*\s+you\s+(?:down\s+)?as\b",
    re.I,
)
# A question about the title itself, asked at any point of the call: "what's your official title, by the way?"
ASKS_TITLE = re.compile(
    r"\byour\s+(?:(?:actual|official|current|exact|job|formal)\s+){0,2}(?:title|role|position)\b"
    r"(?!\s+(?:in|on|for|with|at|when|during|as|about|regarding|towards?|versus|vs)\b)"
    r"|what(?:'s|\s+is)\s+(?:it\s+)?(?:on\s+)?your\s+(?:business\s+)?card"
    r"|\bthe\s+(?:official\s+)?title\s+(?:that\s+)?goes\s+with\b|" + _WRITTEN_DOWN,
    re.I,
)
# A question about someone else's job: "Did you catch her title?", "What does Dana do there?"
ASKS_ANOTHERS_JOB = re.compile(
    r"\b(?:her|his|their|(?-i:[A-Z][\w-]+)['’]s)\s+(?:(?:job|official|actual|exact|current)\s+)?(?:title|role|job|position)\b"
    r"|\bwhat\s+(?:does|did)\s+(?:she|he|they|(?-i:[A-Z][\w-]+))\s+do\b",
    re.I,
)
# "... Jess mentioned you took over her role. What do you do there now?", "Priya's role is tax. How about you?"
ASKS_YOURS = re.compile(
    _OWN_JOB + r"|\bwhat\s+did\s+you\s+do\b|\b(?:how|what)\s+about\s+you\b|\band\s+you(?:rself)?\s*\?", re.I
)
SAYS_I_AM = re.compile(r"\s*(?:(?:so|well|yeah|yes|sure|oh)[,.]?\s+)*(?:i'?m|i\s+am)\b", re.I)
_ANSWER_OPENING = re.compile(
    r"(?:\s*(?:yes|yeah|yep|sure|so|well|right|correct|of\s+course|actually|oh|okay|ok|honestly|officially|it'?s"
    r"|it\s+is|it(?:'d|\s+would)\s+say|it\s+says)\b[,.!]?)*\s*",
    re.I,
)
# "Not director, senior manager of ...", "Close. Head of legal operations", "Not quite: ...": the answer corrects the
# title the question named, and the right one follows.
_CORRECTS_QUESTION = re.compile(
    r"(?:not\s+quite|not\s+exactly|close|almost|not\s+(?:the\s+|an?\s+)?[\w&/ -]{1,40}?)\s*[,.;:!—–-]+\s*"
    r"(?:(?:it's|i'm)\s+(?:actually\s+)?)?(?:the\s+|an?\s+)?",
    re.I,
)
# "For the notes, Dana is IT director at Corvel": the interviewer introduces someone, whom "that's me" confirms.
# Not "Priya is our solutions engineer" (the interviewer's colleague), nor "It's me and Jorge" / "it's me instead".
_NAMED_IS = re.compile(r"(?-i:\b[A-Z][\w'-]+)\s+is\s+(?:the\s+|an?\s+)?(?!our\b|my\b)", re.I)
_THATS_ME = re.compile(r"\s*(?:(?:yes|yeah|yep|yup|right|correct)\W+)?(?:that'?s|that\s+is)\s+me\b(?!\s+and\b)", re.I)
# Also "introduce yourself": "Sure. Greg Hollis, IT director at Northfield." (tester 12)
_ASKS_NAME = re.compile(
    r"\byour\s+(?:full\s+)?name\b|\bname\s*(?:,|and|&)\s*(?:your\s+)?(?:role|title|job)\b|\bintroduce\s+yourself\b",
    re.I,
)
_YOU_ARE = re.compile(
    r"\b(?:you(?:'re|\s+are)\s+(?:still\s+|now\s+)?(?:listed\s+as\s+)?|(?:have|got|see|list)\w*\s+you\s+(?:down\s+)?as\s+"
    r"|your\s+(?:(?:job|official|current|actual)\s+)?(?:title|role|position)\s+is\s+)"
    r"(?:the\s+|an?\s+)?",
    re.I,
)
# "Yes", and the idioms that say it: "Guilty as charged.", "That'd be me.", "The very same.", "I am, yes." (not "I am
# the controller"); not a job held before: "Indeed, formerly.", "Indeed I was, until the reorg".
CONFIRMS = re.compile(
    r"\s*(?:yes|yeah|yep|yup|correct|exactly|indeed|absolutely|that'?s\s+(?:right|correct|me)|right|spot\s+on"
    r"|guilty(?:\s+as\s+charged)?|(?:that|it)(?:'d|\s+would)\s+be\s+me|(?:the\s+)?very\s+same|that'?s\s+the\s+one"
    r"|the\s+one\s+and\s+only|still\s+me|(?:i\s+am|sure\s+am|i\s+sure\s+am|still\s+am)(?=\s*(?:[,.!;]|$)))\b"
    r"(?!\s*,?\s*(?:but|well|not|formerly|previously|once|i\s+was|i\s+used\s+to|was|used\s+to)\b)",
    re.I,
)


def answered_title(question: str, answer: str) -> str:
    """A title that is the whole first phrase of an answer to a question about the job ("Head of procurement.",
    "Payroll and benefits manager, yeah."), optionally followed by where ("... at Finch"), or one the other side
    said of the buyer and the buyer confirmed ("Dana is IT director at Corvel" / "Yes, that's me."); else ``""``."""
    introduced = _NAMED_IS.search(question)
    if introduced and _THATS_ME.match(answer):
        return title_after(question[introduced.end() : introduced.end() + 80])
    if not question or not _ASKS_JOB.search(question):
        return ""
    rest = answer[_ANSWER_OPENING.match(answer).end() :]  # type: ignore[union-attr]
    corrects = _CORRECTS_QUESTION.match(rest)
    rest = rest[corrects.end() if corrects else 0 :]
    # "Your name and role?" / "Rob Castellano, Sr. Dir. of FP&A at Quillon." (not "Accounts Receivable Manager, ...")
    named = re.match(r"(?:i'?m\s+)?" + NAME_FIRST, rest, flags=re.I) if _ASKS_NAME.search(question) else None
    if named and not any(names_a_job_word(word.strip(",")) for word in named[0].split()):
        rest = rest[named.end() :]
    # "It's a mouthful: Senior Manager, Global Indirect Tax.": the title after a colon that introduces it
    introduced = re.match(r"[^.?!:]{2,40}:\s+", rest)
    for said in (rest, *([rest[introduced.end() :]] if introduced else [])):
        if title_after(said[:80]):
            return bare_title(said[:80])
    rest = rest[:80]
    # "You're the CFO at Arden, right?", "I've got you down as the warehouse operations manager, is that right?",
    # "... and your title is payroll manager. Is that right?" / "That's right.": the title the buyer confirms.
    named = list(_YOU_ARE.finditer(question))
    if named and CONFIRMS.match(answer):  # the first that names a job: "I know you're busy ... your title is ..."
        said = (title_after(question[found.end() : found.end() + 80]) for found in named)
        return next(filter(None, said), "")
    # "Until March I was dispatch manager. Then they made it transportation manager. So, transportation manager.",
    # "... It's director of accounting now. Same job, really.": asked for the title, the last sentence of the answer
    # that names one alone.
    if not ASKS_TITLE.search(question):
        return ""
    for sentence in reversed(_SENTENCE.split(answer.strip().rstrip(".!"))):
        title = bare_title(sentence[_ANSWER_OPENING.match(sentence).end() :][:80])  # type: ignore[union-attr]
        if title:
            return title
    return ""


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


_BACK_CHANNEL_WORDS = 3


def question_before(runs: list[tuple[str, str]], index: int, profiled: set[str]) -> str:
    """What the other side said before ``runs[index]`` (speaker, text), past a back-channel exchange of a few words
    ("What's your title, officially?" / "No worries." / "Okay." / "Senior category manager."); "" where nothing
    or where the buyer said more since."""
    for earlier in range(index - 1, -1, -1):
        speaker, text = runs[earlier]
        if len(text.split()) > _BACK_CHANNEL_WORDS or "?" in text:  # "Your title?" is no back-channel
            return text if speaker not in profiled else ""
    return ""


# After the buyer's name: ", who is", ", he's the" (". He's our": tester 14), " is our", or the title straight after a
# comma.
_GIVEN_AS = r"(?:\s+[A-Z][\w'-]+)?\s*(?:[,.]\s*(?:who(?:'s|\s+is)|(?:he|she|they)(?:'s|\s+is|\s+are))\s+|\s+is\s+|,\s*)"


def introduced_title(heard: list[str], names: list[str]) -> str:
    """A title the other side gives the buyer while naming them ("I'm here with Begoña Ibáñez, who is head of
    purchasing at Bodegas Ibáñez", "Lena, this is Femi Adeyemi, he's the director of facilities for Brookside",
    "Laura is our VP of finance"), or ``""``. ``heard``: what the other speakers said, in order; ``names``: the
    buyer's names as the call may say them (full names and given names; names of two letters or less are skipped)."""
    for name in (n for n in names if len(n) > 2):
        pattern = re.compile(rf"(?-i:\b{re.escape(name)}){_GIVEN_AS}(?:(?:the|an?|our|their)\s+)?", re.I)
        for text in heard:
            for found in pattern.finditer(text):
                title = title_after(text[found.end() : found.end() + 80])
                if title:
                    return title
    return ""


# "Great. Dana, what does a pay cycle look like for you?": a question opened with the name of the one it asks.
_ADDRESSED = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:(?:great|okay|ok|so|thanks|thank\s+you|right|perfect|and|now|well)[,.!]?\s+)?"
    r"(?-i:(?P<name>[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)),\s+(?=[^.!?]*\?)",
    re.I,
)
_OPENERS = frozenset(
    {"so", "okay", "great", "thanks", "right", "well", "now", "and", "but", "yes", "yeah", "sure", "perfect", "alright",
     "also", "first", "next", "then", "finally", "lastly", "honestly", "sorry", "again", "actually", "interesting",
     "cool", "nice", "wow", "gotcha", "hmm", "oh", "ah", "understood", "fair", "good", "lovely", "brilliant",
     "excellent", "awesome", "amazing", "wonderful", "fantastic", "totally", "absolutely", "exactly", "true", "hi",
     "hello", "hey", "look", "listen", "anyway", "besides", "otherwise", "plus", "still", "yet", "ok", "one"}
)  # fmt: skip


def addressed_names(questions: list[str]) -> list[str]:
    """The names the other side opens its questions to the buyer with ("Dana, what does a pay cycle look like for
    you?"), most often addressed first: who an unnamed voice ("SPEAKER_02") is, as the call says it.
    ``questions``: what the other side said before each of the buyer's turns."""
    counts = Counter(found["name"] for question in questions for found in _ADDRESSED.finditer(question)
                     if found["name"].lower() not in _OPENERS)  # fmt: skip
    return [name for name, _ in counts.most_common()]
