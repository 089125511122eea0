"""The brief in files: Markdown, PDF, a one-page static website (zip) and the
financial plan as a spreadsheet (xlsx).

:func:`render` makes any of them from the typed brief (``service.get_brief``),
which every format reads as it is: a brief stored by an older version, or with
an agent that failed, was read leniently into it (``core.agents.results``). Everything here is
blocking: callers in async code run it in a thread (``Runtime.export``).
"""

from dataclasses import dataclass
from typing import Literal

from genesis.core.agents.brief import Brief
from genesis.core.contact import SiteContact
from genesis.exports.bounded import render_bounded
from genesis.exports.brief import file_stem
from genesis.exports.markdown import to_markdown
from genesis.exports.site import published_page, site_file, to_site_zip

ExportFormat = Literal["md", "pdf", "xlsx", "site"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("md", "pdf", "xlsx", "site")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class Download:
    body: bytes
    media_type: str
    filename: str


def render(
    brief: Brief,
    fmt: ExportFormat,
    *,
    pdf_timeout_seconds: float = 10.0,
    contact: SiteContact | None = None,
) -> Download:
    """The brief as a file to download. A PDF is made in a child process stopped
    after ``pdf_timeout_seconds`` (RenderTimeoutError); an xlsx needs a plan
    (NotFoundError without one). The website shows ``contact`` (the details the
    person gave) in its contact block."""
    name = file_stem(brief)
    if fmt == "md":
        return Download(to_markdown(brief).encode(), "text/markdown; charset=utf-8", f"{name}.md")
    if fmt == "pdf":
        # The child process gets the brief pickled: it is a pydantic model.
        pdf = render_bounded(to_pdf, brief, seconds=pdf_timeout_seconds, what="PDF")
        return Download(pdf, "application/pdf", f"{name}.pdf")
    if fmt == "xlsx":
        return Download(to_xlsx(brief), XLSX_MEDIA_TYPE, f"{name}-finances.xlsx")
    return Download(to_site_zip(brief, contact), "application/zip", f"{name}-site.zip")


def to_pdf(brief: Brief) -> bytes:
    """The brief as a PDF. fpdf2 (with Pillow and fontTools, ~30 MB) is imported on
    the first PDF, not when the server starts: most processes never render one."""
    from genesis.exports.pdf import to_pdf as make

    return make(brief)


def to_xlsx(brief: Brief) -> bytes:
    """The financial plan as an xlsx whose cells are formulas (NotFoundError when the
    brief has no plan). openpyxl is imported on the first spreadsheet, like fpdf2."""
    from genesis.exports.xlsx import to_xlsx as make

    return make(brief)


__all__ = [
    "EXPORT_FORMATS",
    "XLSX_MEDIA_TYPE",
    "Download",
    "ExportFormat",
    "file_stem",
    "published_page",
    "render",
    "site_file",
    "to_markdown",
    "to_pdf",
    "to_site_zip",
    "to_xlsx",
]
