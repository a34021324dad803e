"""The claim matcher: plain Python, free of Flask and the models, like ``extraction``.

``signature(text, lang)`` reads what matters in one claim sentence; ``compare(a, b)`` says
whether two signatures are the same claim, a figure conflict, or different; ``index_terms``
gives the words the database's full-text index stores to find candidates.
"""

from .compare import MatchResult, compare
from .signature import FigureSig, Signature, fingerprint, signature
from .terms import index_terms

__all__ = ["FigureSig", "MatchResult", "Signature", "compare", "fingerprint", "index_terms",
           "signature"]
