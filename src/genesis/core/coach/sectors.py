"""Which sector of the taxonomy a business belongs to, from how it is described.

Keywords (data/sectors.json) are weighted: 3 names the sector on its own
("maquis", "pharmacie"), 2 is a strong hint, 1 a weak one ("vendre"). Matching
is on normalised words (lowercase, no accents) with a final plural -s/-x
dropped, longest phrase first, so "mobile money" counts for finance and not
also "mobile" for technology.

A keyword does not weigh the same wherever it stands. What a sentence says the
business sells, makes or does matters more than the words around it, so each
match is weighed by its role in its clause (the cue lists are in the
``_roles`` entry of the data file):

- the object of an offer verb ("je vends des habits", "we make soap", "clients
  who need small loans") counts double: the first keyword after the verb, and
  those joined to it by "et"/"and", before a preposition ("au marché");
- a channel, payment or delivery means ("sur WhatsApp", "paiement par Orange
  Money", "livrées par tracteur", "au marché") counts a third: it says how the
  business sells, not what (unless it is the object: "je crée des sites web");
- an occupation that usually names the customers ("nurses", "commerçants")
  counts half, unless the speaker says it is theirs ("je suis infirmière");
  so does whatever follows "for"/"pour"/"used by" once the clause has named
  its product ("school software for private schools": the schools are the
  customers, the trade is software);
- after a training cue ("formation en couture", "cours de cuisine"), or just
  before a teaching noun ("cooking classes"), the trade is the subject taught:
  it counts for education;
- what a head noun or verb works on belongs to the head's sector: "réparation
  de groupes électrogènes" and "generator repair" are services, "assurance
  agricole" and "crop insurance" finance, "bookkeeping app" technology. What
  a head keeps stays its own, head word included: phone repair is technology,
  plumbing repairs construction, a tontine app finance. The object of a plain
  offer verb, or of an activity joined to the head, is not redirected: "we
  install and repair solar panels" stays energy;
- a trade that is taught or worked on stays the business's own when the text
  names that sector elsewhere in its own right: "a pottery studio training
  potters" is crafts, "a seamstress who trains apprentices" fashion;
- after a leisure cue ("j'aime", "I watched") nothing counts: a hobby is not a
  business;
- a few set phrases are neutral ("au cours de", "pain points", "mode de
  paiement").

A clause-break word is a noun after a determiner or at the start of a keyword
phrase: "du maïs" and "a car wash" do not end a clause as "mais" and "car" do;
where it does end one, it is a conjunction and no keyword.

Every sector scores the sum of its distinct keywords and the highest score
wins, so a restaurant that "also delivers" stays a restaurant. A best score
below :data:`MIN_SCORE` (one strong hint, or two weak ones) is no evidence.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

from genesis.core.coach.text import normalize, tokens
from genesis.core.taxonomy import SECTORS

# A stem shorter than this matches too many unrelated words.
MIN_STEM_LENGTH: Final = 4
WEIGHTS: Final = (1, 2, 3)
# Below this best score the text does not name a sector: one strong hint (2)
# or two weak ones are needed, so small talk and hobbies give None.
MIN_SCORE: Final = 2.0
# Score at which one sector is "clearly" named: a single weight-3 keyword gives
# a confidence of about 0.6, two of them about 0.85.
_CONFIDENCE_SCALE: Final = 3.0
# Role factors: what is sold counts double, who buys it half, and how it is
# sold, paid or delivered a third (so two channel words still make no sector).
OBJECT_FACTOR: Final = 2.0
CUSTOMER_FACTOR: Final = 0.5
CHANNEL_FACTOR: Final = 1 / 3
# How many words after an offer verb may come before what is offered ("je vends
# de la bonne nourriture"), and after "je suis"/"I am" before an occupation.
OBJECT_WINDOW: Final = 4
# How many words apart two coordinated objects may be ("food and cold drinks").
COORDINATION_GAP: Final = 3
# How many words after "par"/"via"/"by" still name the means ("par téléphone").
SHORT_WINDOW: Final = 3

# Punctuation that ends a clause: windows never cross it. A colon does not:
# what follows it ("mes loisirs : le cinéma", "notre offre : ...") belongs to it.
_CLAUSE_END = re.compile(r"[.,;!?()\[\]{}\n\r\t/|+=*\"«»“”•]+")

_ROLE_KEYS: Final = (
    "offer_cues",
    "customer_cues",
    "teaching_cues",
    "leisure_cues",
    "self_cues",
    "means_cues",
)


@dataclass(frozen=True, slots=True)
class SectorMatch:
    sector: str  # an id of genesis.core.taxonomy.SECTORS
    score: float  # confidence in [0, 1]
    keywords: tuple[str, ...]  # the words of the text that matched, first seen first


@dataclass(frozen=True, slots=True)
class _Lexicon:
    # Singular word n-gram -> {sector: weight}; {} for a neutral phrase.
    phrases: dict[tuple[str, ...], dict[str, int]]
    # First word -> longest phrase starting with it, to bound the lookups.
    longest: dict[str, int]
    # Word prefix -> {sector: weight}, tried only when no phrase matched.
    stems: dict[str, dict[str, int]]
    # First word -> (cue phrase, kind, head sector or ""), longest phrase first.
    cues: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]
    # Head sector -> sectors its head cues leave alone ("phone repair"), and the
    # keyword keys it redirects all the same ("bookkeeping app" is technology).
    keeps: dict[str, frozenset[str]]
    redirects: dict[str, frozenset[str]]
    # Keys (see _Hit.key) of keywords that name a channel / a kind of customer.
    channels: frozenset[str]
    people: frozenset[str]
    clause_breaks: frozenset[str]
    determiners: frozenset[str]  # before a clause-break word, it is a noun
    activity_nouns: frozenset[str]  # "installation" et réparation de ...: shared object
    object_stops: tuple[str, ...]  # " au ", " a la ": padded with spaces
    coordinators: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Hit:
    position: int
    end: int  # position after the last word
    key: str  # what matched in the lexicon, to count each keyword once
    text: str  # the words of the answer, for the caller to show
    weights: dict[str, int]


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    position: int
    end: int
    head: str = ""  # for head cues and offer cues that are heads: their sector


@dataclass(frozen=True, slots=True)
class _Roles:
    """How the hits of one text are placed: what they name and what governs them."""

    cues: list[_Cue]
    objects: set[int]  # hits that name what an offer verb offers
    verbs: set[int]  # offer verbs that have an object: they say nothing more
    heads: dict[int, str]  # hits redirected by a head cue -> the head's sector
    worked_on: set[int]  # hits a head cue works on, redirected or kept
    customers: set[int]  # hits after "for"/"pour" once the clause has named its product
    # Their keywords: the customers named once ("for hotels") are customers
    # wherever the text names them again ("100 hotels fitted by 2030").
    customer_keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Words:
    words: list[str]
    singulars: list[str]
    clauses: list[int]  # clause number of each word
    breaks: frozenset[int]  # positions of the words that open a clause ("mais", "car")


def detect_sector(text: str) -> SectorMatch | None:
    """The dominant sector, or None when the text does not name one clearly."""
    lexicon = _lexicon()
    parsed = _split(lexicon, text)
    hits = _find_keywords(lexicon, parsed)
    if not hits:
        return None
    roles = _roles(lexicon, parsed, hits)
    weighed = [
        _weigh(lexicon, index, hit, roles, parsed.clauses)
        for index, hit in enumerate(hits)
        if index not in roles.verbs
    ]
    weighed = _keep_practised_trades(weighed)
    # Each keyword counts once per sector, at its best role in the text.
    best_weight: dict[tuple[str, str], float] = {}
    first_seen: dict[str, int] = {}
    for hit, weights, factor, _ in weighed:
        for sector, weight in weights.items():
            value = weight * factor
            if value <= 0:
                continue
            slot = (sector, hit.key)
            best_weight[slot] = max(best_weight.get(slot, 0.0), value)
            first_seen.setdefault(sector, hit.position)
    scores: dict[str, float] = {}
    strongest: dict[str, float] = {}
    for (sector, _), value in best_weight.items():
        scores[sector] = scores.get(sector, 0.0) + value
        strongest[sector] = max(strongest.get(sector, 0.0), value)
    if not scores:
        return None
    # Ties go to the sector with the most telling keyword, then to the one named
    # first, then to taxonomy order so the answer never depends on dict order.
    best = max(
        scores,
        key=lambda s: (scores[s], strongest[s], -first_seen[s], -SECTORS.index(s)),
    )
    if scores[best] < MIN_SCORE:
        return _named_on_its_own(lexicon, weighed)
    share = scores[best] / sum(scores.values())
    strength = 1.0 - math.exp(-scores[best] / _CONFIDENCE_SCALE)
    keywords = dict.fromkeys(
        hit.text for hit, weights, factor, _ in weighed if best in weights and factor > 0
    )
    return SectorMatch(best, round(share * strength, 2), tuple(keywords))


def _named_on_its_own(lexicon: _Lexicon, weighed: list[Any]) -> SectorMatch | None:
    """A trade named outright ("kiosques solaires", "café") that its place in the
    sentence discounted below the bar: it still says what the business is, with a
    low confidence. Channels and customers never do ("par WhatsApp", "patients")."""
    named = [
        (hit, sector)
        for hit, weights, factor, _ in weighed
        if factor > 0 and hit.key not in lexicon.channels and hit.key not in lexicon.people
        for sector, weight in weights.items()
        if weight == max(WEIGHTS)
    ]
    sectors = {sector for _, sector in named}
    if len(sectors) != 1:
        return None  # none, or several trades named as strongly: no evidence
    hit, sector = named[0]
    return SectorMatch(sector, round(1.0 - math.exp(-1.0), 2), (hit.text,))


def sector_context(match: SectorMatch) -> dict[str, Any]:
    """The ``sector_context`` stored on a session."""
    return {"sector": match.sector, "keywords": list(match.keywords), "confidence": match.score}


def singular(word: str) -> str:
    """Drop a plural ending so "tresses" matches "tresse" and "bijoux" matches "bijou".

    Crude on purpose: both the keywords and the answer go through it, so a wrong
    singular ("cours" -> "cour") still matches itself.
    """
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    if len(word) > 4 and word.endswith(("aux", "eux", "oux")):
        return word[:-1]
    return word


def _split(lexicon: _Lexicon, text: str) -> _Words:
    """The words of ``text`` with the clause each belongs to.

    A clause ends at punctuation and before a word that opens a new one ("so",
    "mais", "qui"): a verb's object or a channel never reaches across it.
    """
    words: list[str] = []
    parts: list[int] = []
    for number, part in enumerate(_CLAUSE_END.split(normalize(text))):
        for word in tokens(part):
            words.append(word)
            parts.append(number)
    singulars = [singular(word) for word in words]
    clauses: list[int] = []
    breaks: set[int] = set()
    clause = 0
    for position, word in enumerate(words):
        if position == 0 or parts[position] != parts[position - 1]:
            clause += 1
        elif (
            word in lexicon.clause_breaks
            and words[position - 1] not in lexicon.determiners
            and _longest_phrase_at(lexicon, singulars, position) < 2
        ):
            clause += 1
            breaks.add(position)
        clauses.append(clause)
    return _Words(words, singulars, clauses, frozenset(breaks))


def _find_keywords(lexicon: _Lexicon, parsed: _Words) -> list[_Hit]:
    words, singulars = parsed.words, parsed.singulars
    hits: list[_Hit] = []
    position = 0
    while position < len(words):
        if position in parsed.breaks:
            position += 1  # a conjunction: "car" (because) is no car
            continue
        length = _longest_phrase_at(lexicon, singulars, position)
        if length:
            end = position + length
            key = tuple(singulars[position:end])
            text = " ".join(words[position:end])
            hits.append(_Hit(position, end, " ".join(key), text, lexicon.phrases[key]))
            position = end
            continue
        word = singulars[position]
        for stop in range(len(word), MIN_STEM_LENGTH - 1, -1):
            stem = word[:stop]
            if stem in lexicon.stems:
                weights = lexicon.stems[stem]
                hits.append(_Hit(position, position + 1, stem + "*", words[position], weights))
                break
        position += 1
    return hits


def _longest_phrase_at(lexicon: _Lexicon, singulars: list[str], position: int) -> int:
    longest = min(lexicon.longest.get(singulars[position], 0), len(singulars) - position)
    for length in range(longest, 0, -1):
        if tuple(singulars[position : position + length]) in lexicon.phrases:
            return length
    return 0


def _find_cues(lexicon: _Lexicon, parsed: _Words, hits: list[_Hit]) -> list[_Cue]:
    # A neutral phrase hides its words: "au cours de" is not a "cours de" lesson.
    hidden = {p for hit in hits if not hit.weights for p in range(hit.position, hit.end)}
    singulars = parsed.singulars
    found: list[_Cue] = []
    for position, word in enumerate(singulars):
        candidates = lexicon.cues.get(word)
        if not candidates or position in hidden:
            continue
        matched: set[str] = set()  # one cue of each kind here: the longest
        for cue, kind, head in candidates:
            if kind in matched:
                continue
            end = position + len(cue)
            if tuple(singulars[position:end]) != cue:
                continue
            matched.add(kind)
            if kind == "means_cues" and end < len(singulars) and _not_a_means(singulars[end]):
                continue  # "by 2030", "par mois", "by our kiosks": not how it is sold
            found.append(_Cue(kind, position, end, head))
    return found


# After "par"/"by"/"via", these say a date, a rate or the business's own means
# ("by 2030", "par mois", "par nos kiosques solaires"), not a sales channel.
_RATE_OR_OWN: Final = frozenset(
    {
        "jour",
        "semaine",
        "mois",
        "an",
        "annee",
        "heure",
        "kilo",
        "kg",
        "personne",
        "unite",
        "day",
        "week",
        "month",
        "year",
        "hour",
        "person",
        "unit",
        "piece",
        "plate",
        "night",
        "nuit",
        "seance",
        "session",
        "tete",
        "head",
        "nos",
        "notre",
        "mes",
        "mon",
        "ma",
        "our",
        "my",
    }
)


def _not_a_means(word: str) -> bool:
    return word.isdigit() or word in _RATE_OR_OWN


def _roles(lexicon: _Lexicon, parsed: _Words, hits: list[_Hit]) -> _Roles:
    """What the offer verbs offer and what the head cues work on.

    A verb that has an object says nothing more: "vendre des habits" is
    fashion, not retail. A head cue redirects what it governs to its sector
    unless a plain offer verb also governs it ("we install and repair solar
    panels") or it is joined to another activity ("installation et réparation
    de panneaux solaires"); an English compound ("generator repair") is always
    redirected. A head working on what it keeps is that sector's trade:
    "réparation GSM" is technology, head word included.
    """
    cues = _find_cues(lexicon, parsed, hits)
    verb_positions = {
        p for cue in cues if cue.kind == "offer_cues" for p in range(cue.position, cue.end)
    }
    objects: set[int] = set()
    verbs: set[int] = set()
    plain: set[int] = set()  # objects of an offer verb that is no head
    worked_on: list[tuple[_Cue, set[int]]] = []
    for cue in cues:
        if cue.kind == "offer_cues":
            found = _governed(lexicon, parsed, hits, cue, verb_positions, stops=True)
            objects.update(found)
            if found:
                verbs.update(
                    index
                    for index, hit in enumerate(hits)
                    if hit.position < cue.end and hit.end > cue.position
                )
            if not cue.head:
                plain.update(found)
                continue
        elif cue.kind == "head_cues":
            found = _governed(lexicon, parsed, hits, cue, verb_positions, stops=False)
        elif cue.kind == "compound_cues":
            found = _modifier(parsed, hits, cue)
        else:
            continue
        if found and (cue.kind == "compound_cues" or not _joined(lexicon, parsed, cues, cue)):
            worked_on.append((cue, found))
    heads: dict[int, str] = {}
    for cue, found in worked_on:
        keeps = lexicon.keeps.get(cue.head, frozenset()) - {cue.head}
        always = lexicon.redirects.get(cue.head, frozenset())
        kept: list[str] = []
        for index in found:
            hit = hits[index]
            if hit.key not in always and keeps & set(hit.weights):
                kept.extend(sector for sector in hit.weights if sector in keeps)
            elif cue.kind == "compound_cues" or index not in plain:
                heads[index] = cue.head
        if kept:
            heads.update(
                (index, kept[0])
                for index, hit in enumerate(hits)
                if hit.position == cue.position and hit.end <= cue.end
            )
    worked = {index for _, found in worked_on for index in found}
    customers = _for_whom(lexicon, parsed, hits, cues)
    customer_keys = frozenset(hits[index].key for index in customers)
    return _Roles(cues, objects, verbs - objects, heads, worked, customers, customer_keys)


def _for_whom(lexicon: _Lexicon, parsed: _Words, hits: list[_Hit], cues: list[_Cue]) -> set[int]:
    """The hits that say for whom, once the clause has said what.

    In "X for Y" ("school software for private schools", "boda delivery for
    restaurants", "micro-assurance pour les riziculteurs", "used by 300
    schools") Y names the customers, not the trade, as long as a product or
    trade (no channel, no customer) came before the cue in the same clause. A
    later offer verb opens a new object: "pour livrer du gaz" is no customer.
    """
    clauses = parsed.clauses
    verb_positions = {
        p for cue in cues if cue.kind == "offer_cues" for p in range(cue.position, cue.end)
    }
    found: set[int] = set()
    for cue in cues:
        if cue.kind != "customer_cues":
            continue
        clause = clauses[cue.position]
        if any(
            c.kind == "teaching_cues" and c.end <= cue.position and clauses[c.position] == clause
            for c in cues
        ):
            continue  # "a training room for nail techs": the trade taught, not a customer
        named_before = any(
            hit.weights
            and hit.end <= cue.position
            and clauses[hit.position] == clause
            and hit.position not in verb_positions
            and hit.key not in lexicon.channels
            and hit.key not in lexicon.people
            for hit in hits
        )
        if not named_before:
            continue  # "repair centre for phones": what is repaired, not for whom
        verbs_after = [
            c.position
            for c in cues
            if c.kind == "offer_cues" and c.position >= cue.end and clauses[c.position] == clause
        ]
        limit = min(verbs_after, default=len(parsed.words))
        found.update(
            index
            for index, hit in enumerate(hits)
            if cue.end <= hit.position < limit and clauses[hit.position] == clause
        )
    return found


def _modifier(parsed: _Words, hits: list[_Hit], cue: _Cue) -> set[int]:
    """The keyword that opens an English compound before its head: "generator"
    repair, "school" management software, "fleet" tracking app (one word that
    names no sector may stand between).

    Not when the head word opens a longer keyword: in "school uniforms",
    "school" is no head.
    """
    if any(hit.position == cue.position and hit.end > cue.end for hit in hits):
        return set()
    clauses = parsed.clauses
    before = [hit for hit in hits if hit.end <= cue.position]
    if not before:
        return set()
    last = before[-1]
    if cue.position - last.end > 1 or clauses[last.position] != clauses[cue.position]:
        return set()
    return {hits.index(last)}


def _joined(lexicon: _Lexicon, parsed: _Words, cues: list[_Cue], cue: _Cue) -> bool:
    """Whether a head is joined to another activity that shares its object."""
    position = cue.position
    if position < 2 or parsed.words[position - 1] not in lexicon.coordinators:
        return False
    if parsed.clauses[position - 2] != parsed.clauses[position]:
        return False
    if parsed.singulars[position - 2] in lexicon.activity_nouns:
        return True
    return any(c.kind == "offer_cues" and not c.head and c.end == position - 1 for c in cues)


def _governed(
    lexicon: _Lexicon,
    parsed: _Words,
    hits: list[_Hit],
    cue: _Cue,
    verb_positions: set[int],
    *,
    stops: bool,
) -> set[int]:
    """Indexes of the hits a cue governs: its object and what is coordinated with it.

    The head of the object is the first keyword after the cue, in its clause,
    before a preposition when ``stops`` ("vendre des habits au marché": not
    "marché"); keywords coordinated with it ("food and drinks") are objects
    too, and coordinated verbs share their object ("we cook and deliver lunch
    boxes"). A head noun reads through prepositions: "insurance for boda boda".
    """
    words, clauses = parsed.words, parsed.clauses
    found: set[int] = set()
    previous_end = cue.end
    for index, hit in enumerate(hits):
        if hit.position < cue.end or not hit.weights or hit.position in verb_positions:
            continue
        if clauses[hit.position] != clauses[cue.position]:
            break
        between = words[previous_end : hit.position]
        if stops:
            joined = f" {' '.join(between)} "
            if any(stop in joined for stop in lexicon.object_stops):
                break
        if previous_end == cue.end:
            if len(between) >= OBJECT_WINDOW:
                break
        elif len(between) > COORDINATION_GAP or not any(
            word in lexicon.coordinators for word in between
        ):
            break
        found.add(index)
        previous_end = hit.end
    return found


# A weighed hit: the hit, the sectors it counts for, its factor, and the
# weights it had before it was redirected to education or a head's sector.
_Weighed = tuple[_Hit, dict[str, int], float, dict[str, int] | None]


def _weigh(lexicon: _Lexicon, index: int, hit: _Hit, roles: _Roles, clauses: list[int]) -> _Weighed:
    """The sectors a keyword counts for in its context, and by how much."""
    if not hit.weights:
        return hit, hit.weights, 0.0, None
    clause = clauses[hit.position]
    before = [c for c in roles.cues if c.end <= hit.position and clauses[c.position] == clause]

    def within(kind: str, window: int | None) -> bool:
        return any(
            c.kind == kind and (window is None or hit.position - c.end < window) for c in before
        )

    if within("leisure_cues", None):
        return hit, hit.weights, 0.0, None
    weights = hit.weights
    head = "education" if within("teaching_cues", None) else roles.heads.get(index)
    if head and head not in weights:
        weights = {head: max(weights.values())}
    redirected = None if weights is hit.weights else hit.weights
    factor = 1.0
    is_object = index in roles.objects
    # A channel noun that is itself what is offered ("je crée des sites web",
    # "they need a website") or worked on ("je répare les téléphones") is the
    # product; a weak one ("online", "cash") is a manner, never a product.
    as_product = (is_object and max(weights.values()) > 1) or index in roles.worked_on
    if is_object:
        factor *= OBJECT_FACTOR
    if not as_product and (hit.key in lexicon.channels or within("means_cues", SHORT_WINDOW)):
        factor *= CHANNEL_FACTOR
    # Customers stay customers even as what an offer verb governs ("we want 100
    # hotels fitted"), not when a head works on them ("repair centre for phones").
    customer = index in roles.customers or hit.key in roles.customer_keys
    if (hit.key in lexicon.people and not within("self_cues", OBJECT_WINDOW)) or (
        customer and index not in roles.worked_on
    ):
        factor *= CUSTOMER_FACTOR
    return hit, weights, factor, redirected


def _keep_practised_trades(weighed: list[_Weighed]) -> list[_Weighed]:
    """Give a redirected trade back to its sector when the business practises it.

    A pottery studio that trains potters, or a transport firm that repairs its
    own lorries, stays in its trade: the trade is practised when a keyword of
    that sector (weight 2+) is named before, in its own right (not as a
    customer, a channel or a subject taught). What follows the word names the
    customers or the goods: "insurance for boda boda riders" stays finance.
    """
    kept: list[_Weighed] = []
    practised: set[str] = set()
    for hit, weights, factor, redirected in weighed:
        if redirected is not None and practised & set(redirected):
            kept.append((hit, redirected, factor, None))
            continue
        kept.append((hit, weights, factor, redirected))
        if redirected is None and factor >= 1:
            practised.update(sector for sector, weight in weights.items() if weight >= 2)
    return kept


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(
        resources.files("genesis.core.coach").joinpath("data/sectors.json").read_text("utf-8")
    )
    phrases: dict[tuple[str, ...], dict[str, int]] = {}
    stems: dict[str, dict[str, int]] = {}
    for sector, by_weight in raw.items():
        if sector.startswith("_"):
            continue
        if sector not in SECTORS:
            raise ValueError(f"sectors.json: unknown sector {sector!r}")
        for weight_text, keywords in by_weight.items():
            weight = int(weight_text)
            if weight not in WEIGHTS:
                raise ValueError(f"sectors.json: {sector}: weight must be 1, 2 or 3")
            for keyword in keywords:
                stem, phrase = _parse_keyword(keyword)
                entry = (
                    phrases.setdefault(phrase, {}) if stem is None else stems.setdefault(stem, {})
                )
                entry[sector] = max(entry.get(sector, 0), weight)
    roles = raw["_roles"]
    for keyword in roles["neutral"]:
        stem, phrase = _parse_keyword(keyword)
        if stem is not None or phrase in phrases:
            raise ValueError(f"sectors.json: a neutral phrase is a new phrase: {keyword!r}")
        phrases[phrase] = {}
    longest: dict[str, int] = {}
    for phrase in phrases:
        longest[phrase[0]] = max(longest.get(phrase[0], 0), len(phrase))
    known = {" ".join(p) for p in phrases if phrases[p]} | {stem + "*" for stem in stems}
    heads = {sector: spec for sector, spec in roles["heads"].items() if not sector.startswith("_")}
    for sector, spec in heads.items():
        if sector not in SECTORS or not set(spec["keeps"]) <= set(SECTORS):
            raise ValueError(f"sectors.json: heads: unknown sector in {sector!r}")
    cue_lists = [(roles[kind], kind, "") for kind in _ROLE_KEYS]
    cue_lists += [(spec["cues"], "head_cues", sector) for sector, spec in heads.items()]
    cue_lists += [(spec["compounds"], "compound_cues", sector) for sector, spec in heads.items()]
    # A head cue that is also an offer verb ("repair") is one offer cue with a head.
    verb_heads = {
        _cue_words(cue): sector
        for sector, spec in heads.items()
        for cue in spec["cues"]
        if cue in roles["offer_cues"]
    }
    return _Lexicon(
        phrases=phrases,
        longest=longest,
        stems=stems,
        cues=_cue_index(cue_lists, verb_heads),
        keeps={sector: frozenset(spec["keeps"]) for sector, spec in heads.items()},
        redirects={
            sector: _keyword_keys(spec.get("redirects", []), known)
            for sector, spec in heads.items()
        },
        channels=_keyword_keys(roles["channels"], known),
        people=_keyword_keys(roles["people"], known),
        clause_breaks=frozenset(roles["clause_breaks"]),
        determiners=frozenset(roles["determiners"]),
        activity_nouns=frozenset(singular(word) for word in roles["activity_nouns"]),
        object_stops=tuple(f" {' '.join(tokens(stop))} " for stop in roles["object_stops"]),
        coordinators=frozenset(roles["coordinators"]),
    )


def _cue_words(cue: str) -> tuple[str, ...]:
    words = tuple(singular(word) for word in tokens(cue))
    if not words or cue.endswith("*"):
        raise ValueError(f"sectors.json: a cue is one or more whole words: {cue!r}")
    return words


def _cue_index(
    cue_lists: list[tuple[list[str], str, str]], verb_heads: dict[tuple[str, ...], str]
) -> dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]:
    index: dict[str, set[tuple[tuple[str, ...], str, str]]] = {}
    for cues, kind, head in cue_lists:
        for cue in cues:
            words = _cue_words(cue)
            if kind == "offer_cues":
                head = verb_heads.get(words, "")
            elif kind == "head_cues" and words in verb_heads:
                continue  # already an offer cue with this head
            index.setdefault(words[0], set()).add((words, kind, head))
    return {
        first: tuple(sorted(found, key=lambda c: (-len(c[0]), c[1], c[2])))
        for first, found in index.items()
    }


def _keyword_keys(keywords: list[str], known: set[str]) -> frozenset[str]:
    """The lexicon keys of keywords that must already be sector keywords."""
    keys = set()
    for keyword in keywords:
        stem, phrase = _parse_keyword(keyword)
        key = stem + "*" if stem is not None else " ".join(phrase)
        if key not in known:
            raise ValueError(f"sectors.json: {keyword!r} is not a sector keyword")
        keys.add(key)
    return frozenset(keys)


def _parse_keyword(keyword: str) -> tuple[str | None, tuple[str, ...]]:
    """(stem, ()) for "restaur*", (None, ("chop", "bar")) for "chop bar"."""
    words = tokens(keyword.rstrip("*"))
    if not words:
        raise ValueError(f"sectors.json: empty keyword {keyword!r}")
    if not keyword.endswith("*"):
        return None, tuple(singular(word) for word in words)
    if len(words) != 1 or len(words[0]) < MIN_STEM_LENGTH:
        raise ValueError(f"sectors.json: a stem is one word of 4+ letters: {keyword!r}")
    # Stems are prefixes of the answer's singular words: never singularise them.
    return words[0], ()
