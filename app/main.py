"""create_app(): routers, static files, middleware and error handlers."""

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text

from app import jobs, openapi
from app.config import ROOT, get_settings
from app.db import get_engine
from app.deps import LoginRequired, PasswordChangeRequired
from app.errors import NotFound
from app.errors import install as install_errors
from app.middleware import BodyLimitMiddleware, RequestIdMiddleware
from app.routes.api import allocation as api_allocation
from app.routes.api import api_token as api_api_token
from app.routes.api import attachment as api_attachment
from app.routes.api import audit as api_audit
from app.routes.api import board as api_board
from app.routes.api import case as api_case
from app.routes.api import case_access as api_case_access
from app.routes.api import case_event as api_case_event
from app.routes.api import case_note as api_case_note
from app.routes.api import census as api_census
from app.routes.api import child_status as api_child_status
from app.routes.api import chronology as api_chronology
from app.routes.api import conference_report as api_conference_report
from app.routes.api import document as api_document
from app.routes.api import family_position as api_family_position
from app.routes.api import genogram as api_genogram
from app.routes.api import kinship as api_kinship
from app.routes.api import labels as api_labels
from app.routes.api import mapping as api_mapping
from app.routes.api import mapping_item as api_mapping_item
from app.routes.api import network as api_network
from app.routes.api import person as api_person
from app.routes.api import plain_language as api_plain
from app.routes.api import safety_plan as api_safety_plan
from app.routes.api import trajectory as api_trajectory
from app.routes.api import translation as api_translation
from app.routes.api import user as api_user
from app.routes.api import voice as api_voice
from app.routes.api import words_pictures as api_words_pictures
from app.routes.ui import admin as ui_admin
from app.routes.ui import allocation as ui_allocation
from app.routes.ui import api_token as ui_api_token
from app.routes.ui import attachment as ui_attachment
from app.routes.ui import audit as ui_audit
from app.routes.ui import auth as ui_auth
from app.routes.ui import board as ui_board
from app.routes.ui import case as ui_case
from app.routes.ui import case_access as ui_case_access
from app.routes.ui import case_event as ui_case_event
from app.routes.ui import case_note as ui_case_note
from app.routes.ui import census as ui_census
from app.routes.ui import child_status as ui_child_status
from app.routes.ui import chronology as ui_chronology
from app.routes.ui import conference_report as ui_conference_report
from app.routes.ui import document as ui_document
from app.routes.ui import family_position as ui_family_position
from app.routes.ui import genogram as ui_genogram
from app.routes.ui import household as ui_household
from app.routes.ui import kinship as ui_kinship
from app.routes.ui import labels as ui_labels
from app.routes.ui import mapping as ui_mapping
from app.routes.ui import mapping_details as ui_mapping_details
from app.routes.ui import mapping_item as ui_mapping_item
from app.routes.ui import network as ui_network
from app.routes.ui import person as ui_person
from app.routes.ui import picture as ui_picture
from app.routes.ui import plain_language as ui_plain
from app.routes.ui import quality as ui_quality
from app.routes.ui import rating as ui_rating
from app.routes.ui import safety_plan as ui_safety_plan
from app.routes.ui import trajectory as ui_trajectory
from app.routes.ui import translation as ui_translation
from app.routes.ui import user as ui_user
from app.routes.ui import voice as ui_voice
from app.routes.ui import words_pictures as ui_words_pictures
from app.schemas.common import MAX_ID
from app.services import pdf, plain_language, practice_summary_hook

API_DESCRIPTION = """
The case record's REST API, for the council's other systems.

* **Authentication**: `Authorization: Bearer <token>`. Tokens are issued by an administrator
  (`python -m app token create …`), carry the scopes `read` and/or `write`, belong to one team
  or to the whole service, and can expire or be revoked.
* **Concurrency**: every record has an `ETag`. Send it back as `If-Match` on every change. If
  someone changed the record since you read it you get **412** and nothing is changed; without
  `If-Match` you get **428**.
* **Errors** are RFC 9457 problem details (`application/problem+json`). Validation errors list
  each problem under `errors` with the field path in `loc` and a sentence in `message`.
* **Nothing is deleted**: cases are closed and reopened, people are archived.
* Every change is recorded in the case's history (`GET /cases/{id}/history`).
"""


def ids_in_range(request: Request) -> None:
    """An id in the address larger than any record can have, or below zero, answers 404 (Page
    not found), as any other id that names nothing, instead of failing in the database."""
    for value in request.path_params.values():
        if not (isinstance(value, str) and value.isascii()):
            continue
        digits = value[1:] if value[:1] in ("-", "+") else value
        if digits.isdigit() and (value[:1] == "-" or len(digits) > 19 or int(digits) > MAX_ID):
            raise NotFound()


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    # Load the pronouncing dictionary in the background, so the first worker to use the
    # plain words check does not wait for it.
    threading.Thread(target=plain_language.warm, name="warm-plain-language", daemon=True).start()
    # Summaries a stopped process left due a refresh (PostgreSQL), before the board is read.
    if (left := practice_summary_hook.repair(get_engine())):
        logging.getLogger(__name__).info("refreshed %s practice summaries left due", left)
    workers = jobs.Workers(get_settings().job_workers)
    workers.start()
    yield
    # After the graceful wait for requests in flight: no document goes on printing, and a job
    # in progress finishes (up to 30 seconds; a run cut short shows as stopped, to start again).
    pdf.stop_printing()
    workers.stop()


def create_app() -> FastAPI:
    settings = get_settings()
    logging.basicConfig(level=logging.INFO)
    app = FastAPI(
        lifespan=lifespan,
        title=settings.service_name + " API",
        version="1",
        description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(ids_in_range)],
    )
    # Each router is included on the app itself rather than under one "/api/v1" router:
    # FastAPI matches an included router's routes again at every level of nesting, so one
    # level less is cheaper on every request.
    for r in (api_case.router, api_person.router, api_audit.router, api_mapping.router,
              api_mapping_item.router, api_mapping.case_router, api_labels.router,
              api_plain.router, api_document.router, api_board.router,
              api_family_position.router, api_case_note.router, api_attachment.router,
              api_chronology.router, api_case_access.router, api_user.router,
              api_api_token.router, api_allocation.router,
              api_child_status.router, *api_voice.routers, api_voice.picture_router,
              api_network.router, api_kinship.router, api_genogram.router,
              api_safety_plan.router, api_words_pictures.router, api_trajectory.router,
              api_case_event.router, api_census.router, api_conference_report.router,
              api_translation.router):
        app.include_router(r, prefix="/api/v1")
    for r in (ui_auth.router, ui_case.router, ui_person.router, ui_audit.router, ui_admin.router,
              ui_mapping_details.router, ui_mapping.router, ui_mapping_item.router,
              ui_labels.router, ui_plain.router,
              ui_document.router, ui_board.router, ui_quality.router,
              ui_rating.router, ui_family_position.router, ui_case_note.router,
              ui_attachment.router, ui_chronology.router, ui_case_access.router,
              ui_user.router, ui_api_token.router, ui_allocation.router,
              ui_child_status.router, *ui_voice.routers, ui_picture.router,
              ui_network.router, ui_genogram.router, ui_kinship.router,
              ui_household.router, ui_safety_plan.router, ui_words_pictures.router,
              ui_trajectory.router, ui_case_event.router, ui_census.router,
              ui_conference_report.router, ui_translation.router):
        app.include_router(r)
    app.mount("/static", StaticFiles(directory=ROOT / "app" / "static"), name="static")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok"}

    install_errors(app)
    app.openapi = lambda: openapi.complete(app)  # type: ignore[method-assign]

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        url = "/login" + ("" if target == "/" else f"?next={quote(target)}")
        if request.headers.get("HX-Request") == "true":
            return Response(status_code=204, headers={"HX-Redirect": url})
        return RedirectResponse(url, status_code=303)

    @app.exception_handler(PasswordChangeRequired)
    async def _password(request: Request, exc: PasswordChangeRequired) -> Response:
        url = "/account/password"
        if request.headers.get("HX-Request") == "true":
            return Response(status_code=204, headers={"HX-Redirect": url})
        return RedirectResponse(url, status_code=303)

    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(RequestIdMiddleware)
    return app


app = create_app()
