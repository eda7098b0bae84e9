"""The safety plan, for other systems: versions, rules and what they answer, who agreed, and
the monitoring of each rule."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from pydantic import Field
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep, if_match
from app.models.safety_plan import SafetyPlan
from app.routes.api.etag import expected_version, set_etag
from app.routes.api.plain_language import readability_read
from app.schemas.common import Id, Strict
from app.schemas.document import DocumentRead, LanguageIssueIn
from app.schemas.readability import ReadabilityRead
from app.schemas.safety_plan import (
    CheckIn,
    CheckRead,
    PlanIn,
    PlanRead,
    RuleIn,
    RuleRead,
    RuleUpdate,
    SignoffIn,
    SignoffRead,
)
from app.schemas.words_pictures import StoryboardRead
from app.services import safety_plan as plan_service
from app.services import safety_plan_document, words_pictures
from app.services import safety_plan_monitoring as monitoring

router = APIRouter(prefix="/cases/{case_id}/safety-plans", tags=["safety plan"])
IfMatch = Annotated[str | None, Depends(if_match)]


class ReviewIn(Strict):
    mapping_id: Id | None = Field(None, description="A later mapping for the new version to "
                                                    "answer; the same one if left out.")


@router.get("", response_model=list[PlanRead])
def list_plans(case: CaseDep, session: SessionDep) -> list[PlanRead]:
    """Every version, newest first."""
    return [plan_service.read(session, plan=p) for p in plan_service.plans(session, case=case)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PlanRead)
def start_plan(data: PlanIn, case: EditableCaseDep, principal: WriterDep, session: SessionDep,
               response: Response) -> PlanRead:
    """Start the case's safety plan from a mapping (409 if it has one: review that)."""
    plan = plan_service.create(session, case=case, data=data, actor=principal.actor)
    set_etag(response, plan)
    return plan_service.read(session, plan=plan)


@router.get("/{plan_id}", response_model=PlanRead)
def get_plan(plan_id: int, case: CaseDep, session: SessionDep, response: Response) -> PlanRead:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    set_etag(response, plan)
    return plan_service.read(session, plan=plan)


@router.post("/{plan_id}/rules", status_code=status.HTTP_201_CREATED, response_model=RuleRead)
def add_rule(plan_id: int, data: RuleIn, case: EditableCaseDep, principal: WriterDep,
             session: SessionDep, response: Response) -> RuleRead:
    """A rule in the family's words, the danger statements and safety goals it answers (of
    the plan's mapping), who makes sure, how it is checked, the warning signs, what happens if
    it is broken and who to call."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    rule = plan_service.add_rule(session, case=case, plan=plan, data=data,
                                 actor=principal.actor)
    set_etag(response, rule)
    return _rule(session, plan, rule.id)


def _rule(session: Session, plan: SafetyPlan, rule_id: int) -> RuleRead:
    return next(r for r in plan_service.read(session, plan=plan).rules if r.id == rule_id)


@router.patch("/{plan_id}/rules/{rule_id}", response_model=RuleRead)
def change_rule(plan_id: int, rule_id: int, data: RuleUpdate, case: EditableCaseDep,
                principal: WriterDep, session: SessionDep, response: Response,
                if_match: IfMatch) -> RuleRead:
    """`If-Match` is the rule's ETag."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    rule = plan_service.load_rule(session, plan=plan, rule_id=rule_id)
    version = expected_version(if_match, rule)
    rule = plan_service.update_rule(session, case=case, plan=plan, rule=rule, data=data,
                                    expected_version=version, actor=principal.actor)
    session.flush()
    set_etag(response, rule)
    return _rule(session, plan, rule.id)


@router.post("/{plan_id}/rules/{rule_id}/remove", status_code=status.HTTP_204_NO_CONTENT)
def remove_rule(plan_id: int, rule_id: int, case: EditableCaseDep, principal: WriterDep,
                session: SessionDep, if_match: IfMatch) -> Response:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    rule = plan_service.load_rule(session, plan=plan, rule_id=rule_id)
    version = expected_version(if_match, rule)
    plan_service.remove_rule(session, case=case, plan=plan, rule=rule,
                             expected_version=version, actor=principal.actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{plan_id}/signoffs", status_code=status.HTTP_201_CREATED,
             response_model=SignoffRead)
def sign_off(plan_id: int, data: SignoffIn, case: EditableCaseDep, principal: WriterDep,
             session: SessionDep) -> SignoffRead:
    """Someone in the family or network agreed the plan: when and how. The first agreement
    makes the plan agreed; a plan with no rules cannot be agreed (409)."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    row = monitoring.sign_off(session, case=case, plan=plan, data=data,
                                actor=principal.actor)
    return SignoffRead.model_validate(row)


@router.post("/{plan_id}/rules/{rule_id}/checks", status_code=status.HTTP_201_CREATED,
             response_model=CheckRead)
def add_check(plan_id: int, rule_id: int, data: CheckIn, case: EditableCaseDep,
              principal: WriterDep, session: SessionDep) -> CheckRead:
    """Monitoring: the rule held, slipped or was broken on a day, and what happened."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    rule = plan_service.load_rule(session, plan=plan, rule_id=rule_id)
    row = monitoring.check(session, case=case, plan=plan, rule=rule, data=data,
                             actor=principal.actor)
    return CheckRead.model_validate(row)


@router.post("/{plan_id}/review", status_code=status.HTTP_201_CREATED, response_model=PlanRead)
def review_plan(plan_id: int, data: ReviewIn, case: EditableCaseDep, principal: WriterDep,
                session: SessionDep, response: Response, if_match: IfMatch) -> PlanRead:
    """The next version from this agreed one (kept, readable). `If-Match` is the plan's
    ETag."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    version = expected_version(if_match, plan)
    new = plan_service.review(session, case=case, plan=plan, expected_version=version,
                              actor=principal.actor, mapping_id=data.mapping_id)
    set_etag(response, new)
    return plan_service.read(session, plan=new)


@router.get("/{plan_id}/readability", response_model=ReadabilityRead)
def plan_readability(plan_id: int, case: CaseDep, session: SessionDep) -> ReadabilityRead:
    """The plain words check of the family's copy, as `issue` will apply it: the system's
    and the workers' words measured apart, each finding with the rule or entry to change.
    When `reason_needed`, issuing needs `readability_reason`."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    return readability_read(safety_plan_document.check(session, case, plan))


@router.post("/{plan_id}/issue", status_code=status.HTTP_201_CREATED,
             response_model=DocumentRead)
def issue_plan(plan_id: int, data: LanguageIssueIn, case: EditableCaseDep, principal: WriterDep,
               session: SessionDep, response: Response) -> DocumentRead:
    """Make the family's copy and record it as handed to `issued_to` (the documents
    register keeps the exact bytes)."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    doc = safety_plan_document.issue(session, case=case, plan=plan,
                                     issued_to=data.issued_to, actor=principal.actor,
                                     readability_reason=data.readability_reason,
                                     language=data.language)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/documents/{doc.id}"
    return DocumentRead.model_validate(doc)


@router.post("/{plan_id}/children-version", status_code=status.HTTP_201_CREATED,
             response_model=StoryboardRead)
def children_version(plan_id: int, case: EditableCaseDep, principal: WriterDep,
                     session: SessionDep, response: Response) -> StoryboardRead:
    """The children's version of the plan in Words and Pictures: a storyboard with a panel
    for each rule, to draw and put into the children's words (the one made before, if
    there is one). Changed through `/words-and-pictures/{id}`."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    board = words_pictures.for_safety_plan(session, case=case, plan=plan,
                                           actor=principal.actor)
    set_etag(response, board)
    return words_pictures.read(session, board=board)
