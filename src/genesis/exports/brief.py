"""What the exports share: the labels, so the formats say the same thing in the
same words, and how a name, a number and a share are written.

The exports read the typed brief (:class:`genesis.core.agents.brief.Brief`),
which reads a stored brief of any age without raising: an agent with no
result is None there, and every format says "not available" for it.
"""

from __future__ import annotations

from genesis.core.agents.brief import Brief, BriefContent
from genesis.core.agents.text import slugify

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "brief": "Dossier d'entreprise",
        "generated": "Généré le",
        "confidence": "Confiance",
        "completeness": "Complétude",
        "warnings": "Points d'attention",
        "vision": "Vision",
        "mission": "Mission",
        "target_audience": "Clientèle cible",
        "differentiation": "Différenciation",
        "offer": "Offre",
        "value_proposition": "Proposition de valeur",
        "location": "Lieu",
        "sector": "Secteur",
        "market": "Étude de marché",
        "figures": "Chiffres clés",
        "indicator": "Indicateur",
        "value": "Valeur",
        "source": "Source",
        "year": "Année",
        "prices": "Prix indicatifs",
        "customers": "Clients types",
        "competitors": "Concurrents types",
        "success_factors": "Facteurs clés de succès",
        "risks": "Risques",
        "opportunities": "Opportunités",
        "formalities": "Formalités à vérifier",
        "web_sources": "Sources web",
        "content": "Contenu du site",
        "services": "Services",
        "about": "À propos",
        "call_to_action": "Appel à l'action",
        "contact": "Contact",
        "whatsapp": "WhatsApp",
        "phone": "Téléphone",
        "hours": "Horaires",
        "seo": "Référencement (SEO)",
        "primary_keyword": "Mot-clé principal",
        "secondary_keywords": "Mots-clés secondaires",
        "meta_title": "Titre (meta)",
        "meta_description": "Description (meta)",
        "slug": "Adresse (slug)",
        "outline": "Plan des titres",
        "local_seo": "Référencement local",
        "logo": "Logo",
        "template": "Modèle de site",
        "agents": "État des agents",
        "agent": "Agent",
        "status": "État",
        "duration_ms": "Durée (ms)",
        "error": "Erreur",
        "status_ok": "terminé",
        "status_fallback": "terminé (version hors ligne)",
        "status_failed": "échec",
        "status_none": "non lancé",
        "not_available": "Non disponible",
        "to_fill": "À compléter",
        "why_us": "Pourquoi nous choisir",
        "made_with": "Site préparé avec Genesis Coach",
    },
    "en": {
        "brief": "Business brief",
        "generated": "Generated on",
        "confidence": "Confidence",
        "completeness": "Completeness",
        "warnings": "Points to watch",
        "vision": "Vision",
        "mission": "Mission",
        "target_audience": "Target audience",
        "differentiation": "Differentiation",
        "offer": "Offer",
        "value_proposition": "Value proposition",
        "location": "Location",
        "sector": "Sector",
        "market": "Market research",
        "figures": "Key figures",
        "indicator": "Indicator",
        "value": "Value",
        "source": "Source",
        "year": "Year",
        "prices": "Indicative prices",
        "customers": "Typical customers",
        "competitors": "Typical competitors",
        "success_factors": "Key success factors",
        "risks": "Risks",
        "opportunities": "Opportunities",
        "formalities": "Formalities to check",
        "web_sources": "Web sources",
        "content": "Website content",
        "services": "Services",
        "about": "About",
        "call_to_action": "Call to action",
        "contact": "Contact",
        "whatsapp": "WhatsApp",
        "phone": "Phone",
        "hours": "Opening hours",
        "seo": "Search engine optimisation (SEO)",
        "primary_keyword": "Primary keyword",
        "secondary_keywords": "Secondary keywords",
        "meta_title": "Meta title",
        "meta_description": "Meta description",
        "slug": "Slug",
        "outline": "Heading outline",
        "local_seo": "Local SEO",
        "logo": "Logo",
        "template": "Website template",
        "agents": "Agents' status",
        "agent": "Agent",
        "status": "Status",
        "duration_ms": "Time (ms)",
        "error": "Error",
        "status_ok": "done",
        "status_fallback": "done (offline version)",
        "status_failed": "failed",
        "status_none": "not run",
        "not_available": "Not available",
        "to_fill": "To fill in",
        "why_us": "Why choose us",
        "made_with": "Website prepared with Genesis Coach",
    },
}
SEED_SECTIONS = (
    "vision",
    "mission",
    "target_audience",
    "differentiation",
    "offer",
    "value_proposition",
)
CONTACT_KEYS = ("whatsapp", "phone", "hours")
MARKET_LISTS = (
    ("typical_customers", "customers"),
    ("typical_competitors", "competitors"),
    ("key_success_factors", "success_factors"),
    ("risks", "risks"),
    ("opportunities", "opportunities"),
    ("formalities", "formalities"),
)


def labels(brief: BriefContent) -> dict[str, str]:
    return LABELS[brief.language]


def business_name(brief: BriefContent) -> str:
    return brief.business_name or labels(brief)["brief"]


def file_stem(brief: Brief) -> str:
    """A safe ASCII file name stem from the business name ("chez-awa-fils")."""
    stem = slugify(brief.business_name or "", max_len=50)
    if stem:
        return stem
    session = slugify(brief.session_id, max_len=12)
    return f"brief-{session}" if session else "brief"


def number(value: float | str | None, lang: str) -> str:
    """18501984 -> "18 501 984" (fr) / "18,501,984" (en); small decimals kept; a
    figure stored as text is shown as it is."""
    if value is None or isinstance(value, str):
        return value or ""
    if float(value).is_integer() or abs(value) >= 100:
        out = f"{round(value):,}"
    else:
        out = f"{value:,.2f}".rstrip("0").rstrip(".")
    return out.replace(",", " ").replace(".", ",") if lang == "fr" else out


def percent(value: float, language: str) -> str:
    """0.98 -> "98 %" (fr, with a no-break space) / "98%" (en)."""
    return f"{round(value * 100)}\u00a0%" if language == "fr" else f"{round(value * 100)}%"


def seed_text(brief: BriefContent, key: str) -> str:
    """One of the person's answers (a key of SEED_SECTIONS), or "" without it."""
    value: str | None = getattr(brief, key)
    return value or ""
