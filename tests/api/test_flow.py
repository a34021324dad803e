"""The API's whole path: an article in, a source, a verdict, published by another editor,
then the public badge and the anonymous export (which holds no unpublished claim)."""
import json
from urllib.parse import urlsplit

import pytest
from rq import SimpleWorker

from factcheck.models import Document, ExtractionStatus, Role
from tests.api.conftest import conforms

pytestmark = pytest.mark.model

ARTICLE = ("Le chômage a baissé de 0,3 point au premier trimestre, selon l'Insee. "
           "Près de 12 000 ménages attendent un logement social, a déclaré l'adjointe au "
           "logement.")


def _ingest(caller, text=ARTICLE, **fields):
    return caller.post("/documents", json={"text": text, "title": "Emploi", **fields})


def test_an_article_becomes_a_published_check_with_a_badge_and_an_export_line(api, client):
    reviewer, editor = api(Role.REVIEWER), api(Role.EDITOR)
    created = _ingest(reviewer, url="https://journal.example/emploi", publisher="Le Journal",
                      published_at="2026-05-12", lang="fr")
    assert created.status_code == 201, created.json
    conforms(created.json, "DocumentResult")
    assert created.headers["Location"] == created.json["document"]["api_url"]
    document, claims = created.json["document"], created.json["claims"]
    assert document["extraction"]["status"] == "done" and len(claims) == 2
    assert document["published_at"] == "2026-05-12T00:00:00"
    checked, left = claims
    assert checked["version"] == "new" and checked["status"] == "new"
    assert {"figure"} <= set(checked["kinds"]) and checked["figures"][0]["text"]
    path = f"/claims/{checked['public_id']}"

    linked = reviewer.post(f"{path}/sources", json={
        "url": "https://www.insee.fr/fr/statistiques/serie?utm_source=news",
        "stance": "refutes", "title": "Taux de chômage", "excerpt": "Baisse de 0,1 point."})
    assert linked.status_code == 201, linked.json
    conforms(linked.json, "Claim")
    assert linked.json["sources"][0]["url"] == "https://insee.fr/fr/statistiques/serie"

    drafted = reviewer.put(f"{path}/verdict", json={
        "rating": "Mostly-False", "rationale": "L'Insee mesure **0,1** point.",
        "version": linked.json["version"]})
    assert drafted.status_code == 200, drafted.json
    conforms(drafted.json, "Claim")
    assert drafted.json["status"] == "verdict_drafted"
    assert drafted.json["draft"]["rating"] == "mostly-false"
    assert drafted.json["version"] != "new"

    published = editor.post(f"{path}/publish", json={"version": drafted.json["version"]})
    assert published.status_code == 200, published.json
    conforms(published.json, "Published")
    assert published.json["claim"]["status"] == "published"
    assert published.json["claim"]["verdict"]["rating"] == "mostly-false"
    assert urlsplit(published.json["public_url"]).path == f"/c/{checked['public_id']}"

    badge = client.get(urlsplit(published.json["badge_url"]).path)
    assert badge.status_code == 200 and badge.mimetype == "image/svg+xml"
    assert "<svg" in badge.get_data(as_text=True)
    assert client.get(urlsplit(published.json["public_url"]).path).status_code == 200

    export = client.get("/export/claims.jsonl")  # nobody signed in: published claims only
    records = [json.loads(line) for line in export.get_data(as_text=True).splitlines()]
    assert [r["public_id"] for r in records] == [checked["public_id"]]
    assert left["public_id"] not in export.get_data(as_text=True)
    assert records[0]["verdict"]["rating"] == "mostly-false"


def test_the_same_text_again_answers_200_with_the_stored_document(api, db):
    reviewer = api(Role.REVIEWER)
    first = _ingest(reviewer)
    again = _ingest(reviewer, title="Autre titre")
    assert again.status_code == 200 and again.json["duplicate"] is True
    assert again.json["document"]["id"] == first.json["document"]["id"]
    assert [c["id"] for c in again.json["claims"]] == [c["id"] for c in first.json["claims"]]
    assert db.session.query(Document).count() == 1


def test_the_same_text_sent_by_two_reviewers_at_once_is_stored_once(api, db, same_moment):
    first = _ingest(api(Role.REVIEWER))
    same_moment()
    second = _ingest(api(Role.REVIEWER), title="Autre titre")
    assert second.status_code == 200 and second.json["duplicate"] is True
    assert second.json["document"]["id"] == first.json["document"]["id"]
    assert db.session.query(Document).count() == 1


def test_a_correction_of_a_published_verdict_needs_its_note(api):
    reviewer, editor = api(Role.REVIEWER), api(Role.EDITOR)
    claim = _ingest(reviewer).json["claims"][0]
    path = f"/claims/{claim['public_id']}"
    drafted = reviewer.put(f"{path}/verdict", json={"rating": "false", "rationale": "Faux.",
                                                    "version": "new"})
    assert editor.post(f"{path}/publish").status_code == 200  # no version: the open draft
    body = {"rating": "misleading", "rationale": "Trompeur plutôt.", "version": "new"}
    refused = reviewer.put(f"{path}/verdict", json=body)
    assert refused.status_code == 400 and "correction_note" in refused.json["fields"]
    corrected = reviewer.put(f"{path}/verdict", json={**body, "correction_note": "Nuance."})
    assert corrected.status_code == 200, corrected.json
    assert corrected.json["status"] == "published"  # the public still sees the first one
    assert corrected.json["verdict"]["rating"] == "false"
    assert corrected.json["draft"]["corrects_published"] is True
    assert corrected.json["version"] not in ("new", drafted.json["version"])


def test_a_long_text_goes_to_the_worker_and_answers_202(api, db, redis_queue):
    reviewer = api(Role.REVIEWER)
    text = "\n\n".join(f"Le déficit a atteint {n},5 % du PIB en {2000 + n}, selon l'Insee."
                       for n in range(1, 12))
    queued = _ingest(reviewer, text=text)
    assert queued.status_code == 202, queued.json
    conforms(queued.json, "DocumentResult")
    assert queued.json["document"]["extraction"]["status"] == "pending"
    assert queued.json["claims"] == []
    SimpleWorker([redis_queue], connection=redis_queue.connection).work(burst=True)
    db.session.expire_all()
    done = reviewer.get(urlsplit(queued.headers["Location"]).path.removeprefix("/api/v1"))
    assert done.status_code == 200 and done.json["document"]["extraction"]["status"] == "done"
    assert len(done.json["claims"]) == 11
    assert db.session.query(Document).one().extraction_status is ExtractionStatus.DONE


def test_a_failed_text_sent_again_goes_back_to_the_worker(api, db, redis_queue):
    """Sent again, a stored text whose extraction failed is queued again (not left pending)."""
    reviewer = api(Role.REVIEWER)
    text = "\n\n".join(f"Le chômage a atteint {n},2 % en {1990 + n}, selon l'Insee."
                       for n in range(1, 12))
    first = _ingest(reviewer, text=text)
    document = db.session.get(Document, first.json["document"]["id"])
    redis_queue.empty()  # the job is lost, and the document marked failed
    document.extraction_status = ExtractionStatus.FAILED
    db.session.commit()
    again = _ingest(reviewer, text=text)
    assert again.status_code == 202 and again.json["duplicate"] is True
    assert redis_queue.count == 1
    SimpleWorker([redis_queue], connection=redis_queue.connection).work(burst=True)
    db.session.expire_all()
    assert db.session.get(Document, document.id).extraction_status is ExtractionStatus.DONE
