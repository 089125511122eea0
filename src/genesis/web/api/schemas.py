"""HTTP payloads: requests end in ``In``, responses in ``Out``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from genesis.core.agents.brief import Brief
from genesis.core.coach.places import start_context
from genesis.core.contact import MAX_ADDRESS_CHARS, MAX_HOURS_CHARS, MAX_PHONE_CHARS
from genesis.core.finance.model import Assumptions
from genesis.core.ids import canonical_session_id
from genesis.core.passwords import MAX_LENGTH as MAX_PASSWORD
from genesis.core.passwords import MIN_LENGTH as MIN_PASSWORD
from genesis.core.steps import CoachingStepEnum, SessionStatusEnum
from genesis.core.taxonomy import SECTORS

LanguageField = Literal["fr", "en"]
MAX_ANSWER_CHARS = 5000
SessionId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=36, max_length=36)]


def _uuid(value: str) -> str:
    canonical = canonical_session_id(value)
    if canonical is None:
        raise ValueError("must be a session id (a UUID)")
    return canonical


def _reject_nul(value: Any) -> None:
    """A NUL character can't be stored as text (PostgreSQL refuses it): a clear 422."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text must not contain NUL characters (\\u0000)")
    elif isinstance(value, dict):
        for item in value.values():
            _reject_nul(item)
    elif isinstance(value, list):
        for item in value:
            _reject_nul(item)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        _reject_nul(data)
        return data


Place = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class CulturalContextIn(Strict):
    """Where the business is. The rest (currency, languages...) comes from our data."""

    country: Place | None = Field(
        default=None, description="An African country: ISO code (SN, SEN) or name."
    )
    city: Place | None = None

    @field_validator("country")
    @classmethod
    def _african(cls, value: str | None) -> str | None:
        if value is not None and "country_code" not in start_context("en", value, ""):
            raise ValueError(
                f"'{value}' is not an African country we know: give its ISO code (e.g. SN) "
                "or its name, or leave it out and the coach will detect it"
            )
        return value


class SectorContextIn(Strict):
    sector: Literal[SECTORS] = Field(description="A sector of the taxonomy.")  # type: ignore[valid-type]


Password = Annotated[
    str,
    StringConstraints(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD),
    Field(
        description=f"At least {MIN_PASSWORD} characters; common passwords (password1, "
        "12345678, azerty...), repeated or sequential characters and passwords made from "
        "the email are refused."
    ),
]


class ErrorOut(BaseModel):
    """Every error has this shape (plus a useful extra, e.g. ``missing_steps``)."""

    model_config = ConfigDict(extra="allow")
    error: str = Field(description="The kind of error, e.g. NotFoundError.")
    detail: str = Field(description="What went wrong and what to do, in a sentence.")


ERROR_DESCRIPTIONS: dict[int, str] = {
    400: "The request body could not be read (a malformed form).",
    401: "Not signed in, or the token is invalid, expired or no longer valid.",
    404: "No such session, or it is not yours (never said which).",
    409: "Not possible in the session's current state; `detail` names the state.",
    413: "The body is too large.",
    415: "The body is not of the expected media type.",
    422: "Invalid input; `detail` says which field and why.",
    429: "Too many requests from here; wait `Retry-After` seconds.",
    503: "Busy (another request holds the session) or too slow; try again shortly.",
}


def error_responses(*codes: int, **descriptions: str) -> dict[int | str, dict[str, Any]]:
    """The documented error responses of an operation (``descriptions`` by
    ``e409="..."`` override the standard sentence)."""
    return {
        code: {
            "model": ErrorOut,
            "description": descriptions.get(f"e{code}", ERROR_DESCRIPTIONS[code]),
        }
        for code in codes
    }


class RegisterIn(Strict):
    email: EmailStr
    password: Password
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    language: LanguageField | None = Field(
        default=None,
        description="The coach's language. Left out: the first of fr/en in the "
        "request's Accept-Language header, else fr.",
    )


class LoginIn(Strict):
    email: EmailStr
    password: Annotated[str, StringConstraints(min_length=1, max_length=MAX_PASSWORD)]


class PasswordChangeIn(Strict):
    current_password: Annotated[str, StringConstraints(min_length=1, max_length=MAX_PASSWORD)]
    new_password: Password


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    email: str
    name: str
    preferred_language: str


class UserUpdateIn(Strict):
    language: LanguageField


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 token type
    expires_in: int


class StartIn(Strict):
    session_id: str | None = Field(
        default=None, description="Resume this session (yours) where it stopped."
    )
    new: bool = Field(
        default=False,
        description="Start a new session. Without it (and without session_id), your active "
        "session (initialized or in progress, the most recent) is resumed, and only "
        "when there is none is one started.",
    )
    language: LanguageField | None = None
    business_name: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None
    ) = None
    cultural_context: CulturalContextIn | None = None
    sector_context: SectorContextIn | None = None
    coaching_plan: list[str] | None = Field(default=None, max_length=12)

    @field_validator("session_id")
    @classmethod
    def _valid_id(cls, value: str | None) -> str | None:
        return None if value is None else _uuid(value)

    @model_validator(mode="after")
    def _resume_or_new(self) -> StartIn:
        if self.new and self.session_id is not None:
            raise ValueError("give session_id to resume that session, or new: true, not both")
        return self


class SessionRefIn(Strict):
    session_id: str

    @field_validator("session_id")
    @classmethod
    def _valid_id(cls, value: str) -> str:
        return _uuid(value)


class StepIn(SessionRefIn):
    user_response: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ANSWER_CHARS)
    ]
    force: bool = False
    # The step (or version) the client answers; a mismatch is a 409, never a misplaced answer.
    step: CoachingStepEnum | None = None
    version: int | None = None


class CoachingOut(BaseModel):
    session_id: str
    status: SessionStatusEnum
    current_step: CoachingStepEnum
    coach_message: str
    examples: list[str]
    progress: dict[str, bool]
    is_step_complete: bool
    confidence_score: float
    coaching_confidence: float
    retry_count: int
    coaching_plan: list[str]
    language: str
    coach_mode: str
    to_improve: list[str]
    version: int


class StepOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    step_name: CoachingStepEnum
    step_order: int
    user_response: str
    coach_message: str
    examples_provided: list[str]
    validation_criteria: dict[str, Any]
    is_complete: bool
    confidence_score: float
    step_duration: int
    created_at: datetime


class SessionSummaryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    session_id: str
    status: SessionStatusEnum
    current_step: CoachingStepEnum
    business_name: str | None
    language: str
    step_completion: dict[str, bool]
    coaching_confidence: float
    created_at: datetime
    updated_at: datetime


class ConversationPageOut(BaseModel):
    """Where the page of the conversation sits in the whole of it."""

    turns: int = Field(description="Answers in the whole session (one step row each).")
    first_turn: int = Field(description="The first answer on this page (0: the first one).")
    first_entry: int = Field(
        description="Index of the page's first `conversation_history` entry in the whole "
        "conversation (the coach's first question is entry 0; each answer adds two)."
    )
    before: int | None = Field(
        description="Pass as `before` to get the previous page; null: this page reaches "
        "the start of the conversation."
    )


class SessionOut(SessionSummaryOut):
    retry_count: int
    cultural_context: dict[str, Any]
    sector_context: dict[str, Any]
    coaching_plan: list[str]
    conversation_history: list[dict[str, Any]] = Field(
        description="One page of the conversation, oldest first: the entries of the last "
        "`limit` answers (or of the `limit` answers before `before`), and the coach's "
        "first question when the page reaches the start."
    )
    conversation: ConversationPageOut
    coaching_duration: int
    to_improve: list[str]
    failure_reason: str | None
    version: int
    steps: list[StepOut] = Field(description="The step rows of the answers on this page.")
    has_brief: bool


class CompleteOut(BaseModel):
    session_id: str
    status: SessionStatusEnum


class HelpItemOut(BaseModel):
    question: str
    hint: str


class HelpOut(BaseModel):
    session_id: str
    step: CoachingStepEnum
    questions: list[HelpItemOut]
    coach_mode: str


class ProposalsOut(BaseModel):
    session_id: str
    step: CoachingStepEnum
    proposals: list[str]
    coach_mode: str


class AgentProgressOut(BaseModel):
    status: Literal["pending", "running", "ok", "fallback", "failed"]
    duration_ms: int | None
    error: str | None
    finished_at: str | None


class ProgressOut(BaseModel):
    session_id: str
    status: SessionStatusEnum
    agents: dict[str, AgentProgressOut]
    finished: int
    total: int
    failure_reason: str | None
    brief_ready: bool


class FinancesOut(BaseModel):
    """The financial plan's assumptions (null until the finances step is answered)
    and, once the brief is made, the plan computed from them."""

    session_id: str
    status: SessionStatusEnum
    assumptions: Assumptions | None
    plan: dict[str, Any] | None = None


PhoneField = Annotated[
    str,
    StringConstraints(max_length=MAX_PHONE_CHARS),
    Field(
        description="Digits, spaces, dashes, dots or brackets, with an optional + (or 00) "
        "for the country code: kept as digits with an optional + (6 to 15 digits). "
        "Empty: not given.",
        examples=["+221 77 123 45 67"],
    ),
]


class ContactIn(Strict):
    """The contact details the website shows. Every field is optional; the whole set
    is replaced (a field left out or empty is cleared, and the site shows a
    "to fill in" placeholder for it)."""

    whatsapp: PhoneField = ""
    phone: PhoneField = ""
    hours: str = Field(
        default="",
        max_length=MAX_HOURS_CHARS,
        description="Opening hours, as the person writes them (one line).",
        examples=["Mon-Sat 8am-8pm"],
    )
    address: str = Field(
        default="",
        max_length=MAX_ADDRESS_CHARS,
        description="Where to find the business (one line); empty: the brief's location.",
        examples=["Rue 10, Médina, Dakar"],
    )


class ContactOut(BaseModel):
    whatsapp: str = Field(description="Digits with an optional leading +; empty: not given.")
    phone: str
    hours: str
    address: str
    whatsapp_link: str | None = Field(
        description="The wa.me link that opens a chat with the WhatsApp number."
    )


class WebsiteStatusOut(BaseModel):
    """Whether the one-page website is published, and where."""

    published: bool
    url: str | None = Field(
        description="The public address (no login needed) while published; null otherwise."
    )
    published_at: datetime | None


class WebsiteOut(WebsiteStatusOut):
    session_id: str
    contact: ContactOut


class BriefOut(Brief):
    """The business brief: the seed's fields (the person's answers in the business's
    voice), each sub-agent's result, the confidences, and the session it is of."""

    website: WebsiteStatusOut | None = Field(
        default=None, description="Whether the brief's one-page website is published, and where."
    )
