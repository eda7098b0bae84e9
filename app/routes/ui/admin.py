"""The administrator's home: users, teams and API tokens at a glance, with the forms to add
them. Administrators never see case content."""

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import require_admin
from app.models.base import utcnow
from app.routes.ui.forms import FormErrors
from app.services import api_token
from app.services import user as user_service
from app.templating import render

router = APIRouter(include_in_schema=False)


def admin_context(session: Session) -> dict[str, Any]:
    return {
        "users": user_service.list_all(session),
        "teams": user_service.teams(session),
        "tokens": api_token.list_all(session),
        "now": utcnow(),
        "errors": FormErrors(),
        "team_name": "",
    }


@router.get("/admin", dependencies=[Depends(require_admin)])
def admin_home(request: Request, session: SessionDep) -> Response:
    return render(request, "admin/home.html", admin_context(session))
