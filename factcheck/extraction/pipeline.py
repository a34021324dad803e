"""The public entry points: extract one text, or many through nlp.pipe."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .claims import claim_from_dict
from .language import resolve_lang
from .loader import get_nlp
from .models import ExtractedClaim


def extract(text: str, lang: str = "auto") -> list[ExtractedClaim]:
    """Claims of one document; lang is 'fr', 'en' or 'auto' (detected)."""
    lang = resolve_lang(text, lang)
    return _claims(get_nlp(lang)(text))


def extract_many(
    texts: Iterable[str], lang: str = "auto", n_process: int = 1, batch_size: int = 32
) -> Iterator[list[ExtractedClaim]]:
    """Claims of each text, in order, batched through nlp.pipe (n_process > 1 forks workers)."""
    if lang not in (None, "", "auto"):
        nlp = get_nlp(resolve_lang("", lang))
        for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
            yield _claims(doc)
        return
    yield from _extract_mixed(list(texts), n_process, batch_size)


def _extract_mixed(
    texts: list[str], n_process: int, batch_size: int
) -> Iterator[list[ExtractedClaim]]:
    """Detect each text's language, run one pipe per language, give results back in input order."""
    langs = [resolve_lang(t, "auto") for t in texts]
    results: list[list[ExtractedClaim] | None] = [None] * len(texts)
    for lang in sorted(set(langs)):
        idx = [i for i, lg in enumerate(langs) if lg == lang]
        docs = get_nlp(lang).pipe(
            (texts[i] for i in idx), n_process=n_process, batch_size=batch_size
        )
        for i, doc in zip(idx, docs, strict=False):
            results[i] = _claims(doc)
    yield from results


def _claims(doc) -> list[ExtractedClaim]:
    return [claim_from_dict(d) for d in doc.user_data.get("fc_claims", [])]
