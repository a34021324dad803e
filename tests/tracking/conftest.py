"""Helpers for the tracking tests: ingest short articles through the real ingest service."""
from datetime import datetime

import pytest
import sqlalchemy as sa

from factcheck.documents.services import ingest_text
from factcheck.models import Claim

SOLDIERS = "Plus de 10 000 soldats nord-coréens ont été déployés en Russie, a déclaré Séoul."
SOLDIERS_15 = "Environ 15 000 soldats nord-coréens ont été déployés en Russie, a déclaré Séoul."
SOLDIERS_EN = "More than 10,000 North Korean soldiers have been deployed to Russia, Seoul said."
JOBLESS = "Le chômage a baissé de 0,3 point au troisième trimestre, selon l'Insee."
TEACHERS = "Le gouvernement va recruter 4 000 enseignants l'an prochain, a annoncé le ministre."


@pytest.fixture
def ingest(db):
    """Ingest ``text`` as a new article (real extraction and tracking); returns its claims."""
    def make(text, title="Article", day=1, language="fr", publisher="Le Quotidien"):
        document, created = ingest_text(text, title, language=language, publisher=publisher,
                                        published_at=datetime(2026, 8, day, 9, 0))
        assert created
        db.session.commit()
        return list(document.claims)
    return make


def claim_with(db, sentence_start: str, title: str | None = None) -> Claim:
    """The claim whose sentence starts with ``sentence_start`` (in the article ``title``)."""
    query = sa.select(Claim).where(Claim.sentence.startswith(sentence_start))
    if title:
        from factcheck.models import Document
        query = query.join(Document).where(Document.title == title)
    return db.session.scalars(query).one()
