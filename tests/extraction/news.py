"""Scores of the engine on the scraped-news documents (tests/data/news_docs).

``python -m tests.extraction.news`` prints the figures per language of both splits: the
held-out documents (``news_<lang>.jsonl``) and the development ones (``news_dev_<lang>.jsonl``).
It never prints the held-out misses: that split is held out (its README), so nobody tunes the
rules on what it gets wrong. ``--misses`` lists what the development split gets wrong.

A predicted claim matches a gold claim when they overlap by at least half of either; claim
precision counts predicted claims that match none, recall gold claims no prediction matches.
A gold figure is found when a predicted figure overlaps it, and its value is right when a
found figure has the gold value (or, for a range, the gold bounds). A speaker is right when the
matched claim's speaker and the gold speaker's name share their head word (as for the
sentence gold sets): a pronoun left as "il" or "He" is wrong. Furniture hits are predicted
claims or figures overlapping a span the set marks as page furniture.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from factcheck.extraction.chunking import claims_by_chunk
from tests.extraction.gold import overlaps, speaker_match

FOLDER = Path(__file__).resolve().parents[1] / "data" / "news_docs"


def load_documents(lang: str, split: str = "held") -> list[dict]:
    """The documents of one language; split "held" (held out) or "dev" (development)."""
    path = FOLDER / (f"news_{lang}.jsonl" if split == "held" else f"news_{split}_{lang}.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _half(a0: int, a1: int, b0: int, b1: int) -> bool:
    common = min(a1, b1) - max(a0, b0)
    return common > 0 and (2 * common >= a1 - a0 or 2 * common >= b1 - b0)


def _value_right(gold: dict, found: list) -> bool:
    def close(x, y):  # shares and fractions are labelled rounded to 4 decimals (README)
        return x is not None and y is not None and abs(x - y) <= max(1e-6 * abs(y), 5e-5)
    for f in found:
        if close(f.value, gold["value"]):
            return True
        if gold.get("low") is not None and close(f.low, gold["low"]) \
                and close(f.high, gold["high"]):
            return True
    return False


def score(documents: list[dict], misses: list | None = None) -> dict:
    """Claim P/R/F1, figure recall and value accuracy, speaker accuracy, furniture hits;
    ``misses``, when given, receives one line per error (for the development split only)."""
    note = misses.append if misses is not None else (lambda line: None)
    n: Counter = Counter()
    for doc in documents:
        predicted = list(claims_by_chunk(doc["text"], doc["lang"]))
        used = set()
        for gold in doc["claims"]:
            used.update(_score_claim(doc["id"], gold, predicted, n, note))
        n["fp"] += sum(1 for i in range(len(predicted)) if i not in used)
        for i, c in enumerate(predicted):
            if i not in used:
                note(f"FP   {doc['id']} {c.sentence[:140]!r}")
        for span in doc.get("furniture", []):
            if any(overlaps(span["start"], span["end"], f.start, f.end)
                   for c in predicted for f in c.figures) or \
                    any(_half(span["start"], span["end"], c.start, c.end) for c in predicted):
                n["furniture"] += 1
                note(f"FURN {doc['id']} [{span['why']}] {span['text'][:100]!r}")
    p, r = n["tp"] / max(n["tp"] + n["fp"], 1), n["tp"] / max(n["tp"] + n["fn"], 1)
    return {"claim_P": p, "claim_R": r, "claim_F1": 2 * p * r / max(p + r, 1e-9),
            "figure_recall": n["found"] / max(n["figures"], 1),
            "value_acc": n["right"] / max(n["valued"], 1),
            "speaker_acc": n["named"] / max(n["speakers"], 1),
            "furniture_hits": n["furniture"],
            "furniture_spans": sum(len(d.get("furniture", [])) for d in documents),
            "documents": len(documents)}


def _score_claim(doc_id: str, gold: dict, predicted: list, n: Counter, note) -> list[int]:
    """Count one gold claim into n; the indexes of the predicted claims that match it."""
    hits = [i for i, c in enumerate(predicted)
            if _half(gold["start"], gold["end"], c.start, c.end)]
    n["tp" if hits else "fn"] += 1
    if not hits:
        note(f"FN   {doc_id} [{gold['case']}] {gold['sentence'][:140]!r}")
    figs = [f for i in hits for f in predicted[i].figures]
    for g in gold["figures"]:
        n["figures"] += 1
        near = [f for f in figs if overlaps(g["start"], g["end"], f.start, f.end)]
        n["found"] += bool(near)
        n["valued"] += g["value"] is not None
        ok = g["value"] is not None and _value_right(g, near)
        n["right"] += ok
        if hits and not near:
            note(f"FIG  {doc_id} missed {g['text']!r} in {gold['sentence'][:90]!r}")
        elif near and g["value"] is not None and not ok:
            note(f"VAL  {doc_id} {g['text']!r} gold={g['value']} "
                 f"pred={[(f.text, f.value) for f in near]}")
    if gold.get("speaker"):
        n["speakers"] += 1
        said = [predicted[i].attribution.speaker for i in hits
                if predicted[i].attribution is not None]
        ok = any(speaker_match(s, gold["speaker"]["name"]) for s in said)
        n["named"] += ok
        if hits and not ok:
            note(f"SPK  {doc_id} [{gold['case']}] gold={gold['speaker']['name']!r} "
                 f"mention={gold['speaker'].get('mention')!r} pred={said} "
                 f"in {gold['sentence'][:110]!r}")
    return hits


def main(argv: list[str] | None = None) -> None:
    show = "--misses" in (sys.argv[1:] if argv is None else argv)
    for split in ("dev", "held"):
        for lang in ("fr", "en"):
            misses: list[str] = []
            res = score(load_documents(lang, split), misses if split == "dev" else None)
            print(split, lang,
                  {k: round(v, 3) if isinstance(v, float) else v for k, v in res.items()})
            if show:
                print("\n".join(misses))


if __name__ == "__main__":
    main()
