"""Export, import into an empty database, export again: the same dataset, nothing doubled."""
import json

import pytest
import sqlalchemy as sa

from factcheck.datasets.formats import write_jsonl
from factcheck.datasets.queries import ExportFilters, claim_records
from factcheck.datasets.services import DatasetError, import_dataset
from factcheck.models import (
    ClaimGroup,
    ClaimStatus,
    DismissalReason,
    Document,
    Role,
    Source,
    Stance,
)
from factcheck.review.services import (
    approve_and_publish,
    correct_claim,
    dismiss_claims,
    draft_verdict,
    find_or_add_source,
    link_source,
)
from factcheck.review.services.claims import FigureEdit
from factcheck.tracking.services import track_claims
from factcheck.tracking.services.filing import move_claims
from tests.conftest import _empty_tables
from tests.factories import make_claim, make_document, make_user, rating

LOCAL = ("id", "exported_at")


def _export() -> list[str]:
    return "".join(write_jsonl(claim_records(ExportFilters(), "internal"))).splitlines()


def _wipe(db) -> None:
    """Empty the database as a new installation would be (the session lets go first: on
    PostgreSQL an open transaction would hold TRUNCATE back)."""
    db.session.commit()
    db.session.expunge_all()
    _empty_tables()


def _comparable(lines: list[str]) -> list[dict]:
    records = [json.loads(line) for line in lines]
    for record in records:
        for name in LOCAL:
            record.pop(name)
        record["document"].pop("id")
    return records


@pytest.fixture
def desk(db):
    """A small desk's work: published with a correction, drafted, dismissed, grouped."""
    reviewer, editor = make_user(Role.REVIEWER), make_user(Role.EDITOR)
    article = make_document("Le chômage a baissé de 0,3 point au troisième trimestre, selon "
                            "l'Insee. Le ministre a promis 5 000 postes, a-t-il déclaré.")
    first = make_claim(article)
    second = make_claim(make_document())
    third = make_claim()
    track_claims([first, second, third])
    source = find_or_add_source("https://insee.example/serie", reviewer, title="Série")
    link_source(first, source, Stance.REFUTES, reviewer, excerpt="7,4 %", note="appelé lundi")
    approve_and_publish(draft_verdict(first, rating("false"), "Les **chiffres**.", reviewer),
                        editor)
    correct_claim(first, first.version, reviewer, wording="Le chômage a baissé",
                  speaker="l'Insee", figures=[FigureEdit("0,3 point", 0.3, "point", None)])
    approve_and_publish(draft_verdict(first, rating("mostly-false"), "Révisé.", reviewer,
                                      correction_note="chiffre révisé"), editor)
    draft_verdict(second, rating("true"), "Brouillon.", reviewer)
    dismiss_claims([third], DismissalReason.NOT_CHECK_WORTHY, reviewer)
    move_claims([second], first.group)
    db.session.commit()
    return first


def test_an_export_imported_elsewhere_exports_the_same(db, desk):
    before = _export()
    assert len(before) == 3
    _wipe(db)
    importer = make_user(Role.ADMIN)
    report = import_dataset(before, importer)
    db.session.commit()
    assert (report.claims, report.documents, report.verdicts) == (3, 3, 2)
    after = _export()
    assert _comparable(after) == _comparable(before)
    published = [json.loads(line) for line in after if '"published"' in line][0]
    assert published["verdict"]["corrects_earlier"] is True
    assert published["sources"][0]["note"] == "appelé lundi"


def test_importing_twice_duplicates_nothing(db, desk):
    lines = _export()
    counts = [db.session.scalar(sa.select(sa.func.count()).select_from(model))
              for model in (Document, Source, ClaimGroup)]
    report = import_dataset(lines, make_user(Role.ADMIN))
    db.session.commit()
    assert (report.claims, report.present) == (0, 3)
    assert counts == [db.session.scalar(sa.select(sa.func.count()).select_from(model))
                      for model in (Document, Source, ClaimGroup)]


def test_a_bad_line_is_named_and_nothing_is_written(db, desk):
    lines = _export()
    _wipe(db)
    broken = json.loads(lines[1])
    broken["verdict"] = {"rating": "plutot-vrai", "status": "draft"}
    lines[1] = json.dumps(broken)
    lines.insert(2, "{not json")
    huge = json.loads(lines[0])
    huge["document_end"] = 10**12
    lines.append(json.dumps(huge))
    with pytest.raises(DatasetError) as caught:
        import_dataset(lines, make_user(Role.ADMIN))
    db.session.rollback()
    assert caught.value.problems[0].startswith("line 2: rating 'plutot-vrai'")
    assert caught.value.problems[1].startswith("line 3: not JSON")
    assert caught.value.problems[2].startswith("line 5: document_end 1000000000000 does not")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 0


def test_the_import_command_reports_and_fails_cleanly(db, desk, runner, tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(_export()) + "\n", encoding="utf-8")
    admin = make_user(Role.ADMIN)
    db.session.commit()
    result = runner.invoke(args=["import", str(path), "--user", admin.email])
    assert result.exit_code == 0, result.output
    assert "0 claims imported (3 already here)" in result.output
    path.write_text('{"schema_version": 2}\n', encoding="utf-8")
    result = runner.invoke(args=["import", str(path), "--user", admin.email])
    assert result.exit_code == 1
    assert "line 1: schema_version 2 is not 1" in result.output
    path.write_bytes(b"\xff\xfe\x00binary")
    result = runner.invoke(args=["import", str(path), "--user", admin.email])
    assert result.exit_code == 1 and "not UTF-8 text" in result.output
    assert ClaimStatus.PUBLISHED.value in "".join(_export())
