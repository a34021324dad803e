"""Speaker spans next to a reporting cue: from the dependency parse, else by word-order rules."""

from __future__ import annotations

import re
from typing import Optional

from .lang import Lang, LanguageRules, rules_for
from .lexicon import alternation

Span = Optional[tuple[int, int]]
_WORD = re.compile(r"[^\W_][^\s,;:!?()«»“”\"\[\]—–]*(?<![.'’])")
_STOP_DEPS = {"acl", "acl:relcl", "relcl", "appos", "conj", "cc", "advcl", "punct", "parataxis"}
MAX_WORDS = 8
# the small words inside a name ('Charles de Gaulle', 'Ursula von der Leyen')
PARTICLES = frozenset("de du des d' van von der da di del le la bin ben al el y".split())
# a name of two capitalised words or more between commas, right after a title
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
# the title's complement may come first ('le ministre délégué à l'Énergie, Arnaud Lefèvre,');
# one word is a name when it is an acronym or ends the sentence ('le gestionnaire, RTE.')
_APPOSITIVE = re.compile(
    r"(?:\s+[^\s,;:.!?«»“”\"()]+){0,8}?"
    rf"\s*,\s*(?P<name>{_CAP}(?:\s+(?:(?:de|del|da|di|van|von|le|la|ben|bin)\s+)?{_CAP})+"
    r"|[A-ZÀ-Þ]{2,}[\dA-Z&-]*(?=\s*[,.;!?]?\s*$|\s*,)|"
    rf"{_CAP}(?=[.;!?]?\s*$))"
    r"\s*(?:,|[.;!?]?\s*$)")
# a descriptor then a name, no comma: 'Le fournisseur Volta Énergie', 'l'institut Opinia'
_NAME_AFTER = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:(?:de|del|da|di|van|von|le|la|ben|bin|d['’])\s*)?{_CAP}){{0,4}})")
_BY = re.compile(r"\s(?:par|by|from|por)\s+(?=\S)", re.I)
_OF = re.compile(r"\s(?:de|du|des|of|del)\s+(?=[^\d\s])", re.I)
_OF_NAME = re.compile(r"\s(?:de|du|des|of|del)\s+(?=(?:l['’]|la\s+|le\s+|les\s+|the\s+)?[A-ZÀ-Þ])")
_DIGIT_COMMA = re.compile(r"\d,\d")
_THAT = re.compile(r"\b(?:that|que|qu['’]|que)\b", re.I)
_PUNCT_END = re.compile(r"[.;:!?«»“”\"]")
_PUNCT = re.compile(r"[,.;:!?«»“”\"()]")
_ARTICLES = frozenset("le la les the el los las".split())
_ELIDED_WORD = re.compile(r"^[ld]['’]")
_INITIAL_END = re.compile(r"(?<![\w.])[A-Z]\.$")


class SpeakerWords:
    """The speaker rules' word lists of one language (``speakers`` in language.json)."""

    def __init__(self, lang: LanguageRules):
        sp = lang.settings.get("speakers", {})
        self.boundary = re.compile(
            rf"[,;:«»“”\"()\[\]—–]|\b{alternation(sp.get('clause_boundaries', []))}\b")
        days = [w.lower() for w in lang.words("weekdays") + lang.words("months")]
        self.stop_after = frozenset(sp.get("stop_after", []) + days)
        self.elided_stops = tuple(sp.get("elided_stops", []))
        self.leading = re.compile(
            rf"^{alternation(sp.get('leading_conjunctions', []))}\s+", re.I)
        # 'Il a salué … et réclamé': a second verb sharing the subject of the first
        self.trailing = re.compile(
            rf"(?<!\w){alternation(sp.get('leading_conjunctions', []))}\s*$", re.I)
        # a finite verb, or (inner_rejects) an article, after a phrase's first word: a clause
        # or an object ('asked the candidates a question'), not a speaker
        self.clause_verbs = frozenset(sp.get("clause_verbs", []) + sp.get("inner_rejects", []))
        self.pronouns = frozenset(lang.setting("cues", "subject_pronouns", []))
        self.adverb = lang.setting("attribution", "adverb_suffix")
        self.abbreviations = lang.word_set("abbreviations")
        self.determiners = lang.word_set("coreference", "determiners")
        # a phrase opening with one of these is an adverbial ('In a statement', 'However'), and
        # one opening with a gerund before a lower-case word a participle ('Responding to')
        self.not_starts = frozenset(sp.get("not_speaker_starts", []))
        self.adverbs = frozenset(sp.get("leading_adverbs", []))  # 'Puis Berthe', 'However'
        self.gerunds = tuple(sp.get("gerund_endings", []))
        # 'Interrogée par l'AFP, …', 'Élue depuis 2020, …', 'Contacté, …': a past participle
        # opening a sentence, before a comma or a preposition, heads an adverbial
        self.participle = re.compile(sp["participle_re"]) if sp.get("participle_re") else None
        self.prepositions = frozenset(sp.get("prepositions", []))
        self.objects = frozenset(sp.get("object_pronouns", []))
        self.documents = frozenset(sp.get("document_nouns", []))  # lower-case only: 'me', not 'Me'
        self.past = tuple(sp.get("past_endings", []))  # 'lawmakers urged': a verb ends the subject
        # words that open a noun phrase rather than a name ('Two senior lawmakers', 'Les élus')
        self.openers = frozenset(sp.get("phrase_openers", [])) | self.determiners


def speaker_words(lang: Lang) -> SpeakerWords:
    """The compiled speaker words of a language (once per rules object)."""
    lang = rules_for(lang)
    return lang.memo("speakers", lambda: SpeakerWords(lang))


def np_after(text: str, pos: int, end: int, lang: Lang) -> Span:
    """The noun phrase right after a cue ('said Mr Lee', 'selon KCNA'), up to a stop."""
    sw = speaker_words(lang)
    words = []
    for m in _WORD.finditer(text, pos, end):
        gap = text[pos : m.start()].strip()
        if gap == "." and words and (text[words[-1][0]:words[-1][1]].lower() in sw.abbreviations
                                     or words[-1][1] - words[-1][0] == 1):
            gap = ""  # 'M. Lee', 'J. Smith': the period of an abbreviation or an initial
            words[-1] = (words[-1][0], words[-1][1] + 1)
        if gap or len(words) >= MAX_WORDS:
            break
        w = m.group().lower().replace("’", "'")
        if w in sw.clause_verbs and words:
            return None
        if w in sw.stop_after or (words and w.split("'")[0] in sw.elided_stops):
            break
        if words and _participle_after_name(text, words[-1], m, sw):
            break  # "l'Ademe publiée lundi", 'une note du Trésor consultée par': the name ends
        words.append(m.span())
        pos = m.end()
    if not words:
        return None
    if len(words) > 1 and text[words[0][0] : words[0][1]].lower() in sw.pronouns:
        return None
    if text[words[0][0]].islower() or re.search(r"['’]s$", text[words[0][0]:words[0][1]]):
        # a title ('the party's spokeswoman, Claire Dumas,', 'Estonia's prime minister, Kadri Saar')
        return appositive_name(text, (words[0][0], words[-1][1]), end, lang)
    return words[0][0], words[-1][1]


def participle(word: str, sw: SpeakerWords) -> bool:
    """Whether a word has the form of a past participle ('publiée', 'élu', 'interrogés';
    not 'publique')."""
    return sw.participle is not None and sw.participle.fullmatch(word.lower()) is not None


def _participle_after_name(text: str, last: tuple[int, int], word: re.Match,
                           sw: SpeakerWords) -> bool:
    """Whether a lower-case past participle follows a capitalised word ('l'Ademe publiée'):
    it opens a clause about the name, not a part of it (a complement's noun, after a
    preposition, stays: "l'Agence nationale de sécurité")."""
    w = word.group()
    before = _ELIDED_WORD.sub("", text[last[0]:last[1]])
    return w[:1].islower() and len(w) >= 4 and participle(w, sw) and before[:1].isupper()


def appositive_name(text: str, span: tuple[int, int], end: int, lang: Lang) -> tuple[int, int]:
    """The name set off by commas right after a title ('le maire, Paul Girard, a déclaré'; 'said
    the party's spokeswoman, Claire Dumas.'), else the span itself. A title starts with a
    lower-case word or a determiner ('Un agriculteur de la Beauce, Pierre Hamon,')."""
    s, e = span
    first = text[s:e].split()[0] if text[s:e].split() else ""
    if not (first[:1].islower() or first.lower() in speaker_words(lang).openers
            or _ELIDED_WORD.match(first.lower()) or re.search(r"['’]s$", first)):
        return span
    name = _APPOSITIVE.match(text, e, end)
    if not name:
        return span
    s, e = name.span("name")
    return s, e - 1 if text[e - 1] == "." and not _INITIAL_END.search(text, s, e) else e


def document_source(text: str, span: Span, limit: int, lang: Lang) -> Span:
    """Who published the document a speaker names ('Une enquête de l'institut Opinia', 'les
    estimations publiées par le ministère', 'A survey of 8,200 teachers by the union
    Teachers' Voice'): the noun phrase after 'de', 'par' or 'by', its descriptor dropped;
    else the span."""
    if span is None:
        return None
    sw = speaker_words(lang)
    words = _WORD.findall(text, span[0], span[1])
    head = next((w.lower() for w in words if w.lower() not in sw.openers), "")
    if head not in sw.documents:
        return span
    stop = min(limit, span[1] + 60)
    # 'une note du Trésor consultée par Les Échos': the name inside the span is the author
    m = _OF_NAME.search(text, span[0], span[1]) or _BY.search(text, span[0], stop) \
        or _OF.search(text, span[0], min(stop, span[1] + 1))
    if m is None or _PUNCT_END.search(text, span[0], m.start()) \
            or _THAT.search(text, span[1], m.start()):
        return span  # 'The survey found that 40% of nurses': 'of' is in the reported clause
    source = np_after(text, m.end(), limit, lang)
    return descriptor_name(text, source, limit, lang) if source else span


def descriptor_name(text: str, span: Span, limit: int, lang: Lang) -> Span:
    """The name a descriptor introduces ('Le groupe d'opposition Montreval Demain', 'the union
    Teachers' Voice', 'le chercheur en sécurité Rémi Castaing'): the capitalised words after the
    descriptor's lower-case words, inside the span or right after it (before ``limit``). A name
    right after a preposition is a complement and the span stays ('le ministère de
    l'Agriculture')."""
    if span is None:
        return None
    sw = speaker_words(lang)
    s, e = span
    words = list(_WORD.finditer(text, s, limit))
    if not words:
        return span
    first = words[0].group().lower().replace("’", "'")
    elided = _ELIDED_WORD.match(first) is not None
    if elided and words[0].group()[2:3].isupper():
        return span  # "l'Insee": a name already
    if not (elided or first in sw.openers):
        return span
    i = _descriptor_end(words, sw)
    if i is None or i >= len(words) or (i == 1 and not elided) \
            or _PUNCT.search(text, e, words[i].start()) \
            or text[words[i - 1].end():words[i].start()].strip():
        return span
    m = _NAME_AFTER.match(text, words[i].start(), limit)
    if not m:
        return span
    ns, ne = m.span("name")
    return (ns, ne - 1) if text[ne - 1] == "." and not _INITIAL_END.search(text, ns, ne) \
        else (ns, ne)


def _descriptor_end(words: list[re.Match], sw: SpeakerWords) -> Optional[int]:
    """Index of the first capitalised word after a descriptor's lower-case words, or None when
    a preposition leads to it (a complement: 'le ministère de la Défense')."""
    i = 1
    while i < len(words) and words[i].group()[:1].islower():
        if words[i].group().lower().replace("’", "'") in sw.prepositions:
            k = i + 1
            while k < len(words) and words[k].group().lower() in _ARTICLES:
                k += 1  # 'de la Défense'
            if k >= len(words) or words[k].group()[:1].isupper() \
                    or _ELIDED_WORD.match(words[k].group().lower()):
                return None
        i += 1
    return i


def appositive_subject(text: str, start: int, cue: int, lang: Lang) -> Span:
    """'Mike Mayo, a banking analyst at CLSA, said': the capitalised name before the appositive
    (an age between commas is skipped: '"…," Trump, 70, told'; a name beats a capitalised title:
    'Hong Yong-pyo, South Korea's unification minister, told')."""
    cuts = [start] + [start + m.end() for m in re.finditer(",", text[start:cue])]
    segs = list(zip(cuts, cuts[1:], strict=False))
    nearest = title = None
    for a, b in reversed(segs[-4:]):
        chunk = text[a : b - 1]
        quote = max(chunk.rfind(q) for q in '«»“”"')
        if quote >= 0:  # the words after a quote's end: '"…," Trump, 70,'
            a, chunk = a + quote + 1, chunk[quote + 1:]
        chunk = chunk.strip()
        if chunk and not chunk.isdigit() and not _participle_phrase(chunk, lang):
            span = np_before(text, a, b - 1, lang)
            nearest = nearest or span
            if span and chunk[:1].isupper() and len(chunk.split()) <= 6:
                if all(w[:1].isupper() or w.lower() in PARTICLES for w in chunk.split()):
                    return span
                title = title or span
        if quote >= 0 or not chunk:
            break
    return title or nearest


def _participle_phrase(chunk: str, lang: Lang) -> bool:
    """'publié mercredi', 'âgée de 45 ans', 'réélu en 2020': an appositive set off by commas
    that opens with a lower-case past participle, never the subject before the cue."""
    sw = speaker_words(lang)
    first = _WORD.match(chunk)
    return first is not None and first.group()[:1].islower() and len(first.group()) >= 3 \
        and participle(first.group(), sw)


def np_before(text: str, start: int, cue: int, lang: Lang) -> Span:
    """The subject right before a cue: words back to the last punctuation or subordinator."""
    sw = speaker_words(lang)
    seg = text[start:cue]
    cut = 0
    for m in sw.boundary.finditer(seg):
        if not _DIGIT_COMMA.match(seg, m.start() - 1 if m.start() else 0):
            cut = m.end()  # not the comma of '2,000 adults' or '1,5 million'

    rest = seg[cut:]
    lead = sw.leading.match(rest.lstrip())
    offset = start + cut + (len(rest) - len(rest.lstrip())) + (lead.end() if lead else 0)
    spans = [m.span() for m in _WORD.finditer(text, offset, cue)]
    while sw.adverb and spans and len(spans) > 1 \
            and text[spans[-1][0] : spans[-1][1]].endswith(sw.adverb):
        spans.pop()
    spans = spans[-MAX_WORDS:]
    return (spans[0][0], spans[-1][1]) if spans else None


def adverbial(text: str, span: Span, lang: Lang) -> bool:
    """Whether a candidate speaker is an adverbial or a participle clause, never a speaker: 'In
    other comments', 'On Thursday', 'Still', 'Responding to questions', 'Insisting it was'."""
    if span is None:
        return False
    sw = speaker_words(lang)
    words = _WORD.findall(text, span[0], span[1])
    if not words:
        return False
    first = words[0].lower().replace("’", "'")
    if first in sw.not_starts or words[0].replace("’", "'") in sw.objects:
        return True  # 'In a statement', 'me supplia' (not 'Me Dacosta')
    follows = _WORD.search(text, span[0] + len(words[0]), span[0] + len(words[0]) + 40)
    if bool(sw.gerunds) and first.endswith(sw.gerunds) and len(first) > 5 \
            and words[0][:1].isupper() and follows is not None and follows.group()[:1].islower():
        return True
    return _participle_opening(text, _WORD.search(text, span[0], span[1]), sw)


def _participle_opening(text: str, word: Optional[re.Match], sw: SpeakerWords) -> bool:
    """'Interrogée par l'AFP', 'Réélu en 2020', 'Contacté,': a capitalised past participle
    followed by a comma or a preposition (not a name: 'René Dupont', 'Santé publique France')."""
    first = word.group() if word is not None else ""
    if not (first[:1].isupper() and len(first) >= 3 and participle(first, sw)):
        return False
    after = text[word.end():word.end() + 40]
    if after.lstrip(" ").startswith(","):
        return True
    nxt = _WORD.match(after.lstrip(" "))
    return nxt is not None and nxt.group().lower() in sw.not_starts | sw.stop_after


def trim_adverbs(text: str, span: Span, lang: Lang) -> Span:
    """The span without its leading adverbs and conjunctions ('Puis Berthe' -> 'Berthe'; a
    lone 'However' -> None) and without an adverbial set off by a comma ('Dans un communiqué,
    l'entreprise')."""
    if span is None:
        return None
    sw = speaker_words(lang)
    s, e = span
    comma = text.rfind(",", s, e)
    if comma > s and adverbial(text, span, lang) and text[comma + 1:e].strip():
        s = comma + 1 + len(text[comma + 1:e]) - len(text[comma + 1:e].lstrip())
    for m in _WORD.finditer(text, s, e):
        if m.group().lower().replace("’", "'") not in sw.adverbs:
            return (m.start(), e) if m.start() > s else span
    return None


def clause_subject(text: str, start: int, cue: int, lang: Lang) -> Span:
    """The subject heading the sentence, for a participle cue after a comma ('Donald Trump is
    slamming the deal, saying'; 'Mr. Sloan, 56, remained a defender, telling'): past leading
    adverbial segments ('On Thursday,'), a name's capitalised words, or a determiner's noun
    phrase up to its verb (at most ``MAX_WORDS`` words)."""
    sw = speaker_words(lang)
    pos = _past_adverbials(text, start, cue, lang)
    first = _WORD.search(text, pos, cue) if pos is not None else None
    if first is None:
        return None
    if first.group().lower() in sw.pronouns and not text[pos:first.start()].strip():
        return first.span()  # 'elle me pria, ajoutant': the pronoun
    words = _subject_words(text, pos, cue, sw)
    if not words or len(words) > MAX_WORDS \
            or text[words[0][0]:words[0][1]].lower() in sw.not_starts:
        return None
    return words[0][0], words[-1][1]


def _past_adverbials(text: str, pos: int, cue: int, lang: Lang) -> Optional[int]:
    """Where the subject may start: past leading adverbs ('Mais') and up to three adverbial
    segments ('On Thursday, In Paris,'); None when nothing is left before the cue."""
    sw = speaker_words(lang)
    for _ in range(3):
        first = _WORD.search(text, pos, cue)
        while first is not None and first.group().lower() in sw.adverbs:
            first = _WORD.search(text, first.end(), cue)  # 'Mais elle me pria, ajoutant'
        if first is None:
            return None
        if not adverbial(text, (first.start(), cue), lang):
            return first.start()
        comma = text.find(",", first.end(), cue)
        if comma < 0:
            return None
        pos = comma + 1
    return pos


def _subject_words(text: str, pos: int, cue: int, sw: SpeakerWords) -> list[tuple[int, int]]:
    """The word spans of the noun phrase at pos, up to its verb, a comma or a stop word; a
    name ('Donald Trump lit into') ends at its first lower-case word unless a verb follows
    within two words ('Wall Street analysts were')."""
    words: list[tuple[int, int]] = []
    named, name_end, verb = False, None, False
    for m in _WORD.finditer(text, pos, cue):
        gap = text[words[-1][1] if words else pos : m.start()].strip()
        last = text[words[-1][0]:words[-1][1]].lower() if words else ""
        if gap == "." and last in sw.abbreviations:
            gap = ""  # 'Mr. Sloan'
        w = m.group().lower().replace("’", "'")
        verb = not gap and bool(words) and (w in sw.clause_verbs or (
            bool(sw.past) and w.endswith(sw.past) and last not in sw.openers))
        if gap or verb or w in sw.stop_after or (words and (
                w in sw.pronouns or (sw.adverb and w.endswith(sw.adverb)))):
            break
        if not words:
            named = m.group()[:1].isupper() and w not in sw.openers
        elif named and name_end is None and m.group()[:1].islower() and w not in PARTICLES:
            name_end = len(words)
        words.append(m.span())
        if len(words) > MAX_WORDS:
            break
    if name_end is not None and not (verb and len(words) - name_end <= 2):
        words = words[:name_end]
    return words


def token_at(doc, char: int):
    """The token of doc that covers a character offset."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def parse_speaker(doc, cue_start: int, cue_end: int) -> Span:
    """Subject of the cue verb in the dependency parse, trimmed at clauses and punctuation."""
    verb = token_at(doc, cue_end - 1)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.is_punct:
        return None
    toks = list(subj.subtree)
    left = [t for t in toks if t.i <= subj.i]
    while left and any(_breaks(x) for x in left):
        left = left[[_breaks(x) for x in left].index(True) + 1 :]
    right = []
    for t in toks:
        if t.i > subj.i:
            if _breaks(t) or (t.dep_ in _STOP_DEPS and not _glued(t)) or t.idx >= cue_start:
                break
            right.append(t)
    span = (left or [subj]) + right
    return span[0].idx, span[-1].idx + len(span[-1].text)


def _glued(token) -> bool:
    """A token written against both neighbours ('Leroy-Martin' parsed as 'Leroy', '-',
    'Martin'): part of one word."""
    doc = token.doc
    before = token.i > 0 and not doc[token.i - 1].whitespace_
    hyphen = token.text in "-‑" and not token.whitespace_
    return before and (hyphen or (token.i > 1 and doc[token.i - 1].text in "-‑"))


def _breaks(token) -> bool:
    """Punctuation that ends a speaker phrase (not a hyphen inside a name)."""
    return token.is_punct and not _glued(token)
