"""Dataset exports at scale: seed claims with sources and verdicts, time and size every format.

Usage: python bench/export.py [--database URL] [--claims N] [--formats jsonl,csv,...]
                              [--profile] [--keep]

--database: a SQLite file URL (a new file; default: a temporary one) or a PostgreSQL server
URL; on PostgreSQL a scratch database named after the URL's (plus a suffix) is created beside
it and dropped at the end. --claims: the one size to measure (default: 10,000, then 100,000;
use 1,000,000 on PostgreSQL). --formats: among jsonl, csv, claimreview, datafeed (default: all;
jsonl is always measured, the last line reports it). --profile: cProfile one export of each
format at the first size and print the functions that take the most time.

Seeding uses bulk Core inserts: documents (25 claims each), claims with French and English
sentences, their figures, attributions, claim groups, source links, verdicts (published ones
with the snapshot publish.services.snapshot_public_content writes, some corrected) and a few
CLAIM_CORRECT audit entries. The sizes are seeded one after the other in the same database
(the second adds claims to the first); PostgreSQL is analysed after each.

Each format is written whole, as the "internal" audience, to a sink that only counts the UTF-8
bytes; ClaimReview and DataFeed hold published claims only, so their claim counts are their
own. Claims per second are claims written over wall time. Each export runs twice:

- timed: wall time, and the growth of the process's resident memory (the kernel's high-water
  mark, VmHWM, reset through /proc/self/clear_refs before the export, minus the RSS then;
  "n/a" where that is not available). getrusage's ru_maxrss is not used: it never goes down,
  so after seeding it no longer moves. RSS also holds the database driver's C buffers, but
  the allocator keeps freed memory, so it reads low after the first export of a run.
- traced: the peak of Python allocations made during the export (tracemalloc), which is what
  grows with the dataset when an export holds more than a batch. This is the "peak MB" printed,
  the memory growth from 10,000 to 100,000 claims, and peak_mb in the last line. tracemalloc
  slows Python down, which is why it is not on during the timed run.

A baseline is measured in the same run, on the same engine: reading ``SELECT id, sentence FROM
claims`` whole; each format's time is printed as a ratio to it. Last line:
``export: format=jsonl claims=N per_s=X peak_mb=Y`` (N the largest size measured).
Targets: JSONL at least 50,000 claims/s on PostgreSQL and 20,000 on SQLite, peak memory
growth under 50 MB from 10,000 to 100,000 claims.
"""
import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import random
import sys
import time
import tracemalloc
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SECRET_KEY", "bench")

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from scratch import scratch_database  # noqa: E402

from factcheck import create_app  # noqa: E402
from factcheck.config import engine_options  # noqa: E402
from factcheck.datasets.formats import FORMATS  # noqa: E402
from factcheck.datasets.queries import ExportFilters  # noqa: E402
from factcheck.datasets.services.exports import export_chunks  # noqa: E402
from factcheck.extensions import db  # noqa: E402

SIZES = (10_000, 100_000)
CLAIMS_PER_DOCUMENT = 25
CHUNK = 5000  # claims per round of inserts
BASE_URL = "http://127.0.0.1:5000"
TARGET_PER_S = {"postgresql": 50_000, "sqlite": 20_000}
TARGET_GROWTH_MB = 50
EPOCH = datetime(2025, 1, 1, 8, 0)
MB = 1024 * 1024

# Sentences: a subject, a verb and a figure of some kind, a year, often a place and a second
# figure to compare with; most are attributed to a speaker, before or after the claim.
SUBJECTS = {
    "fr": [("le taux de chômage", "a atteint", "pct"), ("l'inflation", "a été de", "pct"),
           ("la dette publique", "représente", "gdp"), ("les loyers", "ont augmenté de", "pct"),
           ("les émissions de gaz à effet de serre", "ont reculé de", "pct"),
           ("le budget de la Défense", "s'élève à", "money"),
           ("le déficit de la Sécurité sociale", "a atteint", "money"),
           ("les aides aux entreprises", "ont coûté", "money"),
           ("le nombre de demandeurs d'emploi", "a baissé de", "count:personnes"),
           ("les effectifs de la police", "ont augmenté de", "count:agents"),
           ("la construction de logements", "est tombée à", "count:logements"),
           ("les hôpitaux", "ont supprimé", "count:lits"),
           ("le prix du gazole", "a dépassé", "price"),
           ("le salaire médian", "s'établit à", "wage")],
    "en": [("the unemployment rate", "reached", "pct"), ("inflation", "stood at", "pct"),
           ("public debt", "amounts to", "gdp"), ("rents", "rose by", "pct"),
           ("greenhouse gas emissions", "fell by", "pct"),
           ("the defence budget", "totals", "money"), ("the NHS deficit", "reached", "money"),
           ("support for businesses", "cost", "money"),
           ("the number of jobseekers", "fell by", "count:people"),
           ("police numbers", "rose by", "count:officers"),
           ("housebuilding", "fell to", "count:homes"), ("hospitals", "cut", "count:beds"),
           ("the price of diesel", "passed", "price"), ("the median wage", "stands at", "wage")],
}
SPEAKERS = {
    "fr": ["l'Insee", "le ministère de l'Économie", "Bruno Le Maire", "la Banque de France",
           "le préfet de police", "la maire de Paris", "la CGT", "Élisabeth Borne",
           "le porte-parole du gouvernement", "Eurostat", "la Cour des comptes",
           "Marine Tondelier", "le président de la région"],
    "en": ["the Office for National Statistics", "the Treasury", "the Prime Minister",
           "Rachel Reeves", "the Bank of England", "a government spokesman",
           "the Mayor of London", "Eurostat", "the IMF", "the TUC", "Kemi Badenoch",
           "the Institute for Fiscal Studies", "the health secretary"],
}
CUES = {"fr": (["affirme", "a déclaré", "assure", "a rappelé", "estime"],
               ["a indiqué", "a précisé", "selon", "a affirmé"]),
        "en": (["said", "claimed", "insisted", "warned", "told MPs"],
               ["said", "claimed", "according to", "told reporters"])}
PLACES = {"fr": ["en France", "à Marseille", "en Île-de-France", "à Lyon", "en Bretagne",
                 "dans les Hauts-de-France", "à Toulouse", "en Guadeloupe", "à Lille"],
          "en": ["in England", "in Scotland", "in London", "in Wales", "in Manchester",
                 "across the UK", "in Northern Ireland", "in Birmingham"]}
QUALIFIERS = {"fr": [("environ ", "approximately"), ("plus de ", "more_than"),
                     ("près de ", "approximately"), ("moins de ", "less_than")],
              "en": [("about ", "approximately"), ("more than ", "more_than"),
                     ("nearly ", "approximately"), ("less than ", "less_than")]}
NOUNS_EN = {"personnes": "people", "agents": "officers", "logements": "homes", "lits": "beds"}
PUBLISHERS = [("Le Monde", "www.lemonde.fr", "fr"), ("Libération", "www.liberation.fr", "fr"),
              ("Ouest-France", "www.ouest-france.fr", "fr"), ("AFP", "www.afp.com", "fr"),
              ("The Guardian", "www.theguardian.com", "en"), ("BBC News", "www.bbc.co.uk", "en"),
              ("Financial Times", "www.ft.com", "en"), ("Reuters", "www.reuters.com", "en")]
TOPICS = {"fr": ["Budget 2026", "Chômage", "Logement", "Hôpital", "Inflation", "Sécurité",
                 "Climat", "Retraites"],
          "en": ["Budget", "Jobs", "Housing", "NHS", "Cost of living", "Policing", "Climate",
                 "Pensions"]}
HEADLINES = {"fr": ["{topic} : ce que disent vraiment les chiffres",
                    "{topic} : le gouvernement défend son bilan",
                    "{topic} : les annonces du débat de {year}",
                    "Ce qu'il faut retenir du rapport sur {low} ({year})"],
             "en": ["{topic}: what the figures really say",
                    "{topic}: ministers defend their record",
                    "{topic}: the claims from the {year} debate",
                    "Five things we learned about {low} in {year}"]}
SOURCE_SITES = [("Insee", "www.insee.fr/fr/statistiques"), ("Eurostat", "ec.europa.eu/eurostat"),
                ("DARES", "dares.travail-emploi.gouv.fr/publication"),
                ("Office for National Statistics", "www.ons.gov.uk/releases"),
                ("Cour des comptes", "www.ccomptes.fr/fr/publications"),
                ("HM Treasury", "www.gov.uk/government/publications"),
                ("Banque de France", "www.banque-france.fr/statistiques")]
STANCES = ["supports", "refutes", "context"]
VERDICT_STATUSES = ["published"] * 11 + ["draft"] * 5 + ["approved"] * 2 + ["sent_back"] * 2
OPEN_STATUSES = ["new"] * 12 + ["in_review"] * 5 + ["dismissed"] * 3
DISMISSALS = ["not_a_claim", "not_check_worthy", "duplicate"]
RATIONALES = {
    "fr": ["D'après les dernières données de {site}, ce chiffre est {how}. [La source]({url})",
           "Le chiffre cité correspond à l'estimation de {site} ; il est {how} une fois "
           "rapporté à la période. Voir [la publication]({url}).",
           "**En bref** : {how}. Les séries de {site} ([lien]({url})) montrent une "
           "évolution plus nuancée."],
    "en": ["The latest figures from {site} show this is {how}. [Source]({url})",
           "The number matches the {site} estimate, but it is {how} once the period is "
           "taken into account. See [the release]({url}).",
           "**In short**: {how}. {site}'s series ([link]({url})) tell a more mixed story."],
}
HOW = {"fr": ["exact", "globalement juste", "exagéré", "trompeur", "invérifiable en l'état"],
       "en": ["accurate", "broadly right", "overstated", "misleading", "impossible to check"]}


def moment(rng: random.Random, days: int = 640) -> datetime:
    return EPOCH + timedelta(days=rng.randrange(days), minutes=rng.randrange(600))


def sql_time(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def french(number: float, digits: int) -> str:
    """1234.5 written the French way: 1 234,5."""
    return f"{number:,.{digits}f}".replace(",", " ").replace(".", ",")


def figure_words(rng: random.Random, kind: str, lang: str) -> tuple[str, float, str]:
    """The text of a figure of ``kind``, its value and its unit."""
    fr = lang == "fr"
    if kind in ("pct", "gdp"):
        value = round(rng.uniform(0.3, 18), 1) if kind == "pct" else float(rng.randint(60, 130))
        text = (french(value, 1 if kind == "pct" else 0) + " %") if fr else f"{value:g}%"
        return text + ((" du PIB" if fr else " of GDP") if kind == "gdp" else ""), value, "%"
    if kind == "money":
        value = round(rng.uniform(0.5, 60), 1)
        if fr:
            return f"{french(value, 1)} milliards d'euros", value * 1e9, "EUR"
        symbol, unit = rng.choice([("£", "GBP"), ("€", "EUR"), ("$", "USD")])
        return f"{symbol}{value:g}bn", value * 1e9, unit
    if kind == "price":
        value = round(rng.uniform(1.4, 2.2), 2)
        return ((f"{french(value, 2)} euros le litre", value, "EUR/l") if fr
                else (f"£{value:.2f} a litre", value, "GBP/l"))
    if kind == "wage":
        value = float(rng.randint(1800, 3200))
        return ((f"{french(value, 0)} euros nets par mois", value, "EUR") if fr
                else (f"£{value * 12:,.0f} a year", value * 12, "GBP"))
    noun = kind.split(":")[1]
    value = float(rng.randint(1, 950) * rng.choice([10, 100, 1000]))
    return ((f"{french(value, 0)} {noun}", value, noun) if fr
            else (f"{value:,.0f} {noun}", value, noun))


class Sentence:
    """Text built piece by piece, remembering where the pieces are."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Written:
    """A generated claim: the sentence, its figures and attribution (spans in the sentence)."""

    sentence: str
    core: str  # the claim without its attribution: what a reviewer would normalise it to
    figures: list[dict]
    attribution: Optional[dict]


def _figure(rng, out: Sentence, kind: str, lang: str, qualified: bool) -> dict:
    text, value, unit = figure_words(rng, kind, lang)
    qualifier = None
    if qualified:
        words, qualifier = rng.choice(QUALIFIERS[lang])
        text = words + text
    start, end = out.add(text)
    return {"text": text, "start": start, "end": end, "value": value, "unit": unit,
            "qualifier": qualifier}


def _claim_body(rng, out: Sentence, lang: str, first: bool) -> list[dict]:
    """Subject, verb, figure, year, maybe a place and a comparison; returns the figures."""
    subject, verb, kind = rng.choice(SUBJECTS[lang])
    out.add(f"{cap(subject) if first else subject} {verb} ")
    figures = [_figure(rng, out, kind, lang, rng.random() < 0.25)]
    year = rng.randint(2015, 2026)
    out.add(f" en {year}" if lang == "fr" else f" in {year}")
    if rng.random() < 0.5:
        out.add(" " + rng.choice(PLACES[lang]))
    if rng.random() < 0.4:
        out.add(", contre " if lang == "fr" else ", compared with ")
        figures.append(_figure(rng, out, kind, lang, False))
        out.add(f" en {year - rng.randint(1, 5)}" if lang == "fr"
                else f" in {year - rng.randint(1, 5)}")
    return figures


def write_claim(rng: random.Random, lang: str) -> Written:
    """One claim sentence, attributed four times in five (before, inside or after it)."""
    out = Sentence()
    speaker, where = rng.choice(SPEAKERS[lang]), rng.random()
    attribution = None
    if where < 0.25:  # Selon X, ... / According to X, ...
        cue = "Selon" if lang == "fr" else "According to"
        cue_span = out.add(cue)
        out.add(" ")
        speaker_span = out.add(speaker)
        out.add(", ")
        attribution = (cue, cue_span, speaker, speaker_span, (0, speaker_span[1]))
    elif where < 0.55:  # X affirme que ... / X said ...
        cue = rng.choice(CUES[lang][0])
        speaker_span = out.add(cap(speaker))
        out.add(" ")
        cue_span = out.add(cue)
        out.add(" que " if lang == "fr" else " that ")
        attribution = (cue, cue_span, cap(speaker), speaker_span, (0, cue_span[1]))
    body_start = out.length
    figures = _claim_body(rng, out, lang, first=attribution is None)
    body_end = out.length
    if attribution is None and where < 0.8:  # ..., a indiqué X / ..., X said
        cue = rng.choice(CUES[lang][1])
        out.add(", ")
        if lang == "en" and cue != "according to":  # ..., the Treasury said.
            speaker_span = out.add(speaker)
            out.add(" ")
            cue_span = out.add(cue)
            span = (speaker_span[0], cue_span[1])
        else:  # ..., a indiqué l'Insee. / ..., selon l'Insee. / ..., according to the IMF.
            cue_span = out.add(cue)
            out.add(" ")
            speaker_span = out.add(speaker)
            span = (cue_span[0], speaker_span[1])
        attribution = (cue, cue_span, speaker, speaker_span, span)
    out.add(".")
    sentence = out.text()
    core = cap(sentence[body_start:body_end]) + "."
    found = None
    if attribution:
        cue, cue_span, who, speaker_span, span = attribution
        found = {"speaker": who, "cue": cue, "speaker_span": speaker_span,
                 "cue_span": cue_span, "span": span}
    return Written(sentence, core, figures, found)


# Seeding --------------------------------------------------------------------------------------

INSERTS = {
    "users": "INSERT INTO users (id, email, display_name, password_hash, role, active, "
             "session_version, created_at, updated_at) VALUES (:id, :email, :name, 'x', "
             ":role, true, 1, :t, :t)",
    "documents": "INSERT INTO documents (id, title, url, publisher, published_at, language, "
                 "text, content_hash, extraction_status, added_by_id, created_at, updated_at) "
                 "VALUES (:id, :title, :url, :publisher, :published_at, :language, :text, "
                 ":hash, 'done', 2, :t, :t)",
    "claim_groups": "INSERT INTO claim_groups (id, public_id, version, created_at, updated_at) "
                    "VALUES (:id, :pid, 1, :t, :t)",
    "claims": "INSERT INTO claims (id, public_id, document_id, sentence, start_char, end_char, "
              "has_figure, has_attribution, language, normalized_text, checkworthiness, "
              "status, dismissal_reason, assignee_id, group_id, version, created_at, "
              "updated_at) VALUES (:id, :pid, :doc, :sentence, :start, :end, true, :att, "
              ":lang, :normalized, :score, :status, :dismissal, :assignee, :id, 1, :t, :u)",
    "figures": "INSERT INTO figures (claim_id, text, start_char, end_char, value, value_low, "
               "value_high, unit, qualifier, origin) VALUES (:claim, :text, :start, :end, "
               ":value, NULL, NULL, :unit, :qualifier, :origin)",
    "attributions": "INSERT INTO attributions (claim_id, speaker, cue, start_char, end_char, "
                    "speaker_start, speaker_end, cue_start, cue_end, origin) VALUES (:claim, "
                    ":speaker, :cue, :start, :end, :sstart, :send, :cstart, :cend, "
                    "'extracted')",
    "sources": "INSERT INTO sources (id, url, title, publisher, published_at, archived_url, "
               "added_by_id, created_at, updated_at) VALUES (:id, :url, :title, :publisher, "
               ":published_at, :archived, 2, :t, :t)",
    "claim_sources": "INSERT INTO claim_sources (claim_id, source_id, stance, excerpt, note, "
                     "added_by_id, created_at, updated_at) VALUES (:claim, :source, :stance, "
                     ":excerpt, :note, 2, :t, :t)",
    "verdicts": "INSERT INTO verdicts (id, claim_id, rating_id, rationale_md, rationale_html, "
                "status, author_id, approved_by_id, published_at, corrects_id, "
                "correction_note, published_content, version, created_at, updated_at) VALUES "
                "(:id, :claim, :rating, :md, :html, :status, 2, :approver, :published_at, "
                ":corrects, :note, :content, 1, :t, :t)",
    "audit_entries": "INSERT INTO audit_entries (actor_id, action, target_type, target_id, "
                     "\"before\", \"after\", created_at) VALUES (2, 'claim.correct', 'claims', "
                     ":claim, :before, :after, :t)",
}


def document_row(doc_id: int) -> dict:
    """The document ``doc_id`` (the same whichever run seeds it)."""
    rng = random.Random(doc_id)
    publisher, host, lang = rng.choice(PUBLISHERS)
    topic = rng.choice(TOPICS[lang])
    title = rng.choice(HEADLINES[lang]).format(topic=topic, low=topic.lower(),
                                               year=rng.randint(2024, 2026))
    published = moment(rng)
    slug = "-".join(title.lower().replace(":", "").split()[:6])
    return {"id": doc_id, "title": title, "url": f"https://{host}/{slug}-{doc_id}",
            "publisher": publisher, "published_at": sql_time(published), "language": lang,
            "text": title, "hash": f"{doc_id:064x}", "t": sql_time(published)}


def appearance(doc: dict) -> dict:
    """A document as the published snapshot describes it (publish.services._appearance)."""
    return {"title": doc["title"], "url": doc["url"], "publisher": doc["publisher"],
            "published_at": doc["published_at"].replace(" ", "T")}


class Seeder:
    """Adds claims (and everything around them) up to a number, in chunks of CHUNK claims."""

    def __init__(self) -> None:
        self.claims = self.documents = self.sources = self.verdicts = 0
        self.counts: dict[str, int] = {}
        conn = db.session.connection()
        self.ratings = [r for r, in conn.execute(sa.text("SELECT id FROM ratings ORDER BY id"))]
        conn.execute(sa.text(INSERTS["users"]), [
            {"id": i, "email": f"{role}{i}@bench.example", "name": f"Bench {role}",
             "role": role, "t": sql_time(EPOCH)}
            for i, role in ((1, "admin"), (2, "editor"), (3, "reviewer"), (4, "reviewer"))])
        db.session.commit()

    def seed_to(self, total: int) -> None:
        conn = db.session.connection()
        while self.claims < total:
            self._chunk(conn, self.claims + 1, min(total, self.claims + CHUNK))
        db.session.commit()

    def _insert(self, conn, table: str, rows: list[dict]) -> None:
        if rows:
            conn.execute(sa.text(INSERTS[table]), rows)
            self.counts[table] = self.counts.get(table, 0) + len(rows)

    def _chunk(self, conn, first: int, last: int) -> None:
        rng = random.Random(first)
        docs = {d: document_row(d) for d in range(1 + (first - 1) // CLAIMS_PER_DOCUMENT,
                                                  1 + (last - 1) // CLAIMS_PER_DOCUMENT + 1)}
        self._insert(conn, "documents", [d for i, d in docs.items() if i > self.documents])
        self.documents = max(docs)
        sources = self._sources(rng, max(1, (last - first + 1) // 8))
        self._insert(conn, "sources", sources)
        rows: dict[str, list[dict]] = {t: [] for t in INSERTS}
        for claim_id in range(first, last + 1):
            self._claim(rng, claim_id, docs[1 + (claim_id - 1) // CLAIMS_PER_DOCUMENT],
                        sources, rows)
        for table in ("claim_groups", "claims", "figures", "attributions", "claim_sources",
                      "verdicts", "audit_entries"):
            self._insert(conn, table, rows[table])
        self.claims = last

    def _sources(self, rng: random.Random, count: int) -> list[dict]:
        out = []
        for source_id in range(self.sources + 1, self.sources + count + 1):
            site, path = rng.choice(SOURCE_SITES)
            url = f"https://{path}/{source_id}"
            published = moment(rng)
            out.append({"id": source_id, "url": url, "publisher": site,
                        "title": f"{site} : publication n° {source_id}",
                        "published_at": sql_time(published) if rng.random() < 0.8 else None,
                        "archived": f"https://web.archive.org/web/2026/{url}"
                        if rng.random() < 0.3 else None, "t": sql_time(published)})
        self.sources += count
        return out

    def _claim(self, rng, claim_id: int, doc: dict, sources: list[dict], rows) -> None:
        lang = doc["language"] if rng.random() < 0.95 else ("en" if doc["language"] == "fr"
                                                            else "fr")
        written = write_claim(rng, lang)
        start = ((claim_id - 1) % CLAIMS_PER_DOCUMENT) * 400 + rng.randrange(100)
        created = datetime.fromisoformat(doc["t"]) + timedelta(minutes=rng.randrange(60))
        corrected = rng.random() < 0.01
        claim = {"id": claim_id, "pid": f"c{claim_id:011d}", "doc": doc["id"],
                 "sentence": written.sentence, "start": start,
                 "end": start + len(written.sentence), "att": written.attribution is not None,
                 "lang": lang, "normalized": written.core if corrected else None,
                 "score": round(rng.random(), 4), "status": "new", "dismissal": None,
                 "assignee": rng.choice([3, 4, None, None]), "t": sql_time(created),
                 "u": sql_time(created + timedelta(days=rng.randrange(30)))}
        rows["claim_groups"].append({"id": claim_id, "pid": f"g{claim_id:011d}",
                                     "t": claim["t"]})
        self._parts(rng, claim, written, rows)
        links = self._links(rng, claim, sources, rows)
        if corrected:
            rows["audit_entries"].append({"claim": claim_id, "t": claim["u"], "before": json.dumps(
                {"normalized_text": None}), "after": json.dumps({"normalized_text": written.core})})
        if rng.random() < 1 / 3:
            self._verdicts(rng, claim, written, links, doc, rows)
        else:
            claim["status"] = rng.choice(OPEN_STATUSES)
            if claim["status"] == "dismissed":
                claim["dismissal"] = rng.choice(DISMISSALS)
        rows["claims"].append(claim)

    @staticmethod
    def _parts(rng, claim: dict, written: Written, rows) -> None:
        start = claim["start"]
        for f in written.figures:
            rows["figures"].append({"claim": claim["id"], "text": f["text"],
                                    "start": start + f["start"], "end": start + f["end"],
                                    "value": f["value"], "unit": f["unit"],
                                    "qualifier": f["qualifier"],
                                    "origin": "reviewer" if rng.random() < 0.03 else "extracted"})
        found = written.attribution
        if found:
            rows["attributions"].append({
                "claim": claim["id"], "speaker": found["speaker"], "cue": found["cue"],
                "start": start + found["span"][0], "end": start + found["span"][1],
                "sstart": start + found["speaker_span"][0],
                "send": start + found["speaker_span"][1],
                "cstart": start + found["cue_span"][0], "cend": start + found["cue_span"][1]})

    @staticmethod
    def _links(rng, claim: dict, sources: list[dict], rows) -> list[tuple[dict, dict]]:
        """Source links for about half of the claims (one, sometimes two)."""
        if rng.random() >= 0.5:
            return []
        picked = rng.sample(sources, min(len(sources), 1 if rng.random() < 0.85 else 2))
        links = []
        for source in picked:
            link = {"claim": claim["id"], "source": source["id"], "stance": rng.choice(STANCES),
                    "excerpt": rng.choice([None, f"Tableau {rng.randint(1, 40)}, ligne "
                                                 f"{rng.randint(1, 90)}"]),
                    "note": rng.choice([None, None, "À recouper avec la série longue."]),
                    "t": claim["u"]}
            rows["claim_sources"].append(link)
            links.append((source, link))
        return links

    def _verdicts(self, rng, claim: dict, written: Written, links, doc: dict, rows) -> None:
        """The claim's verdict (published ones freeze a snapshot; some correct an earlier one)."""
        status = rng.choice(VERDICT_STATUSES)
        claim["status"] = "published" if status == "published" else "verdict_drafted"
        lang = claim["lang"]
        site, url = ((links[0][0]["publisher"], links[0][0]["url"]) if links
                     else ("l'Insee" if lang == "fr" else "the ONS", "https://www.insee.fr/"))
        rating = rng.choice(self.ratings)
        md = rng.choice(RATIONALES[lang]).format(site=site, url=url,
                                                 how=rng.choice(HOW[lang]))
        written_at = datetime.fromisoformat(claim["u"]) + timedelta(days=rng.randint(1, 20))
        verdict = {"claim": claim["id"], "rating": rating, "md": md, "html": f"<p>{md}</p>",
                   "status": status, "approver": None, "published_at": None,
                   "corrects": None, "note": None, "content": None, "t": sql_time(written_at)}
        if status in ("published", "approved"):
            verdict["approver"] = 1
        if status == "published":
            verdict["content"] = json.dumps(snapshot(claim, written, links, doc))
            verdict["published_at"] = verdict["t"]
            if rng.random() < 0.08:  # a correction: the first version is superseded
                self.verdicts += 1
                earlier = dict(verdict, id=self.verdicts, status="superseded",
                               rating=rng.choice(self.ratings),
                               t=sql_time(written_at - timedelta(days=3)))
                earlier["published_at"] = earlier["t"]
                rows["verdicts"].append(earlier)
                verdict.update(corrects=earlier["id"], note="Chiffre corrigé après relecture.")
        self.verdicts += 1
        rows["verdicts"].append(dict(verdict, id=self.verdicts))


def snapshot(claim: dict, written: Written, links, doc: dict) -> dict:
    """What publish.services.snapshot_public_content stores for this claim."""
    seen = appearance(doc)
    return {
        "format": 1,
        "wording": claim["normalized"] or claim["sentence"],
        "speaker": written.attribution["speaker"] if written.attribution else None,
        "language": claim["lang"],
        "figures": [{"text": f["text"], "value": f["value"], "unit": f["unit"],
                     "qualifier": f["qualifier"]} for f in written.figures],
        "sources": [{"url": s["url"], "title": s["title"], "publisher": s["publisher"],
                     "published_at": s["published_at"] and s["published_at"].replace(" ", "T"),
                     "archived_url": s["archived"], "stance": link["stance"],
                     "excerpt": link["excerpt"]} for s, link in links],
        "appearance": seen,
        "appearances": [{**seen, "language": claim["lang"]}],
        "first_appearance": {**seen, "language": claim["lang"]},
    }


def analyze(dialect: str) -> None:
    """Fresh statistics, for fair plans (PostgreSQL; SQLite plans without them in production)."""
    if dialect == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


# Measuring ------------------------------------------------------------------------------------

@dataclass
class Result:
    """One format at one size."""

    fmt: str
    claims: int
    size: int  # bytes of UTF-8
    seconds: float
    peak_mb: float  # tracemalloc peak of Python allocations during the export
    rss_mb: Optional[float]  # peak resident memory above the RSS when the export began
    first_seconds: float  # the first whole export of the format

    @property
    def per_s(self) -> float:
        return self.claims / self.seconds if self.seconds else 0.0

    @property
    def first_per_s(self) -> float:
        return self.claims / self.first_seconds if self.first_seconds else 0.0


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise OSError(field)


def reset_peak_rss() -> Optional[int]:
    """Reset the kernel's RSS high-water mark; the RSS now (kB), or None where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_kb("VmRSS")
    except OSError:
        return None


def export(app, fmt: str, filters: Optional[ExportFilters] = None) -> tuple[int, int]:
    """Write one whole export to a sink that counts bytes; (claims written, bytes)."""
    filters = filters or ExportFilters()
    written = 0

    def tick(count: int) -> None:
        nonlocal written
        written += count

    size = 0
    context = (app.test_request_context(base_url=BASE_URL) if FORMATS[fmt].published_only
               else nullcontext())
    with context:
        for chunk in export_chunks(fmt, filters, "internal", on_progress=tick):
            size += len(chunk.encode("utf-8"))
    db.session.rollback()  # end the read transaction, forget what the ORM loaded
    return written, size


def measure(app, fmt: str) -> Result:
    """A warm-up on one document, a first export (timed: on PostgreSQL it builds and stores
    the records no earlier export stored), a timed export, then a traced one for the memory
    peak."""
    export(app, fmt, ExportFilters(document=1))
    gc.collect()
    start = time.perf_counter()
    export(app, fmt)
    first_seconds = time.perf_counter() - start
    gc.collect()
    rss_before = reset_peak_rss()
    start = time.perf_counter()
    claims, size = export(app, fmt)
    seconds = time.perf_counter() - start
    rss = (max(0, _status_kb("VmHWM") - rss_before) / 1024 if rss_before is not None
           else None)
    gc.collect()
    tracemalloc.start()
    try:
        export(app, fmt)
        peak = tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()
    return Result(fmt, claims, size, seconds, peak, rss, first_seconds)


def baseline() -> tuple[int, float]:
    """(rows, seconds) to read ``SELECT id, sentence FROM claims`` whole; the best of two."""
    best, rows = float("inf"), 0
    for _ in range(2):
        start = time.perf_counter()
        rows = sum(1 for _ in db.session.execute(sa.text("SELECT id, sentence FROM claims")))
        best = min(best, time.perf_counter() - start)
        db.session.rollback()
    return rows, best


def profile(app, fmt: str, top: int = 15) -> None:
    """cProfile one export of ``fmt``; print the functions with the most time of their own."""
    profiler = cProfile.Profile()
    profiler.enable()
    export(app, fmt)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    first = next((i for i, line in enumerate(lines) if "function calls" in line), 0)
    print(f"--- profile: {fmt}, top {top} by own time")
    print("\n".join(line for line in lines[first:] if line.strip()))


def report(size: int, seeded_in: float, dialect: str, counts: dict, base: tuple) -> None:
    published = counts.get("published", 0)
    print(f"\nseeded {size:,} claims in {seeded_in:.1f} s ({dialect}): "
          + ", ".join(f"{counts.get(t, 0):,} {t}" for t in (
              "documents", "figures", "attributions", "claim_sources", "verdicts",
              "audit_entries")) + f"; {published:,} published claims")
    print(f"baseline (SELECT id, sentence FROM claims, {base[0]:,} rows): "
          f"{base[1] * 1000:.1f} ms")
    print(f"{'format':12} {'claims':>9} {'MB out':>8} {'seconds':>8} {'claims/s':>9} "
          f"{'x baseline':>10} {'peak MB':>8} {'RSS +MB':>8} {'first c/s':>9}")


def row(result: Result, base_seconds: float) -> None:
    rss = f"{result.rss_mb:8.1f}" if result.rss_mb is not None else f"{'n/a':>8}"
    print(f"{result.fmt:12} {result.claims:9,} {result.size / MB:8.1f} {result.seconds:8.2f} "
          f"{result.per_s:9,.0f} {result.seconds / base_seconds:10.1f} {result.peak_mb:8.1f} "
          f"{rss} {result.first_per_s:9,.0f}", flush=True)


def published_claims() -> int:
    return db.session.scalar(sa.text("SELECT count(*) FROM claims WHERE status = 'published'"))


# Running --------------------------------------------------------------------------------------

def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=None, help="SQLite or PostgreSQL URL")
    parser.add_argument("--claims", type=int, default=None,
                        help="one size only (default: 10,000 then 100,000)")
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help="comma-separated, among " + ", ".join(FORMATS))
    parser.add_argument("--profile", action="store_true",
                        help="cProfile each format at the first size")
    parser.add_argument("--keep", action="store_true",
                        help="keep the PostgreSQL scratch database (its name is printed)")
    args = parser.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        parser.error(f"unknown format(s): {', '.join(unknown)}")
    args.formats = ["jsonl"] + [f for f in dict.fromkeys(formats) if f != "jsonl"]
    args.sizes = [args.claims] if args.claims else list(SIZES)
    return args


def run(app, args) -> tuple[str, dict[int, dict[str, Result]]]:
    """Seed each size in turn and measure every format; the dialect and the results."""
    dialect = db.engine.dialect.name
    upgrade()
    seeder = Seeder()
    results: dict[int, dict[str, Result]] = {}
    for size in args.sizes:
        start = time.perf_counter()
        seeder.seed_to(size)
        analyze(dialect)
        seeded_in = time.perf_counter() - start
        base = baseline()
        report(size, seeded_in, dialect, {**seeder.counts, "published": published_claims()},
               base)
        results[size] = {}
        for fmt in args.formats:
            results[size][fmt] = measure(app, fmt)
            row(results[size][fmt], base[1])
        if args.profile and size == args.sizes[0]:
            for fmt in args.formats:
                profile(app, fmt)
    db.session.remove()
    db.engine.dispose()
    return dialect, results


def summary(dialect: str, results: dict[int, dict[str, Result]]) -> Result:
    """Targets met or missed; the JSONL result at the largest size."""
    largest = results[max(results)]["jsonl"]
    target = TARGET_PER_S.get(dialect, TARGET_PER_S["sqlite"])
    verdict = "OK" if largest.per_s >= target else (
        f"MISSED by {target - largest.per_s:,.0f}/s ({largest.per_s / target:.0%} of it)")
    print(f"\njsonl at {largest.claims:,} claims: {largest.per_s:,.0f} claims/s "
          f"(target >= {target:,} on {dialect}): {verdict}; the first export "
          f"{largest.first_per_s:,.0f} claims/s")
    if all(size in results for size in SIZES):
        small, big = (results[size]["jsonl"] for size in SIZES)
        growth = big.peak_mb - small.peak_mb
        rss = (f"; RSS peak {small.rss_mb:.1f} -> {big.rss_mb:.1f} MB"
               if small.rss_mb is not None and big.rss_mb is not None else "")
        print(f"jsonl peak memory (tracemalloc) {small.peak_mb:.2f} MB at {SIZES[0]:,} claims, "
              f"{big.peak_mb:.2f} MB at {SIZES[1]:,}: growth {growth:+.2f} MB (target < "
              f"{TARGET_GROWTH_MB} MB): {'OK' if growth < TARGET_GROWTH_MB else 'MISSED'}{rss}")
    return largest


def main() -> None:
    """Seed, measure, print."""
    args = arguments()
    with scratch_database(args.database, "export.db", args.keep) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url,
                          "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url)})
        with app.app_context():
            dialect, results = run(app, args)
    largest = summary(dialect, results)
    print(f"export: format=jsonl claims={max(results)} per_s={largest.per_s:.0f} "
          f"peak_mb={largest.peak_mb:.1f} first_per_s={largest.first_per_s:.0f}")


if __name__ == "__main__":
    main()
