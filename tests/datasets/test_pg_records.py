"""PostgreSQL builds the same records as Python (the fast path of JSONL exports)."""
import json

import pytest

from factcheck.datasets import pg_records
from factcheck.datasets.queries import ExportFilters, claim_id_batches, claim_records
from factcheck.datasets.services import export_chunks
from tests.datasets.test_round_trip import desk  # noqa: F401  (the fixture)


@pytest.fixture
def postgresql(db):
    if not pg_records.available():
        pytest.skip("PostgreSQL builds records itself; this database does not")


def test_postgresql_builds_the_records_python_builds(db, desk, postgresql):  # noqa: F811
    filters = ExportFilters()
    built = [json.loads(line) for line in pg_records.record_lines(
        claim_id_batches(filters, "internal"), "2026-12-02T00:00:00")]
    expected = [dict(r, exported_at="2026-12-02T00:00:00")
                for r in claim_records(filters, "internal")]
    assert len(built) == 3
    assert built == expected


def test_the_jsonl_export_uses_it_on_postgresql(db, desk, postgresql):  # noqa: F811
    text = "".join(export_chunks("jsonl", ExportFilters(status="published"), "internal"))
    lines = [json.loads(line) for line in text.splitlines()]
    assert [r["status"] for r in lines] == ["published"]
    assert lines[0]["verdict"]["corrects_earlier"] is True
