"""The fixed words of family documents, in one place so a test can check them: short
sentences, everyday words (reading age 10 or under), none of the listed jargon."""

FAMILY_TEXT: dict[str, str] = {
    "title": "What we talked about",
    "intro": (
        "This is about {children}. It says what we are worried about. It says what is going "
        "well. It says what needs to happen next. We made it with you on {date}."
    ),
    "wrong": "If something here is wrong, or you do not understand it, please tell {worker}.",
    "call": "You can call {worker} on {phone}.",
    "worried": "What we are worried about",
    "worried_lead": "These are the things we are worried could happen if nothing changes.",
    "happened": "What happened",
    "happened_lead": "These are the things that have happened that worry us.",
    "goal": "What needs to happen",
    "how_long": "For how long",
    "you_said": "You told us",
    "you_said_lead": "You do not agree with all of this. This is what you said.",
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
}


def all_fixed_text() -> str:
    """Every fixed sentence, with sample names in the gaps, as one text to measure."""
    sample = {"children": "Mia and Leo", "date": "3 May", "worker": "Sam", "phone": "0123",
              "name": "Dan"}
    parts = []
    for value in FAMILY_TEXT.values():
        text = value.format(**sample)
        parts.append(text if text.endswith((".", "?", "!")) else text + ".")
    return " ".join(parts)
