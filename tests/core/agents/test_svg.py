"""The uploaded-logo sanitiser: known bypasses of a regex filter, XML attacks, and a
real logo that must come through with its shapes."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET

import pytest

from genesis.core.agents.logo import monogram_svg, wordmark_svg
from genesis.core.agents.svg import MAX_SVG_BYTES, SVG_NS, sanitize_svg
from genesis.core.errors import InvalidLogoError

NS = {"s": SVG_NS}
OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def svg(inner: str, attrs: str = ' viewBox="0 0 10 10"') -> str:
    return f"{OPEN}{attrs}>{inner}</svg>"


def refused(text: str) -> str:
    with pytest.raises(InvalidLogoError) as caught:
        sanitize_svg(text)
    assert caught.value.detail.startswith("The SVG logo was refused: ")
    assert caught.value.reason
    return caught.value.reason


LEGIT = svg(
    "<title>Chez Awa</title><desc>Logo &amp; badge</desc>"
    '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
    '<stop offset="0" stop-color="#C0392B"/><stop offset="1" style="stop-color:#F39C12"/>'
    '</linearGradient><clipPath id="c"><circle cx="5" cy="5" r="5"/></clipPath>'
    '<g id="dot"><circle cx="1" cy="1" r="1"/></g></defs>'
    '<rect width="10" height="10" rx="2" fill="url(#g)"/>'
    '<g transform="translate(1 1)" clip-path="url(#c)" opacity="0.9">'
    '<path d="M1 1h8v8H1z" style="fill:#fff;stroke:#000;stroke-width:0.5" class="x"/>'
    '<ellipse cx="5" cy="5" rx="2" ry="1"/><line x1="0" y1="0" x2="9" y2="9" stroke="red"/>'
    '<polyline points="0,0 1,1 2,0" fill="none"/><polygon points="0,0 1,1 2,0"/></g>'
    '<use xlink:href="#dot" x="3"/>'
    '<text x="5" y="9" font-family="Arial, sans-serif" font-size="3" font-weight="700" '
    'text-anchor="middle">CA <tspan fill="#fff">&amp; fils</tspan> &lt;ok&gt;</text>',
)


def test_a_legitimate_logo_keeps_its_shapes_text_and_gradients() -> None:
    clean = sanitize_svg(LEGIT)
    root = ET.fromstring(clean)
    assert root.tag == f"{{{SVG_NS}}}svg"
    for tag in ("rect", "path", "ellipse", "line", "polyline", "polygon", "use", "stop", "tspan"):
        assert root.findall(f".//s:{tag}", NS), tag
    assert root.find(".//s:rect", NS).get("fill") == "url(#g)"  # type: ignore[union-attr]
    path = root.find(".//s:path", NS)
    assert path is not None
    # Inline style becomes presentation attributes; class is dropped.
    assert (path.get("fill"), path.get("stroke"), path.get("stroke-width")) == (
        "#fff",
        "#000",
        "0.5",
    )
    assert path.get("class") is None
    assert path.get("style") is None
    assert root.find(".//s:use", NS).get("href") == "#dot"  # type: ignore[union-attr]
    assert root.findall(".//s:stop", NS)[1].get("stop-color") == "#F39C12"
    text = root.find(".//s:text", NS)
    assert text is not None
    assert "".join(text.itertext()) == "CA & fils <ok>"
    assert root.findtext("s:title", namespaces=NS) == "Chez Awa"
    assert sanitize_svg(clean) == clean  # stable: a second pass changes nothing


@pytest.mark.parametrize("make", [monogram_svg, wordmark_svg])
def test_the_generated_logos_come_through_unchanged_in_substance(make: object) -> None:
    palette = {"primary": "#2E4057", "accent": "#F28C28", "text": "#1B2634"}
    original = (
        monogram_svg("CA", "bowl", palette)
        if make is monogram_svg
        else wordmark_svg("Chez Awa", "CA", "bowl", palette)
    )
    clean = ET.fromstring(sanitize_svg(original))
    before = ET.fromstring(original)
    assert [(e.tag, e.attrib, e.text) for e in clean.iter()] == [
        (e.tag, e.attrib, e.text) for e in before.iter()
    ]


def test_an_xml_declaration_and_comments_are_fine_and_a_bare_svg_gets_its_namespace() -> None:
    clean = sanitize_svg(
        '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->'
        '<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'
    )
    assert clean == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
        '<rect width="1" height="1" /></svg>'
    )


def test_editor_metadata_and_unknown_parts_are_dropped() -> None:
    inkscape = (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'inkscape:version="1.3" width="10" height="10">'
        '<metadata><rdf:RDF><rdf:Description rdf:about="x"/></rdf:RDF></metadata>'
        '<style>.a{fill:red}</style><filter id="f"><feGaussianBlur stdDeviation="2"/></filter>'
        '<rect inkscape:label="bg" width="10" height="10" filter="url(#f)" data-x="1"/></svg>'
    )
    clean = sanitize_svg(inkscape)
    assert clean == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10" /></svg>'
    )


# ------------------------------------------------------------------ what the review found


@pytest.mark.parametrize(
    "inner",
    [
        '<a href="&#106;avascript:alert(1)"><rect width="1" height="1"/></a>',
        '<a href="&#x6A;avascript&#58;alert(1)"><rect/></a>',
        '<a xlink:href="  JaVaScRiPt:alert(1)"><rect/></a>',
        '<a href="java&#9;script:alert(1)"><rect/></a>',
        "<a href='http://evil.example/'><rect/></a>",
        '<a href="http://evil.example/"><rect/></a>',
        "<use xlink:href='https://evil.example/x.svg#a'/>",
        '<use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>',
        '<use href="//evil.example/x.svg#a"/>',
    ],
)
def test_links_outside_the_file_are_refused(inner: str) -> None:
    assert "links outside the file" in refused(svg(inner))


@pytest.mark.parametrize(
    "inner",
    [
        '<image href="http://evil.example/track.png" width="10" height="10"/>',
        '<image xlink:href="#local"/>',
        "<script>alert(1)</script>",
        '<SCRIPT xmlns="http://www.w3.org/1999/xhtml">alert(1)</SCRIPT>',
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
        '<g><g><foreignObject><iframe src="#"/></foreignObject></g></g>',
        '<set attributeName="href" to="javascript:alert(1)"/>',
        '<animate attributeName="href" values="javascript:alert(1)"/>',
        '<iframe src="#x"/>',
        '<embed src="#x"/>',
        '<object data="x"/>',
        '<handler type="text/javascript">alert(1)</handler>',
    ],
)
def test_scripts_documents_images_and_animations_are_refused(inner: str) -> None:
    assert "contains a <" in refused(svg(inner))


@pytest.mark.parametrize(
    "attribute", ["onload", "ONLOAD", "onLoad", "onmouseover", "onbegin", "onfocusin"]
)
def test_event_handlers_are_refused_whatever_their_case(attribute: str) -> None:
    assert "event handler" in refused(svg(f'<rect {attribute}="alert(1)"/>'))
    assert "event handler" in refused(svg("", f' {attribute}="alert(1)"'))


@pytest.mark.parametrize(
    "inner",
    [
        "<style>rect { fill: url(http://evil.example/x) }</style><rect/>",
        "<style>@import url('https://evil.example/x.css');</style>",
        "<style>@import 'https://evil.example/x.css';</style>",
        '<rect style="fill: url(http://evil.example/x)"/>',
        '<rect style="fill:URL( &quot;https://evil.example/x&quot; )"/>',
        '<rect fill="url(https://evil.example/x#g)"/>',
        '<rect mask="url(data:image/svg+xml;base64,AAAA)"/>',
        '<rect style="background:u\\72l(http://evil.example/x)"/>',
        '<rect style="behavior: expression(alert(1))"/>',
        '<rect style="x:javascript:alert(1)"/>',
    ],
)
def test_css_reaching_outside_or_running_code_is_refused(inner: str) -> None:
    refused(svg(inner))


def test_a_harmless_style_element_is_dropped_not_refused() -> None:
    clean = sanitize_svg(svg("<style>rect{fill:red}</style><rect/>"))
    assert "style" not in clean
    assert "<rect" in clean


# ------------------------------------------------------------------ XML attacks


def test_entities_are_refused_before_parsing() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"{OPEN}><text>&xxe;</text></svg>"
    )
    assert "DOCTYPE" in refused(xxe)
    laughs = (
        '<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        f"{OPEN}><text>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</text></svg>"
    )
    started = time.perf_counter()
    assert "DOCTYPE" in refused(laughs)
    assert time.perf_counter() - started < 0.5
    assert "DOCTYPE" in refused('<!doctype svg SYSTEM "http://evil.example/x.dtd"><svg/>')
    assert "DOCTYPE" in refused(f'{OPEN}><!ENTITY x "y"></svg>')
    # Without a DTD, an entity reference is only an error.
    assert "not valid XML" in refused(svg("<text>&xxe;</text>"))


def test_processing_instructions_are_refused() -> None:
    stylesheet = '<?xml-stylesheet href="http://evil.example/x.css"?>' + svg("<rect/>")
    assert "processing instructions" in refused(stylesheet)
    assert "processing instructions" in refused(svg("<?php echo 1; ?><rect/>"))


def test_huge_input_is_refused_without_parsing() -> None:
    big = svg("<rect/>" * (MAX_SVG_BYTES // 7 + 1))
    started = time.perf_counter()
    assert "larger than 100 KB" in refused(big)
    assert time.perf_counter() - started < 0.1
    assert "more than" in refused(svg("<g/>" * 5001))
    deep = svg("<g>" * 100 + "<rect/>" + "</g>" * 100)
    assert "nested" in refused(deep)


@pytest.mark.parametrize(
    "text",
    [
        '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
        '<svg xmlns="http://example.com/not-svg"><rect/></svg>',
        "<rect/>",
        "not xml at all",
        "",
        '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>',
    ],
)
def test_anything_but_an_svg_document_is_refused(text: str) -> None:
    reason = refused(text)
    assert "root element must be <svg" in reason or "not valid XML" in reason


def test_copies_of_copies_are_dropped() -> None:
    """A <use> chain grows exponentially when drawn; a copy of a part with no copy is fine."""
    chain = "".join(
        f'<g id="l{i}"><use href="#l{i - 1}"/><use href="#l{i - 1}"/></g>' for i in range(1, 30)
    )
    clean = ET.fromstring(sanitize_svg(svg(f'<defs><g id="l0"><rect/></g>{chain}</defs>')))
    uses = clean.findall(".//s:use", NS)
    assert [u.get("href") for u in uses] == ["#l0", "#l0"]
    loop = ET.fromstring(sanitize_svg(svg('<g id="a"><use href="#a"/></g><use href="#nope"/>')))
    assert not loop.findall(".//s:use", NS)


def fan_out(shapes: int, copies: int) -> str:
    """The probe's logo: a group of ``shapes`` rectangles drawn ``copies`` times."""
    rects = "".join(f'<rect x="{i % 9}" width="1" height="1"/>' for i in range(shapes))
    uses = "".join(f'<use href="#g" x="{i % 9}"/>' for i in range(copies))
    return svg(f'<defs><g id="g">{rects}</g></defs>{uses}')


def test_a_small_file_that_draws_too_much_is_refused() -> None:
    text = fan_out(310, 310)  # 17 KB, 96 000 shapes drawn: 12 s per PDF
    assert len(text) < 25_000
    reason = refused(text)
    assert "more than 5000 shapes once its <use> copies" in reason
    assert sanitize_svg(fan_out(40, 50))  # 2 000 drawn: a busy logo, still fine


def test_every_kind_of_reference_counts() -> None:
    clip = "".join('<rect width="1" height="1"/>' for _ in range(100))
    users = "".join('<rect clip-path="url(#c)" width="2" height="2"/>' for _ in range(60))
    reason = refused(svg(f'<defs><clipPath id="c">{clip}</clipPath></defs>{users}'))
    assert "more than 5000 shapes" in reason
    stops = "".join('<stop offset="0.5" stop-color="#fff"/>' for _ in range(100))
    fills = "".join('<rect fill="url(#grad)" width="1" height="1"/>' for _ in range(60))
    assert "more than 5000" in refused(
        svg(f'<defs><linearGradient id="grad">{stops}</linearGradient></defs>{fills}')
    )


def test_a_reference_that_loops_is_refused() -> None:
    inner = '<clipPath id="c"><rect clip-path="url(#c)" width="1" height="1"/></clipPath>'
    assert "loop" in refused(svg(inner + '<rect clip-path="url(#c)"/>'))
