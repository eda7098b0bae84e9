"""The board's signals: the filters a supervisor can pick (SIGNALS) and each as SQL over the
practice summary (`as_sql`); board.Row.flags says the same of a row already read."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased

from app.config import get_settings
from app.models.enums import Category
from app.models.mapping_item import MappingItem
from app.models.summary import PracticeSummary as S
from app.services import safety_plan_monitoring
from app.services.practice_summary import FLAG_BITS

SIGNALS = {
    "awaiting_sign_off": "Shared with the family, waiting for sign-off",
    "danger_without_goal": "Danger statement without a safety goal",
    "next_steps_without_goals": "Next steps but no safety goals",
    "no_mapping": "No mapping in the last {weeks} weeks",
    "no_scaling": "No safety scaling on the latest mapping",
    "empty_category": "An empty category",
    "overdue_next_step": "Next steps overdue",
    "raters_apart": "Raters far apart (3 points or more on one question)",
    "no_child_voice": "A child not heard in their own words in {weeks} weeks",
    "network_not_told": "No network members told about the worries",
    "danger_without_rule": "Danger statement no safety plan rule answers",
    "rule_slipping": "A safety plan rule slipped twice in 4 weeks",
    "no_words_pictures": "A child on a plan with no Words and Pictures explanation",
    "trajectory_drift": "A stage of the trajectory is late",
}

def overdue(today: date) -> Any:
    """Next steps overdue today: from the dates kept in the summary, looking at the items
    themselves only when today falls between the earliest and the latest open step."""
    item = aliased(MappingItem, name="step")
    between = (
        select(func.count())
        .where(item.mapping_id == S.mapping_id, item.category == Category.next_step,
               item.removed.is_(False), item.ns_done.is_(False), item.ns_by_when < today)
        .correlate(S)
        .scalar_subquery()
    )
    return case(
        (S.last_due < today, S.steps_open),
        (S.first_due < today, between),
        else_=0,
    )


def as_sql(today: date, weeks: int) -> dict[str, Any]:
    """Each filter as SQL, matching board.Row.flags."""
    out = {name: S.flags.op("&")(bit) != 0 for name, bit in FLAG_BITS.items()}
    out["no_mapping"] = or_(S.mapping_date.is_(None),
                            S.mapping_date < today - timedelta(weeks=weeks))
    out["overdue_next_step"] = S.first_due < today
    out["no_child_voice"] = _unheard(today, weeks)
    out["rule_slipping"] = S.slipping_since > slip_from(today)
    out["trajectory_drift"] = S.trajectory_due < drift_from(today)
    return {name: out[name] for name in SIGNALS}


def slip_from(today: date) -> date:
    """A rule's second slip after this day is "slipped twice in four weeks"."""
    return today - timedelta(weeks=safety_plan_monitoring.SLIP_WEEKS)


def drift_from(today: date) -> date:
    """A stage planned before this day and not done is late."""
    return today - timedelta(weeks=get_settings().trajectory_drift_weeks)


def _unheard(today: date, weeks: int) -> Any:
    """A born child of the case not heard in their own words for `weeks` (a case with a
    mapping: the board's signals are about the latest mapping's case)."""
    # mapping_date, not mapping_id: it is in the covering index, so the totals never visit
    # the rows (a case has a mapping date exactly when it has a mapping).
    return and_(S.mapping_date.is_not(None), S.voice_due < today - timedelta(weeks=weeks))
