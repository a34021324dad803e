"""Ingesting documents: claims stored with exact offsets, idempotent, bad files refused."""
from pathlib import Path

import pytest

from factcheck.commands.demo import DEMO_ARTICLE
from factcheck.documents.chunks import CHUNK_CHARS, paragraph_chunks
from factcheck.extraction.loader import get_nlp
from factcheck.models import Claim, Document, Figure, Role
from tests.conftest import csrf_token

pytestmark = pytest.mark.model

SHARED_SAMPLE = (Path(__file__).resolve().parents[2] / "shared" / "samples"
                 / "000_4c8fd27ecf012742.txt")


def _ingest(runner, *files, **options):
    args = ["ingest", *map(str, files)]
    for key, value in options.items():
        args += [f"--{key}", value]
    return runner.invoke(args=args)


def test_ingest_stores_claims_whose_offsets_index_the_text(runner, db):
    result = _ingest(runner, DEMO_ARTICLE, title="Budget")
    assert result.exit_code == 0, result.output
    document = db.session.query(Document).one()
    assert document.title == "Budget" and document.language == "fr"
    assert len(document.claims) >= 5
    for claim in document.claims:
        assert document.text[claim.start_char:claim.end_char] == claim.sentence
        for figure in claim.figures:
            assert document.text[figure.start_char:figure.end_char] == figure.text
    values = {f.value for f in db.session.query(Figure)}
    assert 2.4e9 in values and 3.5 in values  # "2,4 milliards d'euros", "3,5 %"


def test_ingesting_the_same_file_twice_stores_it_once(runner, db):
    _ingest(runner, DEMO_ARTICLE)
    claims = db.session.query(Claim).count()
    again = _ingest(runner, DEMO_ARTICLE)
    assert again.exit_code == 0 and "already ingested" in again.output
    assert db.session.query(Document).count() == 1
    assert db.session.query(Claim).count() == claims


def test_binary_file_is_refused_and_others_still_ingested(runner, db, tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = _ingest(runner, binary, DEMO_ARTICLE)
    assert result.exit_code == 1
    assert "photo.txt" in result.output and "error" in result.output
    assert db.session.query(Document).count() == 1


def test_latin1_file_is_decoded(runner, db, tmp_path):
    latin = tmp_path / "vieux.txt"
    text = "Selon la préfecture, près de 3 000 élèves étaient absents jeudi à Besançon."
    latin.write_bytes(text.encode("latin-1"))
    assert _ingest(runner, latin).exit_code == 0
    assert db.session.query(Document).one().text == text


def test_pasting_an_article_finds_its_claims(client, login_as, db):
    login_as(Role.REVIEWER)
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    data = {"title": "Budget", "text": text, "language": "auto",
            "csrf_token": csrf_token(client, "/documents/new")}
    response = client.post("/documents/new", data=data)
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "affirmations trouvées" in page
    assert "Claire Marchand" in page or "la présidente" in page


@pytest.mark.skipif(not SHARED_SAMPLE.exists(), reason="../shared/samples not present")
def test_real_sample_article_keeps_its_key_claims(runner, db):
    assert _ingest(runner, SHARED_SAMPLE).exit_code == 0
    sentences = [c.sentence for c in db.session.query(Claim)]
    assert any("plus de 10 000 soldats" in s for s in sentences)
    assert any(s.startswith("Environ 600 soldats nord-coréens ont été tués") for s in sentences)


def _pieces_join_back(text, pieces, size):
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)
    assert all(len(piece) <= size for _, piece in pieces)


def test_one_very_long_paragraph_is_cut_at_sentence_ends():
    sentence = "Le chômage a baissé de 3,1 % en un an, selon l'Insee. "
    text = sentence * 30_000  # about 1.6 million characters on one line
    pieces = list(paragraph_chunks(text))
    _pieces_join_back(text, pieces, CHUNK_CHARS)
    assert all(piece.endswith("l'Insee.") for _, piece in pieces[:-1])


@pytest.mark.parametrize("text", ["mot " * 10_000, "x" * 50_000, "a\n\nb" + "y" * 45_000])
def test_paragraphs_without_sentences_are_cut_at_spaces_or_anywhere(text):
    pieces = list(paragraph_chunks(text, size=7_000))
    _pieces_join_back(text, pieces, 7_000)
    if " " in text:
        assert all(piece.endswith("mot") for _, piece in pieces[:-1])


def test_text_longer_than_spacy_accepts_is_extracted_in_pieces(client, login_as, db,
                                                               monkeypatch):
    """The model refuses texts over nlp.max_length: a long one-line paste still works."""
    monkeypatch.setattr(get_nlp("fr"), "max_length", CHUNK_CHARS + 1)
    login_as(Role.REVIEWER)
    sentence = "Selon l'Insee, le chômage a baissé de 3,1 % en un an dans la région. "
    text = sentence * (45_000 // len(sentence))
    response = client.post("/documents/new", data={
        "title": "Une ligne", "text": text, "language": "fr",
        "csrf_token": csrf_token(client, "/documents/new")})
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert len(document.claims) == text.count("l'Insee")
    for claim in document.claims:
        assert document.text[claim.start_char:claim.end_char] == claim.sentence
