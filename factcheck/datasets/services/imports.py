"""Loading an exported dataset (JSONL, schema version 1): a backup, or another desk's claims.

Every line is read and checked before anything is written, and the caller commits once, so a
bad file leaves nothing behind. Nothing is duplicated: documents are known by their content
hash, claims and claim groups by their public ids, sources by their normalised address. A
claim already present is left as it is. Verdicts, sources and corrections come in as the file
records them, under the importing account (the users of the other desk are not known here).
"""
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Optional

import sqlalchemy as sa

from ... import audit
from ...extensions import db
from ...models import (
    Attribution,
    AuditAction,
    Claim,
    ClaimGroup,
    ClaimSource,
    ClaimStatus,
    DismissalReason,
    Document,
    ExtractionStatus,
    Figure,
    Origin,
    Rating,
    Source,
    Stance,
    User,
    Verdict,
    VerdictStatus,
)
from ...publish.services import snapshot_public_content
from ...review.services.evidence import find_or_add_source, normalise_url
from ...sanitize import render_markdown
from ...tracking.index import store_signature
from ...tracking.matching import signature
from ..records import SCHEMA_VERSION

MAX_ERRORS = 20  # lines reported before the import gives up reading
MAX_DOCUMENT_CHARS = 10_000_000  # no article is longer; a larger offset is a broken file


class DatasetError(ValueError):
    """A file that cannot be imported; ``problems`` lists "line N: why" for each bad line."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ImportReport:
    """What an import added and what it found already here."""

    documents: int = 0
    claims: int = 0
    groups: int = 0
    sources: int = 0
    verdicts: int = 0
    present: int = 0  # claims already in the database, left alone
    lines: int = 0


def read_records(lines: Iterable[str], ratings: set[str]) -> list[tuple[int, dict]]:
    """Parse and check every line; raises DatasetError naming each bad line."""
    records, problems = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            _check(record, ratings)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            problems.append(f"line {number}: {_reason(exc)}")
            if len(problems) >= MAX_ERRORS:
                break
            continue
        records.append((number, record))
    if problems:
        raise DatasetError(problems)
    return records


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg})"
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]}"
    return str(exc)


def _check(record: Any, ratings: set[str]) -> None:
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    if record.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"schema_version {record.get('schema_version')!r} is not "
                         f"{SCHEMA_VERSION}")
    for name in ("public_id", "sentence", "status"):
        if not isinstance(record[name], str) or not record[name]:
            raise ValueError(f"{name} must be a non-empty string")
    ClaimStatus(record["status"])
    _check_place(record)
    _check_evidence(record)
    verdict = record.get("verdict")
    if verdict:
        if verdict.get("rating") not in ratings:
            raise ValueError(f"rating {verdict.get('rating')!r} is not on this desk's scale")
        VerdictStatus(verdict["status"])
    for moment in (record.get("created_at"), record.get("updated_at")):
        _moment(moment)


def _check_evidence(record: dict) -> None:
    for f in record.get("figures") or ():
        if not isinstance(f.get("text"), str):
            raise ValueError("a figure needs its text")
    for s in record.get("sources") or ():
        Stance(s["stance"])
        if not isinstance(s.get("url"), str) or not s["url"]:
            raise ValueError("a source needs its url")


def _check_place(record: dict) -> None:
    """The document the claim belongs to, and where in it."""
    if "document_start" not in record:
        raise ValueError("a public export cannot be imported: it lacks the claims' offsets "
                         "(export while signed in, or with flask export)")
    document = record["document"]
    if not isinstance(document, dict) or not document.get("content_hash"):
        raise ValueError("document.content_hash is missing")
    start, end = record["document_start"], record["document_end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise ValueError("document_start and document_end must be offsets, start < end")
    if end > MAX_DOCUMENT_CHARS or end - start > len(record["sentence"]) + 1000:
        raise ValueError(f"document_end {end} does not fit the sentence or is beyond "
                         f"{MAX_DOCUMENT_CHARS:,} characters")


def _moment(text: Optional[str]) -> Optional[datetime]:
    return datetime.fromisoformat(text) if text else None


def import_dataset(lines: Iterable[str], actor: User) -> ImportReport:
    """Add the records of an exported JSONL dataset; flushes, never commits."""
    ratings = {r.key: r for r in db.session.scalars(sa.select(Rating))}
    records = read_records(lines, set(ratings))
    report = ImportReport(lines=len(records))
    known = set(db.session.scalars(sa.select(Claim.public_id).where(
        Claim.public_id.in_([r["public_id"] for _, r in records]))))
    fresh = [r for _, r in records if r["public_id"] not in known]
    report.present = len(records) - len(fresh)
    by_document: dict[str, list[dict]] = defaultdict(list)
    for record in fresh:
        by_document[record["document"]["content_hash"]].append(record)
    groups: dict[str, ClaimGroup] = {}
    for content_hash, items in by_document.items():
        document = _document(content_hash, items, actor, report)
        for record in items:
            claim = _claim(record, document, _group(record, groups, report))
            _sources(claim, record, actor, report)
            _verdict(claim, record, ratings, actor, report)
            _corrections(claim, record, actor)
            report.claims += 1
            db.session.flush()
            store_signature(claim, signature(claim.sentence, claim.language or "auto"))
            _restore_times(claim, record)
    db.session.flush()
    return report


def _document(content_hash: str, items: list[dict], actor: User,
              report: ImportReport) -> Document:
    document = db.session.scalar(sa.select(Document).where(
        Document.content_hash == content_hash))
    if document is not None:
        return document
    first = items[0]["document"]
    document = Document(title=(first.get("title") or "")[:500] or items[0]["sentence"][:80],
                        url=first.get("url"), publisher=first.get("publisher"),
                        published_at=_moment(first.get("published_at")),
                        language=first.get("language"), text=_text(items),
                        content_hash=content_hash, added_by=actor)
    document.extraction_status = ExtractionStatus.DONE
    db.session.add(document)
    audit.record(actor, AuditAction.DATASET_IMPORT, document,
                 after={"claims": len(items), "url": document.url})
    report.documents += 1
    return document


def _text(items: list[dict]) -> str:
    """The document's text when the file carries it, else its claims' sentences at their
    offsets with spaces between (offsets stay true; the rest of the article is not known)."""
    for item in items:
        if item["document"].get("text"):
            return item["document"]["text"]
    size = max(item["document_end"] for item in items)
    chars = [" "] * size
    for item in items:
        sentence, start = item["sentence"], item["document_start"]
        chars[start:start + len(sentence)] = sentence
    return "".join(chars)


def _group(record: dict, groups: dict[str, ClaimGroup], report: ImportReport
           ) -> Optional[ClaimGroup]:
    key = record.get("group_id")
    if not key:
        return None
    if key not in groups:
        group = db.session.scalar(sa.select(ClaimGroup).where(ClaimGroup.public_id == key))
        if group is None:
            group = ClaimGroup(public_id=key)
            db.session.add(group)
            report.groups += 1
        groups[key] = group
    return groups[key]


def _claim(record: dict, document: Document, group: Optional[ClaimGroup]) -> Claim:
    start = record["document_start"]
    kinds = set(record.get("kinds") or ())
    claim = Claim(public_id=record["public_id"], document=document, group=group,
                  sentence=record["sentence"], start_char=start,
                  end_char=record["document_end"], language=record.get("language"),
                  normalized_text=record.get("normalised_text"),
                  has_figure="figure" in kinds, has_attribution="attribution" in kinds,
                  checkworthiness=float(record.get("checkworthiness") or 0.0),
                  score_features=None, status=ClaimStatus(record["status"]),
                  dismissal_reason=(DismissalReason(record["dismissal_reason"])
                                    if record.get("dismissal_reason") else None))
    claim.figures = [Figure(text=f["text"][:500], start_char=start + (f.get("start") or 0),
                            end_char=start + (f.get("end") or 0), value=f.get("value"),
                            value_low=f.get("value_low"), value_high=f.get("value_high"),
                            unit=f.get("unit"), qualifier=f.get("qualifier"),
                            origin=Origin(f.get("origin") or "extracted"))
                     for f in record.get("figures") or ()]
    found = record.get("attribution")
    if found:
        def at(key):
            return start + found[key] if found.get(key) is not None else None
        claim.attribution = Attribution(
            speaker=found.get("speaker"), cue=found.get("cue"),
            start_char=at("start") if found.get("start") is not None else start,
            end_char=at("end") if found.get("end") is not None else record["document_end"],
            speaker_start=at("speaker_start"), speaker_end=at("speaker_end"),
            cue_start=at("cue_start"), cue_end=at("cue_end"),
            origin=Origin(found.get("origin") or "extracted"))
    db.session.add(claim)
    return claim


def _sources(claim: Claim, record: dict, actor: User, report: ImportReport) -> None:
    for item in record.get("sources") or ():
        known = db.session.scalar(sa.select(sa.func.count()).select_from(Source).where(
            Source.url == normalise_url(item["url"])))
        source = find_or_add_source(item["url"], actor, title=item.get("title"),
                                    publisher=item.get("publisher"),
                                    published_at=_moment(item.get("published_at")),
                                    archived_url=item.get("archived_url"))
        report.sources += not known
        if any(link.source is source for link in claim.source_links):
            continue
        claim.source_links.append(ClaimSource(source=source, stance=Stance(item["stance"]),
                                              excerpt=item.get("excerpt"),
                                              note=item.get("note"), added_by=actor))


def _verdict(claim: Claim, record: dict, ratings: dict[str, Rating], actor: User,
             report: ImportReport) -> None:
    data = record.get("verdict")
    if not data:
        return
    rating, status = ratings[data["rating"]], VerdictStatus(data["status"])
    published_at = _moment(data.get("published_at"))
    first = _moment(data.get("first_published_at"))
    earlier = None
    if data.get("corrects_earlier") and first is not None:
        # The file holds the current version only; an earlier one stands for the first
        # publication, so the check keeps its first date and reads as corrected.
        earlier = _new_verdict(claim, rating, data, actor, VerdictStatus.SUPERSEDED, first)
    verdict = _new_verdict(claim, rating, data, actor, status, published_at)
    verdict.corrects = earlier
    if status is VerdictStatus.PUBLISHED:
        db.session.flush()
        content = snapshot_public_content(claim)
        verdict.published_content = content
        if earlier is not None:
            earlier.published_content = content
    report.verdicts += 1


def _new_verdict(claim, rating, data, actor, status, published_at) -> Verdict:
    rationale = data.get("rationale_md") or ""
    verdict = Verdict(claim=claim, rating=rating, rationale_md=rationale,
                      rationale_html=render_markdown(rationale), status=status,
                      author=actor, published_at=published_at,
                      approved_by=actor if published_at else None)
    verdict.authors = [actor]
    db.session.add(verdict)
    return verdict


def _corrections(claim: Claim, record: dict, actor: User) -> None:
    for item in record.get("corrections") or ():
        entry = audit.record(actor, AuditAction.CLAIM_CORRECT, claim,
                             item.get("before") or None, item.get("after") or None)
        entry.created_at = _moment(item.get("corrected_at")) or entry.created_at


def _restore_times(claim: Claim, record: dict) -> None:
    """The claim's own dates, written after every change the import made to it."""
    values = {k: _moment(record.get(k)) for k in ("created_at", "updated_at")
              if record.get(k)}
    if values:
        db.session.execute(sa.update(Claim).where(Claim.id == claim.id).values(**values)
                           .execution_options(synchronize_session=False))

