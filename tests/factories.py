"""Test data builders: small functions that add rows and return them (no commit)."""
import itertools

import sqlalchemy as sa

from factcheck.auth.services import create_user
from factcheck.documents.services import add_document
from factcheck.extensions import db
from factcheck.models import Attribution, Claim, Document, Figure, Rating, Role, User

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def make_user(role: Role = Role.REVIEWER, email: str | None = None,
              password: str = PASSWORD) -> User:
    """A user with a known password."""
    return create_user(email or f"user{next(_seq)}@example.test", password, role)


def make_document(text: str | None = None, title: str = "Un article", **kwargs) -> Document:
    """A document with unique text unless ``text`` is given."""
    n = next(_seq)
    body = text or f"Le ministère a annoncé {n} 000 embauches, a déclaré la porte-parole."
    return add_document(body, title, **kwargs)


def make_claim(document: Document | None = None, **kwargs) -> Claim:
    """A claim with one figure and an attribution, spanning the document's first sentence."""
    document = document or make_document()
    end = len(document.text)
    fields = {"has_figure": True, "has_attribution": True, "language": "fr",
              "checkworthiness": 0.8, **kwargs}
    claim = Claim(document=document, sentence=document.text, start_char=0, end_char=end,
                  **fields)
    claim.figures = [Figure(text="1 000 embauches", start_char=0, end_char=5, value=1000.0,
                            unit="embauches")]
    claim.attribution = Attribution(speaker="la porte-parole", cue="a déclaré",
                                    start_char=0, end_char=end)
    db.session.add(claim)
    db.session.flush()
    return claim


def rating(key: str) -> Rating:
    """A step of the seeded rating scale, by key ('true', 'false', 'misleading'...)."""
    return db.session.scalar(sa.select(Rating).where(Rating.key == key))
