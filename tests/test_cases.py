"""Interviews in the shapes real tools export (tests/fixtures/cases: the shared cases plus the project's own): who
said what, end to end.

All cases run as one batch (one subfolder each), so the models load once. Each case's ``expect.json`` is read as
``../shared/cases/check.py`` documents it: the buyer's label, the interviewing side's labels (none of their words
may be a buyer statement), text that must be absent from and present in buyer statements, the title, times, and
files that are not transcripts at all (refused, naming the file); ``title_not``: words the title must not hold;
``company``: the company the buyer names (in the interview's metadata); ``certain``: no quote is flagged as of an
uncertain speaker; ``members``: the other buyers of a group interview, each ``{speaker, name, title, company}`` as
cited (``buyer.members``; a title or company left out is not checked).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from voiceofbuyer.config import load_config
from voiceofbuyer.pipeline import RunReport, run
from voiceofbuyer.records import Statement
from voiceofbuyer.repeats import repeated_interviews

CASES = Path(__file__).parent / "fixtures" / "cases"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expect.json").is_file())


def same(a: str, b: str) -> bool:
    """One label holds the other as whole words, ignoring case ("Priya" ~ "Priya's iPhone")."""
    a, b = a.strip().lower(), b.strip().lower()

    def within(x: str, y: str) -> bool:
        return re.search(r"(?<!\w)" + re.escape(x) + r"(?!\w)", y) is not None

    return bool(a) and bool(b) and (within(a, b) or within(b, a))


@pytest.fixture(scope="module")
def cases_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, RunReport]:
    batch = tmp_path_factory.mktemp("cases") / "batch"
    for name in NAMES:
        shutil.copytree(CASES / name, batch / name, ignore=shutil.ignore_patterns("expect.json"))
    out = tmp_path_factory.mktemp("cases-out")
    # Several cases are one interview in two shapes (a Deepgram and a WhisperX export of one call): each is judged
    # on its own here, as the shared checker runs them; test_repeats_among_the_cases checks they are found.
    config = load_config(None)
    config = config.model_copy(update={"segment": config.segment.model_copy(update={"skip_repeats": False})})
    report = run(batch, out, config, show_progress=False)
    return json.loads((out / "voiceofbuyer.json").read_text("utf-8")), report


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_case(name: str, cases_run: tuple[dict, RunReport]) -> None:
    document, report = cases_run
    expect = json.loads((CASES / name / "expect.json").read_text("utf-8"))
    interviews = [i for i in document["interviews"] if i["id"].startswith(name + "/")]
    statements = [s for s in document["statements"] if s["interview_id"].startswith(name + "/")]
    if expect.get("refused"):
        assert not interviews and not statements
        assert any(p.path.startswith(name + "/") for p in report.problems)  # skipped, or left out with a warning
        return
    buyers = [(i["buyer"], label) for i in interviews for label in [i["buyer"]["name"], *i["speakers"]["buyers"]]]
    assert statements, "no buyer statements"
    if "buyer" in expect:
        assert any(same(label, expect["buyer"]) for _, label in buyers), buyers
    for label in expect.get("not_buyer", []):
        assert all(buyer["name"].lower() != label.lower() for buyer, _ in buyers)
    for who in expect.get("interviewers", []):
        assert not [s["text"] for s in statements if same(s["speaker"], who)]
    for text in expect.get("absent", []):
        assert not [s["text"] for s in statements if text.lower() in s["text"].lower()]
    for text in expect.get("present", []):
        assert any(text.lower() in s["text"].lower() for s in statements), text
    if "title" in expect:
        assert any(expect["title"].lower() in (b["title"] + " " + b["role"]).lower() for b, _ in buyers), buyers
    for wrong in expect.get("title_not", []):  # words a title read too far must not hold ("of Procurement")
        assert not any(wrong.lower() in b["title"].lower() for b, _ in buyers), buyers
    if expect.get("certain"):  # the sides are clear: no quote is flagged "[speaker uncertain]"
        assert not [s["text"] for s in statements if s["speaker_uncertain"]]
    if expect.get("company"):  # the company the buyer names ("I'm the general manager of Seaholm Resort")
        assert any(same(expect["company"], i["metadata"]["company"]) for i in interviews), expect["company"]
    members = [m for i in interviews for m in i["buyer"].get("members", [])]
    for member in expect.get("members", []):  # another buyer of a group interview, cited as themselves
        found = [m for m in members if m["speaker"] == member["speaker"]]
        assert found and found[0]["name"] == member["name"], (member, members)
        for part in ("title", "company"):  # where the case gives one ("" where their words name none)
            if part in member:
                assert found[0][part].lower() == member[part].lower(), (member, found[0])
    if expect.get("times"):
        assert all(isinstance(s["start"], (int, float)) for s in statements)


@pytest.mark.slow
def test_repeats_among_the_cases(cases_run: tuple[dict, RunReport]) -> None:
    """The cases that are one conversation in two shapes are found as such, and only those: 51 of them (checked by
    reading each pair), e.g. one call as Deepgram multichannel JSON and as WhisperX JSON, typed notes and a Word
    file of the same interview, one interview as GoTranscript, a recorder's and a Teams pane's text; tester 7's one
    two-interviewer call as Otter text, Zoom WebVTT and captions and a Teams document; tester 8's Meet call typed
    with and without question marks; tester 22's call as Zoom WebVTT and as Meet text; tester 23's call with and
    without a second interviewer's story, and with and without the buyer's e-mail address as her first label;
    tester 26's colleague who breaks in, named in Zoom WebVTT and unnamed in WhisperX; tester 39's UserTesting
    session whole and cut short, and researcher's notes under two wordings of their quoting convention; tester 45's
    call that the buyer leads, as Fathom's text and as Otter's with speakers unnamed, and the call from a meeting room
    as Teams WebVTT and as plain text; testers 46's and 47's two WhisperX captions of one
    call each; tester 48's call as Whisper's text and captions; tester 49's Supernormal export with and without its
    outline; tester 52's two calls greeted three ways ("Tanaka-san", "Mr. Tanaka", "Mr. Adeyemi"); tester 53's
    win/loss call as Zoom WebVTT and as an agency's write-up, with and without its deal line, and its other call
    from a meeting room and as typed notes."""
    document, _ = cases_run
    said: dict[str, list[Statement]] = {}
    for s in document["statements"]:
        statement = Statement(s["id"], s["interview_id"], "", 0, 0, 0, (), s["text"], "")
        said.setdefault(s["interview_id"], []).append(statement)
    found = {repeat.split("/")[0]: kept.split("/")[0] for repeat, (kept, *_) in repeated_interviews(said).items()}
    assert len(found) == 51, found
    assert found["1570-md-winloss-writeup-deal-size-line"] == "1568-zoom-winloss-vendor-ae-listening"
    assert found["1571-md-winloss-client-taken-as-buyer"] == "1568-zoom-winloss-vendor-ae-listening"
    assert found["1569-teams-room-label-self-intro"] == "1577-txt-given-name-labels-full-names-said"
    assert found["1567-whisper-srt-mr-dot-tanaka-greeting"] == "1559-whisper-srt-tanaka-san-pitch-and-voucher"
    assert found["1461-otter-unnamed-buyer-led"] == "1460-fathom-buyer-led-discovery"
    assert found["1463-txt-boardroom-label-self-intro"] == "1462-teams-vtt-meeting-room-self-intro"
    assert found["1471-whisperx-srt-unlabelled-afterthought"] == "1469-whisperx-srt-midcue-speaker-label"
    assert found["1486-whisperx-srt-lowercase-cont"] == "1485-whisperx-srt-midcue-labels"
    assert found["1499-whisper-srt-echo-words-of-digit-percent"] == "1490-whisper-txt-echo-words-of-digit-percent"
    assert found["1514-supernormal-no-outline-footer"] == "1500-supernormal-action-items-reuse"
    assert found["1325-whisperx-srt-interviewers-colleague-pops-in-twice-with-complaint"].startswith("1324-zoom-vtt")
    assert found["1297-zoom-vtt-buyer-says-we-built-a-web-form"].startswith("1322-zoom-vtt-email-label-renamed")
    assert found["1281-meet-txt-notetaker-introduced-by-second-interviewer"].startswith("1277-11-zoom-vtt-two-int")
    assert found["1290-teams-docx-two-interviewers-alternate-one-shares-experience"].startswith("1289-teams-docx")
    assert found["1052-rev-docx-buyer-speaker-3-two-interviewers"].startswith("1029-whisperx-srt-buyer-speaker-02")
    assert found["109-deepgram-multichannel-no-diarize"] == "107-whisperx-fused-segment-word-speakers"
    assert found["609-txt-typed-notes-numbered-questions-with-dash"].startswith("610-docx-no-labels")
    three_shapes = {case: kept for case, kept in found.items() if case.startswith(("722-", "723-", "724-"))}
    assert len(three_shapes) == 2 and len(set(three_shapes.values())) == 1  # one kept, the two others its repeats
