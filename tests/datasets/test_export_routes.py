"""Exports in the browser and for scripts: who gets what, filters, large exports in the
background."""
import json
import time

import pytest

from factcheck.models import Role
from tests.conftest import csrf_token
from tests.factories import make_claim


def _lines(response) -> list[dict]:
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


def test_visitors_get_published_claims_and_the_desk_gets_everything(client, login_as, db,
                                                                    publish):
    shown = publish("false")
    publish("true", published=False)
    make_claim()
    db.session.commit()
    anonymous = client.get("/export/claims.jsonl")
    assert anonymous.status_code == 200
    assert [r["public_id"] for r in _lines(anonymous)] == [shown.public_id]
    assert "attachment" in anonymous.headers["Content-Disposition"]
    assert "max-age=300" in anonymous.headers["Cache-Control"]
    login_as(Role.VIEWER)
    mine = client.get("/export/claims.jsonl")
    assert len(_lines(mine)) == 3
    assert "no-store" in mine.headers["Cache-Control"]
    filtered = client.get("/export/claims.jsonl?status=verdict_drafted")
    assert [r["verdict"]["status"] for r in _lines(filtered)] == ["draft"]


def test_claimreview_and_datafeed_hold_published_checks(client, db, publish):
    publish("mostly-false")
    publish("true", published=False)
    reviews = client.get("/export/claimreview.json").get_json()
    assert [r["@type"] for r in reviews] == ["ClaimReview"]
    assert reviews[0]["reviewRating"]["ratingValue"] == 2
    feed = client.get("/export/datafeed.json").get_json()
    assert feed["@type"] == "DataFeed" and len(feed["dataFeedElement"]) == 1


def test_csv_opens_in_a_spreadsheet(client, login_as, db, publish):
    publish("false")
    login_as(Role.VIEWER)
    response = client.get("/export/claims.csv?bom=1")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/csv" and text.startswith("\ufeffschema_version,")
    assert "Faux" in text or "False" in text


@pytest.mark.parametrize("query, message", [
    ("since=2026-02-30", "since: '2026-02-30' is not a date"),
    ("status=bientot", "status: 'bientot' is not a claim status"),
    ("document=abc", "document: 'abc' is not a document id"),
    ("since=2026-05-02&until=2026-05-01", "the first day comes after the last"),
])
def test_a_bad_filter_is_a_400_that_says_which(client, query, message):
    response = client.get(f"/export/claims.jsonl?{query}&lang=en",
                          headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert message in response.get_json()["message"]


def test_the_queue_offers_an_export_of_what_it_shows(client, login_as, db):
    login_as(Role.REVIEWER)
    page = client.get("/queue?status=new&language=fr").get_data(as_text=True)
    assert 'href="/export?status=new&amp;language=fr"' in page
    export = client.get("/export?status=new&language=fr").get_data(as_text=True)
    assert "/export/claims.jsonl?status=new&amp;language=fr" in export


def _wait_done(client, location: str) -> str:
    for _ in range(100):
        page = client.get(location).get_data(as_text=True)
        if 'id="export-file"' in page or "failed" in page:
            return page
        time.sleep(0.05)
    raise AssertionError("the export did not finish")


def test_a_large_export_is_prepared_in_the_background(app, client, login_as, db,
                                                      monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "EXPORT_INLINE_LIMIT", 2)
    monkeypatch.setitem(app.config, "EXPORT_DIR", str(tmp_path))
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    for _ in range(3):
        make_claim()
    db.session.commit()
    user = login_as(Role.VIEWER)
    direct = client.get("/export/claims.jsonl")
    assert direct.status_code == 303 and "/export?format=jsonl" in direct.location
    response = client.post("/export/prepare", data={"csrf_token": csrf_token(client, "/"),
                                                    "format": "jsonl"})
    assert response.status_code == 303
    page = _wait_done(client, response.location)
    assert "3" in page
    token = response.location.rsplit("/", 1)[1]
    download = client.get(f"/exports/{token}/download")
    assert len(download.get_data(as_text=True).splitlines()) == 3
    download.close()
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get(f"/exports/{token}/download").status_code == 404
    assert user.id  # the export was this user's alone


def test_with_workers_the_export_runs_on_the_queue(app, client, login_as, db, monkeypatch,
                                                   tmp_path, redis_queue):
    from rq import SimpleWorker

    monkeypatch.setitem(app.config, "EXPORT_INLINE_LIMIT", 1)
    monkeypatch.setitem(app.config, "EXPORT_DIR", str(tmp_path))
    make_claim(), make_claim()
    db.session.commit()
    login_as(Role.VIEWER)
    response = client.post("/export/prepare", data={"csrf_token": csrf_token(client, "/"),
                                                    "format": "csv"})
    token = response.location.rsplit("/", 1)[1]
    assert "<progress" in client.get(response.location).get_data(as_text=True)
    assert len(redis_queue) == 1
    SimpleWorker([redis_queue], connection=redis_queue.connection).work(burst=True)
    assert 'id="export-file"' in client.get(response.location).get_data(as_text=True)
    download = client.get(f"/exports/{token}/download")
    assert download.get_data(as_text=True).count("\r\n") == 3  # header and two claims
    download.close()
    redis_queue.connection.delete(*redis_queue.connection.scan_iter(f"*export-{token}*"))


def test_an_export_whose_worker_died_is_failed_and_blocks_nothing(app, client, login_as, db,
                                                                  monkeypatch, tmp_path):
    from datetime import timedelta

    from factcheck.models import ExportJob, ExportStatus
    from factcheck.models.base import utcnow

    monkeypatch.setitem(app.config, "EXPORT_INLINE_LIMIT", 0)
    monkeypatch.setitem(app.config, "EXPORT_MAX_RUNNING", 1)
    monkeypatch.setitem(app.config, "EXPORT_DIR", str(tmp_path))
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    user = login_as(Role.VIEWER)
    dead = ExportJob(owner=user, audience="internal", format="jsonl", base_url="http://x/",
                     status=ExportStatus.RUNNING,
                     created_at=utcnow() - timedelta(seconds=app.config["EXPORT_JOB_TIMEOUT"]
                                                     + 120))
    db.session.add(dead)
    make_claim()
    db.session.commit()
    page = client.get(f"/exports/{dead.token}").get_data(as_text=True)
    assert "échoué" in page and "refresh" not in page
    response = client.post("/export/prepare", data={"csrf_token": csrf_token(client, "/"),
                                                    "format": "jsonl"})
    assert response.status_code == 303
    _wait_done(client, response.location)


def test_a_script_with_an_api_token_exports_what_its_account_sees(app, db, publish):
    from factcheck.auth.services import issue_api_token
    from tests.factories import make_user

    publish("false")
    publish("true", published=False)
    token = issue_api_token(make_user(Role.VIEWER))
    db.session.commit()
    script = app.test_client()
    response = script.get("/export/claims.jsonl", headers={"Authorization": f"Bearer {token}"})
    assert len(_lines(response)) == 2
    assert "Set-Cookie" not in response.headers
    bad = script.get("/export/claims.jsonl", headers={"Authorization": "Bearer fc_wrong"})
    assert bad.status_code == 401  # not the visitors' dataset passed off as everything
