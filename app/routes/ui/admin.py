"""The administrator's pages: users and teams. Administrators never see case content."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db import SessionDep
from app.deps import require_admin
from app.models.auth import ApiToken
from app.models.base import utcnow
from app.models.team import Team
from app.models.user import User
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/admin", dependencies=[Depends(require_admin)])
def admin_home(request: Request, session: SessionDep) -> Response:
    users = session.scalars(select(User).options(selectinload(User.team)).order_by(User.name))
    teams = session.scalars(select(Team).order_by(Team.name))
    tokens = session.scalars(
        select(ApiToken).options(selectinload(ApiToken.team)).order_by(ApiToken.id.desc())
    )
    return render(
        request,
        "admin/home.html",
        {"users": list(users), "teams": list(teams), "tokens": list(tokens), "now": utcnow()},
    )
