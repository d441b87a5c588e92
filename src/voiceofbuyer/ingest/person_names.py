"""What a written name names: a person of the call with their title and company ("Jane Doe, Head of Finance at
Acme", "Jane Doe (CFO, Acme)"), or a company, a place or a meeting's topic ("Harlow Logistics", "Invoice Approvals").
"""

from __future__ import annotations

import re

from voiceofbuyer.job_words import names_a_job

# "Rosa Kim (RK), VP Member Experience": initials or pronouns in brackets after the name, then the title.
_PERSON = re.compile(
    r"(?P<name>[^,()|]+?)\s*(?:\([^()]*\)\s*(?=,|\s[-–—|]\s))?"
    r"(?:(?:,|\s[-–—|]\s)\s*(?P<rest>.+)|\((?P<paren>[^()]+)\))?\s*$"
)
_AT = re.compile(r"\s+(?:at|@)\s+|\s*,\s*")


def parse_person(value: str) -> tuple[str, str, str]:
    """(name, title, company) of "Jane Doe, Head of Finance at Acme", "Jane Doe (CFO, Acme)", "Jane Doe - CFO",
    "Jane Doe (she/her), CFO"."""
    match = _PERSON.match(value.strip().strip("*").strip())
    if not match:
        return value.strip(), "", ""
    name = match["name"].strip()
    rest = (match["rest"] or match["paren"] or "").strip()
    if not rest:
        return name, "", ""
    parts = _AT.split(rest, maxsplit=1)
    if len(parts) == 1 and not names_a_job(rest):  # "Owen Garcia, Westbrook Dental Labs": the company, no title
        return name, "", rest
    return name, parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""


# Words of a company's or a place's name, never of a person's: "Harlow Logistics | Fleet Manager", "Harbourline
# Marine, Finance Director".
_ORGANISATION_WORDS = frozenset(
    {"logistics", "inc", "llc", "ltd", "corp", "corporation", "company", "group", "holdings", "school", "schools",
     "university", "college", "bank", "hospital", "health", "clinic", "clinics", "solutions", "services", "systems",
     "partners", "labs", "county", "city", "council", "foundation", "institute", "agency", "media", "consulting",
     "technologies", "tech", "software", "capital", "industries", "foods", "energy", "insurance", "financial",
     "credit", "union", "plc", "gmbh", "ag", "sa", "bv", "marine", "shipping", "freight", "transport", "haulage",
     "aviation", "airlines", "construction", "manufacturing", "engineering", "pharma", "pharmaceuticals", "medical",
     "healthcare", "dental", "laboratories", "diagnostics", "therapeutics", "biotech", "pharmacy", "veterinary",
     "motors", "automotive", "aerospace", "electric", "utilities", "properties", "estates", "housing", "retail",
     "stores", "brands", "farms", "dairy", "hotels", "hospitality", "trading", "supplies", "supply", "distribution",
     "packaging", "plastics", "metals", "chemicals", "networks", "telecom", "communications", "analytics",
     "robotics", "ventures", "associates", "recruitment", "staffing", "realty", "payments", "bancorp", "trust",
     "academy", "district", "authority", "ministry", "department", "nhs", "beverage", "beverages", "cooperative",
     "co-op", "transit", "borough", "municipality", "&",
     # in other languages, as buyers abroad name their employer: "Grupo Farmavida" (tester 51), "Gruppo Lucchini",
     # "Groupe Berthier", "Maison Berthier", "Hoshino Denshi" (electronics), "Pragati Finserv"
     "grupo", "gruppo", "groupe", "gruppe", "maison", "empresa", "empresas", "compañía", "compagnie", "societe",
     "société", "sarl", "srl", "s.a", "s.l", "ltda", "oy", "aps", "nv", "pvt", "pty", "denshi", "finserv", "fintech"}
)  # fmt: skip
# Words of a meeting's topic, never of a person's name: "Invoice Approvals – Regional Controller".
_TOPIC_WORDS = frozenset(
    {"invoice", "invoices", "approvals", "approval", "project", "review", "team", "notes", "call", "interview",
     "pricing", "renewal", "onboarding", "kickoff", "discovery", "demo", "q1", "q2", "q3", "q4", "research"}
)  # fmt: skip


def names_no_person(name: str) -> bool:
    """A company's, a place's or a topic's name ("Ledgerly Research", "Harlow Logistics"), never a person's."""
    return bool(_words(name) & (_ORGANISATION_WORDS | _TOPIC_WORDS))


def names_an_organisation(name: str) -> bool:
    """A company's or a place's name ("Harbourline Marine", "Harlow County Schools"), not a topic's or a person's."""
    return bool(_words(name) & _ORGANISATION_WORDS) and not _words(name) & _TOPIC_WORDS


def _words(name: str) -> set[str]:
    return {word.lower().strip(".,") for word in name.split()}
