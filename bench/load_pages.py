"""What a browser reads in factcheck's pages, for bench/load.py: forms, links, flashes.

Regular expressions over the server's own templates (one parser per page would cost the
client CPU that the server, on the same machine, needs more).
"""
import html
import random
import re
from dataclasses import dataclass, field

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
INPUT = re.compile(r"<input\b([^>]*)>")
TEXTAREA = re.compile(r"<textarea\b([^>]*)>(.*?)</textarea>", re.S)
SELECT = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.S)
OPTION = re.compile(r"<option\b([^>]*)>")
ATTR = re.compile(r'([\w-]+)(?:="([^"]*)")?')
CLAIM_LINK = re.compile(r'href="/claims/([\w-]+)"')
NEXT_LINK = re.compile(r'<a rel="next" href="([^"]+)"')
FLASH = re.compile(r'<li class="flash flash-(\w+)">')
DRAFT = re.compile(r'<div class="verdict draft">(.*?)<div class="rationale">(.*?)</div>', re.S)
TOKEN = re.compile(r"LOAD-[\w-]+")


def _attrs(raw: str) -> dict[str, str]:
    return {name: html.unescape(value or "") for name, value in ATTR.findall(raw)}


@dataclass
class Form:
    """One form as a browser would send it untouched, and its selects' options."""

    action: str
    fields: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)


def forms(page: str) -> dict[str, Form]:
    """The page's forms by action ("" for a form posting to its own page)."""
    found = {}
    for head, body in FORM.findall(page):
        form = Form(_attrs(head).get("action", ""))
        for raw in INPUT.findall(body):
            attrs = _attrs(raw)
            if "name" not in attrs or attrs.get("type") in ("submit", "search"):
                continue
            if attrs.get("type") == "checkbox" and "checked" not in attrs:
                continue
            form.fields[attrs["name"]] = attrs.get("value", "")
        for raw, text in TEXTAREA.findall(body):  # the first newline is the markup's
            form.fields[_attrs(raw)["name"]] = html.unescape(re.sub(r"^\r?\n", "", text))
        for raw, text in SELECT.findall(body):
            name = _attrs(raw)["name"]
            options = [_attrs(o) for o in OPTION.findall(text)]
            form.options[name] = [o.get("value", "") for o in options]
            chosen = [o for o in options if "selected" in o] or options[:1]
            form.fields[name] = chosen[0].get("value", "") if chosen else ""
        found[form.action] = form
    return found


def csrf_token(page: str) -> str:
    """The first form's CSRF token."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    if not match:
        raise ValueError("no CSRF token in the page")
    return match.group(1)


def claim_ids(page: str) -> list[str]:
    """Public ids of the claims a queue page links to, in its order."""
    return list(dict.fromkeys(CLAIM_LINK.findall(page)))


def next_link(page: str) -> str | None:
    """The queue's "next" link (its keyset cursor), if there is one."""
    match = NEXT_LINK.search(page)
    return html.unescape(match.group(1)) if match else None


def flashes(page: str) -> list[str]:
    """Categories of the flashed messages shown ("success", "error", ...)."""
    return FLASH.findall(page)


def draft_token(page: str) -> str | None:
    """The load token in the open draft's rationale, as the editor reads it."""
    match = DRAFT.search(page)
    found = TOKEN.search(match.group(2)) if match else None
    return found.group(0) if found else None


SPEAKERS = ["l'Insee", "la préfecture", "la Banque de France", "la mairie", "le ministère",
            "Marie Dupont", "Jean Martin", "le syndicat", "l'agence régionale"]
CITIES = ["Lyon", "Lille", "Nantes", "Rennes", "Bordeaux", "Toulouse", "Marseille", "Brest"]
SENTENCES = [
    "Le taux de chômage a atteint {a},{b} % en {year}, selon {speaker}.",
    "« Nous avons créé {n} emplois cette année », a déclaré {speaker}.",
    "Le budget de la ville s'élève à {m} millions d'euros, d'après {speaker}.",
    "Les loyers ont augmenté de {a} % en {year} à {city}, indique {speaker}.",
    "Selon {speaker}, {n} élèves ont quitté l'école sans diplôme à {city}.",
    "D'après {speaker}, {n} manifestants ont défilé samedi à {city}.",
    "L'inflation a reculé à {a},{b} % sur un an en {year}, a annoncé {speaker}.",
    "La ville compte désormais {n} logements sociaux, affirme {speaker}.",
    "Les élus se sont réunis mardi soir pour discuter du projet.",
    "La séance a duré plus longtemps que prévu.",
]


def article(rng: random.Random, token: str, sentences: int = 9) -> str:
    """A short French news text with figures and speakers, made unique by ``token``."""
    lines = [rng.choice(SENTENCES).format(
        a=rng.randint(1, 30), b=rng.randint(0, 9), year=rng.randint(2015, 2026),
        n=rng.randint(100, 90_000), m=rng.randint(2, 900), city=rng.choice(CITIES),
        speaker=rng.choice(SPEAKERS)) for _ in range(sentences)]
    half = sentences // 2
    return (f"Actualité de {rng.choice(CITIES)} ({token})\n\n" + " ".join(lines[:half])
            + "\n\n" + " ".join(lines[half:]) + f" Référence de la dépêche : {token}.")
