"""What an answer shows, read by the shape of its words rather than from word lists alone.

A good answer to a coaching step has a recognisable shape: a vision names
quantities, places and horizons ("300 villages autour de Ségou d'ici 2030"), a
clientele names a group and says something concrete about it ("planters around
Soubré who need cash before the harvest"), a differentiation compares, openly
or by implication ("the only vet clinic in Thiès open at night"), an offer has
a price or a pricing model. An empty answer has a shape too: praise,
buzzwords, "everyone", a long sentence with no concrete word.

:func:`gather` reads an answer once and returns :class:`Evidence`: counts and
flags found by form (a number before a noun, a verb after "nous"/"we", an
infinitive before an article, a capitalised name after "à"/"in", an acronym)
and by the short cue lists of ``data/evidence.json`` for what form cannot
tell. :mod:`genesis.core.coach.judgement` weighs the evidence for each step.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from genesis.core.coach import criteria
from genesis.core.coach.criteria import Reading
from genesis.core.coach.text import normalize

_YEAR: Final = re.compile(r"^(?:19|20)\d\d$")
_DIGITS: Final = re.compile(r"^\d+(?:k|m|ms|bn)?$")
_AGE_RANGE: Final = re.compile(r"\b\d{1,2} ?(?:-|a|à|to|et|and) ?\d{1,2} ?(?:ans|years|yrs)?\b")
# A capitalised word after a locative word: "à Kribi", "in Ruiru", "for Aba".
_LOCATIVE_NAME: Final = re.compile(
    r"(?:^|[\s,(])(?:à|a|au|aux|en|dans|de|du|vers|sur|entre|autour de|près de|in|at|around|"
    r"near|across|from|to|for|of)\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?)"
)
# An acronym of an institution or a place: "UCAD", "KNUST", "UNILAG".
_ACRONYM: Final = re.compile(r"\b[A-Z]{3,7}\b")
_QUESTION: Final = re.compile(r"\?\s*$")
_CURRENCY_FIRST: Final = re.compile(
    r"(?:[₦$€£₵]|\b(?:GH₵|GHS|GHC|KSh|KSHS?|KES|UGX|USh|TSh|TZS|RWF|FRW|USD|EUR|ZAR|MAD|DH|EGP|"
    r"ETB|XOF|XAF|F?CFA|TND|DZD|ZMW|MWK|MZN|AOA|CDF|GNF|BIF|NGN|SLL|SLE|LRD|GMD|BWP|NAD|MUR|SCR|"
    r"SOS|SDG|SSP|LSL|SZL|MGA))\s?\d",
    re.IGNORECASE,
)
# One-letter currency signs only in capitals, glued to the amount: "R150", "N2000",
# "K50", "P200" (a lowercase "n 2" is "and 2" in phone writing).
_CURRENCY_LETTER: Final = re.compile(r"\b(?:R|N|K|P|Ar|Br|Le)\s?\d")
# "5yrs", "10ans": a duration written as one word.
_GLUED_YEARS: Final = re.compile(r"^\d+(?:yrs?|years?|ans?)$")
_MIN_AMOUNT: Final = 100
# Words and punctuation, in order; digit groups joined first ("20,000" -> "20000").
_PARTS: Final = re.compile(r"[^\W_]+|[,;:.!?/()]")
_DIGIT_GROUP: Final = re.compile(r"(\d)[,. ](\d{3})\b")
_INNER_CAPITAL: Final = re.compile(r"(?<=[\w,;:] )[A-Z][\w'’-]+")
# How many words after a number may come before the thing it counts
# ("300 villages", "20 000 poulets", "50 mama mbogas").
_COUNT_WINDOW: Final = 3
_MIN_GERUND: Final = 5
_MIN_INFINITIVE: Final = 4
# The first few words, where a clientele answer names its group.
_HEAD_WORDS: Final = 4
# How many words after "pour"/"for" may come before the group served.
_SERVED_WINDOW: Final = 5


@dataclass(frozen=True, slots=True)
class Evidence:
    """Counts and flags; every field is cheap to compute and means one thing."""

    words: int  # meaningful words (no articles, pronouns or fillers)
    numbers: int  # numbers that are not years, in digits or in words
    year: bool
    horizon: bool  # a year, or "in 5 years", "d'ici 5 ans", "à terme"
    quantity: bool  # a number that counts things: "300 villages", "4 nurses"
    money: bool  # an amount with a currency
    amount: bool  # money, or a bare amount ("robe 5000, pagne 12 000")
    price_model: bool  # per unit, per month, a package, a commission...
    place: bool  # a named place: country, city, neighbourhood, institution
    place_word: bool  # a kind of place: neighbourhood, village, market, campus
    scope_word: bool  # a reach: the country, the region, the continent, export
    ambition: bool  # become, first, reference, a chain, every district...
    aspiration: bool  # "devenir le premier ...", "to be the go-to ...": a vision without a date
    target_verb: bool  # open, reach, build, equip, employ, export...
    group: bool  # a group of people or businesses is named
    head_group: bool  # the answer opens on a group ("les orpailleurs de ...")
    served: bool  # a group is served: "pour les ...", "aux ...", "for ...", "serve ..."
    b2b: bool  # businesses or institutions as customers
    bulk: bool  # bulk, contracts, weekly orders
    vague_target: bool  # everyone, the public, all ages, people
    vague_qualifier: bool  # "who need our products", "serious clients"
    relative: bool  # "qui ...", "who ...", "that ...": the group is described
    need: bool
    traits: bool  # age, job, income, situation
    activity_verb: bool  # a verb of activity, found by its form (now or infinitive)
    activity_now: bool  # the business does it today: "on répare", "we weld"
    activity_noun: bool  # repair, sale, tailoring, guided treks...
    sector: bool  # a telling sector keyword
    channel: bool
    method: bool
    comparison: int  # unlike, other X, than, most Y...
    implied: int  # only, no other, the first and only
    contrast: int  # without, no, not, even on Sundays: what others impose
    comparative: int  # cheaper, faster, plus ... que, half the price
    concrete: int  # guarantee, delivery, at night, certified, handmade...
    value: bool  # why it matters: so that, saves time, trust...
    buzz: int  # buzzwords
    praise: int  # best, serious, quality, satisfied customers...
    abstract_share: float  # share of the meaningful words that say nothing concrete
    concrete_share: float  # share of them that name something: a number, a name, a trade...
    self_label: str | None  # the step the answer says it answers ("my vision is")
    question: bool  # a question or a greeting rather than an answer
    dont_know: bool
    gibberish: bool


@dataclass(frozen=True, slots=True)
class _Cues:
    words: frozenset[str]
    phrases: tuple[str, ...]  # " word word " padded with spaces

    def count(self, reading: Reading) -> int:
        found = sum(1 for word in reading.words if word in self.words)
        return found + sum(reading.joined.count(phrase) for phrase in self.phrases)

    def found(self, reading: Reading) -> bool:
        if not self.words.isdisjoint(reading.word_set):
            return True
        return any(phrase in reading.joined for phrase in self.phrases)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    number_words: frozenset[str]
    year_units: frozenset[str]
    future_markers: frozenset[str]
    past_markers: frozenset[str]
    time_units: frozenset[str]
    money_units: frozenset[str]
    not_counted: frozenset[str]  # words after a number that are not what it counts
    horizon: _Cues
    ambition: _Cues
    aspirations: _Cues
    target_verbs: _Cues
    scope: _Cues
    place_prepositions: frozenset[str]
    activity_nouns: _Cues
    subjects: frozenset[str]
    verb_skips: frozenset[str]
    not_activity: frozenset[str]
    object_starters: frozenset[str]
    infinitive_exceptions: frozenset[str]
    other_infinitives: frozenset[str]
    b2b: _Cues
    beneficiary_words: frozenset[str]
    products: frozenset[str]
    bulk: _Cues
    vague_target: _Cues
    vague_qualifiers: _Cues
    comparison: _Cues
    implied: _Cues
    contrast: _Cues
    comparatives: _Cues
    concrete: _Cues
    value: _Cues
    buzz: _Cues
    abstract: frozenset[str]
    concrete_words: frozenset[str]
    praise: _Cues
    self_labels: dict[str, _Cues]
    meta_questions: _Cues
    # Capitalised words that follow "in"/"à" without naming a place.
    not_places: frozenset[str]


def gather(reading: Reading) -> Evidence:
    """Everything the judgement needs to know about one answer, read once."""
    lexicon = _lexicon()
    words = reading.words
    meaningful = criteria.meaningful_word_count(reading)
    numbers, quantity = _numbers(lexicon, reading.normalized)
    year = _future_year(lexicon, words)
    horizon = year or _has_duration(lexicon, words) or lexicon.horizon.found(reading)
    people = criteria.matches(criteria.shared_cues("people"), reading)
    money = _money(lexicon, reading, words)
    names = _proper_names(reading.text)
    head_group = _plural_head(lexicon, words, names) or _opens_on_people(lexicon, reading)
    activity_now = _activity_now(lexicon, words)
    ambition = lexicon.ambition.found(reading)
    b2b = lexicon.b2b.found(reading)
    return Evidence(
        words=meaningful,
        numbers=numbers,
        year=year,
        horizon=horizon,
        quantity=quantity,
        money=money,
        amount=money or _bare_amount(lexicon, reading.normalized),
        price_model=criteria.matches(criteria.criterion_cues("offre", "price"), reading),
        place=_names_a_place(reading) or _named_place(lexicon, reading.text),
        place_word=criteria.matches(criteria.criterion_cues("clientele", "place"), reading),
        scope_word=lexicon.scope.found(reading),
        ambition=ambition,
        aspiration=ambition and lexicon.aspirations.found(reading),
        target_verb=lexicon.target_verbs.found(reading),
        group=people or b2b or head_group,
        head_group=head_group,
        served=_served(lexicon, words, names),
        b2b=b2b,
        bulk=lexicon.bulk.found(reading),
        vague_target=lexicon.vague_target.found(reading),
        vague_qualifier=lexicon.vague_qualifiers.found(reading),
        relative=_relative_clause(words),
        need=criteria.matches(criteria.criterion_cues("clientele", "need"), reading),
        traits=criteria.matches(criteria.criterion_cues("clientele", "traits"), reading)
        or bool(_AGE_RANGE.search(reading.normalized)),
        activity_verb=activity_now or _activity_form(lexicon, words),
        activity_now=activity_now,
        activity_noun=lexicon.activity_nouns.found(reading),
        sector=criteria.has_sector_evidence(reading),
        channel=criteria.matches(criteria.shared_cues("channel"), reading),
        method=criteria.matches(criteria.criterion_cues("mission", "method"), reading),
        comparison=lexicon.comparison.count(reading),
        implied=lexicon.implied.count(reading),
        contrast=lexicon.contrast.count(reading),
        comparative=lexicon.comparatives.count(reading),
        concrete=lexicon.concrete.count(reading),
        value=lexicon.value.found(reading),
        buzz=lexicon.buzz.count(reading),
        praise=lexicon.praise.count(reading),
        abstract_share=_abstract_share(lexicon, reading),
        concrete_share=_concrete_share(lexicon, reading, names),
        self_label=_self_label(lexicon, reading),
        question=_question(lexicon, reading),
        dont_know=criteria.says_dont_know(reading),
        gibberish=criteria.is_gibberish(reading),
    )


# --- numbers, durations, money ------------------------------------------------


def _is_number(lexicon: _Lexicon, word: str) -> bool:
    return bool(_DIGITS.match(word)) or word in lexicon.number_words


def _numbers(lexicon: _Lexicon, normalized: str) -> tuple[int, bool]:
    """(how many numbers that are not years, whether one counts things).

    Read on the text with its punctuation, digit groups joined ("20,000" and
    "2 500" are one number), so that a list of prices ("robe 5000, pagne
    12 000") counts no robes."""
    parts = _PARTS.findall(_DIGIT_GROUP.sub(r"\1\2", normalized))
    count = 0
    quantity = False
    for index, part in enumerate(parts):
        if not _is_number(lexicon, part) or _YEAR.match(part):
            continue
        if index and _is_number(lexicon, parts[index - 1]):
            continue  # "cinq mille": one number
        count += 1
        if not quantity:
            quantity = _counts_things(lexicon, parts, index)
    return count, quantity


def _counts_things(lexicon: _Lexicon, parts: list[str], index: int) -> bool:
    """Whether the number at ``index`` counts something ("300 villages"), rather
    than a duration, an amount, a percentage or an hour."""
    for part in parts[index + 1 : index + 1 + _COUNT_WINDOW]:
        if _is_number(lexicon, part):
            continue
        if part in lexicon.not_counted or not part.isalpha():
            return False
        return len(part) > 2
    return False


def _has_duration(lexicon: _Lexicon, words: tuple[str, ...]) -> bool:
    """A time ahead counted in years: "dans 5 ans", "d'ici cinq ans", "in 10 yrs",
    "5 years from now", "within the next few years", "miaka mitano". A duration
    with no marker of the future ("garantie 1 an", "10 years of experience")
    is not a horizon."""
    for index, word in enumerate(words):
        if word not in lexicon.year_units and not _GLUED_YEARS.match(word):
            continue
        before = words[max(0, index - 4) : index]
        after = words[index + 1 : index + 3]
        if not any(w in lexicon.future_markers for w in (*before, *after)):
            continue
        counted = _GLUED_YEARS.match(word) or any(
            _is_number(lexicon, w) or w in ("prochaines", "next", "few", "coming", "quelques")
            for w in (*before[-2:], *after[:1])
        )
        if counted:
            return True
    return False


def _future_year(lexicon: _Lexicon, words: tuple[str, ...]) -> bool:
    """A year that is not in the past ("depuis 2015", "since 2019" are history)."""
    return any(
        _YEAR.match(word) and not (index and words[index - 1] in lexicon.past_markers)
        for index, word in enumerate(words)
    )


def _money(lexicon: _Lexicon, reading: Reading, words: tuple[str, ...]) -> bool:
    """A number with a currency before or after it ("₦45,000", "60 cedis",
    "deux mille francs", "45k naira")."""
    if _CURRENCY_FIRST.search(reading.text) or _CURRENCY_LETTER.search(reading.text):
        return True
    return any(
        word in lexicon.money_units and index and _is_number(lexicon, words[index - 1])
        for index, word in enumerate(words)
    )


def _bare_amount(lexicon: _Lexicon, normalized: str) -> bool:
    """A number of a hundred or more that counts nothing: a price without its
    currency ("tresses 5000, nattes 3000")."""
    parts = _PARTS.findall(_DIGIT_GROUP.sub(r"\1\2", normalized))
    for index, part in enumerate(parts):
        if not _DIGITS.match(part) or _YEAR.match(part):
            continue
        big = part[-1] in "km" or int(re.sub(r"\D", "", part) or 0) >= _MIN_AMOUNT
        if big and not _counts_things(lexicon, parts, index):
            return True
    return False


# --- places and groups -----------------------------------------------------------


def _names_a_place(reading: Reading) -> bool:
    """A place of the gazetteer, not a language: "en wolof" says where the
    customers may be from, not where they are."""
    return reading.place is not None and reading.place.clue != "language"


def _named_place(lexicon: _Lexicon, text: str) -> bool:
    """A proper name after a locative word, or an acronym (an institution)."""
    for match in _LOCATIVE_NAME.finditer(text):
        name = normalize(match.group(1)).split(" ")[0]
        if name not in lexicon.not_places and len(name) > 2:
            return True
    return any(normalize(acronym) not in lexicon.not_places for acronym in _ACRONYM.findall(text))


def _proper_names(text: str) -> frozenset[str]:
    """Words written with a capital inside a sentence (names, places)."""
    return frozenset(normalize(name) for name in _INNER_CAPITAL.findall(text))


def _plural_head(lexicon: _Lexicon, words: tuple[str, ...], names: frozenset[str]) -> bool:
    """A plural noun among the first words names a group ("orpailleurs de
    Kédougou", "market mamas", "landlords in Omdurman")."""
    head = [w for w in words if w not in lexicon.object_starters and w not in names][:_HEAD_WORDS]
    return any(_plural_noun(lexicon, word) for word in head)


def _opens_on_people(lexicon: _Lexicon, reading: Reading) -> bool:
    head = [w for w in reading.words if w not in lexicon.object_starters][:_HEAD_WORDS]
    people = criteria.shared_cues("people")
    return any(word in people.words or word in lexicon.b2b.words for word in head)


def _served(lexicon: _Lexicon, words: tuple[str, ...], names: frozenset[str]) -> bool:
    """A group introduced as the one served: "pour les étudiants", "aux maquis",
    "for office workers", "chez les éleveurs", "we serve hotels", or as the owner
    of what the business works on ("les téléphones des étudiants")."""
    people = criteria.shared_cues("people")
    for index, word in enumerate(words):
        owners_only = word in _OWNER_WORDS
        if word not in lexicon.beneficiary_words and not owners_only:
            continue
        window = [w for w in words[index + 1 : index + 1 + _SERVED_WINDOW] if w not in names]
        for candidate in window:
            if candidate in people.words or candidate in lexicon.b2b.words:
                return True
            if not owners_only and _plural_noun(lexicon, candidate):
                return True
    return False


# "de"/"des"/"of" introduce a served group only when a group of people follows.
_OWNER_WORDS: Final = frozenset({"de", "des", "du", "d", "of"})


def _plural_noun(lexicon: _Lexicon, word: str) -> bool:
    return (
        word.isalpha()
        and len(word) > 3
        and word.endswith(("s", "x"))
        and not word.endswith(("ss", "us", "is", "ous"))
        and word not in lexicon.abstract
        and word not in lexicon.vague_target.words
        and word not in lexicon.not_activity
        and word not in lexicon.not_counted
        and word not in lexicon.products
    )


_RELATIVES: Final = frozenset({"qui", "ki", "who", "that", "dont", "whose", "wey", "which"})


def _relative_clause(words: tuple[str, ...]) -> bool:
    return any(
        word in _RELATIVES and index + 1 < len(words) for index, word in enumerate(words[1:], 1)
    )


# --- activity ---------------------------------------------------------------------


def _activity_now(lexicon: _Lexicon, words: tuple[str, ...]) -> bool:
    """A verb of activity in the present, recognised by where it stands rather than
    by a list: after "nous"/"on"/"je"/"we"/"I" (skipping "ne", "also", "dey"...),
    or a first-person plural ("préparons")."""
    for index, word in enumerate(words):
        if word in lexicon.subjects:
            following = _after_skips(lexicon, words, index + 1)
            if following is not None:
                verb = words[following]
                if verb not in lexicon.not_activity and verb.isalpha() and len(verb) > 1:
                    return True
        if word.endswith("ons") and index and words[index - 1] == "nous" and len(word) > 4:
            return True
    return False


def _activity_form(lexicon: _Lexicon, words: tuple[str, ...]) -> bool:
    """An activity named by an infinitive with its object ("réparer les
    téléphones", "to repair phones") or a gerund opening the answer ("Fixing
    phones ...")."""
    if any(_infinitive_with_object(lexicon, words, index) for index in range(len(words))):
        return True
    first = words[0] if words else ""
    return (
        len(first) >= _MIN_GERUND
        and first.endswith("ing")
        and first not in lexicon.abstract
        and first not in lexicon.infinitive_exceptions
    )


def _after_skips(lexicon: _Lexicon, words: tuple[str, ...], start: int) -> int | None:
    index = start
    while index < len(words) and words[index] in lexicon.verb_skips:
        index += 1
    return index if index < len(words) else None


def _infinitive_with_object(lexicon: _Lexicon, words: tuple[str, ...], index: int) -> bool:
    """An infinitive where a sentence can start with one, before its object. French
    infinitives in -er are told by their form (nouns in -er are few and listed,
    -ier nouns are skipped); those in -ir and -re share their endings with many
    nouns ("beurre", "cuir"), so only the common ones are taken, from a list."""
    word = words[index]
    if word in lexicon.infinitive_exceptions:
        return False
    by_form = len(word) >= _MIN_INFINITIVE and word.endswith("er") and not word.endswith("ier")
    if not by_form and word not in lexicon.other_infinitives:
        return False
    starts = index == 0 or words[index - 1] in ("de", "d", "pour", "a", "to")
    return starts and index + 1 < len(words) and words[index + 1] in lexicon.object_starters


# --- emptiness --------------------------------------------------------------------


def _abstract_share(lexicon: _Lexicon, reading: Reading) -> float:
    stopwords = criteria.stopwords()
    content = [w for w in reading.words if w not in stopwords]
    if not content:
        return 1.0
    empty = sum(
        1
        for w in content
        if w in lexicon.abstract or w in lexicon.buzz.words or w in lexicon.vague_target.words
    )
    return round(empty / len(content), 3)


def _concrete_share(lexicon: _Lexicon, reading: Reading, names: frozenset[str]) -> float:
    """The share of meaningful words that name something one could point at: a
    number, a name, a trade or product, a group of people, a place, a means. A
    long answer with almost none says nothing, however long it is."""
    stopwords = criteria.stopwords()
    content = [w for w in reading.words if w not in stopwords]
    if not content:
        return 0.0
    telling = set(names) | lexicon.concrete_words | criteria.shared_cues("people").words
    if reading.sector is not None:
        telling.update(word for keyword in reading.sector.keywords for word in keyword.split())
    found = sum(1 for w in content if w in telling or any(c.isdigit() for c in w))
    return round(found / len(content), 3)


def _self_label(lexicon: _Lexicon, reading: Reading) -> str | None:
    """The step an answer says it answers, from how it opens ("Notre mission est...")."""
    opening = " " + " ".join(reading.words[:8]) + " "
    for step, cues in lexicon.self_labels.items():
        if any(phrase in opening for phrase in cues.phrases) or any(
            f" {word} " in opening for word in cues.words
        ):
            return step
    return None


def _question(lexicon: _Lexicon, reading: Reading) -> bool:
    asks = bool(_QUESTION.search(reading.text.strip()))
    return asks or (lexicon.meta_questions.found(reading) and reading.words[:1] != ("we",))


# --- data ---------------------------------------------------------------------------


def _cues(entries: list[str]) -> _Cues:
    words: set[str] = set()
    phrases: list[str] = []
    for entry in entries:
        tokens = criteria.tokens_of(entry)
        if len(tokens) == 1:
            words.add(tokens[0])
        elif tokens:
            phrases.append(f" {' '.join(tokens)} ")
    return _Cues(frozenset(words), tuple(phrases))


def _words(entries: list[str]) -> frozenset[str]:
    return frozenset(token for entry in entries for token in criteria.tokens_of(entry))


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(
        resources.files("genesis.core.coach").joinpath("data/evidence.json").read_text("utf-8")
    )
    time_units = _words(raw["time_units"])
    year_units = _words(raw["year_units"])
    money_units = _words(raw["money_units"])
    return _Lexicon(
        number_words=_words(raw["number_words"]),
        year_units=year_units,
        future_markers=_words(raw["future_markers"]),
        past_markers=_words(raw["past_markers"]),
        time_units=time_units,
        money_units=money_units,
        not_counted=time_units | year_units | money_units | criteria.stopwords(),
        horizon=_cues(raw["horizon_phrases"]),
        ambition=_cues(raw["ambition_words"]),
        aspirations=_cues(raw["aspirations"]),
        target_verbs=_cues(raw["target_verbs"]),
        scope=_cues(raw["scope_words"]),
        place_prepositions=_words(raw["place_prepositions"]),
        activity_nouns=_cues(raw["activity_nouns"]),
        subjects=_words(raw["pronoun_subjects"]),
        verb_skips=_words(raw["verb_skips"]),
        not_activity=_words(raw["not_activity_after_subject"]),
        object_starters=_words(raw["object_starters"]),
        infinitive_exceptions=_words(raw["infinitive_exceptions"]),
        other_infinitives=_words(raw["other_infinitives"]),
        b2b=_cues(raw["b2b"]),
        beneficiary_words=_words(raw["beneficiary_words"]),
        products=_words(raw["product_plurals"]),
        bulk=_cues(raw["bulk"]),
        vague_target=_cues(raw["vague_target"]),
        vague_qualifiers=_cues(raw["vague_qualifiers"]),
        comparison=_cues(raw["comparison_explicit"]),
        implied=_cues(raw["comparison_implied"]),
        contrast=_cues(raw["contrast"]),
        comparatives=_cues(raw["comparatives"]),
        concrete=_cues(raw["concrete_cues"]),
        value=_cues(raw["value_cues"]),
        buzz=_cues(raw["buzzwords"]),
        abstract=_words(raw["abstract_words"]),
        concrete_words=_words(raw["b2b"])
        | _words(raw["product_plurals"])
        | _words(raw["concrete_cues"])
        | _words(raw["activity_nouns"])
        | _words(raw["money_units"])
        | _words(raw["scope_words"])
        | _words(raw["time_units"]),
        praise=_cues(raw["praise"]),
        self_labels={step: _cues(labels) for step, labels in raw["self_labels"].items()},
        meta_questions=_cues(raw["meta_questions"]),
        not_places=_words(raw["abstract_words"])
        | _words(raw["buzzwords"])
        | _words(raw["b2b"])
        | frozenset(raw["not_places"]),
    )
