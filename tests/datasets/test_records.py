"""Dataset records: what each audience gets, and the formats that carry them."""
import csv
import io
import json

import pandas as pd

from factcheck.datasets.formats import write_csv, write_jsonl
from factcheck.datasets.queries import ExportFilters, claim_records
from factcheck.models import Role
from factcheck.review.services import correct_claim
from factcheck.review.services.claims import FigureEdit
from tests.factories import make_claim, make_user


def _records(audience, **filters):
    return list(claim_records(ExportFilters.parse(filters), audience))


def test_the_public_gets_published_claims_only_as_published(db, publish):
    shown = publish("false")
    drafted = publish("true", published=False)
    make_claim()
    db.session.commit()
    reviewer = make_user(Role.REVIEWER)
    correct_claim(shown, shown.version, reviewer, wording="Une formulation pas encore publiée",
                  speaker="Quelqu'un d'autre", figures=[FigureEdit("2 000", 2000.0, None, None)])
    db.session.commit()

    public = _records("public")
    assert [r["public_id"] for r in public] == [shown.public_id]
    record = public[0]
    assert record["attribution"]["speaker"] == "la porte-parole"  # what was published
    assert record["normalised_text"] is None
    assert record["verdict"]["rating"] == "false"
    assert record["verdict"]["rating_normalised"] == "false"
    assert {"id", "corrections", "checkworthiness"}.isdisjoint(record)
    assert all("note" not in s for s in record["sources"])

    internal = {r["public_id"]: r for r in _records("internal")}
    assert len(internal) == 3
    assert internal[drafted.public_id]["verdict"]["status"] == "draft"
    mine = internal[shown.public_id]
    assert mine["normalised_text"] == "Une formulation pas encore publiée"
    assert mine["attribution"]["speaker"] == "Quelqu'un d'autre"
    assert mine["corrections"][0]["after"]["speaker"] == "Quelqu'un d'autre"
    assert mine["figures"][0]["origin"] == "reviewer"


def test_spans_point_into_the_sentence(db):
    claim = make_claim()
    db.session.commit()
    record = _records("internal")[0]
    attribution = record["attribution"]
    assert record["sentence"] == claim.sentence
    assert attribution["label"] == "attribution" and attribution["speaker"] == "la porte-parole"
    assert record["figures"][0]["label"] == "figure"
    assert record["schema_version"] == 1


def test_jsonl_loads_in_pandas(db, publish, tmp_path):
    publish("mostly-false")
    publish("true")
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(write_jsonl(_records("internal"))), encoding="utf-8")
    frame = pd.read_json(path, lines=True)
    assert len(frame) == 2
    assert set(frame["verdict"].map(lambda v: v["rating_normalised"])) == {"mostly-false", "true"}
    assert frame["schema_version"].eq(1).all()


def test_csv_cells_cannot_run_as_formulas(db):
    make_claim(document=None, normalized_text="=HYPERLINK(\"http://evil.example\")")
    db.session.commit()
    text = "".join(write_csv(_records("internal"), bom=True))
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0]["normalised_text"].startswith("'=")
    assert json.loads(json.dumps(rows[0]["kinds"])) == "figure | attribution"
