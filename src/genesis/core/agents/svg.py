"""Make a person's SVG safe to publish: parse it, then rebuild it from an allowlist.

An uploaded logo ends up in the brief, the website zip (``logo.svg``, shown by
browsers), the Markdown and the PDF, so it is never passed on as received:

1. It is refused before parsing when it is too large, declares a DTD or an
   entity, or holds a processing instruction. Without a DTD there is nothing
   to expand (billion laughs) and nothing external to fetch (XXE).
2. It is parsed (``xml.etree``) and refused when it is not an ``<svg>``
   document, or when anything in it could run code or reach outside the
   file: scripts, ``foreignObject``, embedded documents or images, animation
   elements (they can rewrite links), event handlers, ``javascript:`` values,
   links or ``url(...)`` references that do not point inside the file
   (``#id``; so no ``data:`` or ``http:``), ``@import``, CSS escapes. The parser has already decoded
   character references, so ``&#106;avascript:`` is seen as ``javascript:``.
3. The tree is rebuilt with only the allowed elements and attributes; anything
   else (metadata, editor attributes, ``<style>``, ``class``) is dropped, and a
   ``style="..."`` attribute is turned into the allowed presentation attributes.
   A ``<use>`` that copies a part holding another ``<use>`` is dropped.
4. What would be drawn is counted with every reference expanded: a ``<use>``
   draws its target again, a ``clip-path``/``fill``/``stroke`` of ``url(#id)``
   draws the part it names. A small file can name one group hundreds of times
   (310 shapes used 310 times cost 12 s per PDF), so past
   ``MAX_RENDERED_ELEMENTS`` the file is refused.

The clean SVG is new text written by ``xml.etree``: every value is escaped again.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Final

from genesis.core.errors import InvalidLogoError

MAX_SVG_BYTES: Final = 100_000
MAX_DEPTH: Final = 64
MAX_ELEMENTS: Final = 5_000
# Elements drawn once references are expanded (about half a second of PDF).
MAX_RENDERED_ELEMENTS: Final = 5_000

SVG_NS: Final = "http://www.w3.org/2000/svg"
XLINK_NS: Final = "http://www.w3.org/1999/xlink"

ELEMENTS: Final = frozenset(
    {
        "svg",
        "g",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "defs",
        "linearGradient",
        "radialGradient",
        "stop",
        "title",
        "desc",
        "clipPath",
        "use",
    }
)
# Elements whose text is kept (everything else only holds other elements).
TEXT_ELEMENTS: Final = frozenset({"text", "tspan", "title", "desc"})
# Refused outright: they run code, load other documents or images, or change
# attributes over time (``<set attributeName="href" to="javascript:...">``).
ACTIVE_ELEMENTS: Final = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "object",
        "embed",
        "image",
        "feimage",
        "handler",
        "listener",
        "set",
        "animate",
        "animatemotion",
        "animatetransform",
        "animatecolor",
        "discard",
        "audio",
        "video",
    }
)
PRESENTATION: Final = frozenset(
    {
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-dasharray",
        "stroke-dashoffset",
        "opacity",
        "color",
        "display",
        "visibility",
        "clip-path",
        "clip-rule",
        "stop-color",
        "stop-opacity",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "text-anchor",
        "dominant-baseline",
        "letter-spacing",
        "text-decoration",
    }
)
ATTRIBUTES: Final = PRESENTATION | frozenset(
    {
        "id",
        "role",
        "aria-label",
        "viewBox",
        "preserveAspectRatio",
        "width",
        "height",
        "x",
        "y",
        "dx",
        "dy",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "x1",
        "y1",
        "x2",
        "y2",
        "d",
        "points",
        "transform",
        "offset",
        "gradientUnits",
        "gradientTransform",
        "spreadMethod",
        "clipPathUnits",
        "href",
    }
)
LINK_ATTRIBUTES: Final = frozenset({"href", "src"})

_XML_DECLARATION = re.compile(r"\A\s*<\?xml\s[^<>]*\?>")
_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[)")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")
_SCRIPT_URL = re.compile(r"(?:java|vb)script:|expression\(|@import")
_URL = re.compile(r"url\(")
_LOCAL_URL = re.compile(r"url\(['\"]?#")
_REFERENCE = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)")


def sanitize_svg(text: str) -> str:
    """The clean SVG, or :class:`InvalidLogoError` saying why it is refused."""
    if len(text.encode("utf-8", "replace")) > MAX_SVG_BYTES:
        raise _refused(f"the file is larger than {MAX_SVG_BYTES // 1000} KB")
    body = _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    if _DECLARATION.search(body):
        raise _refused("DOCTYPE and ENTITY declarations are not allowed")
    if "<?" in body:
        raise _refused("processing instructions are not allowed")
    try:
        root = ET.fromstring(body)  # noqa: S314 - no DTD (checked above): nothing to expand
    except ET.ParseError as exc:
        raise _refused(f"it is not valid XML ({exc})") from None
    namespace, name = _split(root.tag)
    if name != "svg" or namespace not in (SVG_NS, ""):
        raise _refused(f'the root element must be <svg xmlns="{SVG_NS}">')
    _check_active(root)
    clean = _rebuild(root, namespace, depth=0)
    _drop_nested_uses(clean)
    rendered_elements(clean)
    clean.attrib = {"xmlns": SVG_NS, **clean.attrib}
    return ET.tostring(clean, encoding="unicode")


def _refused(why: str) -> InvalidLogoError:
    return InvalidLogoError(f"The SVG logo was refused: {why}.", why)


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _check_active(root: ET.Element) -> None:
    """Refuse the whole file when anything in it could run code or reach outside."""
    for count, element in enumerate(root.iter(), start=1):
        if count > MAX_ELEMENTS:
            raise _refused(f"it has more than {MAX_ELEMENTS} elements")
        if not isinstance(element.tag, str):
            continue
        name = _split(element.tag)[1]
        if name.lower() in ACTIVE_ELEMENTS:
            raise _refused(f"it contains a <{name}> element (scripts, images and animations)")
        if name.lower() == "style":
            _check_value("style", element.text or "")
        for key, value in element.attrib.items():
            attribute = _split(key)[1]
            if attribute.lower().startswith("on"):
                raise _refused(f"it contains an event handler ({attribute})")
            if attribute.lower() in LINK_ATTRIBUTES and not value.strip().startswith("#"):
                raise _refused(f"it links outside the file ({attribute}={value.strip()[:60]!r})")
            _check_value(attribute, value)


def _check_value(where: str, value: str) -> None:
    flat = _INVISIBLE.sub("", value).lower()
    if "\\" in flat:
        raise _refused(f"escape sequences are not allowed ({where})")
    if _SCRIPT_URL.search(flat):
        raise _refused(f"it contains a script or data URL ({where})")
    if len(_URL.findall(flat)) != len(_LOCAL_URL.findall(flat)):
        raise _refused(f"it references something outside the file ({where})")


def _rebuild(source: ET.Element, namespace: str, depth: int) -> ET.Element:
    if depth > MAX_DEPTH:
        raise _refused(f"it is nested more than {MAX_DEPTH} levels deep")
    name = _split(source.tag)[1]
    clean = ET.Element(name, _attributes(source))
    if name in TEXT_ELEMENTS and source.text:
        clean.text = source.text
    for child in source:
        if not isinstance(child.tag, str):
            continue  # comments are already dropped by the parser
        child_namespace, child_name = _split(child.tag)
        if child_namespace != namespace or child_name not in ELEMENTS:
            continue  # metadata, editor elements, <style>, <a> ...
        rebuilt = _rebuild(child, namespace, depth + 1)
        if name in TEXT_ELEMENTS and child.tail:
            rebuilt.tail = child.tail
        clean.append(rebuilt)
    return clean


def _drop_nested_uses(root: ET.Element) -> None:
    """A ``<use>`` may only copy a part that holds no ``<use>``: chained copies grow
    exponentially (a billion laughs drawn instead of parsed) and may loop."""
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    drop = [
        (parent, child)
        for parent in root.iter()
        for child in parent
        if child.tag == "use"
        and (
            (target := by_id.get(child.get("href", "")[1:])) is None
            or any(e.tag == "use" for e in target.iter())
        )
    ]
    for parent, child in drop:  # decided on the whole tree first: order does not matter
        parent.remove(child)


def rendered_elements(root: ET.Element, limit: int = MAX_RENDERED_ELEMENTS) -> int:
    """How many elements drawing ``root`` takes, every reference expanded
    (recursively); refused past ``limit`` or when a reference loops."""
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    sizes: dict[int, int] = {}
    under_way: set[int] = set()

    def size(element: ET.Element) -> int:
        key = id(element)
        if key in sizes:
            return sizes[key]
        if key in under_way:
            raise _refused("it refers to itself in a loop")
        under_way.add(key)
        total = 1
        for name in _references(element):
            target = by_id.get(name)
            if target is not None:
                total += size(target)
        for child in element:
            total += size(child)
            if total > limit:
                break
        under_way.discard(key)
        if total > limit:
            raise _refused(
                f"it would draw more than {limit} shapes once its <use> copies and "
                "references are counted"
            )
        sizes[key] = total
        return total

    return size(root)


def _references(element: ET.Element) -> list[str]:
    """The ids an element draws again: its ``href`` and its ``url(#id)`` values."""
    names = [
        value[1:] for key, value in element.attrib.items() if key == "href" and value[:1] == "#"
    ]
    for key, value in element.attrib.items():
        if key != "href":
            names.extend(_REFERENCE.findall(value))
    return names


def _attributes(source: ET.Element) -> dict[str, str]:
    kept: dict[str, str] = {}
    for key, value in source.attrib.items():
        namespace, name = _split(key)
        if name == "href" and namespace in ("", XLINK_NS):
            kept["href"] = value.strip()  # SVG 2 ``href``: no xlink prefix to declare
        elif namespace == "" and name in ATTRIBUTES:
            kept[name] = value
    # Editors write colours as style="fill:#fff;stroke:none"; inline CSS wins over
    # attributes, so the allowed declarations replace them.
    for declaration in source.attrib.get("style", "").split(";"):
        prop, _, value = declaration.partition(":")
        prop, value = prop.strip().lower(), value.strip()
        if prop in PRESENTATION and value and "!" not in value:
            kept[prop] = value
    return kept
