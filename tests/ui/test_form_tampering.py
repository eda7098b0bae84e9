"""Issue #20: every browser form under careless and hostile input. Never a 500, always a
message a person can act on, and nothing saved when the answer is not a success.

Every route that takes a POST from the browser is listed here (the first test fails when a
new one is not), with a form that would be accepted. Each is then sent with each field
missing, empty, 10,000 characters long, not a number, a number beyond 64 bits, an impossible
date, a choice the page never offered and twice over; with a field the form does not have;
and with a stale or missing CSRF token. The same is sent as htmx requests, which get a
fragment with the message where the in-place editor swaps it in."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.routing import iter_route_contexts
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.db import get_engine
from app.main import app
from app.models.base import Base
from app.models.enums import Role
from app.models.jargon import JargonTerm
from tests.access.world import World, world_for
from tests.factories import PASSWORD, login

ALLOWED = {400, 403, 404, 409, 422}
#: Forms the pages send with htmx (the in-place editor, the words check): their problems come
#: back as a fragment to swap in.
HTMX_FORMS = {
    "/cases/{case_id}/people",
    "/cases/{case_id}/people/{person_id}",
    "/cases/{case_id}/mappings/{mapping_id}/items",
    "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}",
    "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/remove",
    "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/move",
    "/cases/{case_id}/mappings/{mapping_id}/ratings",
    "/plain-language/check",
}
#: Tables that hold the record (not sign-in bookkeeping): unchanged unless the answer says so.
RECORD = ["case_record", "case_access", "person", "person_relationship", "mapping",
          "mapping_participant", "mapping_item", "mapping_item_child", "rating", "label_set",
          "jargon_term", "supervision_note", "issued_document", "practice_summary",
          "case_note", "case_note_child", "case_note_item", "attachment", "audit_event",
          "team", "user_account", "api_token", "case_allocation", "child_status",
          "voice_session", "voice_entry", "picture", "network_member", "network_meeting",
          "network_attendance", "kinship", "household_member", "safety_plan", "safety_rule",
          "safety_rule_link", "safety_plan_signoff", "safety_rule_check", "storyboard",
          "storyboard_panel", "storyboard_explanation", "trajectory", "trajectory_stage",
          "case_event", "census_run", "conference_report", "translation"]
#: Sign-in bookkeeping left out of the digest (a refused sign-in counts a failure).
BOOKKEEPING = {"user_account": "failed_logins, last_login_at, locked_until, version, updated_at",
               "api_token": "last_used_at, updated_at"}
#: Forms that carry a file: sent as multipart, with this file.
FILES = {"/cases/{case_id}/attachments": {"file": ("letter.txt", b"Dear family", "text/plain")},
         "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/pictures": {
             "picture": ("dog.png", (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01"
                                     b"\x08\x02\0\0\0\x90wS\xde\0\0\0\x0cIDATx\x9cc\xf8"
                                     b"\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef\0\0\0"
                                     b"\0IEND\xaeB`\x82"), "image/png")}}
FILES["/cases/{case_id}/children/{child_id}/safety-house/{session_id}/pictures"] = FILES[
    "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/pictures"]
FILES["/cases/{case_id}/words-and-pictures/{board_id}/panels"] = FILES[
    "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/pictures"]
BIG = "9" * 25
LONG = "x" * 10_000


@dataclass
class Form:
    role: Role
    url: Callable[[World, Any], str]
    fields: Callable[[World, Any], dict[str, str]]
    numbers: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    choices: set[str] = field(default_factory=set)
    csrf: bool = True


def _case(w: World) -> int:
    return w.cases["own"].id


def _map(w: World) -> str:
    return f"/cases/{_case(w)}/mappings/{w.mappings['own'].id}"


def _translation_version(item_id: int, entity_type: str = "mapping_item",
                         field: str = "text") -> str:
    """The version of the Welsh of an entry's words as the page shows it ('' when none)."""
    with get_engine().connect() as conn:
        found = conn.execute(text(
            "SELECT version FROM translation WHERE entity_type = :kind AND "
            "entity_id = :id AND field = :field AND language = 'cy'"),
            {"id": item_id, "kind": entity_type, "field": field}).scalar()
    return "" if found is None else str(found)


def _translating(kind: str, field: str, ident: int, welsh: str) -> dict[str, str]:
    """The translation form with one entry filled in."""
    return {"translator_name": "Ana Jones", "key-0": f"{kind}:{ident}:{field}",
            "version-0": _translation_version(ident, kind, field), "text-0": welsh}


def _version(model: str, id_: int) -> str:
    with get_engine().connect() as conn:
        return str(conn.execute(text(f"SELECT version FROM {model} WHERE id = :id"),
                                {"id": id_}).scalar_one())


_today = date.today()
DATE = {"-day": str(_today.day), "-month": str(_today.month), "-year": str(_today.year)}


def _date(name: str) -> dict[str, str]:
    return {name + k: v for k, v in DATE.items()}


FORMS: dict[str, Form] = {
    "/login": Form(Role.supervisor, lambda w, me: "/login",
                   lambda w, me: {"email": me.email, "password": PASSWORD}, csrf=False),
    "/logout": Form(Role.supervisor, lambda w, me: "/logout", lambda w, me: {}),
    "/cases": Form(Role.supervisor, lambda w, me: "/cases",
                   lambda w, me: {"family_name": "Newfamily", "worker_id": str(me.id)},
                   numbers={"worker_id"}),
    "/cases/{case_id}/edit": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/edit",
        lambda w, me: {"family_name": "Renamed", "reference": "", "worker_id": "",
                       "version": _version("case_record", _case(w))},
        numbers={"worker_id", "version"}),
    "/cases/{case_id}/close": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/close",
        lambda w, me: {"closure_reason": "Safe", **_date("closed_on"),
                       "version": _version("case_record", _case(w))},
        numbers={"version"}, dates={"closed_on"}),
    "/cases/{case_id}/reopen": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/reopen",
        lambda w, me: {"version": _version("case_record", _case(w))}, numbers={"version"}),
    "/cases/{case_id}/people": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/people",
        lambda w, me: {"kind": "child", "given_name": "Ava", "family_name": "Harper",
                       **_date("date_of_birth")},
        dates={"date_of_birth"}, choices={"kind"}),
    "/cases/{case_id}/people/{person_id}": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/people/{w.children['own'].id}",
        lambda w, me: {"given_name": "Mia", "family_name": "Harper", **_date("date_of_birth"),
                       "version": _version("person", w.children["own"].id)},
        numbers={"version"}, dates={"date_of_birth"}),
    "/cases/{case_id}/mappings": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/mappings",
        lambda w, me: {"kind": "review", **_date("held_on"),
                       "participants": str(w.children["own"].id), "others": "Ana, nurse"},
        numbers={"participants"}, dates={"held_on"}, choices={"kind"}),
    "/cases/{case_id}/mappings/{mapping_id}/agree": Form(
        Role.supervisor, lambda w, me: _map(w) + "/agree",
        lambda w, me: {"version": _version("mapping", w.mappings["own"].id), "note": "Yes",
                       f"position-{w.children['own'].id}": "disagrees",
                       f"words-{w.children['own'].id}": "No"},
        numbers={"version"}),
    "/cases/{case_id}/mappings/{mapping_id}/reopen": Form(
        Role.supervisor, lambda w, me: _map(w) + "/reopen",
        lambda w, me: {"version": _version("mapping", w.mappings["own"].id)},
        numbers={"version"}),
    "/cases/{case_id}/mappings/{mapping_id}/sign-off": Form(
        Role.supervisor, lambda w, me: _map(w) + "/sign-off",
        lambda w, me: {"version": _version("mapping", w.mappings["own"].id)},
        numbers={"version"}),
    "/cases/{case_id}/mappings/{mapping_id}/scores": Form(
        Role.supervisor, lambda w, me: _map(w) + "/scores",
        lambda w, me: {"score-overall-me": "6", f"score-{w.dangers['own'].id}-me": "4",
                       "reason-me": "Lee has moved out"},
        numbers={"score-overall-me"}, choices={"score-overall-me"}),
    "/cases/{case_id}/mappings/{mapping_id}/review": Form(
        Role.supervisor, lambda w, me: _map(w) + "/review",
        lambda w, me: {"held_on-day": "3", "held_on-month": "3", "held_on-year": "2026",
                       "title": "Review meeting", "others": "Ana Lopez, school nurse"},
        dates={"held_on"}),
    "/cases/{case_id}/mappings/{mapping_id}/details": Form(
        Role.supervisor, lambda w, me: _map(w) + "/details",
        lambda w, me: {"kind": "review", "held_on-day": "3", "held_on-month": "3",
                       "held_on-year": "2026", "title": "Family meeting",
                       "participants": str(w.children["own"].id),
                       "version": _version("mapping", w.mappings["own"].id)},
        numbers={"version", "participants"}, choices={"kind", "participants"},
        dates={"held_on"}),
    "/cases/{case_id}/mappings/{mapping_id}/items": Form(
        Role.supervisor, lambda w, me: _map(w) + "/items",
        lambda w, me: {"category": "next_step", "text": "Plan", "source": "worker",
                       "child_ids": str(w.children["own"].id), "ns_who": "Sam",
                       **_date("ns_by_when")},
        numbers={"child_ids"}, dates={"ns_by_when"}, choices={"category", "source"}),
    "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}": Form(
        Role.supervisor, lambda w, me: _map(w) + f"/items/{w.dangers['own'].id}",
        lambda w, me: {"ds_behaviour": "Lee may shout", "source": f"person:{me.id}",
                       "version": _version("mapping_item", w.dangers["own"].id)},
        numbers={"version"}, choices={"source"}),
    "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/remove": Form(
        Role.supervisor, lambda w, me: _map(w) + f"/items/{w.goals['own'].id}/remove",
        lambda w, me: {"version": _version("mapping_item", w.goals["own"].id)},
        numbers={"version"}),
    "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/move": Form(
        Role.supervisor, lambda w, me: _map(w) + f"/items/{w.dangers['own'].id}/move",
        lambda w, me: {"direction": "down"}, choices={"direction"}),
    "/cases/{case_id}/mappings/{mapping_id}/ratings": Form(
        Role.supervisor, lambda w, me: _map(w) + "/ratings",
        lambda w, me: {"danger_id": str(w.dangers["own"].id),
                       "rater": f"person:{w.children['own'].id}", "score": "5",
                       "reason": "Better"},
        numbers={"danger_id", "score"}, choices={"rater"}),
    "/cases/{case_id}/mappings/{mapping_id}/issue": Form(
        Role.supervisor, lambda w, me: _map(w) + "/issue",
        lambda w, me: {"issued_to": "Jade Harper", "version": "easy_read",
                       "readability_reason": "Jade asked for it as it is"}, choices={"version"}),
    "/cases/{case_id}/quality/note": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/quality/note",
        lambda w, me: {"note": "Talked about the plan"}),
    "/cases/{case_id}/notes": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/notes",
        lambda w, me: _note_fields(w),
        dates={"occurred_on"}, choices={"kind", "about", "seen", "alone", "item_ids"}),
    "/cases/{case_id}/notes/{note_id}": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/notes/{_note(w, me)}",
        lambda w, me: {**_note_fields(w), "version": _version("case_note", _note(w, me))},
        numbers={"version"}, dates={"occurred_on"},
        choices={"kind", "about", "seen", "alone", "item_ids"}),
    "/cases/{case_id}/attachments": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/attachments",
        lambda w, me: {"title": "Letter", "sender": "School", **_date("received_on")},
        dates={"received_on"}),
    "/cases/{case_id}/access": Form(
        Role.service_manager, lambda w, me: f"/cases/{_case(w)}/access",
        lambda w, me: {"restricted": "yes", "user_ids": _staff(w),
                       "version": _version("case_record", _case(w))},
        numbers={"version", "user_ids"}, choices={"restricted", "user_ids"}),
    "/cases/{case_id}/allocation/transfer": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/allocation/transfer",
        lambda w, me: {"destination": f"team:{_team(w)}",
                       "version": _version("case_record", _case(w))},
        numbers={"version"}, choices={"destination"}),
    "/cases/{case_id}/allocation/colleagues": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/allocation/colleagues",
        lambda w, me: {"user_id": _not_worker(w), "kind": "cover", **_date("starts_on"),
                       **_date("ends_on"), "note": "annual leave"},
        numbers={"user_id"}, choices={"user_id", "kind"}, dates={"starts_on", "ends_on"}),
    "/cases/{case_id}/allocation/colleagues/{allocation_id}/end": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/allocation/colleagues/{_colleague(w)}/end",
        lambda w, me: {"version": _version("case_allocation", _colleague(w))},
        numbers={"version"}),
    "/cases/{case_id}/children/{child_id}/status": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/children/{w.children['own'].id}/status",
        lambda w, me: {"kind": "child_protection_plan", "category": "neglect",
                       **_date("starts_on"), "note": "Conference decision"},
        choices={"kind", "category"}, dates={"starts_on"}),
    "/cases/{case_id}/children/{child_id}/status/{status_id}/end": Form(
        Role.supervisor,
        lambda w, me: (f"/cases/{_case(w)}/children/{w.children['own'].id}/status/"
                       f"{_plan(w)}/end"),
        lambda w, me: {"version": _version("child_status", _plan(w)),
                       **_date(f"ends_on_{_plan(w)}")},
        numbers={"version"}, dates={"ends_on_"}),
    "/cases/{case_id}/children/{child_id}/three-houses": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/children/{w.children['own'].id}"
                                       "/three-houses",
        lambda w, me: {**_date("held_on"), "place": "School", "present": "Teacher",
                       "interviewer_name": "Sam", "worries": "Shouting", "good_things": "Nana",
                       "dreams": "A dog", "share_worries": "family", "asked_by": "Sam"},
        dates={"held_on"}),
    "/cases/{case_id}/children/{child_id}/safety-house": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/children/{w.children['own'].id}"
                                       "/safety-house",
        lambda w, me: {**_date("held_on"), "interviewer_name": "Sam", "inside": "Mum",
                       "red_circle": "Dad drinking", "scale": "6", "scale_words": "middle",
                       "share_inside": "family", "asked_by": "Sam"},
        numbers={"scale"}, dates={"held_on"}),
    "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/details": Form(
        Role.supervisor, lambda w, me: _safety(w) + "/details",
        lambda w, me: {**_date("held_on"), "interviewer_name": "Sam", "scale": "7",
                       "version": _version("voice_session", int(_safety(w).rsplit("/", 1)[1]))},
        numbers={"version", "scale"}, dates={"held_on"}),
    "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/entries": Form(
        Role.supervisor, lambda w, me: _safety(w) + "/entries",
        lambda w, me: {"part": "roof", "words_roof": "No shouting"}, choices={"part"}),
    "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/entries/{entry_id}/place":
        Form(Role.supervisor, lambda w, me: f"{_safety(w)}/entries/{_safety_entry(w)}/place",
             lambda w, me: {"category": "complicating_factor"}, choices={"category"}),
    "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/pictures": Form(
        Role.supervisor, lambda w, me: _safety(w) + "/pictures",
        lambda w, me: {"part": "roof", "caption": "My house", "picture_asked_by": "Sam"},
        choices={"part"}),
    "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/details": Form(
        Role.supervisor, lambda w, me: _houses(w) + "/details",
        lambda w, me: {**_date("held_on"), "place": "Home", "interviewer_name": "Sam",
                       "version": _version("voice_session", _houses_ids(w)[0])},
        numbers={"version"}, dates={"held_on"}),
    "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/entries": Form(
        Role.supervisor, lambda w, me: _houses(w) + "/entries",
        lambda w, me: {"part": "dreams", "words_dreams": "A dog called Biscuit"},
        choices={"part"}),
    "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/entries/{entry_id}/"
    "place": Form(
        Role.supervisor,
        lambda w, me: f"{_houses(w)}/entries/{_houses_ids(w)[1]}/place",
        lambda w, me: {"category": "complicating_factor"}, choices={"category"}),
    "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/pictures": Form(
        Role.supervisor, lambda w, me: _houses(w) + "/pictures",
        lambda w, me: {"part": "dreams", "caption": "My dog", "share": "family",
                       "picture_asked_by": "Sam"},
        choices={"part"}),
    "/cases/{case_id}/network/members": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/network/members",
        lambda w, me: {"name": "Mrs Khan", "phone": "07700 900123", "email": "k@example.org",
                       "role": "Neighbour", **_date("told_on"), "told_what": "The worries",
                       "agreement": "agreed", "commitments": "Mia can knock any time"},
        dates={"told_on"}, choices={"agreement"}),
    "/cases/{case_id}/network/members/{member_id}": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/network/members/{_network(w)}",
        lambda w, me: {"role": "Neighbour, next door", **_date("told_on"),
                       "told_what": "The danger statements", "agreement": "not_yet",
                       "version": _version("network_member", _network(w))},
        numbers={"version"}, dates={"told_on"}, choices={"agreement"}),
    "/cases/{case_id}/network/members/{member_id}/remove": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/network/members/{_network(w, spare=True)}/remove",
        lambda w, me: {"version": _version("network_member", _network(w, spare=True))},
        numbers={"version"}),
    "/cases/{case_id}/network/meetings": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/network/meetings",
        lambda w, me: {**_date("held_on"), "member_ids": str(_network(w)),
                       "others": "Sam (worker)", "agreed": "Gran has Mia after school"},
        numbers={"member_ids"}, dates={"held_on"}),
    "/cases/{case_id}/family-tree/kinships": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/family-tree/kinships",
        lambda w, me: {"person_id": str(_family(w)[0]), "kind": "friend",
                       "relative_id": str(w.children["own"].id), "birth": "yes",
                       "strength": "strong"},
        numbers={"person_id", "relative_id"}, choices={"kind", "strength"}),
    "/cases/{case_id}/family-tree/kinships/{kinship_id}": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/family-tree/kinships/{_family(w)[1]}",
        lambda w, me: {"birth": "yes", "parental_responsibility": "yes",
                       "strength": "tenuous", "version": _version("kinship", _family(w)[1])},
        numbers={"version"}, choices={"strength"}),
    "/cases/{case_id}/family-tree/kinships/{kinship_id}/remove": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/family-tree/kinships/{_family(w, True)[1]}/remove",
        lambda w, me: {"version": _version("kinship", _family(w, True)[1])},
        numbers={"version"}),
    "/cases/{case_id}/family-tree/households": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/family-tree/households",
        lambda w, me: {"stay_person_id": str(_family(w)[0]), "household": "Gran's",
                       **_date("moved_in")},
        numbers={"stay_person_id"}, dates={"moved_in"}),
    "/cases/{case_id}/family-tree/households/{stay_id}": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/family-tree/households/{_family(w)[2]}",
        lambda w, me: {"household": "Mum's new flat", **_date("moved_out"),
                       "version": _version("household_member", _family(w)[2])},
        numbers={"version"}, dates={"moved_out"}),
    "/cases/{case_id}/family-tree/households/{stay_id}/remove": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/family-tree/households/{_family(w, True)[2]}/remove",
        lambda w, me: {"version": _version("household_member", _family(w, True)[2])},
        numbers={"version"}),
    "/cases/{case_id}/family-tree/sharing": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/family-tree/sharing",
        lambda w, me: {"shared": "yes", "version": _version("case_record", _case(w))},
        numbers={"version"}),
    "/cases/{case_id}/safety-plan": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/safety-plan",
        lambda w, me: {"mapping_id": str(_no_safety_plan(w)), "review_on-day": "1",
                       "review_on-month": "1", "review_on-year": str(date.today().year + 1)},
        numbers={"mapping_id"}, dates={"review_on"}),
    "/cases/{case_id}/safety-plan/{plan_id}/rules": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/safety-plan/{_splan(w)[0]}/rules",
        lambda w, me: {"words": "An adult is home at night",
                       "item_ids": str(w.dangers["own"].id), "responsible_others": "Jade",
                       "warning_signs": "Lights off", "if_broken": "Call Pat",
                       "who_to_call": "Pat 0123", "checked_how": "Pat visits"},
        numbers={"item_ids"}),
    "/cases/{case_id}/safety-plan/{plan_id}/rules/{rule_id}": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/safety-plan/{_splan(w)[0]}/rules/{_splan(w)[1]}",
        lambda w, me: {"words": "Nobody drinks at home", "item_ids": str(w.dangers["own"].id),
                       "version": _version("safety_rule", _splan(w)[1])},
        numbers={"version", "item_ids"}),
    "/cases/{case_id}/safety-plan/{plan_id}/rules/{rule_id}/remove": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/safety-plan/{_splan(w)[0]}/rules/{_splan(w)[2]}/remove",
        lambda w, me: {"version": _version("safety_rule", _splan(w)[2])},
        numbers={"version"}),
    "/cases/{case_id}/safety-plan/{plan_id}/signoffs": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/safety-plan/{_splan(w)[0]}/signoffs",
        lambda w, me: {"who": "", "name": "Grandma Pat", **_date("agreed_on"),
                       "how": "said_at_meeting", "note": "At the network meeting"},
        dates={"agreed_on"}, choices={"how"}),
    "/cases/{case_id}/safety-plan/{plan_id}/checks": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/safety-plan/{_splan(w)[0]}/checks",
        lambda w, me: {"rule_id": str(_splan(w)[1]), **_date("checked_on"), "result": "held",
                       "what_happened": "All fine", "by_name": "Pat"},
        numbers={"rule_id"}, dates={"checked_on"}, choices={"result"}),
    "/cases/{case_id}/safety-plan/{plan_id}/review": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/safety-plan/{_splan(w)[0]}/review",
        lambda w, me: {"version": _version("safety_plan", _splan(w)[0])},
        numbers={"version"}),
    "/cases/{case_id}/words-and-pictures": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/words-and-pictures",
        lambda w, me: {"title": "Why Sam came" if _no_board(w) else ""}),
    "/cases/{case_id}/words-and-pictures/{board_id}/panels": Form(
        Role.supervisor, lambda w, me: f"{_board(w)[0]}/panels",
        lambda w, me: {"words": "Nana helps us."}),
    "/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}": Form(
        Role.supervisor, lambda w, me: f"{_board(w)[0]}/panels/{_board(w)[1]}",
        lambda w, me: {"words": "Hello Mia.", "version": _version("storyboard_panel",
                                                                  _board(w)[1])},
        numbers={"version"}),
    "/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}/move": Form(
        Role.supervisor, lambda w, me: f"{_board(w)[0]}/panels/{_board(w)[1]}/move",
        lambda w, me: {"direction": "down", "version": _version("storyboard_panel",
                                                                _board(w)[1])},
        numbers={"version"}, choices={"direction"}),
    "/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}/remove": Form(
        Role.supervisor, lambda w, me: f"{_board(w)[0]}/panels/{_board(w)[2]}/remove",
        lambda w, me: {"version": _version("storyboard_panel", _board(w)[2])},
        numbers={"version"}),
    "/cases/{case_id}/words-and-pictures/{board_id}/explanations": Form(
        Role.supervisor, lambda w, me: f"{_board(w)[0]}/explanations",
        lambda w, me: {"child_id": str(w.children["own"].id), **_date("explained_on"),
                       "by_name": "Sam", "how": "Read together"},
        numbers={"child_id"}, dates={"explained_on"}),
    "/cases/{case_id}/words-and-pictures/{board_id}/new-version": Form(
        Role.supervisor, lambda w, me: f"{_board(w)[0]}/new-version",
        lambda w, me: {"version": _version("storyboard", _board(w)[3])},
        numbers={"version"}),
    "/cases/{case_id}/trajectory": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/trajectory",
        lambda w, me: {"goal": "Mia is safe at home", "version": _version(
            "trajectory", _path(w)[0])},
        numbers={"version"}),
    "/cases/{case_id}/trajectory/stages": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/trajectory/stages",
        lambda w, me: {"name": "Family group conference", **_date("planned_on")}
        if _path(w) else {}, dates={"planned_on"}),
    "/cases/{case_id}/trajectory/stages/{stage_id}": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/trajectory/stages/{_path(w)[1]}",
        lambda w, me: {"name": "Preparing", **_date("planned_on"), **_date("done_on"),
                       "version": _version("trajectory_stage", _path(w)[1])},
        numbers={"version"}, dates={"planned_on", "done_on"}),
    "/cases/{case_id}/trajectory/stages/{stage_id}/remove": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/trajectory/stages/{_path(w)[2]}/remove",
        lambda w, me: {"version": _version("trajectory_stage", _path(w)[2])},
        numbers={"version"}),
    "/cases/{case_id}/safety-plan/{plan_id}/issue": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/safety-plan/{_splan(w)[0]}/issue",
        lambda w, me: {"issued_to": "Jade Harper",
                       "readability_reason": "Jade asked for it as it is"}),
    "/cases/{case_id}/safety-plan/{plan_id}/children": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/safety-plan/{_splan(w)[0]}/children",
        lambda w, me: {}),
    "/cases/{case_id}/words-and-pictures/{board_id}/issue": Form(
        Role.supervisor, lambda w, me: f"{_board(w)[0]}/issue",
        lambda w, me: {"issued_to": "Jade Harper",
                       "readability_reason": "Jade asked for it as it is"}),
    "/cases/{case_id}/pictures/{picture_id}/remove": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/pictures/{_spare_picture(w)}/remove",
        lambda w, me: {"version": _version("picture", _spare_picture(w))}, numbers={"version"}),
    "/cases/{case_id}/pictures/{picture_id}/sharing": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/pictures/{_houses_ids(w)[2]}/sharing",
        lambda w, me: {f"share_{_houses_ids(w)[2]}": "network",
                       f"asked_by_{_houses_ids(w)[2]}": "Sam",
                       "version": _version("picture", _houses_ids(w)[2])},
        numbers={"version"}),
    "/cases/{case_id}/children/{child_id}/events": Form(
        Role.supervisor, lambda w, me: f"{_child(w)}/events",
        lambda w, me: {"kind": "assessment", **_date("happened_on"), "note": "Started"},
        choices={"kind"}, dates={"happened_on"}),
    "/cases/{case_id}/children/{child_id}/events/{event_id}": Form(
        Role.supervisor, lambda w, me: f"{_child(w)}/events/{_event(w)[0]}",
        lambda w, me: {"version": _version("case_event", _event(w)[0]), **_date("happened_on"),
                       "code": "2A", "need_code": "N1"},
        numbers={"version"}, choices={"code", "need_code"}, dates={"happened_on"}),
    "/cases/{case_id}/children/{child_id}/events/{event_id}/withdraw": Form(
        Role.supervisor, lambda w, me: f"{_child(w)}/events/{_event(w)[1]}/withdraw",
        lambda w, me: {"version": _version("case_event", _event(w)[1])}, numbers={"version"}),
    "/cases/{case_id}/children/{child_id}/event-proposals": Form(
        Role.supervisor, lambda w, me: f"{_child(w)}/event-proposals",
        lambda w, me: {"key": f"assessment-{w.mappings['own'].id}-None"}, choices={"key"}),
    "/cases/{case_id}/people/{person_id}/census": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/people/{w.children['own'].id}/census",
        lambda w, me: {"version": _version("person", w.children["own"].id), "sex": "F",
                       "ethnicity": "WBRI", "disabilities": "NONE", "upn": "",
                       "upn_unknown": "UN1"},
        numbers={"version"}, choices={"sex", "ethnicity", "disabilities", "upn_unknown"}),
    "/cases/{case_id}/conference-reports": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/conference-reports",
        lambda w, me: {**_date("held_on"), "kind": "initial",
                       "mapping_id": str(w.mappings["own"].id), "analysis": "Worried"},
        numbers={"mapping_id"}, choices={"kind", "mapping_id"}, dates={"held_on"}),
    "/cases/{case_id}/conference-reports/{report_id}": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/conference-reports/{_report(w)}",
        lambda w, me: {"version": _version("conference_report", _report(w)),
                       **_date("held_on"), "kind": "review", "analysis": "Safer now"},
        numbers={"version"}, choices={"kind"}, dates={"held_on"}),
    "/cases/{case_id}/mappings/{doc_id}/translations/{language}": Form(
        Role.supervisor, lambda w, me: _map(w) + "/translations/cy",
        lambda w, me: _translating("mapping_item", "text", w.dangers["own"].id,
                                   "Mae Dad yn yfed gormod"),
        numbers={"version-0"}),
    "/cases/{case_id}/safety-plan/{doc_id}/translations/{language}": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/safety-plan/{_splan(w)[0]}"
                                       "/translations/cy",
        lambda w, me: _translating("safety_rule", "words", _splan(w)[1],
                                   "Does neb yn yfed gartref"),
        numbers={"version-0"}),
    "/cases/{case_id}/words-and-pictures/{doc_id}/translations/{language}": Form(
        Role.supervisor, lambda w, me: _board(w)[0] + "/translations/cy",
        lambda w, me: _translating("panel", "words", _board(w)[1], "Helo."),
        numbers={"version-0"}),
    "/cases/{case_id}/conference-reports/{doc_id}/translations/{language}": Form(
        Role.supervisor, lambda w, me: f"/cases/{_case(w)}/conference-reports/{_report(w)}"
                                       "/translations/cy",
        lambda w, me: _translating("mapping_item", "text", w.dangers["own"].id,
                                   "Mae Dad yn yfed gormod"),
        numbers={"version-0"}),
    "/cases/{case_id}/conference-reports/{report_id}/issue": Form(
        Role.supervisor,
        lambda w, me: f"/cases/{_case(w)}/conference-reports/{_report(w)}/issue",
        lambda w, me: {"which": "family", "issued_to": "Jade Harper",
                       "readability_reason": "Jade asked for it as it is"}, choices={"which"}),
    "/returns/cin": Form(Role.service_manager, lambda w, me: "/returns/cin",
                         lambda w, me: {"year": "2026"}, choices={"year"}),
    "/labels": Form(Role.administrator, lambda w, me: "/labels",
                    lambda w, me: {"label-danger_statement": "Worries", "version": "0"},
                    numbers={"version"}),
    "/teams/{team_id}/labels": Form(
        Role.supervisor, lambda w, me: f"/teams/{me.team_id}/labels",
        lambda w, me: {"label-danger_statement": "Worries", "version": "0"},
        numbers={"version"}),
    "/expected": Form(Role.administrator, lambda w, me: "/expected",
                      lambda w, me: {"version": _label_version(None),
                                     "expect": "closure:existing_safety"},
                      numbers={"version"}, choices={"expect"}),
    "/teams/{team_id}/expected": Form(
        Role.supervisor, lambda w, me: f"/teams/{me.team_id}/expected",
        lambda w, me: {"version": _label_version(me.team_id),
                       "expect": "closure:existing_safety"},
        numbers={"version"}, choices={"expect"}),
    "/plain-language/check": Form(Role.supervisor, lambda w, me: "/plain-language/check",
                                  lambda w, me: {"text": "We will review the placement."}),
    "/admin/jargon": Form(Role.administrator, lambda w, me: "/admin/jargon",
                          lambda w, me: {"term": "pathway plan", "plain": "plan for later",
                                         "active": "yes"}, choices={"active"}),
    "/admin/jargon/{term_id}": Form(
        Role.administrator, lambda w, me: f"/admin/jargon/{_term(w)}",
        lambda w, me: {"term": "core group", "plain": "plan group",
                       "version": _version("jargon_term", _term(w))},
        numbers={"version"}),
    "/admin/users": Form(
        Role.administrator, lambda w, me: "/admin/users",
        lambda w, me: {"name": "Jo Newman", "email": "jo.newman@example.org",
                       "role": "practitioner", "team_id": str(me.team_id or _team(w)),
                       "phone": "01632 960 111"},
        numbers={"team_id"}, choices={"role", "team_id"}),
    "/admin/users/{user_id}": Form(
        Role.administrator, lambda w, me: f"/admin/users/{_staff(w)}",
        lambda w, me: {"name": "Sam Staff", "email": "sam.staff@example.org",
                       "role": "supervisor", "team_id": str(_team(w)), "active": "yes",
                       "version": _version("user_account", int(_staff(w)))},
        numbers={"team_id", "version"}, choices={"role", "team_id", "active"}),
    "/admin/users/{user_id}/password": Form(
        Role.administrator, lambda w, me: f"/admin/users/{_staff(w)}/password",
        lambda w, me: {}),
    "/admin/teams": Form(Role.administrator, lambda w, me: "/admin/teams",
                         lambda w, me: {"team_name": "East"}),
    "/admin/tokens": Form(
        Role.administrator, lambda w, me: "/admin/tokens",
        lambda w, me: {"name": "Data hub", "scopes": "read", "team_id": str(_team(w)),
                       "expires_in_days": "90"},
        numbers={"team_id", "expires_in_days"}, choices={"scopes", "team_id", "expires_in_days"}),
    "/admin/tokens/{token_id}/revoke": Form(
        Role.administrator, lambda w, me: f"/admin/tokens/{_token(w)}/revoke", lambda w, me: {}),
    "/account/password": Form(
        Role.practitioner, lambda w, me: "/account/password",
        lambda w, me: {"current": PASSWORD, "new": "a brand new long password",
                       "confirm": "a brand new long password"}),
}


def _label_version(team_id: int | None) -> str:
    """The version of the label set the page shows (0 when it has none yet)."""
    with get_engine().connect() as conn:
        where = "team_id IS NULL" if team_id is None else f"team_id = {int(team_id)}"
        found = conn.execute(text(f"SELECT version FROM label_set WHERE {where}")).scalar()
    return str(found or 0)


def _plan(w: World) -> int:
    from datetime import timedelta

    from app.models.child_status import ChildStatus

    found = w.session.scalar(select(ChildStatus.id).where(
        ChildStatus.child_id == w.children["own"].id))
    if found is None:
        row = ChildStatus(case_id=_case(w), child_id=w.children["own"].id,
                          kind="child_in_need", starts_on=_today - timedelta(days=30),
                          recorded_by_name="Worker")
        w.session.add(row)
        w.session.commit()
        found = row.id
    return int(found)


def _voice_ids(w: World, tool: str) -> tuple[int, int, int]:
    """A session with the own case's child (My Three Houses or the Safety House), with one
    entry and a picture."""
    from app.models.picture import Picture
    from app.models.voice import VoiceEntry, VoiceSession

    child = w.children["own"].id
    found = w.session.scalar(select(VoiceSession.id).where(VoiceSession.child_id == child,
                                                           VoiceSession.tool == tool))
    if found is None:
        vs = VoiceSession(case_id=_case(w), child_id=child, tool=tool, held_on=_today,
                          interviewer_name="Sam", recorded_by_name="Sam", sharing={})
        w.session.add(vs)
        w.session.flush()
        part = "worries" if tool == "three_houses" else "red_circle"
        w.session.add(VoiceEntry(session_id=vs.id, part=part, words="Shouting"))
        png = FILES["/cases/{case_id}/children/{child_id}/three-houses/{session_id}/"
                    "pictures"]["picture"][1]
        w.session.add(Picture(case_id=_case(w), child_id=child, session_id=vs.id,
                              source="upload", media_type="image/png", width=1, height=1,
                              size=len(png), sha256="0" * 64, content=png, sharing=[],
                              recorded_by_name="Sam"))
        w.session.commit()
        found = vs.id
    entry = w.session.scalar(select(VoiceEntry.id).where(
        VoiceEntry.session_id == found).order_by(VoiceEntry.id))
    picture = w.session.scalar(select(Picture.id).where(Picture.session_id == found))
    assert entry is not None and picture is not None
    return int(found), int(entry), int(picture)


def _houses_ids(w: World) -> tuple[int, int, int]:
    return _voice_ids(w, "three_houses")


def _safety(w: World) -> str:
    return (f"/cases/{_case(w)}/children/{w.children['own'].id}/safety-house/"
            f"{_voice_ids(w, 'safety_house')[0]}")


def _safety_entry(w: World) -> int:
    return _voice_ids(w, "safety_house")[1]


def _network(w: World, spare: bool = False) -> int:
    """A member of the own case's network (a spare one, to remove, when asked)."""
    from app.models.network import NetworkMember

    name = "Spare" if spare else "Pat"
    found = w.session.scalar(select(NetworkMember.id).where(
        NetworkMember.case_id == _case(w), NetworkMember.name == name,
        NetworkMember.removed.is_(False)))
    if found is None:
        row = NetworkMember(case_id=_case(w), name=name, role="Gran", recorded_by_name="Sam")
        w.session.add(row)
        w.session.commit()
        found = row.id
    return int(found)


def _family(w: World, spare: bool = False) -> tuple[int, int, int]:
    """An adult on the own case, their relationship to the child, and their household (a
    spare relationship and household, to remove, when asked)."""
    from app.models.enums import AdultRole, KinKind, PersonKind
    from app.models.household import HouseholdMember
    from app.models.kinship import Kinship
    from app.models.person import Person

    name = "Spare" if spare else "Robin"
    adult = w.session.scalar(select(Person.id).where(
        Person.case_id == _case(w), Person.given_name == name))
    if adult is None:
        p = Person(case_id=_case(w), kind=PersonKind.adult, given_name=name,
                   family_name="Harper", role=AdultRole.relative)
        w.session.add(p)
        w.session.flush()
        adult = p.id
    tie = w.session.scalar(select(Kinship.id).where(
        Kinship.person_id == adult, Kinship.kind == KinKind.aunt_uncle,
        Kinship.removed.is_(False)))
    if tie is None:
        k = Kinship(case_id=_case(w), person_id=adult, relative_id=w.children["own"].id,
                    kind=KinKind.aunt_uncle)
        w.session.add(k)
        w.session.flush()
        tie = k.id
    stay = w.session.scalar(select(HouseholdMember.id).where(
        HouseholdMember.person_id == adult, HouseholdMember.household == "Home",
        HouseholdMember.removed.is_(False)))
    if stay is None:
        h = HouseholdMember(case_id=_case(w), person_id=adult, household="Home")
        w.session.add(h)
        w.session.flush()
        stay = h.id
    w.session.commit()
    return int(adult), int(tie), int(stay)


def _no_safety_plan(w: World) -> int:
    """No current safety plan on the own case (so one can be started): its mapping's id."""
    from sqlalchemy import update

    from app.models.enums import PlanStatus
    from app.models.safety_plan import SafetyPlan

    w.session.execute(update(SafetyPlan).where(SafetyPlan.case_id == _case(w))
                      .values(status=PlanStatus.replaced))
    w.session.commit()
    return int(w.mappings["own"].id)


def _splan(w: World) -> tuple[int, int, int]:
    """The own case's current agreed safety plan, a rule of it and a spare rule to remove."""
    from sqlalchemy import func

    from app.models.enums import PlanStatus
    from app.models.safety_plan import SafetyPlan, SafetyRule

    plan = w.session.scalar(select(SafetyPlan).where(
        SafetyPlan.case_id == _case(w), SafetyPlan.status == PlanStatus.agreed))
    if plan is None:
        _no_safety_plan(w)
        number = (w.session.scalar(select(func.max(SafetyPlan.number)).where(
            SafetyPlan.case_id == _case(w))) or 0) + 1
        plan = SafetyPlan(case_id=_case(w), mapping_id=w.mappings["own"].id, number=number,
                          status=PlanStatus.agreed, made_on=date(2026, 1, 1),
                          agreed_on=date(2026, 1, 2), created_by_name="Sam")
        w.session.add(plan)
        w.session.flush()
    found = []
    for words in ("Nobody drinks at home", "Spare rule"):
        rid = w.session.scalar(select(SafetyRule.id).where(
            SafetyRule.plan_id == plan.id, SafetyRule.removed.is_(False),
            SafetyRule.words == words))
        if rid is None:
            r = SafetyRule(plan_id=plan.id, position=len(found) + 1, words=words,
                           responsible_member_ids=[])
            w.session.add(r)
            w.session.flush()
            rid = r.id
        found.append(int(rid))
    w.session.commit()
    return int(plan.id), found[0], found[1]


def _child(w: World) -> str:
    return f"/cases/{_case(w)}/children/{w.children['own'].id}"


def _report(w: World) -> int:
    """A conference report on the own case."""
    from app.models.conference_report import ConferenceReport

    found = w.session.scalar(select(ConferenceReport.id).where(
        ConferenceReport.case_id == _case(w)))
    if found is None:
        row = ConferenceReport(case_id=_case(w), held_on=date(2026, 12, 10), kind="initial",
                               mapping_id=w.mappings["own"].id, analysis="",
                               recorded_by_name="Worker")
        w.session.add(row)
        w.session.commit()
        found = row.id
    return int(found)


def _event(w: World) -> tuple[int, int]:
    """A referral of the own case's child to change, and an assessment to withdraw."""
    from app.models.case_event import CaseEvent

    found = []
    for kind in ("referral", "assessment"):
        eid = w.session.scalar(select(CaseEvent.id).where(
            CaseEvent.child_id == w.children["own"].id, CaseEvent.kind == kind,
            CaseEvent.withdrawn.is_(False)))
        if eid is None:
            row = CaseEvent(case_id=_case(w), child_id=w.children["own"].id, kind=kind,
                            happened_on=date(2025, 6, 2), code="2A" if kind == "referral"
                            else None, need_code="N1" if kind == "referral" else None,
                            recorded_by_name="Worker")
            w.session.add(row)
            w.session.commit()
            eid = row.id
        found.append(int(eid))
    return found[0], found[1]


def _no_board(w: World) -> bool:
    """No current Words and Pictures on the own case (so one can be started)."""
    from sqlalchemy import update

    from app.models.words_pictures import Storyboard

    w.session.execute(update(Storyboard).where(Storyboard.case_id == _case(w))
                      .values(replaced=True))
    w.session.commit()
    return True


def _board(w: World) -> tuple[str, int, int, int]:
    """The own case's current Words and Pictures (its address), a panel, a spare panel to
    remove, and its id."""
    from sqlalchemy import func

    from app.models.words_pictures import Panel, Storyboard

    board = w.session.scalar(select(Storyboard).where(
        Storyboard.case_id == _case(w), Storyboard.replaced.is_(False)))
    if board is None:
        number = (w.session.scalar(select(func.max(Storyboard.number)).where(
            Storyboard.case_id == _case(w))) or 0) + 1
        board = Storyboard(case_id=_case(w), number=number, title="Our story",
                           created_by_name="Sam")
        w.session.add(board)
        w.session.flush()
    found = []
    for words in ("Hello.", "Spare panel."):
        pid = w.session.scalar(select(Panel.id).where(
            Panel.storyboard_id == board.id, Panel.removed.is_(False), Panel.words == words))
        if pid is None:
            row = Panel(storyboard_id=board.id, position=len(found) + 1, words=words)
            w.session.add(row)
            w.session.flush()
            pid = row.id
        found.append(int(pid))
    w.session.commit()
    return (f"/cases/{_case(w)}/words-and-pictures/{board.id}", found[0], found[1],
            int(board.id))


def _path(w: World) -> tuple[int, int, int]:
    """The own case's trajectory, a stage of it and a spare stage to remove."""
    from app.models.trajectory import Trajectory, TrajectoryStage

    t = w.session.scalar(select(Trajectory).where(Trajectory.case_id == _case(w)))
    if t is None:
        t = Trajectory(case_id=_case(w), goal="Safe at home", goal_set_on=date(2026, 1, 1))
        w.session.add(t)
        w.session.flush()
    found = []
    for name in ("Preparing", "Spare stage"):
        sid = w.session.scalar(select(TrajectoryStage.id).where(
            TrajectoryStage.trajectory_id == t.id, TrajectoryStage.name == name,
            TrajectoryStage.removed.is_(False)))
        if sid is None:
            row = TrajectoryStage(trajectory_id=t.id, position=len(found) + 1, name=name)
            w.session.add(row)
            w.session.flush()
            sid = row.id
        found.append(int(sid))
    w.session.commit()
    return int(t.id), found[0], found[1]


def _spare_picture(w: World) -> int:
    """A picture still on the record, to remove (a new one once the last was removed)."""
    from app.models.picture import Picture

    session_id = _houses_ids(w)[0]
    found = w.session.scalar(select(Picture.id).where(
        Picture.session_id == session_id, Picture.removed.is_(False),
        Picture.caption == "spare"))
    if found is None:
        png = FILES["/cases/{case_id}/children/{child_id}/three-houses/{session_id}/"
                    "pictures"]["picture"][1]
        row = Picture(case_id=_case(w), child_id=w.children["own"].id, session_id=session_id,
                      caption="spare", source="upload", media_type="image/png", width=1,
                      height=1, size=len(png), sha256="0" * 64, content=png, sharing=[],
                      recorded_by_name="Sam")
        w.session.add(row)
        w.session.commit()
        found = row.id
    return int(found)


def _houses(w: World) -> str:
    return (f"/cases/{_case(w)}/children/{w.children['own'].id}/three-houses/"
            f"{_houses_ids(w)[0]}")


def _not_worker(w: World) -> str:
    """A social worker who is not the allocated worker of the case the forms are sent on."""
    from app.models.user import User

    return str(w.session.scalar(select(User.id).where(
        User.role == Role.practitioner, User.id != (w.cases["own"].worker_id or 0))
        .order_by(User.id)))


def _colleague(w: World) -> int:
    from datetime import timedelta

    from app.models.allocation import CaseAllocation

    found = w.session.scalar(select(CaseAllocation.id).where(
        CaseAllocation.case_id == _case(w), CaseAllocation.note == "to end"))
    if found is None:
        row = CaseAllocation(case_id=_case(w), user_id=int(_not_worker(w)), kind="co_worker",
                             starts_on=_today - timedelta(days=3), note="to end",
                             added_by_name="Manager")
        w.session.add(row)
        w.session.commit()
        found = row.id
    return int(found)


def _team(w: World) -> int:
    return int(w.cases["own"].team_id)


def _token(w: World) -> int:
    from app.models.auth import ApiToken
    from app.services import auth
    from app.services.audit import SYSTEM

    found = w.session.scalar(select(ApiToken.id).where(ApiToken.name == "To revoke"))
    if found is None:
        _, token = auth.issue_token(w.session, name="To revoke", scopes=["read"], team_id=None,
                                    expires_in_days=30, actor=SYSTEM)
        w.session.commit()
        found = token.id
    return int(found)


def _staff(w: World) -> str:
    from app.models.user import User

    return str(w.session.scalar(select(User.id).where(User.role == Role.practitioner)
                                .order_by(User.id)))


def _note_fields(w: World) -> dict[str, str]:
    child = str(w.children["own"].id)
    return {"kind": "visit", "title": "Home visit", **_date("occurred_on"),
            "occurred_time": "10:30", "body": "Mia was playing.", "about": child,
            "seen": child, "alone": child, "item_ids": str(w.dangers["own"].id)}


def _note(w: World, me: Any) -> int:
    from app.models.case_note import CaseNote

    found = w.session.scalar(select(CaseNote.id).where(CaseNote.case_id == _case(w)))
    if found is None:
        row = CaseNote(case_id=_case(w), kind="visit", occurred_on=_today, title="Visit",
                       body="", author_id=me.id, author_name=me.name)
        w.session.add(row)
        w.session.commit()
        found = row.id
    return int(found)


def _term(w: World) -> int:
    found = w.session.scalar(select(JargonTerm.id).where(JargonTerm.term == "core group"))
    if found is None:
        row = JargonTerm(term="core group", plain="the group that checks the plan")
        w.session.add(row)
        w.session.commit()
        found = row.id
    return int(found)


def test_every_browser_form_is_listed() -> None:
    posts = {
        ctx.path
        for ctx in iter_route_contexts(app.routes)
        if "POST" in (ctx.methods or []) and not ctx.path.startswith("/api/")
    }
    assert posts - set(FORMS) == set(), "add these browser forms to FORMS"
    assert set(FORMS) - posts == set(), "these FORMS entries name routes that are gone"


def _record_digest() -> str:
    digest = hashlib.sha256()
    with get_engine().connect() as conn:
        for table in RECORD:
            # Opening a restricted case is audited even when the form is refused: a view,
            # not a change to the record.
            where = " WHERE action != 'view'" if table == "audit_event" else ""
            columns = "*"
            if table in BOOKKEEPING:
                skip = {c.strip() for c in BOOKKEEPING[table].split(",")}
                columns = ", ".join(c.name for c in Base.metadata.tables[table].columns
                                    if c.name not in skip)
            for row in conn.execute(text(f"SELECT {columns} FROM {table}{where} ORDER BY 1")):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _variants(spec: Form, base: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(what was done, the form as a list of pairs) for every way of getting it wrong."""
    out: list[tuple[str, list[tuple[str, str]]]] = [
        ("a field the form does not have", [*base.items(), ("zzz", "1")]),
    ]

    def with_(name: str, value: str | None) -> list[tuple[str, str]]:
        pairs = [(k, v) for k, v in base.items() if k != name]
        return pairs + ([(name, value)] if value is not None else [])

    for name in base:
        out += [
            (f"{name} missing", with_(name, None)),
            (f"{name} empty", with_(name, "")),
            (f"{name} 10,000 characters", with_(name, LONG)),
            (f"{name} twice", [*with_(name, base[name]), (name, base[name] + "2")]),
        ]
        if name in spec.numbers:
            out += [(f"{name} not a number", with_(name, "abc")),
                    (f"{name} beyond 64 bits", with_(name, BIG)),
                    (f"{name} in other digits", with_(name, "²"))]
        if name in spec.choices:
            out.append((f"{name} not offered", with_(name, "nonsense:" + BIG)))
    # A date's three boxes are named "<prefix>-day" and so on; an entry of `dates` names the
    # prefix, or its start where the page numbers it ("ends_on_" for "ends_on_12").
    prefixes = sorted({k.rsplit("-", 1)[0] for k in base
                       if "-" in k and any(k.startswith(d) for d in spec.dates)})
    for prefix in prefixes:
        out.append((f"{prefix} on 30 February",
                    [*[(k, v) for k, v in base.items() if not k.startswith(prefix)],
                     (prefix + "-day", "30"), (prefix + "-month", "2"),
                     (prefix + "-year", "2026")]))
        out.append((f"{prefix} in year {BIG}",
                    [*[(k, v) for k, v in base.items() if k != prefix + "-year"],
                     (prefix + "-year", BIG)]))
    return out


def _send(client: Any, url: str, pairs: list[tuple[str, str]], csrf: str | None,
          htmx: bool, files: dict[str, Any] | None = None) -> Any:
    data = list(pairs) + ([("csrf_token", csrf)] if csrf is not None else [])
    headers = {"HX-Request": "true"} if htmx else {}
    if files:
        fields: dict[str, list[str]] = {}
        for k, v in data:
            fields.setdefault(k, []).append(v)
        return client.post(url, data=fields, files=files, headers=headers,
                           follow_redirects=False)
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return client.post(url, content=urlencode(data), headers=headers, follow_redirects=False)


def _check(label: str, response: Any, before: str, htmx: bool, fragment: bool) -> None:
    status = response.status_code
    assert status < 500, f"{label}: {status} {response.text[:400]}"
    assert status < 400 or status in ALLOWED, f"{label}: {status} {response.text[:300]}"
    if status >= 400:
        body = response.text
        # A message a person can read, never a stack trace.
        assert "Traceback" not in body and "sqlalchemy" not in body.lower(), label
        assert ("govuk-error-summary" in body or "govuk-error-message" in body
                or "govuk-heading-l" in body or "app-conflict" in body), \
            f"{label}: {status} with no message: {body[:300]}"
        if htmx and status in (409, 422) and fragment:
            # htmx swaps these in place: a fragment, not a whole page in the column.
            assert "<html" not in body, f"{label}: a whole page for htmx"
        assert _record_digest() == before, f"{label}: {status} but the record changed"


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
@pytest.mark.parametrize("path", sorted(FORMS))
def test_a_form_under_hostile_input(client: Any, session: Session, path: str,
                                    htmx: bool) -> None:
    spec = FORMS[path]
    world, me, _team = world_for(session, spec.role)
    csrf = login(client, me)
    url = spec.url(world, me)
    count = len(_variants(spec, spec.fields(world, me)))
    for n in range(count):
        # The form as the page would send it now (versions move on after a success).
        base = spec.fields(world, me)
        label, pairs = _variants(spec, base)[n]
        before = _record_digest()
        response = _send(client, url, pairs, csrf if spec.csrf else None, htmx,
                         FILES.get(path))
        _check(f"{path}, {label}", response, before, htmx, path in HTMX_FORMS)
        if n == 0:
            # The form as sent, with a field more: it does what it is for.
            assert response.status_code < 400 or path.endswith(("/sign-off", "/reopen")), \
                f"{path}: the form itself was refused: {response.status_code}"
        if path in ("/logout", "/login") or response.headers.get("location", "").startswith(
                "/login"):
            csrf = login(client, me)
    base = spec.fields(world, me)
    if spec.csrf:
        for label, token in (("a stale CSRF token", "stale-" + csrf), ("no CSRF token", None)):
            before = _record_digest()
            response = _send(client, url, list(base.items()), token, htmx, FILES.get(path))
            assert response.status_code in (403, 303) if path == "/logout" \
                else response.status_code == 403, f"{path}, {label}: {response.status_code}"
            _check(f"{path}, {label}", response, before, htmx, path in HTMX_FORMS)

