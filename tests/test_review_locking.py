"""Two writes to one claim's verdicts at the same moment wait for each other, never deadlock.

On PostgreSQL the record_rev triggers (migration 0010) lock the claim row whenever one of its
verdicts is written. A correction locks the claim (its UPDATE), then opens the correction
draft; a reviewer's new draft used to insert the verdict first and lock the claim after:
crossed with a correction of the same published claim, PostgreSQL killed one of them
("deadlock detected", a 500). Found by bench/load.py.
"""
import threading
import time

import pytest
import sqlalchemy as sa

from factcheck.extensions import db as _db
from factcheck.models import Claim, Role, Stance, User, VerdictStatus
from factcheck.review.services import claims as claim_services
from factcheck.review.services import correct_claim
from tests.conftest import csrf_token
from tests.factories import make_user, rating


@pytest.fixture
def postgresql(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row locks and record_rev triggers are PostgreSQL's")


def _in_a_request_of_its_own(app, write, errors: list) -> None:
    """A colleague's write, in an app context (and session) of its own."""
    with app.app_context():
        try:
            write()
            _db.session.commit()
        except Exception as exc:  # the test reports it
            errors.append(exc)
            _db.session.rollback()
        finally:
            _db.session.remove()


def _when_someone_waits(engine, go: threading.Event) -> None:
    """Let the colleague go on once another transaction waits for a row lock."""
    deadline = time.monotonic() + 10
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(sa.text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'")).scalar()
            conn.rollback()
            if waiting:
                break
            time.sleep(0.05)
    go.set()


@pytest.fixture
def crossed(db, client, login_as, publish, postgresql):
    """A published claim, a colleague, and our signed-in page of it: (claim, colleague id,
    page, CSRF token)."""
    claim = publish()
    colleague_id = make_user(Role.REVIEWER).id
    db.session.commit()
    login_as(Role.REVIEWER)
    page = f"/claims/{claim.public_id}"
    return claim, colleague_id, page, csrf_token(client, page)


def _crossing(app, db, monkeypatch, module, colleague_write, our_request):
    """The colleague's write pauses in ``module.hold_public_change`` (its first writes done,
    not committed) until ours waits for a lock; returns our response and their errors."""
    holding, go, errors = threading.Event(), threading.Event(), []
    real_hold = module.hold_public_change

    def hold_after_a_pause(*args):
        holding.set()
        go.wait(10)
        return real_hold(*args)
    monkeypatch.setattr(module, "hold_public_change", hold_after_a_pause)
    colleague = threading.Thread(target=_in_a_request_of_its_own,
                                 args=(app, colleague_write, errors))
    colleague.start()
    assert holding.wait(10)
    watcher = threading.Thread(target=_when_someone_waits, args=(db.engine, go))
    watcher.start()
    monkeypatch.setattr(module, "hold_public_change", real_hold)  # ours goes straight on
    response = our_request()
    colleague.join(15)
    watcher.join(15)
    return response, errors


def test_new_draft_and_correction_of_a_published_claim_at_once(app, db, client, crossed,
                                                               monkeypatch):
    claim, colleague_id, page, token = crossed

    def colleague_corrects():
        theirs = _db.session.get(Claim, claim.id)
        correct_claim(theirs, theirs.version, _db.session.get(User, colleague_id),
                      wording="Une autre formulation", speaker=None, figures=[])
    response, errors = _crossing(app, db, monkeypatch, claim_services, colleague_corrects,
                                 lambda: client.post(f"{page}/verdict", data={
                                     "csrf_token": token, "version": "new",
                                     "rating": str(rating("true").id),
                                     "rationale": "Finalement vrai.",
                                     "correction_note": "Nouvelle source."}))

    assert errors == []
    assert response.status_code == 409  # the colleague's correction draft came first
    db.session.expire_all()
    drafts = [v for v in db.session.get(Claim, claim.id).verdicts
              if v.status is VerdictStatus.DRAFT]
    assert [d.rationale_md for d in drafts] == [claim.verdicts[0].rationale_md]


def test_two_sources_linked_to_one_claim_at_once(app, db, client, crossed, monkeypatch):
    """Found by bench/load.py: each insert's trigger locked the claim, then each link took
    the claim's lock again for its correction draft while the other's insert held a key
    share on it ("deadlock detected", a 500). Now the claim is locked first, and both land."""
    from factcheck.review.services import evidence

    claim, colleague_id, page, token = crossed

    def colleague_links():
        colleague = _db.session.get(User, colleague_id)
        source = evidence.find_or_add_source("https://example.org/rapport", colleague)
        evidence.link_source(_db.session.get(Claim, claim.id), source, Stance.SUPPORTS,
                             colleague)
    response, errors = _crossing(app, db, monkeypatch, evidence, colleague_links,
                                 lambda: client.post(f"{page}/sources", data={
                                     "csrf_token": token, "url": "https://example.org/autre",
                                     "stance": "refutes"}))

    assert errors == []
    assert response.status_code == 302
    db.session.expire_all()
    links = db.session.get(Claim, claim.id).source_links
    assert sorted(link.source.url for link in links) == ["https://example.org/autre",
                                                         "https://example.org/rapport"]


class _DatabaseSaid(Exception):
    def __init__(self, sqlstate):
        super().__init__(f"{sqlstate}: the database gave up\ndetail")
        self.sqlstate = sqlstate


@pytest.mark.parametrize("sqlstate, answer", [("40P01", 409), ("40001", 409), ("53300", None)])
def test_a_write_the_database_gave_up_on_is_a_conflict_not_a_500(app, sqlstate, answer):
    """A deadlock or serialization failure that still slips through is a colleague's write
    winning: rolled back, answered 409 like a stale form; other database errors still raise."""
    from sqlalchemy.exc import OperationalError

    from factcheck.review.routes.common import attempt

    def crossed():
        raise OperationalError("UPDATE claims …", {}, _DatabaseSaid(sqlstate))
    with app.test_request_context():
        if answer is None:
            with pytest.raises(OperationalError):
                attempt(crossed)
        else:
            assert attempt(crossed) == answer


def test_the_api_answers_a_lost_race_409_with_the_claim_as_it_now_is(app, db):
    from sqlalchemy.exc import OperationalError

    from factcheck.api.errors import ApiError
    from factcheck.api.routes import attempt
    from tests.factories import make_claim

    claim = make_claim()
    db.session.commit()

    def crossed():
        raise OperationalError("UPDATE claims …", {}, _DatabaseSaid("40P01"))
    with app.test_request_context():
        with pytest.raises(ApiError) as raised:
            attempt(crossed, claim.public_id)
    assert raised.value.status == 409
