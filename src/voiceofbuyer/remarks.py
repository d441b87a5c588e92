"""Remarks that are no evidence of a category whatever their words: talk about the conversation itself (small
talk), satisfaction with nothing wrong in it (praise alone), a denial of what was asked about ("I can't think of
a time I got frustrated."), and the speaker's job alone ("I'm the AP manager at Norrland Paper."). The
classifier's filing rules (``classify.FILING_RULES``) file them as ``other``, and the sides of a call read small talk
as no one's question.
"""

from __future__ import annotations

import re

from .introductions import stated_title

# Leaving the call: "I'm going to drop off, I have a conflict", "I'll leave you two to it", "I need to run".
_LEAVING = (
    r"(?:drop|hop|jump)\s+off(?=\s*(?:now|here|the\s+call|[,.!;]|$))|leave\s+you\s+(?:two|both|to\s+it)"
    r"|i\s+(?:have|'ve\s+got|got)\s+(?:a|another)\s+(?:conflict|meeting|call)(?=\s*(?:at|in|after|now|[,.!;]|$))"
    r"|(?:i|we)\s+(?:need|have|got)\s+to\s+(?:run|go|jump|leave)(?=\s*(?:now|soon|[,.!;]|$))|i'?ll\s+let\s+you\s+go"
)
LEAVES_THE_CALL = re.compile(rf"\b(?:{_LEAVING})\b", re.I)
_SMALL_TALK = re.compile(
    rf"\b({_LEAVING}|let me know|thanks?|thank you|good luck|bye|good question|happy to help|can you hear|hear me"
    # Remarks on the interview itself: "That's a difficult question.", "Like you're making me sad right now."
    r"|(that's|that is|it's|it is|what) a (really |very )?(great|tough|hard|difficult|tricky|big|interesting) question"
    r"|you(?:'re| are) making me \w+"
    r"|(nice|good|great|lovely|pleasure) (talking|to talk|speaking|to speak|meeting|to meet|chatting)"
    r"|sorry (to be|for being|i'm|i am|i was) late|(anything|something) (else )?i can (help|do)"
    r"|have a (good|great|nice|lovely) (day|one|evening|weekend|night|week)|good (night|morning|afternoon|evening)"
    # The call's own time and mechanics: "We can take five or 10 more minutes", "I have a hard stop at three".
    r"|(we|i) (can|could) (take|spare|stay) [\w ]{0,20}?minutes"
    r"|(we|i) (have|'ve got|got|still have) (another |a few |a couple (of )?|(five|ten|fifteen|twenty|\d+) )"
    r"(more |extra )?minutes( left)?(?! of)|hard stop|another (call|meeting) (at|in|after)"
    r"|share (my|your) screen|(you're|you are|i'm|i am|you were|i was) (on )?mute|you (cut|broke) out|lost you"
    r"|(bad|poor|weak) (connection|signal|wifi|wi-fi)|(is it|it's|are you|we're) recording"
    r"|(it says|i see|i think) (the )?(recording|transcription)( and (recording|transcription))? (has )?"
    r"(started|stopped|is on)"
    # A colleague who sits in: "I'm just here to listen in", "I'll only jump in if there's a security question"
    r"|(i'm|i am) (just |only )?(here to |going to )?(listen|listening)( in)?(?=\s*(?:[,.!;]|$))"
    r"|(i'll|i will) (just |only )?(listen( in)?|jump in|chime in)(?=\s*(?:[,.!;]|if\b|when\b|$)))\b"
    r"|^\W*(hi|hello|hey|hiya|morning)\b(?!-)(\W+[\w']+){0,3}\W*$"  # a greeting alone: "Hi there.", "Hello everyone!"
    # An apology for one's English: "Sorry, my English is a bit rusty on a Monday.", "Excuse my English." (tester 52)
    r"|(sorry|excuse|pardon|apologies)\b[^.!?]{0,12}\bmy (english|accent)\b"
    r"|\bmy (english|accent) is (a bit |a little |not (so |very |that )?)?(rusty|bad|poor|good|strong|great|perfect)\b"
    # Thinking aloud, and nothing more (a few words of what about at most): "I'm trying to think.", "Um, let me
    # think if for language models I have." (6 real spoken statements so, all labelled other)
    r"|^\W*(?:(?:so|well|okay|ok|um+|uh+|hmm+|er+m?)\W+)*(?:let me (?:think|see)|(?:i'm|i am) (?:just )?trying to"
    r" (?:think|remember|recall))(?:\s+(?:of|if|about|whether|what|how|when|where|which)(?:\s+[\w'’]+){0,5})?\W*$",
    re.I,
)
MAX_SMALL_TALK_WORDS = 15


def is_small_talk(text: str) -> bool:
    """Talk about the conversation itself: thanks, greetings, farewells, offers of help ("If you need any more
    details, let me know."), at most ``MAX_SMALL_TALK_WORDS`` words. The codebook's chit-chat: always ``other``,
    whatever the classifier makes of its words ("help", "need")."""
    return len(text.split()) <= MAX_SMALL_TALK_WORDS and _SMALL_TALK.search(text) is not None


_NO_TIME = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not|don'?t|do\s+not|didn'?t|did\s+not)\s+(?:really\s+)?"
    r"(?:think\s+of|recall|remember|recollect)\s+(?:a|an|any|one)\s+(?:single\s+|specific\s+|particular\s+)?"
    r"(?:time|times|instance|instances|situation|situations|example|examples|moment|moments|case|cases|occasion"
    r"|scenarios?)\b"
    r"(?P<clause>[^,.;:!?]*)",
    re.I,
)
_BAD_FEELING = re.compile(
    r"\b(?:frustrat|annoy|worr|concern|problem|issue|struggl|stuck|difficult|hard|bad|wrong|fail|complain|disappoint"
    r"|pain|upset|angry|stress|hate|let\s+down|went\s+wrong)",
    re.I,
)
_HAS_NONE = re.compile(
    r"\b(?:(?:don'?t|do\s+not|didn'?t|did\s+not)\s+(?:really\s+)?(?:have|feel|see|face)\s+(?:(?:any|many|much)\s+)?"
    r"(?:real\s+|major\s+)?(?:concerns?|worries|worry|complaints?|problems?|issues?|frustrations?|objections?"
    r"|reservations?|pain\s+points?)"
    r"|(?:have|had|there\s+(?:are|were|is|was))\s+no\s+(?:real\s+|major\s+)?(?:concerns?|worries|complaints?"
    r"|frustrations?|objections?|reservations?)"
    r"|(?:never|haven'?t|have\s+not|hasn'?t)\s+(?:really\s+)?(?:been|felt|got|gotten)\s+(?:frustrated|annoyed"
    r"|worried|concerned|disappointed)"
    # "I'm not necessarily worried about my skills", "..., but I'm personally ok with that."
    r"|(?:i'?m|i\s+am)\s+not\s+(?:necessarily\s+|really\s+|too\s+|overly\s+)?(?:worried|concerned)"
    r"|(?:i'?m|i\s+am)\s+(?:personally\s+)?(?:ok|okay|fine|comfortable)\s+with\s+(?:that|it|this)(?=\s*[.!]?\s*$)"
    r"|don'?t\s+(?:seem\s+to\s+)?have\s+(?:a|any)\s+preference"
    # "It doesnt really concern me.", "I don't really get frustrated", "I haven't yet come across a frustrating ..."
    r"|(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+(?:really\s+)?(?:concern|worry|bother|frustrate)\s+me"
    r"|(?:don'?t|do\s+not|never|rarely|seldom)\s+(?:really\s+)?(?:get|feel|become)\s+(?:frustrated|annoyed|worried"
    r"|concerned)"
    r"|(?:haven'?t|have\s+not|never)\s+(?:yet\s+|really\s+)?(?:come\s+across|run\s+into|encountered|experienced|had)"
    r"\s+(?:a|an|any)\s+(?:\w+\s+){0,2}?(?:frustrat\w*|problems?|issues?|concerns?)"
    # "I am not aware of major issues.", "There were no real problems."
    r"|(?:not\s+aware\s+of\s+(?:any\s+)?|there\s+(?:are|were|is|was)\s+no\s+)(?:(?:real|major|big|significant"
    r"|serious|particular)\s+)?(?:issues?|problems?|concerns?|downsides?|drawbacks?))\b",
    re.I,
)
_NOTHING_TO_SAY = re.compile(r"\bnothing\s+(?:really\s+)?(?:comes|springs)\s+to\s+mind\b", re.I)
# Answers to "Do you worry AI will take over your work?" or "What would you rather do yourself?" that say no and name
# nothing (auditor, 2026-12-06: they led objection and pain themes): "I don't feel threatened by AI at all.", "I do not
# feel my career will be taken over any time soon.", "AI is far from taking over the field", "There is nothing I
# prefer to do myself.", "I don't think there is any, ...", "I don't think I've come across anything frustrating".
# On the labelled typed statements, all 5 they match beyond ``_HAS_NONE`` are labelled other.
_NOTHING_FEARED = re.compile(
    r"\b(?:don'?t|do\s+not)\s+(?:really\s+)?feel\s+(?:at\s+all\s+)?(?:threatened|worried|concerned)"
    r"|\b(?:don'?t|do\s+not)\s+(?:really\s+)?feel\s+anything\s+(?:\w+\s+)?about\s+(?:it|that|this)\b"
    r"|\bfar\s+from\s+(?:taking\s+over|replacing)\b"
    r"|\b(?:don'?t|do\s+not)\s+(?:think|feel|believe)\s+(?:that\s+)?(?:ai|it|my\s+(?:job|career|role|work|position))\s+"
    r"(?:will|could|can|would|is\s+going\s+to)\s+(?:ever\s+|completely\s+|fully\s+)?(?:replace|take\s+over"
    r"|be\s+(?:taken\s+over|replaced))"
    r"|\b(?:don'?t|do\s+not)\s+think\s+i'?ve\s+(?:ever\s+)?(?:come\s+across|run\s+into|encountered|experienced|had)\s+"
    r"any(?:thing)?\s+(?:\w+\s+){0,2}?(?:frustrat|problem|issue|concern)"
    r"|^\W*(?:(?:no|not\s+really|honestly)\W+)?i\s+don'?t\s+think\s+there\s+(?:is|are)\s+any(?:thing)?\b"
    r"|^\W*there\s+(?:is|was)\s+nothing\s+(?:that\s+)?i\s+(?:would\s+)?(?:really\s+)?(?:prefer|want|like|need)\s+to\s+do"
    r"\s+myself\b",
    re.I,
)


def speaks_of_trouble(text: str, start: int = 0) -> bool:
    """Whether ``text`` from ``start`` has a word of trouble ("frustrated", "problem", "went wrong")."""
    return _BAD_FEELING.search(text, start) is not None


_BUT = re.compile(
    r"\b(?:but|however|although|though|except|apart\s+from|other\s+than|as\s+long\s+as|unless|if)\b", re.I
)


_PRAISE = re.compile(
    r"\b(?:satisf(?:ied|ying|action)|helpful|amazing|great|love[ds]?|loving|excellent|fantastic|wonderful|impressed"
    r"|impressive|perfect(?:ly)?|exactly\s+what\s+i\s+(?:needed|need|wanted|want)|correctly"
    r"|saved?\s+(?:me\s+|us\s+)?(?:a\s+lot\s+of\s+|so\s+much\s+)?time|much\s+(?:less|faster|easier|better|quicker)"
    r"|easier|a\s+lifesaver|game\s*-?changer|works?\s+(?:really\s+|very\s+)?well|spot\s+on"
    r"|did\s+(?:a\s+)?(?:great|good|fantastic)\s+job|beneficial|a\s+good\s+thing|(?:gave|gives|give)\s+me\s+the\s+freedom"
    r"|(?:much\s+)?(?:quicker|faster)\s+than\s+usual|less\s+time-consuming"
    # "It came in clutch.", "AI has helped me ideate", "made it easier for me to ..."
    r"|made\s+me\s+(?:so\s+|very\s+|really\s+)?happy|came\s+in\s+clutch|pays?\s+off|paid\s+off"
    r"|(?:has|have|had)\s+(?:really\s+|greatly\s+)?helped\s+(?:me|us)|(?:very|really|so|extremely)\s+useful)\b",
    re.I,
)
# Any word of trouble, negation or reservation keeps a statement from being praise alone.
_RESERVATION = re.compile(
    r"\b(?:not(?!\s+have\s+to)|no|never|nothing|without|too|lack\w*|only(?!\s+took|\s+takes)|trust\w*|risk\w*|fear\w*|afraid|waste\w*|errors?"
    r"|mistakes?|slow\w*|tedious|manual\w*|trouble[ds]?|troubling)\b|n't(?!\s+have\s+to)",
    re.I,
)


def only_praises(text: str) -> bool:
    """A statement of satisfaction with nothing wrong in it ("I was particularly satisfied that it found the bug.",
    "The back end of the process is stronger and takes much less time now."): no pain and no objection, whatever
    its words about the problem it solved; filed as ``other`` when the model says either. On the 4,942 typed and
    1,320 synthetic labelled statements, 12 of the 180 it matches are labelled pain or objection."""
    return (
        _PRAISE.search(text) is not None
        and _RESERVATION.search(text) is None
        and _BAD_FEELING.search(text) is None
        and _BUT.search(text) is None
    )


_FORECAST = re.compile(
    r"\b(?:i\s+(?:think|believe|expect|imagine|predict|suspect|guess)|i\s+can\s+see|i\s+feel\s+like|probably"
    r"|eventually|in\s+the\s+future)\b[^.?!]*\b(?:will|may|might|going\s+to|could|would)\b",
    re.I,
)
# A want, or the speaker's own plan ("I think I will use it more for research"): a goal after all.
_OWN_WANT = re.compile(
    r"\b(?:want\w*|hope\w*|wish\w*|like|love|need\w*|goals?|would\s+be\s+(?:nice|great|good|helpful|ideal))\b"
    r"|\b(?:i|we)\s*(?:will|'ll|would|'d|might|may|could|am\s+going|'m\s+going|are\s+going|'re\s+going)\b",
    re.I,
)


def forecasts(text: str) -> bool:
    """A forecast about the world with no want or plan of the speaker's ("I believe that AI will become even more
    capable in project planning."): an opinion (codebook rule 6), filed as ``other`` when the model says goal. On
    the labelled statements, 42 of the 72 it matches are labelled other, 13 goal."""
    return _FORECAST.search(text) is not None and _OWN_WANT.search(text) is None


def denies_having(text: str) -> bool:
    """A statement that says the speaker has none of what was asked about ("I can't think of a time I got
    frustrated.", "I do not have any concerns, AI only helps.", "Nothing comes to mind.") and goes on to name none
    ("..., but the export takes a day" does): it states no pain, objection or other category, so it is ``other``.
    "I can't think of a time it worked" denies something good: a pain, not a denial."""
    no_time = _NO_TIME.search(text)
    if no_time is not None and _BAD_FEELING.search(no_time["clause"]):
        denial = no_time
    else:
        denial = _HAS_NONE.search(text) or _NOTHING_FEARED.search(text)
        if denial is None and len(text.split()) <= 8:
            denial = _NOTHING_TO_SAY.search(text)
    return denial is not None and _BUT.search(text, denial.end()) is None


# A move in the speaker's career told as such: "After that I worked almost two years in a company called Company 2.",
# "Before that I was working mostly in data analytics", "I spent six years at Deloitte before joining here."
_CAREER_MOVE = re.compile(
    r"^\W*(?:(?:so|well|yeah|okay|um|uh|and|but|then),?\s+)*"
    r"(?:(?:after|before|prior\s+to)\s+that,?\s+(?:(?:um|uh),?\s+)?i\s+(?:(?:have\s+)?worked|was\s+working"
    r"|work(?:ed)?\s+it|joined|moved|was\s+(?:a|an|the)\s)"
    r"|i\s+(?:worked|spent)\s+(?:(?:almost|about|nearly|over|around|for)\s+)?\w+\s+(?:years?|months?)\s+(?:at|in|with|as)\s)",
    re.I,
)


def tells_a_career_move(text: str) -> bool:
    """Whether ``text`` tells where the speaker worked before or next ("After that I work it in the financial tech
    sector with some company ..."): background, the codebook's ``other``, however the job sounds. Measured on the
    labelled sets: the 4 statements it matches (all spoken) are ``other``; the built-in model filed two of them as
    triggers, and one led a trigger theme of real speech."""
    return _CAREER_MOVE.search(text) is not None


_APPROVAL = re.compile(
    # "the CFO signs", never a contract that "is signed" (an event: "push the data when a contract is signed")
    r"\b(?:approves?|(?<!is\s)(?<!are\s)(?<!was\s)(?<!were\s)(?<!been\s)(?<!gets\s)(?<!got\s)(?:approved"
    r"|sign(?:s|ed)?(?:\s+off)?(?!-on))|sign-off|decides|final\s+(?:say|call)|budget\s+holder"
    r"|makes?\s+the\s+(?:final\s+)?(?:call|decision)|goes\s+to\s+(?:the\s+)?[\w\s]{0,30}?(?:committee|board|cfo|ceo))\b",
    re.I,
)
# What is approved is the purchase: "anything over fifty thousand", "the contract", a committee, or the last word.
_PURCHASE = re.compile(
    r"\b(?:anything|everything|purchases?|spend|contracts?|deals?|budget|over|above|committee|board|final\s+(?:say|call)"
    r"|the\s+(?:call|decision))\b|\b(?:signs?(?:\s+off)?|decides)\s*[.!]?\s*$",
    re.I,
)
_MUST_HAVE = r"need|needs|must|has\s+to|have\s+to|require[sd]?"
"""A must-have said: what a criterion states and an approval or a doubt never does."""
_REQUIREMENT = re.compile(
    rf"\b(?:{_MUST_HAVE}|had\s+to|want|wants|expect|should|unless|only\s+if|won't"
    r"|wouldn't|worr\w+|concern\w*|afraid|if\s+(?:it|they|you|the)|as\s+long\s+as|before|until|show|prove"
    r"|case\s+study|references?|pilot|trial|or\s+(?:else|it|we|they)|otherwise|so\s+(?:that\s+)?(?:i|we)\s+can)\b",
    re.I,
)


def only_describes_approval(text: str) -> bool:
    """Who approves the purchase, told as it is ("I recommend, and the VP of finance approves anything over fifty
    thousand.", "It'd be me and the safety director, and then the CFO signs."), with no requirement, test or worry:
    the buyer's process described neutrally, ``other`` by the codebook, where the model said criterion (tester 20:
    7 of 7 such statements) or objection (tester 25: "I'd be the one pushing for it, but the CFO signs off on
    anything over fifty thousand." led a battlecard). The purchase, not an invoice's approval in the product ("he
    sees the invoice, he hits approve" is a criterion). "If it costs more than the renewals we miss, finance won't
    sign." is an objection and is not matched."""
    return bool(_APPROVAL.search(text) and _PURCHASE.search(text)) and _REQUIREMENT.search(text) is None


_DOUBT = re.compile(
    r"\b(?:i\s+(?:(?:also|just|really|honestly|still|genuinely)\s+)?(?:don't|do\s+not)\s+(?:know|see|think)\s+(?:if|whether|how|who|that|it|they|we|our)|i\s+doubt"
    r"|i'?m\s+(?:not\s+(?:sure|convinced)|worried|concerned|sceptical|skeptical|nervous|afraid)"
    r"|(?:every|each|all)\s+(?:the\s+)?vendors?\s+(?:say|says|tell|tells|claim|claims|promise|promises)"
    r"|my\s+(?:worry|concern|fear)|the\s+(?:worry|concern|fear|risk)\s+is)\b",
    re.I,
)
_MUST = re.compile(rf"\b(?:{_MUST_HAVE}|non-negotiable|deal-?breaker|i\s+want|we\s+want)\b", re.I)


def voices_a_doubt(text: str) -> bool:
    """A doubt or a worry with no must-have in it ("I also don't know if our dispatchers ... will be able to use
    it.", "Every vendor tells me their integration with Kronos is easy, and then it takes a year."): an objection
    by the codebook's tie-break, where the model said criterion (tester 20: 8 such statements). Of the 4,942
    labelled typed statements it matches 48: 21 objections, 25 other, 1 criterion."""
    return _DOUBT.search(text) is not None and _MUST.search(text) is None


# A character of a phrase that opens no second clause ("I'm the AP manager and the close takes twelve days").
_NO_CLAUSE = r"(?:(?!\b(?:and|but|so|because|which|who|where|that|when|we|it|they|i)\b)[^,.;!?])"
# "I'm the AP manager at Norrland Paper.", "I'm not myself a data scientist.": the speaker's job and nothing more.
_JOB_ALONE = re.compile(
    r"(?:(?:so|well|yeah|okay|um|uh|and|but),?\s+)*(?:i'?m|i\s+am|i\s+work\s+as|i've\s+been|my\s+(?:role|title|job)"
    r"\s+is)\s+(?P<negation>not\s+(?:myself\s+)?)?(?:myself\s+|really\s+|currently\s+|actually\s+)?(?:a|an|the)\s+"
    rf"{_NO_CLAUSE}{{2,60}}?(?:\s+(?:at|for|in|with)\s+{_NO_CLAUSE}{{2,40}})?[.!]?",
    re.I,
)
_JOB_ALONE_WORDS = 16


def only_states_a_job(text: str) -> bool:
    """Whether ``text`` says what the speaker's job is, or is not, and nothing more: background, never a pain, an
    objection or a goal (the codebook's ``other``). Measured on the labelled sets: all 12 typed statements it
    matches are ``other`` (none spoken, one synthetic)."""
    text = text.strip()
    found = _JOB_ALONE.fullmatch(text) if len(text.split()) <= _JOB_ALONE_WORDS else None
    if found is None:
        return False
    said = text[: found.start("negation")] + text[found.end("negation") :] if found["negation"] else text
    return bool(stated_title([said]))


# "I own our SOC 2, our vendor risk program, and whatever else lands on my desk.", "I run an Etsy shop where I sell
# digital downloads.": what the speaker looks after, and nothing it does to them.
_DUTIES = re.compile(
    r"(?:(?:so|well|basically|and),?\s+)?i(?:\s+also)?\s+(?:own|look\s+after|oversee|(?:am|'m|’m)\s+responsible\s+for"
    r"|cover|handle|manage|run)\s+[^.!?;]{3,160}[.!]?",
    re.I,
)
_MORE_THAN_DUTIES = re.compile(
    r"\b(?:but|because|while|which|problem|hard|pain|struggle|slow|manual|hours?|days?|weeks?|can['’]?t|cannot"
    r"|don['’]?t|never|always|every|want|need|wish|hope|should|would|could|if|when|too)\b",
    re.I,
)


def only_lists_duties(text: str) -> bool:
    """Whether ``text`` only says what the speaker owns, runs or looks after (background, the codebook's ``other``),
    with no trouble, wish or condition in it (tester 39: "I own our SOC 2, our vendor risk program, and whatever
    else lands on my desk." led an objection). Of the 4,942 labelled typed statements it matches 5, all ``other``."""
    text = text.strip()
    return _DUTIES.fullmatch(text) is not None and _MORE_THAN_DUTIES.search(text) is None
