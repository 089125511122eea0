"""HTTP payloads: requests end in ``In``, responses in ``Out``."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

from genesis.core.steps import CoachingStepEnum, SessionStatusEnum

LanguageField = Literal["fr", "en"]
MAX_ANSWER_CHARS = 5000
SessionId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=36, max_length=36)]


def _uuid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValueError("must be a session id (a UUID)") from None


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegisterIn(Strict):
    email: EmailStr
    password: Annotated[str, StringConstraints(min_length=8, max_length=256)]
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    language: LanguageField = "fr"


class LoginIn(Strict):
    email: EmailStr
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]


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
    session_id: str | None = None
    language: LanguageField | None = None
    business_name: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None
    ) = None
    cultural_context: dict[str, Any] | None = None
    sector_context: dict[str, Any] | None = None
    coaching_plan: list[str] | None = Field(default=None, max_length=12)

    @field_validator("session_id")
    @classmethod
    def _valid_id(cls, value: str | None) -> str | None:
        return None if value is None else _uuid(value)


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


class SessionOut(SessionSummaryOut):
    retry_count: int
    cultural_context: dict[str, Any]
    sector_context: dict[str, Any]
    coaching_plan: list[str]
    conversation_history: list[dict[str, Any]]
    coaching_duration: int
    to_improve: list[str]
    failure_reason: str | None
    version: int
    steps: list[StepOut]
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
