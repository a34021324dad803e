"""spaCy components: our sentence splitter (before the parser) and the claim annotator (last).

Both are factories with a config: ``lang`` (the pipeline's own by default) and ``rules_dir`` (a
folder of language folders; ``extraction/lang`` by default), so a pipeline can run on other
rules without touching a process-wide cache::

    nlp.add_pipe("factcheck_senter", config={"rules_dir": "my_rules"})
    nlp.add_pipe("factcheck_claims", config={"rules_dir": "my_rules"})

What they leave on the Doc:

- ``doc.spans["fc_sentences"]``: the sentences, labelled ``sentence`` or ``furniture``;
- ``doc.spans["factcheck"]``: every claim (``CLAIM``), figure (``FIGURE``), speaker
  (``SPEAKER``), speaker mention (``MENTION``) and cue (``CUE``), ready for
  ``displacy.render(doc, style="span", options={"spans_key": "factcheck"})``;
- ``doc._.claims``: the claims as ``ExtractedClaim`` dataclasses (``doc._.fc_claims`` holds them
  as plain dicts, which cross process boundaries in ``nlp.pipe(n_process=...)``).

``doc._.fc_text`` carries the text from the splitter to the annotator (spaCy rebuilds
``doc.text`` token by token on every read) and is cleared once the claims are made.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .claims import claim_from_dict, doc_claims
from .lang import DEFAULT, LanguageRules, Registry
from .models import ExtractedClaim
from .sentences import split_sentences

SENTER = "factcheck_senter"
CLAIMS = "factcheck_claims"
SENTENCES_KEY = "fc_sentences"
SPANS_KEY = "factcheck"


def language_rules(lang: str, rules_dir: Optional[str] = None) -> LanguageRules:
    """The rules of ``lang`` from ``rules_dir`` (a folder of language folders) or the default."""
    return (Registry(Path(rules_dir)) if rules_dir else DEFAULT).get(lang)


class SentenceSetter:
    """Sets sentence starts from split_sentences (paragraph-safe, abbreviation-aware)."""

    def __init__(self, rules: LanguageRules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        """Split one doc."""
        text = doc.text  # built token by token by spaCy: computed once, passed on
        sents = split_sentences(text, self.rules)
        doc._.fc_text = text
        if not len(doc):
            doc.spans[SENTENCES_KEY] = []
            return doc
        idx = doc.to_array([IDX])
        starts = numpy.searchsorted(idx, [s.start for s in sents])
        ends = numpy.searchsorted(idx, [s.end for s in sents])
        flags = numpy.full(len(doc), -1, dtype="int32")
        flags[starts[(starts < len(doc))]] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
        doc.spans[SENTENCES_KEY] = [
            Span(doc, int(a), int(b), label="furniture" if s.furniture else
                 "heading" if s.heading else "sentence")
            for s, a, b in zip(sents, starts, ends, strict=True) if b > a]
        return doc


class ClaimAnnotator:
    """Finds the claims of each doc (``doc._.fc_claims``) and marks them in ``doc.spans``."""

    def __init__(self, rules: LanguageRules, parsed: bool = False, spans_key: str = SPANS_KEY):
        self.rules, self.parsed, self.spans_key = rules, parsed, spans_key
        self.lang = rules.code

    def __call__(self, doc: Doc) -> Doc:
        """Annotate one doc."""
        text = doc._.fc_text if doc._.fc_text is not None else doc.text
        doc._.fc_text = None
        if SENTENCES_KEY in doc.spans:
            group = doc.spans[SENTENCES_KEY]
            sents = [(s.start_char, s.end_char, s.label_ == "furniture", s.label_ == "heading")
                     for s in group]
        else:
            sents = split_sentences(text, self.rules)
        claims = doc_claims(doc, text, sents, self.rules, self.parsed)
        doc._.fc_claims = [c.to_dict() for c in claims]
        doc.spans[self.spans_key] = _spans(doc, claims)
        return doc


def _spans(doc: Doc, claims: list[ExtractedClaim]) -> list[Span]:
    """Claim, figure, speaker, mention and cue spans (expanded to whole tokens)."""
    marks = []
    for c in claims:
        marks.append((c.start, c.end, "CLAIM"))
        marks += [(f.start, f.end, "FIGURE") for f in c.figures]
        att = c.attribution
        if att is None:
            continue
        if att.speaker_start is not None and c.start <= att.speaker_start < c.end:
            marks.append((att.speaker_start, att.speaker_end, "SPEAKER"))
        if att.mention_start is not None:
            marks.append((att.mention_start, att.mention_end, "MENTION"))
        if att.cue_start is not None:
            marks.append((att.cue_start, att.cue_end, "CUE"))
    if not marks or not len(doc):
        return []
    # the tokens each mark overlaps (char_span's "expand"), for all marks at once
    idx = doc.to_array([IDX])
    starts = numpy.searchsorted(idx, [s for s, _, _ in marks], side="right") - 1
    ends = numpy.searchsorted(idx, [max(s, e - 1) for s, e, _ in marks], side="right")
    return [Span(doc, int(a), int(b), label=label)
            for a, b, (_, _, label) in zip(starts, ends, marks, strict=True) if b > a >= 0]


@Language.factory(SENTER, default_config={"lang": None, "rules_dir": None})
def make_sentence_setter(nlp: Language, name: str, lang: Optional[str],
                         rules_dir: Optional[str]):
    """Factory of the sentence splitter (``lang``: the pipeline's language by default)."""
    register_extensions()
    return SentenceSetter(language_rules(lang or nlp.lang, rules_dir))


@Language.factory(CLAIMS, default_config={"lang": None, "rules_dir": None,
                                          "spans_key": SPANS_KEY})
def make_claim_annotator(nlp: Language, name: str, lang: Optional[str],
                         rules_dir: Optional[str], spans_key: str):
    """Factory of the claim annotator (uses the parse when the pipeline has a parser)."""
    register_extensions()
    return ClaimAnnotator(language_rules(lang or nlp.lang, rules_dir),
                          parsed="parser" in nlp.pipe_names, spans_key=spans_key)


def register_extensions() -> None:
    """Register ``Doc._.fc_text``, ``Doc._.fc_claims`` and ``Doc._.claims`` once."""
    if not Doc.has_extension("fc_text"):
        Doc.set_extension("fc_text", default=None)
    if not Doc.has_extension("fc_claims"):
        Doc.set_extension("fc_claims", default=None)
    if not Doc.has_extension("claims"):
        Doc.set_extension(
            "claims", getter=lambda doc: [claim_from_dict(d) for d in doc._.fc_claims or []])
