"""What an interviewer says, read where nothing names the speakers (``unlabelled``, ``cues``, ``written_notes``):
questions, prompts said as imperatives, acknowledgements and reactions on the way to the next question, thanks and
a close, what the research is for, and the answer's own words said back.

An interviewer says back a few of the answer's words on the way to the next question, as listeners do: "Eleven
hundred.", "Wow, every morning by phone.", "Forty percent." (after "40% of our inbound calls"), "Your whole Monday
morning, gone." (after "I spend basically every Monday morning rebuilding it"). Such a remark opens the segment of
the interviewer's question, or has a segment of its own just before it, and without ``says_back`` it is quoted as the
buyer's. Figures are compared as numbers, because a recogniser writes the buyer's "1,100" in digits and the
interviewer's "eleven hundred" in words, or the other way round (``text_to_num.alpha2digit``, the text2num
package).
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

QUESTION_MARK = re.compile(r"\?[\"'”’)\]]*$")
"""A sentence's end that asks: "?" after any closing quotes or brackets."""
# A prompt said as an imperative: "Walk me through what happened.", "Tell me more about the credit card purchases.",
# "I'd love to hear how you handle parts.", "I'd like to move on to how you'd choose a tool."
_PROMPT = re.compile(
    r"(?:(?:ok(?:ay)?|great|thanks|got\s+it|right|and|so)[,.!]?\s+)?(?:(?:walk|talk|take)\s+me\s+through"
    r"|tell\s+(?:me|us)\s+(?:more|about|a\s+(?:bit|little))|i['’]?d\s+love\s+to\s+(?:hear|know|understand)"
    r"|please\s+(?:describe|explain|list)"
    r"|i['’]m\s+curious\s+(?:about|how|what|whether|why)"
    r"|(?:i['’]?d\s+like\s+to|let['’]?s|can\s+we)\s+(?:move\s+on|talk\s+about|turn\s+to|switch\s+to|go\s+back\s+to)"
    r"|moving\s+on|(?:can\s+you\s+)?say\s+(?:a\s+bit\s+)?more|go\s+on|(?:can\s+you\s+)?(?:elaborate|expand)\s+on)\b",
    re.I,
)
COURTESY_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Herr|Frau|Señora?|Sra?|Madame|Monsieur|Mme|Signora?)\.?"
"""How one calls someone by their surname: "Mr. Tanaka", "Frau Weber" (case-sensitive)."""
HONORIFIC = r"[- ](?:san|sama|sensei)\b"
"""An honorific after a surname: "Tanaka-san"."""
# What an interviewer says on the way to the next question: "Right, that makes sense.", "Okay, great.", "Thank you.",
# "I can imagine.", "That's a big number.", "That's a big jump." (tester 46), "Oof, that's a lot of callouts.", "That's
# huge.", "Huh, I wouldn't have guessed that." (tester 47), "That must have been tense.", "Thanks, Gareth.", "That's a
# long time.", "No wonder.", "We hear that a lot, actually." (tester 48)
ACKNOWLEDGEMENT = re.compile(
    r"(?:(?:ok(?:ay)?|right|great|perfect|sure|cool|wow|oh|ah|oof|ouch|gosh|huh|yikes|whoa|interesting|got\s+it|i\s+see"
    r"|mm-?hmm|thanks|thank\s+you|i\s+(?:wouldn['’]t|would\s+not)\s+have\s+guessed(?:\s+that)?"
    r"|that['’]?s\s+(?:really\s+|so\s+|pretty\s+)?(?:huge|rough|painful|tough|brutal|a\s+lot)(?:\s+of\s+\w+)?"
    r"|that['’]?s\s+(?:a\s+)?(?:really\s+|very\s+|pretty\s+)?long\s+(?:time|wait|while)|no\s+wonder"
    r"|(?:we|i)\s+hear\s+that\s+(?:a\s+lot|often|all\s+the\s+time)(?:,?\s+actually)?|you['’]re\s+not\s+the\s+first"
    r"|fair\s+enough|understood|absolutely|of\s+course|amazing|fantastic|excellent|brilliant|i\s+can\s+imagine"
    r"|(?:that\s+)?makes\s+(?:a\s+lot\s+of\s+)?sense|that['’]?s\s+a\s+(?:big|huge|large|massive)(?:\s+(?:number|jump"
    r"|increase|rise|drop|change|difference|shift|amount|chunk)|\s+of\s+\w+)?"
    r"|that\s*(?:['’]s|is)\s+(?:really\s+|super\s+|so\s+|very\s+)?(?:helpful|useful|clear|interesting|great|fair"
    r"|brilliant|perfect|amazing|fantastic|excellent|lovely|wonderful|good\s+to\s+know)"
    r"|(?:that['’]?s\s+a\s+)?(?:really\s+|very\s+)?(?:good|great|fair|valid)\s+point"
    r"|that\s+(?:must\s+(?:have\s+been|be)|sounds)\s+(?:really\s+|so\s+|very\s+)?\w+)"
    # "thank you so much, Mireille", "thanks Gideon" (tester 50), "Thanks so much, Mr. Adeyemi.", "Thank you so much,
    # Tanaka-san." (tester 52)
    rf"(?:\s+(?:so|very)\s+much)?(?:,?\s+(?-i:(?:{COURTESY_TITLE}\s+)?[A-Z][a-z]+(?:{HONORIFIC})?))?[,.!]?\s*)+",
    re.I,
)
# The interviewer's thanks and close: "Great, thank you so much for your time.", "Thanks for making time for this.",
# "That's everything from me.", "Thanks so much, this was really helpful.", "I think that's all my questions."
_THANKS_OR_CLOSE = re.compile(
    r".*(?:\bthanks?(?:\s+you)?(?:\s+(?:so|very)\s+much|\s+again)?\s+for\s+(?:your\s+time|doing\s+this|talking"
    r"|joining|speaking|(?:making|taking)\s+(?:the\s+)?time|this\b|that\b)"
    r"|\bthat['’]?s\s+(?:everything|all)\s+(?:from\s+(?:me|my\s+side|our\s+side|my\s+end)|(?:of\s+)?my\s+questions"
    r"|i['’]?ve\s+got|i\s+have|i\s+had)"
    r"|\b(?:this|that|it)(?:['’]s|\s+(?:was|has\s+been|is))\s+(?:really\s+|super\s+|so\s+|very\s+)?(?:helpful|useful)\b"
    # what the participant gets afterwards: "We'll send you a short summary and the gift card by email." (tester 51),
    # "Once we've wrapped up all the calls, I'll send across a short write-up and your voucher." (tester 52)
    r"|\b(?:we|i)['’]ll\s+(?:send|e-?mail)\s+(?:you\s+)?(?:(?:over|across)\s+)?(?:a|the|your)\s+(?:[\w-]+\s+){0,2}"
    r"(?:(?:summary|recap|write-?up)\b(?!\s+of\s+(?:our|my)\b)|gift\s+(?:card|voucher)|voucher|thank-you|incentive"
    r"|honorarium)\b)",
    re.I,
)
# The interviewer saying what the research is for: "The reason I'm asking is we're building a scheduling product",
# "We're speaking to about twenty agencies", "that's partly why we're doing these calls"
_RESEARCH_TALK = re.compile(
    r".*\b(?:the\s+reason\s+i['’]m\s+asking|we['’]re\s+(?:building|developing|designing|trying\s+to\s+understand"
    r"|speaking\s+(?:to|with)|talking\s+(?:to|with)|researching)|(?:these|this)\s+(?:calls|interviews|research\s+calls)"
    # "We've been talking to distributors in Mexico, Colombia and Chile": to many of a kind; not to vendors, the bank or
    # their own team, as a buyer has (tester 51)
    r"|we(?:['’]ve|\s+have)\s+been\s+(?:speaking|talking)\s+(?:to|with)\s+"
    r"(?!(?:the|our|my|an?)\b(?!\s+(?:lot|bunch|number|few)\b)"
    r"|(?:\w+\s+){0,2}(?:vendors|suppliers|providers|partners)\b)"
    r"(?:(?:a\s+(?:lot|bunch|number)\s+of|a\s+few|lots\s+of|[\w-]+)\s+){0,2}[\w-]+s\b"
    # "We're interviewing controllers at around fifteen manufacturers" (tester 52); not a buyer's "candidates"
    r"|we['’]re\s+interviewing\s+(?!(?:\w+\s+){0,2}(?:candidates|applicants|vendors|suppliers)\b)(?:[\w-]+\s+){0,3}?"
    r"[\w-]+s\s+(?:at|in|across|from)\s+(?:about|around|over|roughly|some|several|many|different|other|a\s+dozen|\d+"
    r"|(?:five|ten|twelve|fifteen|twenty|thirty|forty|fifty)\b)"
    r"|no\s+product\s+to\s+show)\b",
    re.I,
)
# A lead-in that speaks to the other about what they said: "You mentioned before we started that ...", "So if I've got
# this right, you ..."
ADDRESSES = re.compile(
    r"(?:(?:so|and|now|okay|ok|right)[,]?\s+)?(?:you\s+(?:mentioned|said|talked\s+about|were\s+saying|told\s+me)\b"
    # or sums up what they said, to them: "So if I've got this right, you collect the variables ..." (tester 51)
    r"|(?:just\s+to\s+(?:make\s+sure|check)\s+|if\s+)i(?:['’]ve\s+got|\s+understand)"
    r"(?:\s+(?:this|that|it)(?:\s+right)?|\s+correctly)?[,:]?\s+(?:that\s+)?(?:you|your)\b"
    r"|(?:let\s+me\s+(?:play|read)\s+(?:that|this|it)\s+back|what\s+i['’]m\s+hearing\s+is|to\s+sum(?:mari[sz]e|\s+up))"
    r"[,:]?\s+(?:that\s+)?(?:you|your)\b)",
    re.I,
)

ECHO_WORDS = 8
"""Most words of a remark that says back the answer (an acknowledgement such as "that's huge" left out)."""
ECHO_SHARE = 0.6
"""Least share of a paraphrase's words found in the answer, two of them at least: "Your whole Monday morning, gone."
finds three of five."""

# The first person: a remark in it speaks for its speaker ("We pay nine thousand."), not back to the other.
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "we", "we're", "we've", "our", "us"})
# Words that say nothing of what was heard: articles, prepositions, pronouns, forms of "be", "so" before a
# restatement ("They hate it." after "... hate the app" says "hate" alone).
_SMALL_WORDS = frozenset({"a", "an", "the", "in", "on", "at", "of", "by", "for", "to", "and", "or", "per", "so", "it",
                          "it's", "its", "they", "them", "their", "this", "that", "these", "those", "he", "she", "is",
                          "are", "was", "were", "be"})  # fmt: skip
# The second person: the other said back to them ("Your whole Monday morning" for "I spend every Monday morning").
_SECOND_PERSON = frozenset({"you", "your", "yours", "you're", "you've", "you'd"})
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}
_FIGURE = re.compile(r"(?P<currency>[$£€])?(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<unit>%|[kK]\b)?")


def says_back(remark: str, answer: str) -> bool:
    """Whether ``remark`` (a short sentence, its acknowledgements left out) says back words of ``answer`` (what the
    other said since the last question): at most ``ECHO_WORDS`` words, none in the first person, and every word but
    the small ones found in the answer, or ``ECHO_SHARE`` of them."""
    words = _words(remark)
    if not 0 < len(words) <= ECHO_WORDS or any(word in _FIRST_PERSON for word in words):
        return False
    heard = set(_words(answer))
    if heard & _FIRST_PERSON:
        heard |= _SECOND_PERSON
    content = [word for word in words if word not in _SMALL_WORDS]
    found = sum(1 for word in content if word in heard or word.removesuffix("s") in heard)
    return bool(content) and (found == len(content) or found >= max(2.0, ECHO_SHARE * len(content)))


def _words(text: str) -> list[str]:
    """Lower-case words with figures as plain numbers: "$8,000" → "8000 dollars", "40%" → "40 percent", "Eleven
    hundred" → "1100", "60k" → "60000"."""
    text = _FIGURE.sub(_plain_figure, alpha2digit(text.replace("’", "'"), "en"))
    return [word for word in (raw.strip(".,!?…;:\"'()").lower() for raw in text.split()) if word]


def _plain_figure(match: re.Match[str]) -> str:
    number = match["number"].replace(",", "")
    unit = (match["unit"] or "").lower()
    if unit == "k":
        number = str(round(float(number) * 1000))
    words = [number, "percent" if unit == "%" else "", _CURRENCY.get(match["currency"] or "", "")]
    return " ".join(word for word in words if word)


def asks_or_acknowledges(said: str) -> bool:
    """Whether ``said`` (a cue's or a line's words) ends asking, prompting or thanking, or only acknowledges ("Right,
    that makes sense."): the interviewer's way of speaking."""
    sentences = [s.group() for s in re.finditer(r"[^.!?…]*(?:[.!?…]+[\"'”’)\]]*|$)", said.strip()) if s.group().strip()]
    last = sentences[-1].strip() if sentences else ""
    return bool(last) and (asks_or_prompts(last) or ACKNOWLEDGEMENT.fullmatch(said.strip()) is not None)


def interviewer_remark(said: str) -> bool:
    """Whether a paragraph or a segment is the interviewer's without asking: an acknowledgement alone ("That's a big
    number."), thanks or a close ("That's super helpful, thank you."), or a lead-in that speaks to the other about
    what they said ("You mentioned before we started that ...")."""
    said = said.strip()
    return bool(said) and bool(ACKNOWLEDGEMENT.fullmatch(said) or _THANKS_OR_CLOSE.match(said)
                               or ADDRESSES.match(said))  # fmt: skip


def is_prompt(sentence: str) -> bool:
    """Whether a sentence is an interviewer's prompt without a question mark ("Walk me through what happened.", "Tell
    me more about the credit card purchases.", "I'd like to move on to how you'd choose a tool.")."""
    return _PROMPT.match(sentence) is not None


def asks_or_prompts(sentence: str) -> bool:
    """Whether a sentence is a question or an interviewer's prompt, thanks or close, or says what the research is
    for."""
    return bool(QUESTION_MARK.search(sentence) or is_prompt(sentence) or _THANKS_OR_CLOSE.match(sentence)
                or _RESEARCH_TALK.match(sentence))  # fmt: skip
