"""Lines a meeting or transcription tool wrote into a transcript: never anybody's speech.

Recording events ("Sam Ortiz started transcription", "Meeting ended after 00:14:37", "Alex joined the
meeting"), credits and disclaimers ("Transcribed by https://otter.ai", "This editable transcript was computer
generated and might contain errors"), bare links, and lines that hold only a date, a clock time or a duration
("March 11, 2025, 3:02PM", "14m 37s"; not "14 hours.", an answer). Such lines are short and formulaic; a line is
matched whole, so speech that merely mentions a recording ("We stopped recording calls in May") stays speech.
"""

from __future__ import annotations

import re

from voiceofbuyer.ingest.timestamps import TEXT_TIME

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAYS = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"
_CLOCK = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\s*(?:[ap]\.?m\.?)?"
_DATE = (
    rf"(?:{_WEEKDAYS},?\s+)?(?:{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\.?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
# Someone who is not "I" or "we": a name as a tool writes it ("Becker, Lukas", "Petra Novak (External)").
_NOT_A_NAME = (
    r"(?!(?:i|we|you|they|he|she|it|someone|somebody|everyone|my|our|your|their|his|her|the|a|an|and|then|when"
    r"|once|until|after|before|so|as|because|minute|moment|basically|finally|just|also|even)\b)"
)
_ACTOR = rf"{_NOT_A_NAME}[^\W\d_][\w'’.()\-]*(?:,?[ \t]+{_NOT_A_NAME}[\w'’.()\-]+){{0,5}}?"
"""A display name of up to six words, none a pronoun, a possessive, an article or a conjunction: "my CFO joined the
call" and "the demo fell apart the minute our CFO joined the call" are speech."""
_TOOL = (
    r"(?:\S*(?:\.ai|\.com|\.io|https?://)\S*|otter|zoom|microsoft|teams|google|meet|fireflies|rev|descript|tl;?dv"
    r"|fathom|grain|gong|chorus|avoma|whisper\w*|sonix|trint|temi|happy\s?scribe|assembly\s?ai|deepgram|amazon|aws"
    r"|granola|notta|krisp|read\.ai|webex|ringcentral|dovetail|sembly|tactiq|jamie|meetgeek|airgram|supernormal"
    r"|bluedot|circleback|riverside|loom|hubspot|salesloft|outreach|kaia|clari|wingman|aircall|dialpad|salesforce|ai)\b"
)
_AD_TOOL = r"(?:sonix|trint|temi|rev(?:\.com)?|otter(?:\.ai)?|happy\s?scribe|descript|notta|fireflies(?:\.ai)?)"
"""Transcription services that write their own advertisement at the foot of an export."""
_EVENT = r"(?:started|stopped|paused|resumed|ended|began)"
_OF_OUTPUT = (
    r"(?!.*\b(?:i|i'm|we|we're|our|us|my|me)\b)"
    r"(?=.*\b(?:transcripts?|transcription|captions?|subtitles?|summary|summaries|recap|ai-generated\s+content)\b)"
)
"""A line on the tool's output (a transcript, captions, a summary) in no one's first person."""
# What Whisper writes over silence, learnt from subtitled videos: never said in an interview. "and subscribe." alone
# may be the end of a buyer's sentence cut across cues ("we'd rather cancel the licences" / "and subscribe."): only
# the video's own sign-offs count.
_SIGN_OFF = (
    r"thanks?\s+(?:you\s+)?(?:so\s+much\s+|very\s+much\s+)?for\s+watching"
    r"|(?:please\s+|(?:and\s+)?don'?t\s+forget\s+to\s+)(?:like\s+and\s+)?subscribe(?:\s+to\s+(?:my|our|the)\s+channel)?"
    r"|(?:like\s+and\s+)?subscribe\s+to\s+(?:my|our|the)\s+channel"
    r"|(?:and\s+)?(?:i'?ll\s+|we'?ll\s+)?see\s+you\s+(?:all\s+)?in\s+the\s+next\s+(?:video|one|episode)"
)
_OVER_SILENCE = (
    r"(?:subtitles|subtitled|captions|captioned)\s+by\s+(?:the\s+)?amara\.org(?:\s+community)?"
    rf"|transcription\s+by\s+castingwords|(?:{_SIGN_OFF})(?:[\s,.!]+(?:and\s+)?(?:{_SIGN_OFF}))*"
)
_HEARD_OVER_SILENCE = re.compile(rf"\s*(?:{_OVER_SILENCE})[\s.!]*", re.IGNORECASE)
_TOOL_LINES = [
    rf"{_ACTOR}\s+{_EVENT}\s+(?:the\s+)?(?:transcription|recording|captions?|closed captions?|meeting|call)",
    rf"{_ACTOR}\s+(?:joined|left|has\s+joined|has\s+left)\s+(?:the\s+)?(?:meeting|call|conversation|room|chat)",
    # sales-call recorders (tester 38): "Recording stopped by Jordan Lee", "Call recording and transcript powered by
    # HubSpot Conversation Intelligence", an assistant's mark inside the call ("[Kaia] Objection detected: ..."), and
    # talk-time statistics ("Talk Time", "Jordan Lee 47%", "Talk-to-listen ratio: Agent 52% / Customer 48%")
    rf"(?:recording|transcription|transcript)\s+{_EVENT}\s+by\s+{_ACTOR}",
    r"(?:call\s+)?(?:recording|transcript|transcription)(?:\s+and\s+(?:recording|transcript|transcription|notes))?"
    r"\s+powered\s+by\s+.{1,80}",
    r"\[(?:kaia|gong|chorus|wingman|copilot|avoma|clari|ai|bot|assistant)\]\s*.{0,200}",
    r"talk(?:[- ]to[- ]listen)?[- ](?:time|ratio)\b\s*:?.{0,120}",
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}))\s+\d{1,3}(?:\.\d)?\s*%",
    # a meeting's event log, each line stamped: "10:03:34 Otter.ai left", "10:01:54 Helen Marsh joined"
    rf"{TEXT_TIME}\s+{_ACTOR}\s+(?:joined|left)",
    rf"(?:the\s+)?(?:meeting|call|recording|transcription|transcript|conversation|session)\s+(?:has\s+)?{_EVENT}"
    r"(?:\s+(?:after|at|on)\s+.{0,40})?",
    # a meeting app's spoken notice, which a diarizer gives to whoever is nearest: "Recording in progress."
    r"(?:recording|transcription)\s+(?:is\s+)?(?:now\s+)?in\s+progress",
    # "This transcript was generated by MeetGeek.ai" (tester 49); in no one's first person
    r"(?!.*\b(?:i|i'm|we|we're|our|us|my|me)\b)(?:(?:this|the)\s+)?(?:(?:audio|video|file)\s+)?"
    r"(?:(?:automatically|auto|machine)[- ])?"
    r"(?:transcribed|transcription|transcript|captions?|captioned)\s+(?:(?:was|were|is)\s+)?"
    r"(?:generated\s+|created\s+|provided\s+|made\s+)?(?:by|with|using|via)\s+.{1,80}",
    # "Generated by Sembly AI. sembly.ai": the tool's name, maybe after a word of its own; "Made with Bluedot —
    # bluedothq.com" (tester 49); "Notes and transcript by Krisp AI Meeting Assistant – krisp.ai" (tester 54)
    rf"(?:notes|summary|recorded|generated|created|powered|provided|made)"
    r"(?:\s+(?:and|&)\s+(?:notes|summary|transcripts?|recording))?\s+(?:(?:was|were|is)\s+)?"
    rf"(?:generated\s+|created\s+|provided\s+|made\s+)?(?:by|with|using|via)\s+(?:[\w-]+\s+)?{_TOOL}.{{0,60}}",
    # A disclaimer speaks of the tool's output and never says "I" or "we": "The invoices are auto-generated from
    # the meter reads" and "The meter files can contain errors, so two people on my team ..." are speech.
    rf"{_OF_OUTPUT}.{{0,120}}\b(?:computer|automatically|auto|machine|ai)[- ]generated\b.{{0,160}}",
    rf"{_OF_OUTPUT}.{{0,120}}\b(?:may|might|can|could)\s+contain\s+(?:errors|mistakes|inaccuracies)\b.{{0,160}}",
    # "Supernormal · Notes generated automatically, please review for accuracy." (tester 49)
    rf"(?:{_TOOL}\s*[·•|—–-]\s*)?(?:ai\s+)?(?:notes|summary|transcript|recap)\s+(?:(?:was|were|are|is)\s+)?"
    r"(?:generated|created|written)\s+(?:automatically|by\s+ai)\b.{0,160}",
    r"(?:recording|meeting|transcript)\s+(?:link|url|id|duration)\s*:?.{0,120}",
    # A reaction a meeting tool logs (tl;dv, Teams, Zoom): "👍 Sam Ortiz reacted to "Great, and I'll send ..."",
    # "Sam Ortiz reacted with 👏"; "Finance reacted to the price badly" is speech (nothing quoted, no emoji).
    rf"(?:[^\w\s]{{1,4}}\s*)?{_ACTOR}\s+reacted\s+(?:to\s+[\"“'‘].{{0,260}}|with\s+(?:[^\w\s]{{1,8}}|:[\w+-]+:|an?\s+[\w-]+"
    r"\s+(?:emoji|reaction))\W*)",
    r"<?https?://\S+>?",
    # HTML an editor keeps in a Markdown export (Notion folds its transcript in "<details>" and "<summary>Transcript
    # </summary>", tester 54): a line of tags alone, or of one element's short heading
    r"(?:</?[a-z][\w-]*(?:\s[^<>]*)?/?>\s*)+|<(?P<html_tag>[a-z][\w-]*)(?:\s[^<>]*)?>[^<>]{0,60}</(?P=html_tag)>",
    _OVER_SILENCE,
    r"view recording\b.{0,160}",
    # "View the full meeting recording and notes at https://app.fireflies.ai/view/...": a link to go to, in no one's
    # words
    r"(?!.*\b(?:i|i'm|we|we're|our|us|my|me)\b)(?:view|watch|see|open|access|listen|review|find|play|read)\b.{0,160}"
    r"<?https?://\S+>?[\s.]*",
    # "View full transcript, summary and analytics at https://app.fireflies.ai/view/...": the tool's output and a link
    rf"{_OF_OUTPUT}.{{0,160}}<?https?://\S+.{{0,40}}",
    r"this\s+transcript\s+was\s+exported\s+on\b.{0,120}",
    # A service's own advertisement at the foot of its export ("Sonix is the world's most advanced automated
    # transcription, translation, and subtitling platform. Fast, accurate, and affordable.").
    # Only the services that sign their exports so, and only about their service: "Teams is the world's worst place
    # to find the current revision" is someone's speech.
    rf"{_AD_TOOL}\s+is\s+(?:the|a|an)\s+(?:world['’]?s\s+)?(?:leading|best|fastest|most|#1|number\s+one)\b"
    r".{0,80}\b(?:transcription|platform|service|software|app)\b.{0,200}",
    rf"{_TOOL}\s+uses\s+(?:cutting-edge|state-of-the-art|advanced)\b.{{0,200}}",
    rf".{{0,200}}\b(?:try|sign\s+up\s+(?:for|to))\s+{_TOOL}\s+(?:for\s+free|today|now)\b.{{0,60}}",
    rf"(?:automatically\s+)?convert\s+your\s+.{{1,40}}\s+(?:files?\s+)?to\s+text\s+(?:with|using)\s+{_TOOL}.{{0,60}}",
    # "Automatically convert your m4a files to text (txt file).": the line whole, not a buyer's "... files to text, tag
    # them by account".
    r"automatically\s+convert\s+your\s+(?:[\w-]+\s+){1,3}?files?\s+to\s+text(?:\s*\((?:txt|docx?|pdf|srt|vtt)\s+files?\))?",
    rf"{_AD_TOOL}\s+has\s+many\s+features\s+that\s+you['’]?d\s+love\b.{{0,280}}",
    r"better\s+audio\s+means\s+(?:a\s+)?higher\s+(?:transcript(?:ion)?\s+)?accuracy\b.{0,300}",
    r".{0,300}\s-\s(?:watch|view|play)\s*:\s*<?https?://\S+.*",
    # The same events as Teams and Meet write them in other interface languages.
    rf"{_ACTOR}\s+(?:a\s+(?:démarré|commencé|arrêté|lancé)|hat|ha\s+(?:iniciado|detenido|avviato|interrotto)"
    r"|heeft|iniciou|parou|inició|detuvo)\s+(?:la\s+|die\s+|de\s+|a\s+)?(?:transcription|transkription"
    r"|transcripción|transcrição|trascrizione|transcriptie)\b.{0,30}",
    r"(?:la\s+réunion\s+s'est\s+terminée|besprechung\s+beendet|la\s+reunión\s+(?:finalizó|terminó)"
    r"|a\s+reunião\s+terminou|la\s+riunione\s+è\s+terminata|vergadering\s+beëindigd).{0,60}",
    r".{0,160}\b(?:générée?\s+par\s+ordinateur|computergeneriert|computergegenereerd|generada\s+por\s+ordenador"
    r"|gerada\s+por\s+computador|generata\s+dal\s+computer|peut\s+contenir\s+des\s+erreurs"
    r"|kann\s+fehler\s+enthalten|puede\s+contener\s+errores|pode\s+conter\s+erros"
    r"|potrebbe\s+contenere\s+errori|kan\s+fouten\s+bevatten)\b.{0,200}",
]
# A date, a clock time or a duration alone: a tool's stamp ("March 11, 2025, 3:02PM", "14m 37s"), unless written as
# a sentence ("February 14, 2026.", "14 hours."): then it is someone's answer.
_WHEN_LINE = re.compile(
    rf"\s*(?:(?:{_DATE})(?:,?\s+(?:at\s+)?{_CLOCK})?"
    r"|(?:\d+\s*h(?:ours?|rs?)?\s*)?(?:\d+\s*m(?:in(?:utes?)?)?\s*)?(?:\d+\s*s(?:ec(?:onds?)?)?)?)\s*",
    re.IGNORECASE,
)
_TOOL_LINE = re.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in _TOOL_LINES) + r")[\s.!👋]*", re.IGNORECASE)
_HAS_ALNUM = re.compile(r"\w")


def heard_over_silence(text: str) -> bool:
    """True when ``text`` is all one of the lines Whisper writes over silence ("Thanks for watching!", "Subtitles by
    the Amara.org community"), under whichever speaker label a transcriber put it: nobody said it."""
    return _HEARD_OVER_SILENCE.fullmatch(text) is not None


# "00:04:10 From Alex Kim : hi", "15:04:10 From Alex Kim to Everyone:": Zoom's saved chat, not speech; copied
# without its times, "From Alex Kim to Everyone: hi" (or "to Sam Ortiz (Direct Message)", "to Me (Privately)").
_TO_SOMEONE = r"From\s+.{1,80}?\s+to\s+(?:everyone|.{1,60}?\((?:direct\s+message|privately)\))\s*:"
CHAT_LINE = re.compile(rf"\s*(?:{TEXT_TIME}\s+From\s+.{{1,80}}?(?:\s+to\s+.{{1,60}}?)?\s*:|{_TO_SOMEONE})", re.I)
_CHAT_MESSAGE = re.compile(rf"\s*(?:{TEXT_TIME}\s+)?{_TO_SOMEONE}", re.I)
"""One chat message pasted among the turns ("From Lena Park to Everyone: ..."), never "[00:04:10] From what I
remember: ..."."""


def is_tool_line(line: str, stamps: bool = True) -> bool:
    """True when the whole line was written by the recording or transcription tool, not said by anybody;
    ``stamps=False``: a date or a duration alone is not (a caption's wrapped line: "Our lease ends" / "March 31,
    2026")."""
    stripped = line.strip()
    if not _HAS_ALNUM.search(stripped) or len(stripped) >= 300:
        return False
    if _CHAT_MESSAGE.match(stripped):
        return True  # typed in the meeting's chat, not said
    return _TOOL_LINE.fullmatch(stripped) is not None or (stamps and _WHEN_LINE.fullmatch(stripped) is not None)
