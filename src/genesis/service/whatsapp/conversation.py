"""The WhatsApp conversation: each inbound message, in order per number, drives
the same use-cases as the web app (answer, help, "I don't know", move on,
confirm, revise), then its reply is queued in the outbox and sent.

A message is handled once: its answer goes through ``submit_answer`` with the
WhatsApp message id as the Idempotency-Key, and its reply is queued under keys
derived from that id in the transaction that marks it processed. A job that
dies between the two handles it again: the answer is replayed (not recorded
twice) and the reply queued once, so a person never gets the same question
twice because of a retry.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime

from genesis import service
from genesis.core import errors
from genesis.core.steps import ANSWERING_STATUSES, CoachingStepEnum, SessionStatusEnum
from genesis.runtime import Runtime
from genesis.service.session_view import CoachingState
from genesis.service.whatsapp import linking, replies
from genesis.service.whatsapp.brief import web_brief_url, whatsapp_only
from genesis.service.whatsapp.outbox import deliver
from genesis.service.whatsapp.replies import Reply
from genesis.service.whatsapp.texts import language_of, say
from genesis.store import queries
from genesis.store import whatsapp as store
from genesis.whatsapp.messages import Buttons, ReplyButton, Text

log = logging.getLogger(__name__)

_YES = frozenset({"oui", "yes", "ok", "okay", "d'accord", "daccord", "dac", "si", "oui!", "yes!"})
_NO = frozenset({"non", "no", "non merci", "no thanks", "no, thanks"})
_RUNNING = frozenset({SessionStatusEnum.COACHING_COMPLETE, SessionStatusEnum.SUB_AGENTS_RUNNING})


@dataclass(frozen=True, slots=True)
class _Message:
    id: int
    message_id: str
    wa_id: str
    kind: str
    text: str
    reply_id: str
    profile_name: str
    sent_at: datetime


async def process_number(rt: Runtime, wa_id: str) -> None:
    """Handle every message of ``wa_id`` not handled yet, oldest first, then send."""
    try:
        async with rt.locks.hold(f"whatsapp:{wa_id}"):
            while (pending := await _next(rt, wa_id)) is not None:
                await _handle(rt, *pending)
    except errors.BusyError:
        # Another job handles this number and will reach our message too.
        log.info("whatsapp: another job is handling a number; leaving it to that job")
    await deliver(rt, wa_id)


async def _next(rt: Runtime, wa_id: str) -> tuple[_Message, linking.ContactView] | None:
    """The oldest message not handled yet, and the number's contact as it stands
    (two single-statement reads: no transaction of their own)."""
    async with rt.glance() as conn:
        row = await store.next_inbound(conn, wa_id)
        if row is None:
            return None
        message = _Message(
            row.id,
            row.message_id,
            row.wa_id,
            row.kind,
            row.text,
            row.reply_id,
            row.profile_name,
            row.sent_at,
        )
        found = await store.find_contact(conn, wa_id)
    contact = linking.view(found) if found is not None else linking.new_contact(wa_id)
    return message, contact


async def _handle(rt: Runtime, message: _Message, contact: linking.ContactView) -> None:
    try:
        reply = await _respond(rt, contact, message)
    except errors.BusyError:
        reply = replies.text(say("busy", contact.language))
    except Exception:
        # One message must not stop the number's queue: it is logged and answered.
        log.exception("whatsapp: message %s could not be handled", message.message_id)
        reply = replies.text(say("busy", contact.language))
    outbox = []
    for n, (outgoing, key) in enumerate(reply.messages):
        content = outgoing.content()
        outbox.append((content["type"], content, key or f"in:{message.message_id}:{n}"))
    async with rt.transaction() as db:
        await store.relax_durability(db)  # redone safely: the answer is keyed, replies too
        await store.handled(db, message.id, message.wa_id, message.sent_at, reply.choices, outbox)


async def _respond(rt: Runtime, contact: linking.ContactView, message: _Message) -> Reply:
    known = contact.consent_asked_at is not None or contact.user_id is not None
    language = contact.language if known else language_of(message.wa_id, message.text)
    if message.kind == "unknown":
        return replies.text(say("text_only", language))
    code = linking.code_in(message.text) if message.kind == "text" else None
    if code is not None:
        linked = await linking.redeem(rt, message.wa_id, code)
        if linked is None:
            return replies.text(say("bad_code", language))
        async with rt.reading() as db:
            c = await store.contact(db, message.wa_id)
            user_id = c.user_id
        assert user_id is not None, "redeem ties the number to the account"
        state = await service.start_session(rt, user_id)
        return replies.text(say("linked", state.language, email=linked.email)).extend(
            replies.question(state)
        )
    if contact.consent_at is None or contact.user_id is None:
        return await _consent(rt, contact, message)
    if message.reply_id in (replies.FORGET_YES, replies.FORGET_NO) or _asks_to_forget(message):
        return await _forget(rt, contact.user_id, message)
    return await _coach(rt, contact, contact.user_id, message)


_FORGET = frozenset(
    {"supprimer", "supprimer mes données", "effacer", "delete", "delete my data", "erase"}
)


def _asks_to_forget(message: _Message) -> bool:
    return message.kind == "text" and message.text.strip().lower().rstrip(".! ") in _FORGET


async def _forget(rt: Runtime, user_id: int, message: _Message) -> Reply:
    """ "Delete": asked to confirm, then a number's own account is deleted with all its
    sessions (as the account page does); a web account only loses this number."""
    async with rt.reading() as db:
        user = await queries.user_by_id(db, user_id)
    language = "en" if user is not None and user.preferred_language == "en" else "fr"
    if message.reply_id == replies.FORGET_NO:
        return replies.text(say("forget_kept", language))
    if message.reply_id != replies.FORGET_YES:
        return replies.forget_question(language)
    # The number's message records go too (this message's, once handled, with the retention).
    if user is not None and user.email.endswith("@" + linking.WHATSAPP_EMAIL_DOMAIN):
        await service.delete_user(rt, user_id)
        said = "forgotten"
    else:
        await linking.unlink(rt, message.wa_id)
        said = "unlinked"
    async with rt.transaction() as db:
        await store.forget_number(db, message.wa_id)
    return replies.text(say(said, language))


async def _consent(rt: Runtime, contact: linking.ContactView, message: _Message) -> Reply:
    said = message.text.strip().lower().rstrip(".! ")
    asked = contact.consent_asked_at is not None
    if message.reply_id == replies.CONSENT_YES or (asked and said in _YES):
        user_id = await linking.consent(rt, message.wa_id, message.profile_name)
        state = await service.start_session(rt, user_id)
        return replies.text(say("consent_thanks", contact.language)).extend(replies.question(state))
    if message.reply_id == replies.CONSENT_NO or (asked and said in _NO):
        await linking.decline(rt, message.wa_id)
        return replies.text(say("consent_declined", contact.language))
    language = contact.language if asked else language_of(message.wa_id, message.text)
    await linking.ask_consent(rt, message.wa_id, language)
    return replies.consent_question(language, message.profile_name if not asked else "")


async def _coach(
    rt: Runtime, contact: linking.ContactView, user_id: int, message: _Message
) -> Reply:
    choice = message.reply_id
    async with rt.reading() as db:
        answering = await queries.active_session_of_user(db, user_id, ANSWERING_STATUSES)
        latest = None if answering else await store.latest_session(db, user_id)
    if latest is not None and choice != replies.NEW:
        session_id, status, language = latest
        if SessionStatusEnum(status) in _RUNNING:
            return replies.text(say("still_running", language))
        url = web_brief_url(rt, session_id)
        if SessionStatusEnum(status) is SessionStatusEnum.FAILED:
            if choice != replies.RETRY:
                return replies.failed(language)
            with contextlib.suppress(errors.InvalidTransitionError):  # retried meanwhile
                await service.retry_agents(rt, user_id, session_id)
            return replies.text(say("still_running", language))
        # A number's own account cannot sign in on the web: the PDF it got is the brief.
        own = await whatsapp_only(rt, user_id)
        finished = say("finished_here", language) if own else say("finished", language, url=url)
        return Reply().add(
            Buttons(
                body=finished,
                buttons=[ReplyButton(id=replies.NEW, title=say("new_session", language))],
            )
        )
    if answering is None:  # none yet (or a new one asked for): it starts with its question
        return replies.question(await service.start_session(rt, user_id))
    sid = answering
    key = f"wa:{message.message_id}"
    if choice == "" or choice.startswith((replies.EXAMPLE, replies.PROPOSAL)):
        # An answer, written or picked: submitted straight away. Resuming the session
        # first would only make the coach word a question nobody reads.
        text = contact.choices.get(choice, message.text) if choice else message.text
        return await _answer(rt, user_id, message.wa_id, sid, text, key=key)
    state = await service.start_session(rt, user_id, session_id=sid)
    if choice in (replies.NEW, replies.CONSENT_YES, replies.CONSENT_NO):
        return replies.question(state)
    language = state.language
    if choice == replies.HELP:
        return replies.help_items(await service.coaching_help(rt, user_id, sid), language)
    if choice == replies.IDK:
        return replies.proposals(await service.coaching_proposals(rt, user_id, sid), language)
    text, force, expected = message.text, False, None
    if choice == replies.MOVE_ON:
        detail = await service.get_session(rt, user_id, sid)
        text, force = _last_answer(detail.session.conversation_history, state.current_step), True
        if not text:
            return replies.text(say("move_on_needs_answer", language))
        expected = state.current_step
    elif choice == replies.CONFIRM:
        text, force, expected = say("synthesis_confirm", language), True, CoachingStepEnum.SYNTHESIS
    elif choice.startswith(replies.REVISE):
        step = choice.removeprefix(replies.REVISE)
        if step not in {s.value for s in CoachingStepEnum}:
            return replies.question(state)
        text = say("revise_text", language, step=say(f"step_{step}", language))
        expected = CoachingStepEnum.SYNTHESIS
    return await _answer(
        rt, user_id, message.wa_id, sid, text, key=key, force=force, expected=expected
    )


async def _answer(
    rt: Runtime,
    user_id: int,
    wa_id: str,
    sid: str,
    text: str,
    *,
    key: str,
    force: bool = False,
    expected: CoachingStepEnum | None = None,
) -> Reply:
    try:
        answered = await service.submit_answer(
            rt, user_id, sid, text, force=force, expected_step=expected, idempotency_key=key
        )
    except (errors.StaleStateError, errors.IdempotencyKeyReusedError):
        # A button of an earlier question: say so, and ask the current one again.
        state = await service.start_session(rt, user_id, session_id=sid)
        return replies.text(say("stale", state.language)).extend(replies.question(state))
    if answered.status is SessionStatusEnum.COACHING_COMPLETE:
        return await _hand_over(rt, user_id, wa_id, answered, key)
    return replies.question(answered)


async def _hand_over(
    rt: Runtime, user_id: int, wa_id: str, state: CoachingState, key: str
) -> Reply:
    """Coaching is done: the person is told once, then the agents start. The note
    is queued before the agents run, so that the brief's delivery (which follows
    the note: see brief.after_agents) can never miss it, however fast they are."""
    note = replies.text(state.coach_message) if state.coach_message else Reply()
    note.add(Text(body=say("progress", state.language)), key=f"progress:{state.session_id}")
    async with rt.transaction() as db:
        for n, (message, message_key) in enumerate(note.messages):
            content = message.content()
            await store.add_outbox(
                db,
                wa_id,
                content["type"],
                content,
                dedup_key=message_key or f"{key}:hand-over:{n}",
                session_id=state.session_id,
            )
    # Already handed over (from the web, say): the note is keyed, it went once.
    with contextlib.suppress(errors.InvalidTransitionError):
        await service.complete_session(
            rt, user_id, state.session_id, idempotency_key=f"{key}:complete"
        )
    return Reply()


def _last_answer(history: list[dict[str, object]], step: CoachingStepEnum) -> str:
    for entry in reversed(history):
        if entry.get("role") == "user" and entry.get("step") == step.value:
            return str(entry.get("message", ""))
    return ""
