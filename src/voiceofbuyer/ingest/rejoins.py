"""A speaker who dropped out of the call and came back under another label: one person, two labels.

A phone shows the name shorter ("Dana W (Guest)" for "Dana Whitfield (Guest)"), Zoom marks a second device ("Priya
(2)"), someone who joined from the browser shows their e-mail address until they type their name
("dferreira@coastalmutual.com", then "Daniela Ferreira"), and a buyer who dials in or rejoins after a crash comes
back as a number ("13125550187") or a new voice ("Speaker 3"), which the call itself names ("Hi, sorry, it's Kwame,
I'm dialing in from my phone now", "welcome back Priyanka").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from voiceofbuyer.ingest.labels import CALL_MARK
from voiceofbuyer.records import Turn

_INITIALLED = re.compile(r"(?P<given>\S+)\s+(?P<initial>[A-Z])\.?(?P<mark>\s*\(.*\))?")
_DUPLICATE_JOIN = re.compile(r"\s*\(\d\)$")
"""Zoom's mark for a second device joined under a name already in the call: "Priya (2)"."""


def _shortened(speakers: list[str], order: list[str], given_name: Callable[[str], str]) -> dict[str, str]:
    """A label that shortens one full name, with the surname cut to its initial ("Dana W (Guest)" for "Dana
    Whitfield (Guest)") or marked as a second device ("Priya (2)", "Priya Raman (2)" for "Priya Raman"), that speaks
    only after every turn of that name has been said, or only before: one person who dropped and rejoined from
    another device (a phone shows the name shorter), never two voices taking turns."""
    found = {}
    for short in speakers:
        base = _DUPLICATE_JOIN.sub("", short.strip())
        cut = _INITIALLED.fullmatch(base)
        if cut is not None:
            mark = (cut["mark"] or "").strip()
            whole = [
                other for other in speakers
                if other != short and other.endswith(mark) and len(words := other.removesuffix(mark).split()) == 2
                and words[0] == cut["given"] and words[1][:1] == cut["initial"] and len(words[1]) > 2
            ]  # fmt: skip
        elif base != short.strip():
            # "Priya Shah (2)" for "Priya Shah (Guest)": Teams marks the guest, the second device gets a number
            whole = [other for other in speakers if other != short
                     and base in (other, given_name(other), CALL_MARK.sub("", other).strip())
                     and len(other.split()) > 1]  # fmt: skip
        else:
            continue
        if len(whole) != 1:
            continue
        (first_short, last_short), (first_whole, last_whole) = _span(order, short), _span(order, whole[0])
        if last_whole < first_short or last_short < first_whole:
            found[short] = whole[0]
    return found


def _span(order: list[str], speaker: str) -> tuple[int, int]:
    """The indexes of ``speaker``'s first and last turns in ``order``."""
    return order.index(speaker), len(order) - 1 - order[::-1].index(speaker)


# Said as one comes back: "I'm back", "dialing in from my phone", "Zoom crashed", "welcome back", "you froze".
_BACK = re.compile(
    r"\b(?:back|dial(?:l)?ing\s+in|dialled\s+in|dialed\s+in|rejoin\w*|froze|frozen|crashed|dropped|lost\s+(?:you|him|her))\b",
    re.I,
)


def login_spells(login: str, name: str) -> bool:
    """Whether a login's part before the "@" spells a full name as accounts are named: "dferreira", "daniela.ferreira",
    "ferreira_d", "danielaf2" for "Daniela Ferreira" (accents and digits aside)."""

    def plain(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalpha() or c in " ._-")

    words = plain(CALL_MARK.sub("", name)).split()
    if len(words) < 2:
        return False
    first, last = words[0], words[-1]
    local = "".join(plain(login.split("@")[0]).replace("-", " ").replace("_", " ").replace(".", " ").split())
    return local in {first + last, first[0] + last, first + last[0], last + first, last + first[0], last}


def _renamed_logins(speakers: list[str], order: list[str], is_login: Callable[[str], bool]) -> dict[str, str]:
    """A login label ("dferreira@coastalmutual.com") that spells one full name in the call and speaks only before
    that name's first turn or only after its last: the same person, who typed their name mid-call (or lost it
    rejoining), never two voices taking turns."""
    found = {}
    for login in (label for label in speakers if is_login(label)):
        named = [other for other in speakers if other != login and login_spells(login, other)]
        if len(named) != 1:
            continue
        (first_login, last_login), (first_named, last_named) = _span(order, login), _span(order, named[0])
        if last_login < first_named or last_named < first_login:
            found[login] = named[0]
    return found


def rejoined(
    turns: list[Turn],
    given_name: Callable[[str], str],
    is_placeholder: Callable[[str], bool],
    is_login: Callable[[str], bool],
) -> dict[str, str]:
    """Labels of one speaker who left and came back, each with the label it stands for (``_shortened``,
    ``_renamed_logins``), and an unnamed voice or a number (``is_placeholder``) that speaks only after a full name's
    last turn, in a passage that says so: the name said in its first turn or in the turn on either side, with words
    of coming back."""
    speakers = list(dict.fromkeys(turn.speaker for turn in turns))
    order = [turn.speaker for turn in turns]
    found = _shortened(speakers, order, given_name) | _renamed_logins(speakers, order, is_login)
    for label in speakers:
        if not is_placeholder(label):
            continue
        first = order.index(label)
        around = " ".join(turn.text for turn in turns[max(0, first - 1) : first + 2])
        if not _BACK.search(around):
            continue
        gone = [
            name for name in speakers
            if len(name.split()) > 1 and name != label and name not in found and _span(order, name)[1] < first
            and re.search(rf"\b{re.escape(given_name(name))}\b", around)
        ]  # fmt: skip
        if len(gone) == 1:
            found[label] = gone[0]
    return found
