"""E-mail in text files. A mail's header ("From: Hannah Cole <...>", "Sent:", "To:", "Subject:") above notes is no
speaker's. Notes and transcripts sent by e-mail close with a sign-off ("Best,", "Cheers, Sam", "Thanks,
T.") and a signature (a name, a title, "M: +44 7700 900412"), or a signature after the delimiter line "--"; neither
is anybody's words in the interview, and a signature's "M:" is no speaker: the text reader stops before them. An
earlier message quoted with ">" inside the notes (a vendor's reply the buyer reads out) is not the speaker's words
either."""

from __future__ import annotations

import re
from collections.abc import Sequence

from voiceofbuyer.ingest.labels import looks_like_name, read_head
from voiceofbuyer.ingest.person_names import names_an_organisation, parse_person
from voiceofbuyer.ingest.text_lines import HEADING, TextLine
from voiceofbuyer.ingest.unlabelled import INTERVIEWEE
from voiceofbuyer.job_words import names_a_job
from voiceofbuyer.records import InterviewMeta, Turn
from voiceofbuyer.stop_words import english_stop_words

SIGNATURE_LINES = 8
"""Most lines after a sign-off or a delimiter (a name, a title, a company, numbers, links); more is a body."""
SIGNATURE_WORDS = 12
"""Most words of a signature's line."""

# "Best,", "Kind regards", "Cheers, Sam", "Thanks, T.", "Many thanks, Hannah Cole": a sign-off alone on its line
_SIGN_OFF = re.compile(
    r"[ \t]*(?:best(?:\s+wishes|\s+regards)?|(?:kind|warm|warmest|many)\s+(?:regards|thanks)|regards|cheers|thanks"
    r"|thank\s+you|thanks\s+again|all\s+the\s+best|speak\s+soon|talk\s+soon|(?:yours\s+)?sincerely)"
    r"[ \t]*[,.!]?(?P<writer>[ \t]+[A-Z][\w'’-]*\.?(?:[ \t]+[A-Z][\w'’-]*\.?)?)?[ \t]*",
    re.I,
)
_DELIMITER = re.compile(r"[ \t]*--[ \t]*")
# A signature's contact labels ("M: +44 7700 900412", "Tel: ...", "E: ...") and a mail's legal footer
_CONTACT = re.compile(r"[ \t]*(?:m|t|e|w|p|tel|mob|mobile|phone|fax|email|e-mail|web)[ \t]*:", re.I)
_FOOTER = re.compile(
    r"\b(?:confidential|intended\s+(?:solely|only)|registered\s+(?:office|in)|privileged|unsubscribe)\b", re.I
)


_HEADER_FIELD = re.compile(
    r"[ \t]*(?P<field>from|sent|date|to|cc|bcc|subject|reply-to|importance|attachments)[ \t]*:.*", re.I
)
_ADDRESSING = frozenset({"from", "sent", "to", "subject"})


FORWARD_NOTE_LINES = 8
"""Most lines of a forwarder's note above a forwarded mail ("FYI, Tom's notes from the call. Worth a read.")."""
_FORWARDED = re.compile(
    r"[ \t]*(?:-{2,}[ \t]*(?:forwarded|original)[ \t]+message[ \t]*-{2,}|begin[ \t]+forwarded[ \t]+message:)[ \t]*",
    re.I,
)


def mail_header(lines: Sequence[TextLine]) -> int:
    """How many of ``lines`` (a file's non-blank lines) open it as a mail's header: consecutive header fields at the
    top, two or more of From, Sent, To and Subject among them, or a forwarded mail's (a forwarder's note of up to
    ``FORWARD_NOTE_LINES`` lines, "---------- Forwarded message ---------" and the fields below it); 0 where the
    file opens otherwise (a buyer reading a mail out in a turn, "From: Harbour Fuels credit control", is the buyer
    speaking). A forwarded mail saved with the forwarder's own header above the note is read past both headers, and
    a mail forwarded again past every forward."""
    top = header_fields(lines, 0)
    while True:  # forwarded on by one colleague after another, each with a note of their own
        window = lines[top : top + FORWARD_NOTE_LINES + 1]
        forwarded = next((top + i for i, line in enumerate(window) if _FORWARDED.fullmatch(line.text)), None)
        fields = header_fields(lines, forwarded + 1) if forwarded is not None else 0
        if forwarded is None or not fields:
            return top
        top = forwarded + 1 + fields


_SUBJECT = re.compile(r"[ \t]*subject[ \t]*:[ \t]*(?:(?:re|fw|fwd|aw|wg)[ \t]*:[ \t]*)*(?P<subject>.*?)[ \t]*", re.I)


def mail_subject(header: Sequence[TextLine]) -> str:
    """The subject of a mail's ``header`` lines, without "Re:" and "Fwd:" ("Call notes: Marta Kowalczyk, Payroll
    Lead, Brightway Foods"), a heading that may name the interviewee; "" where it has none."""
    found = next((subject for line in header if (subject := _SUBJECT.fullmatch(line.text))), None)
    return found["subject"] if found else ""


def header_fields(lines: Sequence[TextLine], start: int) -> int:
    """How many lines from ``start`` on are a mail's header fields, two or more of From, Sent, To and Subject among
    them; 0 where they are not."""
    fields = []
    for line in lines[start:]:
        field = _HEADER_FIELD.fullmatch(line.text)
        if field is None:
            break
        fields.append(field["field"].casefold())
    return len(fields) if len(_ADDRESSING & set(fields)) >= 2 else 0


def letter_end(lines: Sequence[TextLine]) -> int:
    """The index in ``lines`` (a file's non-blank lines, in order) of the first line of its closing: a sign-off that
    opens a paragraph, or a signature delimiter, followed by one to ``SIGNATURE_LINES`` lines that only sign (short,
    no heading or speaker label but a phone's or a mail's, "M: +44 ..."; a legal footer may run long) to the end;
    ``len(lines)`` where the file closes with none ("Thank you." above the next speaker's turn is said); a sign-off
    that names the writer ("Thanks, T.") may be the last line."""
    end = len(lines)
    for index in range(len(lines) - 1, max(0, len(lines) - SIGNATURE_LINES - 2), -1):
        line = lines[index]
        opens = line.number > lines[index - 1].number + 1
        sign_off = _SIGN_OFF.fullmatch(line.text) if opens else None
        closing = _DELIMITER.fullmatch(line.text) or sign_off or (opens and _signs_with_given_name(lines, index))
        signed = index + 1 < len(lines) or (sign_off is not None and sign_off["writer"])
        if closing and signed and all(_signs(after) for after in lines[index + 1 :]):
            end = index
    while end < len(lines) and (start := _closing_remark(lines, end)) is not None:
        end = start
    return end


CLOSING_REMARK_WORDS = 30
"""Most words of the writer's closing remark above a sign-off ("That's all I got. Recording is on the drive.")."""
# The writer's word to the readers, closing a mail: "That's all I got", "Shout if anything's unclear", "Recording is
# in the shared folder", "Hope this helps", "Let me know if ...".
_TO_THE_READERS = re.compile(
    r"\b(?:that['’]s\s+(?:all|it|everything)\b|shout\b|let\s+me\s+know\b|ping\s+me\b|hope\s+(?:this|that)\s+helps"
    r"|any\s+questions\b|if\s+anyone\b|more\s+to\s+follow\b|(?:full|raw)\s+(?:notes|transcript|recording)\b"
    r"|(?:the\s+)?recording(?:['’]s|\s+is|\s+are)\b|i\s+can\s+(?:send|share)\b"
    # a respondent's word to the researcher, closing mailed answers (tester 35)
    r"|good\s+luck\s+with\b|thanks\s+again\b|happy\s+to\s+(?:help|answer|chat|talk)\b|feel\s+free\b)",
    re.I,
)


def _closing_remark(lines: Sequence[TextLine], end: int) -> int | None:
    """Where the paragraph just above ``lines[end]`` (a sign-off) starts, when it is the writer's closing remark to
    the readers: short, no speaker's label, words only a mail's writer says (``_TO_THE_READERS``); else None."""
    if end == 0:
        return None
    start = end - 1
    while start > 0 and lines[start].number == lines[start - 1].number + 1:
        start -= 1
    said = " ".join(line.text for line in lines[start:end])
    if any(line.head is not None and line.head.speaker for line in lines[start:end]):
        return None
    return start if len(said.split()) <= CLOSING_REMARK_WORDS and _TO_THE_READERS.search(said) else None


_GIVEN_NAME = re.compile(r"[ \t]*[-–—~]?[ \t]*(?P<name>[A-Z][a-z'’-]+)[ \t]*")


def _signs_with_given_name(lines: Sequence[TextLine], index: int) -> bool:
    """Whether ``lines[index]`` signs a mail with the writer's given name alone ("Kate", "- Kate"): the signature
    right under it opens with the same name ("Kate Morrison")."""
    name = _GIVEN_NAME.fullmatch(lines[index].text)
    after = lines[index + 1].text.split() if index + 1 < len(lines) else []
    return name is not None and len(after) >= 2 and after[0] == name["name"]


def _signs(line: TextLine) -> bool:
    """Whether a line after a sign-off belongs to a signature: a name, a title, a company, a phone or a link, or a
    legal footer; never a heading or a speaker's label."""
    if HEADING.match(line.text) or (line.head is not None and line.head.speaker and not _CONTACT.match(line.text)):
        return False
    return len(line.text.split()) <= SIGNATURE_WORDS or bool(_FOOTER.search(line.text))


_TITLE_AT = re.compile(r"\s+(?:at|@)\s+|\s*\|\s*|\s[-–—]\s")  # never a comma: "VP, Finance"
_LINK = re.compile(r"@|://|\bwww\.|\d{3}")


def signature(closing: Sequence[TextLine]) -> InterviewMeta:
    """The writer a mail's closing lines (from ``letter_end`` on) sign as: ``interviewee`` the first line naming a
    person ("Raj Mehta", "Raj Mehta | Head of Inbound Logistics | Corvel Foods"), ``title`` the line under it that
    names a job, ``company`` the line after that; empty where no line names a person. Contact lines, links and
    legal footers are passed over."""
    texts = [
        line.text.strip()
        for line in closing
        if not (_SIGN_OFF.fullmatch(line.text) or _DELIMITER.fullmatch(line.text) or _CONTACT.match(line.text)
                or _FOOTER.search(line.text) or _LINK.search(line.text))
    ]  # fmt: skip
    for index, text in enumerate(texts):
        name, title, company = parse_person(text)
        if len(name.split()) < 2 or not looks_like_name(name) or names_a_job(name):
            continue
        rest = texts[index + 1 : index + 3]
        if not title and rest and names_a_job(rest[0]):
            title, rest = rest[0], rest[1:]
        if title and not company:  # "Accounts Payable Manager | Kestrel Logistics"
            title, *at = _TITLE_AT.split(title, maxsplit=1)
            title, company = title.strip(), at[-1].strip() if at else ""
        if title and not company and "," in title:  # "AP Lead, Kestrel Logistics", where "VP, Finance" is a title
            job, after = (part.strip() for part in title.rsplit(",", 1))
            if names_an_organisation(after) and not names_a_job(after):
                title, company = job, after
        if not company and rest and not names_a_job(rest[0]):
            company = rest[0]
        return InterviewMeta(interviewee=name, title=title, company=company)
    return InterviewMeta()


_TITLE_WORD = re.compile(r"[a-z]+")


def signs_as_answerer(signed: InterviewMeta, turns: Sequence[Turn]) -> bool:
    """Whether the writer a signature names is the one who answers in the mail (the ``INTERVIEWEE``'s turns): the
    signature's company is named in their words, or two thirds of its title's words are ("I'm the accounts
    receivable manager at Alden Wholesale" under "Accounts Receivable Manager"). Notes a researcher mails sign with
    the researcher's own job, which the buyer's answers do not state."""
    said = " ".join(turn.text for turn in turns if turn.speaker == INTERVIEWEE).casefold()
    words = set(_TITLE_WORD.findall(said))
    title = [word for word in _TITLE_WORD.findall(signed.title.casefold()) if word not in english_stop_words()]
    if signed.company and signed.company.casefold() in said:
        return True
    return bool(title) and sum(word in words for word in title) * 3 >= len(title) * 2


_QUOTE = re.compile(r"[ \t]*>")
_NESTED_OR_BARE = re.compile(r"[ \t]*>[ \t]*(?:>.*)?")
_WROTE = re.compile(r".*\bwrote:[ \t]*")


def quoted_mail(lines: Sequence[TextLine]) -> set[int]:
    """Indexes of ``lines`` quoting an earlier message: runs of two lines or more opening with ">" where one is a
    bare ">" or nests a quote (">>"), or that follow "On 3 May, Vendor wrote:". A Markdown block quote ("> "We're
    drowning in PDFs."") is neither, and stays the speaker's."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _QUOTE.match(lines[end].text):
            end += 1
        run = range(index, end)
        introduced = index > 0 and _WROTE.fullmatch(lines[index - 1].text)
        if len(run) >= 2 and (introduced or any(_NESTED_OR_BARE.fullmatch(lines[i].text) for i in run)):
            found.update(run)
        index = max(end, index + 1)
    return found


QUOTE_PREFIX = re.compile(r"[ \t]*>[ \t]?")
"""The ">" that quotes a line of an earlier mail, with the space after it."""


def quoted_transcript(lines: Sequence[TextLine]) -> list[TextLine] | None:
    """The lines of a transcript that a mail reply quotes whole ("> Sam Whitaker: Thanks for joining, ..."), each
    without its ">", where no line outside the quote opens with a speaker's label (the reply above it, "Thanks Sam,
    great call.", is the mail's); None where the file is no such reply."""
    quoted, header = quoted_mail(lines), mail_header(lines)
    outside = (line for i, line in enumerate(lines) if i >= header and i not in quoted)
    if not quoted or any(line.head is not None and line.head.speaker for line in outside):
        return None
    unquoted = []
    for index in sorted(quoted):
        line = lines[index]
        mark = QUOTE_PREFIX.match(line.text)
        text = line.text[mark.end() :] if mark else line.text
        if text.strip() and not _NESTED_OR_BARE.fullmatch(text):
            unquoted.append(
                TextLine(line.number, line.start + len(line.text) - len(text), line.end, text, read_head(text))
            )
    speaking = [line for line in unquoted if line.head is not None and line.head.speaker]
    return unquoted if len(speaking) >= 2 else None
