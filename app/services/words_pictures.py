"""Words and Pictures: a storyboard of ordered panels, words written to the children (the
plain-language checker reads each) with a picture drawn in the browser, a photo of the
hand-drawn page, or one of the children's own pictures they agreed the family may see.
Pictures go through the same handling as the child's-voice pictures (decoded and written
again; drawings rendered by the server from strokes). A new version copies the panels and
leaves the old one readable; who it was explained to, when and how, is kept per version.
Audited; panels are removed, never deleted."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from PIL import Image
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, undefer

from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.child_status import ChildStatus
from app.models.enums import Audience, ChildStatusKind, PersonKind
from app.models.person import Person
from app.models.picture import Picture
from app.models.safety_plan import SafetyPlan
from app.models.words_pictures import Explanation, Panel, Storyboard
from app.schemas.words_pictures import (
    ExplanationIn,
    ExplanationRead,
    PanelIn,
    PanelRead,
    PanelUpdate,
    StoryboardIn,
    StoryboardRead,
)
from app.services import audit, child_status, picture, safety_plan
from app.services import plain_language as pl
from app.services.audit import Actor
from app.services.case import check_version

#: More panels than this is not a story a child can follow.
MAX_PANELS = 60


def boards(session: Session, *, case: Case, plan_id: int | None = None) -> list[Storyboard]:
    """Every version of the explanation (or of a safety plan's children's version), newest
    first."""
    return list(session.scalars(select(Storyboard).where(
        Storyboard.case_id == case.id, _of(plan_id)).order_by(Storyboard.number.desc())))


def _of(plan_id: int | None) -> Any:
    return (Storyboard.safety_plan_id.is_(None) if plan_id is None
            else Storyboard.safety_plan_id == plan_id)


def current(session: Session, *, case: Case, plan_id: int | None = None) -> Storyboard | None:
    """The explanation's current version; with `plan_id`, that safety plan's children's
    version."""
    return session.scalar(select(Storyboard).where(
        Storyboard.case_id == case.id, Storyboard.replaced.is_(False), _of(plan_id))
        .order_by(Storyboard.number.desc()).limit(1))


def load(session: Session, *, case: Case, board_id: int) -> Storyboard:
    b = session.scalar(select(Storyboard).where(Storyboard.id == board_id,
                                                Storyboard.case_id == case.id))
    if b is None:
        raise NotFound("We could not find that Words and Pictures on this case.")
    return b


def panels(session: Session, *, board: Storyboard) -> list[Panel]:
    return list(session.scalars(select(Panel).where(
        Panel.storyboard_id == board.id, Panel.removed.is_(False))
        .order_by(Panel.position, Panel.id)))


def load_panel(session: Session, *, board: Storyboard, panel_id: int,
               with_content: bool = False) -> Panel:
    stmt = select(Panel).where(Panel.id == panel_id, Panel.storyboard_id == board.id,
                               Panel.removed.is_(False))
    if with_content:
        stmt = stmt.options(undefer(Panel.content))
    p = session.scalar(stmt)
    if p is None:
        raise NotFound("We could not find that panel.")
    return p


def explanations(session: Session, *, board: Storyboard) -> list[Explanation]:
    return list(session.scalars(select(Explanation).where(
        Explanation.storyboard_id == board.id)
        .order_by(Explanation.explained_on, Explanation.id)))


def create(session: Session, *, case: Case, data: StoryboardIn, actor: Actor) -> Storyboard:
    if current(session, case=case) is not None:
        raise Conflict("This case has a Words and Pictures already. Change it, or start a new "
                       "version of it.")
    if not data.title.strip():
        raise Invalid([FieldError(["body", "title"], "Give it a title the children would "
                                                     "understand")])
    b = Storyboard(case_id=case.id, number=_next_number(session, case),
                   title=data.title.strip(), created_by_name=actor.name)
    session.add(b)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="storyboard",
                 entity_id=b.id, case_id=case.id,
                 summary=f"started Words and Pictures “{b.title}”",
                 changes=audit.diff({}, {"title": b.title, "number": b.number}))
    return b


def _next_number(session: Session, case: Case) -> int:
    """Numbers run across the case's storyboards (the explanation and the plans' versions)."""
    return 1 + (session.scalar(select(func.max(Storyboard.number))
                               .where(Storyboard.case_id == case.id)) or 0)


def for_safety_plan(session: Session, *, case: Case, plan: SafetyPlan,
                    actor: Actor) -> Storyboard:
    """The children's version of a safety plan, in Words and Pictures: a storyboard with a
    panel for each rule, in the rule's words, to draw and put into the children's words.
    Made once per plan; asked again, the one made before."""
    found = current(session, case=case, plan_id=plan.id)
    if found is not None:
        return found
    rules = safety_plan.rules(session, plan=plan)
    if not rules:
        raise Conflict("The plan has no rules yet: add them first.")
    b = Storyboard(case_id=case.id, number=_next_number(session, case),
                   title="Our safety plan", safety_plan_id=plan.id, created_by_name=actor.name)
    session.add(b)
    session.flush()
    session.add_all([Panel(storyboard_id=b.id, position=n, words=r.words)
                     for n, r in enumerate(rules, start=1)])
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="storyboard",
                 entity_id=b.id, case_id=case.id,
                 summary=f"made the children's version of safety plan {plan.number} in Words "
                         "and Pictures",
                 changes={"safety_plan_id": {"before": None, "after": plan.id},
                          "panels": {"before": None, "after": len(rules)}})
    return b


def _editable(board: Storyboard) -> None:
    if board.replaced:
        raise Conflict("This version was replaced by a newer one: change that one.")


def _picture(session: Session, case: Case, picture_id: int | None) -> Picture | None:
    """A child's own picture may be reused only if they agreed the family may see it (the
    Words and Pictures goes home)."""
    if picture_id is None:
        return None
    p = session.get(Picture, picture_id)
    if p is None or p.case_id != case.id or p.removed:
        raise Invalid([FieldError(["body", "picture_id"],
                                  "Choose one of this case's children's pictures")])
    if not picture.may_see(p, Audience.family):
        raise Invalid([FieldError(["body", "picture_id"],
                                  "The child has not agreed that their family may see this "
                                  "picture, so it cannot go in the Words and Pictures")])
    return p


def _own(data: bytes | None, strokes: Any) -> dict[str, Any]:
    """A picture of the panel's own, checked and written by the server."""
    if strokes is not None:
        kept = picture.parse_strokes(strokes)
        content, media_type, source = picture.render(kept), "image/png", "drawing"
    elif data is not None:
        kept = None
        content, media_type = picture.clean_upload(data)
        source = "upload"
    else:
        return {}
    with Image.open(io.BytesIO(content)) as img:
        width, height = img.size
    return {"content": content, "media_type": media_type, "source": source, "strokes": kept,
            "width": width, "height": height}


def add_panel(session: Session, *, case: Case, board: Storyboard, data: PanelIn,
              actor: Actor, upload: bytes | None = None, strokes: Any = None) -> Panel:
    """A panel at the end. `upload` (a photo) or `strokes` (a drawing, as JSON text or a
    list) give it a picture of its own, else `data.strokes`, else `data.picture_id`."""
    _editable(board)
    count = session.scalar(select(func.count()).select_from(Panel).where(
        Panel.storyboard_id == board.id, Panel.removed.is_(False))) or 0
    if count >= MAX_PANELS:
        raise Conflict(f"A Words and Pictures has at most {MAX_PANELS} panels: a story longer "
                       "than that is hard for a child to follow. Split it, or take some out.")
    errors: list[FieldError] = []
    if not data.words.strip():
        errors.append(FieldError(["body", "words"], "Write the words for this panel"))
    own: dict[str, Any] = {}
    try:
        _picture(session, case, data.picture_id)
        own = _own(upload, strokes if strokes is not None else data.strokes)
    except Invalid as exc:
        errors.extend(exc.errors)
    if errors:
        raise Invalid(errors)
    position = (session.scalar(select(func.max(Panel.position)).where(
        Panel.storyboard_id == board.id, Panel.removed.is_(False))) or 0) + 1
    p = Panel(storyboard_id=board.id, position=position, words=data.words,
              **{"picture_id": data.picture_id, **own})
    session.add(p)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="storyboard_panel",
                 entity_id=p.id, case_id=case.id,
                 summary=f"added panel {position} to Words and Pictures {board.number}",
                 changes=audit.diff({}, {"words": p.words, "position": position,
                                         "picture_id": p.picture_id, "source": p.source}))
    return p


def update_panel(session: Session, *, case: Case, board: Storyboard, panel: Panel,
                 data: PanelUpdate, expected_version: int | None, actor: Actor,
                 upload: bytes | None = None, strokes: Any = None) -> Panel:
    check_version(panel, expected_version)
    _editable(board)
    before = {"words": panel.words, "position": panel.position, "source": panel.source}
    if data.words is not None:
        if not data.words.strip():
            raise Invalid([FieldError(["body", "words"], "Write the words for this panel")])
        panel.words = data.words
    if upload is not None or strokes is not None:
        for key, value in _own(upload, strokes).items():
            setattr(panel, key, value)
    if data.position is not None and data.position != panel.position:
        _move(session, board, panel, data.position)
    session.flush()
    diff = audit.diff(before, {"words": panel.words, "position": panel.position,
                               "source": panel.source})
    if diff or upload is not None or strokes is not None:
        audit.record(session, actor=actor, action="update", entity_type="storyboard_panel",
                     entity_id=panel.id, case_id=case.id,
                     summary=f"changed a panel of Words and Pictures {board.number}",
                     changes=diff or {"picture": {"before": "the old one",
                                                  "after": "a new one"}})
    return panel


def _move(session: Session, board: Storyboard, panel: Panel, to: int) -> None:
    """Put the panel at place `to` (1 = first), the others closing up around it."""
    rows = [p for p in panels(session, board=board) if p.id != panel.id]
    to = max(1, min(to, len(rows) + 1))
    rows.insert(to - 1, panel)
    for n, p in enumerate(rows, start=1):
        if p.position != n:
            if p.id == panel.id:
                p.position = n
            else:
                # The others move without their version moving on: only this panel changed.
                session.execute(update(Panel).where(Panel.id == p.id).values(position=n)
                                .execution_options(synchronize_session=False))
    session.flush()
    for p in rows:
        if p.id != panel.id:
            session.expire(p, ["position"])


def remove_panel(session: Session, *, case: Case, board: Storyboard, panel: Panel,
                 expected_version: int | None, actor: Actor) -> None:
    check_version(panel, expected_version)
    _editable(board)
    panel.removed = True
    session.flush()
    for n, p in enumerate(panels(session, board=board), start=1):
        if p.position != n:
            session.execute(update(Panel).where(Panel.id == p.id).values(position=n)
                            .execution_options(synchronize_session=False))
    audit.record(session, actor=actor, action="remove", entity_type="storyboard_panel",
                 entity_id=panel.id, case_id=case.id,
                 summary=f"took a panel out of Words and Pictures {board.number}",
                 changes={"removed": {"before": False, "after": True}})


def new_version(session: Session, *, case: Case, board: Storyboard,
                expected_version: int | None, actor: Actor) -> Storyboard:
    """The next version, with the same panels, to change; this one is kept as it was."""
    check_version(board, expected_version)
    _editable(board)
    board.replaced = True
    new = Storyboard(case_id=case.id, number=_next_number(session, case), title=board.title,
                     replaces_id=board.id, safety_plan_id=board.safety_plan_id,
                     created_by_name=actor.name)
    session.add(new)
    session.flush()
    for p in session.scalars(select(Panel).options(undefer(Panel.content),
                                                   undefer(Panel.strokes))
                             .where(Panel.storyboard_id == board.id,
                                    Panel.removed.is_(False)).order_by(Panel.position)):
        session.add(Panel(storyboard_id=new.id, position=p.position, words=p.words,
                          picture_id=p.picture_id, source=p.source, media_type=p.media_type,
                          width=p.width, height=p.height, content=p.content,
                          strokes=p.strokes))
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="storyboard",
                 entity_id=new.id, case_id=case.id,
                 summary=f"started version {new.number} of Words and Pictures from "
                         f"version {board.number}",
                 changes={"replaces": {"before": None, "after": board.id}})
    return new


def explain(session: Session, *, case: Case, board: Storyboard, data: ExplanationIn,
            actor: Actor) -> Explanation:
    errors: list[FieldError] = []
    child = session.get(Person, data.child_id)
    if child is None or child.case_id != case.id or child.kind != PersonKind.child:
        errors.append(FieldError(["body", "child_id"], "Choose a child on this case"))
    if data.explained_on > date.today():
        errors.append(FieldError(["body", "explained_on"],
                                 "Record an explanation once it has happened"))
    if not panels(session, board=board):
        raise Conflict("There is nothing to explain yet: add the panels first.")
    if errors:
        raise Invalid(errors)
    assert child is not None
    row = Explanation(storyboard_id=board.id, child_id=child.id,
                      explained_on=data.explained_on,
                      by_name=(data.by_name or "").strip() or actor.name, how=data.how or None,
                      recorded_by_name=actor.name)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="storyboard_explanation",
                 entity_id=row.id, case_id=case.id,
                 summary=f"recorded that Words and Pictures {board.number} was explained to "
                         f"{child.given_name} on {data.explained_on:%-d %B %Y}",
                 changes=audit.diff({}, {"child_id": child.id, "explained_on": data.explained_on,
                                         "by_name": row.by_name, "how": row.how}))
    return row


def unexplained_on_plan(session: Session, *, case: Case,
                        today: date | None = None) -> list[Person]:
    """Children on a child protection plan today who have had no Words and Pictures
    explanation (of any version)."""
    today = today or date.today()
    on_plan = {r.child_id for r in session.scalars(select(ChildStatus).where(
        ChildStatus.case_id == case.id,
        ChildStatus.kind == ChildStatusKind.child_protection_plan))
        if child_status.current(r, today)}
    if not on_plan:
        return []
    told = set(session.scalars(select(Explanation.child_id).join(
        Storyboard, Storyboard.id == Explanation.storyboard_id)
        .where(Storyboard.case_id == case.id)))
    return list(session.scalars(select(Person).where(Person.id.in_(on_plan - told))
                                .order_by(Person.given_name)))


def report(session: Session, words: str) -> pl.Report:
    return pl.check(words, terms=pl.terms_for(session))


def read(session: Session, *, board: Storyboard) -> StoryboardRead:
    terms = pl.terms_for(session)
    out = []
    for p in panels(session, board=board):
        r = pl.check(p.words, terms=terms)
        out.append(PanelRead(id=p.id, position=p.position, words=p.words,
                             picture_id=p.picture_id, has_own_picture=p.source is not None,
                             reading_age=r.reading_age, jargon=[f.found for f in r.jargon],
                             version=p.version))
    return StoryboardRead(
        id=board.id, number=board.number, title=board.title, replaced=board.replaced,
        replaces_id=board.replaces_id, safety_plan_id=board.safety_plan_id,
        version=board.version, panels=out,
        explanations=[ExplanationRead.model_validate(e)
                      for e in explanations(session, board=board)])
