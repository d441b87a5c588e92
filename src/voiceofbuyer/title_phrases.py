"""A job title read off the words that follow an introduction ("... the, uh, contracts manager at Finch"), as
people say and type it: where the title ends, fillers and stutters, abbreviations written out ("Sr. Dir. of FP&A"),
a field said after a rank ("senior manager, lab operations"). ``introductions`` finds where a title is stated; this
module reads it (and ``title_corrections`` a correction said straight after: "..., sorry, acting controller").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .job_words import (
    JOB_WORDS,
    NOT_A_TITLE_START,
    NUMBER_WORDS,
    SMALL_WORDS,
    names_a_job_word,
    title_case_word,
    title_cased,
)

GENERIC = frozenset(
    {"manager", "director", "lead", "head", "assistant", "supervisor", "specialist", "owner", "freelancer",
     "contractor", "professional", "worker", "employee", "staff", "executive", "officer", "associate",
     "coordinator", "administrator", "consultant", "partner", "principal", "representative", "rep", "agent",
     "analyst", "engineer", "technician", "operator", "member", "leader"}
)  # fmt: skip
"""Titles made only of these words say a seniority, not a job: "I'm a manager" is kept only if nothing better is
said later."""
_BOUNDARY = re.compile(r"[,.;:!?()\[\]\"“”]|\s[-–—]\s")
# A stated title stops at function words ("at", "with", "for", ...).
_NOT_IN_TITLE = frozenset(
    {
        "at", "in", "for", "with", "and", "but", "so", "the", "a", "an", "here", "there", "because", "i",
        "we", "you", "my", "our", "that", "this", "of", "to", "as", "was", "been", "be", "is", "am", "are",
        "like", "just", "currently", "now", "basically", "actually", "kind", "sort", "working", "work",
        "say", "let's", "mainly", "really", "also", "then", "still", "put", "down", "me", "it's", "not",
        "very", "quite", "pretty", "new", "bit", "more", "from", "on", "by", "about", "what", "how", "who",
        "which", "where", "when", "since", "or", "if", "it", "they", "he", "she", "do", "have", "has", "had",
        "i'm", "i've", "we're", "you're", "they're",  # "I'm Siobhan Kelly, I'm head of payroll": a second lead
    }
)  # fmt: skip


# "I'm the, uh, contracts manager" reads "I'm the contracts manager": the comma before a filler goes with it.
FILLER_WORD = r"(?:um+|uh+|erm|er|ah|hmm+|mm+)"
_FILLERS = re.compile(rf"(?:,\s*)?(?<![\w-]){FILLER_WORD}(?![\w-])[,.]?\s*")
# "a senior, uh, senior accountant", "the AP, um, AP manager": the word said again after the filler, said once
_SAID_AGAIN = re.compile(rf"\b([\w&/'-]+),?\s+{FILLER_WORD}[,.]?\s+\1\b", re.I)
_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "my", "our", "their", "his", "her", "of", "to", "and", "or", "i'm", "i", "am", "as", "is", "was",
    "been", "be", "for", "in", "at", "on", "like", "so", "well", "yeah", "just", "currently", "basically",
})  # fmt: skip


def plain(said: str) -> str:
    """``said`` with straight apostrophes, without fillers and short words said twice ("I'm the, the head of ..."),
    and with the abbreviations of titles written out ("Sr. Dir. of FP&A"), as the title patterns read it."""
    straight = said.replace("’", "'").replace("‘", "'").replace("''", "'")
    unstuttered = _STUTTER.sub(r"\1", _FILLERS.sub(_without_filler, _SAID_AGAIN.sub(r"\1", straight)))
    return _ABBREVIATION.sub(_written_out, unstuttered)


def _without_filler(filler: re.Match[str]) -> str:
    """A filler taken out; one set off by commas after a word of content stays, as the restart it marks: "the
    controller, uh, assistant controller" corrects the title (``corrected``), "I'm the, uh, head of ..." does not."""
    said = filler[0].strip()
    before = filler.string[: filler.start()].split()
    if said.startswith(",") and said.endswith(",") and before and before[-1].lower() not in _FUNCTION_WORDS:
        return filler[0]
    return " "


def _written_out(abbreviation: re.Match[str]) -> str:
    """ "Sr." → "Senior"; "Dir. Ops for ..." → "Director of Ops for ..."; "Ops Mgr. Procurement reports up ..." →
    "Ops Manager. Procurement ...": a job's abbreviation before a new sentence keeps its full stop."""
    word = _ABBREVIATIONS[abbreviation[1].lower()]
    if abbreviation[1].lower() in _RANK_ABBREVIATIONS or abbreviation["field"] is not None:
        return word + (" of" if abbreviation["field"] is not None else "")
    return word + ("." if abbreviation["sentence"] is not None else "")


_ABBREVIATIONS = {"sr": "Senior", "snr": "Senior", "jr": "Junior", "dir": "Director", "mgr": "Manager",
                  "asst": "Assistant", "assoc": "Associate", "coord": "Coordinator", "supv": "Supervisor"}  # fmt: skip
_RANK_ABBREVIATIONS = frozenset({"sr", "snr", "jr", "asst", "assoc"})
"""Abbreviations said before a job ("Sr. Dir.", "Asst. Controller"), never at the end of a sentence."""
_CAPITALISED = (
    r"(?!(?:of|at|for|in|with|we|i|it|they|he|she|you|the|a|an|my|our|this|that|so|but|and|then)\b)(?-i:[A-Z][\w&/-]*)"
)
# "Sr. Dir. of FP&A", "Asst. Controller", "Dir. Ops for the Midwest DCs" (a director of ops: one to three capitalised
# words, then where or the end): the full stop of an abbreviation would end the title. "Exec." and "admin." are
# words that end sentences too: not read.
_ABBREVIATION = re.compile(
    r"\b(" + "|".join(_ABBREVIATIONS) + r")\."
    rf"(?:(?<=(?i:dir|mgr)\.)(?P<field>(?=\s+{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}}"
    r"(?:\s+(?:for|at|in|with)\b|\s*[,.;!?)]|\s*$)))|(?P<sentence>(?=\s+(?-i:[A-Z]))))?",
    re.I,
)


# not "Pago Pago", nor "at AT&T"
_STUTTER = re.compile(r"\b(the|an?|my|our|in|on|at|of|to|for|as)(?:\s*,\s*|\s+)\1\b(?![&'’-]\w)", re.I)


def only_seniority(title: str) -> bool:
    """ "Manager", "Senior Lead": a title that says a seniority and no job."""
    return all(word.lower() in GENERIC for word in title.split())


_AFTER_ANSWERED_TITLE = frozenset({"at", "for", "in", "with", "here", "now"})
"""Words that may follow a title given alone as an answer: where ("... at Finch") or when ("... now")."""


# "I am deputy of the purchasing director" (tester 14, a Czech speaker): the deputy's title is the director's.
_DEPUTY_OF = re.compile(
    r"^\s*(?P<rank>deputy|vice)\s+(?:of|to)\s+(?:the\s+)?(?=[\w&/-]+\s+(?:director|manager|head)\b)", re.I
)


def _field_generalist(before: list[str], word: str) -> bool:
    """ "HR generalist", "IT generalist": a job when a department names it ("I'm a generalist" says a manner)."""
    return word.lower() == "generalist" and bool(before) and before[-1].lower() in _DEPARTMENTS - {"the"}


def bare_title(rest: str) -> str:
    """The title ``rest`` opens with when it is the whole phrase, or followed only by where ("... at Finch")."""
    title = title_after(rest)
    if not title:
        return ""
    boundary = _BOUNDARY.search(rest)
    phrase = (rest[: boundary.start()] if boundary else rest).split()
    size = len(title.split(",")[0].split())
    return title if size == len(phrase) or phrase[size].lower() in _AFTER_ANSWERED_TITLE else ""


def title_after(rest: str) -> str:
    """The title at the start of ``rest``: up to six words before a boundary, ending at the last word that names
    a job ("high school teacher", "head of customer support", "freelance 3D character artist")."""
    rest = _DEPUTY_OF.sub(r"\g<rank> ", rest)
    boundary = _BOUNDARY.search(rest)
    after = rest[boundary.start() :] if boundary else ""
    rest = rest[: boundary.start()] if boundary else rest
    words: list[str] = []
    said = rest.split()[:8]
    for position, word in enumerate(said):
        raw = word.strip("'\"")
        bare = raw.lower()
        if not words and _WHOSE.fullmatch(raw):
            continue  # "Declan's accountant", "Acme's head of finance": whose they are is no part of the title
        if not words and bare in _SAID_OF_THE_JOB:
            continue  # "a busy attorney", "the only junior developer at the company": the job, not how it is
        acronym = len(raw) > 1 and raw.isupper()  # "IT", not "it"
        # "manager for clinical systems": an area in lower case; "director for the Nordics", "for Acme": no title
        area = bare == "for" and position + 1 < len(said) and _AREA_WORD.fullmatch(said[position + 1]) is not None
        if bare == "the" and words and words[-1].lower() == "of" and any(names_a_job_word(w) for w in words):
            continue  # "general manager of the corporate planning department"
        if bare in _NOT_IN_TITLE and not acronym and not (bare in ("of", "and") and words) and not (area and words):
            break
        first_job, _, second_job = raw.partition("/")
        # "developer/designer": the first
        if second_job and names_a_job_word(first_job) and names_a_job_word(second_job):
            words.append(first_job)
            break
        words.append(raw)
    last = max((i for i, w in enumerate(words) if names_a_job_word(w) or _field_generalist(words[:i], w)), default=-1)
    if last < 0 and len(words) == 1 and after:
        return _spelled_out(words[0], after)
    joint = next((i for i, w in enumerate(words[:last]) if w.lower() in ("of", "for")), None)
    if joint is not None and not any(names_a_job_word(w) or w.lower() in RANK_WORDS for w in words[:joint]):
        return ""  # "a source of specialist knowledge", "a way for artists to": a thing, then whose it is
    if last < 0 or (NOT_A_TITLE_START.match(words[0]) and not _field_then_job(words[: last + 1], words[last + 1 :])):
        return ""
    end = last + 1
    # The field after the job word: "head of customer support", or straight after a rank: "VP Finance and Ops";
    # after the head of a whole company, or a title that says its field already, a name is the company ("president
    # of Brennan Septic and Drain", "supply chain manager of Hoshino Denshi": tester 51).
    job = words[: last + 1]
    of_a_company = company_after_of(job) and _names_a_company(words[end : end + 2])
    if (
        not of_a_company
        and end < len(words)
        and (words[end].lower() in ("of", "for") or words[last].lower() in _RANK_BEFORE_FIELD)
    ):
        end = min(len(words), end + (4 if words[end].lower() in ("of", "for") else 3))  # "of front office operations"
        # "... of the procurement team", "of the business": the field, without the unit it is
        while end > last + 1 and words[end - 1].lower().strip(".,") in ("of", "and", *_UNITS):
            end -= 1
        # "head of finance of Acme Foods": the company after the field
        end = next((at for at in range(last + 2, end) if _names_a_company(words[at : at + 2])), end)
    title = " ".join(title_case_word(word) for word in words[:end])
    # A rank alone: "Vice President, Finance & Administration" (not "Accounts Receivable Manager, Brenner Supply")
    generic = all(word.lower() in GENERIC | RANK_WORDS for word in words[:end])
    field = _FIELD_AFTER_RANK.match(after) if end == len(words) and generic else None
    return f"{title}, {field['field']}" if field else title


_HEADS_OF_COMPANIES = frozenset({"owner", "co-owner", "ceo", "founder", "co-founder", "cofounder", "president",
                                 "proprietor", "chairman", "chairwoman", "md"})  # fmt: skip
# Departments a president or a chief may head ("President of Sales", "Founder of the Engineering Guild" is no
# company's name, but "CEO of SwiftLane Couriers" is).
_DEPARTMENTS = frozenset(
    {"finance", "financial", "operations", "ops", "sales", "marketing", "engineering", "it", "technology", "product",
     "products", "hr", "human", "people", "talent", "legal", "compliance", "procurement", "purchasing", "supply",
     "customer", "customers", "services", "service", "strategy", "business", "growth", "revenue", "data",
     "analytics", "research", "development", "security", "information", "digital", "communications", "accounting",
     "treasury", "risk", "audit", "quality", "manufacturing", "logistics", "facilities", "administration",
     "partnerships", "design", "innovation", "global", "international", "north", "south", "east", "west", "the"}
)  # fmt: skip


_HEADS_OF_COMPANIES_IN_TWO = frozenset({("general", "manager"), ("managing", "director"), ("executive", "director")})
"""Two words that head a whole company where either alone may head a department ("manager of Accounts Payable")."""


def heads_a_company(title: Sequence[str]) -> bool:
    """Whether a title's words end on one that heads a whole company ("owner", "CEO", "president", "general
    manager"), so that "of" and a name after it say which company, not which field ("CEO of SwiftLane Couriers",
    "managing director of Brightline Creative", not "Head of IT")."""
    words = [word.lower().strip(".,") for word in title[-2:]]
    return bool(words) and (words[-1] in _HEADS_OF_COMPANIES or tuple(words) in _HEADS_OF_COMPANIES_IN_TWO)


_CHIEF = re.compile(r"C[A-Z]{1,3}O")
"""A chief's title, its field in it: "CFO", "CTO", "CHRO"."""


def company_after_of(title: Sequence[str]) -> bool:
    """Whether "of" and a name after a title's words say the company, not the field: after the head of a whole
    company (``heads_a_company``), or a title that says its field before its job word ("supply chain manager",
    "finance director") or in it ("CFO"): "finance director of Bell Electrical"."""
    *before, job = [word.strip(".,") for word in title]
    field = [word for word in before if word.lower() not in GENERIC | RANK_WORDS and not names_a_job_word(word)]
    return heads_a_company(title) or bool(field or _CHIEF.fullmatch(job))


def _names_a_company(after: list[str]) -> bool:
    """ "of" and a capitalised word that is no department: "of Kowalski ...", not "of Sales", "of the board"."""
    return (
        len(after) == 2
        and after[0].lower() == "of"
        and after[1][:1].isupper()
        and (after[1].lower().strip(".,") not in _DEPARTMENTS)
    )


_SAID_OF_THE_JOB = frozenset({"busy", "only", "overworked", "humble"})
"""Words said of the job before it ("a busy attorney"), no part of its title."""


# A name's or the company's possessive ("Declan's", "the company's"), not one that says what the job covers
# ("women's footwear buyer", "children's services").
_WHOSE = re.compile(r"(?-i:[A-Z][\w-]*)['’]s|(?:company|firm|business|organi[sz]ation)['’]s", re.I)
_UNITS = frozenset({"team", "teams", "department", "dept", "group", "division", "unit", "company", "business", "firm",
                    "organisation", "organization"})  # fmt: skip
_AREA_WORD = re.compile(
    r"(?!(?:the|a|an|our|my|their|his|her|this|that|these|those|all|every|each|both|" + NUMBER_WORDS + r"|several|many"
    r"|some|about|around|over|under|them|us|you|him|me)\b)[a-z][a-z&-]+"
)
"""A word that can open the area a title is for ("systems", "clinical"), not a place, a count or a company."""


def singular_title(title: str) -> str:
    """ "Team Leads" → "Team Lead": the title of one of several."""
    *words, last = title.split()
    one = last[:-1] if last.endswith("s") and names_a_job_word(last[:-1]) else last
    return " ".join([*words, one])


def _spelled_out(acronym: str, after: str) -> str:
    """The title an acronym is spelled out as straight after it ("FC — financial controller —", "FC (financial
    controller)"): only when the title's initials are the acronym; else ``""``."""
    if not (2 <= len(acronym) <= 5 and acronym.isupper() and after.lstrip()[:1] in ("—", "–", "-", "(", ",")):
        return ""
    title = title_after(re.sub(r"^(?:the|a|an)\s+", "", after.lstrip(" ,(—–-"), flags=re.I))
    initials = "".join(w[0] for w in title.split() if w.lower() not in SMALL_WORDS)
    return title if initials.upper() == acronym else ""


_RANK_BEFORE_FIELD = frozenset({"vp", "svp", "evp", "avp"})
"""Ranks written straight before their field, without "of": "VP Finance and Ops", "SVP Sales"."""
# "Senior Manager, Treasury", "Director, Product Marketing": the rank, a comma, then the field in capitals.
_FIELD_AFTER_RANK = re.compile(
    r",\s*(?P<field>[A-Z][\w&'-]*(?:\s+(?:&|and|of|[A-Z][\w&'-]*)){0,3}?)"
    # where it is, the sentence's end, or a clause after a comma ("SVP, GTM Strategy, which means ...": tester 10)
    r"(?=,?\s+(?:at|for|with|in|here)\b|,\s+[a-z]|\s*[.;!?)]|\s*$)"
)


# "Senior manager, lab operations." as speech-to-text writes it: the field after the rank in lower case; "senior
# manager finance at Tata Steel", as Indian and European English say it: straight after the rank.
_SPOKEN_FIELD = re.compile(
    r",?\s*(?!(?:of|the|an?|and|to|at|for|in|with|here|there|now)\b)(?P<field>[a-z][\w&'-]*(?:\s+(?:&|and|of|[a-z][\w&'-]*)){0,2}?)(?=,?\s+(?:at|for|with|in|here)\b|\s*[.;!?)]|\s*$)"
)


# "I work in marketing as a contractor for universities": the field said before the job that names none.
_FIELD_BEFORE = re.compile(
    r"\b(?:work(?:s|ed|ing)?|i'?m|i\s+am|been)\s+in\s+(?!(?:a|an|the|my|our|this|that|some|one)\b)"
    r"(?P<field>[a-z][\w&'-]*(?:\s+(?:&|and|[a-z][\w&'-]*)){0,2}?)\s*,?\s*$",
    re.I,
)
CLIENT_OR_PLACE = re.compile(r"\s(?:for|at|in|with)\s", re.I)
"""What follows a job in a title: its client or place ("Sales Director for Healthcare", "Nurse at a clinic")."""


def with_field_before(title: str, before: str, is_job_field: Callable[[str], bool]) -> str:
    """A job that names no field of work ("Contractor for Higher Education Institutions") with the field said just
    before it (``before``: the words before "as a ...", "I work in marketing "), when that names one (``is_job_field``):
    "Marketing Contractor for Higher Education Institutions"; else ``title`` as it is. The job is what precedes its
    client or place, so a client that names a field ("higher education") is not taken for the job's."""
    job = CLIENT_OR_PLACE.split(title, maxsplit=1)[0]
    field = _FIELD_BEFORE.search(before)
    if not field or is_job_field(job) or not is_job_field(field["field"]):
        return title
    return f"{title_cased(field['field'])} {title}"


RANK_WORDS = frozenset({"senior", "junior", "sr", "jr", "deputy", "vice", "president", "vp", "svp", "evp", "avp"})


def with_spoken_field(title: str, rest: str, is_job_field: Callable[[str], bool]) -> str:
    """A rank alone ("Senior Manager") with the field said after it in lower case ("senior manager, lab operations",
    "senior manager finance at ..."), when that names a field of work (``is_job_field``); else ``title`` as it is."""
    if "," in title or not all(word.lower() in GENERIC | RANK_WORDS for word in title.split()):
        return title
    said = re.match(r"\s*" + r"\S+\s+" * (len(title.split()) - 1) + r"[^\s,]+", rest)
    field = _SPOKEN_FIELD.match(rest, said.end()) if said else None
    if not field or not is_job_field(field["field"]):
        return title
    return f"{title}, {title_cased(field['field'])}"


def _field_then_job(words: list[str], after: list[str]) -> bool:
    """ "planning engineer", "training coordinator", "budgeting and forecasting manager": a word in -ing naming the
    field (or two joined by "and", then only with nothing after the job: "I'm reviewing and approving supervisor
    timesheets" is no title), then one job in the singular ("I'm hiring engineers" is no title)."""
    *field, job = [word.lower() for word in words]
    if len(field) == 3 and field[1] in ("and", "&"):
        return field[0].endswith("ing") and field[2].endswith("ing") and job in JOB_WORDS and not after
    return 1 <= len(field) <= 2 and field[0].endswith("ing") and job in JOB_WORDS
