"""Substring search on text columns, the same way everywhere (wildcards typed are literal)."""

from .extensions import db


def contains(column, text: str):
    """Case-insensitive "column contains text"; % and _ in ``text`` match themselves.

    On SQLite, LIKE already ignores ASCII case (as its lower() does) and is faster than the
    lower(...) LIKE lower(...) that ilike() becomes there.
    """
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if db.engine.dialect.name == "sqlite":
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")
