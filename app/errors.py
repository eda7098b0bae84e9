"""Domain errors and the one handler tree that turns them into problem details or pages."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("app.errors")


@dataclass
class FieldError:
    """One problem with one field. `loc` is its path, e.g. ["body", "date_of_birth"]."""

    loc: list[str | int]
    message: str

    @property
    def field(self) -> str:
        parts = [str(p) for p in self.loc if p not in ("body", "query", "path")]
        return ".".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {"loc": self.loc, "field": self.field, "message": self.message}


@dataclass
class DomainError(Exception):
    """A rule said no. Raised by services; never an HTTPException."""

    detail: str
    errors: list[FieldError] = field(default_factory=list)
    status: int = 400
    title: str = "Bad request"
    slug: str = "bad-request"

    def __str__(self) -> str:
        return self.detail


class NotFound(DomainError):
    def __init__(self, detail: str = "We could not find that record.") -> None:
        super().__init__(detail=detail, status=404, title="Not found", slug="not-found")


class Forbidden(DomainError):
    def __init__(self, detail: str = "You do not have permission to do that.") -> None:
        super().__init__(detail=detail, status=403, title="Forbidden", slug="forbidden")


class Unauthorised(DomainError):
    def __init__(self, detail: str = "Sign in to continue.") -> None:
        super().__init__(detail=detail, status=401, title="Not signed in", slug="unauthorised")


class Conflict(DomainError):
    """The request conflicts with the record's current state (a rule, or a state transition)."""

    def __init__(self, detail: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(
            detail=detail, errors=errors or [], status=409, title="Conflict", slug="conflict"
        )


class PreconditionFailed(DomainError):
    """Someone else changed the record since the client read it."""

    def __init__(
        self,
        detail: str = "Someone else changed this record since you opened it. "
        "Nothing was saved. Reload it to see their changes, then make yours again.",
    ) -> None:
        super().__init__(
            detail=detail, status=412, title="Changed by someone else", slug="edit-conflict"
        )


class PreconditionRequired(DomainError):
    def __init__(self) -> None:
        super().__init__(
            detail="Send the record's ETag in an If-Match header, so that a change made by "
            "someone else since you read it is not overwritten.",
            status=428,
            title="If-Match header required",
            slug="precondition-required",
        )


class BadForm(DomainError):
    """A form came back with a hidden field, an id or a choice that the page never offered:
    changed by hand, or from a page so old that it no longer fits."""

    def __init__(self) -> None:
        super().__init__(
            detail="This form was changed or is out of date. Reload the page and try again.",
            status=400, title="This form was changed or is out of date", slug="bad-form",
        )


class NotPrinted(DomainError):
    """A document could not be printed within its limits of time and memory."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail=detail, status=422, title="This document could not be printed",
                         slug="not-printed")


class Invalid(DomainError):
    def __init__(self, errors: list[FieldError], detail: str | None = None) -> None:
        super().__init__(
            detail=detail
            or "There is a problem with what was entered: " + "; ".join(e.message for e in errors),
            errors=errors,
            status=422,
            title="Check what you entered",
            slug="validation",
        )


# Plain words for Pydantic's error types. {label} is the field's name in plain words.
_MESSAGES: dict[str, str] = {
    "missing": "Enter {label}",
    "string_too_short": "Enter {label}",
    "string_too_long": "{Label} must be {max_length} characters or fewer",
    "date_parsing": "{Label} must be a real date",
    "date_from_datetime_parsing": "{Label} must be a real date",
    "date_type": "{Label} must be a real date",
    "time_parsing": "{Label} must be a real time, for example 14:30",
    "time_type": "{Label} must be a real time, for example 14:30",
    "int_parsing": "{Label} must be a whole number",
    "int_type": "{Label} must be a whole number",
    "bool_parsing": "{Label} must be yes or no",
    "enum": "Select {label} from the list",
    "literal_error": "Select {label} from the list",
    "extra_forbidden": "{Label} is not a field we know; remove it",
    "json_invalid": "The request body is not valid JSON",
    "model_attributes_type": "The request body must be a JSON object",
    "dict_type": "The request body must be a JSON object",
    "string_pattern_mismatch": "{Label} is not in the right format",
    "value_error_email": "Enter an email address in the right format, like name@example.com",
    "greater_than_equal": "{Label} must be {ge} or more",
    "less_than_equal": "{Label} must be {le} or less",
}


#: Field names in the words a social worker uses.
FIELD_LABELS = {
    "given_name": "the first name",
    "family_name": "the family name",
    "date_of_birth": "the date of birth",
    "expected_date": "the expected date of birth",
    "upn": "the unique pupil number",
    "closure_reason": "the reason for closing the case",
    "closed_on": "the closing date",
    "opened_on": "the date the case opened",
    "team_id": "the team",
    "worker_id": "the allocated worker",
    "email": "the email address",
    "phone": "the phone number",
    "role": "how this person is involved",
    "relationship": "the relationship",
    "title": "a short summary",
    "occurred_on": "the date it happened",
    "occurred_time": "the time",
    "kind": "what kind of contact this was",
    "received_on": "the date it was received",
}


def _label(loc: tuple[str | int, ...]) -> str:
    name = next((str(p) for p in reversed(loc) if isinstance(p, str) and p != "body"), "value")
    return FIELD_LABELS.get(name, name.replace("_", " "))


def friendly_errors(exc: ValidationError | RequestValidationError) -> list[FieldError]:
    out: list[FieldError] = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        label = _label(loc)
        kind = err["type"]
        if kind == "value_error" and "valid email address" in str(err.get("msg")):
            kind = "value_error_email"  # pydantic's EmailStr reports a plain value error
        template = _MESSAGES.get(kind)
        ctx = {k: v for k, v in (err.get("ctx") or {}).items()}
        if template:
            try:
                bare = label.removeprefix("the ")
                message = template.format(label=label, Label=bare[:1].upper() + bare[1:], **ctx)
            except (KeyError, IndexError):
                message = str(err.get("msg"))
        elif err["type"] == "value_error":
            # Our own validators raise ValueError with a finished sentence.
            message = str(ctx.get("error") or err.get("msg")).removeprefix("Value error, ")
        else:
            message = f"{label[:1].upper() + label[1:]}: {err.get('msg')}"
        out.append(FieldError(loc=list(loc), message=message))
    return out


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def problem(request: Request, exc: DomainError, headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {
        "type": f"https://signs-record.example/problems/{exc.slug}",
        "title": exc.title,
        "status": exc.status,
        "detail": exc.detail,
        "instance": request.url.path,
    }
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    if exc.errors:
        body["errors"] = [e.as_dict() for e in exc.errors]
    return JSONResponse(
        body, status_code=exc.status, media_type="application/problem+json", headers=headers
    )


def page_status(exc: DomainError) -> int:
    """The status a browser page gets: a form saved on top of someone else's change is a
    409 Conflict there (412 is HTTP's answer to a request's own If-Match, for the API)."""
    return 409 if exc.status == 412 else exc.status


def error_page(request: Request, exc: DomainError) -> Response:
    from app.templating import render

    return render(request, "errors/error.html", {"error": exc}, status_code=page_status(exc))


def respond(request: Request, exc: DomainError) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 and wants_json(request) else None
    if wants_json(request):
        return problem(request, exc, headers)
    return error_page(request, exc)


_HTTP_TITLES = {
    404: (
        "Page not found",
        "We could not find that page. Check the address, or use the link below.",
    ),
    405: ("Not allowed", "That action is not available here."),
    413: ("Too large", "What you sent is too large. Shorten it and try again."),
    415: ("Unsupported format", "Send the request body as JSON."),
}


def allowed_methods(app: FastAPI, request: Request) -> str:
    """Every method some route of the app takes at this address (each route holds one, so
    Starlette's own Allow names only the first route that matched the path)."""
    from starlette.routing import Match

    found: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches({**request.scope, "method": "\u0000"})
        if match != Match.NONE:
            found.update(getattr(route, "methods", None) or ())
    if "GET" in found:
        found.add("HEAD")
    return ", ".join(sorted(found))


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        return respond(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, Invalid(friendly_errors(exc)))

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> Response:
        return respond(request, PreconditionFailed())

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        title, detail = _HTTP_TITLES.get(exc.status_code, ("Something went wrong", str(exc.detail)))
        err = DomainError(
            detail=detail, status=exc.status_code, title=title, slug=f"http-{exc.status_code}"
        )
        response = respond(request, err)
        if exc.headers:
            response.headers.update(exc.headers)
        if exc.status_code == 405:
            response.headers["Allow"] = allowed_methods(app, request)
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        request_id = getattr(request.state, "request_id", "-")
        log.exception("unhandled error, request %s", request_id)
        err = DomainError(
            detail="Something went wrong on our side and nothing was saved. Try again; if it "
            f"keeps happening, tell the service desk and quote reference {request_id}.",
            status=500,
            title="Sorry, there is a problem with the service",
            slug="server-error",
        )
        return respond(request, err)
