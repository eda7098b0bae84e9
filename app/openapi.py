"""The API's OpenAPI document, completed: every operation declares the problems it can answer
(RFC 9457 problem details, `application/problem+json`) beside its success, so an integrating
system, and a contract test, knows every status it may get."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

PROBLEM: dict[str, Any] = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {"type": "array", "description": "One entry per field that is wrong.",
                   "items": {"type": "object", "properties": {
                       "field": {"type": "string", "description": "The field's path."},
                       "loc": {"type": "array", "items": {}},
                       "message": {"type": "string"}}}},
    },
}
#: Any operation: not signed in, not allowed, not found (or out of reach), not valid, too
#: many at once.
ALWAYS = {
    "400": "The request could not be read.",
    "401": "No valid token or session.",
    "403": "Not allowed (for example a read-only token).",
    "404": "Not found, or not within your reach.",
    "413": "The request is too large.",
    "422": "What was sent is not valid: each problem under `errors`, with its field.",
    "429": "Too many attempts; try again later.",
}
#: Operations that change something: a rule of the record refuses it, a stale or missing
#: If-Match.
WRITES = {
    "409": "The record's rules refuse this change as things stand.",
    "412": "Someone changed the record since you read it (If-Match is stale); nothing changed.",
    "428": "Send If-Match with the ETag you read.",
}


def _problem_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def complete(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for methods in schema.get("paths", {}).values():
        for method, op in methods.items():
            responses = op.setdefault("responses", {})
            wanted = {**ALWAYS, **(WRITES if method in ("post", "put", "patch", "delete")
                                   else {})}
            for code, words in wanted.items():
                responses[code] = _problem_response(words)
    for name in ("HTTPValidationError", "ValidationError"):
        schema["components"]["schemas"].pop(name, None)
    app.openapi_schema = schema
    return schema
