"""The coach's turn as WhatsApp messages: the question (split under 1,024
characters) with reply buttons for the assists, the examples as a list, the
synthesis with a button to confirm and a list of steps to revise."""

from __future__ import annotations

from dataclasses import dataclass, field

from genesis.core.coach.types import Help, Proposals
from genesis.core.steps import CoachingStepEnum
from genesis.service.session_view import CoachingState
from genesis.service.whatsapp.texts import say
from genesis.whatsapp.messages import (
    INTERACTIVE_BODY_MAX,
    LIST_ROWS_MAX,
    ROW_DESCRIPTION_MAX,
    ROW_TITLE_MAX,
    Buttons,
    ListMessage,
    ListRow,
    ListSection,
    Message,
    ReplyButton,
    Text,
    clip,
    split_text,
)

HELP, IDK, MOVE_ON, CONFIRM, NEW, RETRY = "help", "idk", "move_on", "confirm", "new", "retry"
CONSENT_YES, CONSENT_NO = "consent:yes", "consent:no"
FORGET_YES, FORGET_NO = "forget:yes", "forget:no"
EXAMPLE, PROPOSAL, REVISE = "ex:", "prop:", "revise:"


@dataclass(slots=True)
class Reply:
    """Messages to send in order; ``key`` marks one that must never go twice across
    replies (the progress note of a session); ``choices`` replaces the full texts
    behind the list rows the person may tap."""

    messages: list[tuple[Message, str | None]] = field(default_factory=list)
    choices: dict[str, str] | None = None

    def add(self, message: Message, key: str | None = None) -> Reply:
        self.messages.append((message, key))
        return self

    def extend(self, other: Reply) -> Reply:
        self.messages.extend(other.messages)
        if other.choices is not None:
            self.choices = {**(self.choices or {}), **other.choices}
        return self


def text(body: str) -> Reply:
    reply = Reply()
    for piece in split_text(body) or ["…"]:
        reply.add(Text(body=piece))
    return reply


def assist_buttons(language: str) -> list[ReplyButton]:
    return [
        ReplyButton(id=HELP, title=say("help", language)),
        ReplyButton(id=IDK, title=say("idk", language)),
        ReplyButton(id=MOVE_ON, title=say("move_on", language)),
    ]


def question(state: CoachingState) -> Reply:
    """The coach's current question, as the person must see it to answer."""
    language = state.language
    if state.current_step is CoachingStepEnum.SYNTHESIS:
        return synthesis(state)
    pieces = split_text(state.coach_message) or ["…"]
    reply = Reply()
    for piece in pieces[:-1]:
        reply.add(Text(body=piece))
    reply.add(Buttons(body=pieces[-1], buttons=assist_buttons(language)))
    if state.examples:
        reply.extend(
            choice_list(
                state.examples,
                prefix=EXAMPLE,
                body=say("examples_body", language),
                button=say("examples_button", language),
                section=say("examples_section", language),
            )
        )
    return reply


def choice_list(items: list[str], *, prefix: str, body: str, button: str, section: str) -> Reply:
    """Texts to tap: each row a clipped text; the body numbers them in full when
    they fit; ``choices`` keeps each row's full text for the reply."""
    items = [i for i in items if i.strip()][:LIST_ROWS_MAX]
    numbered = "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
    full = f"{body}\n\n{numbered}"
    rows = [
        ListRow(
            id=f"{prefix}{n}",
            title=clip(item, ROW_TITLE_MAX),
            description=clip(item, ROW_DESCRIPTION_MAX) if len(item) > ROW_TITLE_MAX else "",
        )
        for n, item in enumerate(items, 1)
    ]
    message = ListMessage(
        body=full if len(full) <= INTERACTIVE_BODY_MAX else clip(body, INTERACTIVE_BODY_MAX),
        button=clip(button, 20),
        sections=[ListSection(title=clip(section, 24), rows=rows)],
    )
    reply = Reply(choices={f"{prefix}{n}": item for n, item in enumerate(items, 1)})
    if len(full) > INTERACTIVE_BODY_MAX:  # too long for the list's body: in full first
        reply.extend(text(numbered))
    return reply.add(message)


def synthesis(state: CoachingState) -> Reply:
    language = state.language
    reply = text(state.coach_message)
    steps = [p for p in state.coaching_plan if p != CoachingStepEnum.SYNTHESIS.value]
    rows = [
        ListRow(id=f"{REVISE}{step}", title=clip(say(f"step_{step}", language), ROW_TITLE_MAX))
        for step in steps[:LIST_ROWS_MAX]
    ]
    reply.add(
        ListMessage(
            body=say("revise_body", language),
            button=say("revise_button", language),
            sections=[ListSection(title=say("revise_section", language), rows=rows)],
        )
    )
    return reply.add(
        Buttons(
            body=say("synthesis_question", language),
            buttons=[ReplyButton(id=CONFIRM, title=say("synthesis_confirm_button", language))],
        )
    )


def help_items(result: Help, language: str) -> Reply:
    lines = [say("help_title", language)]
    for n, item in enumerate(result.items, 1):
        lines.append(f"{n}. {item.question}" + (f"\n   {item.hint}" if item.hint else ""))
    return text("\n".join(lines))


def proposals(result: Proposals, language: str) -> Reply:
    return choice_list(
        result.proposals,
        prefix=PROPOSAL,
        body=say("proposals_body", language),
        button=say("proposals_button", language),
        section=say("proposals_section", language),
    )


def consent_question(language: str, name: str) -> Reply:
    reply = text(say("welcome", language, name=f" {name}" if name else ""))
    return reply.add(
        Buttons(
            body=say("consent_question", language),
            buttons=[
                ReplyButton(id=CONSENT_YES, title=say("consent_yes", language)),
                ReplyButton(id=CONSENT_NO, title=say("consent_no", language)),
            ],
        )
    )


def failed(language: str) -> Reply:
    """The agents failed: a button runs the failed ones again (the same as the web's retry)."""
    return Reply().add(
        Buttons(
            body=say("brief_failed_retry", language),
            buttons=[ReplyButton(id=RETRY, title=say("retry", language))],
        )
    )


def forget_question(language: str) -> Reply:
    return Reply().add(
        Buttons(
            body=say("forget_question", language),
            buttons=[
                ReplyButton(id=FORGET_YES, title=say("forget_yes", language)),
                ReplyButton(id=FORGET_NO, title=say("forget_no", language)),
            ],
        )
    )
