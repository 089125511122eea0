"""The person's answers, rewritten as the business speaking: one voice, no lead-ins.

Answers are typed to a coach: "Ma vision c'est que d'ici 2030 je veux que ma
boulangerie soit...", "Nos clients prioritaires sont les employés...", "To
repair phones for students". A brief and a website speak as the business, in
the first person plural, in whole sentences. This module turns one into the
other without a language model:

- :func:`strip_lead_in` drops the words that only introduce the answer ("Notre
  mission est de", "What makes us different is that", "Nos clients sont");
- :func:`to_we` puts the first person singular and "on" into the plural ("je
  vends" -> "nous vendons", "mon atelier" -> "notre atelier", "I sell" -> "we
  sell", "my shop" -> "our shop"), with the common irregular verbs;
- :func:`statement` makes the sentence a brief shows for a step: an infinitive
  becomes a verb ("Réparer les téléphones" -> "Nous réparons les téléphones"),
  a bare noun phrase gets a short frame ("Notre ambition : ...");
- :func:`french_spacing` puts the no-break space French typography wants before
  ":" ";" "?" "!" and inside « » (URLs are left alone).

Everything is plain string work on a few hundred characters.
"""

from __future__ import annotations

import re
from typing import Final

from genesis.core.agents.text import lower_first, sentence, squash
from genesis.core.coach import tidy
from genesis.core.coach.language import detect_language
from genesis.core.coach.types import Language

NBSP: Final = "\u00a0"

# --- lead-ins ---------------------------------------------------------------------

_FR_BE = r"(?:est|c[' ]?est|ce sont|sont|serait|sera|:|,)"
_EN_BE = r"(?:is|are|would be|will be|:|,)"
_LEAD_INS: Final[dict[str, dict[Language, tuple[str, ...]]]] = {
    "vision": {
        "fr": (
            rf"(?:ma|notre) (?:vision|ambition|rêve|reve|objectif|but)(?: principale?| pour \S+)?"
            rf" {_FR_BE}(?: de\b| d'(?!ici)| que\b| qu')?",
            r"(?:mon|notre) (?:rêve|reve|ambition|objectif)(?: à long terme)?\s*(?::|,)?",
            r"(?:dans|d'ici) (?:\d+|cinq|dix) ans,? je (?:me )?vois",
            r"je (?:me )?vois",
        ),
        "en": (
            rf"(?:my|our) (?:vision|ambition|dream|goal|aim)(?: for \S+)? {_EN_BE}(?: that)?",
            r"i see (?:us|myself|my business|our business)",
        ),
    },
    "mission": {
        "fr": (
            rf"(?:ma|notre) mission {_FR_BE}(?: de| d')?",
            r"ce que (?:nous faisons|je fais|on fait)(?:,)? c[' ]?est(?: de| d')?",
            r"mission ?:",
        ),
        "en": (
            rf"(?:my|our) mission {_EN_BE}(?: to)?",
            r"what (?:we|i) do is(?: to)?",
            r"mission ?:",
        ),
    },
    "clientele": {
        "fr": (
            r"(?:nos|mes) (?:clients?|clientes?)"
            r"(?: (?:prioritaires|principaux|principales|cibles?|visés|visées))?"
            r"(?: (?:ce )?(?:sont|c[' ]?est|ce sont)| ?:|,)"
            r"(?: surtout| principalement| d'abord)?",
            r"(?:notre|ma) (?:clientèle|clientele|cible)"
            r"(?: (?:prioritaire|principale|cible|visée))?"
            r"(?: (?:ce )?(?:sont|est|c[' ]?est|ce sont)| ?:|,)",
            r"(?:nous visons|on vise|je vise|nous ciblons|on cible|je cible)",
            r"(?:nos|mes) clients? (?:prioritaires )?(?:,)? c[' ]?est",
        ),
        "en": (
            r"(?:our|my) (?:main |target |priority |key |first )?"
            r"(?:customers|clients|clientele|target(?: market| customers)?|market|audience)"
            rf"(?: {_EN_BE}| ?:|,)(?: mainly| mostly)?",
            r"(?:we|i) (?:target|serve|focus on)(?: mainly| mostly)?",
        ),
    },
    "differentiation": {
        "fr": (
            r"ce qui (?:nous|me|la|le) (?:différencie|differencie|distingue|rend différents?"
            r"|rend unique)(?:,)? c[' ]?est(?: que| qu')?",
            r"(?:notre|ma) (?:différence|difference|force|particularité|particularite)"
            rf" {_FR_BE}(?: que| qu')?",
            r"nous nous (?:distinguons|différencions|differencions) (?:par|en)",
        ),
        "en": (
            r"what (?:makes|sets) (?:us|me|it) (?:different|apart|unique)"
            r"(?: from (?:the )?others)? is(?: that)?",
            r"(?:our|my) (?:difference|edge|strength)(?: is)?(?: that)?",
            r"we stand out (?:by|because)",
        ),
    },
    "offre": {
        "fr": (
            rf"(?:notre|mon) offre(?: principale)? {_FR_BE}",
            r"(?:nous proposons|on propose|je propose) ?:",
        ),
        "en": (rf"(?:our|my) (?:main )?(?:offer|offering|product) {_EN_BE}",),
    },
}
_OPENING_FILLERS: Final = re.compile(
    r"^(?:(?:euh+|bon|ben|bah|alors|donc|voilà|voila|en fait|well|so|ok|okay|basically|"
    r"honestly|hmm+)[\s,.!]+)+",
    re.IGNORECASE,
)


def strip_lead_in(step: str, text: str, language: Language) -> str:
    """The answer without the words that only introduce it, and without fillers.

    The step's own lead-ins first; then another step's, when the person labelled
    the answer for it ("Ce qui nous différencie, c'est..." given as the mission)."""
    text = squash(_OPENING_FILLERS.sub("", squash(text)))
    others = [other for other in _LEAD_INS if other != step]
    for candidate in (step, *others):
        for pattern in _LEAD_INS[candidate].get(language, ()) if candidate in _LEAD_INS else ():
            match = re.match(rf"{pattern}\s*", text, re.IGNORECASE)
            if match and match.end() < len(text):
                return text[match.end() :].lstrip(" ,:;-")
    return text


# --- one voice ----------------------------------------------------------------------

# Present tense, first person singular (and "on", third person) -> first person plural.
_FR_IRREGULAR: Final = {
    "suis": "sommes",
    "est": "sommes",
    "ai": "avons",
    "a": "avons",
    "vais": "allons",
    "va": "allons",
    "fais": "faisons",
    "fait": "faisons",
    "veux": "voulons",
    "veut": "voulons",
    "peux": "pouvons",
    "peut": "pouvons",
    "sais": "savons",
    "sait": "savons",
    "dois": "devons",
    "doit": "devons",
    "vends": "vendons",
    "vend": "vendons",
    "prends": "prenons",
    "prend": "prenons",
    "apprends": "apprenons",
    "apprend": "apprenons",
    "mets": "mettons",
    "met": "mettons",
    "viens": "venons",
    "vient": "venons",
    "deviens": "devenons",
    "devient": "devenons",
    "tiens": "tenons",
    "tient": "tenons",
    "produis": "produisons",
    "produit": "produisons",
    "construis": "construisons",
    "construit": "construisons",
    "conduis": "conduisons",
    "conduit": "conduisons",
    "traduis": "traduisons",
    "traduit": "traduisons",
    "sers": "servons",
    "sert": "servons",
    "pars": "partons",
    "part": "partons",
    "sors": "sortons",
    "sort": "sortons",
    "dors": "dormons",
    "vis": "vivons",
    "vit": "vivons",
    "dis": "disons",
    "dit": "disons",
    "écris": "écrivons",
    "écrit": "écrivons",
    "lis": "lisons",
    "lit": "lisons",
    "crois": "croyons",
    "croit": "croyons",
    "vois": "voyons",
    "voit": "voyons",
    "reçois": "recevons",
    "reçoit": "recevons",
    "connais": "connaissons",
    "connaît": "connaissons",
    "connait": "connaissons",
    "couds": "cousons",
    "coud": "cousons",
    "peins": "peignons",
    "peint": "peignons",
    "offre": "offrons",
    "ouvre": "ouvrons",
    "couvre": "couvrons",
    "accueille": "accueillons",
    "bats": "battons",
    "bat": "battons",
    "crée": "créons",
    "cree": "creons",
    "aime": "aimons",
    "travaille": "travaillons",
    "espère": "espérons",
    "achète": "achetons",
    "préfère": "préférons",
    "répète": "répétons",
    "possède": "possédons",
    "appelle": "appelons",
    "rêve": "rêvons",
    "compte": "comptons",
}
# Second group (-ir, "nous finissons"): the common ones, singular form -> plural.
_FR_SECOND_GROUP: Final = (
    "finis",
    "choisis",
    "fournis",
    "garantis",
    "nourris",
    "bâtis",
    "batis",
    "réunis",
    "investis",
    "agrandis",
    "embellis",
    "remplis",
    "grandis",
    "réussis",
    "reussis",
    "établis",
    "définis",
    "accomplis",
    "enrichis",
    "assainis",
    "convertis",
    "guéris",
    "polis",
    "vernis",
)
_FR_PRONOUNS: Final = {
    "je": "nous",
    "j'": "nous ",
    "j’": "nous ",
    "jveux": "nous voulons",
    "jsuis": "nous sommes",
    "chui": "nous sommes",
    "on": "nous",
}
_FR_OBJECTS: Final = ("ne", "n'", "les", "le", "la", "l'", "leur", "lui", "y", "en", "me", "m'")
_FR_POSSESSIVES: Final = {"mon": "notre", "ma": "notre", "mes": "nos", "moi": "nous"}
_EN_WORDS: Final = {
    "i'm": "we're",
    "im": "we're",
    "i've": "we've",
    "i'll": "we'll",
    "i'd": "we'd",
    "my": "our",
    "mine": "ours",
    "myself": "ourselves",
    "me": "us",
}
_EN_BE_FORMS: Final = {"am": "are", "was": "were", "have": "have", "has": "have"}
_FR_WORD: Final = re.compile(r"[\w’'-]+|[^\w\s]+|\s+")


def to_we(text: str, language: Language) -> str:
    """``text`` in the first person plural ("je vends" -> "nous vendons")."""
    return _english_we(text) if language == "en" else _french_we(text)


def _french_we(text: str) -> str:
    # "nous on donne", "moi je vends": the stressed pronoun doubles the subject.
    text = re.sub(r"\b(?:nous|moi),?\s+(on|je|j[’'])", r"\1", text, flags=re.IGNORECASE)
    # Elided forms first: "j'ai" -> "nous ai", fixed with the verb below.
    text = re.sub(r"\b[jJ][’']\s*", "je ", text)
    text = re.sub(r"\b[mM][’']\s*", "me ", text)
    parts = _FR_WORD.findall(text)
    out: list[str] = []
    pending_verb = False
    for part in parts:
        lower = part.lower()
        if part.isspace() or not part.strip():
            out.append(part)
            continue
        if lower in _FR_PRONOUNS:
            out.append(_same_case(part, _FR_PRONOUNS[lower]))
            pending_verb = lower in ("je", "on")
            continue
        if pending_verb:
            if lower in _FR_OBJECTS:
                out.append("nous" if lower in ("me", "m'") else part)
                continue
            out.append(_french_plural_verb(part))
            pending_verb = False
            continue
        if lower in _FR_POSSESSIVES:
            out.append(_same_case(part, _FR_POSSESSIVES[lower]))
            continue
        out.append(part)
    return _tidy_elisions("".join(out))


def _french_plural_verb(verb: str) -> str:
    lower = verb.lower()
    if lower in _FR_IRREGULAR:
        return _same_case(verb, _FR_IRREGULAR[lower])
    if lower in _FR_SECOND_GROUP:
        return _same_case(verb, lower[:-1] + "ssons")
    if lower.endswith("it") and lower[:-1] in _FR_SECOND_GROUP:
        return _same_case(verb, lower[:-1] + "ssons")
    if lower.endswith("e") and len(lower) > 2:
        stem = lower[:-1]
        if stem.endswith("g"):
            stem += "e"  # mange -> mangeons
        elif stem.endswith("c"):
            stem = stem[:-1] + "ç"  # commence -> commençons
        return _same_case(verb, stem + "ons")
    if lower.endswith(("ds", "d")):
        return _same_case(verb, lower.rstrip("s") + "ons")  # réponds -> répondons
    return verb


def _tidy_elisions(text: str) -> str:
    # "que nous", "de nous": no elision is needed before "nous"; "nous" never elides.
    return re.sub(r"\bnous\s+(?=[,.;:!?])", "nous", re.sub(r"[ \t]{2,}", " ", text))


def _english_we(text: str) -> str:
    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        lower = token.lower().replace("’", "'")
        if lower in _EN_WORDS:
            return _same_case(token, _EN_WORDS[lower])
        return token

    text = re.sub(r"\b[A-Za-z]+['’][a-z]+\b|\b[A-Za-z]+\b", word, text)
    # "I am" -> "we are", "I was" -> "we were", "I sell" -> "we sell".
    text = re.sub(
        r"\bI\s+(am|was|have|has)\b",
        lambda m: "we " + _EN_BE_FORMS[m.group(1).lower()],
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"\b[Ii]\b", "we", text)
    return re.sub(r"\b(we|We) see us\b", r"\1 see ourselves", text)


def _same_case(original: str, replacement: str) -> str:
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# --- statements ---------------------------------------------------------------------

_FR_FRAMES: Final = {
    "vision": "Notre ambition : {text}",
    "mission": "Notre activité : {text}",
    "clientele": "Nos clients : {text}",
    "differentiation": "Notre différence : {text}",
    "offre": "Notre offre : {text}",
}
_EN_FRAMES: Final = {
    "vision": "Our ambition: {text}",
    "mission": "What we do: {text}",
    "clientele": "Our customers: {text}",
    "differentiation": "What sets us apart: {text}",
    "offre": "Our offer: {text}",
}
# A subject the sentence can stand on: then no frame is needed.
_FR_SUBJECT: Final = re.compile(
    r"\b(?i:nous|notre|nos|ils|elles|il|elle|chaque|chez nous|les autres|personne)\b"
    r"|\b[A-Z][\w-]+ (?:est|sont|ont|fait|vend|propose|livre)\b"
)
_EN_SUBJECT: Final = re.compile(
    r"\b(?:we|our|us|they|it|each|every|nobody|no one|others|other)\b", re.IGNORECASE
)
_PUNCTUATION_COLON: Final = re.compile(r"[ \u00a0]*:\s+")
# Infinitives a statement may open on ("Réparer les téléphones ...").
_FR_INFINITIVE: Final = re.compile(r"^(?:(?:de|d'|d’)\s*)?([a-zàâçéèêëîïôûùüÿœ]+(?:er|ir|re))\b")
_EN_INFINITIVE: Final = re.compile(r"^(?:to\s+)?([a-z]+)\b")
_FR_INFINITIVE_PLURAL: Final = {
    "être": "sommes",
    "etre": "sommes",
    "avoir": "avons",
    "faire": "faisons",
    "devenir": "devenons",
    "aller": "allons",
    "vendre": "vendons",
    "revendre": "revendons",
    "produire": "produisons",
    "construire": "construisons",
    "conduire": "conduisons",
    "traduire": "traduisons",
    "servir": "servons",
    "offrir": "offrons",
    "ouvrir": "ouvrons",
    "couvrir": "couvrons",
    "coudre": "cousons",
    "peindre": "peignons",
    "écrire": "écrivons",
    "prendre": "prenons",
    "apprendre": "apprenons",
    "mettre": "mettons",
    "permettre": "permettons",
    "transmettre": "transmettons",
    "accueillir": "accueillons",
    "tenir": "tenons",
    "entretenir": "entretenons",
    "soutenir": "soutenons",
    "obtenir": "obtenons",
    "recevoir": "recevons",
    "battre": "battons",
    "cuire": "cuisons",
    "dire": "disons",
    "lire": "lisons",
    "vivre": "vivons",
    "répondre": "répondons",
    "rendre": "rendons",
    "tondre": "tondons",
    "moudre": "moulons",
}
# English verbs a statement may open on, beyond what the form tells.
_EN_NOT_VERBS: Final = frozenset(
    {"a", "an", "the", "our", "my", "all", "every", "each", "one", "two", "three", "by"}
)


def statement(
    step: str, answer: str, language: Language, *, framed: bool = True, bare: bool = False
) -> str:
    """The sentence a brief shows for a step's answer, in the business's voice.

    A noun phrase gets a short frame ("Notre offre : un menu ...") to stand in
    running text; ``framed=False`` leaves it bare, for a place that already says
    what it is (under the heading "Offre"). An answer written in the other
    language than the session's is put in the plural in its own language and
    kept as a plain sentence, without a frame. ``bare`` never frames, not even a
    mission: for text that follows the step's own label ("Votre mission : ...")."""
    written_in = detect_language(answer) or language
    answer = tidy.tidy(answer, written_in)
    text = to_we(strip_lead_in(step, answer, written_in), written_in)
    text = squash(text).rstrip(" ,;")
    if not text:
        return ""
    if written_in != language or (not framed and step != "mission"):
        return sentence(text)
    # A vision is ahead of us: "Avoir 10 boutiques" stays an infinitive, framed.
    verb = None if step == "vision" else _infinitive_as_verb(text, language)
    if verb is not None:
        return sentence(verb)
    if bare:
        return sentence(text)
    subject = _FR_SUBJECT if language == "fr" else _EN_SUBJECT
    if subject.search(text) and step != "clientele" and not _opens_on_infinitive(text, language):
        return sentence(text)
    frames = _FR_FRAMES if language == "fr" else _EN_FRAMES
    # One colon per sentence: the frame's ("D'ici 2030 : 5 ateliers" -> "d'ici 2030, 5 ateliers").
    body = _PUNCTUATION_COLON.sub(", ", lower_first(text).rstrip("."), count=1)
    return sentence(frames[step].format(text=body))


# Words ending like an infinitive that are not verbs ("Notre attiéké est...").
_FR_NOT_INFINITIVES: Final = frozenset(
    {"notre", "votre", "autre", "entre", "contre", "lettre", "centre", "chiffre", "ordre"}
    | {"super", "hiver", "cher", "fer", "mer", "hier", "soir", "noir", "espoir", "avenir"}
    | {"plaisir", "désir", "cuir", "sur", "leur", "pour", "par"}
)


def _opens_on_infinitive(text: str, language: Language) -> bool:
    if language == "en":
        return text.lower().startswith("to ")
    match = _FR_INFINITIVE.match(text.lower())
    return (
        match is not None
        and not match.group(1).endswith("ier")
        and match.group(1) not in _FR_NOT_INFINITIVES
    )


def customers(answer: str, language: Language) -> str:
    """The clientele answer as a noun phrase to follow "we serve" (lowercase start),
    without a degree adverb of its own: the frames say "mainly", "en priorité"."""
    text = to_we(strip_lead_in("clientele", tidy.tidy(answer, language), language), language)
    text = tidy.without_leading_degree(squash(text), language)
    return lower_first(squash(text).rstrip(" .!,;"))


def _infinitive_as_verb(text: str, language: Language) -> str | None:
    """ "Réparer les téléphones ..." -> "Nous réparons les téléphones ...";
    "To repair phones ..." -> "We repair phones ..."."""
    if language == "fr":
        match = _FR_INFINITIVE.match(text.lower())
        if match is None or match.group(1) in _FR_NOT_INFINITIVES:
            return None
        infinitive = match.group(1)
        plural = _FR_INFINITIVE_PLURAL.get(infinitive)
        if plural is None and infinitive.endswith("er") and not infinitive.endswith("ier"):
            plural = _french_plural_verb(infinitive[:-1])  # réparer -> répare -> réparons
        if plural is None or infinitive in ("devenir", "être", "etre"):
            return None  # "Devenir le premier..." reads better framed as an ambition
        rest = text[match.end() :]
        return f"Nous {plural}{rest}"
    lowered = text.lower()
    if not lowered.startswith("to "):
        return None
    match = _EN_INFINITIVE.match(lowered)
    if match is None or match.group(1) in _EN_NOT_VERBS or match.group(1) in ("be", "become"):
        return None
    return f"We {text[3:]}"


# --- typography ---------------------------------------------------------------------

_URL: Final = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_SPACE_BEFORE: Final = re.compile(r"[ \u00a0\u202f]*([:;?!»])")
_SPACE_AFTER: Final = re.compile(r"(«)[ \u00a0\u202f]*")
# "&gt" before a semicolon, or "&amp;gt" once escaped: an entity, as typed.
_ENTITY_END: Final = re.compile(r"&#?\w+(?:;\w+)?$")


def french_spacing(text: str) -> str:
    """A no-break space before : ; ? ! » and after «, as French typography wants.

    Only punctuation is spaced: times ("12:30"), entities ("&lt;") and URLs keep
    their marks."""
    pieces = []
    last = 0
    for url in _URL.finditer(text):
        pieces.append(_space(text[last : url.start()]))
        pieces.append(url.group(0))
        last = url.end()
    pieces.append(_space(text[last:]))
    return "".join(pieces)


def _space(chunk: str) -> str:
    def before(match: re.Match[str]) -> str:
        mark = match.group(1)
        end = match.end()
        if match.start() == 0 and not match.group(0)[:1].isspace():
            return match.group(0)
        # Punctuation only: followed by a space or the end ("12:30", "a:b" and
        # "&lt;b" are left as they are).
        if mark != "»" and end < len(chunk) and not chunk[end].isspace():
            return match.group(0)
        if mark == ";" and _ENTITY_END.search(chunk, 0, match.start()):
            return match.group(0)  # "&gt;" is an entity, not a semicolon
        return f"{NBSP}{mark}"

    return _SPACE_AFTER.sub(lambda m: f"{m.group(1)}{NBSP}", _SPACE_BEFORE.sub(before, chunk))


def typeset(text: str, language: Language) -> str:
    """``text`` with the typography of ``language`` (French elision and spacing;
    English as is)."""
    return french_spacing(tidy.elide(text)) if language == "fr" else text
