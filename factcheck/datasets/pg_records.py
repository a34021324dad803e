"""Internal records built by PostgreSQL itself, as JSON text: the fast path of JSONL exports.

Python builds a record from six queries' rows at a few thousand claims a second; PostgreSQL
builds the same object (``records.internal_record``'s shape, same keys and values) with
``json_build_object`` and hands over one line of text per claim, which is written as it is.
``tests/datasets/test_pg_records.py`` checks that both give the same records.
"""
from typing import Iterator

import sqlalchemy as sa

from ..extensions import db
from .records import NORMALISED_RATINGS, SCHEMA_VERSION


def _iso(column: str) -> str:
    """ISO 8601 as Python's ``datetime.isoformat`` writes it (microseconds only when set)."""
    return (f"CASE WHEN {column} IS NULL THEN NULL "
            f"WHEN date_part('microseconds', {column})::int % 1000000 = 0 "
            f"THEN to_char({column}, 'YYYY-MM-DD\"T\"HH24:MI:SS') "
            f"ELSE to_char({column}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US') END")


def _object(column: str) -> str:
    """A JSON column, ``{}`` when it holds nothing (SQL NULL or JSON null)."""
    return f"CASE WHEN {column} IS NULL OR {column}::text = 'null' THEN '{{}}'::json " \
        f"ELSE {column} END"


_NORMALISED = "CASE r.score " + " ".join(
    f"WHEN {score} THEN '{name}'" for score, name in NORMALISED_RATINGS.items()) \
    + " ELSE 'other' END"

_SQL = f"""
SELECT json_build_object(
  'schema_version', {SCHEMA_VERSION},
  'id', c.id,
  'public_id', c.public_id,
  'group_id', g.public_id,
  'status', c.status,
  'dismissal_reason', c.dismissal_reason,
  'language', c.language,
  'sentence', c.sentence,
  'normalised_text', c.normalized_text,
  'kinds', array_to_json(array_remove(ARRAY[
      CASE WHEN c.has_figure THEN 'figure' END,
      CASE WHEN c.has_attribution THEN 'attribution' END], NULL)),
  'checkworthiness', c.checkworthiness,
  'document_start', c.start_char,
  'document_end', c.end_char,
  'figures', COALESCE((
      SELECT json_agg(json_build_object(
          'label', 'figure', 'text', f.text, 'start', f.start_char - c.start_char,
          'end', f.end_char - c.start_char, 'value', f.value, 'value_low', f.value_low,
          'value_high', f.value_high, 'unit', f.unit, 'qualifier', f.qualifier,
          'origin', f.origin) ORDER BY f.start_char, f.id)
      FROM figures f WHERE f.claim_id = c.id), '[]'::json),
  'attribution', (
      SELECT json_build_object(
          'label', 'attribution', 'speaker', a.speaker,
          'speaker_start', CASE WHEN a.speaker_end IS NOT NULL
                                THEN a.speaker_start - c.start_char END,
          'speaker_end', CASE WHEN a.speaker_start IS NOT NULL
                              THEN a.speaker_end - c.start_char END,
          'cue', a.cue,
          'cue_start', CASE WHEN a.cue_end IS NOT NULL THEN a.cue_start - c.start_char END,
          'cue_end', CASE WHEN a.cue_start IS NOT NULL THEN a.cue_end - c.start_char END,
          'start', a.start_char - c.start_char, 'end', a.end_char - c.start_char,
          'origin', a.origin)
      FROM attributions a WHERE a.claim_id = c.id),
  'document', json_build_object(
      'id', d.id, 'content_hash', d.content_hash, 'title', d.title, 'url', d.url,
      'publisher', d.publisher, 'published_at', {_iso('d.published_at')},
      'language', d.language),
  'sources', COALESCE((
      SELECT json_agg(json_build_object(
          'url', s.url, 'title', s.title, 'publisher', s.publisher,
          'published_at', {_iso('s.published_at')}, 'archived_url', s.archived_url,
          'stance', cs.stance, 'excerpt', cs.excerpt, 'note', cs.note) ORDER BY cs.id)
      FROM claim_sources cs JOIN sources s ON s.id = cs.source_id
      WHERE cs.claim_id = c.id), '[]'::json),
  'verdict', (
      SELECT json_build_object(
          'rating', r.key, 'rating_label_fr', r.label_fr, 'rating_label_en', r.label_en,
          'rating_normalised', {_NORMALISED}, 'rationale_md', v.rationale_md,
          'status', v.status, 'published_at', {_iso('v.published_at')},
          'first_published_at', (
              SELECT {_iso('min(p.published_at)')} FROM verdicts p
              WHERE p.claim_id = c.id AND p.published_at IS NOT NULL),
          'corrects_earlier', v.corrects_id IS NOT NULL)
      FROM verdicts v JOIN ratings r ON r.id = v.rating_id
      WHERE v.claim_id = c.id AND v.status <> 'superseded'
      ORDER BY v.status = 'published' DESC, v.id DESC LIMIT 1),
  'corrections', COALESCE((
      SELECT json_agg(json_build_object(
          'corrected_at', {_iso('e.created_at')},
          'before', {_object('e.before')}, 'after', {_object('e.after')})
          ORDER BY e.id)
      FROM audit_entries e
      WHERE e.target_type = 'claims' AND e.action = 'claim.correct' AND e.target_id = c.id),
      '[]'::json),
  'created_at', {_iso('c.created_at')},
  'updated_at', {_iso('c.updated_at')},
  'exported_at', CAST(:exported_at AS text)
)::text
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN claim_groups g ON g.id = c.group_id
WHERE c.id = ANY(:ids)
ORDER BY c.id
"""


def available() -> bool:
    """True when the session's database can build records itself (PostgreSQL)."""
    return db.session.get_bind().dialect.name == "postgresql"


def record_lines(id_batches, exported_at: str) -> Iterator[str]:
    """One JSON text per claim, for each batch of claim ids, in id order."""
    statement = sa.text(_SQL)
    connection = db.session.connection()
    for ids in id_batches:
        for (line,) in connection.execute(statement, {"ids": ids, "exported_at": exported_at}):
            yield line
