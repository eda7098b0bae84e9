"""Restricting a case, for other systems (a service manager's session)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from app.db import SessionDep
from app.deps import CaseDep, PrincipalDep, if_match
from app.routes.api.etag import expected_version, set_etag
from app.schemas.case_access import CaseAccessIn, CaseAccessRead
from app.schemas.common import Ref
from app.services import case_access

router = APIRouter(prefix="/cases/{case_id}/access", tags=["cases"])
IfMatch = Annotated[str | None, Depends(if_match)]


def _read(session: SessionDep, case: CaseDep) -> CaseAccessRead:
    return CaseAccessRead(restricted=case.restricted, version=case.version,
                          named=[Ref(id=u.id, name=u.name)
                                 for u in case_access.named(session, case=case)])


@router.get("", response_model=CaseAccessRead)
def get_access(case: CaseDep, session: SessionDep, response: Response) -> CaseAccessRead:
    """Whether the case is restricted, and who is named on it. The `ETag` is the case's."""
    set_etag(response, case)
    return _read(session, case)


@router.put("", response_model=CaseAccessRead)
def put_access(data: CaseAccessIn, case: CaseDep, principal: PrincipalDep, session: SessionDep,
               response: Response, if_match: IfMatch) -> CaseAccessRead:
    """Restrict the case to the staff named (or lift the restriction). Service managers only,
    signed in (API tokens never reach restricted cases, so they cannot manage them). The
    caller stays named. `If-Match` is the case's ETag."""
    version = expected_version(if_match, case)
    case = case_access.set_access(session, case=case, restricted=data.restricted,
                                  user_ids=data.user_ids, expected_version=version,
                                  principal=principal)
    set_etag(response, case)
    return _read(session, case)
