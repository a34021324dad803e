"""The public sees what an editor published: later edits wait for a published correction."""
import importlib.util
import json
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import sqlalchemy as sa

from factcheck.models import Role, Stance, Verdict, VerdictStatus
from factcheck.publish.services import snapshot_public_content
from factcheck.review.queries import open_verdict
from factcheck.review.services import (
    FigureEdit,
    approve_and_publish,
    correct_claim,
    draft_verdict,
    find_or_add_source,
    link_source,
    unlink_source,
)
from tests.factories import make_user, rating

MIGRATION = (Path(__file__).resolve().parent.parent / "migrations" / "versions"
             / "0005_published_content.py")
OLD = {"wording": "a annoncé", "speaker": "la porte-parole", "figure": "1 000 embauches",
       "source": "Bilan annuel des embauches"}
NEW = {"wording": "recrutements records", "speaker": "Le secrétaire d’État",
       "figure": "2 500 postes", "source": "Rapport sur les postes ouverts"}
PRIVATE_NOTE = "NOTE-INTERNE appeler la rédaction avant publication"


class Tags(HTMLParser):
    """Start tags with their attributes, and the text of each textarea."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.textareas, self._in_textarea = [], {}, None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "textarea":
            self._in_textarea = dict(attrs).get("id")
            self.textareas[self._in_textarea] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._in_textarea = None

    def handle_data(self, data):
        if self._in_textarea:
            self.textareas[self._in_textarea] += data


def _jsonld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def public_outputs(client, claim) -> dict[str, str]:
    """Everything the public can read about ``claim``, as text."""
    pid = claim.public_id
    page = client.get(f"/c/{pid}").get_data(as_text=True)
    oembed = client.get("/oembed", query_string={"url": f"http://localhost/c/{pid}"}).json
    return {
        "page": page,
        "jsonld": json.dumps(_jsonld(page), ensure_ascii=False),
        "embed": client.get(f"/c/{pid}/embed").get_data(as_text=True),
        "oembed": json.dumps(oembed, ensure_ascii=False),
        "atom": client.get("/checks/feed.atom").get_data(as_text=True),
        "claimreview": json.dumps(client.get("/checks/claimreview.json").json,
                                  ensure_ascii=False),
        "checks": client.get("/checks").get_data(as_text=True),
    }


def found_by_search(client, claim, text: str) -> bool:
    """True when the public index search for ``text`` lists ``claim``."""
    return claim.public_id in client.get("/checks", query_string={"q": text}).get_data(
        as_text=True)


@pytest.fixture
def published(publish, db):
    """A published claim with one refuting source (and a private note on the link)."""
    claim = publish(published=False)
    reviewer = make_user(Role.REVIEWER)
    source = find_or_add_source("https://stats.example/embauches-2026", reviewer,
                                title=OLD["source"], publisher="Institut statistique",
                                published_at=datetime(2026, 3, 2, 9, 0))
    link_source(claim, source, Stance.REFUTES, reviewer, excerpt="Les embauches reculent.",
                note=PRIVATE_NOTE)
    approve_and_publish(open_verdict(claim), make_user(Role.EDITOR))
    db.session.commit()
    return claim


def edit_after_publication(claim, db) -> None:
    """A reviewer rewords the claim, changes speaker and figure, swaps the source."""
    reviewer = make_user(Role.REVIEWER)
    correct_claim(claim, claim.version, reviewer,
                  wording=f"Le gouvernement promet des {NEW['wording']} cette année.",
                  speaker=NEW["speaker"],
                  figures=[FigureEdit(NEW["figure"], 2500.0, "postes", None)])
    source = find_or_add_source("https://rapports.example/postes", reviewer, title=NEW["source"])
    link_source(claim, source, Stance.SUPPORTS, reviewer, excerpt="Des postes sont ouverts.")
    unlink_source(next(link for link in claim.source_links
                       if link.source.title == OLD["source"]), reviewer)
    db.session.commit()


def test_edits_after_publication_stay_private_until_a_correction_is_published(
        client, published, db):
    claim = published
    edit_after_publication(claim, db)

    outputs = public_outputs(client, claim)
    for name in outputs:
        assert OLD["wording"] in outputs[name], name
        assert NEW["wording"] not in outputs[name], name
    for name in ("page", "jsonld", "claimreview", "checks"):
        assert OLD["speaker"] in outputs[name] and NEW["speaker"] not in outputs[name], name
    for name, text in outputs.items():
        assert NEW["figure"] not in text and NEW["source"] not in text, name
    assert OLD["figure"] in outputs["page"] and OLD["source"] in outputs["page"]
    assert found_by_search(client, claim, OLD["wording"])
    assert not found_by_search(client, claim, NEW["wording"])

    correction = draft_verdict(claim, rating("mostly-false"), "Nouvelle analyse des postes.",
                               make_user(Role.REVIEWER), correction_note="Formulation revue")
    approve_and_publish(correction, make_user(Role.EDITOR))
    db.session.commit()

    outputs = public_outputs(client, claim)
    for name in outputs:
        assert NEW["wording"] in outputs[name] and OLD["wording"] not in outputs[name], name
    for name in ("page", "jsonld", "claimreview", "checks"):
        assert NEW["speaker"] in outputs[name] and OLD["speaker"] not in outputs[name], name
    assert NEW["figure"] in outputs["page"] and OLD["figure"] not in outputs["page"]
    assert NEW["source"] in outputs["page"] and OLD["source"] not in outputs["page"]
    assert "Formulation revue" in outputs["page"]
    assert found_by_search(client, claim, NEW["wording"])
    assert not found_by_search(client, claim, OLD["wording"])


def test_language_filter_reads_the_published_language(client, published, db):
    published.language = "en"  # a later change of the working copy
    db.session.commit()
    assert published.public_id in client.get("/checks?language=fr").get_data(as_text=True)
    assert published.public_id not in client.get("/checks?language=en").get_data(as_text=True)


def test_the_reviewers_private_source_note_never_reaches_the_public(client, published, db):
    outputs = public_outputs(client, published)
    assert "Les embauches reculent." in outputs["page"]  # the excerpt is public
    for name, text in outputs.items():
        assert "NOTE-INTERNE" not in text, name
    frozen = db.session.scalars(sa.select(Verdict.published_content)).all()
    assert frozen and "NOTE-INTERNE" not in json.dumps(frozen, ensure_ascii=False)


def test_a_source_unlinked_just_before_publishing_is_not_published(publish, db):
    claim = publish(published=False)
    reviewer = make_user(Role.REVIEWER)
    source = find_or_add_source("https://retire.example/a", reviewer, title="Source retirée")
    link = link_source(claim, source, Stance.CONTEXT, reviewer)
    db.session.flush()
    unlink_source(link, reviewer)  # same transaction: the collection still holds the link
    assert snapshot_public_content(claim)["sources"] == []


def test_hostile_public_id_or_title_cannot_leave_the_iframe_attributes(client, publish, db):
    hostile = '" onload="alert(1)" x="<script>alert(2)</script>'
    claim = publish(normalized_text=hostile)
    claim.public_id = "q\"'><i>&x"
    db.session.commit()
    oembed = client.get("/oembed", query_string={"url": f"http://localhost/c/{claim.public_id}"})
    assert oembed.status_code == 200
    page = client.get(f"/c/{claim.public_id}").get_data(as_text=True)
    snippet = Tags(page).textareas["embed-iframe"]
    for html in (oembed.json["html"], snippet):
        tags = Tags(html).tags
        assert [tag for tag, _ in tags] == ["iframe"], html
        attrs = tags[0][1]
        assert set(attrs) == {"src", "width", "height", "style", "loading", "title"}
        assert attrs["title"].endswith(hostile)
        assert unquote(attrs["src"]) == f"http://localhost/c/{claim.public_id}/embed"
    assert "<script>alert" not in page and "<i>" not in page


def test_embed_iframe_macro_escapes_its_arguments(app):
    from flask import get_template_attribute

    with app.test_request_context():
        iframe = get_template_attribute("publish/_embed.html", "embed_iframe")
        html = str(iframe('x" onmouseover="alert(1)', '480" onload="x', 220, '"><b>t</b>'))
    tags = Tags(html).tags
    assert [tag for tag, _ in tags] == ["iframe"]
    attrs = tags[0][1]
    assert attrs["src"] == 'x" onmouseover="alert(1)' and attrs["title"] == '"><b>t</b>'
    assert attrs["width"] == "0" and "onload" not in attrs  # sizes are numbers, nothing else


def test_migration_backfills_published_and_superseded_verdicts(published, db):
    claim = published
    claim.document.published_at = datetime(2026, 2, 1, 8, 30)
    correction = draft_verdict(claim, rating("true"), "Revu.", make_user(Role.REVIEWER),
                               correction_note="Note")
    approve_and_publish(correction, make_user(Role.EDITOR))
    draft_verdict(claim, rating("false"), "Brouillon.", make_user(Role.REVIEWER),
                  correction_note="Encore")
    db.session.commit()
    expected = correction.published_content
    db.session.execute(sa.update(Verdict).values(published_content=None))
    db.session.commit()

    spec = importlib.util.spec_from_file_location("published_content_migration", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    migration.backfill(db.session.connection())
    db.session.commit()

    rows = dict(db.session.execute(sa.select(Verdict.status, Verdict.published_content)).all())
    # The shipped backfill writes the shape of its day: no appearances, first_appearance None
    # (PublicContent reads both shapes).
    expected = {k: v for k, v in expected.items() if k not in ("appearances",
                                                               "first_appearance")}
    for status in (VerdictStatus.PUBLISHED, VerdictStatus.SUPERSEDED):
        rows[status].pop("first_appearance")
    assert rows[VerdictStatus.PUBLISHED] == expected == rows[VerdictStatus.SUPERSEDED]
    assert rows[VerdictStatus.DRAFT] is None
    assert expected["appearance"]["published_at"] == "2026-02-01T08:30:00"
    assert expected["sources"][0]["published_at"] == "2026-03-02T09:00:00"
