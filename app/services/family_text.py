"""The fixed words of family documents, in one place so a test can check them: short
sentences, everyday words (reading age 10 or under), none of the listed jargon.
`in_language` gives them in another language, from its catalogue (services/language.py)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from app.config import get_settings
from app.services import language

FAMILY_TEXT: dict[str, str] = {
    "title": "What we talked about",
    "easy_read": "Easy read",
    "family_of": "{name} family",
    "untranslated": "Some parts are in English. They have not been put into {language} yet.",
    "translated_by": "Translated by {names}.",
    "intro": (
        "This is about {children}. It says what we are worried about. It says what is going "
        "well. It says what needs to happen next. We made it with you on {date}."
    ),
    "met_on": "We met on {date}",
    "printed_on": "Printed on {date}",
    "children_said": "What the children told us",
    "children_said_lead": "These are the children's own words. We have not changed them.",
    "child_said": "{name} told us this on {date}.",
    "kept_back": "{name} told us other things too. They are not here because {name} has not "
                 "said yet who can see them.",
    "part_worries": "What worries {name}",
    "part_good_things": "What is good for {name}",
    "part_dreams": "What {name} hopes for",
    "part_inside": "Who keeps {name} safe at home",
    "part_path": "Who helps {name}",
    "part_roof": "The rules {name} wants everyone to keep",
    "part_red_circle": "Who or what {name} does not feel safe with",
    "child_scale": "{name} says they feel {score} out of 10 safe.",
    "harder": "What makes things harder",
    "harder_lead": "These things make it harder to keep the children safe.",
    "overall": "How safe things are overall",
    "overall_lead": "This is how safe we each think things are, all things thought of.",
    "what_now": "What happens next",
    "next_meeting": "We will meet again on {date}.",
    "no_next_meeting": "We will tell you when we will meet again.",
    "out_of_hours": "If you need help when our office is closed, call {phone}.",
    "complain": "If you are not happy with how we work with you, you can tell us. To do this, "
                "{contact}.",
    "advocate": "You can ask for someone to help you say what you think. This is "
                "{contact}.",
    "wrong": "If something here is wrong, or you do not understand it, please tell {worker}.",
    "call": "You can call {worker} on {phone}.",
    "worried": "What we are worried about",
    "worried_lead": "These are the things we are worried could happen if nothing changes.",
    "happened": "What happened",
    "happened_lead": "These are the things that have happened that worry us.",
    "goal": "What needs to happen",
    "how_long": "For how long",
    "you_said": "You said",
    "you_said_lead": "You do not agree with all of this. These are your words.",
    "scale": "How safe things are now",
    "scale_lead": "0 means very unsafe. 10 means safe enough for us to stop working with you.",
    "no_scale": "Nobody has given a number yet.",
    "going_well": "What is working well",
    "going_well_lead": "These are good things we have seen and you have told us about.",
    "nothing_yet": "We have not written anything here yet.",
    "next": "What needs to happen next",
    "next_what": "What",
    "next_who": "Who",
    "next_when": "By when",
    "done": "Done",
    "must": "Things that must happen",
    "who_was_there": "Who was there",
    "positions": "What you each think of this",
    "positions_lead": "We asked each of you if you agree with what is written here.",
    "agrees": "{name} agrees with it.",
    "partly_agrees": "{name} agrees with some of it.",
    "disagrees": "{name} does not agree with it.",
    "their_words": "This is what {name} said.",
    "page": "Page",
    "of": "of",
    "helping": "Who is helping",
    "helping_lead": "These people know what we are worried about. They said they will help "
                    "keep the children safe.",
    "helping_will": "What they will do:",
    "family_tree": "Your family tree",
    "family_tree_lead": "You said we could put your family tree here. A square is a man or a "
                        "boy. A circle is a woman or a girl. A cross means the person has died. "
                        "A dashed line goes round the people who live together.",
    "family_tree_words": "Your family tree in words",
    "and": "{names} and {last}",
    "your_family": "your family",
    "your_worker": "your social worker",
    "scale_alt": "Scale from 0 to 10.",
    "scale_said": "{name} ({who}) said {score} out of 10.",
    "rater_worker": "social worker",
    "rater_parent": "parent",
    "rater_carer": "carer",
    "rater_network": "family or friend",
    "rater_child": "child",
    "rater_supervisor": "team manager",
    "rater_professional": "professional",
}


def names_in(names: list[str], f: dict[str, str]) -> str:
    """Names as a sentence says them, in the language of `f` (FAMILY_TEXT as translated):
    "Mia, Leo and Sam"; "your family" when there are none."""
    if not names:
        return f["your_family"]
    if len(names) == 1:
        return names[0]
    return f["and"].format(names=", ".join(names[:-1]), last=names[-1])


#: The family's copy of the safety plan.
PLAN_TEXT: dict[str, str] = {
    "title": "Our safety plan",
    "intro": "This is the plan we made together to keep the children safe. Everyone in it "
             "has a part.",
    "version": "Plan number {number}, made on {date}.",
    "rule": "Rule {n}",
    "answers": "This rule is about this worry:",
    "who": "Who makes sure this happens:",
    "checked": "How we will know:",
    "signs": "Warning signs to look out for:",
    "broken": "If this rule is broken:",
    "call": "Who to call:",
    "agreed": "Who agreed this plan",
    "agreed_line": "{name} agreed on {date}.",
    "not_agreed": "Nobody has agreed this plan yet. It is not finished.",
    "help": "Getting help",
    "call_worker": "You can call {worker} on {phone}.",
    "out_of_hours": "At night or at the weekend, call {phone}.",
    "emergency": "If a child is in danger now, call 999.",
}


#: The fixed words of a child's own copy of what they told us (My Three Houses): shorter
#: still, spoken to the child.
CHILD_TEXT: dict[str, str] = {
    "title": "What you told us, {name}",
    "tool_three_houses": "My Three Houses",
    "tool_safety_house": "Safety House",
    "hello": "Hello {name}.",
    "intro": "On {date} you talked with {worker} about your {tool}. This is what you told "
             "us. We have kept your words just as you said them.",
    "worries": "Your house of worries",
    "good_things": "Your house of good things",
    "dreams": "Your house of dreams",
    "inside": "Inside your Safety House",
    "path": "The people on your path",
    "roof": "The rules on your roof",
    "red_circle": "Your red circle",
    "scale": "You said you feel {score} out of 10 safe.",
    "pictures": "Your pictures",
    "kept_back": "Some things you told us are not in here. You have not said yet who can see "
                 "them, so we keep them safe.",
    "thanks": "Thank you for telling us. If you want to change or add anything, tell "
              "{worker}.",
    "printed_on": "Printed on {date}",
}


#: The family's copy of a conference report (services/conference_report.py).
CONFERENCE_TEXT: dict[str, str] = {
    "title": "The meeting about keeping the children safe",
    "intro": "This is about {children}. There is a meeting on {date} about keeping them safe. "
             "This tells you what we will say at the meeting.",
    "initial": "This is the first meeting like this.",
    "review": "At this meeting we look at how the plan is going.",
    "meeting": "At the meeting",
    "meeting_text": "The people at the meeting will talk about what is in here. They will "
                    "decide if the children need a plan to keep them safe. You can say what "
                    "you think. You can bring someone with you.",
    "so_far": "What has happened so far",
    "what_we_think": "What we think",
    "what_we_think_lead": "This is what your social worker thinks. These are their words.",
    "helping": "Who is helping",
    "printed_on": "Printed on {date}",
    "ev_referral": "Someone told us they were worried about {name}.",
    "ev_assessment": "We started to find out how things are for {name}.",
    "ev_assessment_done": "We finished finding out how things are for {name}.",
    "ev_section47": "We started to check if {name} is safe.",
    "ev_initial_conference": "There was a first meeting about keeping {name} safe.",
    "ev_cp_review": "There was a meeting to check the plan to keep {name} safe.",
    "ev_closure": "We stopped working with {name}.",
    "ev_plan_help": "A plan to help {name} started.",
    "ev_plan_safe": "A plan to keep {name} safe started.",
    "ev_plan_care": "{name} started to live in care.",
    "ev_plan_ended": "This plan ended on {date}.",
}


#: The Words and Pictures booklet: the team's words and the pictures, and only these.
BOOKLET_TEXT: dict[str, str] = {
    "picture": "Picture {n}",
}


def all_fixed_text() -> str:
    """Every fixed sentence, with sample names in the gaps, as one text to measure."""
    return fixed_text(FAMILY_TEXT, CHILD_TEXT, PLAN_TEXT, CONFERENCE_TEXT, BOOKLET_TEXT)


def fixed_text(*texts: dict[str, str]) -> str:
    """The fixed sentences of some documents, with sample names in the gaps, as one text."""
    sample = {"children": "Mia and Leo", "date": "3 May", "worker": "Sam", "phone": "0123",
              "name": "Dan", "contact": "call 0123", "score": "7", "tool": "Three Houses",
              "number": "2", "n": "1", "language": "Welsh",
              "names": "Ana Jones", "last": "Leo", "who": "parent"}
    parts = []
    for value in [v for t in texts for v in t.values()]:
        text = value.format(**sample)
        parts.append(text if text.endswith((".", "?", "!")) else text + ".")
    return " ".join(parts)


def in_language(code: str, texts: dict[str, str]) -> dict[str, Any]:
    """What a family document's template needs to be written in `code`: its fixed words `t`
    (and the summary's `f`), the page's language and direction, `wl` to mark the team's words
    as English, `fam` to name the family, the council's contacts in the language where the
    council gave them, and the sentence that says what is still English."""
    lang = language.get(code)
    t, _ = language.translate(texts, lang.code)
    f, _ = language.translate(FAMILY_TEXT, lang.code)
    other = lang.code != language.ENGLISH
    settings = get_settings()
    theirs = settings.contacts_in_languages.get(lang.code, {}) if other else {}
    contacts = {k: theirs.get(k) or getattr(settings, k)
                for k in ("complaints_contact", "advocacy_contact")}
    return {"t": t, "f": f, "contacts": contacts, "lang": lang, "language_code": lang.code,
            "html_lang": lang.html,
            "dir": lang.dir, "wl": Markup(' lang="en-GB"') if other else Markup(""),
            "fam": f["family_of"].split("{name}"),
            "untranslated": f["untranslated"].format(language=lang.own_name) if other else None}
