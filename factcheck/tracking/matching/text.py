"""Words of a sentence as language-neutral terms: concepts from the lexicon, else word stems.

The lexicon (``patterns/concepts*.jsonl``) maps French and English surface forms, multiword
ones included, to one concept id with a kind (entity, thing, event, cue, forecast, …). Both a
sentence and the lexicon's forms go through the same steps: lower case, Snowball stem, accents
stripped; so "déployés", "déployé" and "déploiement" meet the lexicon entry "déployer", and
"Corée du Nord" is one term.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP

PATTERNS = Path(__file__).with_name("patterns")
MAX_NGRAM = 4
STEM_STRETCH = 2  # a stem match needs a listed form within 2 letters of the word's length
MIN_STEM = 5  # a lone word shorter than this as a stem is looked up as written only
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMER_NAMES = {"fr": "french", "en": "english"}
# Words kept although spaCy lists them as stop words: they carry a claim's meaning.
_KEEP = {
    "fr": {"pas", "jamais", "aucun", "aucune", "rien", "hausse", "baisse",
           "premier", "première", "dernier", "dernière", "nouveau", "nouvelle", "deux",
           "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "cent", "mille"},
    "en": {"not", "no", "never", "none", "nothing", "first", "last",
           "new", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "hundred", "thousand", "million", "billion"},
}


@dataclass(frozen=True)
class Term:
    """One word or lexicon entry of a sentence: ``key`` is what two sentences compare."""

    key: str  # "c:<concept id>" or "w:<stem>"
    kind: str  # the concept's kind, or "word"
    start: int  # character offsets of the words it covers
    end: int


def fold(text: str) -> str:
    """Lower case without accents (é → e, ç → c, œ → oe)."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """``fold`` of one word, remembered: a bulk load signs the same words again and again."""
    return fold(word)


@lru_cache(maxsize=None)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(_STEMMER_NAMES.get(lang, "english"))


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """The folded Snowball stem of one lower-case word."""
    return fold(_stemmer(lang).stemWord(word))


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang``, minus the words that carry a claim's meaning."""
    base = (FR_STOP if lang == "fr" else EN_STOP) | _EXTRA_STOP.get(lang, set())
    return frozenset(fold(w) for w in base if w not in _KEEP.get(lang, set()))


# Auxiliaries and fillers spaCy's lists miss.
_EXTRA_STOP = {
    "fr": {"été", "ete", "ont", "avait", "avaient", "sont", "était", "étaient", "sera",
           "seront", "serait", "plus", "moins", "environ", "près", "quelque", "selon",
           "ainsi", "notamment", "également", "lors", "cours", "fait"},
    "en": {"been", "has", "have", "had", "was", "were", "is", "are", "more", "less", "than",
           "about", "nearly", "some", "roughly", "around", "over", "according", "also",
           "said", "says"},
}


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Letter-and-digit runs of ``text`` as (lower-case word, start, end)."""
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _form_key(form: str, lang: str) -> tuple[str, ...]:
    return tuple(stem(w, lang) for w, _, _ in tokens(form))


def _exact_key(form: str) -> tuple[str, ...]:
    return tuple("=" + fold(w) for w, _, _ in tokens(form))


@lru_cache(maxsize=None)
def lexicon(lang: str) -> dict[tuple[str, ...], tuple[str, str]]:
    """Word sequences of ``lang`` → (concept id, kind).

    Each form is entered twice: as written (folded words, marked "=") and as stems. A
    sentence's words are looked up as written first, so that a listed form wins over another
    concept's form that merely shares its stem ("profit" is not "prof"); short stems are too
    often shared by unrelated words to be trusted alone.
    """
    return _tables(lang)[0]


@lru_cache(maxsize=None)
def _tables(lang: str) -> tuple[dict, dict[tuple[str, ...], frozenset[int]]]:
    """The lexicon, and the lengths of the written forms behind each one-word stem."""
    exact: dict[tuple[str, ...], tuple[str, str]] = {}
    stemmed: dict[tuple[str, ...], tuple[str, str]] = {}
    lengths: dict[tuple[str, ...], set[int]] = {}
    lines = [line for path in sorted(PATTERNS.glob("concepts*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if not line.strip():
            continue
        row = json.loads(line)
        for form in row.get(lang, ()):
            hit = (row["id"], row["kind"])
            exact.setdefault(_exact_key(form), hit)
            key = _form_key(form, lang)
            if key and (len(key) > 1 or len(key[0]) >= MIN_STEM):
                if stemmed.setdefault(key, hit) == hit and len(key) == 1:
                    lengths.setdefault(key, set()).add(len(fold(form)))
    return {**stemmed, **exact}, {k: frozenset(v) for k, v in lengths.items()}


def _stem_hit(word: str, key: tuple[str, ...], lang: str):
    """A one-word stem match, unless the listed forms are much shorter or longer than the
    word: "according" is not "accord", "comment" not "commentaire"."""
    table, lengths = _tables(lang)
    hit = table.get(key)
    if hit is None or len(key) > 1:
        return hit
    near = lengths.get(key, frozenset())
    return hit if any(abs(len(word) - n) <= STEM_STRETCH for n in near) else None


def terms(text: str, lang: str) -> list[Term]:
    """The sentence's terms, longest lexicon match first, stop words and digits dropped."""
    words = tokens(text)
    stems = [stem(w, lang) for w, _, _ in words]
    folded = [fold_word(w) for w, _, _ in words]
    written = ["=" + f for f in folded]
    table, stops = lexicon(lang), stop_words(lang)
    out: list[Term] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_NGRAM, len(words) - i), 0, -1):
            hit = table.get(tuple(written[i:i + n])) or (
                _stem_hit(folded[i], (stems[i],), lang) if n == 1
                else table.get(tuple(stems[i:i + n])))
            if hit and n == 1 and (len(words[i][0]) == 1 or (
                    folded[i] in stops and hit[1] not in _FUNCTION_KINDS
                    and not (hit[1] == "time" and text[words[i][1]].isupper()))):
                hit = None  # "l'", "m", "été", "may": not litre, million, summer, May
            if hit:
                out.append(Term(f"c:{hit[0]}", hit[1], words[i][1], words[i + n - 1][2]))
                i += n
                break
        else:
            word, start, end = words[i]
            if not word.isdigit() and folded[i] not in stops and len(word) > 1:
                out.append(Term(f"w:{stems[i]}", "word", start, end))
            i += 1
    return out


# Kinds that are looked up even when spaCy calls the word a stop word ("pas", "not", "will").
_FUNCTION_KINDS = {"negation", "forecast"}
