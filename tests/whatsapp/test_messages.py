"""The outbound shapes hold WhatsApp's documented limits; long texts are split."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from genesis.whatsapp import messages as m


def _rows(n: int) -> list[m.ListRow]:
    return [m.ListRow(id=f"r{i}", title=f"Row {i}") for i in range(n)]


def test_text_payload_has_the_graph_shape() -> None:
    body = m.payload("221771234567", m.Text(body="Bonjour"))
    assert body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "221771234567",
        "type": "text",
        "text": {"body": "Bonjour", "preview_url": False},
    }


def test_text_body_limit_is_4096() -> None:
    m.Text(body="x" * 4096)
    with pytest.raises(ValidationError):
        m.Text(body="x" * 4097)
    with pytest.raises(ValidationError):
        m.Text(body="")


def test_reply_buttons_at_most_three_titles_of_twenty() -> None:
    three = [m.ReplyButton(id=f"b{i}", title=f"B{i}") for i in range(3)]
    content = m.Buttons(body="Question ?", buttons=three).content()
    assert content["interactive"]["type"] == "button"
    assert [b["reply"]["id"] for b in content["interactive"]["action"]["buttons"]] == [
        "b0",
        "b1",
        "b2",
    ]
    assert all(b["type"] == "reply" for b in content["interactive"]["action"]["buttons"])
    with pytest.raises(ValidationError):
        m.Buttons(body="q", buttons=[*three, m.ReplyButton(id="b4", title="B4")])
    with pytest.raises(ValidationError):
        m.ReplyButton(id="x", title="x" * 21)
    m.ReplyButton(id="x" * 256, title="x" * 20)
    with pytest.raises(ValidationError):
        m.ReplyButton(id="x" * 257, title="ok")
    with pytest.raises(ValidationError):  # the same title twice
        m.Buttons(body="q", buttons=[m.ReplyButton(id="a", title="t")] * 2)


def test_interactive_body_limit_is_1024() -> None:
    button = [m.ReplyButton(id="a", title="A")]
    m.Buttons(body="x" * 1024, buttons=button)
    with pytest.raises(ValidationError):
        m.Buttons(body="x" * 1025, buttons=button)
    with pytest.raises(ValidationError):
        m.Buttons(body="q", buttons=button, header="h" * 61)


def test_list_limits() -> None:
    section = m.ListSection(title="Exemples", rows=_rows(10))
    content = m.ListMessage(body="Choisissez", button="Voir", sections=[section]).content()
    action = content["interactive"]["action"]
    assert content["interactive"]["type"] == "list"
    assert action["button"] == "Voir"
    assert len(action["sections"][0]["rows"]) == 10
    with pytest.raises(ValidationError):  # 11 rows in one section
        m.ListSection(title="s", rows=_rows(11))
    with pytest.raises(ValidationError):  # 12 rows over two sections
        m.ListMessage(
            body="b",
            button="v",
            sections=[
                m.ListSection(title="a", rows=_rows(6)),
                m.ListSection(title="b", rows=_rows(6)),
            ],
        )
    with pytest.raises(ValidationError):
        m.ListRow(id="a", title="t" * 25)
    with pytest.raises(ValidationError):
        m.ListRow(id="a", title="t", description="d" * 73)
    with pytest.raises(ValidationError):
        m.ListRow(id="a" * 201, title="t")
    with pytest.raises(ValidationError):
        m.ListSection(title="s" * 25, rows=_rows(1))
    with pytest.raises(ValidationError):
        m.ListMessage(body="b", button="v" * 21, sections=[section])


def test_document_and_template() -> None:
    doc = m.Document(link="https://coach.example/brief.pdf", filename="brief.pdf", caption="Voilà")
    assert doc.content() == {
        "type": "document",
        "document": {
            "link": "https://coach.example/brief.pdf",
            "filename": "brief.pdf",
            "caption": "Voilà",
        },
    }
    with pytest.raises(ValidationError):
        m.Document(link="file:///etc/passwd", filename="x.pdf")
    assert m.Template(name="invite_back", language="fr").content() == {
        "type": "template",
        "template": {"name": "invite_back", "language": {"code": "fr"}},
    }


@pytest.mark.parametrize("size", [10, 1023, 1024, 1025, 3000, 9000])
def test_split_text_keeps_every_word_under_the_limit(size: int) -> None:
    words = [f"mot{i}" for i in range(size)]
    text = " ".join(words)[:size] if size < 100 else ". ".join(" ".join(words).split(" "))[:size]
    pieces = m.split_text(text)
    assert all(0 < len(p) <= m.SPLIT_AT for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())


def test_split_text_prefers_paragraphs() -> None:
    first, second = "a" * 700, "b" * 700
    assert m.split_text(f"{first}\n\n{second}") == [first, second]
    assert m.split_text("") == []
    assert m.split_text("x" * 2050) == ["x" * 1024, "x" * 1024, "xx"]


def test_clip() -> None:
    assert m.clip("Vendre  du\npain", 24) == "Vendre du pain"
    clipped = m.clip("Devenir la boulangerie de référence", 24)
    assert len(clipped) <= 24
    assert clipped.endswith("…")
