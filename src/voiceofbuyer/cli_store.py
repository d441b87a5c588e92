"""The commands that read a finished run back from its store: ``objections``, ``personas``, ``roles`` and
``decisions``, and what ``render`` and ``serve`` share with them (opening the store, the reviewed result)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StoreError
from .report import NOTHING_WRITTEN, one_line
from .store import DECISIONS_FILE, STORE_NAME, Store

if TYPE_CHECKING:
    from .records import BuyerProfile
    from .review import Review


def open_store(out: Path, writing: bool = False) -> Store | None:
    """The store of the run in ``out``; None (said) without one, or when ``writing`` and ``out`` cannot be written.
    Read-only when ``out`` or its store cannot be written (results on a read-only mount, or shared with someone who
    may only read them): reading needs no write access."""
    path = out / STORE_NAME
    if not path.is_file():
        print(f"error: {path}: no run found (fix: run `voiceofbuyer run DIR --out {out}` first)", file=sys.stderr)
        return None
    writable = os.access(out, os.W_OK) and os.access(path, os.W_OK)
    if writing and not writable:
        print(f"error: {out}: the output folder or its store cannot be written (fix: make them writable, or copy the "
              "folder somewhere that is and give that with --out)", file=sys.stderr)  # fmt: skip
        return None
    return Store(path, settled=not writable)


def reviewed_result(out: Path) -> tuple[Review, Path, str] | None:
    """The last run's result with the review decisions applied, its batch folder and the config file it used
    (``defaults`` when none); None (said) without a run."""
    from .decision_rows import decisions_of
    from .results import load_result
    from .review import apply_decisions

    store = open_store(out)
    if store is None:
        return None
    try:
        review = apply_decisions(load_result(store), decisions_of(store))
        run = store.last_run() or {}
        return review, Path(run["batch"]), run["config"]
    finally:
        store.close()


def show_objections(args: argparse.Namespace) -> int:
    from .objections import interviewees_per_role, objection_list, objections_csv, objections_markdown
    from .result_json import theme_document

    reviewed = reviewed_result(args.out)
    if reviewed is None:
        return 2
    result = reviewed[0].result
    known_roles = {p.role for p in result.personas}
    named = {role.casefold(): role for role in known_roles}
    if args.role:
        args.role = named.get(args.role.casefold(), args.role)  # "finance leader" is "Finance Leader"
    if args.role and args.role not in known_roles:
        print(f"error: no role {args.role!r}; roles: {', '.join(sorted(known_roles))}", file=sys.stderr)
        return 2
    objections = objection_list([theme_document(t) for t in result.themes], interviewees_per_role(result), args.role)
    if args.format == "json":
        print(json.dumps(objections, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        sys.stdout.flush()
        sys.stdout.buffer.write(objections_csv(objections))  # the same bytes as objections.csv, BOM included
        sys.stdout.buffer.flush()
    else:
        print(objections_markdown(objections) if objections else "No objections found.")
    return 0


def show_personas(args: argparse.Namespace) -> int:
    reviewed = reviewed_result(args.out)
    if reviewed is None:
        return 2
    result = reviewed[0].result
    themes = Counter(t.role for t in result.themes if not t.mentioned_once)
    # People, beside interviews: a buyer interviewed twice is one voice (``persons``).
    print(f"{'role':<32} {'interviews':>10} {'people':>6} {'companies':>9} {'themes':>6}  {'approved by':<24} file")
    for p in result.personas:
        path = args.out / "personas" / f"{p.slug}.md"
        approval = f"{p.approved_by} {p.approved_on}" if p.approved_by else "—"
        approval += " (changed since)" if p.changed_since_approval else ""  # set only on an approved persona
        counts = f"{len(p.interviews):>10} {p.interviewee_count:>6} {len(p.companies):>9} {themes[p.role]:>6}"
        print(f"{p.role:<32} {counts}  {approval:<24} {path}")
    return 0


def show_roles(args: argparse.Namespace) -> int:
    store = open_store(args.out)
    if store is None:
        return 2
    from .results import load_result

    try:
        result = load_result(store)
    finally:
        store.close()
    by_role: dict[str, list[BuyerProfile]] = {}
    for profile in result.profiles.values():
        by_role.setdefault(profile.role, []).append(profile)
    for role in sorted(by_role):
        members = sorted(by_role[role], key=lambda p: p.interview_id)
        people = len({buyer.person_key for buyer in members})
        of_people = f" of {people} {'person' if people == 1 else 'people'}" if people != len(members) else ""
        print(f"{role} ({len(members)} interview{'s' if len(members) != 1 else ''}{of_people})")
        for buyer in members:
            title = f", {buyer.title}" if buyer.title else ""
            print(one_line(f"  {buyer.interview_id}: {buyer.name or '?'}{title} [role from {buyer.role_source}]"))
    return 0


def exchange_decisions(args: argparse.Namespace) -> int:
    store = open_store(args.out, writing=args.action == "import")
    if store is None:
        return NOTHING_WRITTEN
    try:
        if args.action == "export" and str(args.file) == "-":  # to standard output, for a pipe
            lines, count = store.decision_lines()
            sys.stdout.flush()
            sys.stdout.buffer.write(lines)
            sys.stdout.buffer.flush()
            print(f"{count} decisions written to standard output", file=sys.stderr)
        elif args.action == "export":
            try:
                count = store.export_decisions(args.file)
            except OSError as error:
                raise StoreError(
                    f"{args.file}: cannot be written ({error.strerror}) (fix: give the path of a new file in a "
                    "folder you can write to, e.g. decisions.jsonl)"
                ) from error
            print(f"{count} decisions written to {args.file}")
        else:
            from .decision_rows import read_decisions

            added, known = store.import_decisions(read_decisions(args.file))
            store.export_decisions(args.out / DECISIONS_FILE)  # the plain copy beside the store stays complete
            print(f"{added} decisions imported from {args.file} ({known} already in the store); "
                  f"run `voiceofbuyer render --out {args.out}` to apply them to the documents")  # fmt: skip
    finally:
        store.close()
    return 0
