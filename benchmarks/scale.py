"""How the pipeline scales with the batch: printed figures (never asserted).

    python benchmarks/scale.py N [N ...] [--statements 300] [--engine local|ray] [--realworld ../shared/realworld-ai]

For each N, builds a batch of N interviews of real-interview length from the 622 real typed dialogs in
``../shared/realworld-ai`` (AnthropicInterviewer dataset, MIT licence): each interview opens with a real
participant's self-introduction and goes on with real questions and answers drawn from other dialogs until it
holds about ``--statements`` sentences; sentences are recombined at a comma with the tail of another real
sentence where that keeps every sentence of the batch unique (so no cache or duplicate makes a large batch
cheap). Then runs ``voiceofbuyer run`` on it in a fresh process with an empty store and prints: wall time,
statements, per-stage seconds and statements per second, and the peak resident memory of that process, with
the ratio of each figure to the previous N (time per statement: flat is linear scaling).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TURN = re.compile(r"^(Assistant|AI|User):\s*", re.M)
SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z\"'])")
RUN = """
import json, sys
from pathlib import Path
from voiceofbuyer.config import load_config
from voiceofbuyer.engine import make_engine
from voiceofbuyer.pipeline import run
engine = make_engine(sys.argv[3])
try:
    report = run(Path(sys.argv[1]), Path(sys.argv[2]), load_config(None), show_progress=False, engine=engine)
finally:
    engine.close()
print(json.dumps({"statements": report.statements, "interviews": report.interviews, "stages": report.stage_seconds}))
"""


def dialogs(folder: Path) -> list[list[tuple[str, str]]]:
    """(question, answer) pairs of each dialog, in order."""
    found = []
    for path in sorted(folder.glob("*.md")):
        body = path.read_text("utf-8").split("---", 1)[-1]
        parts = TURN.split(body)[1:]
        turns = [(label, " ".join(text.split())) for label, text in zip(parts[::2], parts[1::2], strict=False)]
        pairs = [(q, a) for (ql, q), (al, a) in itertools.pairwise(turns) if ql != "User" and al == "User"]
        if len(pairs) >= 3:
            found.append(pairs)
    return found


def build_batch(folder: Path, count: int, statements: int, source: list[list[tuple[str, str]]]) -> None:
    """``count`` interviews of about ``statements`` answer sentences each, every sentence unique in the batch."""
    rng = random.Random(count)
    tails = [s.split(", ", 1)[1] for pairs in source for _, a in pairs for s in SENTENCE.split(a) if ", " in s]
    used: set[str] = set()

    def unique(sentence: str) -> str:
        for _ in range(20):
            if sentence not in used:
                break
            head = sentence.split(", ", 1)[0] if ", " in sentence else sentence.rstrip(".?!")
            sentence = f"{head}, {rng.choice(tails)}"
        used.add(sentence)
        return sentence

    for number in range(count):
        opening = rng.choice(source)
        pairs = opening[:2]
        said = sum(len(SENTENCE.split(a)) for _, a in pairs)
        while said < statements:
            question, answer = rng.choice(rng.choice(source)[2:] or opening)
            pairs.append((question, answer))
            said += len(SENTENCE.split(answer))
        lines = []
        for question, answer in pairs:
            lines.append(f"Interviewer: {question}")
            lines.append("Respondent: " + " ".join(unique(s) for s in SENTENCE.split(answer)))
        (folder / f"interview-{number:05d}.txt").write_text("\n".join(lines) + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+", metavar="N")
    parser.add_argument("--statements", type=int, default=300, help="answer sentences per interview")
    parser.add_argument("--engine", default="local", choices=("local", "ray"))
    parser.add_argument("--realworld", type=Path, default=ROOT.parent / "shared" / "realworld-ai")
    args = parser.parse_args()
    source = dialogs(args.realworld)
    print(f"source: {len(source)} real dialogs from {args.realworld}; engine: {args.engine}")
    previous: dict[str, float] | None = None
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            batch = Path(scratch) / "batch"
            batch.mkdir()
            build_batch(batch, size, args.statements, source)
            started = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            done = subprocess.run(
                [sys.executable, "-c", RUN, str(batch), str(Path(scratch) / "out"), args.engine],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            wall = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            if done.returncode != 0:
                print(f"N={size}: failed\n{done.stderr[-2000:]}")
                continue
            figures = json.loads(done.stdout.strip().splitlines()[-1])
        statements = figures["statements"]
        memory = max(peak, before) / 1024  # MiB; ru_maxrss of children is the largest child so far
        per_statement = wall / max(statements, 1) * 1000
        now = {"wall": wall, "per_statement": per_statement, "memory": memory}
        ratio = "" if previous is None else (
            f" (× previous: wall {wall / previous['wall']:.2f}, per statement "
            f"{per_statement / previous['per_statement']:.2f}, memory {memory / previous['memory']:.2f})"
        )  # fmt: skip
        print(f"N={size}: {figures['interviews']} interviews, {statements} statements, wall {wall:.0f} s, "
              f"{per_statement:.2f} ms per statement, peak memory {memory:.0f} MiB{ratio}")  # fmt: skip
        stages = ", ".join(
            f"{name} {seconds:.1f} s ({statements / seconds:.0f}/s)" if seconds > 0 else f"{name} 0 s"
            for name, seconds in figures["stages"].items()
        )
        print(f"  stages: {stages}")
        previous = now


if __name__ == "__main__":
    main()
