"""The job title a buyer states when introducing themselves, as people say and type it.

"I'm a data scientist at Company Y", "I'm Helen Marsh, finance director at Kestrel", "I’m the HR director" (a
curly apostrophe), "I've been, uh, data scientist for almost three years", "my current position is that of
delivery manager", "I work as a nurse", "as a high school teacher I ...", "en tant que data analyste". Only the
buyer's first turns are searched: that is where people say what they do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .job_questions import ASKS_ANOTHERS_JOB, ASKS_TITLE, ASKS_YOURS, NAME_FIRST, SAYS_I_AM, answered_title
from .job_words import (
    VERB_TITLES,
    names_a_field,
    names_a_job_word,
    of_their_team,
    plural_job,
    title_cased,
)
from .title_corrections import corrected
from .title_phrases import (
    RANK_WORDS,
    bare_title,
    only_seniority,
    plain,
    singular_title,
    title_after,
    with_field_before,
    with_spoken_field,
)

# Where a title is written down: "the title on my contract is", "my business card says".
_PAPERS = r"(?:contract|badge|business\s+card|card|(?:e-?mail\s+)?signature|linkedin(?:\s+profile)?|org\s+chart)"
_INTRO_LEAD = re.compile(
    # "I'm working like accountant", "I'm on the FP&A team, senior analyst": before "I'm" alone, which would win.
    # "I'm the guy who approves the invoices, the AP manager": the job named after who they are.
    r"\b(?:i\s+(?:am\s+|'m\s+)?(?:make|making|do|doing|hold|holding|fill|occupy|occupying)\s+the\s+(?:function|post"
    r"|position|role)\s+of"  # before "I am" alone: "I am occupying the post of chief accountant" (tester 14)
    r"|(?:i'?m|i\s+am)\s+(?:working\s+like|(?:on|in)\s+the\s+[\w&/ -]{1,30}?\s+(?:team|department|group)\s*,"
    r"|(?P<who>(?:the|a)\s+(?:guy|gal|person|one|woman|man|lady)\s+(?:who|that)\s+[^,.;?!]{3,60},(?=\s+(?:the|an?)\s)))"
    rf"|(?:i'?m|i\s+am)\s+(?P<named>{NAME_FIRST})|i\s+happen\s+to\s+be|i'?m|i\s+am|and\s+(?:\w+\s+)?am(?=\s+an?\s)"
    r"|i\s+work\s+as"
    # "I was brought in as interim operations director", "I make the function of quality manager", "I am occupying
    # the post of chief accountant", "I went from store manager in Tucson to regional buyer" (tester 14)
    r"|(?:brought\s+in|hired|taken\s+on|appointed)\s+as"
    r"|i\s+went\s+from\s+[^,.;!?]{2,60}?\s+to(?=\s+(?:the\s+|an?\s+)?[\w&/ -]{2,40}?\b(?:for|at|in|last|this)\b)"
    r"|i\s+(?:currently\s+)?work\s+as|i'?ve\s+been(?:\s+working\s+as)?"
    r"|i\s+have\s+been(?:\s+working\s+as)?|working\s+as|work(?:ed|ing)?\s+it\s+as|i\s+serve\s+as"
    # "I'm covering as controller on an interim basis", "filling in as AP lead": a job held now, if for a while
    r"|(?:covering|filling\s+in|standing\s+in|stepping\s+in|deputi[sz]ing)\s+as"
    # "I job-share the payroll manager role with Priya"
    r"|i\s+(?:job[-\s]?share|share|split)\s+the(?=\s+[\w&/ -]{2,40}?\s+(?:role|job|position)\b)"
    r"|(?:my|the)\s+(?:(?:main|current|official|formal|actual|real|proper|day|own|new|exact|full|present)\s+){0,2}"
    r"(?:role|position|title|job|function|designation)(?:\s+title)?"
    rf"(?:\s+on\s+(?:my\s+)?{_PAPERS})?(?:\s+is\s+(?:called|named)|\s+is|'s|\s+says|\s+reads"
    # "My title, in German it is Geschäftsführer, so managing director"
    r"|\s*,?\s*in\s+(?-i:[A-Z])\w+\s*,?\s*(?:it\s+is|it's|is))(?:\s+that\s+of)?"
    rf"|(?:on\s+)?my\s+{_PAPERS}\s+(?:it\s+)?(?:says|reads)"
    # "Officially it says senior buyer on my business card"
    rf"|(?:it|that)\s+(?:says|reads)(?=\s+[\w&/ -]{{2,50}}?\s+on\s+my\s+{_PAPERS})"
    r"|let'?s\s+say|put\s+(?:me\s+)?down\s+as|being\s+(?:a|an|the)|as\s+(?:a|an|the)|en\s+tant\s+que"
    # "As finance manager at Thornbury Foods I'm the one forecasting cash" (tester 36): a sentence that opens so
    r"|(?:^|(?<=[.!?]\s))as(?=\s+[\w&/ -]{2,40}?\s+(?:at|for|of)\s+(?-i:[A-Z]))"
    r"|i\s+wear\s+(?:\w+\s+){0,2}hats\s*[:—–-]?"
    # "I'm the only finance person here, so controller, AP, payroll": the job the field comes down to.
    r"|(?:only|sole|lone)\s+[\w&/-]+(?:\s+[\w&/-]+){0,2}?\s+(?:person|guy|gal|one)(?:\s+here)?\s*,\s*so"
    # "..., officially Director of Customer Success": the title on paper, said after what they do; "So officially a
    # finance systems manager, but ...": a sentence that opens with it, the article before the title
    r"|(?<=[,;]\s)(?:officially|on\s+paper|formally)(?=\s+(?:the\s+|an?\s+)?(?-i:[A-Z]))"
    r"|(?P<paper>(?:^|(?<=[.!?]\s)|(?<=\bso\s)|(?<=\bwell\s))(?:officially|on\s+paper|formally|technically))"
    # "I wear a lot of hats. Officially ops director, but ...": without an article, a short phrase ended by a comma
    r"(?=\s+(?:the|an?)\s|\s+[\w&/-]+(?:\s+[\w&/-]+){0,4}\s*[,.;])"
    # "a chartered accountant by background, now the COO"
    r"|(?<=[,;]\s)now(?=\s+(?:the|an?)\s))"
    # "I'm their supervisor", "I'm their fractional CFO": whose, no part of the title (tester 14)
    r"(?P<articles>[\s,]+(?:(?:a|an|the|their|our|his|her|currently|now|basically|actually|also|technically|officially|formally|just"
    # "one of the two founders": a founder
    r"|one\s+of\s+(?:(?:the|our|my)(?:\s+(?:two|three|four|five|six|several|many|few))?|two|three|several|many))\s+)*)",
    re.I,
)


def _leads(text: str) -> Iterator[re.Match[str]]:
    """The introduction leads in ``text``, each searched for from where the one before ended its own words, before
    the articles it took: "I'm VP-level, the actual title on my badge is ..." (tester 14) has a second lead in the
    first one's "the"."""
    position = 0
    while lead := _INTRO_LEAD.search(text, position):
        yield lead
        position = max(lead.start("articles"), lead.start() + 1)


# "I use it as an assistant", "treat ChatGPT as a tutor", "instead of the AI being the assistant": a role given to a
# tool, not the speaker's job.
_ABOUT_A_TOOL = re.compile(
    r"\b(?:(?-i:it|It)|ai|chatgpt|claude|gemini|copilot|tool|tools|them|this|that|model|llm|bot|use|using|used|treat"
    r"|like)\s+(?:\w+\s+){0,2}(?:as|being)\b",  # "it" as a tool, not "IT" the department ("I'm in IT as a ... lead")
    re.I,
)
# A job held before: "I started (out/here) as", "I used to be", "I was", "previously", "back then as".
_PAST_JOB = re.compile(
    r"\b(?:(?:started|began|joined)(?:\s+\w+){0,3}?|used\s+to\s+(?:be|work)|i\s+was|previously|formerly|"
    r"spent\s+(?:\w+\s+){0,3}?(?:years?|months?|decades?|time)(?:\s+\w+){0,3}?|"
    r"back\s+then|before\s+that)(?:\s+working)?\s+(?:as\s+)?(?:a|an|the)?\s*$",
    re.I,
)
_TENURE_TURNS = 2
_BEEN = re.compile(r"i'?ve\s+been|i\s+have\s+been", re.I)
_PROFESSION = re.compile(r"\ban?\s*$", re.I)  # "been a nurse"; "been AP supervisor", "been the controller": a post
_TENURE = re.compile(r"\s*,?\s*(?:for|over)\s+(?:[\w-]+\s+){0,3}?(?:years?|decades?)\b(?!\s+now)", re.I)
_NOW_LEADS = re.compile(
    r"\b(?:years?|decades?)\s+in\s+(?P<field>[a-z][\w&/ -]{1,30}?)\s*[,;]\s*(?:and\s+)?now\s+i\s+"
    r"(?P<verb>lead|run|head(?:\s+up)?|manage)\s+(?:it|the\s+team|the\s+function|that\s+team)\b",
    re.I,
)
# "and now I'm", "since last spring I'm the CFO", "since 2021, I'm": the job held now, after a career told in order.
_NOW = re.compile(
    r"\b(?:now|these\s+days|currently|today|(?:since|as\s+of)\s+(?:last\s+|early\s+|late\s+|this\s+)?[\w-]+"
    r"(?:\s+\d{4})?)\s*,?\s*$",
    re.I,
)
# A title said to replace the buyer's own earlier one: "let me correct that", "they changed my title", "I was
# promoted", "that title is out of date" (not "my old boss got promoted", nor "no longer supported").
_REPLACES = re.compile(
    r"\b(?:correct\s+(?:that|myself)|changed\s+my\s+(?:title|role)|my\s+(?:title|role)\s+(?:has\s+|was\s+|got\s+)?changed"
    r"|my\s+(?:new|updated|current)\s+title"
    r"|i\s+(?:was|got|have\s+been|'ve\s+been)\s+promoted|promoted\s+me|(?:title|that)(?:'s|\s+is|\s+was)\s+(?:\w+\s+)?out\s+of\s+date"
    r"|out\s+of\s+date\s+now"
    # "Well, it was. As of last month I'm the category manager for social care" (tester 36)
    r"|as\s+of\s+(?:last|this)\s+(?:week|month|year|quarter|spring|summer|autumn|fall|winter))\b",
    re.I,
)
_REPLACING_WORDS = re.compile(_REPLACES.pattern.removeprefix(r"\b").removesuffix(r"\b"), re.I)
"""``_REPLACES`` without its word boundaries: in a whole text, it finds what ``_REPLACES`` finds in any part."""
# "I'm the group financial controller. Sorry, no, I'm actually interim CFO now": the later title corrects the first.
_CORRECTS_ITSELF = re.compile(
    r"\b(?:sorry|wait|oops)[,.]?\s+(?:no[,.]?\s+)?(?:i'?m|i\s+am)\b|\b(?:sorry|wait)[,.]?\s+no\b"
    r"|\bi\s+mean\s*,?\s+(?:i'?m|i\s+am)\b",
    re.I,
)
# A job taken on beside the title, not instead of it: "I'm the controller now too", "basically a help desk tech".
_ADDED_ROLE = re.compile(
    r"\b(?:too|also|as\s+well|on\s+top\s+of|besides|in\s+addition|basically|de\s+facto|kind\s+of|sort\s+of"
    r"|acting|unofficial(?:ly)?)\b",
    re.I,
)
# "Dispatch manager is the official title", "quality assurance manager, that's the title", "warehouse operations
# manager, officially": a phrase said to be the title, after it.
# A round of introductions: a sentence that opens with the speaker's full name, then their job ("Hello. Fiona Kerr,
# finance director for Lochside Academies Trust.", "Yeah, hi, Jon Eriksen, operations director ..."; tester 35).
_FULL_NAME_THEN = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:(?:hi|hello|hey|yeah|yes|sure|so|okay|ok|right|morning|afternoon)\b[,.!]?\s+)*"
    r"(?-i:(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}))\s*,\s*(?:(?:the|an?)\s+)?",
    re.I,
)
_OPENERS = frozenset({
    "thanks", "thank", "hi", "hello", "hey", "yes", "yeah", "sure", "okay", "well", "so", "and", "but", "honestly",
    "look", "right", "good", "great", "morning", "afternoon", "sorry",
})  # fmt: skip
_TITLE_NAMED_AFTER = re.compile(
    r"(?:^|[.,;:!?]\s*)(?:(?:so|well|oh|yeah|yes|okay|ok|the|a|an)\s+)*(?P<title>[^\W\d_][\w&/' -]{1,60}?)"
    r"(?:(?:\s+is|\s*,?\s*that'?s|\s*,?\s*which\s+is)\s+(?:my|the)\s+(?:(?:official|actual|formal|real|job|own|current|new|exact|full)\s+){0,2}title"
    # "Director is the title they keep promising me": one talked about, not held
    r"(?!\s+(?:they|he|she|i|we|you|that|which|who|everyone|someone|people|of)\b)"
    r"|\s*,?\s+(?:officially|on\s+paper|formally)"
    # "IT asset manager is what it says on my email signature", "... is what my badge says"
    rf"|(?:\s+is|\s*,?\s*that'?s)\s+what(?:\s+it\s+says|\s+it'?s|\s+is|'s)\s+(?:written\s+)?on\s+my\s+{_PAPERS}"
    rf"|\s+is\s+what\s+my\s+{_PAPERS}\s+says)\b",
    re.I,
)
# "I'm a field service engineer. Sorry, no, that was before.": the title just given is a past one.
_NO_LONGER = re.compile(
    r"^[^.?!]{0,40}[.?!,;]?\s*(?:(?:sorry|no|well|oh|actually)[,.!]?\s+)*(?:that\s+was\s+(?:before|my\s+old|years\s+ago"
    r"|(?:my\s+)?(?:last|previous|old)\s+(?:job|role|title))|not\s+any\s?more|no\s+longer|by\s+(?:training|background"
    r"|trade|education))\b",
    re.I,
)
# "My title is Leiter Einkauf, so head of purchasing", "Jefa de Compras, which in English is head of purchasing",
# "Einkaufsleiter, or in English, purchasing manager", "Einkaufsleiter. That's purchasing manager in English": a title
# in another language (capitalised words, short particles between), then what it is in English. Not "a bit unusual,
# so the head of procurement asked me": the first phrase must be a title's, the English one the whole phrase.
_FOREIGN_TITLE = r"(?-i:[A-Z][\w'-]*)(?:\s+(?:(?-i:[a-z]{1,3})|(?-i:[A-Z][\w'-]*))){0,3}"
# "I am Leiter Einkauf. Head of purchasing.": the job said again in English, a sentence of its own (tester 35)
_SAID_AGAIN = re.compile(rf"{_FOREIGN_TITLE}\.\s+(?P<english>[^.!?,\n]{{2,50}})[.!?]")
_WHERE = re.compile(r"\s+(?:at|for|with)\s+(?-i:[A-Z]).*", re.I)
_IN_ENGLISH = re.compile(
    rf"{_FOREIGN_TITLE}(?:\s*,\s*(?:so|i\.?e\.?|meaning)"
    r"|[.,;]?\s*(?:or\s+|which\s+)?(?:in\s+english|translated)(?:\s*,?\s*(?:that(?:'s|\s+is|\s+would\s+be|\s+means)"
    r"|it(?:'s|\s+is|\s+means)|is|would\s+be))?"
    r"|,?\s*which\s+(?:translates|means)(?:\s+(?:to|as))?"
    r"|[.,;]?\s*the\s+english\s+(?:equivalent|version|title|word)\s+(?:is|would\s+be)"
    r"|[.,;]?\s*(?:that(?:'s|\s+is)|it(?:'s|\s+is))\s+(?:(?:the|an?)\s+)?(?P<english>[\w&/ -]{2,50}?)\s+in\s+english\b)"
    r"[\s,:]*(?:(?:the|an?)\s+)?",
    re.I,
)
_MY_TITLE_IS = re.compile(r"\bmy\s+(?:(?:official|actual|formal|current|exact|job)\s+){0,2}title\s+is\b", re.I)
INTRO_TURNS = 12
"""Self-introductions come early: only the buyer's first turns are searched."""


def stated_title(
    texts: list[str], questions: list[str] | None = None, is_job_field: Callable[[str], bool] = lambda field: True
) -> str:
    """The job title stated in the first ``INTRO_TURNS`` of ``texts`` (the buyer's turns), or in a later answer to a
    question about the title ("What's your official title, by the way?"), or ``""``;
    ``questions``: what the other side said before each turn ("" where nothing), so that a title given as the answer
    to a question about the job counts ("What's your role?" / "Head of procurement."); ``is_job_field``: whether a
    phrase names a field of work ("procurement"), for "officially X, but really I do <field>".

    A title that only says a seniority ("manager") is kept only when nothing more specific is said.
    """
    fallback = tenured = ""
    tenured_at = -1
    asked = questions or [""] * len(texts)
    for index, (raw, question) in enumerate(zip(texts, asked, strict=False)):
        # Later in a long call, only an answer to a question about the title ("What's your official title?"), or
        # the title said as such ("Just for your notes, my title is Fleet Maintenance Supervisor": tester 10)
        if index >= INTRO_TURNS and not ASKS_TITLE.search(question) and not _MY_TITLE_IS.search(raw):
            continue
        about_someone_else = ASKS_ANOTHERS_JOB.search(question) and not ASKS_YOURS.search(question)
        if about_someone_else and not SAYS_I_AM.match(raw):
            continue  # "Did you catch her title?" / "AP manager officially.": someone else's job

        text = plain(raw)
        if tenured and index > tenured_at + _TENURE_TURNS and not ASKS_TITLE.search(question):
            continue  # past the turns after it, only an answer to "what's your official title?" replaces it
        said, held_for_years = _titles(text, is_job_field)
        correction = _CORRECTS_ITSELF.search(text) if len(said) > 1 else None
        if correction:  # the title said after the correction first
            said = [*_titles(text[correction.start() :], is_job_field)[0], *said]
        # A profession held for years ("I've been a nurse for twenty-six years") gives way to a title stated in the
        # next turns ("I'm the director of nursing ...").
        if not tenured and held_for_years and not said:
            tenured, tenured_at = held_for_years[0], index
        answered = [answered_title(question.replace("’", "'"), text)]
        # "I'm the assistant controller. Well, actually, my title changed in January. It's director of accounting
        # now.": asked for the title, the answer that replaces the first one names it last.
        for title in filter(None, answered + said if _REPLACES.search(text) else said + answered):
            if only_seniority(title):
                fallback = fallback or title
                continue
            # "I'm a senior accountant" early, "that's out of date, I'm accounting manager now" later: the later one.
            later = (current_title(plain(t), is_job_field) for t in texts[index + 1 :])
            return next((t for t in later if t and not only_seniority(t)), title)
    return tenured or fallback


_APPOSED = re.compile(
    r"[^,.;!?]{2,40},\s+(?:the|an?)\s+(?P<phrase>[^,.;!?]{2,50}?)(?=\s*[,.;!?]|\s+(?:at|for|with|in)\s+(?-i:[A-Z])|\s*$)",
    re.I,
)


def _titles(text: str, is_job_field: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """Candidate titles in ``text``, in order: after introduction leads, then phrases said to be the title, then from
    what people say they do, then jobs held before; and, apart, professions held for years."""
    found, earlier, tenured = [], [], []
    for lead in _leads(text):
        # "I use AI as a sounding board, to help brainstorm ideas, and as a superficial editor": each part it plays
        sentence = max(text.rfind(end, 0, lead.start()) for end in ".!?\n") + 1
        plays = re.search(r"\b(?:as|being)\s", lead[0], re.I) is not None
        listed = plays and re.search(r"(?:,|\band|\bor)\s*$", text[sentence : lead.start()]) is not None
        start = sentence if listed else max(sentence, lead.start() - 30)
        # "I use Excel as a crutch, and as the FP&A manager at Orrin Health I ...": a job at a company is no tool's
        tools = _ABOUT_A_TOOL.search(text, start, lead.end() if plays else lead.start() + 3)
        if tools and not (plays and _AT_A_COMPANY.match(text, lead.end())):
            continue
        start = lead.end()
        if lead["named"] and names_a_job_word(lead["named"].rstrip(" ,").split()[-1]):
            start = lead.start("named")  # "I'm Senior Manager, Treasury": a title with a comma, not a name
        title = title_after(text[start : start + 80])
        # After an article or "as" ("as a Product Owner, my main ..."), or "my title is" ("my title is Fleet
        # Maintenance Supervisor, and I report to ..."), no name: only a job is said so.
        # A name's lead took the article after the name as its own ("I'm Sarah Baker, the head of ..."): read it
        # before the name.
        lead_words = text[lead.start() : lead.start("named")] if lead["named"] else lead[0]
        named = not re.search(r"\b(?:a|an|the|as)\s*$|\b(?:role|position|title|job|designation)\b", lead_words, re.I)
        if (
            title
            and named
            and _is_a_name(text[start : start + len(title)], text[start + len(title) : start + len(title) + 80])
        ):
            # "I'm Sarah Baker, I'm the head of procurement": a surname that is a job word; the title follows
            start = _NAME_THEN.match(text, start + len(title)).end()  # type: ignore[union-attr]  # _is_a_name saw it
            start = article.end() if (article := _ARTICLE.match(text, start)) else start  # "..., the finance manager"
            title = title_after(text[start : start + 80])
        glossed = None if title else _IN_ENGLISH.match(text, start) or _SAID_AGAIN.match(text, start)
        if glossed:  # "Leiter Einkauf, so head of purchasing": the title in English after one in another language
            start = glossed.start("english") if glossed["english"] else glossed.end()
            title = bare_title(glossed["english"] or text[start : start + 80])
            job = _WHERE.sub("", glossed["english"]) if glossed.re is _SAID_AGAIN else ""
            if job and len(title.split()) != len(job.split()):
                title = ""  # the next sentence is more than the job and where ("Head of purchasing at Kessler.")
        apposed = None if title or glossed else _APPOSED.match(text, start)
        phrase = apposed["phrase"] if apposed else ""
        again = bare_title(phrase) if phrase else ""
        if apposed and again and len(again.split()) == len(phrase.split()):
            # "I'm the jefa de compras, the purchasing manager, at ...": the job named again, in words we read, and
            # nothing else ("a mom of three, a teacher at heart" is no title)
            start, title = apposed.start("phrase"), again
        if (lead["who"] or lead["paper"]) and not bare_title(text[start : start + 80]):
            continue  # "I'm the one who picks up, the driver calls me", "Officially the controller signs off": no job
        if title and re.match(r"as\s+the\b", lead[0], re.I) and plural_job(title):
            continue  # "samples from the morgue as the pathologists performed autopsies": others, at work
        if title and re.search(r"\bof\s+sorts$", title, re.I):
            continue  # "have it assess the flow and act as a copyeditor of sorts": a part played, hedged
        if title and only_seniority(title) and re.search(r"\btheir\s*$", lead[0], re.I):
            title = of_their_team(title, text[max(0, lead.start() - 120) : lead.start()])
        if title and re.search(r"\bone\s+of\s+(?:\w+\s+)?\w+\s*$", text[lead.start() : start], re.I):
            title = singular_title(title)  # "I'm one of the team leads": a team lead
        # "I started here as a payroll clerk ..., and now I'm the payroll manager": a job held before comes last.
        if title and (
            _PAST_JOB.search(text, max(0, lead.start() - 40), lead.start() + 3)
            or _NO_LONGER.search(text[start + len(title) : start + len(title) + 80])
        ):
            earlier.append(title)
        elif title and _BEEN.match(lead[0]) and _PROFESSION.search(lead[0]) and _TENURE.match(text, start + len(title)):
            tenured.append(title)  # "I've been a nurse for twenty-six years": a profession, maybe not the job
        elif title:
            title = corrected(text[start : start + 160], is_job_field) or with_spoken_field(
                title, text[start : start + 120], is_job_field
            )
            if re.match(r"(?:i\s+)?(?:work(?:ing)?\s+)?as\b", lead[0], re.I):
                title = with_field_before(title, text[max(0, lead.start() - 40) : lead.start()], is_job_field)
            # "..., and now I'm regional sales director", "... let me correct that, I'm director of revenue cycle
            # now": the job held now comes before any said earlier in the turn.
            # "since January, I'm also the project lead": a job taken on beside the title, not instead of it
            now = _NOW.search(text, max(0, lead.start() - 24), lead.start()) and not _ADDED_ROLE.search(lead[0])
            found.insert(0 if now or _replaces(text, lead, start + len(title)) else len(found), title)
    for match in _FULL_NAME_THEN.finditer(text):  # "Hello. Fiona Kerr, finance director for Lochside ..."
        name = match["name"].split()
        title = title_after(text[match.end() : match.end() + 80])
        if title and name[0].lower() not in _OPENERS and not names_a_job_word(name[0]):
            found.append(title)
    for match in _TITLE_NAMED_AFTER.finditer(text):
        phrase = match["title"]
        title = title_after(phrase)
        if title and len(title.split()) == len(phrase.split()):  # the whole phrase is the title
            found.append(title)
    for match in _NOW_LEADS.finditer(text):  # "Twelve years in treasury, now I lead it" → Head of Treasury
        if names_a_field(match["field"].split()):
            field = title_cased(match["field"])
            found.append(f"{field} Manager" if match["verb"].lower() == "manage" else f"Head of {field}")
    for pattern, form in VERB_TITLES:
        match = pattern.search(text)
        if match:
            kind = " ".join(match.groupdict().get("kind", "").split())
            found.append(title_cased(form.format(kind=kind)))
    return found + earlier, tenured


_AT_A_COMPANY = re.compile(r"[^,.;!?]{2,60}?\s+at\s+(?-i:[A-Z])", re.I)


_NEXT_CLAUSE = re.compile(r"\s*[,.;:—–-]+\s*(?:and\s+)?(?:i'?m\b|i\s+am\b|i\s|i've\b|my\s|we\s)", re.I)
_NAME_THEN = re.compile(r"\s*[,.;:—–-]+\s*")
_ARTICLE = re.compile(r"(?:the|an?)\s+", re.I)


def _is_a_name(title: str, after: str) -> bool:
    """Whether a "title" (as said) of two or three capitalised words is the speaker's name, its last word a job word
    ("Sarah Baker", "Tom Cook", "Erik Lindqvist"), told by what follows: a new clause ("..., I'm the head of
    procurement", "... — I run the finance team") or the job itself ("..., head of procurement"). "Senior Manager,
    Treasury at Orrin" is a title: its first word is a rank, and no clause nor job follows."""
    words = title.split()
    if not 1 <= len(words) <= 3 or not all(word[:1].isupper() for word in words):
        return False
    then = _NAME_THEN.match(after)
    job = then.end() if then else 0
    job_follows = then is not None and bool(
        title_after(after[(article.end() if (article := _ARTICLE.match(after, job)) else job) :])
    )
    if len(words) == 1:
        # "And I'm Dev, finance manager.": a given name that is a job word too, the job said after it (tester 36);
        # not a title in capitals ("I'm CFO, finance and ops") nor a rank ("I'm Director, Finance")
        return not words[0].isupper() and not only_seniority(words[0]) and job_follows and "," in after[:3]
    if names_a_job_word(words[0]) or only_seniority(words[0]) or words[0].lower() in (*RANK_WORDS, "chief"):
        return False
    return _NEXT_CLAUSE.match(after) is not None or job_follows


def _replaces(text: str, lead: re.Match[str], end: int) -> bool:
    """Whether the title said after ``lead`` (ending at ``end``) is said to replace the buyer's earlier one ("let me
    correct that, since January I'm director of revenue cycle"), not taken on beside it ("... now too")."""
    if re.match(r"\W*(?:as|being)\b", lead[0], re.I):
        return False  # "I was promoted after four years as a staff accountant": the old job
    sentence_end = _SENTENCE_END.search(text, end)
    rest = text[end : sentence_end.start() if sentence_end else len(text)]
    before = _SENTENCE_END.split(text[max(0, lead.start() - 60) : lead.start()])[-1]  # this sentence only
    return bool(_REPLACES.search(before)) and not _ADDED_ROLE.search(before[-25:] + text[lead.start() : end] + rest)


_SENTENCE_END = re.compile(r"[.;!?]")


def current_title(text: str, is_job_field: Callable[[str], bool] = lambda field: True) -> str:
    """A title ``text`` says replaces the buyer's earlier one ("Honestly that title is out of date, I'm accounting
    manager now"), or ``""``."""
    if not _REPLACING_WORDS.search(text):
        return ""  # the title after a lead replaces another only where _REPLACES holds before it (``_replaces``)
    for lead in _leads(text):
        start = lead.end()
        title = title_after(text[start : start + 80])
        if title and _replaces(text, lead, start + len(title)):
            return corrected(text[start : start + 160], is_job_field) or title
    return ""
