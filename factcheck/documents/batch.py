"""Extracting and signing many texts at once, for ``flask ingest`` (no Flask, no models).

The texts are cut into jobs of ``batch_size``; a job's texts go through one ``nlp.pipe`` per
language (``chunks.claims_of_many``) and each claim is signed for tracking. With ``workers``
> 1 the jobs run in forked processes, which share the models loaded beforehand, a few jobs
ahead of the caller storing the results of the first.
"""
from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterator, Optional, Sequence

from ..extraction import ExtractedClaim
from ..extraction.chunking import claims_of_many
from ..extraction.loader import get_nlp
from ..tracking.matching import Signature, signature

Result = tuple[int, list[ExtractedClaim], list[Signature], Optional[str]]  # ..., error
AHEAD = 2  # jobs queued per worker beyond the one it runs


def extract_texts(texts: Sequence[str], langs: Sequence[str], workers: int = 1,
                  batch_size: int = 32) -> Iterator[Result]:
    """(index, claims, signatures, error) of each text, in input order; ``error`` says why a
    text could not be extracted (its claims are then empty), None otherwise. A worker that
    dies (killed, out of memory) raises ``BrokenProcessPool``."""
    if not texts:
        return
    warm(set(langs))
    jobs = [range(k, min(k + batch_size, len(texts))) for k in range(0, len(texts), batch_size)]
    # The models, rules and lexicon loaded by now are never garbage: out of the collector's
    # sight, a collection neither walks them (in the caller, storing, nor in a worker) nor
    # writes to their pages, which forked workers then keep sharing with the caller. About a
    # sixth less CPU over a bulk load (bench/ingest.py).
    gc.freeze()
    try:
        if workers <= 1:
            for job in jobs:
                yield from _job(list(job), [texts[i] for i in job], [langs[i] for i in job],
                                batch_size)
            return
        pending: deque[Future] = deque()
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for job in jobs:
                pending.append(pool.submit(_job, list(job), [texts[i] for i in job],
                                           [langs[i] for i in job], batch_size))
                while len(pending) > workers * (1 + AHEAD):
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        gc.unfreeze()


def sign(claims: list[ExtractedClaim]) -> list[Signature]:
    """The tracking signature of each claim, as ``track_claims`` would compute it."""
    return [signature(claim.sentence, claim.lang or "auto") for claim in claims]


def warm(langs: set[str]) -> None:
    """Load the models and the matcher's lexicon once, before any worker is forked."""
    for lang in sorted(langs):
        get_nlp(lang)
        signature("1", lang)


def _job(indexes: list[int], texts: list[str], langs: list[str], batch_size: int
         ) -> list[Result]:
    """Extract and sign a job's texts together; when that fails, each text alone, so that
    only the text at fault is reported."""
    try:
        found = {k: (claims, sign(claims), None)
                 for k, claims in claims_of_many(texts, langs, batch_size)}
    except Exception:  # noqa: BLE001 - retried text by text below
        found = {}
        for k, (text, lang) in enumerate(zip(texts, langs, strict=True)):
            try:
                [(_, claims)] = claims_of_many([text], [lang], 1)
                found[k] = (claims, sign(claims), None)
            except Exception as exc:  # noqa: BLE001 - reported for this text, not raised
                found[k] = ([], [], f"extraction failed ({type(exc).__name__}: {exc})")
    return [(indexes[k], *found[k]) for k in range(len(texts))]
