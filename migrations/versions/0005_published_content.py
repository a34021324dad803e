"""Verdicts keep the public content frozen at publication; existing ones backfilled.

Every published (and superseded) verdict gets the claim's current wording, speaker, figures,
sources and appearance, so pages already public keep showing what they show today.

Revision ID: 0005_published_content
Revises: 0004_verdict_authors
Create Date: 2026-12-01 20:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005_published_content'
down_revision = '0004_verdict_authors'
branch_labels = None
depends_on = None

CHUNK = 500
CONTENT_FORMAT = 1  # frozen copy of factcheck.publish.services' shape at this revision

verdicts = sa.table('verdicts', sa.column('id', sa.Integer), sa.column('claim_id', sa.Integer),
                    sa.column('status', sa.String),
                    sa.column('published_content', sa.JSON(none_as_null=True)))
claims = sa.table('claims', sa.column('id', sa.Integer), sa.column('sentence', sa.Text),
                  sa.column('normalized_text', sa.Text), sa.column('language', sa.String),
                  sa.column('document_id', sa.Integer))
documents = sa.table('documents', sa.column('id', sa.Integer), sa.column('title', sa.String),
                     sa.column('url', sa.String), sa.column('publisher', sa.String),
                     sa.column('published_at', sa.DateTime))
attributions = sa.table('attributions', sa.column('claim_id', sa.Integer),
                        sa.column('speaker', sa.String))
figures = sa.table('figures', sa.column('id', sa.Integer), sa.column('claim_id', sa.Integer),
                   sa.column('text', sa.String), sa.column('value', sa.Float),
                   sa.column('unit', sa.String), sa.column('qualifier', sa.String),
                   sa.column('start_char', sa.Integer))
claim_sources = sa.table('claim_sources', sa.column('id', sa.Integer),
                         sa.column('claim_id', sa.Integer), sa.column('source_id', sa.Integer),
                         sa.column('stance', sa.String), sa.column('excerpt', sa.Text))
sources = sa.table('sources', sa.column('id', sa.Integer), sa.column('url', sa.String),
                   sa.column('title', sa.String), sa.column('publisher', sa.String),
                   sa.column('published_at', sa.DateTime), sa.column('archived_url', sa.String))


def upgrade():
    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_content', sa.JSON(), nullable=True))
    backfill(op.get_bind())


def downgrade():
    with op.batch_alter_table('verdicts', schema=None) as batch_op:
        batch_op.drop_column('published_content')


def backfill(conn) -> None:
    """Snapshot the live claim into every published or superseded verdict that has none."""
    rows = conn.execute(sa.select(verdicts.c.id, verdicts.c.claim_id).where(
        verdicts.c.status.in_(('published', 'superseded')),
        verdicts.c.published_content.is_(None)).order_by(verdicts.c.id)).all()
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        contents = _contents(conn, {claim_id for _, claim_id in chunk})
        for verdict_id, claim_id in chunk:
            conn.execute(verdicts.update().where(verdicts.c.id == verdict_id)
                         .values(published_content=contents[claim_id]))


def _contents(conn, claim_ids: set) -> dict:
    """The public content of each claim, read in a few queries."""
    found = {row.id: row for row in conn.execute(
        sa.select(claims).where(claims.c.id.in_(claim_ids)))}
    # claims.repeats_claim_id was never filled (0007 replaced it with claim groups), so no
    # first appearance is backfilled.
    docs = {row.id: row for row in conn.execute(sa.select(documents).where(documents.c.id.in_(
        {c.document_id for c in found.values()})))}
    speakers = dict(conn.execute(sa.select(attributions.c.claim_id, attributions.c.speaker)
                                 .where(attributions.c.claim_id.in_(claim_ids))).all())
    figs = _grouped(conn.execute(sa.select(figures).where(figures.c.claim_id.in_(claim_ids))
                                 .order_by(figures.c.start_char, figures.c.id)))
    links = _grouped(conn.execute(
        sa.select(claim_sources.c.claim_id, claim_sources.c.stance, claim_sources.c.excerpt,
                  sources.c.url, sources.c.title, sources.c.publisher, sources.c.published_at,
                  sources.c.archived_url)
        .join(sources, sources.c.id == claim_sources.c.source_id)
        .where(claim_sources.c.claim_id.in_(claim_ids)).order_by(claim_sources.c.id)))
    out = {}
    for claim_id, claim in found.items():
        out[claim_id] = {
            'format': CONTENT_FORMAT,
            'wording': claim.normalized_text or claim.sentence,
            'speaker': speakers.get(claim_id),
            'language': claim.language,
            'figures': [{'text': f.text, 'value': f.value, 'unit': f.unit,
                         'qualifier': f.qualifier} for f in figs.get(claim_id, [])],
            'sources': [{'url': s.url, 'title': s.title, 'publisher': s.publisher,
                         'published_at': _iso(s.published_at), 'archived_url': s.archived_url,
                         'stance': s.stance, 'excerpt': s.excerpt}
                        for s in links.get(claim_id, [])],
            'appearance': _appearance(docs[claim.document_id]),
            'first_appearance': None,
        }
    return out


def _grouped(rows) -> dict:
    out = {}
    for row in rows:
        out.setdefault(row.claim_id, []).append(row)
    return out


def _appearance(doc) -> dict:
    return {'title': doc.title, 'url': doc.url, 'publisher': doc.publisher,
            'published_at': _iso(doc.published_at)}


def _iso(moment):
    return moment.isoformat() if moment else None
