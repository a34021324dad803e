"""The labelled claim pairs of tests/data/match_pairs and the scores the matcher gets on them.

``python -m tests.tracking.pairs [tune|held]`` prints the scores of one split and, for the
tuning split only, the pairs the matcher gets wrong (never tune on the held-out errors).
"""
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from factcheck.tracking.matching import compare, signature

FOLDER = Path(__file__).resolve().parent.parent / "data" / "match_pairs"
RELATIONS = ("same", "conflict", "different")


@dataclass(frozen=True)
class Pair:
    id: str
    a: dict
    b: dict
    relation: str
    kind: str

    @property
    def held_out(self) -> bool:
        """Ids whose number is divisible by 3 are never tuned on (README)."""
        return int(self.id.rsplit("-", 1)[1]) % 3 == 0

    @property
    def cross_lingual(self) -> bool:
        return self.a["lang"] != self.b["lang"]


def load_pairs() -> list[Pair]:
    pairs = []
    for path in sorted(FOLDER.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                pairs.append(Pair(d["id"], d["a"], d["b"], d["relation"], d["kind"]))
    return pairs


def predict(pair: Pair) -> str:
    return compare(signature(pair.a["text"], pair.a["lang"]),
                   signature(pair.b["text"], pair.b["lang"])).relation


def f1(gold: list[str], guess: list[str], relation: str) -> float:
    tp = sum(g == p == relation for g, p in zip(gold, guess, strict=False))
    fp = sum(p == relation != g for g, p in zip(gold, guess, strict=False))
    fn = sum(g == relation != p for g, p in zip(gold, guess, strict=False))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def scores(pairs: list[Pair]) -> dict[str, float]:
    """same F1, conflict F1, French-English same F1 and accuracy over ``pairs``."""
    guess = [predict(p) for p in pairs]
    gold = [p.relation for p in pairs]
    cross = [i for i, p in enumerate(pairs) if p.cross_lingual]
    return {
        "same_f1": f1(gold, guess, "same"),
        "conflict_f1": f1(gold, guess, "conflict"),
        "fr_en_same_f1": f1([gold[i] for i in cross], [guess[i] for i in cross], "same"),
        "accuracy": sum(g == p for g, p in zip(gold, guess, strict=False)) / len(pairs),
        "pairs": len(pairs),
    }


def main(split: str = "tune") -> None:
    pairs = [p for p in load_pairs() if p.held_out == (split == "held")]
    print(split, {k: round(v, 3) for k, v in scores(pairs).items()})
    if split != "tune":
        return
    confusion = Counter()
    for p in pairs:
        guess = predict(p)
        confusion[(p.relation, guess)] += 1
        if guess != p.relation:
            r = compare(signature(p.a["text"], p.a["lang"]), signature(p.b["text"], p.b["lang"]))
            print(f"\n{p.id} {p.kind}: gold {p.relation}, got {guess} {r.reasons}")
            print("  a:", p.a["text"])
            print("  b:", p.b["text"])
    print(dict(confusion))


if __name__ == "__main__":
    main(*sys.argv[1:])
