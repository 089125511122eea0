"""Typed chat, made fit for a document: what a brief and a website may quote.

People answer the coach as they text: "Sorry. we sell quality mitumba...", "ok so
in 5yrs we want to hv a shop in gikomba na ...", "bon ben on vend ds tt le
quartier". The coach judges that text as typed; a business brief, which a bank
reads and a website publishes, needs it as the business would write it. This
module does the mechanical part, the same way for every answer:

- apologies and chat openers are dropped at the start of every sentence ("sorry",
  "ok so", "well", "aki", "bon", "euh", "donc voilà"), hesitations anywhere and
  chat tags at the end ("lol", "quoi", "you know");
- SMS spellings of the text's language are written out ("hv" -> "have", "r" ->
  "are", "5yrs" -> "5 years"; "pr" -> "pour", "bcp" -> "beaucoup", "jsp" -> "je
  ne sais pas");
- in English, the Swahili/Sheng connective "na" between two lowercase English
  words reads "and" ("good quality na customer service"); a capitalised name
  ("Mama na Mtoto") or a phrase of local words ("chai na mandazi") keeps it;
- a small word typed twice in a row ("the the") and a second degree adverb close
  to a first ("mainly serve mostly") are dropped; reduplication ("pole pole",
  "ndank ndank") means something and is kept;
- places the gazetteer knows, typed in lowercase, take their spelling
  ("gikomba" -> "Gikomba", :func:`genesis.core.coach.places.spell_places`);
- every sentence starts with a capital, and "i" is "I".

It never rewrites meaning: words it does not know are kept as typed.
"""

from __future__ import annotations

import re
from typing import Final

from genesis.core.coach.places import spell_places
from genesis.core.coach.types import Language

# --- openers, hesitations, tags -------------------------------------------------------

# Longest first, so "ok so" goes before "ok", "donc voilà" before "donc".
_OPENERS: Final = tuple(
    sorted(
        {
            # English, and the openers of East and West African chat in English.
            "sorry",
            "so sorry",
            "i'm sorry",
            "im sorry",
            "apologies",
            "my apologies",
            "excuse me",
            "pardon me",
            "ok so",
            "okay so",
            "ok",
            "okay",
            "so",
            "well",
            "well well",
            "basically",
            "honestly",
            "actually",
            "anyway",
            "i mean",
            "you know",
            "yeah",
            "yes",
            "oh",
            "ah",
            "eh",
            "eeh",
            "aki",
            "aki ya mungu",
            "sasa",
            "sawa",
            "kwani",
            "ehe",
            "abeg",
            "oya",
            "haha",
            "lol",
            "um",
            "uh",
            "hmm",
            "erm",
            "euh",
            "heu",
            "hum",
            # French, and Nouchi/Camfranglais openers.
            "désolé",
            "désolée",
            "desole",
            "desolee",
            "dsl",
            "pardon",
            "excusez-moi",
            "excuse-moi",
            "bon",
            "bon ben",
            "bon bah",
            "bon alors",
            "ben",
            "bah",
            "alors",
            "donc",
            "donc voilà",
            "donc voila",
            "voilà",
            "voila",
            "en fait",
            "bref",
            "ouais",
            "oui",
            "hein",
            "weh",
            "eh bien",
        },
        key=len,
        reverse=True,
    )
)
_OPENER: Final = re.compile(
    r"(?:" + "|".join(re.escape(o) for o in _OPENERS) + r")(?![\w'’-])[\s,.;:!…-]*",
    re.IGNORECASE,
)
_HESITATION: Final = re.compile(r"\b(?:euh+|heu+|hum+|hmm+|umm*|uhh*|erm)\b[\s,.]*", re.IGNORECASE)
_TRAILING_TAG: Final = re.compile(
    r"[\s,]+(?:quoi|hein|voil[aà]|lol|mdr|tu vois|you know|sha|o)\s*([.!?…]*)\s*$",
    re.IGNORECASE,
)
# A sentence starts at the start of the text or after . ! ? or a line break.
_SENTENCE_START: Final = re.compile(r"(?:^|(?<=[.!?…])\s+|\n+)")

# --- SMS spellings ---------------------------------------------------------------------

_SMS: Final[dict[Language, dict[str, str]]] = {
    "en": {
        "hv": "have",
        "hav": "have",
        "r": "are",
        "u": "you",
        "ur": "your",
        "urs": "yours",
        "bcz": "because",
        "bcoz": "because",
        "bcos": "because",
        "becoz": "because",
        "coz": "because",
        "cuz": "because",
        "pple": "people",
        "ppl": "people",
        "tmrw": "tomorrow",
        "tmr": "tomorrow",
        "2moro": "tomorrow",
        "2day": "today",
        "b4": "before",
        "yrs": "years",
        "yr": "year",
        "mnths": "months",
        "mths": "months",
        "wks": "weeks",
        "thx": "thanks",
        "thnx": "thanks",
        "pls": "please",
        "plz": "please",
        "gud": "good",
        "gr8": "great",
        "wat": "what",
        "wen": "when",
        "dat": "that",
        "wid": "with",
        "nd": "and",
        "n": "and",
        "abt": "about",
        "frm": "from",
        "evry": "every",
        "govt": "government",
        "biz": "business",
        "luv": "love",
        "wanna": "want to",
        "gonna": "going to",
        "im": "I'm",
        "dont": "don't",
        "i": "I",
    },
    "fr": {
        "pr": "pour",
        "ds": "dans",
        "tt": "tout",
        "tte": "toute",
        "ttes": "toutes",
        "tts": "tous",
        "ts": "tous",
        "bcp": "beaucoup",
        "qd": "quand",
        "jsp": "je ne sais pas",
        "tjrs": "toujours",
        "tjs": "toujours",
        "pcq": "parce que",
        "pck": "parce que",
        "paske": "parce que",
        "psk": "parce que",
        "jsuis": "je suis",
        "chui": "je suis",
        "jveux": "je veux",
        "jpense": "je pense",
        "jvend": "je vends",
        "jvends": "je vends",
        "jfais": "je fais",
        "jsais": "je sais",
        "jpeux": "je peux",
        "jai": "j'ai",
        "jmets": "je mets",
        "dici": "d'ici",
        "ns": "nous",
        "dc": "donc",
        "ki": "qui",
        "koi": "quoi",
        "pk": "pourquoi",
        "pq": "pourquoi",
        "auj": "aujourd'hui",
        "ajd": "aujourd'hui",
        "aujd": "aujourd'hui",
        "dmn": "demain",
        "qlq": "quelques",
        "qq": "quelques",
        "rdv": "rendez-vous",
        "cmt": "comment",
        "pb": "problème",
        "pbs": "problèmes",
        "avc": "avec",
        "ac": "avec",
        "ke": "que",
        "mtn": "maintenant",
        "stp": "s'il te plaît",
        "svp": "s'il vous plaît",
        "slt": "salut",
        "bjr": "bonjour",
    },
}
# Only these are read in any case ("R" or "U" may be initials): the rest in lowercase.
_ONE_LETTER: Final = frozenset({"r", "u", "n", "i"})
_SMS_WORD: Final[dict[Language, re.Pattern[str]]] = {
    language: re.compile(
        r"(?<![\w'’&/-])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")"
        r"(?![\w'’/-]|\.\w)",
        re.IGNORECASE,
    )
    for language, words in _SMS.items()
}
# "5yrs", "10ans", "3mois": a number glued to its unit.
_GLUED_UNIT: Final[dict[Language, re.Pattern[str]]] = {
    "en": re.compile(r"\b(\d+)(yrs?|years?|months?|mnths|wks|weeks?|days?)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(\d+)(ans?|mois|semaines?|jours?)\b", re.IGNORECASE),
}

# --- "na" -----------------------------------------------------------------------------

_NA: Final = re.compile(r"\b([a-z][\w'’-]*) na (?=([a-z0-9][\w'’-]*)\b)")
# Words of a local phrase around "na" ("chai na mandazi", "poa sana"): kept as typed.
_LOCAL_WORDS: Final = frozenset(
    {
        "chai",
        "mandazi",
        "chapati",
        "nyama",
        "choma",
        "ugali",
        "sukuma",
        "mama",
        "mtoto",
        "baba",
        "watoto",
        "sana",
        "poa",
        "wewe",
        "mimi",
        "sisi",
        "yeye",
        "pia",
        "kazi",
        "maji",
        "chakula",
        "pesa",
        "biashara",
        "wateja",
        "bidhaa",
        "duka",
        "soko",
        "samaki",
        "kuku",
        "mboga",
        "matunda",
        "nguo",
        "viatu",
        "mitumba",
    }
)
# Pidgin "na" is "it is" before these ("na the best", "na so"): not a connective.
_PIDGIN_AFTER: Final = frozenset(
    {"the", "di", "dem", "im", "una", "so", "why", "how", "wetin", "who"}
)

# --- doubled words ----------------------------------------------------------------------

_DOUBLED: Final = re.compile(r"\b(\w+)(\s+\1\b)+", re.IGNORECASE)
# A small word typed twice is a slip ("the the", "de de"); a content word typed
# twice is usually meant: reduplication says "slowly" or "very" in Wolof, Swahili
# and Pidgin ("ndank ndank", "pole pole", "small small") and is kept.
_SLIP_WORDS = """
the a an and or of to in on at for with by from is are was we our i my you your it they
their this that le la les un une des du de d et ou à au aux en dans pour par sur avec je
nous on notre nos mon ma mes il ils elle elles est sont qui que ce
"""
_SLIPS: Final = frozenset(_SLIP_WORDS.split())
# Doubled on purpose even so ("nous nous distinguons", "that that", "had had").
_DOUBLE_ON_PURPOSE: Final = frozenset({"nous", "vous", "that", "had", "is"})
_DEGREE: Final[dict[Language, str]] = {
    "en": r"mainly|mostly|primarily|principally|chiefly|largely|especially|particularly",
    "fr": r"surtout|principalement|essentiellement|majoritairement|avant tout|en priorité"
    r"|particulièrement|notamment",
}
_SECOND_DEGREE: Final[dict[Language, re.Pattern[str]]] = {
    language: re.compile(
        rf"\b((?:{words})\b(?:\s+[\w'’-]+){{0,2}}?)\s+(?:{words})\b", re.IGNORECASE
    )
    for language, words in _DEGREE.items()
}
_LEADING_DEGREE: Final[dict[Language, re.Pattern[str]]] = {
    language: re.compile(rf"^(?:{words})\b[\s,]*", re.IGNORECASE)
    for language, words in _DEGREE.items()
}


# Services everyone names, typed in lowercase: written as their makers write them.
_BRANDS: Final = {
    "whatsapp": "WhatsApp",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "m-pesa": "M-Pesa",
    "mpesa": "M-Pesa",
    "orange money": "Orange Money",
    "mtn momo": "MTN MoMo",
    "momo": "MoMo",
    "google": "Google",
    "jumia": "Jumia",
}
_BRAND: Final = re.compile(
    r"(?<![\w@./-])(?:whatsapp|facebook|instagram|tiktok|youtube|m-pesa|mpesa|orange money"
    r"|mtn momo|momo|google|jumia)(?![\w@-]|\.\w)"
)


def tidy(text: str, language: Language) -> str:
    """``text`` without chat filler, SMS spellings, stray connectives or doubled
    words, its places spelt and its sentences capitalised (see the module)."""
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        return ""
    text = _HESITATION.sub("", text)
    text = drop_openers(text)
    text = _TRAILING_TAG.sub(lambda m: m.group(1), text).strip()
    text = expand_sms(text, language)
    if language == "en":
        text = read_connectives(text)
    text = undouble(text, language)
    text = spell_places(text)
    text = _BRAND.sub(lambda m: _BRANDS[m.group(0).lower()], text)
    if language == "fr":
        text = elide(text)
    return capitalise_sentences(text, language)


# "de Abidjan" -> "d'Abidjan", "que Attiéké" -> "qu'Attiéké", "si il" -> "s'il".
_ELIDABLE: Final = re.compile(
    r"\b(de|De|que|Que|le|Le|la|La|je|Je|me|Me|te|se|Se|ne|Ne|jusque|lorsque|puisque)"
    r"\s+(?=([aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ][\w’'-]*))"
)
_SI_IL: Final = re.compile(r"\b([sS])i\s+(?=ils?\b)")
# Words before which French does not elide ("le onze", "de oui", "la une").
_NO_ELISION: Final = frozenset(
    {"oui", "onze", "onzième", "ouate", "ouistiti", "uhlan", "un", "une"}
)
# After "de", "que" and "jusque", "un"/"une" do elide ("d'un", "qu'une").
_ELIDES_BEFORE_UN: Final = frozenset({"de", "que", "jusque", "lorsque", "puisque", "ne"})


def elide(text: str) -> str:
    """French elision where a template, or a person, joined "de", "que", "le", "la"
    ... to a word that starts with a vowel: "les pages jaunes de Abidjan" -> "d'Abidjan".
    Words starting with "h" are left alone (the aspirated h does not elide); so is
    what starts a web address."""

    def one(match: re.Match[str]) -> str:
        word, following = match.group(1), match.group(2)
        lower = following.lower()
        if lower.startswith(("http", "www")):
            return match.group(0)
        if lower in _NO_ELISION and not (
            lower in ("un", "une") and word.lower() in _ELIDES_BEFORE_UN
        ):
            return match.group(0)
        return f"{word[:-1]}'"

    return _SI_IL.sub(lambda m: f"{m.group(1)}'", _ELIDABLE.sub(one, text))


def drop_openers(text: str) -> str:
    """Apologies and chat openers dropped at the start of every sentence."""

    def sentence(chunk: str) -> str:
        while True:
            match = _OPENER.match(chunk)
            # "Ok." alone is not an answer, but the caller decides what is empty.
            if match is None or match.end() == 0:
                return chunk
            rest = chunk[match.end() :]
            if rest and not _follows_opener(chunk[: match.end()], rest):
                return chunk
            chunk = rest

    pieces = _SENTENCE_START.split(text)
    seps = _SENTENCE_START.findall(text)
    out = [sentence(pieces[0])]
    for sep, piece in zip(seps, pieces[1:], strict=True):
        out.append(sep + sentence(piece))
    return "".join(out).strip()


def _follows_opener(opener: str, rest: str) -> bool:
    """Whether what follows an opener is a new start: after a mark ("Sorry. we",
    "Bon, on"), or a word that is not the opener's object ("so we" is, "so much" is
    not; "well known" is not)."""
    if re.search(r"[,.;:!…-]\s*$", opener):
        return True
    first = rest.split(" ", 1)[0].lower()
    return first not in {
        "much",
        "many",
        "far",
        "known",
        "done",
        "that",
        "as",
        "to",
        "que",
        "marché",
    }


def expand_sms(text: str, language: Language) -> str:
    """SMS spellings of ``language`` written out, with the case of what was typed."""
    words = _SMS[language]

    def expand(match: re.Match[str]) -> str:
        typed = match.group(1)
        lower = typed.lower()
        if lower in _ONE_LETTER and typed != lower and lower != "i":
            return typed  # "R&D", "U" as an initial
        if lower not in _ONE_LETTER and not (typed.islower() or typed[:1].isupper()):
            return typed  # an acronym in capitals ("PB", "NS") is not SMS
        if len(typed) > 1 and typed.isupper():
            return typed
        full = words[lower]
        return full[:1].upper() + full[1:] if typed[:1].isupper() and lower != "i" else full

    if language == "fr":  # "tt" agrees with what follows: "tous les", "toute la"
        text = _TT_PLURAL.sub(lambda m: _same_initial(m.group(1), "tous"), text)
        text = _TT_FEMININE.sub(lambda m: _same_initial(m.group(1), "toute"), text)
    text = _SMS_WORD[language].sub(expand, text)
    return _GLUED_UNIT[language].sub(
        lambda m: f"{m.group(1)} {_SMS[language].get(m.group(2).lower(), m.group(2))}", text
    )


_TT_PLURAL: Final = re.compile(r"\b(tt|tts|ts)(?=\s+(?:les|ces|mes|nos|vos|ses|leurs)\b)", re.I)
_TT_FEMININE: Final = re.compile(r"\b(tt)(?=\s+(?:la|une|cette|ma|ta|sa|notre|votre|leur)\b)", re.I)


def _same_initial(typed: str, word: str) -> str:
    return word.capitalize() if typed[:1].isupper() else word


def read_connectives(text: str) -> str:
    """English text: "na" between two lowercase words that are not local words is
    the Swahili/Sheng "and"."""

    def connective(match: re.Match[str]) -> str:
        before, after = match.group(1).lower(), match.group(2).lower()
        if before in _LOCAL_WORDS or after in _LOCAL_WORDS or after in _PIDGIN_AFTER:
            return match.group(0)
        return f"{match.group(1)} and "

    return _NA.sub(connective, text)


def undouble(text: str, language: Language) -> str:
    """A small word typed twice in a row once; a second degree adverb near a first dropped
    ("we mainly serve mostly young ladies" -> "we mainly serve young ladies")."""

    def once(match: re.Match[str]) -> str:
        word = match.group(1)
        if word.lower() in _DOUBLE_ON_PURPOSE or word.lower() not in _SLIPS:
            return match.group(0)
        return word

    text = _DOUBLED.sub(once, text)
    return _SECOND_DEGREE[language].sub(lambda m: m.group(1), text)


def without_leading_degree(text: str, language: Language) -> str:
    """ "mostly young ladies" -> "young ladies": for a phrase a frame already
    qualifies ("We mainly serve ...")."""
    return _LEADING_DEGREE[language].sub("", text, count=1)


def capitalise_sentences(text: str, language: Language) -> str:
    """A capital at the start of every sentence; "i" is "I" in English."""
    if language == "en":
        text = re.sub(r"\bi\b(?!['’]?\w)", "I", text)

    def upper(match: re.Match[str]) -> str:
        return match.group(1) + match.group(2).upper()

    return re.sub(r"(^|[.!?…]\s+|\n\s*)([a-zà-ÿ])", upper, text)
