"""Flask extensions, created without an app and bound in ``create_app``."""
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Explicit constraint names keep migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base shared by every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# The engines' own full-text indexes (FTS5 tables on SQLite; GIN indexes on tsvectors on
# PostgreSQL), made by migrations 0007 (claim terms) and 0011 (text search), kept by triggers
# and unknown to the models: autogenerate leaves them alone.
ENGINE_INDEX_NAMES = ("claim_terms_", "ix_claim_signatures_terms", "terms_tsv", "claim_text_",
                      "source_text_", "check_text_")


def include_name(name, type_, _parent_names) -> bool:
    """Alembic's filter: compare everything but the engine-specific full-text index."""
    return not (name and name.startswith(ENGINE_INDEX_NAMES))


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True, include_name=include_name)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
