"""The plain-language checker: reading age with CMU syllables, long sentences, jargon."""

from __future__ import annotations

import socket

import pytest

from app.services import plain_language as pl

TERMS = tuple(pl.default_terms())


def test_the_built_in_list_is_long_enough_and_plain():
    assert len(TERMS) >= 60
    names = {t.term.lower() for t in TERMS}
    for needed in ("contact", "placement", "lac", "section 47", "icpc", "neglect",
                   "domestic violence"):
        assert needed in names
    labels = {t.term for t in TERMS if t.label_only}
    assert {"neglect", "domestic violence"} <= labels
    # The plain alternatives are themselves plain: none is on the list.
    for t in TERMS:
        found = pl.check(t.plain, terms=TERMS).jargon
        assert not [f for f in found if not f.label_only], (t.term, t.plain)


def test_jargon_is_found_with_its_plain_words_and_where_it_is():
    text = "After the ICPC, contact with Dad will be at the placement. There was neglect."
    report = pl.check(text, terms=TERMS)
    got = [(f.found, f.plain, text[f.start:f.end]) for f in report.jargon]
    assert got == [
        ("ICPC", "first meeting about keeping the children safe", "ICPC"),
        ("contact", "family time", "contact"),
        ("placement", "where you live", "placement"),
        ("neglect", "what happened and how it affected the child", "neglect"),
    ]
    neglect = report.jargon[-1]
    assert neglect.label_only and "say what the adults did" in neglect.advice
    assert "Instead of “placement”, say “where you live”" in report.jargon[2].advice


def test_longest_phrase_wins_and_plurals_and_acronym_case():
    report = pl.check(
        "Supervised contact at two placements. The lac is torn. LAC reviews.", terms=TERMS
    )
    assert [f.found for f in report.jargon] == ["Supervised contact", "placements", "LAC"]


def test_long_sentences_are_reported_with_offsets():
    long = " ".join(["word"] * 25) + "."
    text = f"Short one. {long} Another short one."
    report = pl.check(text, terms=TERMS, max_sentence_words=20)
    assert [(s.words, text[s.start:s.end]) for s in report.long_sentences] == [(25, long)]


def test_reading_age_is_low_for_plain_words_and_high_for_dense_ones():
    simple = pl.check("Mia is safe at home. Mum walks her to school. Gran helps.", terms=TERMS)
    dense = pl.check(
        "Notwithstanding considerable multidisciplinary deliberation, the partnership "
        "determined that the aforementioned circumstances necessitated immediate intervention.",
        terms=TERMS,
    )
    assert simple.reading_age is not None and dense.reading_age is not None
    assert simple.reading_age <= 10 < dense.reading_age
    assert not simple.too_hard and dense.too_hard


def test_syllables_come_from_the_cmu_dictionary(monkeypatch):
    ts = pl._textstat()
    # The CMU dictionary knows these; the fallback (hyphenation) counts them wrongly.
    assert ts.syllable_count("every") == 3  # EH1 V ER0 IY0
    assert ts.syllable_count("business") == 2  # B IH1 Z N AH0 S
    assert pl._cmu()["business"][0] == ["B", "IH1", "Z", "N", "AH0", "S"]


def test_nothing_is_fetched_from_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the checker tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    pl._textstat.cache_clear()
    report = pl.check("Gran collects the children every Friday.", terms=TERMS)
    assert report.reading_age is not None


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text(text):
    report = pl.check(text, terms=TERMS)
    assert report.words == 0 and report.reading_age is None and report.clear
