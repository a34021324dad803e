"""Scores of the engine on the held-out scraped-news documents (tests/data/news_docs).

``python -m tests.extraction.news`` prints the figures per language, never the misses: the
set is held out (its README), so nobody tunes the rules on what it gets wrong.

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
from collections import Counter
from pathlib import Path

from factcheck.extraction.chunking import claims_by_chunk
from tests.extraction.gold import overlaps, speaker_match

FOLDER = Path(__file__).resolve().parents[1] / "data" / "news_docs"


def load_documents(lang: str) -> list[dict]:
    path = FOLDER / f"news_{lang}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _half(a0: int, a1: int, b0: int, b1: int) -> bool:
    common = min(a1, b1) - max(a0, b0)
    return common > 0 and (2 * common >= a1 - a0 or 2 * common >= b1 - b0)


def _value_right(gold: dict, found: list) -> bool:
    def close(x, y):
        return x is not None and y is not None and abs(x - y) <= 1e-6 * max(abs(y), 1)
    for f in found:
        if close(f.value, gold["value"]):
            return True
        if gold.get("low") is not None and close(f.low, gold["low"]) \
                and close(f.high, gold["high"]):
            return True
    return False


def score(documents: list[dict]) -> dict:
    """Claim P/R/F1, figure recall and value accuracy, speaker accuracy, furniture hits."""
    tp = fp = fn = figures = found = valued = right = speakers = named = 0
    furniture: Counter = Counter()
    for doc in documents:
        predicted = list(claims_by_chunk(doc["text"], doc["lang"]))
        used = set()
        for gold in doc["claims"]:
            hits = [i for i, c in enumerate(predicted)
                    if _half(gold["start"], gold["end"], c.start, c.end)]
            used.update(hits)
            tp, fn = tp + bool(hits), fn + (not hits)
            figs = [f for i in hits for f in predicted[i].figures]
            for g in gold["figures"]:
                figures += 1
                near = [f for f in figs if overlaps(g["start"], g["end"], f.start, f.end)]
                found += bool(near)
                valued += g["value"] is not None
                right += g["value"] is not None and _value_right(g, near)
            if gold.get("speaker"):
                speakers += 1
                said = [predicted[i].attribution.speaker for i in hits
                        if predicted[i].attribution is not None]
                named += any(speaker_match(s, gold["speaker"]["name"]) for s in said)
        fp += sum(1 for i in range(len(predicted)) if i not in used)
        for span in doc.get("furniture", []):
            if any(overlaps(span["start"], span["end"], f.start, f.end)
                   for c in predicted for f in c.figures) or \
                    any(_half(span["start"], span["end"], c.start, c.end) for c in predicted):
                furniture[span["why"]] += 1
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"claim_P": p, "claim_R": r, "claim_F1": 2 * p * r / max(p + r, 1e-9),
            "figure_recall": found / max(figures, 1), "value_acc": right / max(valued, 1),
            "speaker_acc": named / max(speakers, 1), "furniture_hits": sum(furniture.values()),
            "furniture_spans": sum(len(d.get("furniture", [])) for d in documents),
            "documents": len(documents)}


def main() -> None:
    for lang in ("fr", "en"):
        res = score(load_documents(lang))
        print(lang, {k: round(v, 3) if isinstance(v, float) else v for k, v in res.items()})


if __name__ == "__main__":
    main()
