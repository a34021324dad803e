"""The database builds the same records as Python (the fast path of JSONL exports), on
PostgreSQL and on SQLite alike."""
import json
from datetime import datetime

import pytest

from factcheck.datasets import db_records
from factcheck.datasets.queries import ExportFilters, claim_id_batches, claim_records
from factcheck.datasets.services import export_chunks
from factcheck.extensions import db as _db
from factcheck.models import Figure, Role, Stance
from factcheck.review.services import find_or_add_source, link_source
from tests.datasets.test_round_trip import desk  # noqa: F401  (the fixture)
from tests.factories import make_claim, make_user


@pytest.fixture
def busy(db, desk):  # noqa: F811
    """The desk's work plus a claim with two figures written out of order, a figure with no
    value, a large one, two sources and a timestamp with microseconds."""
    reviewer = make_user(Role.REVIEWER)
    claim = make_claim(created_at=datetime(2026, 3, 4, 5, 6, 7, 890123))
    claim.figures.append(Figure(text="3,5 %", start_char=40, end_char=45, value=3.5,
                                unit="%", qualifier="approximately"))
    claim.figures.append(Figure(text="des milliers", start_char=20, end_char=32))
    claim.figures.append(Figure(text="2 500 milliards", start_char=50, end_char=65,
                                value=2.5e12, value_low=2e12, value_high=3e12))
    for n, stance in enumerate((Stance.SUPPORTS, Stance.REFUTES)):
        source = find_or_add_source(f"https://example.org/{n}", reviewer, title=f"Source {n}")
        link_source(claim, source, stance, reviewer, excerpt=f"« extrait {n} »")
    _db.session.commit()
    return claim


def test_the_database_builds_the_records_python_builds(db, busy):
    assert db_records.available()
    filters = ExportFilters()
    built = [json.loads(line) for line in db_records.record_lines(
        claim_id_batches(filters, "internal", batch=2), "2026-12-02T00:00:00")]
    expected = [dict(r, exported_at="2026-12-02T00:00:00")
                for r in claim_records(filters, "internal")]
    assert len(built) == 4
    assert built == expected
    last = built[-1]
    assert [f["text"] for f in last["figures"]] == ["1 000 embauches", "des milliers",
                                                    "3,5 %", "2 500 milliards"]
    assert [s["stance"] for s in last["sources"]] == ["supports", "refutes"]
    assert last["created_at"] == "2026-03-04T05:06:07.890123"
    assert built[0]["corrections"] and built[0]["corrections"][0]["after"]


def test_the_jsonl_export_uses_it(db, desk):  # noqa: F811
    text = "".join(export_chunks("jsonl", ExportFilters(status="published"), "internal"))
    lines = [json.loads(line) for line in text.splitlines()]
    assert [r["status"] for r in lines] == ["published"]
    assert lines[0]["verdict"]["corrects_earlier"] is True
    assert lines[0]["verdict"]["rating_normalised"] == "mostly-false"


def test_an_engine_that_cannot_build_them_gets_the_python_records(db, busy, monkeypatch):
    filters = ExportFilters()
    built = "".join(export_chunks("jsonl", filters, "internal"))
    csv_built = "".join(export_chunks("csv", filters, "internal"))
    monkeypatch.setattr(db_records, "available", lambda: False)
    fallback = "".join(export_chunks("jsonl", filters, "internal"))
    assert "".join(export_chunks("csv", filters, "internal")) == csv_built
    drop = lambda text: [dict(json.loads(line), exported_at=None)  # noqa: E731
                         for line in text.splitlines()]
    assert len(drop(fallback)) == 4
    assert drop(fallback) == drop(built)
