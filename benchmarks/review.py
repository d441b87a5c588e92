"""Speed of the review desk on a large store, printed as figures (never asserted).

    python benchmarks/review.py [--base outputs] [--interviews 100] [--parts 3] [--requests 20]

Builds a store of 100 interviews (about 30,000 statements) without running the models 100 times: one real run
of the sample batch (or the store in ``--base``), then each synthetic interview is ``--parts`` sample
interviews of one role joined end to end under a new id, its statements and themes carried over with shifted
offsets and new ids, and the result written through the store like a run's (every quote still passes the
evidence audit). Then ``voiceofbuyer serve`` runs in its own process and an HTTP client times the pages:
persona pages and searches against the 200 ms target, and the other pages, a review action and the page load
after it for context.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx

from voiceofbuyer.audit import audit_result
from voiceofbuyer.config import load_config
from voiceofbuyer.personas import build_personas
from voiceofbuyer.pipeline import run
from voiceofbuyer.records import (
    UNASSIGNED_ROLE,
    BuyerProfile,
    Classification,
    Interview,
    RunResult,
    SpeakerRoles,
    Statement,
    Theme,
)
from voiceofbuyer.results import load_result, result_rows
from voiceofbuyer.store import STORE_NAME, Store
from voiceofbuyer.themes import quote_of, reach

ROOT = Path(__file__).resolve().parents[1]
CONFIG = load_config(ROOT / "transcripts" / "voiceofbuyer.toml")
TARGET_MS = 200
STATIC_TARGET_MS = 50
SEARCHES = (
    {"q": "invoices"},
    {"q": "approval"},
    {"q": "month end"},
    {"q": "invoices", "role": "Finance Leader", "category": "pain"},
    {"q": "vendor", "company": "Northwind Freight #1"},
    {"role": "AP Specialist", "category": "objection"},
)


def synthesise(base: RunResult, count: int, parts: int) -> RunResult:
    """``count`` interviews, each ``parts`` sample interviews of one role joined, with their themes grown."""
    by_role: dict[str, list[Interview]] = defaultdict(list)
    for interview in base.interviews:
        if base.profiles[interview.id].role != UNASSIGNED_ROLE:
            by_role[base.profiles[interview.id].role].append(interview)
    roles = sorted(by_role)
    statements_of: dict[str, list[Statement]] = defaultdict(list)
    for statement in base.statements:
        statements_of[statement.interview_id].append(statement)
    interviews: list[Interview] = []
    profiles: dict[str, BuyerProfile] = {}
    speakers: dict[str, SpeakerRoles] = {}
    statements: list[Statement] = []
    classifications: dict[str, Classification] = {}
    copies: dict[str, list[str]] = defaultdict(list)  # base statement id → its synthetic copies
    for number in range(count):
        role = roles[number % len(roles)]
        members = by_role[role]
        turn = number // len(roles)  # this role's turn: its sample interviews are taken in rotation
        sources = [members[(turn * parts + k) % len(members)] for k in range(parts)]
        new_id = f"synthetic-{number:03d}"
        text_parts, turns, chars, seconds = [], [], 0, 0.0
        for source in sources:
            for statement in statements_of[source.id]:
                copy = _shifted(statement, new_id, chars, seconds)
                statements.append(copy)
                copies[statement.id].append(copy.id)
                classification = base.classifications[statement.id]
                classifications[copy.id] = replace(classification, statement_id=copy.id)
            turns += [
                replace(t, start_char=t.start_char + chars, end_char=t.end_char + chars,
                        start=_later(t.start, seconds), end=_later(t.end, seconds), words=())
                for t in source.turns
            ]  # fmt: skip
            text_parts.append(source.text)
            chars += len(source.text) + 1
            seconds += max((t.end or t.start or 0.0 for t in source.turns), default=0.0) + 1
        first = sources[0]
        meta = replace(first.meta, company=f"{first.meta.company} #{number % 4}" if first.meta.company else "")
        interviews.append(replace(first, id=new_id, source=f"{new_id}.txt", text="\n".join(text_parts),
                                  turns=tuple(turns), meta=meta, media=""))  # fmt: skip
        profile = base.profiles[first.id]
        profiles[new_id] = replace(profile, interview_id=new_id, name=f"{profile.name} {number}".strip())
        speakers[new_id] = base.speakers[first.id]
    by_id = {i.id: i for i in interviews}
    by_statement = {s.id: s for s in statements}
    themes = []
    for theme in base.themes:
        grown = sorted(copy for sid in theme.statement_ids for copy in copies[sid])
        if not grown:
            continue
        quoted = [by_statement[copies[q.statement_id][0]] for q in theme.quotes if copies[q.statement_id]]
        quotes = tuple(quote_of(s, by_id[s.interview_id], profiles[s.interview_id]) for s in quoted)
        ids, companies = reach((by_statement[s].interview_id for s in grown), lambda i: by_id[i].meta.company)
        themes.append(replace(theme, statement_ids=tuple(grown), quotes=quotes, interviews=ids, companies=companies))
    personas = build_personas([profiles[i.id] for i in interviews], by_id, themes)
    return RunResult(
        batch=f"synthetic-{count}",
        interviews=tuple(interviews),
        speakers=speakers,
        profiles=profiles,
        statements=tuple(statements),
        classifications=classifications,
        themes=tuple(themes),
        personas=tuple(personas),
    )


def _later(value: float | None, seconds: float) -> float | None:
    return None if value is None else value + seconds


def _shifted(statement: Statement, interview_id: str, chars: int, seconds: float) -> Statement:
    start_char = statement.start_char + chars
    return replace(
        statement,
        id=f"{interview_id}@{start_char}",
        interview_id=interview_id,
        start_char=start_char,
        end_char=statement.end_char + chars,
        removed=tuple((a + chars, b + chars, reason) for a, b, reason in statement.removed),
        start=_later(statement.start, seconds),
        end=_later(statement.end, seconds),
    )


def write_store(result: RunResult, out: Path, batch: Path) -> None:
    store = Store(out / STORE_NAME)
    try:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        run_id = store.start_run(now, str(batch.resolve()), "synthetic")
        store.finish_run(run_id, now, {"synthetic": True}, result_rows(result))
    finally:
        store.close()


def timed(client: httpx.Client, method: str, url: str, repeat: int, **options) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.request(method, url, **options)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code < 400, (url, response.status_code)
    return times


def line(name: str, times: list[float], target: bool = False) -> str:
    times = sorted(times)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    verdict = f"  {'within' if p95 < TARGET_MS else 'OVER'} the {TARGET_MS} ms target" if target else ""
    return f"{name:<46} median {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  max {times[-1]:7.1f} ms{verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, help="output folder of a run of the sample batch (default: run it now)")
    parser.add_argument("--interviews", type=int, default=100)
    parser.add_argument("--parts", type=int, default=3, help="sample interviews joined into each synthetic one")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base_out = Path(scratch) / "base"
        if args.base:
            base_out.mkdir()
            shutil.copy(args.base / STORE_NAME, base_out / STORE_NAME)
        else:
            print("running the sample batch once (models load: about a minute)...", flush=True)
            run(ROOT / "transcripts", base_out, CONFIG, show_progress=False)
        store = Store(base_out / STORE_NAME)
        base = load_result(store)
        batch = Path(store.last_run()["batch"])  # type: ignore[index]
        store.close()

        started = time.perf_counter()
        result = synthesise(base, args.interviews, args.parts)
        audited = audit_result(result, CONFIG.segment.fillers)
        out = Path(scratch) / "large"
        write_store(result, out, batch)
        built = time.perf_counter() - started
        print(f"## store: {len(result.interviews)} interviews, {len(result.statements)} statements, "
              f"{len(result.themes)} themes, {len(result.personas)} personas; built in {built:.1f}s "
              f"({audited} quotes audited); {(out / STORE_NAME).stat().st_size / 2**20:.0f} MiB")  # fmt: skip

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "voiceofbuyer.cli", "serve", "--store", str(out), "--port", str(port)],
            stdout=subprocess.DEVNULL,
        )
        try:
            address = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=address, timeout=60) as client:
                started = time.perf_counter()
                for _ in range(300):
                    try:
                        client.get("/")
                        break
                    except httpx.ConnectError:
                        time.sleep(0.1)
                print(f"server start and first page (loads the store): {time.perf_counter() - started:.2f}s")
                figures = []
                for persona in result.personas:
                    url = f"/persona/{persona.slug}"
                    size = len(client.get(url).content)
                    figures.append(line(f"persona page {persona.slug} ({size // 1024} KB)",
                                        timed(client, "GET", url, args.requests), target=True))  # fmt: skip
                for params in SEARCHES:
                    hits = re.search(r'data-total="(\d+)"', client.get("/search", params=params).text)
                    label = f"search {' '.join(f'{k}={v}' for k, v in params.items())}"[:32]
                    label += f" ({hits.group(1) if hits else 0} hits)"
                    figures.append(line(label, timed(client, "GET", "/search", args.requests, params=params),
                                        target=True))  # fmt: skip
                theme = max(result.themes, key=lambda t: len(t.statement_ids))
                quote_id = quote(theme.quotes[0].statement_id, safe="/@")
                for name, url in (
                    ("overview", "/"),
                    (f"theme page ({len(theme.statement_ids)} statements)", f"/theme/{theme.id}"),
                    ("evidence page", f"/evidence/{quote_id}"),
                    ("interview page", f"/interview/{result.interviews[0].id}"),
                    ("decision log", "/decisions"),
                ):
                    figures.append(line(name, timed(client, "GET", url, args.requests)))
                figures.append(line("export persona Markdown", timed(client, "GET", "/export/finance-leader.md", 5)))
                figures.append(line("export objections CSV", timed(client, "GET", "/export/objections.csv", 5)))
                figures.append(review_figures(client, theme, args.requests))
                figures.extend(under_writer_figures(address, theme, result.personas[0].slug, args.requests * 5))
        finally:
            server.terminate()
            server.wait(timeout=10)
        print("\n".join(figures))


def review_figures(client: httpx.Client, theme: Theme, repeat: int) -> str:
    """A rename (the write, then the redirected page that re-applies every decision), ``repeat`` times."""
    client.get("/")
    csrf = client.cookies["vob_csrf"]
    client.post("/reviewer", data={"csrf": csrf, "name": "Benchmark", "next": "/"})
    times = []
    for number in range(repeat):
        page = client.get(f"/theme/{theme.id}").text
        version = re.search(r'name="version" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        started = time.perf_counter()
        response = client.post(f"/theme/{theme.id}/rename", follow_redirects=True,
                               data={"csrf": csrf, "version": version, "label": f"Renamed {number}"})  # fmt: skip
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return line("rename a theme + reload its page", times)


def under_writer_figures(address: str, theme: Theme, slug: str, repeat: int) -> list[str]:
    """The stylesheet and a persona page while another reviewer renames a theme in a loop (target: static file
    p95 under 50 ms)."""
    stop = threading.Event()
    writes = [0]

    def write_loop() -> None:
        with httpx.Client(base_url=address, timeout=60) as writer:
            writer.get("/")
            csrf = writer.cookies["vob_csrf"]
            writer.post("/reviewer", data={"csrf": csrf, "name": "Other reviewer", "next": "/"})
            while not stop.is_set():
                page = writer.get(f"/theme/{theme.id}").text
                version = re.search(r'name="version" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
                writer.post(f"/theme/{theme.id}/rename",
                            data={"csrf": csrf, "version": version, "label": f"Renamed {writes[0]}"})  # fmt: skip
                writes[0] += 1

    loop = threading.Thread(target=write_loop)
    loop.start()
    try:
        time.sleep(0.5)
        with httpx.Client(base_url=address, timeout=60) as reader:
            static = timed(reader, "GET", "/static/desk.css", repeat)
            persona = timed(reader, "GET", f"/persona/{slug}", max(5, repeat // 5))
    finally:
        stop.set()
        loop.join()
    p95 = sorted(static)[max(0, round(0.95 * len(static)) - 1)]
    verdict = "within" if p95 < STATIC_TARGET_MS else "OVER"
    return [
        line("static file, another reviewer writing", static) + f"  {verdict} the {STATIC_TARGET_MS} ms target",
        line("persona page, another reviewer writing", persona),
        f"  ({writes[0]} decisions written meanwhile)",
    ]


if __name__ == "__main__":
    main()
