"""Reading a brief's content for the exports, whatever state it is in.

A brief stored by an older version, or with a failed agent, may lack keys: the
exports must still render, so they read it through these helpers instead of
indexing the dict directly. Labels are here so the three formats say the same
thing in the same words.
"""

from __future__ import annotations

from typing import Any

from genesis.core.agents.text import slugify
from genesis.core.agents.types import is_done

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
MARKET_LISTS = (
    ("typical_customers", "customers"),
    ("typical_competitors", "competitors"),
    ("key_success_factors", "success_factors"),
    ("risks", "risks"),
    ("opportunities", "opportunities"),
    ("formalities", "formalities"),
)


def language(content: dict[str, Any]) -> str:
    return "en" if content.get("language") == "en" else "fr"


def labels(content: dict[str, Any]) -> dict[str, str]:
    return LABELS[language(content)]


def agent_data(content: dict[str, Any], name: str) -> dict[str, Any]:
    """An agent's data, or {} when it failed or is missing."""
    section = content.get(name)
    if not isinstance(section, dict) or not is_done(section.get("status")):
        return {}
    data = section.get("data")
    return data if isinstance(data, dict) else {}


def text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def strings(value: Any) -> list[str]:
    return (
        [v.strip() for v in value if isinstance(v, str) and v.strip()]
        if isinstance(value, list)
        else []
    )


def business_name(content: dict[str, Any]) -> str:
    return text(content.get("business_name")) or labels(content)["brief"]


def file_stem(content: dict[str, Any]) -> str:
    """A safe ASCII file name stem from the business name ("chez-awa-fils")."""
    stem = slugify(text(content.get("business_name")), max_len=50)
    if stem:
        return stem
    session = slugify(text(content.get("session_id")), max_len=12)
    return f"brief-{session}" if session else "brief"


def number(value: Any, lang: str) -> str:
    """18501984 -> "18 501 984" (fr) / "18,501,984" (en); small decimals kept."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return text(value)
    if float(value).is_integer() or abs(value) >= 100:
        out = f"{round(value):,}"
    else:
        out = f"{value:,.2f}".rstrip("0").rstrip(".")
    return out.replace(",", " ").replace(".", ",") if lang == "fr" else out


def percent(value: Any) -> str:
    return f"{round(float(value) * 100)} %" if isinstance(value, int | float) else "?"


def figures(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Market figures that carry a source and a year (the others are not shown)."""
    raw = agent_data(content, "market_research").get("figures")
    if not isinstance(raw, list):
        return []
    return [f for f in raw if isinstance(f, dict) and f.get("source") and f.get("year")]


def mapping(value: Any) -> dict[str, Any]:
    """``value`` when it is a dict, else {} (stored JSON may hold anything)."""
    return value if isinstance(value, dict) else {}
