"""Who is on which side of an interview: the interviewing side (researchers, the vendor's colleagues) and the
buyers, from every signal the transcript and its metadata give, with a confidence.

Signals, strongest first:
1. metadata: ``interviewee`` and ``interviewer`` name speakers (a comma-separated list names several);
2. role labels: ``Interviewer``, ``Moderator``, ``Q``, ``Assistant``/``AI`` (one interviewer may appear under two
   labels) against ``Interviewee``, ``Respondent``, ``Participant``, ``User``, ``Adopter``, ``A``;
3. the transcript itself: the interviewer asks the questions; a colleague of the interviewer is introduced as one
   ("Mei from our product team") or talks about the product as its maker ("we built", "our customers");
   a buyer introduces themselves with a job at a company ("I'm the AP manager at Norrland Paper") and is
   addressed by name in the questions.

Placeholders a tool writes for an unnamed voice ("Speaker 2", "SPEAKER_01", "Unknown Speaker") may be a buyer but
are never shown as a name; a speaker the tool marks as uncertain ("Speaker ?", "UNKNOWN") is nobody: their
turns are never quoted. When the sides cannot be told apart with confidence (one speaker only, or nobody asks
more questions than the others), ``SpeakerRoles.confidence`` says so and the buyer's statements are flagged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import pairwise

from voiceofbuyer.ingest.askers import SITUATION_QUESTION, asks_most_questions, question_count
from voiceofbuyer.ingest.bystanders import BUYER_LABEL, INTERVIEWER_LABEL, neither_side, runs_the_call
from voiceofbuyer.ingest.speaker_names import (
    label_aliases,
    listed_names,
    same_person,
)
from voiceofbuyer.ingest.vendor_side import (
    ABOUT_THE_PRODUCT,
    BUYER_TALK,
    SELF_INTRO,
    SELLER_TALK,
    introduced_as_colleague,
    maker_company,
    maker_remarks,
    said_by_speaker,
    same_tenant,
    talks_like_a_maker,
    vendor_side,
)
from voiceofbuyer.introductions import stated_title
from voiceofbuyer.job_questions import ASKS_OWN_JOB
from voiceofbuyer.off_record import after_the_call
from voiceofbuyer.records import Interview, SpeakerRoles

"""A speaker: a name in a transcript, or a speaker number in a recording."""

CONFIDENT = 0.6
QUESTIONS_ONLY = "questions"
"""``SpeakerRoles.how`` of a transcript that names no speaker: its questions were taken as the interviewer's."""
"""Below this confidence the sides are reported as uncertain and the buyer's statements flagged for review."""
INTRODUCED = 0.8
"""The least confidence of sides where the interviewing side asked a buyer for their job and was told it."""

# Questions about the product ("How is that priced?", "Do you integrate with NetSuite?", "What's the contract
# length?"; not "When a cardholder buys off contract, ...?") are a buyer's;
# questions about the buyer's situation ("What made you start looking?") an interviewer's.
_PRODUCT_QUESTION = re.compile(
    r"\b(?:your\s+(?:tool|product|platform|software|system|solution|app|pricing|api|roadmap)|do\s+you\s+(?:integrate"
    r"|support|offer|have|charge|connect|handle)|does\s+(?:it|that|your)|can\s+(?:it|i|we)|how\s+(?:is|much)\s+"
    r"(?:that|it|does)|pric\w+|cost|(?<!off\s)(?<!off-)contracts?|trial|demo)\b[^?]*\?",
    re.I,
)


def identify_sides(interview: Interview) -> SpeakerRoles:
    """Split the speakers into the interviewing side and the buyers; see the module docstring. The confidence is
    never above the transcript's own (``Interview.speaker_confidence``): labels a transcriber was unsure of (voices
    it could not tell apart) are no surer for being labels."""
    # A debrief after the buyer left ("Okay, she's gone."): its voices are the research team's, heard or not before
    ended = after_the_call(interview.turns)
    sides = _sides(replace(interview, turns=interview.turns[:ended]))
    known = {*sides.interviewers, *sides.buyers, *sides.uncertain}
    late = dict.fromkeys(t.speaker for t in interview.turns[ended:] if t.speaker not in known)
    sides = replace(sides, interviewers=(*sides.interviewers, *late)) if late else sides
    if interview.unlabelled:  # no label in the file: the reader split it by its questions
        sides = replace(sides, how=QUESTIONS_ONLY)
    declared = interview.speaker_confidence
    return sides if declared is None or declared >= sides.confidence else replace(sides, confidence=declared)


def _sides(interview: Interview) -> SpeakerRoles:
    aliases = label_aliases(interview.turns)
    if aliases:  # "Jon" is "Jon Ellis": the sides are read with one label per person, then both labels placed
        turns = [replace(turn, speaker=aliases.get(turn.speaker, turn.speaker)) for turn in interview.turns]
        sides = _sides(replace(interview, turns=turns))
        return replace(sides, **{side: _with_aliases(getattr(sides, side), aliases)
                                 for side in ("interviewers", "buyers", "uncertain")})  # fmt: skip
    speakers = list(dict.fromkeys(turn.speaker for turn in interview.turns))
    hosts = [s for s in speakers if runs_the_call(s, interview)]
    if len(hosts) == len(speakers):
        hosts = []  # somebody must be the buyer
    uncertain = tuple(s for s in speakers if s not in hosts and neither_side(s, interview))
    people = [s for s in speakers if s not in uncertain and s not in hosts]
    sides = _people_sides(interview, people, uncertain)
    return replace(sides, interviewers=(*sides.interviewers, *hosts)) if hosts else sides


def _people_sides(interview: Interview, people: list[str], uncertain: tuple[str, ...]) -> SpeakerRoles:
    """The sides of ``people`` (the speakers neither uncertain nor only running the call)."""
    said = [(turn.speaker, turn.text) for turn in interview.turns if turn.speaker in people]
    named = _named_sides(people, interview)
    if named is not None:
        interviewers, buyers, how = named
        return SpeakerRoles(tuple(interviewers), tuple(buyers), how, 1.0, uncertain)
    if len(people) < 2:
        return SpeakerRoles((), tuple(people), "single speaker", 0.0, uncertain)
    vendor = maker_company(people, said)
    if vendor:  # the labels name two companies, one of them the product's maker
        interviewers = [s for s in people if s in vendor]
        confidence = max(_confidence(said, interviewers), INTRODUCED)
        return SpeakerRoles(tuple(interviewers), tuple(s for s in people if s not in vendor), "inferred", confidence,
                            uncertain)  # fmt: skip
    interviewer, pitched = _lead_interviewer(people, said)
    if not pitched:
        interviewer = _host_across_from_brought(interviewer, people, said)
    # Teams marks everyone from outside the organiser's company: who is marked as the interviewer is shares a side
    colleagues = same_tenant(interview.text, people, interviewer)
    if colleagues is not None:
        # whom the interviewer brings is theirs, whatever Teams marks ("I've got Lena Vogt with me from Brightpath,
        # our implementation partner": "Lena Vogt (External)" beside the buyers was a buyer: tester 42)
        led = " ".join(text for speaker, text in said if speaker == interviewer)
        brought = {s for s in people if s != interviewer and introduced_as_colleague(s).search(led)}
        colleagues |= brought if len(colleagues | brought) < len(people) - 1 else set()
    if colleagues is None:
        colleagues = vendor_side(people, interviewer, said)
        colleagues |= _second_askers([s for s in people if s != interviewer and s not in colleagues], said)
        colleagues |= _introduced_by_the_side(people, {interviewer, *colleagues}, said)
    interviewers = [s for s in people if s == interviewer or s in colleagues]
    buyers = [s for s in people if s not in interviewers]
    confidence = _confidence(said, interviewers)
    # "Could you tell me about your role?" / "I'm the revenue operations lead at Quillstack.": however many
    # questions the buyer asks back about the product, and however much the other side pitches, who is who is clear.
    introduced = any(_asked_for_their_job(said).get(buyer) in interviewers for buyer in buyers)
    if pitched and not introduced:  # a demo call: the vendor talks and the buyer asks; the signals disagree
        confidence = min(round(0.5 + 0.5 * confidence, 2), 0.75)
    elif introduced:
        confidence = max(confidence, INTRODUCED)
    return SpeakerRoles(tuple(interviewers), tuple(buyers), "inferred", confidence, uncertain)


def _with_aliases(side: tuple[str, ...], aliases: dict[str, str]) -> tuple[str, ...]:
    return tuple(label for speaker in side for label in (speaker, *(s for s, to in aliases.items() if to == speaker)))


def _named_sides(people: list[str], interview: Interview) -> tuple[list[str], list[str], str] | None:
    """Sides from metadata names, else from role labels; None when neither names anyone."""
    meta = interview.meta
    for how, buyer_names, interviewer_names in (
        ("metadata", listed_names(meta.interviewee), listed_names(meta.interviewer)),
        ("labels", [s for s in people if BUYER_LABEL.fullmatch(s)],
         [s for s in people if INTERVIEWER_LABEL.fullmatch(s)]),
    ):  # fmt: skip
        # "JM" for both Jordan Mills and Jana Moravec: initials that name both sides name neither
        either = {s for s in people if any(same_person(s, n) for n in buyer_names)
                  and any(same_person(s, n) for n in interviewer_names)}  # fmt: skip
        buyers = [s for s in people if s not in either and any(same_person(s, n) for n in buyer_names)]
        interviewers = [s for s in people if s not in either and s not in buyers
                        and any(same_person(s, n) for n in interviewer_names)]  # fmt: skip
        if buyers and (interviewers or len(people) == len(buyers)):
            return [s for s in people if s not in buyers], buyers, how
        if interviewers:
            rest = [s for s in people if s not in interviewers]
            # what the named interviewer says too: "I brought Hannah along, she's one of our solutions engineers"
            # (a header's "Host: Jordan Lee" named him alone, and Hannah was a buyer: tester 38)
            lead = interviewers[0]
            said = [(t.speaker, t.text) for t in interview.turns if t.speaker in rest or t.speaker == lead]
            colleagues = vendor_side([lead, *rest], lead, said) - {lead} if len(rest) > 1 else set()
            return interviewers + [s for s in rest if s in colleagues], [s for s in rest if s not in colleagues], how
        if buyers:
            return [s for s in people if s not in buyers], buyers, how
    return None


def _lead_interviewer(people: list[str], said: list[tuple[str, str]]) -> tuple[str, bool]:
    """The interviewing side's lead: who asks most questions, unless that speaker introduces themselves as a buyer
    while another talks about the product as its maker (a demo call); then that other speaker, and True."""
    asker = asks_most_questions(said)
    text_of = said_by_speaker(said)
    talk = {s: maker_remarks(text_of.get(s, "")) for s in people}
    asked = text_of.get(asker, "")
    questions = [(question, _about_the_product(question)) for question in _QUESTION.findall(asked)]
    situation = sum(not product and bool(SITUATION_QUESTION.search(q)) for q, product in questions)
    product_questions = sum(product for _, product in questions) - situation
    buyer_like = SELF_INTRO.search(asked) or product_questions > 0
    # One remark of a maker is enough beside someone who asks about nothing but the product.
    enough = 1 if product_questions >= 2 else 2
    makers = [s for s in people if s != asker and talk[s] >= enough and talks_like_a_maker(talk[s], text_of.get(s, ""))
              and not SELF_INTRO.search(text_of.get(s, ""))]  # fmt: skip
    if makers and talk[asker] == 0 and buyer_like:
        return max(makers, key=lambda s: (talk[s], s)), True
    # "Our current AP tool fails silently. ... Do you have a sandbox I can break?" / "I'll get you a sandbox this
    # week. Anything that would stop you from recommending us?": a buyer questioning the seller (tester 38)
    if len(people) == 2:
        other = next(s for s in people if s != asker)
        theirs = text_of.get(other, "")
        if (
            BUYER_TALK.search(asked)
            and SELLER_TALK.search(theirs)
            and not (BUYER_TALK.search(theirs) or SELLER_TALK.search(asked))
        ):
            return other, True
    # "Could you start with your role?" / "I'm the IT manager at Fjord Marine. Does it work offline?": whoever was
    # asked for their job and gave it is the buyer when the questions they ask back are about the product ("What's
    # the pricing model?"); a researcher who told the buyer her own job goes on asking about the buyer's work.
    asked_by = _asked_for_their_job(said)
    # ... or when the one who asked for their job pitches the product ("what we do at Shipwise", "our customers").
    seller = asked_by.get(asker, "")
    pitches = talk.get(seller, 0) >= 2 and talks_like_a_maker(talk[seller], text_of.get(seller, ""))
    if asker in asked_by and asker not in asked_by.values() and (product_questions >= 2 or pitches):
        return asked_by[asker], True
    # "I'm the HR director at Kindra Nurseries, and we're comparing three rostering tools this month." / "Does it
    # know qualifications?": a buyer who came with questions about the product, across from the one who answers
    # them and says no job of their own (a researcher or analyst "evaluating platforms" asks someone who does).
    # So is one who gives their job and asks about the product across from one who asks about their work ("So I
    # head up customer success at Parcelly. ... And does it plug into HubSpot?" / "How do you spot at-risk accounts
    # today?", tester 23), or about their decision ("How would you measure success?", "And who would sign off?":
    # a seller's discovery, tester 45).
    other = next((s for s in people if s != asker), asker)
    about_their_work = sum(
        not _about_the_product(q) and bool(SITUATION_QUESTION.search(q) or _DISCOVERY_QUESTION.search(q))
        for q in _QUESTION.findall(text_of.get(other, ""))
    )
    shopping = (
        SELF_INTRO.search(asked) and (_SHOPPING.search(asked) or about_their_work >= 2) and product_questions >= 2
    )
    asks_their_job = any(ASKS_OWN_JOB.search(question) for question, _ in questions)  # "your role?": a researcher
    if len(people) == 2 and shopping and not asks_their_job:
        answers_as_themselves = SELF_INTRO.search(text_of.get(other, "")) or stated_title(
            [text for speaker, text in said if speaker == other]
        )
        if not answers_as_themselves:
            return other, True
    return asker, False


def _introduced_by_the_side(people: list[str], side: set[str], said: list[tuple[str, str]]) -> set[str]:
    """Speakers not on the interviewing ``side`` whom one of it introduces as a colleague: "Ben's here with me, and
    Kai is taking notes" said by the interviewer who asks fewer questions than the other (tester 22; ``vendor_side``
    reads only the lead's words, and took the introducer for someone who brought Kai). Never all of them."""
    others = [s for s in people if s not in side]
    side_said = [text for who, text in said if who in side]
    found = set()
    for speaker in others:
        introduction = introduced_as_colleague(speaker)
        if any(introduction.search(text) for text in side_said):
            found.add(speaker)
    return found if len(found) < len(others) else set()


def _second_askers(others: list[str], said: list[tuple[str, str]]) -> set[str]:
    """Of ``others`` (the speakers besides the lead interviewer and their known colleagues), those who interview
    too: two who take turns asking ("Thanks for joining. I'm here with my colleague from product. Could you tell us
    what you do?") and one who answers. One who asked another of them for their job and was told it, without giving
    their own; or one who asks about the other's situation, never about the product, in most of their turns, says
    no job of their own, and is answered at three times their length."""
    if len(others) < 2:
        return set()
    asked_by = _asked_for_their_job(said)
    text_of = said_by_speaker(said)
    turns = Counter(speaker for speaker, _ in said)
    asking = Counter(speaker for speaker, text in said if question_count(text))
    words = {s: len(text_of.get(s, "").split()) for s in others}
    found = set()
    for speaker in others:
        own = text_of.get(speaker, "")
        if speaker in asked_by or SELF_INTRO.search(own) or stated_title([t for s, t in said if s == speaker]):
            continue
        about_them = question_count(own) >= 2 and not any(_about_the_product(q) for q in _QUESTION.findall(own))
        answered = any(words[o] >= 3 * words[speaker] and asking[o] < asking[speaker] for o in others if o != speaker)
        if speaker in asked_by.values() or (about_them and 2 * asking[speaker] >= turns[speaker] and answered):
            found.add(speaker)
    return found if len(found) < len(others) else set()


_SHOPPING = re.compile(
    r"\bwe(?:'re|\s+are)\s+(?:\w+\s+)?(?:comparing|evaluating|assessing|shortlisting|trialling|trialing|looking\s+at"
    r"|talking\s+to)\s+(?:[\w-]+\s+){0,3}(?:tools|vendors|options|products|platforms|systems|solutions|providers"
    r"|suppliers)\b",
    re.I,
)
"""A buyer saying they are choosing among products ("we're comparing three rostering tools")."""
_DISCOVERY_QUESTION = re.compile(
    r"\b(?:how\s+would\s+you\s+(?:measure|define|judge|know)|what\s+does\s+success\s+look|who\s+(?:else\s+)?"
    r"(?:would|will|needs?\s+to|has\s+to|gets\s+to)\s+(?:sign|approve|decide|be\s+involved|make\s+the\s+call)"
    r"|who\s+else\s+is\s+involved|what(?:'s|\s+is)\s+your\s+(?:budget|timeline|time\s*frame|decision|buying)"
    r"|when\s+(?:do|would)\s+you\s+need)\b[^?]*\?",
    re.I,
)
"""A seller's discovery question about the buyer's own decision ("How would you measure success?", "And who would
sign off?"): asked of the buyer, never by them (tester 45)."""


_JOB_QUESTION_TURNS = 8
"""How early in the call someone is asked for their job: introductions open an interview."""


def _asked_for_their_job(said: list[tuple[str, str]]) -> dict[str, str]:
    """Who, among the first turns, was asked for their job in a question ("Could you start with your role?",
    "Tell me about yourself.") and answered with one ("I'm the IT manager at Fjord Marine."), each with who asked."""
    asked_by: dict[str, str] = {}
    for (asker, question), (speaker, answer) in pairwise(said[:_JOB_QUESTION_TURNS]):
        if asker == speaker or speaker in asked_by or not ASKS_OWN_JOB.search(question):
            continue
        asks = question_count(question) or re.search(r"\b(?:tell|introduce)\b", question, re.I)
        # "What's your role?" / "AP manager.": a title given alone is an answer to it
        if asks and (SELF_INTRO.search(answer) or stated_title([answer], [question])):
            asked_by[speaker] = asker
    return asked_by


_QUESTION = re.compile(r"[^.?!\n]*\?")


def _host_across_from_brought(asker: str, people: list[str], said: list[tuple[str, str]]) -> str:
    """The interviewer when who asks most was brought by the buyer ("this is Tom from our finance systems team, he'll
    have the technical questions"): who asks most among the others. A bringer who talks more than everyone else
    is the buyer answering; a host who brings a colleague to ask talks less than the buyer."""
    text_of = said_by_speaker(said)
    words = Counter({speaker: len(text.split()) for speaker, text in text_of.items()})
    introduction = introduced_as_colleague(asker)
    for bringer in people:
        others = [s for s in people if s not in (asker, bringer)]
        if bringer == asker or not others or not introduction.search(text_of.get(bringer, "")):
            continue
        rest = [(speaker, text) for speaker, text in said if speaker in others]
        host = asks_most_questions(rest) if rest else asker
        if words[bringer] > max(words[s] for s in others) and "?" in text_of.get(host, ""):
            return host
    return asker


def _about_the_product(question: str) -> bool:
    """ "How do you price it?", "Do you integrate with Xero?": a question about the product, even in the words of a
    question about the buyer's situation ("how do you ...")."""
    return bool(_PRODUCT_QUESTION.search(question)) and (
        not SITUATION_QUESTION.search(question) or bool(ABOUT_THE_PRODUCT.search(question))
    )


def _confidence(said: list[tuple[str, str]], interviewers: list[str]) -> float:
    """How clearly the interviewing side asks and the buyers answer: half the share of questions the interviewing
    side asks, half the share of words the buyers say (0.5 each when nothing tells them apart)."""
    questions = Counter()
    words = Counter()
    for speaker, text in said:
        side = "interviewer" if speaker in interviewers else "buyer"
        questions[side] += question_count(text)
        words[side] += len(text.split())
    asked = questions["interviewer"] / max(1, questions["interviewer"] + questions["buyer"])
    if not questions["interviewer"] and not questions["buyer"]:
        asked = 0.5
    answered = words["buyer"] / max(1, words["interviewer"] + words["buyer"])
    return round(0.5 * asked + 0.5 * answered, 2)
