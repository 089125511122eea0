"""Outbound messages as the Graph API takes them, with WhatsApp's documented limits
checked when a message is built (a message the API would refuse never leaves).

pywa would give these shapes, but it fixes the Graph address
(``https://graph.facebook.com``), so the tests' local fake could not stand in
for it; the shapes are small enough to keep here, and the tests check them
against the documented limits.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-*-messages
TEXT_BODY_MAX: Final = 4096
INTERACTIVE_BODY_MAX: Final = 1024
HEADER_MAX: Final = 60
FOOTER_MAX: Final = 60
BUTTONS_MAX: Final = 3
BUTTON_TITLE_MAX: Final = 20
BUTTON_ID_MAX: Final = 256
LIST_ROWS_MAX: Final = 10
LIST_SECTIONS_MAX: Final = 10
LIST_BUTTON_MAX: Final = 20
SECTION_TITLE_MAX: Final = 24
ROW_TITLE_MAX: Final = 24
ROW_DESCRIPTION_MAX: Final = 72
ROW_ID_MAX: Final = 200
CAPTION_MAX: Final = 1024
# Our own, tighter limit for a text message: a screen, not a wall (the issue's).
SPLIT_AT: Final = 1024


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReplyButton(_Shape):
    id: Annotated[str, Field(min_length=1, max_length=BUTTON_ID_MAX)]
    title: Annotated[str, Field(min_length=1, max_length=BUTTON_TITLE_MAX)]


class ListRow(_Shape):
    id: Annotated[str, Field(min_length=1, max_length=ROW_ID_MAX)]
    title: Annotated[str, Field(min_length=1, max_length=ROW_TITLE_MAX)]
    description: Annotated[str, Field(max_length=ROW_DESCRIPTION_MAX)] = ""


class ListSection(_Shape):
    title: Annotated[str, Field(min_length=1, max_length=SECTION_TITLE_MAX)]
    rows: Annotated[list[ListRow], Field(min_length=1, max_length=LIST_ROWS_MAX)]


class Text(_Shape):
    body: Annotated[str, Field(min_length=1, max_length=TEXT_BODY_MAX)]
    preview_url: bool = False

    def content(self) -> dict[str, Any]:
        return {"type": "text", "text": {"body": self.body, "preview_url": self.preview_url}}


class Buttons(_Shape):
    body: Annotated[str, Field(min_length=1, max_length=INTERACTIVE_BODY_MAX)]
    buttons: Annotated[list[ReplyButton], Field(min_length=1, max_length=BUTTONS_MAX)]
    header: Annotated[str, Field(max_length=HEADER_MAX)] = ""
    footer: Annotated[str, Field(max_length=FOOTER_MAX)] = ""

    @model_validator(mode="after")
    def _distinct(self) -> Buttons:
        if len({b.id for b in self.buttons}) != len(self.buttons):
            raise ValueError("reply button ids must be unique")
        if len({b.title for b in self.buttons}) != len(self.buttons):
            raise ValueError("reply button titles must be unique")
        return self

    def content(self) -> dict[str, Any]:
        interactive: dict[str, Any] = {
            "type": "button",
            "body": {"text": self.body},
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": b.id, "title": b.title}} for b in self.buttons
                ]
            },
        }
        _decorate(interactive, self.header, self.footer)
        return {"type": "interactive", "interactive": interactive}


class ListMessage(_Shape):
    body: Annotated[str, Field(min_length=1, max_length=INTERACTIVE_BODY_MAX)]
    button: Annotated[str, Field(min_length=1, max_length=LIST_BUTTON_MAX)]
    sections: Annotated[list[ListSection], Field(min_length=1, max_length=LIST_SECTIONS_MAX)]
    header: Annotated[str, Field(max_length=HEADER_MAX)] = ""
    footer: Annotated[str, Field(max_length=FOOTER_MAX)] = ""

    @model_validator(mode="after")
    def _rows(self) -> ListMessage:
        ids = [row.id for section in self.sections for row in section.rows]
        if len(ids) > LIST_ROWS_MAX:
            raise ValueError(f"a list holds at most {LIST_ROWS_MAX} rows in all")
        if len(set(ids)) != len(ids):
            raise ValueError("list row ids must be unique")
        return self

    def content(self) -> dict[str, Any]:
        interactive: dict[str, Any] = {
            "type": "list",
            "body": {"text": self.body},
            "action": {
                "button": self.button,
                "sections": [
                    {
                        "title": s.title,
                        "rows": [
                            {"id": r.id, "title": r.title, "description": r.description}
                            if r.description
                            else {"id": r.id, "title": r.title}
                            for r in s.rows
                        ],
                    }
                    for s in self.sections
                ],
            },
        }
        _decorate(interactive, self.header, self.footer)
        return {"type": "interactive", "interactive": interactive}


class Document(_Shape):
    link: Annotated[str, Field(pattern=r"^https?://")]
    filename: Annotated[str, Field(min_length=1, max_length=240)]
    caption: Annotated[str, Field(max_length=CAPTION_MAX)] = ""

    def content(self) -> dict[str, Any]:
        document: dict[str, Any] = {"link": self.link, "filename": self.filename}
        if self.caption:
            document["caption"] = self.caption
        return {"type": "document", "document": document}


class Template(_Shape):
    name: Annotated[str, Field(min_length=1, max_length=512)]
    language: Annotated[str, Field(min_length=2, max_length=15)]

    def content(self) -> dict[str, Any]:
        return {
            "type": "template",
            "template": {"name": self.name, "language": {"code": self.language}},
        }


Message = Text | Buttons | ListMessage | Document | Template
Kind = Literal["text", "interactive", "document", "template"]


def _decorate(interactive: dict[str, Any], header: str, footer: str) -> None:
    if header:
        interactive["header"] = {"type": "text", "text": header}
    if footer:
        interactive["footer"] = {"text": footer}


def payload(to: str, message: Message) -> dict[str, Any]:
    """The JSON body of ``POST /{phone-number-id}/messages``."""
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        **message.content(),
    }


def clip(text: str, limit: int) -> str:
    """``text`` on one line within ``limit`` characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"


def split_text(text: str, limit: int = SPLIT_AT) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut between paragraphs,
    then lines, then sentences, then words; a word longer than ``limit`` is cut."""
    text = text.strip()
    if not text:
        return []
    pieces: list[str] = []
    while len(text) > limit:
        window = text[: limit + 1]
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            at = window.rfind(mark, 0, limit)
            if at > limit // 3:
                cut = at + (1 if mark == ". " else 0)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces
