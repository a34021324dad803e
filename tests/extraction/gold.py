"""Scoring helpers for the hand-made gold sets (tests/data/gold_*.jsonl)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
_DETS = set("the a an le la les l un une des du de d mr mrs ms m mme dr".split())
_CUT = re.compile(
    r"[,;:()]|\s(?:who|which|that|of|in|for|at|qui|que|de|du|des|d'|pour|à|au)\s", re.I
)


def load_gold(lang: str) -> list[dict]:
    """Rows of gold_<lang>.jsonl (empty list if the file is absent)."""
    path = DATA / f"gold_{lang}.jsonl"
    if not path.exists():
        return []
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def norm_words(s: str) -> list[str]:
    """Lower-cased, accent-free words."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", s.lower().replace("’", "'"))


def head(s: str) -> str | None:
    """Last content word before any comma, preposition or relative pronoun."""
    cut = _CUT.search(" " + s + " ")
    part = (" " + s + " ")[: cut.start()] if cut and cut.start() > 0 else s
    words = [w for w in norm_words(part) if w not in _DETS] or norm_words(s)
    return words[-1] if words else None


def speaker_match(pred: str | None, gold: str) -> bool:
    """Head word of one speaker found among the other's words (case- and accent-insensitive)."""
    if not pred:
        return False
    return head(gold) in norm_words(pred) or head(pred) in norm_words(gold)


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return min(a1, b1) > max(a0, b0)


def score(rows: list[dict], predictions: list[list]) -> dict:
    """Claim P/R/F1, figure recall and speaker accuracy; also the list of misses."""
    tp = fp = fn = fig_gold = fig_found = spk_gold = spk_ok = 0
    misses = []
    for row, claims in zip(rows, predictions, strict=False):
        got = bool(claims)
        tp, fp, fn = (
            tp + (got and row["claim"]),
            fp + (got and not row["claim"]),
            fn + (row["claim"] and not got),
        )
        if got != row["claim"]:
            misses.append(("claim", row["text"], [c.kinds for c in claims]))
        figs = [f for c in claims for f in c.figures]
        for g in row["figures"]:
            fig_gold += 1
            hits = [f for f in figs if overlaps(g["start"], g["end"], f.start, f.end)]
            if hits:
                fig_found += 1
                if not any(
                    f.value is not None and abs(f.value - g["value"]) <= 1e-3 * abs(g["value"])
                    for f in hits
                ):
                    misses.append(
                        ("value", g["text"], g["value"], [(f.text, f.value) for f in hits])
                    )
            else:
                misses.append(("figure", g["text"], row["text"]))
        if row.get("speaker"):
            spk_gold += 1
            preds = [c.attribution.speaker for c in claims if c.attribution]
            if any(speaker_match(p, row["speaker"]) for p in preds):
                spk_ok += 1
            else:
                misses.append(("speaker", row["speaker"], preds, row["text"]))
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {
        "P": p,
        "R": r,
        "F1": 2 * p * r / max(p + r, 1e-9),
        "fig_recall": fig_found / max(fig_gold, 1),
        "speaker_acc": spk_ok / max(spk_gold, 1),
        "misses": misses,
    }


if __name__ == "__main__":
    import sys

    from factcheck.extraction import extract_many

    for lang in sys.argv[1:] or ["fr", "en"]:
        rows = load_gold(lang)
        res = score(rows, list(extract_many([r["text"] for r in rows], lang=lang)))
        for m in res.pop("misses"):
            print(lang, *m)
        print(lang, {k: round(v, 3) for k, v in res.items()})
