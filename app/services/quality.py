"""Quality signals for a mapping: where the thinking is missing or weak. They inform the
worker and the supervisor; they never stop anyone saving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import EXPECTED, Category, FamilyView, MappingKind
from app.services import (
    network,
    safety_plan,
    safety_plan_monitoring,
    trajectory,
    voice,
    words_pictures,
)
from app.services.mapping import FullMapping
from app.services.mapping_item import display_text, short


@dataclass(frozen=True)
class Signal:
    code: str
    message: str
    item_id: int | None = None
    category: Category | None = None


CODES = {
    "empty_category": "An empty category",
    "danger_without_goal": "Danger statement without a safety goal",
    "goal_without_danger": "Safety goal without a danger statement",
    "next_steps_without_goals": "Next steps but no safety goals",
    "harm_without_impact": "Harm without the impact on the child",
    "harm_not_linked": "Harm not linked to a danger statement",
    "step_without_goal": "Next step not linked to a safety goal",
    "no_scaling": "No safety scaling",
    "unscored_pair": "Danger statement nobody has scored",
    "no_overall": "No overall safety score",
    "family_view_not_asked": "The family's view not asked yet",
    "overdue_next_step": "Next step overdue",
    "no_child_voice": "A child not heard in their own words",
    "network_not_told": "No network members told about the worries",
    "danger_without_rule": "Danger statement no safety plan rule answers",
    "rule_slipping": "A safety plan rule keeps slipping",
    "no_words_pictures": "No Words and Pictures explanation for a child on a plan",
    "trajectory_drift": "A stage of the trajectory is late",
}
#: "Not heard for" this many weeks, outside the board (which has its own setting).
VOICE_WEEKS = 8


def voice_signal(names: list[str], weeks: int = VOICE_WEEKS) -> Signal | None:
    """One signal for the case when any born child has had no words of their own recorded
    (My Three Houses, the Safety House) for `weeks` (voice.unheard finds them)."""
    if not names:
        return None
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return Signal("no_child_voice",
                  f"{who}: no words of their own recorded (My Three Houses or the Safety "
                  f"House) in the last {weeks} weeks.")


def for_case(session: Session, *, case: Case, fm: FullMapping, labels: dict[str, str],
             expected: dict[MappingKind, list[Category]] | None = None) -> list[Signal]:
    """What the mapping page and the Quality tab show: the mapping's signals with the case's
    own (who in the network knows the worries, a child not heard in their own words). The
    board counts the same from the practice summary."""
    out = signals(fm, labels=labels, expected=expected,
                  network_told=network.size(session, case=case).told)
    unheard = voice_signal(voice.unheard(session, case=case, weeks=VOICE_WEEKS))
    return [*out, *([unheard] if unheard else []), *plan_signals(session, case=case),
            *words_pictures_signals(session, case=case),
            *[Signal("trajectory_drift",
                     f"“{s.row.name}” was planned for {s.row.planned_on:%-d %B %Y} and is not "
                     "done yet.") for s in trajectory.drifting(session, case=case)]]


def words_pictures_signals(session: Session, *, case: Case) -> list[Signal]:
    """Each child on a child protection plan who has had no Words and Pictures explanation."""
    return [Signal("no_words_pictures",
                   f"{child.given_name} is on a child protection plan and has had no Words "
                   "and Pictures explanation recorded.")
            for child in words_pictures.unexplained_on_plan(session, case=case)]


def plan_signals(session: Session, *, case: Case) -> list[Signal]:
    """For the case's current safety plan: each danger statement of its mapping that no rule
    answers, and each rule that slipped or was broken twice in four weeks."""
    plan = safety_plan.current(session, case=case)
    if plan is None:
        return []
    out = [Signal("danger_without_rule",
                  f"Safety plan {plan.number} has no rule for “{short(display_text(d), 80)}”.",
                  item_id=d.id, category=Category.danger_statement)
           for d in safety_plan.uncovered(session, plan=plan)]
    out += [Signal("rule_slipping",
                   f"The rule “{short(r.words, 80)}” slipped or was broken "
                   f"{safety_plan_monitoring.SLIPS} times or more in "
                   f"{safety_plan_monitoring.SLIP_WEEKS} weeks.")
            for r in safety_plan_monitoring.slipping(session, plan=plan)]
    return out


def signals(fm: FullMapping, *, labels: dict[str, str],
            expected: dict[MappingKind, list[Category]] | None = None,
            today: date | None = None, network_told: int | None = None) -> list[Signal]:
    """`expected`: the team's expected categories by kind of mapping (labels.expected_for);
    the built-in ones when not given. `network_told`: how many of the case's safety network
    have been told about the worries (network.size), or None to leave that out."""
    today = today or date.today()
    out: list[Signal] = []
    cat = fm.by_category
    # Only where practice expects something by now: an early map may honestly have no
    # existing safety yet (EXPECTED, by kind of mapping).
    for c in (expected or EXPECTED)[fm.mapping.kind]:
        if not cat[c]:
            out.append(Signal("empty_category",
                              f"Nothing is recorded under “{labels[c.value]}” yet.", category=c))
    dangers = {d.id for d in cat[Category.danger_statement]}
    paired = {g.pairs_with_id for g in cat[Category.safety_goal] if g.pairs_with_id}
    for d in cat[Category.danger_statement]:
        if d.id not in paired:
            out.append(Signal("danger_without_goal",
                              f"The {labels['danger_statement'].lower().rstrip('s')} "
                              f"“{short(display_text(d))}” has no "
                              f"{labels['safety_goal'].lower().rstrip('s')}: what will the "
                              "family be doing so this worry is answered?",
                              item_id=d.id, category=Category.danger_statement))
    for g in cat[Category.safety_goal]:
        if g.pairs_with_id not in dangers:
            out.append(Signal("goal_without_danger",
                              f"The {labels['safety_goal'].lower().rstrip('s')} "
                              f"“{short(display_text(g))}” is not linked to a "
                              f"{labels['danger_statement'].lower().rstrip('s')}: which worry "
                              "does it answer?",
                              item_id=g.id, category=Category.safety_goal))
    if cat[Category.next_step] and not cat[Category.safety_goal]:
        out.append(Signal("next_steps_without_goals",
                          f"There are {labels['next_step'].lower()} but no "
                          f"{labels['safety_goal'].lower()}: the steps need a goal to lead to.",
                          category=Category.next_step))
    for h in cat[Category.harm]:
        if not (h.harm_impact or "").strip():
            out.append(Signal("harm_without_impact",
                              f"“{short(display_text(h))}” does not say what the impact on "
                              "the child was.", item_id=h.id, category=Category.harm))
    if cat[Category.danger_statement]:
        for h in cat[Category.harm]:
            if not fm.linked(h):
                out.append(Signal("harm_not_linked",
                                  f"“{short(display_text(h))}” is not linked to a "
                                  f"{labels['danger_statement'].lower().rstrip('s')}: which "
                                  "worry does this harm ground?",
                                  item_id=h.id, category=Category.harm))
    if cat[Category.safety_goal]:
        for n in cat[Category.next_step]:
            if not fm.linked(n):
                out.append(Signal("step_without_goal",
                                  f"The next step “{short(display_text(n))}” is not linked to a "
                                  f"{labels['safety_goal'].lower().rstrip('s')}: which goal "
                                  "does it serve?",
                                  item_id=n.id, category=Category.next_step))
    danger_word = labels["danger_statement"].lower().rstrip("s")
    if not fm.ratings:
        out.append(Signal("no_scaling", "Nobody has given a safety score on this mapping yet."))
    else:
        rated = {r.danger_id for r in fm.ratings}
        for d in cat[Category.danger_statement]:
            if d.id not in rated:
                out.append(Signal("unscored_pair",
                                  f"Nobody has scored the {danger_word} “{short(display_text(d))}” "
                                  "yet: how safe is the child from this worry, 0 to 10?",
                                  item_id=d.id, category=Category.danger_statement))
        if None not in rated:
            out.append(Signal("no_overall", "There is no overall safety score yet: all things "
                                            "considered, how safe is the child, 0 to 10?"))
    if fm.mapping.kind != MappingKind.group_supervision:
        for d in cat[Category.danger_statement]:
            if d.family_view in (None, FamilyView.not_yet_asked):
                out.append(Signal("family_view_not_asked",
                                  f"The family's view of “{short(display_text(d))}” has not "
                                  "been asked yet.",
                                  item_id=d.id, category=Category.danger_statement))
    if (network_told == 0 and cat[Category.danger_statement]
            and fm.mapping.kind != MappingKind.group_supervision):
        out.append(Signal("network_not_told",
                          "Nobody in the family's safety network has been told about the "
                          f"{labels['danger_statement'].lower()} yet: who will help keep the "
                          "children safe?"))
    for n in cat[Category.next_step]:
        if n.ns_by_when and n.ns_by_when < today and not n.ns_done:
            out.append(Signal("overdue_next_step",
                              f"“{short(display_text(n))}” was due by "
                              f"{n.ns_by_when:%-d %B %Y} and is not marked done.",
                              item_id=n.id, category=Category.next_step))
    return out
