"""A money answer read clause by clause: what is sold, what it costs, what is needed.

Many people answer the whole money question in one paragraph: "Monthly sales
around KSh 180,000. Rent 25,000, two tailors at 15,000 each, power 4,000. I need
a second machine for 45,000 and thread and fabric for 30,000. I have 50,000
saved and my chama will lend 40,000." This module reads such a paragraph into
:class:`Fact` s, each a figure with its role: the price of one unit, its cost,
units sold, a monthly sales total, a monthly cost, a start-up purchase, the
person's own money, a loan, or a gift.

The text is cut into sentences, the sentences into fragments (at commas that
are not inside a number, "and"/"et", "but"/"mais", colons, brackets), and each
fragment into one piece per figure. A figure's role comes from its form first:

- a period after it ("a day", "par mois", "/mois", "monthly", "p.m.") makes it
  a flow: units when it counts things, else a sales total or a monthly cost;
- a unit after it ("le plat", "a loaf", "per bird", "each", "pièce") makes it a
  price or a unit cost; "N x A", "N workers at A each" is a count times A;
- "I have A", "j'ai A" is the person's own money;

then from the words around it, nearest first (its piece, its fragment, the
words of the sentence before a colon), and last from the figure before it in
the same sentence ("Rent 15,000, a cook 12,000": the cook is a monthly cost
too). Last, the paragraph as a whole: a sum written after the very thing counted
per unit is its price ("Le gobelet à 100 F, environ 400 gobelets par jour"), a
purchase or a clueless sum below that price is the unit's cost ("I buy a crate
at 400 and sell it at 550"), and any other sum with no clue at all is a one-time
purchase (marked unsure: in a short reply it answers the question asked).

Nothing is invented: a figure that is not in the text is never a fact; a share
("40 % of sales"), a duration ("over 18 months"), a measure ("a 20 litre
bottle"), a profit or a loan instalment is not an input; a range is its middle
("between 30 and 40 a day"); amounts in words count ("half a million").

Daily flows count 30 days a month (or the days a week the sentence says, times
4.33 weeks), weekly flows 4.33 weeks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Final, Literal

from genesis.core.coach.types import Language
from genesis.core.finance import currency_words
from genesis.core.finance.amounts import parse_amount
from genesis.core.finance.model import FinancingKind
from genesis.core.finance.number_words import HUNDREDS, SCALES, UNITS

Role = Literal[
    "price", "unit_cost", "units", "revenue", "fixed", "variable", "investment", "own", "loan",
    "gift",
]  # fmt: skip
FINANCING_ROLES: Final = frozenset({"own", "loan", "gift"})

DAYS_A_MONTH: Final = Decimal(30)
WEEKS_A_MONTH: Final = Decimal("4.33")


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure of the text and what it is."""

    role: Role
    value: Decimal  # per month for units, revenue and costs; per unit for prices
    text: str  # the fragment it was read in (labels, rates, durations, lifetimes)
    currency: str | None = None
    kind: FinancingKind | None = None  # for own money, loans and gifts
    count: int | None = None  # "two tailors at 15,000 each": people paid the same
    sure: bool = True  # False when no word or form told the role (a bare sum)
    # The thing a figure is about: "40 plates", "2 500 le plat", "sandwich à 25 DH".
    noun: str | None = None


# ------------------------------------------------------------------ words

# Cue classes, each a regex over accent-free lowercase text with apostrophes as
# spaces. They say what a figure is about; the forms (periods, units) say more.
_CUES: Final[dict[str, str]] = {
    "own": r"savings?|saved|\w*save|economies|epargne|economise|apport\w*|fonds propres|"
    r"own (?:money|funds|savings|contribution|pocket)|my own|of my own|de cote|en poche|"
    r"sur moi|pocket|poche|for hand|personal funds|fonds personnels|moi meme|equity|owner s|"
    r"owners|promoter|promoteur|myself|ourselves|self funded|autofinanc\w*|moi meme|"
    r"personal|our own|perso",
    # Sheng and Pidgin put English roots in their own words: "itanilend", "nimesave".
    "lend": r"\w*lend|lends|lending|lent|\w*borrow\w*|loans?|financed|pret|prets|prete|"
    r"pretera|preter|"
    r"empruntu?\w*|credits?|finance the rest|will finance|financera|microcredit",
    "bank": r"bank|banks|banque|bancaire",
    "microfinance": r"microfinance|mfi|imf|sacco|coopec|cooperative|cooperatives|"
    r"microcredit|mutuelle|pamecas|mucodec|kafo|caisse|cms|finca|brac|lapo|advans|baobab|"
    r"letshego|bayport|cofina|fucec|leasing",
    "tontine": r"tontine|chama|njangi|susu|esusu|stokvel|equb|ekub|vicoba|merry go round|ajo",
    "family": r"family|famille|brother|sister|mum|mom|mother|dad|father|uncle|aunt|cousin|"
    r"husband|wife|parents|frere|soeur|maman|papa|mere|pere|oncle|tante|mari|femme|"
    r"friends?|amis?|amie|oga|church|eglise|diaspora",
    "supplier": r"supplier|suppliers|fournisseur|fournisseurs",
    "grant": r"grants?|subventions?|prize|bourse",
    "gift": r"give|gives|gave|giving|support|supports|donne|donnera|donnent|aide|aident|"
    r"aider|envoie|envoient|payout|contributions?|cotisations?",
    "sale": r"sell|sells|selling|sold|vend|vends|vendre|vendrai|vendons|vendent|revend\w*|"
    r"se vend|charge|charging|goes for|go for|going for|nauza|nauzi|au client|"
    r"aux clients|to the customer|to customers|for the customer|customers pay|le client paie",
    "price": r"price|prices|prix|tarif|tarifs|average|moyen|moyenne",
    # Figures that are none of the plan's inputs: what is left, what is paid back.
    "profit": r"profit|profits|benefice|benefices|marge|margin|net income|gain net|"
    r"commissions?",
    "repay": r"repay|repays|repaying|repayment|repayments|rembourse\w*|installments?|"
    r"instalments?|mensualites?|echeances?",
    "revenue": r"sales(?!\s+(?:boy|boys|girl|girls|lady|ladies|man|men|woman|women|agents?|"
    r"persons?|people|reps?|staff|assistants?|attendants?|team))|turnover|revenue|revenues|takings|transactions|chiffre|ca|recettes?|ventes|income",
    "earn": r"make|makes|making|made|fait|fais|font|faisons|gagne|gagnons|earn|earns|"
    r"pulls in|brings in|bring in|tourne|takes|take in|rapporte|rapportent|encaisse",
    "cost": r"cost|costs|costing|cout|couts|coute|coutent|coutera|come to|comes to|me fait|"
    r"ca fait|"
    r"spend|spends|depense",
    # Costs that can only be per unit: "le maïs me revient à 60 F", "production cost".
    "unit_cost": r"revient|reviennent|production cost|cost per unit|unit cost|cout unitaire|"
    r"prix d achat|purchase price|buying price",
    "buy_it": r"buy (?:it|them)|bought (?:it|them)|l achete|les achete|l achetons|les achetons",
    "start": r"need|needs|besoin|il me faut|il faut|il nous faut|to start|start up|startup|"
    r"starting|start|set up|setup|to open|ouvrir|installation|installer|demarrer|demarrage|"
    r"commencer|debut|lancer|lancement|investissements?|"
    r"investments?|invest|equipment|equipements?|materiel|buy|bought|acheter|achete|achetes|"
    r"achat|achats|purchase|"
    r"renovat\w*|travaux|amenagement|build|construire|construction|deposit|caution|"
    r"first stock|premier stock|stock de depart|initial stock|opening stock|float|"
    r"machines?|freezer|congelateur|congelo|fridge|frigo|refrigerateur|oven|four|"
    r"motorbike|motorcycle|moto|vehicle|vehicule|cart|kiosk|generator|laptop|computer|"
    r"ordinateur|printer|imprimante|tools?|outils?|furniture|mobilier|shelves|etageres|"
    r"display|vitrine|counter|comptoir|stove|cooker|rechaud|pots|marmites?|pans|grill|chairs?|"
    r"tables?|chaises?|fauteuils?|bancs?|kit|lasts?|"
    r"lasting|dure",
    "fixed": r"rent|loyer|loue|louer|location|bail|salary|salaries|salaire|salaires|wages?|"
    r"staff|workers?|employees?|employes?|helpers?|apprentis?|personnel|paie|pay|paye|"
    r"paid|payes?|payees?|touche|touchent|"
    r"electricity|electricite|power|light bill|lights|courant|senelec|steg|nepa|umeme|kplc|"
    r"water|eau|"
    r"gas|gaz|fuel|diesel|carburant|essence|petrol|transport|airtime|phone|telephone|"
    r"internet|data|wifi|insurance|assurance|fees?|security|gardien|watchman|bills?|"
    r"factures?|charges|depenses|expenses|utilities|fixed costs|running costs|operating costs|"
    r"monthly costs|overheads?|frais fixes|charges fixes|ouvriers?|drivers?|chauffeurs?|cooks?|"
    r"cuisinier\w*|serveur\w*|serveuses?|vendeur\w*|vendeuses?|coiffeur\w*|coiffeuses?|"
    r"tailors?|stylists?|barbers?|cleaners?|loaders?",
    "material": r"ingredients?|flour|farine|oil|huile|sugar|sucre|fabric|tissu|feed|"
    r"raw materials?|matieres?|marchandises?|goods|meat|viande|foodstuff",
}
_CUE: Final = {name: re.compile(rf"\b(?:{words})\b") for name, words in _CUES.items()}
# What makes a bare number a sum of money rather than a count of things.
_SUM_BEFORE: Final = frozenset(
    {"own", "lend", "bank", "microfinance", "revenue", "fixed", "unit_cost"}
)
_MONEY_CUES: Final = frozenset(
    {"own", "lend", "bank", "microfinance", "revenue", "cost", "unit_cost", "buy_it", "start",
     "fixed", "material", "price", "supplier", "grant"}
)  # fmt: skip

_PERIOD_WORDS: Final = (
    r"day|days|jour|jours|journee|week|weeks|semaine|semaines|month|months|mois|mo|mth|"
    r"year|years|an|ans|annee|annees|yr|annum|hour|hours|heure|heures|night|nuit|soir|evening"
)
_DAY: Final = re.compile(
    r"(?:\b(?:per|a|an|par|each|every|chaque|by|le|la|the)\s+|/\s*)"
    r"(?:day|jour|journee|night|nuit|soir|evening)\b|"
    r"\bdaily\b|\bquotidien\w*|\bjournali\w*|\b(?:kila|kwa) siku\b"
)
_WEEK: Final = re.compile(
    r"(?:\b(?:per|a|an|par|each|every|chaque|by|la|the)\s+|/\s*)(?:week|semaine)\b|"
    r"\bweekly\b|\bhebdo\w*|\b(?:kila|kwa) wiki\b"
)
_MONTH: Final = re.compile(
    r"(?:\b(?:per|a|an|par|each|every|chaque|by|le|du|the|this|ce)\s+(?:[a-z]+\s+)?|/\s*)"
    r"(?:month|mois|mo|mth)\b|"
    r"\bmonthly\b|\bmensuel\w*|\bp\.?\s?m\b\.?|\b(?:kila|kwa) mwezi\b"
)
_YEAR: Final = re.compile(
    r"(?:\b(?:per|a|an|par|each|every|chaque|by|l|the)\s+|/\s*)(?:year|an|annee|annum)\b|"
    r"\byearly\b|\bannual\w*|\bannuel\w*|\bp\.?\s?a\b\.?"
)
_DAYS_A_WEEK: Final = re.compile(
    r"\b(\d|one|two|three|four|five|six|seven|un|deux|trois|quatre|cinq|six|sept)\s+"
    r"(?:days?|jours?)\s+(?:a|per|par|sur|/|in a|dans la)\s*(?:week|semaine|7)\b"
)
_DAYS_A_MONTH_SAID: Final = re.compile(
    r"\b([12]\d|30|31)\s+(?:days?|jours?)\s+(?:a|per|par|/|by|in a|dans le)\s*(?:month|mois)\b"
)
_SMALL: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
}  # fmt: skip
# Number words that are other words in the other language: "un four" is an oven.
_NOT_COUNTS: Final[dict[Language, frozenset[str]]] = {
    "fr": frozenset({"four", "one", "seven", "eight", "nine", "ten"}),
    "en": frozenset({"sept", "un", "une", "deux", "trois", "cinq", "huit", "neuf", "dix"}),
}

# A figure: digits with their separators, and a scale ("45k", "1,2 million").
_FIGURE: Final = re.compile(
    r"(?<![\d.,])(\d+(?:[.,' ]\d{3})*(?:[.,]\d+)?)"
    r"((?:k|m|mn|bn)\b|\s?(?:k|mille|milles|thousand|millions?|milliards?|mio|mln)\b)?"
)
_COUNT_WORD: Final = re.compile(r"\b(" + "|".join(_SMALL) + r")\b")
# What a number is when it is not an amount: a share, a duration, a measure.
_NOT_AN_AMOUNT: Final = re.compile(
    rf"^\s*(?:%|pour ?cent|per ?cent|percent|pct|(?:{_PERIOD_WORDS})\b)"
)
# A measure ("a 20 litre bottle", "le sac de 50 kg") is no figure, unless it is what is
# sold by the period: "50 litres par jour".
_MEASURE: Final = re.compile(
    r"^\s*(?:kg|lt|litres?|liters?|ml|cl|km|m2|m²|cm|tonnes?|tons?|(?:g|l|t)(?!\s+[a-z]))\b"
)
# What follows a price or a unit cost: "le plat", "a loaf", "per bird", "each".
_EACH: Final = re.compile(
    r"\b(?:each|apiece|chacun|chacune|l un|l une|per person|par personne|par tete|a head|"
    r"the piece|la piece|piece|pieces|l unite|the unit|per unit|par unite)\b"
    rf"(?!\s+(?:{_PERIOD_WORDS})\b)"  # "each month" is a period
)
_PER_UNIT_AFTER: Final = re.compile(
    r"^\s*(?:(?:per|par|/)\s*|(?:a|an|le|la|l)\s+)"
    rf"(?!(?:{_PERIOD_WORDS}|la|le|les|un|une|the|my|ma|mon|mes|our|nos)\b)(?!\d)[a-z]{{2,}}"
)
_PER_NOUN: Final = re.compile(rf"\b(?:per|par)\s+(?!(?:{_PERIOD_WORDS})\b)[a-z]{{3,}}")
_EACH_BEFORE: Final = re.compile(
    r"\b(?:each|every|chaque|per|for one|for each|pour un|pour une|pour chaque)\s+"
    rf"(?!(?:{_PERIOD_WORDS})\b)[a-z]{{3,}}\b"
)
_ONE_BEFORE: Final = re.compile(r"\b(?:one|1)\s+[a-z]{3,}\b")
_UN_BEFORE: Final = re.compile(r"\b(?:un|une)\s+[a-z]{3,}\b")
_IS: Final = re.compile(r"(?:\b(?:na|is|est)|=)\s*$")  # "one stick na 500"
_LEAD_IN: Final = re.compile(r"(?:\b(?:at|a|for|pour|de|du|of|is|est|of|to|soit)\s+)+$")
_TIMES_SIGN: Final = re.compile(r"^\s*(?:[a-z]+\s+){0,3}[x×*]\s*$")  # "4 workers x 250k"
_HAVE: Final = re.compile(
    r"\b(?:have|i ve got|i got|i get|we ve got|j ai|nous avons|on a|i put in|"
    r"i only have|i have only|je n ai que|n ai que|nous n avons que|putting in|put in|"
    r"i m putting|i am putting|j apporte|j investis|i invest|i m investing|je dispose de|"
    r"dispose de|nous disposons de|"
    r"i am using|i m using|we re using|mets|je mets)\s+(?:about |around |environ |deja |already |"
    r"only |seulement |juste )?(?:[^\s\d]{1,4}\s?)?$"
)
_GROWTH: Final = re.compile(r"\+\s*\d|\b(?:grow\w*|croiss\w*|augment\w*|hausse|increase\w*)\b")


def prepare(text: str) -> str:
    """Lowercase and accent-free, apostrophes and hyphens between letters as spaces,
    letter for letter: a position in it is the same position in ``text``."""
    out = []
    for char in text.lower():
        bare = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(bare if len(bare) == 1 else char)
    prepared = "".join(out)
    prepared = re.sub(r"['’‘`´ʼ]", " ", prepared)
    prepared = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", prepared)
    prepared = re.sub(r"[\u00a0\u202f\u2007\u2009\u200a\t]", " ", prepared)
    # "between 30 and 40", "entre 40 000 et 60 000": the joiner is no clause boundary
    return _RANGE.sub(lambda m: m.group(1) + RANGE_MARK * len(m.group(2)) + m.group(3), prepared)


RANGE_MARK: Final = "~"
_NUMBER: Final = r"\d+(?:[.,' ]\d{3})*(?:[.,]\d+)?(?:\s?(?:k|m|mille|millions?))?"
_RANGE: Final = re.compile(
    rf"(\b(?:between|entre|from|de)\s+{_NUMBER}\s*(?:[^\s\d]{{1,4}}\s)?)(and|et|to|a)(\s+{_NUMBER})"
)


def cues(text: str) -> frozenset[str]:
    """The cue classes a piece of prepared text holds."""
    return frozenset(name for name, pattern in _CUE.items() if pattern.search(text))


# ------------------------------------------------------------------ structure


@dataclass(slots=True)
class _Figure:
    start: int  # positions in the sentence's text
    end: int  # after the number, its scale and a currency written after it
    value: Decimal
    currency: str | None
    money: bool  # a currency or a scale says it is an amount
    times: int | None = None  # "3 staff at 40k each": the count it is multiplied by


@dataclass(slots=True)
class _Fragment:
    start: int  # in the whole text
    text: str  # prepared
    figures: list[_Figure]
    context: str = ""  # the figure-less fragments around it, for their words


@dataclass(slots=True)
class _Reader:
    original: str
    language: Language
    currency: str | None
    facts: list[Fact] = field(default_factory=list)
    growth: Decimal | None = None

    @property
    def units_seen(self) -> bool:
        return any(fact.role == "units" for fact in self.facts)

    @property
    def price_seen(self) -> bool:
        return self.price is not None

    @property
    def price(self) -> Decimal | None:
        return next((fact.value for fact in self.facts if fact.role == "price"), None)


@dataclass(frozen=True, slots=True)
class Reading:
    facts: tuple[Fact, ...]
    growth_pct: Decimal | None  # "+5 % par mois", "growing 10% a month"


def read(text: str, *, language: Language, currency: str | None) -> Reading:
    """The facts a money answer states, in the order it states them."""
    reader = _Reader(text, language, currency)
    prepared = prepare(text)
    for start, end in _spans(_SENTENCE_ENDS, prepared, 0, len(prepared)):
        _read_sentence(reader, prepared, start, end)
    return Reading(tuple(_resold(_priced(reader.facts))), reader.growth)


def _priced(facts: list[Fact]) -> list[Fact]:
    """ "Le gobelet à 100 F, environ 400 gobelets par jour": a sum written after the
    very thing that is counted (or costed) per unit is its price."""
    if any(fact.role == "price" for fact in facts):
        return facts
    sold = {_stem(f.noun) for f in facts if f.role in ("units", "unit_cost") and f.noun}
    for index, fact in enumerate(facts):
        # "Un plateau de gâteaux à 60 DT": the thing may come a few words before
        text = prepare(fact.text)
        words = {_stem(word) for word in re.findall(r"[a-z]{3,}", text)}
        if fact.role == "investment" and words & sold and "cost" not in cues(text):
            facts[index] = replace(fact, role="price", sure=True)
            break
    return facts


def _stem(word: str) -> str:
    """ "sandwichs", "gobelets", "sessions": the singular, roughly."""
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _resold(facts: list[Fact]) -> list[Fact]:
    """ "I buy a crate at 400 cedis and sell it at 550", "I buy from farmers at 40": a
    purchase below the price said is what each sale costs, not a start-up purchase; so
    is a sum below the price that nothing tells apart."""
    price = next((fact.value for fact in facts if fact.role == "price"), None)
    if price is None or any(fact.role == "unit_cost" for fact in facts):
        return facts
    for index, fact in enumerate(facts):
        # bought to be sold, or a sum with no clue at all ("Poulet + charbon = 2 800 F")
        resale = _BUY.search(prepare(fact.text)) is not None or not fact.sure
        if fact.role == "investment" and resale and fact.value < price:
            facts[index] = replace(fact, role="unit_cost")
            break
    return facts


_SENTENCE_END: Final = re.compile(r"[.!?]+(?=\s|$)|[;\n]+")


class _SentenceEnd:
    """Where sentences end, but for the dot of a currency written short before its
    amount ("Ksh. 250", "Sh. 600,000", "Frs. 2 000")."""

    def finditer(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        for match in _SENTENCE_END.finditer(text, start, end):
            word = re.search(r"([^\s\d.]+)$", text[: match.start()])
            named = word is not None and currency_words.lookup(word.group(1), glued_to_number=False)
            if named and re.match(r"\s*\d", text[match.end() :]):
                continue
            yield match


_SENTENCE_ENDS: Final = _SentenceEnd()
_FRAGMENT_SPLIT: Final = re.compile(
    r",(?!\d)|:|[()\[\]]|\s\+\s|\s(?:and|et|but|mais|puis|then|so|donc|while|alors)\s"
    # "na" joins two things in Swahili and Pidgin ("savings 40k na chama loan 60k"); before
    # a figure it is Pidgin's "is" ("one stick na 500"), which stays
    r"|\sna\s(?=[a-z])"
    # a purpose: "give me 3,000 | to buy a machine costing 3,000"
    r"|\s(?=(?:to|pour|in order to|afin d)\s+(?:buy|build|pay|open|start|acheter|payer|"
    r"construire|ouvrir|demarrer|commencer|renovate|renover)\b)"
)


def _spans(
    separator: re.Pattern[str] | _SentenceEnd, text: str, start: int, end: int
) -> Iterator[tuple[int, int]]:
    """The stretches of ``text[start:end]`` between separators, blanks trimmed."""
    position = start
    for match in separator.finditer(text, start, end):
        yield from _trimmed(text, position, match.start())
        position = match.end()
    yield from _trimmed(text, position, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _fragments(reader: _Reader, text: str, start: int, end: int) -> list[_Fragment]:
    """A sentence's fragments that hold figures, each with the figure-less words around it
    ("Trois femmes m'aident, je paie chacune 35 000": the count comes along)."""
    out: list[_Fragment] = []
    pending: list[str] = []
    for begin, stop in _spans(_FRAGMENT_SPLIT, text, start, end):
        part = text[begin:stop]
        figures = _figures(part, reader.language, reader.currency)
        if not figures:
            pending.append(part)
            continue
        out.append(_Fragment(begin, part, figures, " ".join(pending)))
        pending = []
    if pending and out:
        out[-1].context = f"{out[-1].context} {' '.join(pending)}".strip()
    return out


def _figures(part: str, language: Language, currency: str | None) -> list[_Figure]:
    found: list[_Figure] = []
    for words in _word_amounts(part):
        found.append(_Figure(words.start, words.end, words.value, None, money=True))
    for match in _FIGURE.finditer(part):
        after = part[match.end() :]
        if re.match(r"^\s*%", after) or (_NOT_AN_AMOUNT.match(after) and not match.group(2)):
            continue  # a share, a duration
        if _MEASURE.match(after) and _period(_head(after), DAYS_A_MONTH) is None:
            continue
        parsed = parse_amount(match.group(0), language=language, session_currency=currency)
        if parsed is None or parsed.value <= 0:
            continue
        named, begin, end = _currency_around(part, match.start(), match.end(), currency)
        found.append(
            _Figure(
                start=begin,
                end=end,
                value=parsed.value,
                currency=named,
                money=named is not None or bool(match.group(2)),
            )
        )
    found.sort(key=lambda figure: figure.start)
    return _ranges(part, found)


def _ranges(part: str, found: list[_Figure]) -> list[_Figure]:
    """ "between 30 and 40 cars a day", "25-30 a day": one figure, the middle."""
    out: list[_Figure] = []
    for figure in found:
        previous = out[-1] if out else None
        between = part[previous.end : figure.start] if previous is not None else ""
        if previous is not None and re.fullmatch(rf"\s*(?:{RANGE_MARK}+|-|–|to)\s*", between):
            low, high = previous.value, figure.value
            if previous.value < figure.value / 100:  # "2 to 3 million": the same scale
                scale = Decimal(1000)
                while previous.value * scale * 1000 <= figure.value:
                    scale *= 1000
                low = previous.value * scale
            previous.value = (low + high) / 2
            previous.end = figure.end
            previous.money = previous.money or figure.money
            previous.currency = previous.currency or figure.currency
            continue
        out.append(figure)
    return out


@dataclass(frozen=True, slots=True)
class _WordAmount:
    start: int
    end: int
    value: Decimal


_NUMBER_WORDS: Final = sorted(
    {*UNITS, *HUNDREDS, *SCALES, "half", "demi", "a", "an", "un", "une", "et", "and"},
    key=len,
    reverse=True,
)
_WORDS_RUN: Final = re.compile(
    r"\b(?:" + "|".join(_NUMBER_WORDS) + r")(?:\s+(?:" + "|".join(_NUMBER_WORDS) + r"))+\b"
)


def _word_amounts(part: str) -> Iterator[_WordAmount]:
    """Amounts written in words: "half a million", "cent cinquante mille"."""
    for match in _WORDS_RUN.finditer(part):
        words = match.group(0).split()
        after_digits = re.search(r"\d\s?$", part[: match.start()]) is not None
        if after_digits or words[0] in SCALES or not set(words) & {*HUNDREDS, *SCALES}:
            continue  # "2,5 millions a": the digits' own scale
        parsed = parse_amount(" ".join(words))
        if parsed is not None and parsed.value >= 100:
            yield _WordAmount(match.start(), match.end(), parsed.value)


_WORD_BEFORE: Final = re.compile(r"([^\s\d]+)(\s?)$")
_WORD_AFTER: Final = re.compile(r"^(\s?)([^\s\d,.;:()/]+)")


def _currency_around(
    part: str, start: int, end: int, session: str | None
) -> tuple[str | None, int, int]:
    """The currency written next to a number ("KSh 25,000", "1 500 FCFA", "R350",
    "GH₵ 45"), and where the figure starts and ends with it."""
    before = _WORD_BEFORE.search(part[:start])
    if before is not None:
        word, space = before.group(1), before.group(2)
        for candidate in (word, word[-1:]):
            named = currency_words.lookup(candidate, glued_to_number=not space)
            if named is not None:
                begin = before.start()  # "GH₵ 45": the whole word, not only "₵"
                return currency_words.resolve(named, session)[0] or session, begin, end
    after = _WORD_AFTER.search(part[end:])
    if after is not None:
        named = currency_words.lookup(after.group(2), glued_to_number=False)
        if named is not None:
            code = currency_words.resolve(named, session)[0] or session
            return code, start, end + after.end()
    return None, start, end


# ------------------------------------------------------------------ roles


@dataclass(slots=True)
class _Sentence:
    cues: frozenset[str]  # of the whole sentence
    heading_cues: frozenset[str]  # the words before a colon frame the list after it
    heading_period: Decimal | None
    day_factor: Decimal
    last_role: Role | None = None
    starts: bool = False  # the sentence speaks of starting, needing, buying
    previous: _Fragment | None = None


def _read_sentence(reader: _Reader, text: str, start: int, end: int) -> None:
    sentence = text[start:end]
    heading = sentence.split(":", 1)[0] if ":" in sentence else ""
    days = _DAYS_A_WEEK.search(sentence)
    day_factor = DAYS_A_MONTH
    if days is not None:
        raw = days.group(1)
        day_factor = WEEKS_A_MONTH * (int(raw) if raw.isdigit() else _SMALL[raw])
    worked = _DAYS_A_MONTH_SAID.search(sentence)
    if worked is not None:  # "300 DH par jour, 26 jours par mois"
        day_factor = Decimal(worked.group(1))
    state = _Sentence(cues(sentence), cues(heading), _period(heading, DAYS_A_MONTH), day_factor)
    state.starts = "start" in state.heading_cues
    first = len(reader.facts)
    heading_facts: list[Fact] = []
    for fragment in _fragments(reader, text, start, end):
        count = len(reader.facts)
        _read_fragment(reader, state, fragment)
        if heading and fragment.start < start + len(heading):
            heading_facts += reader.facts[count:]
        # "300 plats par mois, +5 % par mois": the rate has no figure of its own, so it
        # comes with the fragment's words around it
        around = f"{fragment.context} {fragment.text}"
        growth = _GROWTH_RATE.search(around)
        if growth is not None and _GROWTH.search(around):
            rate = Decimal(growth.group(1).replace(",", "."))
            yearly = _YEAR.search(_head(around[growth.end() :], 4)) is not None
            reader.growth = (rate / 12).quantize(Decimal("0.01")) if yearly else rate
    if "start" in cues(sentence):
        # "Un fourneau à 80 000 et des moules à 40 000 pour commencer": a sum with no
        # clue of its own is a purchase when its sentence speaks of starting.
        for index in range(first, len(reader.facts)):
            reader.facts[index] = replace(reader.facts[index], sure=True)
    _drop_totals(reader.facts, first, heading_facts)


def _drop_totals(facts: list[Fact], first: int, heading_facts: list[Fact]) -> None:
    """A total said with its parts counts once: "Il me faut 1,2 million pour démarrer :
    une moto à 750 000 et le premier stock à 450 000", "..., total 150,000"."""
    said = facts[first:]
    for fact in said:
        if fact not in heading_facts and not _TOTAL.search(fact.text.lower()):
            continue
        parts = [other.value for other in said if other is not fact and other.role == fact.role]
        if len(parts) >= 2 and abs(sum(parts, Decimal(0)) - fact.value) <= fact.value / 100:
            facts.remove(fact)
            return


_TOTAL: Final = re.compile(r"\b(?:total|in all|altogether|en tout|au total|soit)\b")


_GROWTH_RATE: Final = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


def _period(text: str, day_factor: Decimal) -> Decimal | None:
    """How many of the period the text names make a month (None: no period)."""
    if _MONTH.search(text):
        return Decimal(1)
    if _WEEK.search(text):
        return WEEKS_A_MONTH
    if _DAY.search(text):
        return day_factor
    if _YEAR.search(text):
        return Decimal(1) / 12
    return None


def _read_fragment(reader: _Reader, state: _Sentence, fragment: _Fragment) -> None:
    text = fragment.text
    if "start" in cues(fragment.context):
        state.starts = True  # "I will buy a new pan and a gas burner for 350,000"
    selling = "sale" in state.cues and not cues(text) & {"start", "fixed", "cost", "buy_it"}
    _multiply_counts(fragment, reader.language, selling=selling, previous=state.previous)
    state.previous = fragment
    previous_end = 0
    for index, figure in enumerate(fragment.figures):
        following = fragment.figures[index + 1] if index + 1 < len(fragment.figures) else None
        # This figure's piece of text: from the end of the previous piece to the words
        # after it, up to the lead-in ("at", "à", "for") of the next figure.
        stop = len(text) if following is None else _lead_in_start(text, figure.end, following.start)
        piece = _Piece(
            text=text[previous_end:stop],
            before=text[previous_end : figure.start],
            after=text[figure.end : stop],
            original=reader.original[fragment.start + previous_end : fragment.start + stop],
        )
        if figure.times == 0:
            continue  # a count the amount after it is multiplied by: its words go along
        fact = _fact(reader, state, fragment, figure, piece)
        if fact is None:
            continue  # "1 poulet = 4 000 F": a count that is no fact, its words go along
        previous_end = stop
        reader.facts.append(fact)
        state.last_role = fact.role
    if "start" in cues(text) and state.last_role == "investment":
        state.starts = True  # "I need a machine for 45,000 and thread for 30,000"


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str  # prepared
    before: str  # from the piece's start to the figure
    after: str  # from the figure to the piece's end
    original: str  # as the person wrote it, for labels


def _lead_in_start(text: str, end: int, following: int) -> int:
    between = text[end:following]
    lead = _LEAD_IN.search(between)
    return end + (lead.start() if lead is not None else len(between))


def _multiply_counts(
    fragment: _Fragment, language: Language, *, selling: bool, previous: _Fragment | None
) -> None:
    """ "3 staff at 40k each", "salaires 2 x 60 000", "deux aides à 40 000 chacune":
    the amount is a count times itself, and the count is no figure of its own. Not
    where things are sold: "30 kapoaka à 500 Ar chacun" are a volume and a price."""
    text = fragment.text
    for index, figure in enumerate(fragment.figures):
        after = text[figure.end :]
        each = bool(_EACH.search(_head(after)))
        found = _count_before(fragment, index, language)
        if found is None:
            each = each or bool(_EACH.search(text[: figure.start]))
            count = _context_count(fragment.context, language) or _trailing_count(previous)
            if each and count and not selling:
                # "Trois femmes m'aident, je paie chacune 35 000", "2 chairs (1.2m each)"
                figure.times = count
            continue
        count, count_end, count_figure = found
        if count < 2:
            continue  # "un apprenti 30 000", "le prix d'une coupe est de 1000"
        between = text[count_end : figure.start]
        if _period(between, DAYS_A_MONTH) is not None:
            continue  # "120 loaves a day at 800": a volume and a price
        each = each or bool(_EACH.search(between))  # "2 staff each 30,000"
        people_at = count <= 50 and bool(_PEOPLE_AT.fullmatch(between))
        if _TIMES_SIGN.fullmatch(between) or ((each or people_at) and not selling):
            figure.times = count
            if count_figure is not None:
                count_figure.times = 0
        elif (
            count_figure is not None
            and not selling
            and _COUNTED_THEN.fullmatch(between)
            and _counted_noun(between)
            and figure.value >= 100 * count
        ):
            count_figure.times = 0  # "salaires des 8 femmes 480 000": their pay in all


_PEOPLE_AT: Final = re.compile(r"\s*(?:[a-z]+\s+){1,3}(?:at|a|de|of)\s*")
_COUNTED_THEN: Final = re.compile(r"\s*(?:[a-z]+\s+){1,2}")  # "8 femmes 480 000"


def _trailing_count(previous: _Fragment | None) -> int | None:
    """ "I need 2 more chairs (1.2m each)": the count that closed the fragment before."""
    if previous is None or not previous.figures:
        return None
    last = previous.figures[-1]
    after = previous.text[last.end :]
    whole = last.value == last.value.to_integral_value()
    if last.money or not whole or not 1 < last.value <= 50 or not _counted_noun(after):
        return None
    return int(last.value)


def _context_count(context: str, language: Language) -> int | None:
    """The last small count of the words around a fragment ("two more chairs")."""
    found = [
        int(raw) if raw.isdigit() else _SMALL[raw]
        for raw in re.findall(r"\b(\d{1,2}|[a-z]+)\b(?!\s*%)", context)
        if raw.isdigit() or (raw in _SMALL and raw not in _NOT_COUNTS[language])
    ]
    return found[-1] if found and found[-1] > 1 else None


def _count_before(
    fragment: _Fragment, index: int, language: Language
) -> tuple[int, int, _Figure | None] | None:
    """The count written just before figure ``index`` ("3", "two", "deux"), if any, with
    where it ends and its figure (None for a word)."""
    figure = fragment.figures[index]
    start = fragment.figures[index - 1].end if index else 0
    if index:
        previous = fragment.figures[index - 1]
        whole = previous.value == previous.value.to_integral_value()
        if not previous.money and whole and previous.value <= 1000:
            return int(previous.value), previous.end, previous
        return None
    words = [
        match
        for match in _COUNT_WORD.finditer(fragment.text, start, figure.start)
        if match.group(1) not in _NOT_COUNTS[language]
    ]
    if words:
        return _SMALL[words[-1].group(1)], words[-1].end(), None
    return None


def _head(after: str, words: int = 5) -> str:
    """The first few words after a figure, where its unit is written."""
    return " ".join(after.split()[:words])


def _subscribers(reader: _Reader, after: str) -> bool:
    """Whether a count is of what a price per month is charged for: its customers."""
    counted = re.match(r"^\s*([a-z]{3,})", after)
    for fact in reader.facts:
        if fact.role == "price" and fact.noun and counted is not None:
            monthly = _MONTH.search(prepare(fact.text)) is not None
            if monthly and _stem(fact.noun) == _stem(counted.group(1)):
                return True
    return False


def _counted_noun(after: str) -> bool:
    """Whether a number is followed by the things it counts ("40 plates", "2 000
    sachets d'eau"), not by a period, a money word or a preposition."""
    match = re.match(r"^\s*([a-z]{3,})", after)
    if match is None:
        return False
    word = match.group(1)
    if currency_words.lookup(word, glued_to_number=False) is not None:
        return False
    # "4 workers" are counted; "20,000 saved", "15,000 repayable" are sums of money.
    if cues(word) & {"own", "lend", "bank", "microfinance", "revenue", "repay", "profit"}:
        return False
    return word not in _NOT_NOUNS and not re.fullmatch(_PERIOD_WORDS, word)


_NOT_NOUNS: Final = frozenset(
    {"pour", "for", "from", "with", "avec", "sans", "without", "aux", "the", "les", "des", "par",
     "per", "each", "and", "but", "total", "about", "around", "environ", "only", "seulement",
     "including", "dont", "chacun", "chacune", "apiece", "all", "tout", "net", "brut", "gross",
     "cash", "comptant", "monthly", "daily", "weekly", "mensuel", "mensuels", "mensuelle",
     "mensuelles", "sur", "over", "into", "via", "chez", "dans", "sous", "qui", "que", "which",
     "that", "this", "these", "then", "when", "quand", "avant", "before", "after", "apres",
     "est", "sont", "are", "was", "were", "will", "can", "could", "would", "should", "sera",
     "seront", "plus", "fois", "times", "because", "car", "since", "depuis", "until", "jusqu",
     "upfront", "now", "already", "deja", "une", "soit", "not", "pas", "also", "aussi",
     "too", "again", "encore", "left", "reste", "rest", "remaining", "restant", "maximum",
     "mon", "mes", "my", "our", "notre", "nos", "his", "her", "son", "ses", "leur", "their",
     "minimum", "max", "min", "approx", "roughly", "nearly", "almost", "presque"}
)  # fmt: skip


def _fact(
    reader: _Reader, state: _Sentence, fragment: _Fragment, figure: _Figure, piece: _Piece
) -> Fact | None:
    value = figure.value * (figure.times or 1)
    levels = [cues(piece.text), cues(fragment.text), cues(fragment.context), state.heading_cues]
    # The nearest words that say what the figure is about; selling and making are verbs
    # of the whole sentence rather.
    near = next((level for level in levels if level - {"earn", "sale"}), frozenset())
    verbs = frozenset().union(*levels) & {"earn", "sale", "price"}
    after, before = piece.after, piece.before
    period = _period(after, state.day_factor) or _period(before, state.day_factor)
    counted = _counted_noun(after)
    owned_goods = re.match(r"^\s*(?:de|d|of|in|en)\s+([a-z]+)", after)
    goods = owned_goods is not None and "own" not in cues(_head(after, 4))
    # "j'ai 200 000 d'économies" is money; "j'ai déjà 500 000 de stock" is goods
    have = _HAVE.search(before) is not None and not counted and not goods
    if goods and _HAVE.search(before) is not None:
        return None  # what one already owns is neither money nor a purchase
    # A money word before the number ("rent 25", "loan 15,000 repayable") says it is a
    # sum; a noun after it ("40 plates", "100 sacs") that it counts things.
    said_before = bool(cues(before) & _SUM_BEFORE)
    money = figure.money or have or said_before or (bool(near & _MONEY_CUES) and not counted)
    if not money and counted and period is None and "sale" in state.cues:
        # "30 kapoaka à 500 Ar chacun par jour": the period closes the fragment
        period = _period(fragment.text[figure.end :], state.day_factor)
    if not money and not counted and reader.units_seen:
        money = True  # one volume a paragraph: "la place c'est 10 000 par mois" is a sum
    if not money and period is not None:
        return _make("units", value * period, piece, figure)
    if not money and counted:
        if _subscribers(reader, after):  # "R500 per learner per month, 20 learners"
            return _make("units", value, piece, figure)
        return None  # "100 sacs", "45 enfants": things counted, no period
    if "profit" in levels[0] or ("repay" in levels[0] and period is not None):
        return None  # a profit, an instalment: not what the plan starts from
    lenders = (levels[0] | levels[1]) & {"lend", "bank", "microfinance"}
    own: tuple[Role, FinancingKind] = ("own", "own_savings")
    financing = own if have and not lenders else _financing(near, have)
    if financing is not None:
        source, kind = financing
        return _make(source, value, piece, figure, kind=kind)
    if period is None and not near & {"own", "lend"}:
        period = state.heading_period
    per_unit = not figure.times and (
        bool(_PER_UNIT_AFTER.match(after))
        or bool(_EACH.search(_head(after)))
        or bool(_PER_NOUN.search(_head(after)))
        or bool(_EACH_BEFORE.search(before))
        or (
            bool(_ONE_BEFORE.search(before))
            and (bool(cues(piece.text) & {"sale", "cost", "material"}) or bool(_IS.search(before)))
        )
        # "un"/"une" is mostly an article: "une brique = 250 F", not "une machine coûte"
        or (
            bool(_UN_BEFORE.search(before))
            and ("sale" in cues(piece.text) or bool(_IS.search(before)))
        )
    )
    bought_to_sell = "buy_it" in near  # "I buy it at 24,000", "je l'achète à 19 500"
    if per_unit or bought_to_sell:
        # "costs me 700 a plate", "je l'achète à 19 500"; the first other unit figure is
        # the price, a second one its cost ("Ingrédients 600 F la portion").
        sold_here = "sale" in levels[0]  # "une tenue coûte 15 000 F au client"
        costed = near & {"cost", "unit_cost"} or bought_to_sell or _BUY.search(piece.text)
        if costed and not sold_here:
            return _make("unit_cost", value, piece, figure)  # "I buy sukuma at 20 a bunch"
        if verbs & {"sale", "price"}:
            # A second selling price is another product's: the first one stands.
            return None if reader.price_seen else _make("price", value, piece, figure)
        first = not reader.price_seen and "material" not in near
        return _make("price" if first else "unit_cost", value, piece, figure)
    if "unit_cost" in near:
        return _make("unit_cost", value, piece, figure)
    sold_alone = "sale" in levels[0] and not levels[0] & {"start", "fixed", "own"}
    if period is None and sold_alone and not reader.price_seen:
        return _make("price", value, piece, figure)  # "une tenue coûte 15 000 F au client"
    if state.last_role == "units" and not reader.price_seen and _SOLD_AT.search(before):
        return _make("price", value, piece, figure)  # "300 pains par jour à 150 F"
    sold_here = "sale" in levels[0] | levels[1] | levels[2]
    if (period is None and not figure.times) and (
        (sold_here and _SOLD_AT.search(before)) or ("price" in near and "revenue" not in near)
    ):
        return _make("unit_cost" if reader.price_seen else "price", value, piece, figure)
    if period is not None:
        own_verb = levels[0] & {"earn", "sale"} and not levels[0] & {"fixed", "cost"}
        if (
            "revenue" in near
            or own_verb
            or (verbs & {"earn", "sale"} and not near & {"fixed", "cost"})
        ):
            return _make("revenue", value * period, piece, figure)
        if "material" in near and "fixed" not in near:
            return _make("variable", value * period, piece, figure)
        return _make("fixed", value * period, piece, figure, count=figure.times)
    if "revenue" in near and not near & {"fixed", "start"}:
        if state.last_role in ("fixed", "investment"):  # "rent 800, one sales girl 1,000"
            return _make(state.last_role, value, piece, figure, count=figure.times)
        return None  # a sales total with no period: a month, a year?
    if "fixed" in near and "start" not in near and not state.starts:
        return _make("fixed", value, piece, figure, count=figure.times)
    own_words = (levels[0] | levels[1] | levels[2]) - {"earn", "sale"}
    if not own_words and state.last_role in ("fixed", "investment"):
        # "Costs: rent 60,000, 3 staff at 35,000, detergents 50,000": the list's role
        return _make(state.last_role, value, piece, figure, count=figure.times)
    price = reader.price
    if "cost" in near and price is not None and value < price:
        return _make("unit_cost", value, piece, figure)  # "le litre me coûte 350 F"
    if near & {"start", "cost", "material"} or state.starts:
        return _make("investment", value, piece, figure)
    if "sale" in state.cues and not reader.price_seen and not near:
        return _make("price", value, piece, figure)  # "assiette 500f, je peux vendre 80"
    if state.last_role == "fixed":
        return _make("fixed", value, piece, figure, count=figure.times)
    if state.last_role == "investment":
        return _make("investment", value, piece, figure)
    if state.last_role in FINANCING_ROLES:
        return None  # "I have 30,000 and the rest, 90,000": whose?
    return _make("investment", value, piece, figure, sure=False)


_BUY: Final = re.compile(r"\b(?:buy|buys|bought|buying|achete|achetes|achetons|acheter)\b")
_SOLD_AT: Final = re.compile(r"\b(?:at|a|for|pour|de)\s*$")


def _financing(near: frozenset[str], have: bool) -> tuple[Role, FinancingKind] | None:
    """Whose money it is: the person's, lent, or given."""
    kind: FinancingKind | None = None
    for cue, named in _LENDERS:
        if cue in near:
            kind = named
            break
    if "grant" in near and "lend" not in near:
        return "gift", "grant"
    if (
        "lend" in near
        or kind in ("bank_loan", "microfinance")
        or ("supplier" in near and "cost" not in near)
    ):
        return "loan", kind or "bank_loan"
    if kind is not None and kind != "other" and not near & {"start", "fixed", "cost", "revenue"}:
        return "gift", kind
    if "own" in near or have:
        return "own", "own_savings"
    return None


_LENDERS: Final[tuple[tuple[str, FinancingKind], ...]] = (
    ("bank", "bank_loan"),
    ("microfinance", "microfinance"),
    ("tontine", "tontine"),
    ("family", "family"),
    ("supplier", "other"),
)


def _make(
    role: Role,
    value: Decimal,
    piece: _Piece,
    figure: _Figure,
    *,
    kind: FinancingKind | None = None,
    count: int | None = None,
    sure: bool = True,
) -> Fact:
    if role == "units":
        value = value.quantize(Decimal("0.01")).normalize()
    noun = _noun_of(piece)
    return Fact(role, value, piece.original.strip(), figure.currency, kind, count, sure, noun)


def _noun_of(piece: _Piece) -> str | None:
    """The thing a figure is about: the noun it counts ("40 plates"), its unit ("per
    plate", "le plat"), or the noun just before it ("sandwich à 25 DH")."""
    after = re.match(
        r"^\s*(?:(?:per|par|a|an|le|la|l|each|chaque)\s+|/\s*)?([a-z]{3,})", piece.after
    )
    word = after.group(1) if after is not None else ""
    if word and not re.fullmatch(_PERIOD_WORDS, word) and word not in _NOT_NOUNS and not cues(word):
        return word
    each = _EACH_BEFORE.search(piece.before)  # "chaque repas me revient à 150 F"
    if each is not None:
        return each.group(0).split()[-1]
    before = re.search(r"([a-z]{3,})\s+(?:at|a|is|est|for|pour|=|:|na)?\s*$", piece.before)
    return before.group(1) if before is not None else None
