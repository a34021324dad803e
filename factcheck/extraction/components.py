"""spaCy components: our sentence splitter (before the parser) and the claim annotator (last)."""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language

from .claims import doc_claims
from .sentences import split_sentences

SENTER = "factcheck_senter"
CLAIMS = "factcheck_claims"


@Language.component(SENTER)
def factcheck_senter(doc):
    """Set sentence starts from split_sentences (paragraph-safe, abbreviation-aware)."""
    text = doc.text  # built token by token by spaCy: compute once, share with the annotator
    sents = split_sentences(text)
    doc.user_data["fc_sentences"] = [tuple(s) for s in sents]
    doc.user_data["fc_text"] = text
    if len(doc):
        idx = doc.to_array([IDX])
        flags = numpy.full(len(doc), -1, dtype="int32")
        hits = numpy.searchsorted(idx, [s.start for s in sents])
        flags[hits[(hits < len(doc))]] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
    return doc


class ClaimAnnotator:
    """Stores the claims of each doc in doc.user_data['fc_claims'] as plain dicts (picklable)."""

    def __init__(self, lang: str, parsed: bool = False):
        self.lang, self.parsed = lang, parsed

    def __call__(self, doc):
        """Annotate one doc."""
        doc.user_data["fc_claims"] = [c.to_dict() for c in doc_claims(doc, self.lang, self.parsed)]
        doc.user_data.pop("fc_sentences", None)
        doc.user_data.pop("fc_text", None)
        return doc


@Language.factory(CLAIMS)
def make_claim_annotator(nlp: Language, name: str):
    """Factory of the claim annotator for the pipeline's language."""
    return ClaimAnnotator(nlp.lang, parsed="parser" in nlp.pipe_names)


def register_extensions() -> None:
    """Register Doc._.claims (rebuilt dataclasses) once."""
    from spacy.tokens import Doc

    from .claims import claim_from_dict

    if not Doc.has_extension("claims"):
        Doc.set_extension(
            "claims",
            getter=lambda doc: [claim_from_dict(d) for d in doc.user_data.get("fc_claims", [])],
        )
