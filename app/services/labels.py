"""Local names for columns and categories. The structure never changes; only the words do
(Signs of Wellbeing says "worry statements" and "wellbeing goals")."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.errors import FieldError, Forbidden, Invalid
from app.models.enums import COLUMNS, EXTRA, SEVEN, label
from app.models.labels import LabelSet
from app.services import access, audit
from app.services.audit import Actor

KEYS = [*COLUMNS.keys(), *(c.value for c in SEVEN), *(c.value for c in EXTRA)]


def check_may_rename(principal: access.Principal, team_id: int | None) -> None:
    """The same refusal, with the same status, for the browser and the API."""
    if access.can_rename_labels(principal, team_id):
        return
    if team_id is None:
        raise Forbidden("Only a service manager or an administrator can rename the categories "
                        "for the whole service.")
    raise Forbidden("Only the team manager, a service manager or an administrator can rename "
                    "the mapping's categories.")


def defaults() -> dict[str, str]:
    return {k: label(k) for k in KEYS}


#: What a team's labels are made from: the id and version of each label set that applies
#: (the service's and the team's). Equal stamps mean equal labels.
Stamp = tuple[tuple[int, int], ...]

# Built once: every mapping read and page asks for the labels.
_t = LabelSet.__table__.c
#: The label sets that apply to a bound `team_id`: the service's and the team's
#: (mapping.stamps reads their ids and versions in the same query as the mapping's stamp).
APPLY = _t.team_id.is_(None) | (_t.team_id == bindparam("team_id"))
_FOR_TEAM = select(LabelSet).where(APPLY)


def labels_for(session: Session, *, team_id: int | None) -> dict[str, str]:
    """Defaults, then the service's names, then the team's."""
    return labels_and_stamp(session, team_id=team_id)[0]


def labels_and_stamp(session: Session, *, team_id: int | None) -> tuple[dict[str, str], Stamp]:
    out = defaults()
    rows = session.scalars(_FOR_TEAM, {"team_id": team_id}).all()
    for row in sorted(rows, key=lambda r: r.team_id is not None):
        out.update({k: v for k, v in (row.labels or {}).items() if k in out and v})
    return out, tuple(sorted((row.id, row.version) for row in rows))


def set_labels(
    session: Session, *, team_id: int | None, labels: dict[str, str], actor: Actor
) -> LabelSet:
    unknown = [k for k in labels if k not in KEYS]
    if unknown:
        raise Invalid([FieldError(["body", "labels", k], f"'{k}' is not a column or category")
                       for k in unknown])
    too_long = [k for k, v in labels.items() if len(v) > 80]
    if too_long:
        raise Invalid([FieldError(["body", "labels", k], "Keep the name to 80 characters or fewer")
                       for k in too_long])
    row = session.scalar(
        select(LabelSet).where(
            LabelSet.team_id.is_(None) if team_id is None else LabelSet.team_id == team_id
        )
    )
    before = dict(row.labels) if row else {}
    cleaned = {k: v.strip() for k, v in labels.items() if v and v.strip()}
    if row is None:
        row = LabelSet(team_id=team_id, labels=cleaned)
        session.add(row)
    else:
        row.labels = cleaned
    session.flush()
    audit.record(session, actor=actor, action="update", entity_type="labels", entity_id=row.id,
                 case_id=None, summary="changed the names of mapping categories",
                 changes=audit.diff(before, cleaned))
    return row
