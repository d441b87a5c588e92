"""Text files that look like transcripts but record nothing said: a chat log, a meeting agenda. The text reader
refuses them with one line naming the file and the fix (``NotAnInterview``), so the batch goes on without them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from voiceofbuyer.errors import NotAnInterview
from voiceofbuyer.ingest.tool_lines import CHAT_LINE
from voiceofbuyer.records import Turn

_POSTED = re.compile(r"[ \t]*\S.{0,60}?\S[ \t]{2,}\d{1,2}:\d{2}[ \t]*[AP]M[ \t]*", re.I)
# A message stamped with the day it was sent, which no transcript of one call writes on its lines: WhatsApp's
# "[09/06/2025, 10:14:02] Sofia: ..." and "09/06/2025, 10:14 - Sofia: ...", a Teams chat copied as text with
# "[6/9 10:15 AM] Whitmore, Dean (External)" or "Marchetti, Sofia 6/9 10:14 AM" over each message (tester 22).
_SENT_ON = r"(?:\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|\d{4}-\d{2}-\d{2}),?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AP]M)?"
_DATED = re.compile(rf"[ \t]*\[?{_SENT_ON}\]?[ \t]*(?:-[ \t]|\S)|[ \t]*\S.{{0,60}}?\S[ \t]+{_SENT_ON}[ \t]*$", re.I)
_CHAT_MARK = re.compile(r"[ \t]*:[a-z0-9_+-]+:[ \t]*|.*\S[ \t]+\(edited\)[ \t]*")
# "Maria Chen: current month-end process (15 min)": an agenda item and its minutes, which nobody says.
_AGENDA_ITEM = re.compile(r"[(\[]\s*\d{1,3}\s*(?:-\s*\d{1,3}\s*)?(?:min|mins|minutes|m|')\s*[)\]]\s*$", re.I)
_AGENDA_TITLE = re.compile(r"\bagenda\b", re.I)


def refuse_chat_log(lines: Sequence[str], source: str) -> None:
    """Raise ``NotAnInterview`` where the non-blank ``lines`` of ``source`` are a chat log: a meeting's saved chat (a
    third of its lines "From Alex Kim to Everyone: ...") or messages copied from Slack or a Teams chat (names over
    posting times of day, "Tom Becker  10:43 AM", a third of the lines or more, with a chat's own marks: a reaction
    alone on its line, ":+1:", or "(edited)"), or messages stamped with the day they were sent (a third of the
    lines or more: "[09/06/2025, 10:14:02] Sofia: ...", "[6/9 10:15 AM] Whitmore, Dean (External)")."""
    saved = sum(1 for line in lines if CHAT_LINE.match(line)) > len(lines) / 3
    posted = sum(1 for line in lines if _POSTED.fullmatch(line))
    copied = posted * 3 >= len(lines) > 0 and any(_CHAT_MARK.fullmatch(line) for line in lines)
    dated = sum(1 for line in lines if _DATED.match(line)) * 3 >= len(lines) > 0
    if saved or copied or dated:
        raise NotAnInterview(
            source,
            "a chat log (messages typed in a meeting's chat or a team chat), not a transcript of what was said: "
            "left out",
            fix="add the meeting's transcript (.vtt, .txt, .docx) instead, or move the chat file out of the batch",
        )


def refuse_agenda(lines: Sequence[str], turns: Sequence[Turn], source: str) -> None:
    """Raise ``NotAnInterview`` where ``source`` is a meeting agenda: titled one ("Discovery call agenda", "##
    Agenda") and at least half of its "turns" items with their minutes. A transcript whose answers end "(90 min)"
    ("... the bank rec in Excel (90 min)") is none."""
    timed = sum(1 for turn in turns if _AGENDA_ITEM.search(turn.text))
    titled = any(_AGENDA_TITLE.search(line) and len(line.split()) <= 10 for line in lines)
    if titled and len(turns) >= 2 and timed * 2 >= len(turns):
        raise NotAnInterview(
            source,
            "a meeting agenda (items with their minutes, 'Name: topic (15 min)'), not a transcript of what was said: "
            "left out",
            fix="add the meeting's transcript (.vtt, .txt, .docx) instead, or move the agenda out of the batch",
        )
