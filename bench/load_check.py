"""After bench/load.py's run: is every acknowledged write in the database?

Writes to one thing are ordered by the version their form carried: a save from version V
that the server acknowledged made version V + 1, so of the acknowledged writes to a claim's
wording and figures (or to one verdict's text) the one from the highest version is the last
and must be what the database holds; two acknowledged saves from the same version mean one
overwrote the other unseen (both count). A new draft ("new") is version 0 of the verdict it
created, found by its audit entry (written in the same transaction). Source links are never
replaced (the run unlinks nothing); an approval must have published the draft as its editor
read it; an ingest's document must exist.
"""
from collections import defaultdict
from itertools import pairwise
from typing import Callable

import sqlalchemy as sa
from load_people import Write

Problem = Callable[[str], None]


def lost_writes(url: str, writes: list[Write]) -> list[str]:
    """One line per acknowledged write the database does not hold."""
    engine = sa.create_engine(url)
    problems: list[str] = []
    try:
        with engine.connect() as conn:
            by_kind = defaultdict(list)
            for write in writes:
                by_kind[write.kind].append(write)
            check_claims(conn, by_kind["claim"], problems.append)
            check_drafts(conn, by_kind["draft"], problems.append)
            check_links(conn, by_kind["link"], problems.append)
            check_publishes(conn, by_kind["publish"], problems.append)
            check_documents(conn, by_kind["document"], problems.append)
    finally:
        engine.dispose()
    return problems


def latest(writes: list[Write], order: Callable[[Write], int], problem: Problem) -> Write:
    """The last of several writes to one thing; same-version pairs are reported."""
    ranked = sorted(writes, key=order)
    for before, after in pairwise(ranked):
        if order(before) == order(after):
            problem(f"two saves acknowledged from the same version {before.order} of "
                    f"{before.key}: {before.user} and {after.user}")
    return ranked[-1]


def check_claims(conn, writes: list[Write], problem: Problem) -> None:
    """Each corrected claim shows its last acknowledged correction."""
    groups = defaultdict(list)
    for write in writes:
        groups[write.key].append(write)
    for public_id, group in groups.items():
        last = latest(group, lambda w: int(w.order), problem)
        row = conn.execute(sa.text("SELECT id, normalized_text, version FROM claims "
                                   "WHERE public_id = :p"), {"p": public_id}).one()
        figures = conn.execute(sa.text("SELECT text, value FROM figures WHERE claim_id = :c"),
                               {"c": row.id}).all()
        if row.normalized_text != last.value["wording"]:
            problem(f"claim {public_id}: wording {row.normalized_text!r}, acknowledged "
                    f"{last.value['wording']!r} (from version {last.order})")
        elif sorted(map(tuple, figures)) != sorted(map(tuple, last.value["figures"])):
            problem(f"claim {public_id}: figures {sorted(figures)}, acknowledged "
                    f"{sorted(last.value['figures'])}")
        if row.version <= int(last.order):
            problem(f"claim {public_id}: version {row.version} after a save from "
                    f"{last.order}")


def check_drafts(conn, writes: list[Write], problem: Problem) -> None:
    """Each verdict shows the last acknowledged draft of it."""
    created = _created_verdicts(conn)
    groups = defaultdict(list)
    for write in writes:
        if write.order == "new":
            verdict_id = created.get(write.value["rationale"])
            if verdict_id is None:
                problem(f"claim {write.key}: new draft by {write.user} not in the database")
                continue
        else:
            verdict_id = int(write.order.split(":")[0])
        groups[verdict_id].append(write)
    for verdict_id, group in groups.items():
        last = latest(group, lambda w: 0 if w.order == "new" else int(w.order.split(":")[1]),
                      problem)
        row = conn.execute(sa.text("SELECT rationale_md, correction_note FROM verdicts "
                                   "WHERE id = :v"), {"v": verdict_id}).one()
        if (row.rationale_md, row.correction_note) != (last.value["rationale"],
                                                       last.value["note"]):
            problem(f"verdict {verdict_id}: {row.rationale_md!r}, acknowledged "
                    f"{last.value['rationale']!r} (from {last.order})")


def _created_verdicts(conn) -> dict[str, int]:
    """The verdict each rationale first appeared in (a correction copies a published text)."""
    rows = conn.execute(sa.text(  # "before" holds JSON null, not SQL NULL, for a new one
        "SELECT target_id, before, after FROM audit_entries WHERE action = 'verdict.draft' "
        "AND target_type = 'verdicts' ORDER BY id")).all()
    created: dict[str, int] = {}
    for target_id, before, after in rows:
        if before is None:
            created.setdefault((after or {}).get("rationale_md"), target_id)
    return created


def check_links(conn, writes: list[Write], problem: Problem) -> None:
    """Each acknowledged source link is there, with its stance and excerpt."""
    rows = conn.execute(sa.text(
        "SELECT c.public_id, s.url, l.stance, l.excerpt FROM claim_sources l "
        "JOIN claims c ON c.id = l.claim_id JOIN sources s ON s.id = l.source_id")).all()
    present = {tuple(row) for row in rows}
    for write in writes:
        wanted = (write.key, write.value["url"], write.value["stance"], write.value["excerpt"])
        if wanted not in present:
            problem(f"claim {write.key}: source link {wanted[1:]} by {write.user} missing")


def check_publishes(conn, writes: list[Write], problem: Problem) -> None:
    """Each approval published the version its editor read, approved by that editor."""
    for write in writes:
        row = conn.execute(sa.text(
            "SELECT v.status, v.rationale_md, v.published_content IS NOT NULL AS frozen, "
            "u.email FROM verdicts v LEFT JOIN users u ON u.id = v.approved_by_id "
            "WHERE v.id = :v"), {"v": int(write.key)}).one()
        seen = write.value["seen"]
        if row.status not in ("published", "superseded") or not row.frozen \
                or row.email != write.user:
            problem(f"verdict {write.key}: approval by {write.user} not recorded "
                    f"({row.status}, approved by {row.email})")
        elif seen and seen not in row.rationale_md:
            problem(f"verdict {write.key}: published {row.rationale_md!r}, the editor read "
                    f"{seen}")


def check_documents(conn, writes: list[Write], problem: Problem) -> None:
    """Each acknowledged ingest left its document."""
    titles = set(conn.execute(sa.text("SELECT title FROM documents")).scalars())
    for write in writes:
        if write.key not in titles:
            problem(f"document {write.key!r} by {write.user} missing")
