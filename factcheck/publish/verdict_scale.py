"""The rating scale as the public sees it."""
import sqlalchemy as sa

from ..extensions import db
from ..models import Rating


def public_ratings() -> list[Rating]:
    """Active ratings in scale order, for filters and legends."""
    return list(db.session.scalars(sa.select(Rating).where(Rating.active.is_(True))
                                   .order_by(Rating.position)))
