"""Issue #17 part 4, "ready for others": a language written right to left needs only its
catalogue. With an Arabic catalogue of two messages beside the Welsh one, the family summary
is `lang="ar"`, laid out right to left, drawn with a font that has the script (no missing
glyphs), and says the rest is still English."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from pypdf import PdfReader

from app.services import language
from app.services.family_text import FAMILY_TEXT
from tests.factories import login
from tests.pdf.test_family_language_pdf import _world

TITLE = "ما تحدثنا عنه"


@pytest.fixture()
def arabic(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    shutil.copytree(language.CATALOGUES, tmp_path / "i18n")
    cat = Catalog(locale="ar", domain="family")
    cat.add(FAMILY_TEXT["title"], TITLE)
    cat.add(FAMILY_TEXT["family_of"], "عائلة {name}")
    folder = tmp_path / "i18n" / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "family.po").open("wb") as f:
        write_po(f, cat)
    monkeypatch.setattr(language, "CATALOGUES", tmp_path / "i18n")
    language.catalogue.cache_clear()
    language.for_documents.cache_clear()
    yield
    language.catalogue.cache_clear()
    language.for_documents.cache_clear()


def test_a_right_to_left_language_needs_only_its_catalogue(client, session, arabic):
    assert [lang.code for lang in language.for_documents()] == ["en", "ar", "cy"]
    ar = language.get("ar")
    assert (ar.dir, ar.html) == ("rtl", "ar")
    welsh, missing = language.translate(FAMILY_TEXT, "ar")
    assert welsh["title"] == TITLE and missing == len(FAMILY_TEXT) - 2

    worker, case, mapping, _, _ = _world(session)
    login(client, worker)
    r = client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf?language=ar")
    assert r.status_code == 200
    reader = PdfReader(io.BytesIO(r.content))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    text = "\n".join(p.extract_text() for p in reader.pages)
    # The Arabic is drawn as Arabic letters (a font without the script would leave boxes),
    # and the messages it lacks are in English.
    assert len(re.findall(r"[\u0600-\u06FF\uFE70-\uFEFF]", text)) >= 8
    assert "What we are worried about" in text
    # Laid out right to left: the title starts at the right margin.
    xs: list[float] = []

    def visit(chunk, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if re.search(r"[\u0600-\u06FF\uFE70-\uFEFF]", chunk):
            xs.append(float(tm[4]) * float(cm[0]) + float(cm[4]))

    reader.pages[0].extract_text(visitor_text=visit)
    assert xs and max(xs) > float(reader.pages[0].mediabox.width) / 2, xs
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"]
             .values()}
    assert any("DejaVu" in f for f in fonts), fonts
