"""ETag / If-Match: a write must prove it was based on the current version of the record."""

from typing import Protocol

from fastapi import Response

from app.errors import PreconditionFailed, PreconditionRequired


class HasVersion(Protocol):
    id: int
    version: int


def etag(obj: HasVersion) -> str:
    return etag_for(type(obj).__name__.lower(), obj.id, obj.version)


def etag_for(kind: str, id_: int, version: int) -> str:
    return f'"{kind}-{id_}-v{version}"'


def set_etag(response: Response, obj: HasVersion) -> None:
    response.headers["ETag"] = etag(obj)


def expected_version(header: str | None, obj: HasVersion) -> int:
    """The version the client read. Missing header: 428. Not the current one: 412."""
    if header is None or not header.strip():
        raise PreconditionRequired()
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    if "*" in tags or etag(obj) in tags:
        return obj.version
    raise PreconditionFailed()
