"""Benchmark: bare nlp.pipe versus full claim extraction on a generated corpus.

Usage: python bench/extract.py [--docs 500] [--lang fr|en] [--workers N] [--batch-size 64]
                               [--repeats 3]

The corpus comes from our own sentence templates (no outside data): 6 of 14 templates carry a
figure or an attribution, about the density of a news article. Both runs use the same loaded
pipeline (``SPACY_MODEL_FR`` / ``SPACY_MODEL_EN`` pick another model): the bare run disables our
two components, the full run is extract_many(). Each is timed in wall time and in CPU time
(this process's, plus its worker processes' with --workers), bare and full runs interleaved,
best of --repeats; CPU time is what resolves a few per cent on a shared machine.

Last line: ``extract: lang=L model=M docs=N x_bare_cpu=R x_bare_wall=W`` for one process.
"""

from __future__ import annotations

import argparse
import logging
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.extraction import extract_many  # noqa: E402
from factcheck.extraction.components import CLAIMS, SENTER  # noqa: E402
from factcheck.extraction.loader import get_nlp, model_name  # noqa: E402

TEMPLATES = {
    "fr": [
        "Plus de {n} soldats ont été déployés dans la région de {place}, a déclaré {who}.",
        "Selon {who}, environ {n} personnes ont été évacuées depuis {day}.",
        "« La situation reste très préoccupante », a-t-il déclaré devant la presse.",
        "Le budget atteint {d},{d} milliards d'euros, soit une hausse de {d},{d} % sur un an.",
        "La commission a examiné le projet de loi pendant de longues heures.",
        "Entre {d}00 et {d}50 manifestants se sont rassemblés devant la mairie de {place}.",
        "{who} a indiqué que des milliers de foyers restaient privés d'électricité.",
        "Les habitants de {place} attendent toujours une réponse des autorités.",
        "La séance s'est poursuivie tard dans la soirée sans incident notable.",
        "Les discussions portent sur la sécurité des convois et l'accès aux hôpitaux.",
        "Le texte doit encore être examiné par le Sénat avant la fin de la session.",
        "Sur place, les équipes de secours travaillent dans des conditions difficiles.",
        "La décision a été accueillie avec prudence par les élus de l'opposition.",
        "Le calendrier des prochaines réunions n'a pas encore été arrêté.",
    ],
    "en": [
        "More than {n} troops were sent to {place}, {who} said on {day}.",
        "According to {who}, about {n} people were evacuated from {place}.",
        "“The situation remains very worrying,” he told reporters.",
        "The budget reached ${d}.{d}bn, a rise of {d}.{d}% on the year.",
        "The committee spent long hours examining the bill.",
        "Between {d}00 and {d}50 protesters gathered outside the town hall in {place}.",
        "{who} said that thousands of homes were still without power.",
        "Residents of {place} are still waiting for an answer from the authorities.",
        "The session went on late into the evening without any notable incident.",
        "The talks focus on the safety of convoys and access to hospitals.",
        "The text must still be examined by the Senate before the end of the session.",
        "On the ground, rescue teams are working in difficult conditions.",
        "The decision was received with caution by opposition lawmakers.",
        "The schedule of the next meetings has not yet been set.",
    ],
}
FILL = {
    "place": ["Koursk", "Lyon", "Kharkiv", "Busan", "Lille", "Denver", "Nantes", "Odessa"],
    "who": ["Séoul", "le ministère", "M. Lee", "the agency", "Mr Kim", "la préfecture", "Reuters"],
    "day": ["lundi", "mardi", "Monday", "Friday", "jeudi"],
}


def build_corpus(n_docs: int, lang: str, seed: int = 7) -> list[str]:
    """n_docs documents of 3-5 paragraphs, each of 2-4 template sentences."""
    rng = random.Random(seed)
    docs = []
    for _ in range(n_docs):
        paras = []
        for _ in range(rng.randint(3, 5)):
            sents = [_fill(rng.choice(TEMPLATES[lang]), rng) for _ in range(rng.randint(2, 4))]
            paras.append(" ".join(sents))
        docs.append("\n\n".join(paras))
    return docs


def _fill(template: str, rng: random.Random) -> str:
    values = {k: rng.choice(v) for k, v in FILL.items()}
    values["n"] = f"{rng.randint(1, 99)}\u00a0{rng.randint(100, 999)}"
    values["d"] = rng.randint(1, 9)
    return template.format(**values)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished (waited-for) children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def time_bare(nlp, texts, workers: int, batch_size: int) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and token count of nlp.pipe without our components."""
    t0, c0 = time.perf_counter(), cpu_seconds()
    with nlp.select_pipes(disable=[SENTER, CLAIMS]):
        tokens = sum(len(d) for d in nlp.pipe(texts, n_process=workers, batch_size=batch_size))
    return time.perf_counter() - t0, cpu_seconds() - c0, tokens


def time_full(texts, lang: str, workers: int, batch_size: int) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and claim count of the full extraction."""
    t0, c0 = time.perf_counter(), cpu_seconds()
    n = sum(
        len(c) for c in extract_many(texts, lang=lang, n_process=workers, batch_size=batch_size)
    )
    return time.perf_counter() - t0, cpu_seconds() - c0, n


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def run(texts, lang, workers, batch_size, repeats):
    """Best-of-N timings for one worker count, bare and full runs interleaved to share the noise."""
    nlp = get_nlp(lang)
    bares, fulls = [], []
    for _ in range(repeats):
        bares.append(time_bare(nlp, texts, workers, batch_size))
        fulls.append(time_full(texts, lang, workers, batch_size))
    bare_wall, full_wall = min(b[0] for b in bares), min(f[0] for f in fulls)
    bare_cpu, full_cpu = min(b[1] for b in bares), min(f[1] for f in fulls)
    tokens, claims = bares[0][2], fulls[0][2]
    print(f"workers={workers}  bare nlp.pipe: {bare_wall:.2f}s  {tokens / bare_wall:,.0f} tokens/s"
          f"  cpu {bare_cpu:.2f}s")
    print(
        f"workers={workers}  extraction:    {full_wall:.2f}s  {tokens / full_wall:,.0f} tokens/s"
        f"  cpu {full_cpu:.2f}s  ({claims} claims)  ratio {full_wall / bare_wall:.3f}x wall,"
        f" {full_cpu / bare_cpu:.3f}x cpu"
    )
    return bare_wall, full_wall, bare_cpu, full_cpu


def main(argv=None) -> int:
    """Build the corpus, time single-process and (optionally) multi-process runs."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--lang", choices=["fr", "en"], default="fr")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    texts = build_corpus(max(a.docs, 500), a.lang)
    print(f"corpus: {len(texts)} documents, {sum(map(len, texts)):,} characters, lang={a.lang}")
    list(extract_many(texts[:20], lang=a.lang))  # warm-up: load the model, compile the rules
    one = run(texts, a.lang, 1, a.batch_size, a.repeats)
    if a.workers > 1:
        many = run(texts, a.lang, a.workers, a.batch_size, a.repeats)
        print(
            f"scaling x{a.workers}: bare {one[0] / many[0]:.2f}x faster, extraction "
            f"{one[1] / many[1]:.2f}x faster"
        )
    own, kids = peak_mb()
    print(f"peak memory: {own:.0f} MB (this process), {kids:.0f} MB (largest worker)")
    print(f"extract: lang={a.lang} model={model_name(a.lang) or 'none'} docs={len(texts)} "
          f"x_bare_cpu={one[3] / one[2]:.3f} x_bare_wall={one[1] / one[0]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
