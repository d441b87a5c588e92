"""Files read as speaker turns that are no interview: documents, guides, surveys, notes, chats, demos, webinars,
FAQs, questionnaire responses, team meetings, podcasts, debriefs and articles. Each is left out of the batch with
one line saying what it looks like."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import PurePosixPath

from .ingest.speaker_names import given_name
from .ingest.unlabelled import FIRST_PERSON
from .ingest.vendor_side import SELF_INTRO
from .introductions import stated_title
from .records import Interview, SpeakerRoles

_ASKS = re.compile(
    r"\?|\b(?:tell|walk|talk|take|give)\s+(?:me|us)\b|\bsay\s+more\b|\b(?:describe|explain|share|imagine)\b"
    r"|^\s*(?:how|why|who|when|where|which|(?:what|could|can|do|did|would|are)\s+you)\b",
    re.I,
)
"""A question, also typed without "?" ("how do orders come in today"), or a prompt said as an imperative ("Walk me
through the last delivery.", "Say more about that.")."""
_DEBRIEF = re.compile(
    r"\b(?:let'?s\s+do\s+(?:the|a|our|a\s+quick)\s+debrief|quick\s+debrief|debrief\s+while\s+it'?s\s+fresh"
    r"|(?:she|he|they|(?-i:[A-Z]\w+))(?:'s|\s+has|\s+have|'ve)?"
    r"\s+(?:just\s+)?(?:dropped(?:\s+off)?|left\s+the\s+(?:call|meeting))(?=[\s,.;!]))",
    re.I,
)
"""How researchers open their debrief once the interviewee has left the call."""
_RESEARCH_WORDS = re.compile(
    r"\b(?:personas?|synthesis|(?:interview\s+|discussion\s+)?guide|research\s+repo|code\s+the\s+transcript"
    r"|headline\s+quote|objections?\s+list|target\s+segment|pain\s+point|decision\s+criteria)\b",
    re.I,
)
"""The research team's own words about an interview: what a debrief talks in."""
_ON_AIR = re.compile(
    r"\b(?:this\s+episode\s+is\s+(?:brought\s+to\s+you|sponsored)\s+by|welcome\s+(?:back\s+)?to\s+[\w' ]{1,40}?,?\s+the"
    r"\s+podcast|this\s+is\s+episode|(?:subscribe|listen)\s+wherever\s+you\s+get\s+your\s+podcasts"
    r"|(?:liked|enjoyed)\s+(?:the|this|today's)\s+episode|(?:leave|give)\s+us\s+a\s+(?:review|rating)"
    r"|if\s+you\s+(?:like|enjoy)\s+(?:the|this)\s+show|(?:hit|smash)\s+(?:that\s+)?subscribe|my\s+guest\s+today"
    r"|(?:big\s+)?fan\s+of\s+the\s+show|(?:the\s+)?folks\s+at\s+home|thanks\s+for\s+listening|brought\s+to\s+you\s+by)\b",
    re.I,
)
"""What a podcast or a show says on air, never a research interview: its welcome, its episode, its sponsor read."""
_GOES_ON_AIR = re.compile(
    r"\b(?:welcome\s+(?:back\s+)?to\s+[\w' ]{1,40}?,?\s+the\s+podcast|this\s+is\s+episode"
    r"|if\s+you\s+(?:like|enjoy)\s+(?:the|this)\s+show|(?:hit|smash)\s+(?:that\s+)?subscribe"
    r"|this\s+episode\s+is\s+(?:brought\s+to\s+you|sponsored)\s+by)\b",
    re.I,
)
"""How a show opens its first turn."""
_SHOWS_ITS_PRODUCT = re.compile(
    r"\b(?:let\s+me\s+show|i(?:'ll|\s+will|\s+can|'m\s+going\s+to|\s+am\s+going\s+to)\s+show\s+you"
    r"|we(?:'ve|\s+have)?\s+built|out\s+of\s+the\s+box|here\s+you\s+can\s+see|(?:let\s+me|i'll)\s+share\s+my\s+screen"
    r"|let(?:'s|\s+me)\s+(?:open|switch\s+to|click|jump\s+into))\b",
    re.I,
)
"""What only a product's maker says while showing it."""
_EVENT = re.compile(
    r"\b(?:welcome|joining|joined|thanks\s+for\s+joining)\s+(?:(?:back|everyone|everybody|all|folks|us)\s+)*"
    r"(?:to|for|in)\s+(?:today's\s+|this\s+|our\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:webinar|live\s+(?:demo|session|stream|event)|livestream|virtual\s+event)",
    re.I,
)
"""How a host opens a webinar: "Welcome everyone to today's webinar", "welcome to this live webinar"."""
_AUDIENCE = re.compile(r"\b(?:hi|hello|welcome|morning|afternoon|evening)\s*,?\s+(?:everyone|everybody|folks)\b", re.I)
_QUESTIONS_BOX = re.compile(
    r"\bq\s*&\s*a\s+(?:box|panel|tab|window)|\bquestions?\b[^.?!]{0,40}\bin\s+the\s+chat\b|\blive\s+q\s*&\s*a\b", re.I
)
"""Where an audience asks: "put questions in the Q&A box", "questions in the chat"."""
_FAQ = re.compile(
    r"\bFAQs?\b|frequently\s+asked\s+questions|common\s+questions|help\s+cent(?:er|re)|knowledge\s+base", re.I
)
_INTERVIEWED = re.compile(r"\b(?:interview\w*|call|follow[- ]?up|research|we\s+asked)\b", re.I)
"""A heading that calls its questions an interview's: "Common questions we asked", "FAQ-research-followup"."""
_QUOTED = re.compile(r"(?<!\w)'[^'\n]{3,200}'(?!\w)|\"[^\"\n]{3,200}\"|“[^”\n]{3,200}”")
_BRACKETED = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")
_LAID_OUT = re.compile(r"^[ \t]*(?:[-*•]|\d{1,2}[.)]|\||#{1,6})[ \t]", re.M)
"""A list item, a table row or a heading: how documents are laid out, not how speech is written down."""
_QUOTED_WORDS = 8
"""Words of a turn that quotes a person in a document, not a line of it ("Owner: Rachel Ng")."""


def not_an_interview(interview: Interview, sides: SpeakerRoles) -> str:
    """Why a file read as speaker turns is no interview, or "": the first of ``KINDS`` that it looks like. Sides
    named by metadata are taken as given, and a recording is a call."""
    if sides.how == "metadata" or interview.format == "audio":
        return ""
    return next((why for kind in KINDS if (why := kind(interview, sides))), "")


def _one_voice(interview: Interview, sides: SpeakerRoles) -> str:
    """One labelled passage laid out as a document ("Owner: Tom Becker · Target: 8 finance leaders" above a
    screener and a table), one voice showing its own product (a recorded demo), or one speaker's few lines in a
    document (the ``Owner:`` line atop a discussion guide)."""
    if len({turn.speaker for turn in interview.turns}) > 1:
        return ""
    speaker = interview.turns[0].speaker
    if len(interview.turns) == 1 and len(_LAID_OUT.findall(interview.turns[0].text)) >= 3:
        return f"one passage under one label ({speaker!r}) laid out in lists, tables or headings (a document?)"
    # "Hi everyone, I'm Priya, solutions engineer at Ledgerly ... I'll show you ... We built a model ...": one voice
    # showing its own product, with no one to answer it ("our customers", "our pricing" are any SaaS buyer's too).
    shown = len(_SHOWS_ITS_PRODUCT.findall("\n".join(turn.text for turn in interview.turns)))
    if shown >= 2:
        return f"one voice ({speaker!r}) showing a product as its maker {shown} times (a recorded demo?)"
    # "Owner: Rachel Ng  Last edited: 3 March" atop a guide or tracker: the label is a line of the document. A
    # label that speaks three times or more in sentences ("Dana: The heads forward me invoices ...") is a buyer
    # quoted in a researcher's notes under their questions.
    spoken = sum(len(turn.text) for turn in interview.turns)
    quoted = sum(1 for turn in interview.turns if len(turn.text.split()) >= _QUOTED_WORDS) >= 3
    if spoken * 2 < len(interview.text) and len(_LAID_OUT.findall(interview.text)) >= 3 and not quoted:
        return f"one label ({speaker!r}) in a document laid out in lists, tables or headings"
    return ""


def _debrief(interview: Interview, sides: SpeakerRoles) -> str:
    """The interviewers' debrief once the buyer has left: "Okay, she's dropped off. Let's do the debrief while it's
    fresh.", then personas, the guide, the synthesis."""
    opening = " ".join(turn.text for turn in interview.turns[:2])
    research = {m.lower() for m in _RESEARCH_WORDS.findall(interview.text)}
    named = "debrief" in opening.lower() or "debrief" in _file_name(interview).lower()  # "Debrief - Harlow.vtt"
    if _DEBRIEF.search(opening) and named and len(research) >= 2:
        return f"the interviewers' debrief after a call ({'; '.join(sorted(research)[:2])}), not the interview itself"
    return ""


def _podcast(interview: Interview, sides: SpeakerRoles) -> str:
    """A show on air from its first turn: "Welcome back to Close the Books, the podcast ...", "this episode is
    brought to you by ..." (a buyer quoting their own show's intro later in an interview is still interviewed)."""
    show = {m.lower() for m in _ON_AIR.findall(interview.text)}
    # "I always open with 'welcome back to Shop Floor Stories, the podcast'": quoted, it is not said on air here
    first = _QUOTED.sub(" ", interview.turns[0].text)
    if len(show) >= 2 and _GOES_ON_AIR.search(first):
        return f"a podcast or show ({'; '.join(sorted(show)[:2])})"
    return ""


def _webinar(interview: Interview, sides: SpeakerRoles) -> str:
    """A webinar or a vendor's live presentation: opened to an audience ("Welcome everyone to today's webinar", or
    "Hi everyone" and "put questions in the Q&A box"), and a third of it or more said by voices showing a product as
    its maker ("Let me show you ...", "We built ..."). A buyer who runs webinars, or shares her screen in a discovery
    call, is interviewed: nobody opens her interview to an audience."""
    opening = interview.turns[0].text
    if not (_EVENT.search(opening) or (_AUDIENCE.search(opening) and _QUESTIONS_BOX.search(opening))):
        return ""
    words = Counter({person: 0 for person in (*sides.interviewers, *sides.buyers)})
    said: dict[str, str] = {}
    for turn in interview.turns:
        if turn.speaker in words:
            words[turn.speaker] += len(turn.text.split())
            said[turn.speaker] = said.get(turn.speaker, "") + "\n" + turn.text
    makers = sorted(person for person, text in said.items()
                    if len(_SHOWS_ITS_PRODUCT.findall(text)) >= 2 and not SELF_INTRO.search(text))  # fmt: skip
    if makers and 3 * sum(words[m] for m in makers) >= sum(words.values()):
        shows = "shows" if len(makers) == 1 else "show"
        return f"opened to an audience, and {', '.join(makers)} {shows} a product as its maker (a webinar?)"
    return ""


def _faq(interview: Interview, sides: SpeakerRoles) -> str:
    """A vendor's FAQ or help page ("# Ledgerly FAQ", "Tallyroom - frequently asked questions" above its questions
    and answers): called so in its heading or file name, three questions or more, and nobody who answers says what
    they do (a buyer interviewed about her own product is)."""
    heading = _heading(interview)
    questions = [t.text for t in interview.turns if t.speaker in sides.interviewers and "?" in t.text]
    answers = [t.text for t in interview.turns if t.speaker in sides.buyers]
    interviewed = _INTERVIEWED.search(heading) or _timed(interview) or _say_what_they_do(answers)
    if _FAQ.search(heading) and len(questions) >= 3 and not interviewed:
        return f"{len(questions)} questions under a heading that calls them an FAQ or help page"
    return ""


def _guide(interview: Interview, sides: SpeakerRoles) -> str:
    """An interview guide: questions that nobody answers ("Q1: Can you tell me about your role?" … "Q7: …"), or
    answered by a placeholder ("Participant: [objections]", "(role, team size)"). A recorded call with time stamps
    is never one, however terse its answers."""
    asked = sum("?" in t.text for t in interview.turns if t.speaker in sides.interviewers)
    said = [_BRACKETED.sub(" ", t.text).split() for t in interview.turns if t.speaker in sides.buyers]
    answered, answers = sum(map(len, said)), sum(1 for words in said if words)
    # Terse notes answer each question ("Sage 50.", "12 days."); a guide leaves them unanswered or a word each.
    if asked >= 3 and (2 * answers < asked or answered <= asked) and not _timed(interview):
        return f"{asked} questions with {answered} words of answer in all (an interview guide?)"
    return ""


def _survey(interview: Interview, sides: SpeakerRoles) -> str:
    """A survey's free-text answers: "Q5. Why did you start looking?" above "Respondent 1: ..." and "Respondent 2:
    ...", hardly anyone asking (a focus group names its moderator, and its participants answer each other)."""
    asks = sum("?" in t.text for t in interview.turns) * 10 >= len(interview.turns)
    moderated = bool(interview.meta.interviewer) or re.search(r"\bfocus\s+group\b", interview.text, re.I)
    # A recorded group talks, however little is asked.
    unasked = not (asks or moderated or _timed(interview))
    if sides.how == "labels" and not sides.interviewers and len(sides.buyers) >= 2 and unasked:
        return f"answers of {len(sides.buyers)} respondents and hardly anyone asks anything (a survey export?)"
    return ""


def _team_talk(interview: Interview, sides: SpeakerRoles) -> str:
    """A team's synthesis notes or chat channel: three people or more, a few questions asked in passing by anyone.
    An interview is led by questions, and a sales call by the buyer's."""
    people = set(sides.interviewers) | set(sides.buyers)
    if sides.how != "inferred" or len(people) < 3 or len(interview.turns) < 8:
        return ""
    prompts = sum(bool(_ASKS.search(t.text)) for t in interview.turns if t.speaker in sides.interviewers)
    asking = sum("?" in t.text for t in interview.turns)
    if prompts > 2 or asking * 10 >= 3 * len(interview.turns):
        return ""
    # A group interview's buyers say what they do ("I'm the ward manager on cardiology"); colleagues in a channel don't.
    if not _say_what_they_do([t.text for t in interview.turns if t.speaker in sides.buyers]):
        times = "once" if prompts == 1 else f"{prompts} times"
        return (f"{len(people)} people talk, {asking} of {len(interview.turns)} turns ask anything, and the side "
                f"that asks most asks {times} (team notes or a chat?)")  # fmt: skip
    return ""


def _meeting_notes(interview: Interview, sides: SpeakerRoles) -> str:
    """Notes in which nobody asks anything ("Tom: We have recruited six of the eight interviews.")."""
    punctuated = any("." in t.text for t in interview.turns)
    if sides.how == "inferred" and punctuated and not any(_ASKS.search(t.text) for t in interview.turns):
        return "nobody asks a question in it (meeting notes?)"
    return ""


_TEAM_MEETING = re.compile(
    r"\b(?:(?:daily\s+)?stand-?\s?up|daily\s+scrum|sprint\s+(?:planning|review)|retro(?:spective)?|backlog\s+grooming"
    r"|(?:pipeline|forecast|deal)\s+(?:review|call)|(?:team|weekly)\s+sync|all[-\s]hands|team\s+huddle)\b",
    re.I,
)
"""A team's own meeting: "Let's start sprint planning", "Okay, pipeline review", "AP team daily standup.vtt"."""
_GOES_ROUND = re.compile(r"\blet'?s\s+go\s+(?:a)?round\b|\bgo\s+(?:a)?round\s+the\s+(?:room|table)\b", re.I)
_BLOCKERS = re.compile(r"\b(?:no|any)\s+blockers\b|\bblocked\s+on\b", re.I)


def _team_meeting(interview: Interview, sides: SpeakerRoles) -> str:
    """A team's internal meeting (a standup, sprint planning, a pipeline review): named so in its opening turns or
    its file name, and one voice going round the others by name ("Tom, what did you get done yesterday?", "Priya,
    Northwind?"), two of them at least, nobody saying what they do. Colleagues reporting to their lead are no buyers
    however they talk of their work (a sales team's pipeline review would put its reps' words in a buyer's mouth)."""
    opening = " ".join(turn.text for turn in interview.turns[:2])
    named = _TEAM_MEETING.search(opening) or _TEAM_MEETING.search(_file_name(interview).replace("-", " "))
    # unnamed, a round of updates said so: "Let's go round quickly ... Kai, you first." and "No blockers." (tester 11)
    rounds = _GOES_ROUND.search(opening)
    named = named or (rounds if rounds and _BLOCKERS.search(interview.text) else None)
    people = {turn.speaker for turn in interview.turns}
    if not named or len(people) < 3 or _say_what_they_do([turn.text for turn in interview.turns]):
        return ""

    for lead in sorted(people):
        said = " ".join(turn.text for turn in interview.turns if turn.speaker == lead)
        called = {other for other in people - {lead}
                  if re.search(rf"\b{re.escape(given_name(other))}\s*[,?]", said)}  # fmt: skip
        if len(called) >= 2:
            return (
                f"a team's own meeting ({named[0].lower()}): {lead} goes round {len(called)} colleagues by name "
                "(not a buyer interview)"
            )
    return ""


_QUESTIONNAIRE = re.compile(
    r"\b(?:(?:security|vendor|supplier|due\s+diligence|risk|compliance)\s+(?:questionnaire|assessment|review)"
    r"|questionnaire\s+(?:responses?|answers?)|rf[ipq]\s+(?:responses?|answers?)|request\s+for\s+(?:proposal|information)"
    r"|due\s+diligence\s+(?:questions|responses?))\b",
    re.I,
)
"""A document of written answers a vendor gives a customer: "Security Questionnaire Responses", "RFP response"."""


def _questionnaire(interview: Interview, sides: SpeakerRoles) -> str:
    """A vendor's written answers to a customer's questionnaire (a security review, an RFP): called so in its heading
    or file name, three questions or more, and no answer in the first person singular (the vendor answers as "we");
    a buyer interviewed about the questionnaires they send is still interviewed."""
    heading = _heading(interview)
    questions = [t.text for t in interview.turns if t.speaker in sides.interviewers and _ASKS.search(t.text)]
    answers = [t.text for t in interview.turns if t.speaker in sides.buyers]
    if not _QUESTIONNAIRE.search(heading) or len(questions) < 3 or _INTERVIEWED.search(heading) or _timed(interview):
        return ""
    if any(FIRST_PERSON.search(text) for text in answers):
        return ""
    return f"{len(questions)} questions answered as a vendor's written responses under a heading that calls them so"


_BYLINE = re.compile(r"\A---[ \t]*\n(?:(?!---).*\n){0,30}?(?:author|authors|byline)[ \t]*:", re.I)
"""A published article's front matter naming its author (Hugo, Jekyll, a CMS export)."""
_CALL_TO_ACTION = re.compile(
    r"\[(?:book|request|get|start|schedule|try|see)\s+(?:a\s+|your\s+|our\s+|it\s+)?(?:free\s+)?"
    r"(?:demo|trial|call|consultation|started|free|now)\b[^\]]*\]\(|\bsubscribe\s+(?:to\s+our|for\s+more)\b",
    re.I,
)
"""An article's call to action: "[Book a demo](https://...)", "Subscribe to our newsletter"."""
_ATTRIBUTED = re.compile(r"[\"”][ \t]*[-–—][ \t]*(?:\w+[ \t]+){0,4}\w+,[ \t]*\w", re.M)
"""A pull quote credited to a job and a company: '..." - AP manager, UK logistics firm'."""


def _article(interview: Interview, sides: SpeakerRoles) -> str:
    """A published article or blog post that answers its own question headings ("## Why do invoices sit with
    approvers?" / "Because approvers aren't at a desk."): two of a byline in front matter, a call to action ("[Book a
    demo](...)") and a pull quote credited to a job, and no answer in the first person singular (an interviewee
    speaks for themself)."""
    signs = [bool(_BYLINE.search(interview.text)), bool(_CALL_TO_ACTION.search(interview.text)),
             bool(_ATTRIBUTED.search(interview.text))]  # fmt: skip
    answers = [t.text for t in interview.turns if t.speaker in sides.buyers]
    if sum(signs) >= 2 and not any(FIRST_PERSON.search(text) for text in answers):
        return "questions answered in the first person plural under a byline or a call to action (an article?)"
    return ""


def _file_name(interview: Interview) -> str:
    """The file's own name: the folders above it ("customer interviews/") say nothing of what it is."""
    return PurePosixPath(interview.source).name


def _heading(interview: Interview) -> str:
    """What a file says of itself: the text before its first turn, and its name."""
    return interview.text[: interview.turns[0].start_char] + "\n" + _file_name(interview)


def _timed(interview: Interview) -> bool:
    """Whether the turns carry times: a recorded call, whatever else it looks like."""
    return any(turn.start is not None for turn in interview.turns)


def _say_what_they_do(texts: list[str]) -> bool:
    """Whether the words ``texts`` introduce someone by their job ("I'm the ward manager on cardiology")."""
    return any(SELF_INTRO.search(text) for text in texts) or bool(stated_title(texts))


# What only another kind of call says, to the person on the call (tester 11): a help desk taking a ticket, a hiring
# manager interviewing a candidate, a board voting, a teacher setting homework, a vendor training its customer. Each
# phrase is said to or by the people there, not about them: a buyer of recruiting software speaks of "candidates",
# not of "your notice period".
_RITUALS: tuple[tuple[str, re.Pattern[str], int], ...] = tuple(
    (kind, re.compile(pattern, re.I), least)
    for kind, pattern, least in (
        ("a support call", r"\bthanks?\s+(?:you\s+)?for\s+(?:calling|contacting)\s+[\w' ]{0,30}?(?:support|help\s*desk"
         r"|customer\s+(?:care|service))\b|\b(?:close|open|raise|log|escalate)\s+(?:the\s+|a\s+|this\s+|your\s+)?"
         r"(?:ticket|case)\b|\b(?:ticket|case)\s+(?:number|#)|\bcan\s+i\s+get\s+your\s+account\s+(?:email|number)\b"
         r"|\banything\s+else\s+i\s+can\s+help\s+(?:you\s+)?with\b", 3),
        ("a job interview", r"\bthanks?\s+(?:you\s+)?for\s+applying\b|\byour\s+salary\s+expectations\b|\bsalary"
         r"\s+expectations\s+for\s+this\s+role\b|\bwhy\s+(?:are\s+you\s+looking\s+to\s+leave|do\s+you\s+want\s+to"
         r"\s+(?:join|work\s+(?:here|for\s+us)))\b|\byour\s+notice\s+period\b|\b(?:first|second|next|final)[- ]round"
         r"\s+interview\b|\b(?:the|this)\s+(?:role|position)\s+you\s+applied\s+for\b", 2),
        ("a board or committee meeting", r"\bcall\s+(?:the\s+)?meeting\s+to\s+order\b|\bso\s+moved\b|^\s*second(?:ed)?"
         r"\W*$|\ball\s+(?:those\s+)?in\s+favou?r\b|\bmotion\s+(?:carries|passes|carried)\b|\bapprov\w+\s+of\s+the"
         r"\s+minutes\b|\bgo\s+into\s+executive\s+session\b|\bany\s+(?:one\s+)?opposed\b", 3),
        ("a class or lecture", r"\bfor\s+homework\b|\bproblem\s+set\s+\w+\s+is\s+due\b|\bon\s+the\s+(?:midterm|final"
         r"(?:\s+exam)?)\b|\bsee\s+you\s+all\s+(?:on\s+)?(?:next|monday|tuesday|wednesday|thursday|friday)\b"
         r"|\bpost\s+the\s+slides\b|\bokay\s+(?:everyone|class),?\s+let'?s\s+get\s+started\b", 3),
        ("a training or onboarding session", r"\b(?:in\s+)?session\s+(?:two|three|four|five|[2-9])\b"
         r"|\b(?:click|go\s+to)\s+(?-i:[A-Z])\w+,?\s+then\s+(?-i:[A-Z])\w+|\bthe\s+help\s+article\b|\bfor\s+homework,?\s+(?:please\s+)?"
         r"(?:invite|upload|set\s+up|try)\b|\b(?:onboarding|training)\s+session\b", 3),
    )
)  # fmt: skip


def _other_call(interview: Interview, sides: SpeakerRoles) -> str:
    """A call of another kind, told by what only it says (``_RITUALS``): a support call, a job interview, a board
    meeting, a class, a vendor's training session."""
    for kind, ritual, least in _RITUALS:
        said = {match[0].lower() for turn in interview.turns for match in ritual.finditer(turn.text)}
        if len(said) >= least:
            return f"{kind} ({'; '.join(sorted(said)[:2])})"
    return ""


KINDS: tuple[Callable[[Interview, SpeakerRoles], str], ...] = (
    _one_voice, _debrief, _podcast, _webinar, _faq, _questionnaire, _guide, _survey, _team_meeting, _team_talk,
    _meeting_notes, _article, _other_call,
)  # fmt: skip
"""What a file that is no interview may look like, in the order they are tried: each says why, or ""."""
