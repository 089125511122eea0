"""The brief as a one-page static website: a zip of index.html, styles.css, logo.svg.

The page must work when opened straight from the unzipped folder, on a phone,
on a slow connection: relative links only, no CDN, no web fonts (system font
stacks), no script. Every text comes from user answers or an LLM, so the page
is rendered by Jinja2 with autoescaping; the stylesheet only receives colours
and font stacks that pass a strict pattern. Sections follow the order of the
chosen template; the page is in the session's language.

The contact block shows the details the person gave (``core.contact.SiteContact``):
a WhatsApp number becomes a wa.me link, a phone a tel: link; only what was not
given keeps its "to fill in" placeholder. The published page (:func:`published_page`)
is the same page made self-contained: its stylesheet inline (allowed by its hash in
the page's Content-Security-Policy) and its logo as a data: image.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from genesis.core.agents.brief import Brief
from genesis.core.agents.logo import monogram_svg
from genesis.core.agents.results import Seo, WebsiteCopy
from genesis.core.agents.svg import sanitize_svg
from genesis.core.agents.text import initials
from genesis.core.contact import SiteContact
from genesis.core.errors import InvalidLogoError
from genesis.exports.brief import CONTACT_KEYS, business_name, labels

SECTIONS = ("hero", "services", "about", "value", "contact")
DEFAULT_PALETTE = {
    "primary": "#2E4057",
    "secondary": "#EDEFF2",
    "accent": "#F28C28",
    "background": "#FFFFFF",
    "text": "#1B2634",
}
DEFAULT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
DEFAULT_FONTS = {"heading": DEFAULT_FONT, "body": DEFAULT_FONT}
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_FONT_STACK = re.compile(r"^[A-Za-z0-9 ,'\-]{1,200}$")
# A zip made at a fixed time is byte-identical for the same brief (cacheable, testable).
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


@cache
def _environments() -> tuple[Environment, Environment]:
    loader = PackageLoader("genesis.exports", "site_files")
    html = Environment(
        loader=loader, autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True
    )
    # CSS is not HTML: it gets only values checked by _palette / _fonts.
    css = Environment(loader=loader, autoescape=False)  # noqa: S701
    return html, css


def to_site_zip(brief: Brief, contact: SiteContact | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in SITE_FILES:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _FILES[name](brief, contact).encode("utf-8"))
    return buffer.getvalue()


def site_file(brief: Brief, name: str, contact: SiteContact | None = None) -> bytes | None:
    """One file of the website as it is in the zip (None for a name it has not),
    made alone: the preview serves a file without building the whole zip."""
    make = _FILES.get(name)
    return make(brief, contact).encode("utf-8") if make is not None else None


# The published page loads nothing: no script, its one inline style (by hash), images
# from data: only; it may not be framed, nor post a form, nor change its base.
PUBLISHED_CSP = (
    "default-src 'none'; style-src '{style}'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


def published_page(brief: Brief, contact: SiteContact | None = None) -> tuple[str, str]:
    """The page to publish, self-contained, and the Content-Security-Policy to serve
    it with (which allows its inline style by hash and nothing else)."""
    html_env, _ = _environments()
    css = _styles(brief, contact)
    logo = "data:image/svg+xml;base64," + base64.b64encode(_logo(brief).encode()).decode()
    html = html_env.get_template("index.html").render(
        **_page(brief, contact), inline_css=css, logo_src=logo
    )
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return html, PUBLISHED_CSP.format(style=f"sha256-{digest}")


def _index(brief: Brief, contact: SiteContact | None = None) -> str:
    html_env, _ = _environments()
    return html_env.get_template("index.html").render(
        **_page(brief, contact), inline_css="", logo_src="logo.svg"
    )


def _styles(brief: Brief, contact: SiteContact | None = None) -> str:
    _, css_env = _environments()
    tpl = brief.template_data
    return css_env.get_template("styles.css").render(
        palette=_checked(DEFAULT_PALETTE, tpl.palette if tpl else {}, _HEX),
        fonts=_checked(DEFAULT_FONTS, tpl.fonts if tpl else {}, _FONT_STACK),
    )


def _contact_rows(
    brief: Brief, copy: WebsiteCopy, contact: SiteContact, lab: dict[str, str]
) -> list[dict[str, Any]]:
    """The contact block: the person's details first, then the copy's; a placeholder
    only for what neither gives."""
    placeholders = set(copy.placeholders)
    given = {"whatsapp": contact.whatsapp, "phone": contact.phone, "hours": contact.hours}
    links = {"whatsapp": contact.whatsapp_link, "phone": contact.phone_link}
    rows = []
    for key in CONTACT_KEYS:
        if given[key]:
            rows.append(
                {
                    "label": lab[key],
                    "value": given[key],
                    "href": links.get(key, ""),
                    "placeholder": False,
                }
            )
            continue
        value = getattr(copy.contact, key) or f"[{lab['to_fill']}]"
        rows.append(
            {
                "label": lab[key],
                "value": value,
                "href": "",
                "placeholder": f"contact.{key}" in placeholders or value.startswith("["),
            }
        )
    location = contact.address or brief.location or ""
    if location:
        rows.append({"label": lab["location"], "value": location, "href": "", "placeholder": False})
    return rows


def _page(brief: Brief, contact: SiteContact | None = None) -> dict[str, Any]:
    lab = labels(brief)
    copy = brief.copy_data or WebsiteCopy()
    seo = brief.seo_data or Seo()
    tpl = brief.template_data
    name = business_name(brief)
    contact = contact or SiteContact()
    rows = _contact_rows(brief, copy, contact, lab)
    location = brief.location or ""
    h2 = seo.headings.h2
    default_h2 = [lab["services"], lab["about"], lab["why_us"], lab["contact"]]
    chosen = tpl.sections if tpl else []
    sections = [s for s in chosen if s in SECTIONS] or list(SECTIONS)
    services = [{"title": s.title, "description": s.description} for s in copy.services]
    mission = brief.mission or ""
    return {
        "lang": brief.language,
        "name": name,
        "meta_title": seo.meta_title or name,
        "meta_description": seo.meta_description or mission,
        "keywords": [seo.primary_keyword, *seo.secondary_keywords][:8],
        "hero_title": copy.hero_title or name,
        "hero_subtitle": copy.hero_subtitle or mission,
        "cta": copy.call_to_action or lab["contact"],
        # The call to action opens a WhatsApp chat when there is a number to write to.
        "cta_href": contact.whatsapp_link or "#contact",
        "services": services,
        "about": copy.about or brief.vision or "",
        "value": copy.value_proposition or brief.value_proposition or "",
        "contact": rows,
        "headings": h2 if len(h2) >= 4 else default_h2,
        "sections": sections,
        "location": location,
        "year": datetime.now(UTC).year,
        "made_with": lab["made_with"],
    }


def _checked(
    defaults: dict[str, str], given: dict[str, str], allowed: re.Pattern[str]
) -> dict[str, str]:
    """``defaults`` with the values of ``given`` that match ``allowed`` (a colour,
    a font stack: they go into CSS unescaped)."""
    return {
        key: value if (value := given.get(key, "")) and allowed.match(value) else default
        for key, default in defaults.items()
    }


def _logo(brief: Brief, contact: SiteContact | None = None) -> str:
    """The brief's logo, sanitised again (a brief saved before uploads were sanitised
    may hold one as received), else a neutral monogram."""
    logo = brief.logo_data
    if logo is not None and logo.svg:
        try:
            return sanitize_svg(logo.svg)
        except InvalidLogoError:
            pass
    letters = initials(business_name(brief))
    return monogram_svg(letters, "check", {"primary": "#2E4057", "accent": "#F28C28"})


_FILES: dict[str, Callable[[Brief, SiteContact | None], str]] = {
    "index.html": _index,
    "styles.css": _styles,
    "logo.svg": _logo,
}
SITE_FILES: tuple[str, ...] = tuple(_FILES)
