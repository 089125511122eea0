"""The brief's exports, on briefs made by the real agents and assembly."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from genesis import exports
from genesis.exports.brief import percent
from genesis.exports.latin1 import latin1
from tests.briefs import as_brief, brief_content, kenya_tech, senegal_restaurant


def _pdf_text(pdf: bytes) -> bytes:
    """The decompressed page streams: fpdf2 writes core-font text in them as Latin-1."""
    chunks = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            chunks.append(match.group(1))
    return b"\n".join(chunks)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.lang: str | None = None
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "script":
            self.scripts += 1
        for key in ("href", "src"):
            if values.get(key):
                self.refs.append(str(values[key]))


def _site(archive: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist()}


async def test_file_stem_is_safe_ascii() -> None:
    content = await brief_content(senegal_restaurant(business_name="Café d’Awa / Fils"))
    assert exports.file_stem(as_brief(content)) == "cafe-d-awa-fils"
    assert exports.file_stem(as_brief({"session_id": "abc123"})) == "brief-abc123"


async def test_markdown_has_sections_and_sourced_figures() -> None:
    content = await brief_content(senegal_restaurant())
    md = exports.to_markdown(as_brief(content))
    assert md.startswith("# Chez Awa & Fils\u00a0: Dossier d'entreprise")  # French spacing
    for heading in (
        "## Vision",
        "## Mission",
        "## Clientèle cible",
        "## Différenciation",
        "## Offre",
        "## Étude de marché",
        "### Chiffres clés",
        "## Référencement",
    ):
        assert heading in md, heading
    assert "| Population | 18 501 984 habitants | Banque mondiale, SP.POP.TOTL, 2024 | 2024 |" in md
    assert "Banque mondiale, NY.GDP.MKTP.CD, 2023" in md
    assert "[à compléter]" in md


async def test_markdown_in_english_and_with_a_failed_agent() -> None:
    content = await brief_content(kenya_tech())
    content["market_research"] = {"status": "failed", "data": {}, "error": "x", "duration_ms": 1}
    md = exports.to_markdown(as_brief(content))
    assert "## Market research\n\n_Not available_" in md
    assert "## Target audience" in md


async def test_pdf_for_a_french_brief_with_accents_and_curly_quotes() -> None:
    content = await brief_content(senegal_restaurant())
    content["mission"] = "Nous livrons “vite” — et bien… 🍲 l’équipe"
    pdf = exports.to_pdf(as_brief(content))
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 3000
    text = _pdf_text(pdf)
    assert "Étude de marché".encode("latin-1") in text
    assert b'Nous livrons "vite" - et bien...' in text
    assert "l'équipe".encode("latin-1") in text
    assert b"Banque mondiale, SP.POP.TOTL, 2024" in text
    # The logo was drawn: its accent colour (#F6C445) is only used by the logo symbol.
    assert b"0.9647 0.7686 0.2706" in text


async def test_pdf_in_english() -> None:
    pdf = exports.to_pdf(as_brief(await brief_content(kenya_tech())))
    assert b"Market research" in _pdf_text(pdf)


def test_latin1_keeps_french_and_replaces_the_rest() -> None:
    assert latin1("àéèçôù «ok»") == "àéèçôù «ok»"
    assert latin1("’“”–—…\u202f€") == '\'""--... EUR'
    assert latin1("a🍲b") == "ab"
    assert latin1("Ḿ") == "M"


async def test_site_zip_is_self_contained_escaped_and_in_the_session_language() -> None:
    content = await brief_content(senegal_restaurant(business_name="A&B <script>x</script>"))
    files = _site(exports.to_site_zip(as_brief(content)))
    assert set(files) == {"index.html", "styles.css", "logo.svg"}
    page = files["index.html"]
    parser = _Links()
    parser.feed(page)
    assert parser.lang == "fr"
    assert parser.scripts == 0
    assert "<script>x" not in page
    assert "A&amp;B &lt;script&gt;x&lt;/script&gt;" in page
    for ref in parser.refs:
        assert ref in {"styles.css", "logo.svg"} or ref.startswith("#"), ref
    assert "Nos services" in page
    assert "[à compléter]" in page
    assert "http" not in files["styles.css"]
    assert "@import" not in files["styles.css"]
    assert "--primary: #B23A1E;" in files["styles.css"]
    ET.fromstring(files["logo.svg"])


async def test_site_follows_the_template_section_order() -> None:
    content = await brief_content(kenya_tech())
    files = _site(exports.to_site_zip(as_brief(content)))
    page = files["index.html"]
    assert '<html lang="en">' in page
    order = content["template_selection"]["data"]["sections"]
    ids = {
        "services": 'id="services"',
        "about": 'id="about"',
        "value": 'id="why"',
        "contact": 'id="contact"',
        "hero": 'class="hero"',
    }
    positions = [page.index(ids[s]) for s in order]
    assert positions == sorted(positions)
    assert "@media (min-width: 48em)" in files["styles.css"]


async def test_site_survives_a_brief_without_agent_data() -> None:
    content: dict[str, Any] = {
        "business_name": "Solo",
        "language": "en",
        "mission": "We fix phones.",
        **{
            name: {"status": "failed", "data": {}, "error": "x", "duration_ms": 0}
            for name in (
                "market_research",
                "content_generation",
                "logo_creation",
                "seo_optimization",
                "template_selection",
            )
        },
    }
    files = _site(exports.to_site_zip(as_brief(content)))
    assert "We fix phones." in files["index.html"]
    ET.fromstring(files["logo.svg"])
    assert exports.to_pdf(as_brief(content)).startswith(b"%PDF-")
    assert "Not available" in exports.to_markdown(as_brief(content))


async def test_the_pdf_never_loads_what_a_logo_points_to(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(_tiny_png())
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
        f'<image href="{secret}" width="10" height="10"/></svg>'
    )
    content = await brief_content(senegal_restaurant())
    content["logo_creation"] = {**content["logo_creation"], "data": {"svg": svg}}
    pdf = exports.to_pdf(as_brief(content))
    assert pdf.startswith(b"%PDF")
    assert b"/Subtype /Image" not in pdf


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


# ------------------------------------------------------ user text and uploaded logos

EVIL_NAME = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"


async def test_markdown_shows_raw_html_and_link_syntax_as_typed() -> None:
    answers = {
        "vision": "<iframe src=//evil.example></iframe> &lt;b&gt; [clic](javascript:alert(1))",
        "mission": "Une ligne\n> pas une citation\n<b>gras</b>",
    }
    content = await brief_content(
        senegal_restaurant(business_name=f"# {EVIL_NAME}", answers=answers)
    )
    content["market_research"]["data"]["sources"] = [
        {"title": "<b>ok</b>", "url": "https://example.com/a?b=1"},
        {"title": "x", "url": "javascript:alert(1)"},
    ]
    md = exports.to_markdown(as_brief(content))
    first = md.splitlines()[0]
    assert first.startswith("# # &lt;script&gt;alert(1)&lt;/script&gt; & &lt;img src=x")
    prose = re.sub(r"`[^`\n]*`", "", md)  # code spans show their text literally
    for raw in ("<script", "<img", "<iframe", "<b>", "(<javascript:"):
        assert raw not in prose, raw
    assert not re.search(r"(?<!\\)\[[^\]]*\]\(javascript", prose)
    assert "&amp;lt;b&amp;gt;" in md  # a typed entity shows as typed
    assert "\\[clic](javascript:alert(1))" in md  # link syntax is text
    assert "&gt; pas une citation" in md
    assert "\n> pas une citation" not in md  # never a quotation block
    assert "- [&lt;b&gt;ok&lt;/b&gt;](<https://example.com/a?b=1>)" in md
    assert "- x\u00a0: `javascript:alert(1)`" in md  # not a link (French spacing)


async def test_markdown_svg_fence_outlasts_backticks_in_the_logo() -> None:
    content = await brief_content(senegal_restaurant())
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">'
        "<text>```\n# &lt;script&gt;x&lt;/script&gt;\n`````</text></svg>"
    )
    content["logo_creation"]["data"] = {"kind": "uploaded", "svg": svg}
    md = exports.to_markdown(as_brief(content))
    block = re.search(r"^(`{3,})svg\n(.*?)\n\1$", md, re.MULTILINE | re.DOTALL)
    assert block is not None
    assert len(block.group(1)) == 6
    assert "`````" in block.group(2)
    assert "&lt;script&gt;" in block.group(2)  # text stays escaped: no markup
    assert md.index("## ", block.end()) > block.end()  # the next section is outside the fence


async def test_markdown_drops_a_stored_logo_the_sanitiser_refuses() -> None:
    content = await brief_content(senegal_restaurant())
    evil = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    content["logo_creation"]["data"] = {"kind": "uploaded", "svg": evil}
    md = exports.to_markdown(as_brief(content))
    assert "alert(1)" not in md
    assert "```svg" not in md


async def test_uploaded_logo_is_sanitised_in_the_brief_and_in_the_site_zip() -> None:
    uploaded = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9" class="c">'
        '<style>.c{fill:red}</style><circle cx="4" cy="4" r="4" style="fill:#123456"/></svg>'
    )
    context = {"sector": "restaurant", "uploaded_logo_svg": uploaded}
    content = await brief_content(senegal_restaurant(sector_context=context))
    logo = content["logo_creation"]["data"]
    assert logo["kind"] == "uploaded"
    assert logo["svg"] == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">'
        '<circle cx="4" cy="4" r="4" fill="#123456" /></svg>'
    )
    files = _site(exports.to_site_zip(as_brief(content)))
    assert files["logo.svg"] == logo["svg"]
    assert 'src="logo.svg"' in files["index.html"]
    assert exports.to_pdf(as_brief(content)).startswith(b"%PDF-")


async def test_site_zip_never_ships_a_stored_unsafe_logo() -> None:
    """A brief saved before uploads were sanitised: the zip sanitises again."""
    content = await brief_content(senegal_restaurant())
    for svg in (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        '<a href="&#106;avascript:alert(1)"><rect/></a></svg>',
        "<svg xmlns='http://www.w3.org/2000/svg'><image href='http://evil.example/x.png'/></svg>",
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" onclick="x()"/></svg>',
    ):
        content["logo_creation"]["data"] = {"kind": "uploaded", "svg": svg}
        logo = _site(exports.to_site_zip(as_brief(content)))["logo.svg"]
        assert "evil" not in logo
        assert "javascript" not in logo
        assert "onclick" not in logo
        assert ET.fromstring(logo).tag == "{http://www.w3.org/2000/svg}svg"  # a monogram
    harmless = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>'
    content["logo_creation"]["data"] = {"kind": "uploaded", "svg": harmless}
    logo = _site(exports.to_site_zip(as_brief(content)))["logo.svg"]
    assert logo == '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" /></svg>'


# ------------------------------------------------------------- the financial plan


async def test_the_financial_plan_sits_between_the_market_and_the_website_copy() -> None:
    from tests.exports.plans import section, xof_restaurant

    content = await brief_content(senegal_restaurant())
    content["financial_plan"] = section(xof_restaurant())
    md = exports.to_markdown(as_brief(content))
    assert md.index("## Étude de marché") < md.index("## Plan financier")
    assert md.index("## Plan financier") < md.index("## Contenu du site")
    assert "| Cuisine | 1\u202f200\u202f000 |" in md
    text = _pdf_text(exports.to_pdf(as_brief(content)))
    assert text.index(b"Plan financier") < text.index(b"Contenu du site")
    # The one-page website is for customers: it never shows the plan.
    assert "Plan financier" not in _site(exports.to_site_zip(as_brief(content)))["index.html"]


def test_a_percentage_follows_the_language_s_typography() -> None:
    assert percent(0.98, "en") == "98%"
    assert percent(0.98, "fr") == "98\u00a0%"  # a space that never breaks the line
