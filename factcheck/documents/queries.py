"""Reading documents for the pages that list them."""
import sqlalchemy as sa

from ..extensions import db
from ..models import Claim, Document


def latest_documents(limit: int = 100) -> list:
    """(document, claim count) rows, newest document first."""
    return db.session.execute(
        sa.select(Document, sa.func.count(Claim.id))
        .outerjoin(Claim).group_by(Document.id)
        .order_by(Document.created_at.desc()).limit(limit)
    ).all()
