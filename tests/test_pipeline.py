"""End to end on a small batch of real sample interviews: outputs, evidence, determinism, caching, bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from voiceofbuyer import files
from voiceofbuyer.cleanup import apply_cleanup
from voiceofbuyer.config import load_config
from voiceofbuyer.errors import AuditError
from voiceofbuyer.ingest import read_batch
from voiceofbuyer.objections import objections_csv, objections_markdown
from voiceofbuyer.pipeline import run
from voiceofbuyer.segment import Segmenter
from voiceofbuyer.themes import disfluency, is_unsure

from .conftest import REALWORLD, SAMPLE_CONFIG, make_batch

OUTPUT_FILES = ("index.html", "objections.csv", "objections.json", "voiceofbuyer.json", "voiceofbuyer.sqlite")


def outputs_of(out: Path) -> dict[str, bytes]:
    """The documents as a reader of the folder sees them (links followed; the store and hidden work left out)."""
    found = {}
    for folder, subfolders, names in os.walk(out, followlinks=True):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            path = Path(folder) / name
            if not name.startswith((".", "voiceofbuyer.sqlite")):
                found[str(path.relative_to(out))] = path.read_bytes()
    return dict(sorted(found.items()))


def test_every_output_exists_for_every_role(first_run):
    out, report = first_run
    assert report.interviews == 9 and not report.failed
    for name in OUTPUT_FILES:
        assert (out / name).is_file(), name
    document = json.loads((out / "voiceofbuyer.json").read_text())
    roles = {p["role"] for p in document["personas"]}
    assert roles == {"Finance Leader", "IT & Systems Evaluator", "Accounts Payable Manager"}
    for persona in document["personas"]:
        assert (out / "personas" / f"{persona['slug']}.md").is_file()
        assert (out / "personas" / f"{persona['slug']}.html").is_file()


def test_roles_come_from_title_taxonomy_and_self_introduction(first_run):
    document = json.loads((first_run[0] / "voiceofbuyer.json").read_text())
    buyers = {i["id"]: i["buyer"] for i in document["interviews"]}
    assert buyers["summit-vp-finance"]["role"] == "Finance Leader"
    assert buyers["summit-vp-finance"]["role_source"] == "title"
    assert buyers["orbit-erp-manager"]["role"] == "IT & Systems Evaluator"
    assert buyers["orbit-erp-manager"]["role_source"] == "self-introduction"
    speakers = {i["id"]: i["speakers"] for i in document["interviews"]}
    assert speakers["orbit-erp-manager"] == {
        "interviewers": ["interviewer"],
        "buyers": ["interviewee"],
        "how": "labels",
        "confidence": 1.0,
        "uncertain": [],
    }
    assert speakers["northwind-cfo"]["buyers"] == ["Dana Whitfield"]


def test_every_statement_is_a_verbatim_span_of_its_source(first_run, batch):
    document = json.loads((first_run[0] / "voiceofbuyer.json").read_text())
    sources = {i.id: i.text for i in read_batch(batch).interviews}
    statements = document["statements"]
    assert len(statements) > 300
    for s in statements:
        expected = apply_cleanup(sources[s["interview_id"]], s["start_char"], s["end_char"], s["removed"])
        assert s["text"] == expected
        assert s["category"] in ("goal", "pain", "trigger", "objection", "criterion", "other")
    assert not any(word in s["text"].lower().split() for s in statements for word in ("um", "uh", "um,", "uh,"))


def test_statements_from_timed_formats_carry_times(first_run):
    document = json.loads((first_run[0] / "voiceofbuyer.json").read_text())
    timed = [s for s in document["statements"] if s["interview_id"] in ("northwind-it", "northwind-ap-manager")]
    assert timed and all(s["start"] is not None for s in timed)
    starts = [s["start"] for s in timed if s["interview_id"] == "northwind-it"]
    assert starts == sorted(starts)
    persona = (first_run[0] / "personas" / "it-systems-evaluator.md").read_text()
    assert "northwind-it, " in persona and any(f"{m:02d}:" in persona for m in range(60))


def test_a_role_with_three_interviews_gets_themes_and_keeps_thin_points(first_run):
    document = json.loads((first_run[0] / "voiceofbuyer.json").read_text())
    it_themes = [t for t in document["themes"] if t["role"] == "IT & Systems Evaluator"]
    strong = [t for t in it_themes if not t["mentioned_once"]]
    assert strong, "a role with 3 interviews must get themes"
    assert all(len(t["interviews"]) >= 2 for t in strong)
    thin = [t for t in it_themes if t["mentioned_once"]]
    assert all(len(t["interviews"]) == 1 for t in thin)
    # Nothing classified is silently dropped: every categorised statement is in exactly one theme, except a group
    # of fragments with no statement that stands alone as a quote: it stays evidence (in the JSON), in no theme.
    categorised = {s["id"] for s in document["statements"] if s["category"] != "other"}
    in_themes = [sid for t in document["themes"] for sid in t["statement_ids"]]
    assert len(in_themes) == len(set(in_themes)) and set(in_themes) <= categorised
    left_out = [s for s in document["statements"] if s["id"] in categorised - set(in_themes)]
    assert all(not s["standalone"] and s["theme_id"] is None for s in left_out)
    # A fragment alone (no theme's other statements close to it) is such a group; they are a quarter of the sample's
    # categorised statements (161 of 592), not most.
    assert len(left_out) < 0.3 * len(categorised)


def test_persona_reads_in_the_buyers_words_with_citations(first_run):
    out = first_run[0]
    markdown = (out / "personas" / "finance-leader.md").read_text()
    for heading in ("### Goals", "### Pain points", "### Buying triggers", "### Objections", "### Decision criteria"):
        assert heading in markdown
    assert "of 5 interviewees" in markdown
    assert "ICP context:" in markdown and "Logistics" in markdown
    assert "Dana Whitfield (Chief Financial Officer, Northwind Freight), northwind-cfo" in markdown
    html = (out / "personas" / "finance-leader.html").read_text()
    assert 'href="../transcripts/northwind-cfo.html#s-' in html
    index = (out / "index.html").read_text()
    assert "personas/finance-leader.html" in index and "5-8" in index


def test_objections_csv_opens_in_a_spreadsheet(first_run):
    raw = (first_run[0] / "objections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    expected = {"rank", "role", "objection", "raised_by", "companies", "best_quote", "citation", "response"}
    assert rows and expected <= set(rows[0])
    for role in {r["role"] for r in rows}:
        ranked = [r for r in rows if r["role"] == role]
        assert [int(r["rank"]) for r in ranked] == list(range(1, len(ranked) + 1))
        # Strongest first among the patterns the classifier is sure of (the unsure, then points mentioned once, after)
        sure = [r for r in ranked
                if r["mentioned_once"] == "no" and not is_unsure(float(r["category_confidence"] or 1))]  # fmt: skip
        counts = [int(r["raised_by"].split()[0]) for r in sure]
        assert counts == sorted(counts, reverse=True)
        assert all(re.fullmatch(r"\d+ of \d+ \(\d+%\)", r["raised_by"]) for r in ranked)
    assert all(r["objection"] != r["best_quote"] for r in rows)  # the title, not the quote again
    objections = json.loads((first_run[0] / "objections.json").read_text())
    assert len(objections) == len(rows)
    themes = {t["id"]: t for t in json.loads((first_run[0] / "voiceofbuyer.json").read_text())["themes"]}
    assert all(float(r["category_confidence"]) == round(themes[r["theme_id"]]["lead_confidence"], 2) for r in rows)


def test_csv_cells_cannot_start_a_formula():
    quote = {"text": "=HYPERLINK(1)", "citation": {"speaker": "A", "title": "", "company": "", "interview_id": "x",
                                                   "timestamp": "", "line": 1}}  # fmt: skip
    objection = {"rank": 1, "role": "=cmd", "objection": "+x", "raised_by": "1 of 1 (100%)", "companies": 0,
                 "mentioned_once": True, "interview_ids": ["x"], "company_names": [], "quotes": [quote],
                 "response": "@SUM(A1)", "theme_id": "t", "category_confidence": 0.4}  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(objections_csv([objection]).decode("utf-8-sig"))))
    assert rows[0]["role"] == "'=cmd" and rows[0]["objection"] == "'+x"
    assert rows[0]["best_quote"] == "'=HYPERLINK(1)" and rows[0]["response"] == "'@SUM(A1)"
    assert rows[0]["category_confidence"] == "0.40"
    assert "(unsure it is an objection: the classifier 40%)" in objections_markdown([objection])


def test_a_battlecard_lists_five_points_mentioned_once_and_counts_the_rest():
    """Sales read patterns: an educator's 224 objections held 202 single mentions (auditor, real typed batch)."""
    quote = {"text": "It costs too much.", "citation": {"speaker": "A", "title": "", "company": "", "interview_id": "x",
                                                        "timestamp": "", "line": 1}}  # fmt: skip

    def objection(rank: int, once: bool) -> dict:
        return {"rank": rank, "role": "Buyer", "objection": f"Point {rank}", "raised_by": "1 of 9 (11%)",
                "companies": 0, "mentioned_once": once, "interview_ids": ["x"], "company_names": [],
                "quotes": [quote], "response": "", "theme_id": f"t{rank}", "category_confidence": 0.9}  # fmt: skip

    markdown = objections_markdown([objection(1, False), *(objection(n, True) for n in range(2, 10))])
    assert [n for n in range(1, 10) if f"**Point {n}**" in markdown] == [1, 2, 3, 4, 5, 6]
    assert "… and 3 more mentioned once (all in objections.csv and objections.json)" in markdown


def test_same_input_same_bytes(first_run, batch, monkeypatch):
    again = first_run[0].parent / "again"  # a sibling: links from the HTML to the batch are relative
    monkeypatch.chdir(batch)  # the batch named as "." is the same batch (its name had been written "")
    run(Path("."), again, SAMPLE_CONFIG, show_progress=False)
    assert outputs_of(again) == outputs_of(first_run[0])


def test_a_run_that_reads_its_vectors_back_a_chunk_or_a_pool_at_a_time_gives_the_same_bytes(
    first_run, batch, monkeypatch
):
    """Vectors live in the store: the classifier reads a chunk's, clustering and themes a pool's (role, category),
    the comparison a theme's, so no stage holds the batch's; classifying 5 statements at a time changes nothing."""
    from voiceofbuyer import verdicts
    from voiceofbuyer.vectors import Vectors

    asked: list[set[str]] = []
    original = Vectors.get

    def spy(self, texts, bar=None):
        texts = list(texts)
        asked.append(set(texts))
        return original(self, texts, bar)

    monkeypatch.setattr(Vectors, "get", spy)
    monkeypatch.setattr(verdicts, "_CLASSIFY_CHUNK", 5)
    chunked = first_run[0].parent / "chunked"
    run(batch, chunked, SAMPLE_CONFIG, show_progress=False)
    assert outputs_of(chunked) == outputs_of(first_run[0])
    said = {s["text"] for s in json.loads((chunked / "voiceofbuyer.json").read_text("utf-8"))["statements"]}
    assert len(said) > 500 and asked
    assert max(len(request & said) for request in asked) < len(said) / 3


def test_statements_written_one_at_a_time_are_the_json_of_the_whole_document(first_run):
    """``voiceofbuyer.json`` streams its statements (300,000 for a thousand interviews are never held as
    dictionaries at once), and the bytes are those of encoding the whole document."""
    from voiceofbuyer.result_json import STREAMED, json_chunks

    written = (first_run[0] / "voiceofbuyer.json").read_bytes()
    assert written == (json.dumps(json.loads(written), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    items = [{"text": 'Ünïcode "quoted"\nline', "removed": [[1, 2, "filler"]], "theme_id": None}, {"n": 1.5}]
    for streamed in (items, []):
        whole = {"batch": "b", "statements": streamed, "themes": [{"id": "t"}]}
        expected = (json.dumps(whole, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        made = list(json_chunks({**whole, "statements": STREAMED}, size=16, streamed=iter(streamed)))
        assert b"".join(made) == expected and (len(made) > 2 or not streamed)


def test_warm_rerun_loads_no_model_and_adding_an_interview_segments_only_it(batch, first_run, monkeypatch):
    out = first_run[0].parent / "warm"
    tmp_path = first_run[0].parent
    shutil.copytree(first_run[0], out)

    def no_model(*args, **kwargs):
        raise AssertionError("a model was loaded on an unchanged batch")

    monkeypatch.setattr("voiceofbuyer.segment.load_spacy", no_model)
    monkeypatch.setattr("voiceofbuyer.components.make_embedder", no_model)
    run(batch, out, SAMPLE_CONFIG, show_progress=False)
    assert outputs_of(out) == outputs_of(first_run[0])
    monkeypatch.undo()

    grown = make_batch(tmp_path / "grown", (*[p.name for p in batch.iterdir() if p.name != "interviews.csv"],
                                            "halden-ap-manager.srt"))  # fmt: skip
    segmented: list[str] = []
    original = Segmenter.segment

    def spy(self, interview, *args):
        segmented.append(interview.id)
        return original(self, interview, *args)

    monkeypatch.setattr(Segmenter, "segment", spy)
    report = run(grown, out, SAMPLE_CONFIG, show_progress=False)
    assert segmented == ["halden-ap-manager"]
    assert report.interviews == 10


def test_bad_files_are_reported_and_the_rest_goes_through(batch, tmp_path):
    messy = tmp_path / "messy"
    shutil.copytree(batch, messy)
    (messy / "empty.txt").write_bytes(b"")
    (messy / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (messy / "notes.pages").write_bytes(b"whatever")
    (messy / "broken.vtt").write_text("00:00:01.000 --> 00:00:02.000\nA: hi\n")
    (messy / "latin1.txt").write_bytes("Sam: How are payments going at the café?\nRené: We pay our suppliers far "
                                       "too late, and they résumé deliveries only after we pay.\n"
                                       .encode("latin-1"))  # fmt: skip
    report = run(messy, tmp_path / "out", SAMPLE_CONFIG, show_progress=False)
    assert report.failed
    skipped = {p.path for p in report.problems if p.skipped}
    assert {"empty.txt", "junk.txt", "notes.pages", "broken.vtt"} <= skipped
    assert all(p.path in p.message for p in report.problems)
    assert report.interviews == 10  # the nine good ones and the Latin-1 one
    document = json.loads((tmp_path / "out" / "voiceofbuyer.json").read_text())
    assert any("René" in i["speakers"]["buyers"] for i in document["interviews"])


def test_untrusted_transcript_text_is_escaped_in_html(tmp_path):
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    for n in range(3):
        (hostile / f"call{n}.txt").write_text(
            "Sam: What worries you about buying?\n"
            f"Pat{n}: I worry the price <script>alert({n})</script> will double next year, honestly.\n"
            f"Sam: Why?\nPat{n}: Our last vendor <img src=x onerror=alert({n})> raised prices by forty percent.\n"
        )
    run(hostile, tmp_path / "out", SAMPLE_CONFIG, show_progress=False)
    pages = [p.read_text() for p in (tmp_path / "out").rglob("*.html")]
    assert pages
    assert not any("<script>" in page or "<img src=x" in page for page in pages)
    assert any("&lt;script&gt;" in page or "&lt;img" in page for page in pages)


def test_the_company_a_buyer_names_reaches_the_persona_and_the_citations(tmp_path):
    """No metadata names the companies; each buyer says theirs ("the CFO at Harlow Logistics"): the persona counts
    them and the quotes cite them, as they would a company from metadata (a tester found "Companies 0")."""
    batch = tmp_path / "batch"
    batch.mkdir()
    for n, company in enumerate(("Harlow Logistics", "Marlow Retail", "Brookfield Dental Group")):
        (batch / f"call{n}.txt").write_text(
            f"Sam: Could you start with your role?\nPat{n}: Sure, I'm the CFO at {company}, about four hundred "
            "people.\nSam: What worries you about buying?\nPat{n}: I worry the price will double next year, "
            "honestly, because our last vendor raised prices by forty percent.\n".replace("{n}", str(n))
        )
    report = run(batch, tmp_path / "out", SAMPLE_CONFIG, show_progress=False)
    assert any("company 'Harlow Logistics' from the buyer's self-introduction" in note for note in report.notes)
    document = json.loads((tmp_path / "out" / "voiceofbuyer.json").read_text())
    [persona] = document["personas"]
    assert persona["companies"] == ["Brookfield Dental Group", "Harlow Logistics", "Marlow Retail"]
    cited = {q["citation"]["company"] for t in document["themes"] for q in t["quotes"]}
    assert cited and cited <= {"Harlow Logistics", "Marlow Retail", "Brookfield Dental Group"}
    # No goal said twice: "In their words" is the lead of its strongest pattern instead of missing
    leads = {t["quotes"][0]["statement_id"] for t in document["themes"] if not t["mentioned_once"]}
    assert not any(t["category"] == "goal" and not t["mentioned_once"] for t in document["themes"])
    assert leads and persona["in_their_words"]["statement_id"] in leads


def test_a_quote_that_is_not_verbatim_stops_the_run_and_writes_nothing(batch, first_run):
    out = first_run[0].parent / "tampered"
    shutil.copytree(first_run[0], out)
    before = outputs_of(out)
    with sqlite3.connect(out / "voiceofbuyer.sqlite") as db:
        key, value = db.execute("SELECT key, value FROM cache WHERE kind = 'statements' LIMIT 1").fetchone()
        statements = json.loads(value)
        for s in statements:
            s["text"] = s["text"].replace("we", "they")
        db.execute("UPDATE cache SET value = ? WHERE kind = 'statements' AND key = ?", (json.dumps(statements), key))
    with pytest.raises(AuditError, match="not verbatim"):
        run(batch, out, SAMPLE_CONFIG, show_progress=False)
    assert outputs_of(out) == before


def test_a_crash_while_writing_leaves_whole_files(tmp_path, monkeypatch):
    out = tmp_path / "out"
    files.write_atomic(out, {"a.txt": b"old a", "b.txt": b"old b"})
    calls = []
    real_replace = files.os.replace

    def crash_on_second(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", crash_on_second)
    with pytest.raises(OSError):
        files.write_atomic(out, {"a.txt": b"new a", "b.txt": b"new b"})
    assert (out / "a.txt").read_bytes() == b"new a"
    assert (out / "b.txt").read_bytes() == b"old b"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is not beside this checkout")
def test_real_transcripts_go_through_with_roles_from_self_introductions(tmp_path):
    report = run(REALWORLD, tmp_path / "out", load_config(None), show_progress=False)
    # Interview 2 is in French: left out whole, said on one line, never counted in a persona.
    skipped = [p for p in report.problems if p.skipped]
    assert [p.path for p in skipped] == ["Interview 2.txt"] and "'fr'" in skipped[0].message
    assert report.interviews == 7
    document = json.loads((tmp_path / "out" / "voiceofbuyer.json").read_text())
    for interview in document["interviews"]:
        assert interview["buyer"]["role_source"] == "self-introduction", interview["id"]
        assert interview["buyer"]["role"] != "Unassigned"
    assert report.statements > 1000
    assert_leads_stand_alone(document)


def assert_leads_stand_alone(document: dict) -> None:
    """No theme is led by a fragment, and no persona's "In their words" is one."""
    standalone = {s["id"]: s["standalone"] for s in document["statements"]}
    leads = [t["quotes"][0]["statement_id"] for t in document["themes"]]
    leads += [p["in_their_words"]["statement_id"] for p in document["personas"] if p["in_their_words"]]
    assert leads and all(standalone[lead] for lead in leads)
    assert not all(standalone.values())  # the rule does reject something on real speech
    # Where a theme has a choice, a fluent statement leads: restarts and fillers ("It it's", "blah, blah") lead
    # at most one pattern in eight (8 of 70 on the real spoken set, where 506 of 2,651 statements keep such a
    # trace, and 5 of the 8 are their pattern's only whole sentence; 9 of 70 when a trace cost a lead 0.2 of
    # confidence; 4 of 87 when themes also held statements unlike the rest; 26 of 88 before fluency counted).
    text = {s["id"]: s["text"] for s in document["statements"]}
    patterns = [text[t["quotes"][0]["statement_id"]] for t in document["themes"] if not t["mentioned_once"]]
    assert sum(disfluency(lead) > 0 for lead in patterns) <= len(patterns) / 8


def test_lead_quotes_of_the_sample_stand_alone(first_run):
    document = json.loads((first_run[0] / "voiceofbuyer.json").read_text("utf-8"))
    standalone = {s["id"]: s["standalone"] for s in document["statements"]}
    assert all(standalone[t["quotes"][0]["statement_id"]] for t in document["themes"])


def test_importing_the_package_leaves_the_umask_alone_and_outputs_get_it(tmp_path):
    import os
    import subprocess
    import sys

    check = (
        "import os; os.umask(0o027)\n"
        "import voiceofbuyer.pipeline, voiceofbuyer.render, voiceofbuyer.web, voiceofbuyer.cli\n"
        "assert os.umask(0) == 0o027, 'an import changed the umask'\n"
    )
    subprocess.run([sys.executable, "-c", check], check=True)
    before = os.umask(0o027)
    try:
        files.write_atomic(tmp_path, {"a.txt": b"a"})
    finally:
        os.umask(before)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640


def test_a_clusterer_of_ones_own_is_one_file_and_a_config_value(batch, first_run, tmp_path, monkeypatch):
    """A backend added through the config alone: ``[clustering] backend = "module:Class"``."""
    (tmp_path / "my_clusterer.py").write_text(
        "from voiceofbuyer.cluster import Clusterer\n\n"
        "class OneTheme(Clusterer):\n"
        "    calls = 0\n\n"
        "    def fit_predict(self, vectors):\n"
        "        OneTheme.calls += 1\n"
        "        return [0] * len(vectors)\n",
        "utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    config = SAMPLE_CONFIG.model_copy(
        update={
            "clustering": SAMPLE_CONFIG.clustering.model_copy(update={"backend": "my_clusterer:OneTheme"}),
            "themes": SAMPLE_CONFIG.themes.model_copy(update={"min_similarity": 0.0}),  # keep its groups whole
        }
    )
    out = tmp_path / "out"
    shutil.copy(first_run[0] / "voiceofbuyer.sqlite", out.mkdir() or out / "voiceofbuyer.sqlite")  # warm caches
    run(batch, out, config, show_progress=False)
    import my_clusterer

    assert my_clusterer.OneTheme.calls > 0
    themes = json.loads((out / "voiceofbuyer.json").read_text("utf-8"))["themes"]
    pools = {(t["role"], t["category"]) for t in themes}
    assert len(themes) == len(pools)  # one theme per (role, category): the toy clusterer's grouping


def test_every_quote_links_to_its_place_on_a_transcript_page_inside_the_output_folder(first_run):
    """The folder travels: each citation opens the interview's page at the quote, and no link leaves the folder."""
    from html import unescape
    from urllib.parse import unquote

    out = first_run[0]
    checked = 0
    for page in [*sorted(out.glob("personas/*.html")), out / "index.html"]:
        for href in re.findall(r'href="([^"]+)"', page.read_text("utf-8")):
            target, _, fragment = unescape(href).partition("#")
            path = (page.parent / unquote(target)).resolve()
            assert path.is_relative_to(out.resolve()) and path.is_file(), (page.name, href)
            if fragment.startswith("s-"):
                assert f'id="{fragment}"' in path.read_text("utf-8"), (page.name, href)
                checked += 1
    assert checked > 50
    page = (out / "transcripts" / "northwind-cfo.html").read_text("utf-8")
    document = json.loads((out / "voiceofbuyer.json").read_text("utf-8"))
    ids = [s["id"] for s in document["statements"] if s["interview_id"] == "northwind-cfo"]
    assert ids and all(f'id="s-{sid.rsplit("@", 1)[1]}"' in page for sid in ids)


def test_titles_of_the_sample_are_phrases_without_names_and_unique_per_persona(first_run):
    """At least 90% of the titles of patterns have two words or more; none holds a word of a person's or a
    company's name the batch gives (speakers, metadata) or a name the buyers mention ("Marco", "NetSuite"); no
    two titles of a persona are alike."""
    document = json.loads((first_run[0] / "voiceofbuyer.json").read_text("utf-8"))
    patterns = [t for t in document["themes"] if not t["mentioned_once"]]
    assert sum(len(t["label"].split()) >= 2 for t in patterns) >= 0.9 * len(patterns)
    named = {w.lower() for i in document["interviews"] for w in re.findall(r"\w+", " ".join(
        [i["metadata"]["interviewee"], i["metadata"]["company"], i["buyer"]["name"]]))}  # fmt: skip
    named |= {"marco", "netsuite", "intacct", "slack", "datadog"}
    assert not [t["label"] for t in document["themes"] if named & set(re.findall(r"\w+", t["label"].lower()))]
    for persona in document["personas"]:
        titles = [t["label"].casefold() for t in document["themes"] if t["role"] == persona["role"]]
        assert len(titles) == len(set(titles)), persona["role"]


def test_three_buyers_saying_the_same_thing_in_a_tiny_batch_are_one_pattern(tmp_path):
    """Three statements in a role's trigger pool: HDBSCAN finds no cluster in so few points, and each was shown as
    'mentioned once'. The same trigger from three interviews is one theme of three."""
    batch = tmp_path / "batch"
    batch.mkdir()
    for number, name in enumerate(("Dana Lee", "Omar Haddad", "Grace Kim"), start=1):
        (batch / f"interview-{number}.txt").write_text(
            "Interviewer: Thanks for joining. Could you tell me about your role?\n"
            f"{name}: I'm the accounts payable manager at a logistics company.\n"
            "Interviewer: What made you start looking for a new tool?\n"
            f"{name}: Our auditors flagged duplicate payments last year, so we started looking for a tool.\n"
        )
    run(batch, tmp_path / "out", load_config(None), show_progress=False)
    document = json.loads((tmp_path / "out" / "voiceofbuyer.json").read_text())
    flagged = [t for t in document["themes"] if any("auditors flagged" in q["text"] for q in t["quotes"])]
    assert len(flagged) == 1 and not flagged[0]["mentioned_once"], flagged
    assert len(flagged[0]["interviews"]) == 3
