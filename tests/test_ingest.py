"""Ingesting documents: claims stored with exact offsets, idempotent, bad files refused."""
import gc
import os
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from factcheck.commands import ingest as ingest_command_module
from factcheck.commands.demo import DEMO_ARTICLE
from factcheck.documents import batch as batch_module
from factcheck.extraction import extract
from factcheck.extraction.chunking import CHUNK_CHARS, paragraph_chunks
from factcheck.extraction.loader import get_nlp
from factcheck.models import AuditAction, AuditEntry, Claim, ClaimMatch, Document, Figure, Role
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


def test_a_spanish_article_is_offered_detected_and_stored_in_spanish(client, login_as, db):
    login_as(Role.REVIEWER)
    form = client.get("/documents/new").get_data(as_text=True)
    assert '<option value="es">Espagnol</option>' in form
    text = ("El Ayuntamiento destinará 2,4 millones de euros a reparar 35 colegios, "
            "anunció el alcalde, Tomás Ferrer.\n\nSegún la concejala de Educación, las obras "
            "terminarán antes de septiembre.")
    data = {"title": "Colegios", "text": text, "language": "auto",
            "csrf_token": csrf_token(client, "/documents/new")}
    response = client.post("/documents/new", data=data)
    assert response.status_code == 302
    document = db.session.query(Document).filter_by(title="Colegios").one()
    claims = db.session.query(Claim).filter_by(document_id=document.id).all()
    assert document.language == "es" and {c.language for c in claims} == {"es"}
    assert "Tomás Ferrer" in client.get(response.location).get_data(as_text=True)
    queue = client.get("/queue?language=es").get_data(as_text=True)
    assert '<option value="es" selected>Espagnol</option>' in queue


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


# Many files at once: batches through nlp.pipe, several workers, one commit per batch.

WIRE = ("Plus de 10 000 soldats ont été déployés près de Koursk, a déclaré Séoul. "
        "La séance s'est poursuivie tard dans la soirée.")
ARTICLES = [
    "Selon la préfecture, 3 200 foyers restaient privés d'électricité jeudi à Besançon.",
    WIRE,
    "The ministry said 4,500 homes in Leeds had no power on Thursday night.",
    "Le budget de la ville atteint 2,4 milliards d'euros, selon le maire de Nantes.",
    f"Dépêche reprise. {WIRE}",
]


def _write(folder, texts):
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"article{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_run_of_many_files_stores_each_with_its_claims_and_tracks_them(runner, db,
                                                                        tmp_path, workers):
    paths = _write(tmp_path, ARTICLES)
    frozen = gc.get_freeze_count()
    result = _ingest(runner, *paths, **{"batch-size": "2", "workers": workers})
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == frozen  # what the run froze for its workers is collectable
    documents = db.session.query(Document).order_by(Document.id).all()
    assert [d.text for d in documents] == ARTICLES  # stored in the files' order
    assert [d.language for d in documents] == ["fr", "fr", "en", "fr", "fr"]
    for document, path in zip(documents, paths, strict=True):
        assert f"{path}: document {document.id}, {len(document.claims)} claims" \
            in result.output
        assert [(c.sentence, c.start_char) for c in document.claims] == \
            [(e.sentence, e.start) for e in extract(document.text, document.language)]
        for claim in document.claims:  # rows numbered together (SQLite) keep their owners
            for figure in claim.figures:
                assert claim.start_char <= figure.start_char < figure.end_char <= claim.end_char
                assert document.text[figure.start_char:figure.end_char] == figure.text
            a = claim.attribution
            if a is not None and a.speaker_start is not None:
                assert claim.start_char <= a.speaker_start < a.speaker_end <= claim.end_char
    wire, repost = documents[1].claims[0], documents[4].claims[0]
    assert repost.group_id == wire.group_id  # the repost, two batches later, joins its group
    assert db.session.query(ClaimMatch).filter_by(claim_id=repost.id, other_id=wire.id,
                                                   relation="same").count() == 1
    assert len({c.group_id for d in documents[:4] for c in d.claims}) == \
        sum(len(d.claims) for d in documents[:4])


def test_the_same_text_twice_in_one_batch_is_stored_once(runner, db, tmp_path):
    paths = _write(tmp_path, [ARTICLES[0], ARTICLES[0], ARTICLES[2]])
    result = _ingest(runner, *paths)
    assert result.exit_code == 0, result.output
    first = db.session.query(Document).filter_by(text=ARTICLES[0]).one()
    assert f"{paths[1]}: already ingested as document {first.id}" in result.output
    assert db.session.query(Document).count() == 2


def test_a_document_that_fails_to_store_leaves_nothing_and_its_batch_is_kept(
        runner, db, tmp_path, monkeypatch):
    """A failure in the middle of a batch rolls the batch back; it is stored again one
    document per commit, so only the faulty one is missing, without any of its rows."""
    real = ingest_command_module.ingest_extracted

    def failing(items, **kwargs):
        stored = real(items, **kwargs)  # flushed: the documents and claims are written
        if any("Leeds" in item.text for item in items):
            raise IntegrityError("INSERT", {}, Exception("disk full"))
        return stored

    monkeypatch.setattr(ingest_command_module, "ingest_extracted", failing)
    paths = _write(tmp_path, ARTICLES[:4])
    result = _ingest(runner, *paths, **{"batch-size": "4"})
    assert result.exit_code == 1
    assert f"error: {paths[2]}: could not be stored (Exception)" in result.output
    texts = [d.text for d in db.session.query(Document).order_by(Document.id)]
    assert texts == [ARTICLES[0], ARTICLES[1], ARTICLES[3]]
    assert db.session.query(Claim).filter(Claim.sentence.contains("Leeds")).count() == 0
    assert db.session.query(AuditEntry).filter_by(
        action=AuditAction.DOCUMENT_CREATE).count() == 3


@pytest.mark.parametrize("option, value", [("batch-size", "0"), ("workers", "0"),
                                           ("batch-size", "many")])
def test_bad_batch_options_are_refused(runner, db, option, value):
    result = _ingest(runner, DEMO_ARTICLE, **{option: value})
    assert result.exit_code == 2 and f"--{option}" in result.output
    assert db.session.query(Document).count() == 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_text_the_engine_fails_on_is_reported_and_the_others_stored(runner, db, tmp_path,
                                                                     monkeypatch, workers):
    real = batch_module.claims_of_many

    def fragile(texts, langs, *args):
        if any("Leeds" in text for text in texts):
            raise RuntimeError("the model gave up")
        return real(texts, langs, *args)

    monkeypatch.setattr(batch_module, "claims_of_many", fragile)  # forked workers inherit it
    paths = _write(tmp_path, ARTICLES[:4])
    result = _ingest(runner, *paths, workers=workers)
    assert result.exit_code == 1
    assert f"error: {paths[2]}: extraction failed (RuntimeError: the model gave up)" \
        in result.output
    texts = [d.text for d in db.session.query(Document).order_by(Document.id)]
    assert texts == [ARTICLES[0], ARTICLES[1], ARTICLES[3]]


def test_a_worker_killed_midway_leaves_every_file_stored_or_reported(runner, db, tmp_path,
                                                                     monkeypatch):
    real = batch_module.claims_of_many

    def dying(texts, langs, *args):
        if any("Leeds" in text for text in texts):
            os._exit(9)  # as the kernel's out-of-memory killer would end it
        return real(texts, langs, *args)

    monkeypatch.setattr(batch_module, "claims_of_many", dying)
    paths = _write(tmp_path, ARTICLES[:4])
    result = _ingest(runner, *paths, workers="2", **{"batch-size": "1"})
    assert result.exit_code == 1
    assert f"error: {paths[2]}: not extracted, a worker stopped" in result.output
    stored = {d.text: d for d in db.session.query(Document)}
    for path, text in zip(paths, ARTICLES[:4], strict=True):
        assert (text in stored) != (f"error: {path}:" in result.output)
    for document in stored.values():
        assert document.claims  # never a document without the claims found in it
