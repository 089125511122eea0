"""The brief in files: Markdown, PDF, a one-page static website (zip) and the
financial plan as a spreadsheet (xlsx).

Every function takes the brief content as ``service.get_brief`` returns it (the
assembled brief plus ``session_id``, ``language``, ``status``,
``generated_at``) and is blocking: callers in async code run it in a thread.
"""

from typing import Any

from genesis.exports.brief import file_stem
from genesis.exports.markdown import to_markdown
from genesis.exports.site import to_site_zip


def to_pdf(content: dict[str, Any]) -> bytes:
    """The brief as a PDF. fpdf2 (with Pillow and fontTools, ~30 MB) is imported on
    the first PDF, not when the server starts: most processes never render one."""
    from genesis.exports.pdf import to_pdf as render

    return render(content)


def to_xlsx(content: dict[str, Any]) -> bytes:
    """The financial plan as an xlsx whose cells are formulas (NotFoundError when the
    brief has no plan). openpyxl is imported on the first spreadsheet, like fpdf2."""
    from genesis.exports.xlsx import to_xlsx as render

    return render(content)


XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_name(content: dict[str, Any]) -> str:
    return f"{file_stem(content)}-finances.xlsx"


__all__ = [
    "XLSX_MEDIA_TYPE",
    "file_stem",
    "to_markdown",
    "to_pdf",
    "to_site_zip",
    "to_xlsx",
    "xlsx_name",
]
