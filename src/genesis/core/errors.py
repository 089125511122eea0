"""Domain errors. They carry meaning, not HTTP codes: ``web/errors.py`` maps them."""


class GenesisError(Exception):
    """Base class of every error the domain raises on purpose."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFoundError(GenesisError):
    """The thing does not exist, or it is not the caller's (never say which)."""


class InvalidTransitionError(GenesisError):
    """The session's status does not allow this event."""


class InvalidPlanError(GenesisError):
    """A custom coaching plan breaks a rule (synthesis last, no duplicates)."""


class CoachingIncompleteError(GenesisError):
    """Coaching cannot be completed yet; ``missing`` names the steps left."""

    def __init__(self, detail: str, missing: list[str]) -> None:
        super().__init__(detail)
        self.missing = missing


class StaleStateError(GenesisError):
    """The client answered a step or version that is no longer current."""


class EmailTakenError(GenesisError):
    """An account with this email already exists."""


class WeakPasswordError(GenesisError):
    """The new password is too easy to guess; ``problem`` is the reason's code
    (``core.passwords.PasswordProblem``), ``detail`` says it in a sentence."""

    def __init__(self, detail: str, problem: str) -> None:
        super().__init__(detail)
        self.problem = problem


class InvalidEmailError(GenesisError):
    """Not an email address an account can use."""


class InvalidCredentialsError(GenesisError):
    """Email or password is wrong, or the token is invalid or expired."""


class TooManyRequestsError(GenesisError):
    """The caller must wait before trying again; ``retry_after`` is in seconds."""

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class TooManyAttemptsError(TooManyRequestsError):
    """Too many failed logins, or sign-ups, from one place."""


class TooManyStreamsError(TooManyRequestsError):
    """The person already follows as many live progress streams as allowed."""


class BriefNotReadyError(GenesisError):
    """The business brief does not exist yet for this session."""


class BusyError(GenesisError):
    """Another request holds this session for too long; the client may retry."""


class IdempotencyKeyReusedError(GenesisError):
    """The Idempotency-Key was already used for a different request."""


class RenderTimeoutError(GenesisError):
    """An export (the PDF) took longer than its time limit and was stopped;
    ``what`` names the export."""

    def __init__(self, detail: str, what: str) -> None:
        super().__init__(detail)
        self.what = what


class InvalidLogoError(GenesisError):
    """An uploaded logo is not an SVG that can be made safe to publish; ``reason``
    is the short why (``detail`` is the full sentence)."""

    def __init__(self, detail: str, reason: str) -> None:
        super().__init__(detail)
        self.reason = reason


class InvalidCursorError(GenesisError):
    """A page cursor (``before``) that does not name a page of this thing."""


class InvalidContactError(GenesisError):
    """A website contact detail that cannot be used (a phone number with letters,
    opening hours too long...); ``field`` names it."""

    def __init__(self, detail: str, field: str) -> None:
        super().__init__(detail)
        self.field = field
