"""Names alone on their lines as speaker labels: above or below a time stamp (subtitle tools, web players) or, in a
file without any label, over the speech (Otter's export with time stamps off)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from voiceofbuyer.cleanup import is_acknowledgement
from voiceofbuyer.ingest.labels import Head, is_email, is_phone_number, is_role_label, looks_like_name, read_head
from voiceofbuyer.ingest.speaker_vote import metadata_label
from voiceofbuyer.ingest.text_lines import TextLine
from voiceofbuyer.ingest.tool_lines import is_tool_line


def name_lines(lines: list[TextLine]) -> list[TextLine]:
    """``lines`` with every name alone on its line that labels the speech beside it given that label as its head."""
    return _bare_name_lines(_names_under_times(lines))


def _names_under_times(lines: list[TextLine]) -> list[TextLine]:
    """A name alone on the line after a time stamp is that time's speaker (DaVinci Resolve and subtitle tools:
    ``[00:00:03:18 - 00:00:08:08]`` / ``Anna Berg`` / the text, indented); so is one on the line before a time
    stamp, as a transcript copied from a web player reads (``Sam Ortiz`` / ``0:02`` / the text), when that shape
    recurs (at least three such lines, or the name twice)."""
    found = list(lines)
    above: list[tuple[int, str, str]] = []  # a name's line, the name, and the company line between it and the time
    for index in range(len(lines)):
        line, name = lines[index], lines[index].text.strip()
        if line.head is not None or not _name_alone(name):
            continue
        if index > 0 and _stamp_alone(lines[index - 1]):
            found[index] = replace(line, head=_speaker_line(name, lines[index - 1], line))
        elif index + 1 < len(lines) and _stamp_alone(lines[index + 1]):
            above.append((index, name, ""))
        elif index + 2 < len(lines) and _stamp_alone(lines[index + 2]) and lines[index + 1].head is None:
            company = lines[index + 1].text.strip()  # Chorus: "Rosa Delgado" / "Mapleton Manufacturing" / "00:09"
            above.extend([(index, name, company)] if _name_alone(company) else [])
    # A "company" found right above a time under another line than its name's is a speaker's name, and the line above
    # it no name: "Transcript" / "Brandon Kale" / "00:00" opens a Fireflies transcript (tester 35); Chorus' company
    # is always under its one speaker's name.
    under: dict[str, set[str]] = {}
    for i, name, company in above:
        if not company and i > 0:
            under.setdefault(name, set()).add(lines[i - 1].text.strip())
    above = [
        (i + 1, company, "") if under.get(company, {name}) - {name} else (i, name, company)
        for i, name, company in above
    ]
    # a company's line is no name of its own: "Mapleton Manufacturing" over "00:09" under "Rosa Delgado"
    below_a_name = {index + 1 for index, _, company in above if company}
    above = [entry for entry in above if entry[0] not in below_a_name]
    names = Counter(name for _, name, _ in above)
    companies: dict[str, set[str]] = {}
    for _, name, company in above:
        companies.setdefault(name, set()).add(company)
    for index, name, company in above:
        # the shape recurs, and each name is always under one company (or none)
        if (len(above) >= 3 or names[name] >= 2) and len(companies[name]) == 1:
            stamp = lines[index + (2 if company else 1)]
            # the company in brackets, as sales-call recorders write it in one line ("Rosa Delgado (Mapleton
            # Manufacturing)"): it tells the sides apart and names the buyer's company (tester 35)
            name = f"{name} ({company})" if company else name
            found[index] = replace(lines[index], head=_speaker_line(name, stamp, lines[index]))
            if company:  # the company's line repeats the label: no one says it
                found[index + 1] = replace(lines[index + 1], head=_speaker_line(name, stamp, lines[index + 1]))
    return found


def _name_alone(text: str) -> bool:
    # a dial-in's number or an e-mail address stands for a name too: "(617) 555-0142" / "0:02" (tester 38)
    named = looks_like_name(text) and len(text.split()) <= 4 and not _said(text)
    return named or is_phone_number(text) or is_email(text)


def _said(line: str) -> bool:
    """A short line that is speech, not a name: "Right.", "Nice.", "Okay!", "Really?", "Speaking." (a word with a full
    stop: a name ends on none, tester 38)."""
    one_word = len(line.split()) == 1 and len(line) > 3 and line.endswith(".")
    return line.endswith(("?", "!")) or (is_acknowledgement(line) and line.endswith(".")) or one_word


def _bare_name_lines(lines: list[TextLine]) -> list[TextLine]:
    """In a file with no speaker label at all, names alone on their lines with the speech below (Otter's export
    with time stamps off: ``Chloe Martin`` / the text; a recorder's ``Speaker 1`` / the text): speakers when at
    least two such names recur."""
    heads = [
        line.head for line in lines
        if line.head is not None and line.head.speaker and not metadata_label(line.head.speaker)
        and not is_tool_line(line.text)
    ]  # fmt: skip
    # A label said once in the speech ("Three things: a native NetSuite sync, ...") makes no file labelled.
    if any(count >= 2 for count in Counter(h.speaker for h in heads).values()) or any(h.marked for h in heads):
        return lines
    bare = [
        index
        for index in range(len(lines) - 1)
        if lines[index].head is None
        and (looks_like_name(name := lines[index].text.strip()) or is_role_label(name))  # "Speaker 1" too
        and len(name.split()) <= 4
        and not name.endswith((".", "?", "!", ","))
    ]
    names = Counter(lines[index].text.strip() for index in bare)
    recurring = {name for name, count in names.items() if count >= 2}
    if len(recurring) < 2:
        return lines
    found = list(lines)
    for index in bare:
        name = lines[index].text.strip()
        if name in recurring:
            found[index] = replace(lines[index], head=Head(name, None, len(lines[index].text), marked=True, alone=True))
    return found


def _speaker_line(name: str, stamp: TextLine, line: TextLine) -> Head:
    """``line``, a name alone, as the label of a turn at the time of the ``stamp`` line beside it; "Liam Brennan
    (Guest)", as Teams marks a guest, is "Liam Brennan" (a company in brackets stays: it tells the sides apart)."""
    named = read_head(f"{name}:")
    guest = named is not None and named.speaker and (named.qualifier or "").casefold() in _CALL_MARKS
    speaker = named.speaker if guest and named is not None and named.speaker else name
    return Head(speaker, stamp.head.time if stamp.head else None, len(line.text), marked=True, alone=True)


_CALL_MARKS = frozenset({"guest", "external", "unverified"})


def _stamp_alone(line: TextLine) -> bool:
    """A time stamp with nothing after it on its line."""
    return line.head is not None and line.head.speaker is None and not line.text[line.head.body :].strip()
