"""One way for a browser form that only acts (remove, review, give a copy...): do it and go
on to the page that shows it, or, when a rule says no, throw away what was half done and show
the page again with the reason, and the status that says why."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import discard
from app.errors import DomainError
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors


def attempt(request: Request, session: Session, action: Callable[[], str],
            again: Callable[[FormErrors, int], Response]) -> Response:
    """`action` does the change and answers the address to go on to; `again` draws the page
    with the errors and the status."""
    errors = FormErrors()
    try:
        url = action()
    except DomainError as exc:
        status = errors.add_domain(exc)
    else:
        return see_other(request, url)
    discard(session)
    return again(errors, status)
