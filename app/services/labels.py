"""Local names for columns and categories. The structure never changes; only the words do
(Signs of Wellbeing says "worry statements" and "wellbeing goals")."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.errors import FieldError, Forbidden, Invalid, PreconditionFailed
from app.models.enums import COLUMNS, EXPECTED, EXTRA, SEVEN, Category, MappingKind, label
from app.models.labels import LabelSet
from app.services import access, audit
from app.services.audit import Actor

KEYS = [*COLUMNS.keys(), *(c.value for c in SEVEN), *(c.value for c in EXTRA)]


def check_may_rename(principal: access.Principal, team_id: int | None,
                     doing: str = "rename the mapping's categories") -> None:
    """The same refusal, with the same status, for the browser and the API. The same people
    set what each kind of mapping is expected to have (`doing` says which)."""
    if access.can_rename_labels(principal, team_id):
        return
    if team_id is None:
        raise Forbidden(f"Only a service manager or an administrator can {doing} for the "
                        "whole service.")
    raise Forbidden(f"Only the team manager, a service manager or an administrator can "
                    f"{doing}.")


SET_EXPECTED = "change which categories each kind of mapping is expected to have"


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


#: The kinds of mapping whose expectations can be set (group supervision expects nothing: it is
#: the team's thinking, not the family's record).
EXPECTATION_KINDS = [k for k in MappingKind if k != MappingKind.group_supervision]
Expected = dict[MappingKind, list[Category]]


def own_expected(session: Session, *, team_id: int | None) -> tuple[dict[str, list[str]], int]:
    """What is set at this level only, and the label set's version (0: none yet)."""
    row = _own_row(session, team_id)
    return (dict(row.expected or {}) if row else {}), (row.version if row else 0)


def resolve_expected(settings: list[tuple[int | None, dict[str, list[str]] | None]]) -> Expected:
    """The built-in expectations, then the service's setting, then the team's, kind by kind.
    `settings`: (team_id, expected) of the label sets that apply."""
    out: Expected = {k: list(v) for k, v in EXPECTED.items()}
    for _team, expected in sorted(settings, key=lambda s: s[0] is not None):
        for kind, cats in (expected or {}).items():
            if kind in MappingKind.__members__ and kind != MappingKind.group_supervision:
                out[MappingKind(kind)] = [Category(c) for c in SEVEN if c.value in cats]
    return out


def expected_for(session: Session, *, team_id: int | None) -> Expected:
    """Which categories each kind of mapping is expected to have, for this team."""
    rows = session.scalars(_FOR_TEAM, {"team_id": team_id}).all()
    return resolve_expected([(r.team_id, r.expected) for r in rows])


def set_expected(session: Session, *, team_id: int | None, expected: dict[str, list[str]],
                 expected_version: int | None, actor: Actor) -> LabelSet:
    """Set which categories each kind of mapping is expected to have (every kind sent;
    a kind left out keeps following the service's setting). The board's summaries of the
    cases it applies to follow in the same transaction (services/practice_summary_hook)."""
    errors = [FieldError(["body", "expected", k], f"'{k}' is not a kind of mapping whose "
                         "expectations can be set")
              for k in expected if k not in {x.value for x in EXPECTATION_KINDS}]
    known = {c.value for c in SEVEN}
    errors += [FieldError(["body", "expected", k], f"'{c}' is not one of the seven categories")
               for k, cats in expected.items() for c in cats if c not in known]
    if errors:
        raise Invalid(errors)
    row = _own_row(session, team_id)
    if expected_version is not None and (row.version if row else 0) != expected_version:
        raise PreconditionFailed()
    cleaned: dict[str, list[str]] = {
        k: [str(c.value) for c in SEVEN if c.value in cats] for k, cats in expected.items()}
    before = dict(row.expected or {}) if row else {}
    if row is None:
        row = LabelSet(team_id=team_id, labels={}, expected=cleaned)
        session.add(row)
    else:
        row.expected = {**before, **cleaned}
    session.flush()
    changes = audit.diff(before, dict(row.expected or {}))
    if changes:
        audit.record(session, actor=actor, action="update", entity_type="labels",
                     entity_id=row.id, case_id=None,
                     summary="changed which categories each kind of mapping is expected to "
                             "have" + (" for the team" if team_id else " for the service"),
                     changes=changes)
    return row


def _own_row(session: Session, team_id: int | None) -> LabelSet | None:
    return session.scalar(select(LabelSet).where(
        LabelSet.team_id.is_(None) if team_id is None else LabelSet.team_id == team_id))


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
