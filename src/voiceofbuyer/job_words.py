"""The words of job titles: which name a job ("controller", "-ologist"), which open no title ("I'm incorporating"),
which name a field of work ("accounts payable"), and how a title is cased ("Head of EHS"). Read by the title and
field readers (``introductions``, ``job_fields``) and the metadata reader."""

from __future__ import annotations

import re

SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on"})


_HEAD_NOUNS = (
    "manager|director|officer|scientist|engineer|analyst|analyste|specialist|clerk|lead|head|controller"
    "|cfo|ceo|cto|cio|coo|ciso|cro|cmo|cpa|vp|architect|developer|consultant|supervisor|accountant|administrator"
    "|coordinator|president|founder|co-founder|cofounder|owner|designer|researcher|executive|strategist|planner"
    "|marketer|recruiter|treasurer|bookkeeper|auditor|buyer|programmer|statistician|teacher|professor|lecturer"
    "|tutor|instructor|trainer|educator|nurse|physician|doctor|surgeon|therapist|pharmacist|dentist|veterinarian"
    "|psychologist|counsel(?:l?or)?|lawyer|attorney|paralegal|writer|copywriter|editor|journalist|author|translator"
    "|artist|illustrator|animator|photographer|videographer|producer|musician|composer|technician|mechanic"
    "|electrician|agent|representative|rep|associate|assistant|librarian|coach|student|entrepreneur|freelancer"
    "|contractor|realtor|broker|economist|chemist|biologist|physicist|mathematician|officer|partner|principal"
    "|superintendent|administrator|admin|chief|secretary|receptionist|operator|dispatcher|inspector|estimator|surveyor"
    "|advisor|adviser|banker|underwriter|actuary|strategist|chef|cook|pastor|nanny|clinician|scribe|coder|leader"
    "|gm|sdr|bdr|csm|hrbp|hod|dgm|avp|svp|evp"
    "|registrar|bursar|comptroller|archivist|foreman|forewoman|groundskeeper"
    # British shorthand and school and ward titles: "I'm the FD", "MD of Bell Electrical" (tester 36)
    "|fd|md|matron|headteacher|headmaster|headmistress"
)
JOB_WORDS = frozenset(_HEAD_NOUNS.split("|")) | frozenset(
    {"screenwriter", "novelist", "podcaster", "blogger", "reporter", "transcriber", "proofreader", "copyeditor",
     "baker", "barista", "bartender", "waitress", "waiter", "sitter", "pet-sitter", "nanny", "caregiver", "carer",
     "paraprofessional", "paralegal", "tech", "emt", "paramedic", "reseller", "seller", "tester", "qa", "dev",
     "sre", "pm", "po", "tutor", "coach", "mentor", "facilitator", "astronomer", "geologist", "ecologist",
     "athlete", "farmer", "gardener", "landscaper", "driver", "plumber", "carpenter", "welder", "cleaner",
     "hairdresser", "stylist", "chef", "cook", "trader", "investor", "creator", "influencer", "youtuber",
     "streamer", "actor", "actress", "dancer", "singer", "officer", "firefighter", "soldier", "clerk",
     "cashier", "teller", "intern", "apprentice", "resident", "fellow", "postdoc", "phd", "manager", "director",
     "lawyer", "nurse", "teacher", "engineer", "developer", "designer", "interpreter", "shipper",
     "performer", "host", "planner", "buyer", "scheduler", "dispatcher", "caseworker", "worker", "counsel",
     "counselor", "counsellor"}
)  # fmt: skip
"""Nouns that name a job; besides them, nouns that look like one (-er, -or, -ist, -ian, -eer) count."""
_JOB_SUFFIX = re.compile(r"\w{2,}(?:ist|ician|ologist|grapher|writer|maker|smith|wright|keeper|eer)s?$", re.I)
# A title never opens with a verb or with praise: "I'm incorporating AI models", "I'm a great writer", "I'm no
# stranger to it", "I'm an early adopter".
NOT_A_TITLE_START = re.compile(
    r"(?!(?:engineering|marketing|accounting|nursing|consulting|teaching|training|operating|managing|"
    r"recruiting|banking|publishing|landscaping|manufacturing|purchasing|billing|invoicing|onboarding|merchandising|"
    r"advertising|fundraising|underwriting|warehousing|sourcing|housekeeping|catering|lending|auditing|learning|"
    r"controlling|"
    r"fixed|registered|licensed|certified|chartered|qualified|accredited|embedded|applied|shared)\b)"
    r"\w+(?:ing|ed)\b|(?:good|great|bad|big|huge|heavy|top|eager|early|"
    r"main|proactive|lone|former|ex|no|true|real|avid|frequent|regular|casual|power|total|complete|one|curious|decent|"
    r"happy|lucky|proud|fairly|very|pretty|quite|bit|little|firm|strong|keen|fan|natural|born|thought|servant|much|"
    r"better|worse)\b",
    re.I,
)


_NOT_A_JOB = frozenset(
    {"user", "fan", "believer", "member", "learner", "beginner", "person", "parent", "mother", "father",
     "daughter", "wife", "husband", "other", "number", "matter", "better", "bigger", "newer", "older", "power",
     "paper", "computer", "customer", "consumer", "listener", "viewer", "follower", "gamer", "dreamer", "thinker",
     "talker", "lover", "supporter", "proponent", "advocate", "skeptic", "sceptic", "optimist", "pessimist",
     "perfectionist", "minimalist", "amateur", "hobbyist", "novice", "newbie", "expert", "generalist",
     "together", "either", "neither", "rather", "whether", "however", "ever", "never", "later", "over",
     "under", "after", "before", "water", "letter", "order", "error", "color", "colour", "author's", "editor's",
     "exist", "insist", "assist", "persist", "resist", "consist", "pioneer"}
)  # fmt: skip


def names_a_field(words: list[str]) -> bool:
    """ "procurement", "accounts payable", "IT": up to three words naming an area of work, not a task ("maintaining
    product listings"), a thing ("a tight ship", "it") or a clause ("what I tell it")."""
    if not 1 <= len(words) <= 3 or NOT_A_TITLE_START.match(words[0]) or _COUNTED.match(words[0]):
        return False  # "two research sites", "all 85 stores": places counted, not a field
    return not any((w in _NOT_A_FIELD or w.endswith("ly")) and not w.isupper() for w in words)


NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?"
)
"""Counts written as words, as a title phrase never holds them ("a nurse for nineteen years")."""
_COUNTED = re.compile(rf"(?:\d[\d,.]*|{NUMBER_WORDS}|dozens?|several|few|many|multiple|both|various)$", re.I)
_NOT_A_FIELD = frozenset({"yourself", "myself", "right",
                          "a", "an", "my", "this", "that", "these", "those", "it", "them", "things", "what", "how",
                          "which", "who", "i", "we", "you", "they", "everything", "something", "stuff",
                          "tonight", "today", "tomorrow", "week", "weekend", "morning", "evening", "late",
                          "about", "around", "roughly", "nearly", "almost", "approximately"})  # fmt: skip


def title_cased(phrase: str) -> str:
    """A phrase as a title writes it: "accounts payable" → "Accounts Payable", "head of ehs" → "Head of EHS"."""
    return " ".join(title_case_word(word) for word in phrase.split())


def title_case_word(word: str) -> str:
    """ "payable" → "Payable"; "ERP" and "eCommerce" stay (capitals inside a word are the speaker's); "of" stays
    small."""
    if word.isupper() or any(c.isupper() for c in word[1:]):
        return word
    if word.lower() in _ACRONYMS:  # "ehs manager", as speech-to-text writes it
        return word.upper()
    return word.lower() if word.lower() in SMALL_WORDS else word[:1].upper() + word[1:]


_SPELLED_OUT = re.compile(r"\b(?:(?P<fd>FD)|(?P<md>MD))\b", re.I)


def spelled_out(title: str) -> str:
    """``title`` with the British shorthand a reader elsewhere may not know written out: "FD" → "Finance Director",
    "MD" → "Managing Director" (tester 36)."""
    return _SPELLED_OUT.sub(lambda m: "Finance Director" if m["fd"] else "Managing Director", title)


_ACRONYMS = frozenset(
    {"ehs", "hse", "hr", "ap", "ar", "qa", "qc", "erp", "crm", "hris", "hrbp", "vp", "svp", "evp", "avp", "cfo", "ceo",
     "coo", "cto", "cio", "ciso", "cmo", "cro", "cpo", "chro", "fp&a", "ux", "ui", "seo", "bi", "sre", "l&d", "r&d",
     "rn", "gm", "pmo", "sdr", "bdr", "cx", "pr", "it", "fd", "md"}
)  # fmt: skip


def names_a_job(phrase: str) -> bool:
    """Whether a phrase holds a word that names a job ("Head of Finance", "CFO", "production manager"); "Westbrook
    Dental Labs" does not."""
    return any(names_a_job_word(word.strip(".,;:()")) for word in phrase.split())


def names_a_job_word(word: str) -> bool:
    bare = word.lower().strip("'")
    if bare in _NOT_A_JOB or "'" in bare:
        return False
    return bare in JOB_WORDS or bare.rstrip("s") in JOB_WORDS or bool(_JOB_SUFFIX.fullmatch(bare))


OWNERS = "Executive & Founder"
"""The built-in function of people who run their own business (docs/labelling.md, job functions rule 1)."""
OWN_BUSINESS = re.compile(
    r"\bmy\s+(?:(?:own|two|three|small|little|online|new)\s+)*business(?:es)?\b"
    r"(?!\s+(?:partners?|analys\w+|development|school|degree|class|course|trip|e-?mails?|writing|plan|studies)\b)",
    re.I,
)
"""A buyer who states no title but speaks of "my business" ("posts to promote my business") runs one."""
OWN_BUSINESS_PRECISION = 0.6
"""Share of the labelled participants who speak of "my business" whose function is ``OWNERS`` (9 of 15)."""
_BUSINESS_WORDS = (
    r"(?:Bakery|Bakeries|Roasters|Ltd|Limited|Inc|LLC|Co|Company|Group|Foods|Holdings|Partners|Studios?"
    r"|Agency|Consulting|Services|Associates|Brewing|Brewery|Farms?|Dental|Vets?|Clinic|Salon|Caf[eé]|Kitchen"
    r"|Restaurants?|Shops?|Stores?|Logistics|Construction|Builders|Landscaping|Plumbing|Catering|Fitness|Garage"
    r"|Cleaning|Properties|Realty|Accountants|Solicitors)"
)
VERB_TITLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bi\s+teach\b", re.I), "Teacher"),
    (re.compile(r"\bi\s+dispatch\b", re.I), "Dispatcher"),
    # "I do the books for three restaurants", "I keep the books", "I do all the bookkeeping" (tester 10)
    (
        re.compile(
            r"\bi\s+(?:do|keep|handle|look\s+after|manage)\s+(?:all\s+)?(?:the|our|their)\s+(?:books|bookkeeping)\b"
            r"|\bi\s+do\s+(?:all\s+)?(?:the\s+)?bookkeeping\b",
            re.I,
        ),
        "Bookkeeper",
    ),
    # "I'm studying Medicinal Chemistry", "I am studying for my degree": a student (not "I'm studying the report")
    (
        re.compile(
            r"\bi(?:'?m|\s+am)\s+(?:currently\s+)?studying\s+(?:(?-i:[A-Z])|for\s+(?:a|my)\s+(?:\w+\s+)?degree\b"
            r"|at\s+(?:the\s+)?(?:university|college)\b)",
            re.I,
        ),
        "Student",
    ),
    (
        re.compile(
            # "I own and run my company", "I currently have a small business where I paint banners"
            r"\bi\s+(?:currently\s+|also\s+)?(?:own|run|have|operate|started|founded|co-?founded)"
            r"(?:\s+and\s+(?:run|operate|manage))?\s+(?:a|an|my|our)\s+"
            r"(?:(?:own|small|little|online|local|family|tiny|one-person|new)\s+)*(?P<kind>(?:\w+\s+){0,2}?"
            r"(?:business|shop|store|company|agency|studio|practice|firm|farm|restaurant|cafe|café|bakery|food\s+truck"
            r"|startup|start-up|brand|consultancy|salon|clinic))\b",
            re.I,
        ),
        "{kind} owner",
    ),
    # "I own Delgado Bakeries, it's four shops", "I own and run Harbour Coffee Roasters": a business named, by a word
    # of its name or as it is described next; its owner (not "I own NetSuite admin", "I own Google Analytics and the
    # tag setup": a product looked after)
    (
        re.compile(
            r"\bi\s+(?:currently\s+|also\s+)?(?:co-?)?own(?:\s+and\s+(?:run|operate|manage))?\s+"
            rf"(?:(?-i:(?:[A-Z][\w'’&-]*\s+(?:(?:&|and|of)\s+)?){{0,4}}{_BUSINESS_WORDS})"
            r"(?=\s*[,.;!]|\s+(?:and|in|with|since|for)\b|\s*$)"
            r"|(?-i:[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|&|and|of))*)"
            r"\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:company|business|firm|shop|store|agency|practice|studio"
            r"|restaurant|caf[eé]|bakery|farm|chain|consultancy|brand|startup|salon|clinic)\b)",
            re.I,
        ),
        "owner",
    ),
    # "Me and my husband own them, three cafes in Leeds", "my brother and I run it" (tester 36)
    (
        re.compile(
            r"\b(?:me\s+and\s+my\s+(?P<a>husband|wife|partner|brother|sister|dad|mum|mom|father|mother|son|daughter)"
            r"|my\s+(?P<b>husband|wife|partner|brother|sister|dad|mum|mom|father|mother|son|daughter)\s+and\s+i)"
            r"\s+(?:co-?)?own\b",
            re.I,
        ),
        "Co-owner",
    ),
    # "I'm a ward sister on the cardiac unit": a nurse in charge of a ward, as the NHS calls her (tester 36)
    (
        re.compile(r"\bi(?:['’]m|\s+am)\s+(?:a|the)\s+(?P<kind>ward|theatre|junior|senior|night)\s+sister\b", re.I),
        "{kind} sister",
    ),
    # "Honestly I'm basically the IT department here": the whole of a function in one person (tester 36)
    (
        re.compile(
            r"\bi(?:['’]m|\s+am)\s+(?:basically\s+|pretty\s+much\s+|essentially\s+|effectively\s+|kind\s+of\s+)?"
            r"the\s+(?:whole\s+|entire\s+)?(?P<kind>IT|HR|finance|marketing|sales|accounts|legal|procurement|purchasing"
            r"|operations|ops|payroll|compliance|facilities|engineering|data)\s+(?:department|team)\b",
            re.I,
        ),
        "{kind} department",
    ),
    # "The business I run is a cidery": its owner
    (
        re.compile(r"\bthe\s+(?P<kind>business|company|firm|shop|practice)\s+i\s+(?:run|own)\s+is\b", re.I),
        "{kind} owner",
    ),
    # "It's my company. I started it eleven years ago with one truck."
    (
        # not "it's my company's policy", "it's my business to know where every dollar goes"
        re.compile(
            r"\b(?:it'?s|it\s+is)\s+my\s+(?:own\s+)?(?P<kind>business|company|firm|shop|practice)"
            r"(?=\s*[.,;!]|\s+(?:and|so|but|now|actually)\b|\s*$)",
            re.I,
        ),
        "{kind} owner",
    ),
)
"""Jobs said by what people do rather than by a title: a pattern, and the title it gives (``{kind}``: the
business named, "Bakery owner")."""


_COUNTED_PEOPLE = re.compile(rf"\b(?:\d+|{NUMBER_WORDS})\s+(?P<people>[\w&/-]+(?:\s+[\w&/-]+)?)", re.I)


def of_their_team(rank: str, before: str) -> str:
    """ "I have a team of fourteen dispatchers ..., and I'm their supervisor" → "Supervisor of Dispatchers": a rank
    said of people counted just before (``before``); else ``rank`` as it is."""
    for counted in reversed(list(_COUNTED_PEOPLE.finditer(before))):
        words = counted["people"].split()
        plural = next((i for i, word in enumerate(words) if plural_job(word)), None)
        if plural is not None:
            return f"{rank} of {title_cased(' '.join(words[: plural + 1]))}"
    return rank


def plural_job(title: str) -> bool:
    """Whether a title ends in a job's plural ("Pathologists", "Nurses"), which names other people, never the
    speaker's own post ("Head of Sales", "VP Operations" end in no job)."""
    last = title.split()[-1].lower()
    return last.endswith("s") and not last.endswith("ss") and names_a_job_word(last[:-1]) and last not in JOB_WORDS
