"""Records ↔ JSON: the one place where the pipeline's typed records (``records``) are turned into JSON-ready
values and back, for the store and the caches.

pydantic reads the dataclasses' type hints, so a new field is carried without touching this module, and reading
back validates: a stored value of the wrong shape is a ``SchemaError`` naming the record, never a half-built
record. This is the store's internal form; the published ``voiceofbuyer.json`` is a separate, documented view
of a result (``result_json.result_document``), so either can change without the other.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

Record = TypeVar("Record")


class SchemaError(ValueError):
    """A stored value does not have the shape of the record it is read as."""


@cache
def _adapter(kind: type) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def to_json(record: Any) -> Any:
    """A record (a dataclass of ``records``, or a list or dict of them) as JSON-ready values: tuples become
    lists, nested records dicts."""
    return _adapter(type(record)).dump_python(record, mode="json")


def from_json(kind: type[Record], value: Any) -> Record:
    """The record of type ``kind`` that ``to_json`` turned into ``value``; ``SchemaError`` when it does not fit."""
    try:
        return _adapter(kind).validate_python(value)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "value"
        raise SchemaError(f"{kind.__name__}: {where}: {first['msg']}") from error
