"""The field a buyer works in and what they are responsible for, when they state no title: "I work in
procurement", "I'm on the FP&A side", "I run procurement" → Head of Procurement, "I manage the AP team" → AP Manager,
or the interviewer's "you're heading up procurement, right?" that the buyer confirms; and the company they name
as theirs ("I'm the CFO at Harlow Logistics")."""

from __future__ import annotations

import itertools
import re

from .ingest.person_names import names_an_organisation
from .introductions import INTRO_TURNS, stated_title
from .job_questions import CONFIRMS
from .job_words import names_a_field, names_a_job, title_cased
from .title_phrases import bare_title, company_after_of, heads_a_company, plain

_FIELD = re.compile(
    r"\bi\s+(?:currently\s+)?(?:work|am\s+working|'?m\s+working)\s+in\s+(?:the\s+)?(?P<field>[a-z][\w&/ -]{1,40}?)"
    r"(?:\s+(?:industry|department|team|sector|field|space|world))?(?=[,.;!?]|\s+(?:and|as|at|for|so|but|where|in|with)\b|$)",
    re.I,
)
# "I'm the only finance person here", "I'm basically a one-person IT department": the field is the job.
_ONLY_ONE = re.compile(
    r"\bi(?:'m|\s+am)\s+(?:\w+\s+)?(?:the|a|an)\s+(?:only|sole|lone|one-(?:person|man|woman)|whole|entire)\s+"
    r"(?P<field>[a-z][\w&/-]*(?:\s+[\w&/-]+){0,2}?)\s+(?:person|guy|gal|one|team|department|function|shop)\b",
    re.I,
)


# "I lead the platform team", "I run procurement", "I'm in charge of accounts payable", "I manage the customer
# success team", "I am heading sales operations": what someone is responsible for says their job as well as a title
# does.
_RESPONSIBILITY = re.compile(
    # "I am since four years the responsible of purchasing": a time said first, as a Spanish or German speaker puts it
    r"\bi(?:'m|\s+am)?\s+(?:(?:currently|now|since|for)\s+(?:(?:about|almost|over|[\w-]+)\s+){0,2}?"
    r"(?:years?|months?)\s+|currently\s+|now\s+)?(?:working\s+as\s+)?(?:the\s+(?:(?:one|person)\s+who\s+)?)?"
    r"(?P<verb>lead(?:s|ing)?|runs?|oversee(?:s|ing)?|head(?:s|ing)?(?:\s+up)?"
    r"|look(?:s|ing)?\s+after|manag(?:es?|ing)|responsible\s+(?:for|of)|in\s+charge\s+of)\s+"
    # "I run a team of eight in customer support": the team's field
    r"(?:(?:a|the|our)\s+(?:small\s+)?team\s+(?:of\s+[\w-]+\s+(?:people\s+)?)?(?:in|for|on)\s+)?"
    r"(?:the\s+|our\s+|all\s+(?:the\s+|our\s+)?)?(?!of\s)(?P<field>[a-z][\w&/ -]{1,40}?)"
    r"(?:\s+(?:team|teams|department|function|group|org|organi[sz]ation|side|sides))?"
    r"(?=[,.;!?]|\s+(?:and|at|for|so|but|here|there|over|across|in|with|where|which|as)\b|$)",
    re.I,
)


def stated_responsibility(texts: list[str], questions: list[str] | None = None) -> str:
    """A title from what a buyer says they are responsible for, in the first ``INTRO_TURNS`` of ``texts``: "I run
    procurement" → "Head of Procurement", "I manage the AP team" → "AP Manager"; or what the other side said of it
    and the buyer confirmed (``questions``: said before each turn, as in ``stated_title``): "I see you're heading up
    procurement, right?" / "Yep." Else ``""``."""
    asked = questions or [""] * len(texts)
    first = texts[:INTRO_TURNS]
    # Only what the question says of the buyer: "I look after about forty accounts ... Is it okay if I record?" /
    # "Yes, go ahead." confirms the recording, not the asker's own job.
    confirmed = [_said_of_you(question) if CONFIRMS.match(plain(answer)) else ""
                 for question, answer in zip(asked, first, strict=False)]  # fmt: skip
    for raw in [t for pair in zip(confirmed, first, strict=False) for t in pair]:
        for match in _RESPONSIBILITY.finditer(raw.replace("’", "'")):
            words = match["field"].split()
            if not names_a_field(words):
                continue
            # "I'm managing the migration", "leading the vendor evaluation": a task; "heading sales operations",
            # "managing the AP team", "heading IT infrastructure" (to head, its field without an article, as Indian
            # English says it: tester 51): a part of the organisation
            bare = (
                match["verb"].lower().startswith("head")
                and not match.string[match.end("verb") : match.start("field")].strip()
            )
            if match["verb"].lower().endswith("ing") and not (
                _UNIT_AFTER.search(match[0]) or words[-1].lower() in ("operations", "ops") or bare
            ):
                continue
            field = title_cased(" ".join(words))
            return f"{field} Manager" if match["verb"].lower().startswith("manag") else f"Head of {field}"
    return ""


_YOU_TO_I = re.compile(r"\byou(?:'re|\s+are)?\b", re.I)
_YOU = re.compile(r"\byou(?:'re)?\b", re.I)
_SENTENCES = re.compile(r"(?<=[.?!])\s+")


def _said_of_you(question: str) -> str:
    """The sentences of ``question`` about "you", said in the first person ("you're heading up procurement" → "I'm
    heading up procurement")."""
    return _YOU_TO_I.sub(_as_first_person, " ".join(s for s in _SENTENCES.split(question) if _YOU.search(s)))


def _as_first_person(you: re.Match[str]) -> str:
    return "I" if you[0].lower() == "you" else "I'm"


_UNIT_AFTER = re.compile(r"\b(?:team|teams|department|function|group|org|organi[sz]ation)\W*$", re.I)


# "I recently started a marketing role", "in my current finance position": the field the role is in.
_ROLE_IN = re.compile(
    r"\b(?:started|took|have|hold|in|into|got)\s+(?:a|an|my|the)\s+(?:(?:new|current|first|junior|senior)\s+)?"
    r"(?P<field>[a-z][\w&/-]*(?:\s+[\w&/-]+)?)\s+(?:role|job|position)\b",
    re.I,
)


# "I'm on the FP&A side", "I'm a manager in the finance department": the part of the organisation they are in.
_SIDE = re.compile(
    r"\bi(?:'m|\s+am)\s+(?:(?:a|an|the)\s+)?(?:\w+\s+){0,2}?(?:on|in)\s+the\s+(?P<field>[\w&/-]+(?:\s+[\w&/-]+){0,2}?)\s+"
    r"(?:side|team|department|group|function)\b(?!\s+(?:of|who|that)\b)",
    re.I,
)


def stated_field(texts: list[str]) -> str:
    """The field a buyer says they work in ("I work in finance", "I'm the only finance person here", "I recently
    started a marketing role", "I'm on the FP&A side" → "finance", "marketing", "FP&A"), or ``""``."""
    # "I'm on the IT side here" may take a side in an argument: only when no turn says the field more plainly.
    for patterns in ((_FIELD, _ONLY_ONE, _ROLE_IN), (_SIDE,)):
        for raw in texts[:INTRO_TURNS]:
            text = raw.replace("’", "'")
            for pattern in patterns:
                match = pattern.search(text)
                if match and (pattern is _FIELD or names_a_field(match["field"].split())):
                    return match["field"].strip()
    return ""


# A company's name: capitalised words, joined by "of", "and", "&" ("Bank of America", "AT&T Business Solutions"),
# never "I", a possessive ("Brightwell's Lancaster clinic") nor an honorific ("Dr. Alan Reyes").
_NAME_WORD = r"(?!I\b|I['’]|(?:Dr|Mr|Mrs|Ms|Prof)\b)[A-Z][\w&.]*(?:-[\w&.]+)*"
_COMPANY = rf"(?P<company>{_NAME_WORD}(?:\s+(?:(?:of|and|&|de)\s+)?{_NAME_WORD})*)"
# "at", right after the title or "I work" ("for" only before an organisation's name): "for" names a client, a
# boss, a region or a tool as often as an employer ("account manager for Walmart", "I work for Maria Chen",
# "responsible for Salesforce"), and "at" said elsewhere a previous employer or a school ("I was at Deloitte before",
# "my MBA at Stanford").
# "in procurement", "on the finance team", "for the north region" (tester 29): the buyer's part of the company, said
# between the title and "at"
_DEPARTMENT = r"(?:[\s,]+(?:in|on|within|for)\s+(?:the\s+)?[\w&-]+(?:\s+[\w&-]+){0,2})?"
# "plant controller in the Pune plant of Vardhan Auto Components" (tester 29)
_SITE_OF = (
    r"[\s,]+(?:in|at)\s+(?:the|our)\s+(?:[\w-]+\s+){0,2}(?:plant|site|office|division|branch|factory|mill|depot"
    r"|warehouse|unit)\s+of"
)
# "I work in procurement at Alder Foods"; "Hi, I'm at Brightpath Events, we run ..." (tester 36); what they run there
_WORK_AT = re.compile(
    rf"\b(?i:i\s+(?:work|am\s+working|'m\s+working){_DEPARTMENT}\s+at|i(?:'m|’m|\s+am)\s+(?:now\s+|currently\s+)?at"
    # "I head up procurement at Norvane Foods", "I run the AP team over at Cobalt" (tester 39)
    r"|i\s+(?:head(?:\s+up)?|run|lead|manage|oversee|look\s+after)\s+(?:the\s+|our\s+)?[\w&-]+(?:\s+[\w&-]+){0,3}?"
    r"\s+(?:over\s+|here\s+)?at)"
    # "I'm at Heathrow right now": where they are, not whose they are
    rf"\s+{_COMPANY}(?!\w|\s+(?i:right\s+now|today|at\s+the\s+moment|this\s+(?:week|morning|afternoon)))"
)
# Regions and times say where or when the job is, not whose it is ("at Christmas", "at EMEA level").
_NOT_COMPANIES = frozenset(
    {"uk", "us", "usa", "eu", "emea", "apac", "latam", "europe", "asia", "africa", "america", "north", "south", "east",
     "west", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "christmas",
     "easter", "the", "a", "an", "home", "night"}
)  # fmt: skip


# A sentence ends at a full stop, but not at a name's abbreviation ("St. Agnes Health", "Mt. Sinai").
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\bSt\.)(?<!\bMt\.)(?<!\bFt\.)\s+")


# A name an anonymised transcript puts in place of the company ("I am data scientist at Company X"): nobody's
# company, so two interviews "at Company X" are not one company, nor their buyers one person.
_ANONYMISED = re.compile(
    r"(?:the\s+)?(?:company|client|customer|firm|organi[sz]ation|employer|org|vendor|business|corporation)\s*"
    r"(?:[A-Z]|[0-9]{1,2}|XYZ)?|XYZ(?:\s+(?:corp|inc|ltd|company))?|\[[^\]]*\]|<[^>]*>",
    re.I,
)


def stated_company(texts: list[str]) -> str:
    """The company a buyer names as theirs in introducing themselves: the capitalised name right after their title
    and "at" ("I'm the CFO at Harlow Logistics", "a category manager in procurement at Brightmoor Hospitals"), or
    after "I work at" ("I work in procurement at ..."), among their first turns; "" when none
    (lower-case speech recognition never names one). Only what the buyer said: no guess from an e-mail domain or a
    file name, and nothing said of a client, a boss, a region, a tool or a former employer."""
    for text in texts[:INTRO_TURNS]:
        for sentence in _SENTENCE_BREAK.split(text):
            # or a title given alone as an answer: "Accounts payable coordinator at Crestline Consulting." (tester 19)
            # or one said after the buyer's name: "Sure, Vikram Rao, treasury manager at Alder Bancorp" (tester 20)
            title = stated_title([sentence]) or bare_title(sentence.strip()) or _title_among_parts(sentence)
            found = _WORK_AT.search(sentence)
            if title and not found:
                at = re.escape(title).replace(r"\ ", r"[\s,]+")
                # "the VP of finance here at Fairfield Foods"; "the owner of Kowalski Tree Service"; "supply chain
                # manager of Hoshino Denshi" (tester 51), not "fleet manager for the City of Ashford", nor "of the
                # Telford plant", a site (tester 52)
                joint = "(?:at|of)" if heads_a_company(title.split()) else "at"
                of = r"|[\s,]+of(?!\s+the\b)" if company_after_of(title.split()) else ""
                # "reliability engineer at the Kestrel Paper mill" (tester 20)
                found = re.search(
                    rf"\b(?i:{at}(?:{_SITE_OF}|{_DEPARTMENT}[\s,]+(?:here\s+)?{joint}{of})(?:\s+the)?)\s+{_COMPANY}",
                    sentence,
                )
                # "Fleet manager for the City of Ashford": after "for", only an organisation's name (not a client's
                # "account manager for Walmart", a region's, a tool's) (tester 12)
                client = found or re.search(rf"\b(?i:{at}[\s,]+for\s+(?:the\s+)?){_COMPANY}", sentence)
                found = client if client and names_an_organisation(client["company"]) else found
            if not found or sentence[found.end() : found.end() + 1] in ("'", "’"):
                continue  # "at Brightwell's Lancaster clinic": a place of the company's, not its name
            company = found["company"].rstrip(".")
            if company.split()[0].lower() not in _NOT_COMPANIES and not (company.isupper() and len(company) <= 3):
                return "" if _ANONYMISED.fullmatch(company) else company
        if company := _named_after_title(_SENTENCE_BREAK.split(text)) or _named_after_name(text):
            return company
    return ""


def _title_among_parts(sentence: str) -> str:
    """A title said alone between commas: "treasury manager at Alder Bancorp" of "Sure, Vikram Rao, treasury
    manager at Alder Bancorp, we're a regional bank holding company."."""
    if "," not in sentence:
        return ""  # the whole sentence, which the caller read already
    return next((title for part in sentence.split(",") if (title := bare_title(part.strip()))), "")


# "Riverside General Hospital.", "Kessler Armaturen, in Heilbronn." (tester 35)
_NAME_ALONE = re.compile(rf"{_COMPANY}(?:\s*,\s*(?:in|based\s+in)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?\.?")
# A round of introductions: "Sure. Marcus Okafor, Redwater Foods. We're a food manufacturer ..." (tester 37)
_NAME_THEN_COMPANY = re.compile(
    r"(?:(?i:sure|yes|yeah|hi|hello|okay|ok|so)\b[,.!]?\s+)*(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s*,\s*"
    rf"{_COMPANY}\.?"
)


_NOT_A_NAME = frozenset({"thanks", "thank", "great", "good", "sorry", "right", "well", "hi", "hello", "hey", "dear"})


def _named_after_name(text: str) -> str:
    """The organisation a speaker names right after their own name, a sentence alone ("Marcus Okafor, Redwater
    Foods."), where it names no job ("Marcus Okafor, Group Controller." is a title)."""
    for sentence in _SENTENCE_BREAK.split(text)[:3]:
        found = _NAME_THEN_COMPANY.fullmatch(sentence.strip())
        if found is None or found["name"].split()[0].lower() in _NOT_A_NAME or names_a_job(found["company"]):
            continue
        if found["company"].split()[0].lower() not in _NOT_COMPANIES:
            return found["company"].rstrip(".")
    return ""


_TITLE_ALONE_WORDS = 6
"""Most words of an answer that is a title alone ("Clinical supplies manager.")."""


def _named_after_title(sentences: list[str]) -> str:
    """The organisation named alone right after a title given alone: "Clinical supplies manager. Riverside General
    Hospital." (a word of an organisation's name required: "Head of AP. Mostly invoices." names none)."""
    for first, second in itertools.pairwise(sentences):
        alone = _NAME_ALONE.fullmatch(second.strip())
        short = len(first.split()) <= _TITLE_ALONE_WORDS and names_a_job(first)
        if alone and short and names_an_organisation(alone["company"]):
            return alone["company"].rstrip(".")
    return ""
