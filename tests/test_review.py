"""Review decisions, applied in one place: to the result, to the documents, through a re-run, by `render`."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from markupsafe import escape

from voiceofbuyer.cli import main
from voiceofbuyer.decision_rows import (
    APPROVE,
    LEAD,
    MERGE,
    MOVE,
    PERSONA,
    QUOTE_STATUS,
    RENAME,
    THEME_STATUS,
    Decision,
    decisions_of,
)
from voiceofbuyer.pipeline import run
from voiceofbuyer.records import RunResult, Statement, Theme
from voiceofbuyer.render import document_context, persona_document, template_environment
from voiceofbuyer.result_json import result_document
from voiceofbuyer.results import load_result
from voiceofbuyer.review import apply_decisions
from voiceofbuyer.store import DECISIONS_FILE, STORE_NAME, Store

from .conftest import SAMPLE_CONFIG
from .test_pipeline import outputs_of

MADE = "2026-05-04T09:30:00+00:00"


def decision(number: int, action: str, statement_ids=(), role: str = "", **payload) -> Decision:
    return Decision(number, MADE, "Jo Rivera", action, role, tuple(statement_ids), payload, f"{action} #{number}")


def stored(out: Path) -> RunResult:
    store = Store(out / STORE_NAME)
    try:
        return load_result(store)
    finally:
        store.close()


def as_json(result: RunResult) -> dict:
    return json.loads(json.dumps(result_document(result)))


def patterns(result: RunResult, role: str, category: str) -> list[Theme]:
    return [t for t in result.themes if t.role == role and t.category == category and not t.mentioned_once]


def markdown(result: RunResult, out: Path, role: str) -> str:
    persona = next(p for p in result.personas if p.role == role)
    context = document_context(result, out, out)
    return persona_document(persona, "md", context, template_environment()).decode()


def test_the_store_gives_back_the_run_result_and_no_decision_changes_it(first_run):
    out = first_run[0]
    result = stored(out)
    on_disk = json.loads((out / "voiceofbuyer.json").read_text("utf-8"))
    assert as_json(result) == on_disk
    assert as_json(apply_decisions(result, []).result) == on_disk


def test_every_kind_of_decision_reaches_the_documents(first_run):
    out = first_run[0]
    result = stored(out)
    role = "Finance Leader"
    goals = patterns(result, role, "goal")
    pains = patterns(result, role, "pain")
    kept, merged, rejected = goals[0], goals[1], goals[2]
    spare = next(s for s in kept.statement_ids if s not in {q.statement_id for q in kept.quotes})
    turned_down = kept.quotes[1].statement_id
    moved = pains[0].quotes[0]
    review = apply_decisions(
        result,
        [
            decision(1, RENAME, kept.statement_ids, label="Close the books faster"),
            decision(2, QUOTE_STATUS, [turned_down], status="rejected"),
            decision(3, LEAD, [spare]),
            decision(
                4,
                MERGE,
                kept.statement_ids + merged.statement_ids,
                into=kept.statement_ids,
                **{"from": merged.statement_ids},
            ),
            decision(5, THEME_STATUS, rejected.statement_ids, status="rejected"),
            decision(6, MOVE, [moved.statement_id], category="objection"),
            decision(7, PERSONA, role=role, name="Closing Claire", summary="Runs finance; wants a faster close."),
            decision(8, APPROVE, role=role, approved=True),
        ],
    )
    assert all(not outcome.gone for outcome in review.outcomes.values())
    reviewed = review.result
    theme = next(t for t in reviewed.themes if t.id == kept.id)
    assert theme.label == "Close the books faster"
    assert theme.quotes[0].statement_id == spare
    assert theme.lead_confidence == 1.0, "a lead a reviewer chose vouches for its category"
    assert turned_down not in theme.statement_ids and turned_down not in {q.statement_id for q in theme.quotes}
    assert set(merged.statement_ids) <= set(theme.statement_ids)
    interview_of = {s.id: s.interview_id for s in result.statements}
    still_said = [s for s in kept.statement_ids + merged.statement_ids if s != turned_down]
    assert set(theme.interviews) == {interview_of[s] for s in still_said}  # a rejected quote takes its voice away
    # The run's coherence holds for the statements the run grouped: a merged theme has none until the next run.
    assert kept.coherence is not None and theme.coherence is None
    untouched = [
        t
        for t in reviewed.themes
        if t.id in {r.id for r in result.themes if r.id not in (kept.id, merged.id)}
        and set(t.statement_ids) == set(next(r for r in result.themes if r.id == t.id).statement_ids)
    ]
    assert untouched and all(t.coherence is not None for t in untouched)
    assert merged.id not in {t.id for t in reviewed.themes}
    assert rejected.id in {t.id for t in review.rejected_themes}
    assert rejected.id not in {t.id for t in reviewed.themes}
    point = next(t for t in reviewed.themes if moved.statement_id in t.statement_ids)
    assert point.category == "objection" and point.mentioned_once
    assert point.lead_confidence == 1.0, "a reviewer's move vouches for the category"
    confidence = {sid: c.confidence for sid, c in result.classifications.items()}
    assert all(t.lead_confidence == confidence[t.quotes[0].statement_id] for t in untouched)
    assert reviewed.classifications[moved.statement_id].category == "objection"

    document = markdown(reviewed, out, role)
    assert document.startswith("## Closing Claire\n**Role:** Finance Leader\n")
    assert "Runs finance; wants a faster close." in document
    assert "approved by Jo Rivera on 2026-05-04" in document and "approved by —" not in document
    assert "*Close the books faster*" in document
    persona = next(p for p in reviewed.personas if p.role == role)
    context = document_context(reviewed, out, out)
    page = persona_document(persona, "html", context, template_environment(), "-evidence").decode()
    # Escaped as the templates escape (markupsafe: "We&#39;ve", where html.escape writes "We&#x27;ve").
    assert str(escape(moved.text)) in page.split("Objections")[1]


def test_decisions_follow_their_statements_into_a_rerun_that_adds_an_interview(batch, desk_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(desk_run[1], out)
    config = SAMPLE_CONFIG
    run(batch, out, config, show_progress=False)  # the nine interviews, from cache
    before = stored(out)
    role = "Finance Leader"
    renamed = patterns(before, role, "pain")[0]
    turned_down = renamed.quotes[1]
    store = Store(out / STORE_NAME)
    store.add_decision(MADE, "Jo Rivera", RENAME, role, list(renamed.statement_ids), {"label": "Chasing approvals"}, "")
    store.add_decision(MADE, "Jo Rivera", QUOTE_STATUS, role, [turned_down.statement_id], {"status": "rejected"}, "")
    store.add_decision(MADE, "Ann Lee", APPROVE, role, [], {"approved": True}, "")
    store.close()

    report = run(desk_run[0], out, config, show_progress=False)  # a tenth interview joins the Finance Leaders
    assert report.interviews == 10
    assert any("3 review decisions applied, 0 no longer apply" in note for note in report.notes)
    after = stored(out)
    assert len(after.interviews) == 10 and after.themes != before.themes
    store = Store(out / STORE_NAME)
    review = apply_decisions(after, decisions_of(store))
    store.close()
    # The renamed theme is the one that now holds most of the old theme's statements.
    holder = max(
        (t for t in review.result.themes if t.role == role),
        key=lambda t: len(set(t.statement_ids) & set(renamed.statement_ids)),
    )
    assert holder.label == "Chasing approvals"
    assert turned_down.statement_id not in {q.statement_id for t in review.result.themes for q in t.quotes}
    document = (out / "personas" / "finance-leader.md").read_text("utf-8")
    assert "*Chasing approvals*" in document
    assert "approved by Ann Lee on 2026-05-04" in document
    assert turned_down.text not in document


def test_an_approval_is_flagged_once_a_run_changes_what_the_persona_is_built_from(batch, desk_run, tmp_path, capsys):
    """The desk records what an approval was given on; a run that adds an interview to the persona (or takes one
    away) flags it "changed since" until it is approved again; a run of the same batch does not."""
    out = tmp_path / "out"
    shutil.copytree(desk_run[1], out)
    run(batch, out, SAMPLE_CONFIG, show_progress=False)  # the nine interviews, from cache
    role = "Finance Leader"
    store = Store(out / STORE_NAME)
    evidence = apply_decisions(stored(out), decisions_of(store)).evidence[role]
    store.add_decision(MADE, "Ann Lee", APPROVE, role, [], {"approved": True, "evidence": evidence}, "")
    store.close()

    def flagged() -> bool:
        store = Store(out / STORE_NAME)
        review = apply_decisions(stored(out), decisions_of(store))
        store.close()
        persona = next(p for p in review.result.personas if p.role == role)
        document = (out / "personas" / "finance-leader.md").read_text("utf-8")
        assert persona.changed_since_approval == (role in review.edited_since_approval)
        assert ("changed since: approve it again" in document) == persona.changed_since_approval
        return persona.changed_since_approval

    run(batch, out, SAMPLE_CONFIG, show_progress=False)
    assert not flagged()
    run(desk_run[0], out, SAMPLE_CONFIG, show_progress=False)  # a tenth interview joins the Finance Leaders
    assert flagged()
    capsys.readouterr()
    assert main(["personas", "--out", str(out)]) == 0
    listing = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(role))
    assert "Ann Lee 2026-05-04 (changed since)" in listing


def test_a_merge_keeps_its_statements_together_and_a_rejection_keeps_them_out_after_a_run_regroups_them(first_run):
    """A later run may file a merged or a rejected theme's statements in other themes (reviewers' moves re-fit the
    classifier, new interviews move the clusters): the merge still holds them all, the rejection keeps them all out
    (new-user tester: a merge of 11 statements came back split in four, a rejected statement back in the battlecards,
    while the run said every decision applied)."""
    result = stored(first_run[0])
    role = "Finance Leader"
    goals = patterns(result, role, "goal")
    kept, merged, rejected = goals[0], goals[1], goals[2]
    # What a later run did: one statement of each theme filed in another theme of the role.
    strays = {merged.statement_ids[-1]: kept.id, kept.statement_ids[-1]: rejected.id,
              rejected.statement_ids[-1]: kept.id}  # fmt: skip
    regrouped = replace(result, themes=tuple(
        replace(t, statement_ids=tuple(s for s in t.statement_ids if s not in strays)
                + tuple(s for s, into in strays.items() if into == t.id))
        for t in result.themes
    ))  # fmt: skip
    review = apply_decisions(regrouped, [
        decision(1, MERGE, kept.statement_ids + merged.statement_ids, into=kept.statement_ids,
                 **{"from": merged.statement_ids}),
        decision(2, THEME_STATUS, rejected.statement_ids, status="rejected"),
    ])  # fmt: skip
    assert all(not outcome.gone for outcome in review.outcomes.values())
    together = next(t for t in review.result.themes if kept.statement_ids[0] in t.statement_ids)
    assert set(kept.statement_ids) | set(merged.statement_ids) <= set(together.statement_ids)
    shown = {s for t in review.result.themes for s in t.statement_ids}
    assert not set(rejected.statement_ids) & shown


def test_a_decision_on_statements_that_are_gone_no_longer_applies(first_run):
    result = stored(first_run[0])
    review = apply_decisions(
        result,
        [
            decision(1, RENAME, ["gone@1", "gone@20"], label="Ghost"),
            decision(2, QUOTE_STATUS, ["gone@1"], status="rejected"),
            decision(3, APPROVE, role="Astronaut", approved=True),
        ],
    )
    assert all(outcome.gone for outcome in review.outcomes.values())
    assert as_json(review.result) == as_json(result)


def test_a_malformed_decision_in_a_store_is_told_and_never_applied(first_run):
    """A store an older version filled from a file may hold a decision without its payload or its statement: the
    documents are made without it, and the decision log says why."""
    result = stored(first_run[0])
    theme = patterns(result, "Finance Leader", "pain")[0]
    review = apply_decisions(
        result,
        [
            decision(1, RENAME, list(theme.statement_ids)),  # no label
            decision(2, LEAD, []),  # no statement
            decision(3, RENAME, list(theme.statement_ids), label=12345),
        ],
    )
    assert [o.gone.split(" (")[0] for o in review.outcomes.values()] == ["not a well-formed decision"] * 3
    assert "payload" in review.outcomes[1].gone and "one statement" in review.outcomes[2].gone
    assert as_json(review.result) == as_json(result)


def test_render_rebuilds_the_run_documents_from_the_store_and_applies_decisions(desk_run, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(desk_run[1], out)
    run(desk_run[0], out, SAMPLE_CONFIG, show_progress=False)  # from cache: writes its links from here
    written = outputs_of(out)
    for path in out.rglob("*"):
        if path.is_file() and not path.name.startswith(STORE_NAME):
            path.unlink()
    assert main(["render", "--out", str(out)]) == 0
    assert "0 review decisions applied" in capsys.readouterr().out
    assert outputs_of(out) == written  # the same bytes as the run wrote, without recomputing anything

    objection = patterns(stored(out), "Finance Leader", "objection")[0]
    store = Store(out / STORE_NAME)
    store.add_decision(MADE, "Jo Rivera", RENAME, "Finance Leader", list(objection.statement_ids),
                       {"label": "Fear of a failed rollout"}, "")  # fmt: skip
    store.add_decision(MADE, "Jo Rivera", APPROVE, "Finance Leader", [], {"approved": True}, "")
    store.close()
    assert main(["render", "--out", str(out)]) == 0
    assert "2 review decisions applied" in capsys.readouterr().out
    assert "approved by Jo Rivera on 2026-05-04" in (out / "personas" / "finance-leader.html").read_text("utf-8")
    assert "Fear of a failed rollout" in (out / "objections.csv").read_text("utf-8-sig")
    assert main(["objections", "--out", str(out), "--role", "Finance Leader"]) == 0
    assert "*Fear of a failed rollout*" in capsys.readouterr().out
    assert main(["personas", "--out", str(out)]) == 0
    assert "Jo Rivera 2026-05-04" in capsys.readouterr().out


def test_render_without_a_run_is_one_clear_error(tmp_path, capsys):
    assert main(["render", "--out", str(tmp_path)]) == 2
    assert "no run found" in capsys.readouterr().err


def test_a_merge_after_a_rename_keeps_the_rename(first_run):
    result = stored(first_run[0])
    kept, merged = patterns(result, "Finance Leader", "goal")[:2]
    for into, source in ((kept, merged), (merged, kept)):  # whichever survives keeps the name it was given
        review = apply_decisions(result, [
            decision(1, RENAME, into.statement_ids, label="Close the books faster"),
            decision(2, MERGE, into.statement_ids + source.statement_ids,
                     into=into.statement_ids, **{"from": source.statement_ids}),
        ])  # fmt: skip
        assert all(not outcome.gone for outcome in review.outcomes.values())
        survivor = next(t for t in review.result.themes if t.id == into.id)
        assert survivor.label == "Close the books faster"
        assert set(source.statement_ids) <= set(survivor.statement_ids)


def test_a_lost_store_gets_its_decisions_back_from_the_plain_copy(batch, desk_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(desk_run[1], out)
    store = Store(out / STORE_NAME)
    store.add_decision(MADE, "Ann Lee", APPROVE, "Finance Leader", [], {"approved": True}, "")
    count = len(store.decisions())
    store.export_decisions(out / DECISIONS_FILE)
    store.close()
    for path in out.glob(f"{STORE_NAME}*"):
        path.unlink()  # the store deleted: the plain copy is all that is left

    # a line cut short by a crash, and a stray line, in the copy: the other decisions still come back
    copy = out / DECISIONS_FILE
    lines = copy.read_text("utf-8").splitlines()
    copy.write_text("\n".join(["not json", *lines, lines[0][:40]]) + "\n", "utf-8")
    damaged = copy.read_bytes()

    report = run(batch, out, SAMPLE_CONFIG, show_progress=False)
    note = next(note for note in report.notes if "review decisions restored from" in note)
    assert note.startswith(f"{count} review decisions restored from") and "2 lines left out" in note
    assert [p.read_bytes() for p in out.glob(f"{DECISIONS_FILE}.damaged-*")] == [damaged]  # kept as it was
    store = Store(out / STORE_NAME)
    assert len(store.decisions()) == count
    store.close()
    assert "approved by Ann Lee" in (out / "personas" / "finance-leader.md").read_text("utf-8")


def test_renamed_interviews_match_by_content_and_never_guess_between_copies():
    from voiceofbuyer.following import renamed_interviews

    before = {"a": "1", "b": "2", "c": "3", "d": "3", "e": "5"}
    now = {"a": "1", "b-2026": "2", "c2": "3", "d2": "3", "e": "5", "f": "6"}
    assert renamed_interviews(before, now) == {"b": "b-2026"}  # c and d: two copies of one file, not told apart
    assert renamed_interviews({"x": "9"}, {"x": "9", "y": "9"}) == {}  # still there: a copy is no rename
    assert renamed_interviews({"a": "1", "b": "2"}, {"a": "2", "b": "1"}) == {"a": "b", "b": "a"}  # names swapped
    # "b" deleted and "a" renamed to "b": a's decisions follow it, b's were made on words no longer there.
    assert renamed_interviews({"a": "1", "b": "2"}, {"b": "1"}) == {"a": "b", "b": "b (replaced)"}
    assert renamed_interviews({"a": "1"}, {"a": "3"}) == {}  # edited where it is: decisions stay on its id


@pytest.mark.parametrize("store_lost", [False, True], ids=["store kept", "store lost"])
def test_decisions_follow_a_transcript_renamed_or_moved_between_runs(batch, first_run, tmp_path, store_lost):
    """With the store lost too, the plain copy's file digests find the renamed file (tester 18)."""
    moved_batch = tmp_path / "interviews"
    shutil.copytree(batch, moved_batch)
    out = tmp_path / "out"
    shutil.copytree(first_run[0], out)
    before = stored(out)
    role = "Finance Leader"
    theme = patterns(before, role, "pain")[0]
    quote = theme.quotes[1]
    source = next(i.source for i in before.interviews if i.id == quote.statement_id.rpartition("@")[0])
    store = Store(out / STORE_NAME)
    store.add_decision(MADE, "Jo Rivera", RENAME, role, list(theme.statement_ids), {"label": "Chasing approvals"}, "")
    store.add_decision(MADE, "Jo Rivera", QUOTE_STATUS, role, [quote.statement_id], {"status": "rejected"}, "")
    store.export_decisions(out / DECISIONS_FILE)
    store.close()
    (moved_batch / "archive").mkdir()
    (moved_batch / source).rename(moved_batch / "archive" / f"2026-{Path(source).name}")
    for path in out.glob(f"{STORE_NAME}*") if store_lost else ():
        path.unlink()

    report = run(moved_batch, out, SAMPLE_CONFIG, show_progress=False)
    assert any("2 review decisions applied, 0 no longer apply" in note for note in report.notes), report.notes
    assert any("followed 1 transcript renamed or moved" in note for note in report.notes)
    new_id = f"archive/2026-{Path(source).stem}"
    store = Store(out / STORE_NAME)
    rows = store.decisions()
    store.close()
    assert rows[1]["statement_ids"] == [f"{new_id}@{quote.statement_id.rpartition('@')[2]}"]
    assert all(not s.startswith(f"{Path(source).stem}@") for row in rows for s in row["statement_ids"])
    plain_copy = (out / DECISIONS_FILE).read_text("utf-8").splitlines()
    assert json.loads(plain_copy[1])["statement_ids"] == rows[1]["statement_ids"]
    document = (out / "personas" / "finance-leader.md").read_text("utf-8")
    assert "*Chasing approvals*" in document
    assert quote.text not in document


def test_decisions_follow_the_words_of_a_transcript_edited_between_runs(batch, first_run, tmp_path):
    """Tester 27: ten words added to line 2 moved every statement id after them (``<interview>@<offset>``), and the
    reviewer's decisions on them were "no longer in the batch" though the words were still there."""
    edited_batch = tmp_path / "interviews"
    shutil.copytree(batch, edited_batch)
    out = tmp_path / "out"
    shutil.copytree(first_run[0], out)
    before = stored(out)
    role = "Finance Leader"
    sources = {i.id: i.source for i in before.interviews}
    theme = next(t for t in patterns(before, role, "pain")
                 if any(sources[q.statement_id.rpartition("@")[0]].endswith(".txt") for q in t.quotes))  # fmt: skip
    quote = next(q for q in theme.quotes if sources[q.statement_id.rpartition("@")[0]].endswith(".txt"))
    interview_id = quote.statement_id.rpartition("@")[0]
    path = edited_batch / sources[interview_id]
    text = path.read_text("utf-8")
    gone = next(s for s in before.statements
                if s.interview_id == interview_id and s.id != quote.statement_id and s.text in text)  # fmt: skip
    store = Store(out / STORE_NAME)
    store.add_decision(MADE, "Jo Rivera", RENAME, role, list(theme.statement_ids), {"label": "Chasing approvals"}, "")
    store.add_decision(MADE, "Jo Rivera", QUOTE_STATUS, role, [quote.statement_id], {"status": "rejected"}, "")
    store.add_decision(MADE, "Jo Rivera", QUOTE_STATUS, role, [gone.id], {"status": "approved"}, "")
    store.close()
    added = "Sorry, one moment, my other screen just froze on me. "
    start = text.index(": ") + 2  # into the first turn, before every statement
    edited = text[:start] + added + text[start:].replace(gone.text, "Something else entirely was said here.", 1)
    path.write_text(edited, "utf-8")

    report = run(edited_batch, out, SAMPLE_CONFIG, show_progress=False)
    assert any("2 review decisions applied, 1 no longer apply" in note for note in report.notes), report.notes
    assert any("to where their words are now" in note and "of 1 transcript edited" in note for note in report.notes)
    store = Store(out / STORE_NAME)
    rows = store.decisions()
    store.close()
    after = stored(out).statements
    assert rows[1]["statement_ids"] == [s.id for s in after if s.interview_id == interview_id and s.text == quote.text]
    assert rows[1]["statement_ids"] != [quote.statement_id]
    assert rows[2]["statement_ids"][0] not in {s.id for s in after}  # edited away: applies to no other words
    assert (
        json.loads((out / DECISIONS_FILE).read_text("utf-8").splitlines()[1])["statement_ids"]
        == rows[1]["statement_ids"]
    )
    document = (out / "personas" / "finance-leader.md").read_text("utf-8")
    assert "*Chasing approvals*" in document
    assert quote.text not in document


def test_shifted_statements_pair_repeated_words_in_order_and_never_reuse_an_offset():
    from voiceofbuyer.following import shifted_statements

    def said(*pairs: tuple[int, str]) -> list[Statement]:
        return [Statement(f"a@{at}", "a", "", 0, at, at + len(text), (), text, "") for at, text in pairs]

    before = {"a@10": "Yes, exactly.", "a@40": "It cost us a fortnight.", "a@80": "Yes, exactly.", "a@99": "Gone now."}
    now = said((20, "Yes, exactly."), (50, "It cost us a fortnight."), (90, "Yes, exactly."), (99, "New words."))
    assert shifted_statements(before, now) == {
        "a@10": "a@20", "a@40": "a@50", "a@80": "a@90", "a@99": "a@99 (replaced)",
    }  # fmt: skip
    assert shifted_statements({"a@10": "Same."}, said((10, "Same."))) == {}  # unmoved: nothing to follow
    # one copy of a repeated answer left: both decisions go to it, the nearer first
    assert shifted_statements(before, said((85, "Yes, exactly."))) == {"a@10": "a@85", "a@80": "a@85"}


def test_a_section_whose_statements_are_all_fragments_lists_them_and_never_says_none_came_up(first_run):
    """Tester 16: objections filed as such, none standing alone as a quote, gave no theme, and the persona said "No
    objections came up in these interviews."; they are evidence, listed on the evidence page."""
    out = first_run[0]
    result = stored(out)
    persona = next(p for p in result.personas if any(c == "objection" and themes for c, themes in p.sections))
    gone = [t for t in result.themes if t.role == persona.role and t.category == "objection"]
    ids = {sid for t in gone for sid in t.statement_ids}
    fragmented = replace(
        result,
        statements=tuple(replace(s, standalone=False) if s.id in ids else s for s in result.statements),
        themes=tuple(t for t in result.themes if t not in gone),
        personas=tuple(
            replace(p, sections=tuple((c, () if c == "objection" else th) for c, th in p.sections))
            if p is persona else p
            for p in result.personas
        ),
    )  # fmt: skip
    persona = next(p for p in fragmented.personas if p.role == persona.role)
    context = document_context(fragmented, out, out)
    page = persona_document(persona, "md", context, template_environment()).decode()
    assert "No objections came up" not in page
    # those statements, and any other fragment filed as an objection of the persona
    unquoted = re.search(r"No objections stood on its own as a quote: (\d+) statements filed here are part of a", page)
    assert unquoted is not None and int(unquoted[1]) >= len(ids)
    evidence = persona_document(persona, "html", context, template_environment(), "-evidence").decode()
    assert f"Part of a sentence, not a quote on its own: {unquoted[1]}" in evidence
    assert all(str(escape(s.text)) in evidence for s in fragmented.statements if s.id in ids)


def test_decisions_follow_a_transcript_away_for_one_run_and_back_under_another_name(batch, first_run, tmp_path):
    """Tester 40: the run without the file wrote the plain copy without its digest, so the file back under another
    name lost its decisions; and a deleted plain copy came back only with the next desk decision."""
    away_batch, out, source, offset = _a_rejected_quote(batch, first_run, tmp_path)
    interview_id = str(Path(source).with_suffix(""))
    (out / DECISIONS_FILE).unlink(missing_ok=True)
    assert main(["render", "--out", str(out)]) == 0
    assert (out / DECISIONS_FILE).is_file()  # a deleted plain copy comes back
    kept = tmp_path / "kept.txt"
    (away_batch / source).rename(kept)
    run(away_batch, out, SAMPLE_CONFIG, show_progress=False)
    copied = json.loads((out / DECISIONS_FILE).read_text("utf-8").splitlines()[0])
    assert interview_id in copied["digests"]  # kept while the file is away
    kept.rename(away_batch / f"back-{Path(source).name}")
    report = run(away_batch, out, SAMPLE_CONFIG, show_progress=False)
    assert any("followed 1 transcript renamed or moved" in note for note in report.notes), report.notes
    store = Store(out / STORE_NAME)
    rows = store.decisions()
    store.close()
    assert rows[0]["statement_ids"] == [f"back-{Path(source).stem}@{offset}"]


def test_a_reviewed_theme_a_rerun_dissolves_is_gathered_back_as_the_reviewer_left_it(first_run):
    """Tester 40: re-fitted on the reviewer's moves, a rerun of the same batch clustered a renamed and approved
    theme's statements apart (one left in a theme, the rest in none), and the rename read "applied" but showed
    nowhere."""
    result = stored(first_run[0])
    theme = next(t for t in patterns(result, "Finance Leader", "pain") if len(t.statement_ids) >= 3)
    kept = theme.statement_ids[0]
    scattered = replace(result, themes=tuple(
        replace(t, statement_ids=(kept,), quotes=tuple(q for q in t.quotes if q.statement_id == kept))
        if t.id == theme.id else t for t in result.themes
    ))  # fmt: skip
    review = apply_decisions(scattered, [decision(1, RENAME, theme.statement_ids, label="Chasing approvals")])
    assert all(not outcome.gone for outcome in review.outcomes.values())
    renamed = next(t for t in review.result.themes if t.label == "Chasing approvals")
    assert set(renamed.statement_ids) == set(theme.statement_ids)


def test_a_personas_decisions_follow_its_role_as_it_goes_by_its_function_or_back(first_run):
    """Tester 40: a fourth procurement interview turned the "Procurement" persona into "Procurement Manager", and
    its name, summary and approval were lost; they land on the one persona of that function, flagged changed."""
    result = stored(first_run[0])
    role, function = result.personas[0].role, "Contract Management"
    profiles = {key: replace(p, function=function if p.role == role else "Other") for key, p in result.profiles.items()}
    review = apply_decisions(replace(result, profiles=profiles), [
        decision(1, APPROVE, role=function, approved=True),
        decision(2, PERSONA, role=function, name="Contract-first Carol", summary="Buys on contract terms."),
        decision(3, APPROVE, role=f"{function} Someone Else", approved=True),  # no persona goes by it: gone
    ])  # fmt: skip
    assert [bool(outcome.gone) for outcome in review.outcomes.values()] == [False, False, True]
    persona = next(p for p in review.result.personas if p.role == role)
    assert (persona.name, persona.approved_by, persona.changed_since_approval) == ("Contract-first Carol",
                                                                                   "Jo Rivera", True)  # fmt: skip


def test_decisions_follow_a_transcript_renamed_and_edited_in_one_step(batch, first_run, tmp_path):
    """Tester 40: renamed and corrected in one step, a transcript matched no digest and lost every decision."""
    edited_batch, out, source, offset = _a_rejected_quote(batch, first_run, tmp_path)
    text = (edited_batch / source).read_text("utf-8")
    (edited_batch / source).unlink()
    (edited_batch / f"renamed-{Path(source).name}").write_text(f"\n{text}", "utf-8")  # a blank line above: edited
    report = run(edited_batch, out, SAMPLE_CONFIG, show_progress=False)
    assert any("followed 1 transcript renamed or moved" in note for note in report.notes), report.notes
    assert any("1 review decisions applied, 0 no longer apply" in note for note in report.notes), report.notes
    store = Store(out / STORE_NAME)
    rows = store.decisions()
    store.close()
    assert rows[0]["statement_ids"] == [f"renamed-{Path(source).stem}@{int(offset) + 1}"]


def _a_rejected_quote(batch: Path, first_run, tmp_path: Path) -> tuple[Path, Path, str, str]:
    """A copy of the batch and of its first run's output, a Finance Leader pain quote of a text transcript rejected
    there: (batch, output folder, the quote's transcript, its offset)."""
    copied, out = tmp_path / "interviews", tmp_path / "out"
    shutil.copytree(batch, copied)
    shutil.copytree(first_run[0], out)
    before = stored(out)
    sources = {i.id: i.source for i in before.interviews}
    # A quote of a plain-text transcript, as the tests edit its text (the batch holds Word files too).
    quote = next(q for theme in patterns(before, "Finance Leader", "pain") for q in theme.quotes[1:]
                 if sources[q.statement_id.rpartition("@")[0]].endswith((".txt", ".vtt", ".srt", ".md")))  # fmt: skip
    interview_id, _, offset = quote.statement_id.rpartition("@")
    source = sources[interview_id]
    store = Store(out / STORE_NAME)
    store.add_decision(MADE, "Jo Rivera", QUOTE_STATUS, "Finance Leader", [quote.statement_id], {"status": "rejected"},
                       "")  # fmt: skip
    store.close()
    return copied, out, source, offset
