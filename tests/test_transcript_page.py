"""The transcript page marks each buyer statement inside the turns it covers."""

from __future__ import annotations

from voiceofbuyer.records import Classification, Interview, Statement, Turn
from voiceofbuyer.transcript_page import turns_html


def statement(start: int, end: int, text: str) -> Statement:
    return Statement(
        id=f"acme@{start}",
        interview_id="acme",
        speaker="Kate",
        turn_index=0,
        start_char=start,
        end_char=end,
        removed=(),
        text=text[start:end],
        question="",
    )


def test_each_turn_marks_only_the_statements_within_it_even_one_running_across_turns() -> None:
    text = "Sam: Why?\nKate: We close late. Every month.\nSam: And?\nKate: Audits hurt."
    turns = []
    for line_number, line in enumerate(text.split("\n"), 1):
        start = text.index(line)
        speaker, body = line.split(": ", 1)
        turns.append(Turn(speaker, body, start + len(speaker) + 2, start + len(line), line_number))
    late = text.index("We close")
    long_one = statement(late, text.index("Every") - 1, text)
    across = statement(text.index("Every"), text.index("Audits"), text)  # runs over "Sam: And?"
    audits = statement(text.index("Audits"), len(text), text)
    interview = Interview(id="acme", source="acme.txt", format="txt", sha256="", text=text, turns=tuple(turns))
    classified = {s.id: Classification(s.id, "pain", 0.9) for s in (long_one, across, audits)}

    shown = [str(html) for _, html in turns_html(interview, [audits, across, long_one], classified)]

    assert shown[0] == "Why?"
    assert shown[1].count("<mark") == 2 and shown[1].startswith(f'<mark id="s-{late}" class="pain"')
    assert shown[2] == f'<mark id="s-{across.start_char}" class="pain" title="Pain points">And?</mark>'
    assert shown[3].startswith(f'<mark id="s-{audits.start_char}"') and shown[3].endswith("Audits hurt.</mark>")
