"""spaCy components: our sentence splitter (before the parser) and the claim annotator (last)."""

from __future__ import annotations

from spacy.language import Language

from .claims import doc_claims
from .sentences import split_sentences

SENTER = "factcheck_senter"
CLAIMS = "factcheck_claims"


@Language.component(SENTER)
def factcheck_senter(doc):
    """Set sentence starts from split_sentences (paragraph-safe, abbreviation-aware)."""
    sents = split_sentences(doc.text)
    doc.user_data["fc_sentences"] = [tuple(s) for s in sents]
    starts = {s.start for s in sents}
    for i, tok in enumerate(doc):
        tok.is_sent_start = i == 0 or tok.idx in starts
    return doc


class ClaimAnnotator:
    """Stores the claims of each doc in doc.user_data['fc_claims'] as plain dicts (picklable)."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, doc):
        """Annotate one doc."""
        doc.user_data["fc_claims"] = [c.to_dict() for c in doc_claims(doc, self.lang)]
        doc.user_data.pop("fc_sentences", None)
        return doc


@Language.factory(CLAIMS)
def make_claim_annotator(nlp: Language, name: str):
    """Factory of the claim annotator for the pipeline's language."""
    return ClaimAnnotator(nlp.lang)


def register_extensions() -> None:
    """Register Doc._.claims (rebuilt dataclasses) once."""
    from spacy.tokens import Doc

    from .claims import claim_from_dict

    if not Doc.has_extension("claims"):
        Doc.set_extension(
            "claims",
            getter=lambda doc: [claim_from_dict(d) for d in doc.user_data.get("fc_claims", [])],
        )
