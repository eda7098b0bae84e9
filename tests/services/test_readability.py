"""Short forms and the corpus of worker sentences: the checker finds what a family would
not understand, listed or not, and leaves plain sentences alone."""

from __future__ import annotations

import csv

import pytest

from app.__main__ import main
from app.services import plain_language as pl
from app.services import readability

TERMS = tuple(pl.default_terms())


def found(text: str, **kw: object) -> list[tuple[str, str]]:
    return [(f.found, f.kind) for f in pl.check(text, terms=TERMS, **kw).jargon]  # type: ignore[arg-type]


def test_the_sentence_the_tester_tried_is_flagged_in_full():
    text = ("Mum presents as low and has been non-compliant with the plan since the DV "
            "incident, so the TAC will consider PLO.")
    got = found(text)
    assert ("presents as", "jargon") in got
    assert ("non-compliant", "jargon") in got
    assert ("DV", "abbreviation") in got
    assert ("TAC", "abbreviation") in got and ("PLO", "abbreviation") in got


def test_a_short_form_nobody_listed_is_flagged_with_advice():
    report = pl.check("The QRTX visited on Monday and the worker saw Leo under s52.",
                      terms=TERMS)
    assert [(f.found, f.kind) for f in report.jargon] == [("QRTX", "abbreviation"),
                                                          ("s52", "abbreviation")]
    assert "short form the family may not know" in report.jargon[0].advice
    assert report.abbreviations == report.jargon and not report.words_to_change


def test_a_short_form_explained_in_the_document_is_not_flagged():
    assert found("The Team Around the Child (TAC) met. The TAC agreed the plan.") == []
    assert found("The QRTX (the team who help at night) came. QRTX will come again.") == []
    assert found("QRTX means the team who help at night.") == []
    # Explained elsewhere in the same document: the caller passes what the document explains.
    explained = pl.explained_in("Team Around the Child (TAC)", "Other part")
    assert found("The TAC agreed the plan.", explained=explained) == []
    assert found("The TAC agreed the plan.") == [("TAC", "abbreviation")]
    # A bracket that does not explain it is not an explanation.
    assert found("Mia went home (QRTX).") == [("QRTX", "abbreviation")]


def test_everyday_short_forms_capitals_for_emphasis_and_surnames_are_left_alone():
    assert found("Mum will NOT let him in. The GP saw Mia on TV at the NHS clinic. "
                 "Jade HARPER said NO. Mia is in Y6. Flat 2B. We meet at 10am.") == []


def test_short_forms_that_are_also_words_are_matched_only_as_written():
    assert found("The MASH passed it on.") == [("MASH", "abbreviation")]
    assert found("Mia had mash for tea and salt on her chips.") == []
    assert found("A referral to SaLT was made.") == [("SaLT", "abbreviation")]


def test_the_corpus_is_large_and_the_checker_meets_its_figures():
    with readability.CORPUS.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 150
    figures = readability.corpus()
    assert figures.plain >= 50 and figures.expected >= 150
    assert figures.recall >= 0.95, figures.misses
    assert figures.false_alarm_rate <= 0.05, figures.alarms


def test_the_corpus_figures_drop_when_the_list_is_taken_away(tmp_path):
    # The figures measure the checker: with no list, only the short forms are found.
    figures = readability.corpus(terms=())
    assert figures.recall < 0.8
    assert figures.false_alarm_rate <= 0.05


def test_the_command_prints_the_figures_and_each_miss(tmp_path, capsys):
    corpus = tmp_path / "c.csv"
    corpus.write_text("sentence,expected\n"
                      "\"The placement ended.\",placement\n"
                      "\"Dad was rude to staff.\",rude\n"
                      "\"Mia likes school.\",\n", encoding="utf-8")
    assert main(["readability", "corpus", "--file", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "recall: 1/2 = 50.0%" in out
    assert "false alarms on plain sentences: 0/1 = 0.0%" in out
    assert "missed “rude” in: Dad was rude to staff." in out


@pytest.mark.parametrize("document, texts", [
    ("the family summary", ("FAMILY_TEXT",)),
    ("the child's own copy", ("CHILD_TEXT",)),
    ("the safety plan", ("PLAN_TEXT",)),
    ("the conference's summary for the family", ("CONFERENCE_TEXT", "FAMILY_TEXT")),
])
def test_the_words_the_system_writes_into_each_family_document_read_at_grade_5(
        document, texts):
    """Every fixed sentence of each family document (headings, explanations, scale words,
    what happens next), with sample names in the gaps: grade 5 or under as a whole, and no
    sentence with listed jargon, an unexplained short form, or more than 20 words."""
    from app.services import family_text

    text = family_text.fixed_text(*(getattr(family_text, t) for t in texts))
    report = pl.check(text, terms=TERMS)
    assert report.grade is not None and report.grade <= 5, (document, report.grade)
    assert report.jargon == [], (document, [f.found for f in report.jargon])
    assert report.long_sentences == [], (document, [s.text for s in report.long_sentences])
