"""Each agent's data as a typed model, read leniently.

A brief is stored as JSON and read back long after it was made: by an older
version, with an agent that failed, or edited by hand. Reading it never
raises. Every model here drops what does not fit where the JSON becomes a
model (:class:`Lenient`): a field of the wrong type takes its default, an item
of the wrong type leaves its list or mapping; text is trimmed and lists of
text keep their non-blank strings. Keys an agent writes that no export reads
are kept as they are (``extra="allow"``), and an agent's data is written back
with the keys it was read with, so a brief read and stored again is unchanged.

The financial plan is the exception in shape: its data is the plan's own JSON
(:class:`genesis.core.finance.model.FinancialPlan`) plus the assumptions it was
built from under ``inputs``; it is read into the two models and written back
as it was stored.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import Annotated, Any, Final, Generic, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from genesis.core.agents.types import AgentStatus, is_done
from genesis.core.finance.model import Assumptions, FinancialPlan

log = logging.getLogger(__name__)

# A non-blank string, trimmed (an item of a list of text).
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Lines = list[Line]
# Each pass drops at least one thing that does not fit; a model has few fields.
_MAX_PASSES: Final = 64


class Lenient(BaseModel):
    """A model that reads any JSON object without raising: what does not fit is
    dropped (a field takes its default, a list or mapping loses the item).
    Something that is not an object at all is refused, so that the list or field
    holding it drops it in turn."""

    model_config = ConfigDict(str_strip_whitespace=True)

    @model_validator(mode="wrap")
    @classmethod
    def _drop_what_does_not_fit(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise ValueError(f"{cls.__name__} is read from an object")
        data: dict[str, Any] = value
        for _ in range(_MAX_PASSES):
            try:
                return handler(data)
            except ValidationError as exc:
                fitting = _without(data, [error["loc"] for error in exc.errors()])
            if fitting == data:  # an error about no field: nothing left to drop
                break
            data = fitting
        return handler({})


def _without(data: dict[str, Any], errors: list[tuple[int | str, ...]]) -> dict[str, Any]:
    """``data`` without the values the errors (by where they are) are about: an item
    of a list or a key of a mapping when the error is inside one, else the field."""
    out = dict(data)
    items: dict[str, set[object]] = {}
    for loc in errors:
        if not loc or not isinstance(loc[0], str):
            continue
        field, inner = loc[0], loc[1] if len(loc) > 1 else None
        held = out.get(field)
        if _holds(held, inner):
            items.setdefault(field, set()).add(inner)
        else:
            out.pop(field, None)
    for field, drop in items.items():
        held = out[field]
        if isinstance(held, list):
            out[field] = [item for i, item in enumerate(held) if i not in drop]
        else:
            out[field] = {k: v for k, v in held.items() if k not in drop}
    return out


def _holds(container: object, key: object) -> bool:
    """Whether ``key`` is an index of the list or a key of the mapping ``container``."""
    if isinstance(container, list):
        return isinstance(key, int) and 0 <= key < len(container)
    return isinstance(container, dict) and key in container


class Data(BaseModel):
    """What a section's ``data`` is: an agent's data, which may be empty."""

    def is_empty(self) -> bool:
        raise NotImplementedError


class AgentData(Lenient, Data):
    """An agent's data (or a part of it): the fields the exports read, and
    whatever else the agent wrote, written back with the keys it was read with."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    @model_serializer(mode="wrap")
    def _as_read(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        out: dict[str, Any] = handler(self)
        given = self.model_fields_set
        return {key: value for key, value in out.items() if key in given}

    def is_empty(self) -> bool:
        """Read from {} (or from nothing that fitted)."""
        return not self.model_fields_set


# ------------------------------------------------------------ market research


class Figure(AgentData):
    label: str = ""
    value: int | float | str | None = None
    unit: str = ""
    source: str = ""
    year: int | str | None = None


class PriceRange(AgentData):
    item: str = ""
    range: str = ""
    note: str = ""


class WebSource(AgentData):
    title: str = ""
    url: str = ""


class MarketResearch(AgentData):
    summary: str = ""
    notes: Lines = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    price_ranges: list[PriceRange] = Field(default_factory=list)
    typical_customers: Lines = Field(default_factory=list)
    typical_competitors: Lines = Field(default_factory=list)
    key_success_factors: Lines = Field(default_factory=list)
    risks: Lines = Field(default_factory=list)
    opportunities: Lines = Field(default_factory=list)
    formalities: Lines = Field(default_factory=list)
    sources: list[WebSource] = Field(default_factory=list)
    data_sources: Lines = Field(default_factory=list)

    def sourced_figures(self) -> list[Figure]:
        """The figures that carry a source and a year (the others are not shown)."""
        return [f for f in self.figures if f.source and f.year]


# ---------------------------------------------------------------- website copy


class CopyService(AgentData):
    title: str = ""
    description: str = ""


class Contact(AgentData):
    whatsapp: str = ""
    phone: str = ""
    hours: str = ""
    location: str = ""


class WebsiteCopy(AgentData):
    hero_title: str = ""
    hero_subtitle: str = ""
    about: str = ""
    services: list[CopyService] = Field(default_factory=list)
    value_proposition: str = ""
    call_to_action: str = ""
    contact: Contact = Field(default_factory=Contact)
    placeholders: Lines = Field(default_factory=list)


# ------------------------------------------------------------------------ logo


class Logo(AgentData):
    kind: str = ""
    svg: str = ""
    icon_svg: str = ""
    initials: str = ""
    symbol: str = ""
    palette: dict[str, str] = Field(default_factory=dict)
    notes: Lines = Field(default_factory=list)


# ------------------------------------------------------------------------- seo


class Headings(AgentData):
    h1: str = ""
    h2: Lines = Field(default_factory=list)


class Seo(AgentData):
    primary_keyword: str = ""
    secondary_keywords: Lines = Field(default_factory=list)
    meta_title: str = ""
    meta_description: str = ""
    slug: str = ""
    headings: Headings = Field(default_factory=Headings)
    local_seo: Lines = Field(default_factory=list)


# -------------------------------------------------------------------- template


class WebsiteTemplate(AgentData):
    template_id: str = ""
    name: str = ""
    reason: str = ""
    palette: dict[str, str] = Field(default_factory=dict)
    fonts: dict[str, str] = Field(default_factory=dict)
    sections: Lines = Field(default_factory=list)


# -------------------------------------------------------------- financial plan


class PlanData(Data):
    """The financial agent's data: the plan and the assumptions it was made from,
    each None when absent or unreadable; written back as it was stored. Both are
    read on first use (a plan is some 2 ms to read): the API, which only passes
    the brief on, never pays for them."""

    _stored: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _read(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise ValueError("the financial plan is read from an object")
        read: PlanData = handler({})
        read._stored = value
        return read

    @cached_property
    def plan(self) -> FinancialPlan | None:
        return _plan(self._stored)

    @cached_property
    def inputs(self) -> Assumptions | None:
        return _model(Assumptions, self._stored.get("inputs"))

    @model_serializer
    def _as_stored(self) -> dict[str, Any]:
        return self._stored

    def is_empty(self) -> bool:
        """No plan to show (none stored, or one that cannot be read)."""
        return self.plan is None


def _plan(data: dict[str, Any]) -> FinancialPlan | None:
    if not data:
        return None
    plan = _model(FinancialPlan, {k: v for k, v in data.items() if k in FinancialPlan.model_fields})
    if plan is None:
        log.warning("the brief's financial plan cannot be read")
    return plan


M = TypeVar("M", bound=BaseModel)


def _model(model: type[M], value: Any) -> M | None:
    if not isinstance(value, dict):
        return None
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


# ---------------------------------------------------------------- the sections

D = TypeVar("D", bound=Data)


class AgentSection(Lenient, Generic[D]):
    """One agent's part of the brief: its status, data, error and duration. A
    section stored without a status has no result ("failed")."""

    status: AgentStatus = "failed"
    data: D
    error: str | None = None
    duration_ms: int = 0

    def result(self) -> D | None:
        """The data, when the agent is done and left some; else None."""
        return self.data if is_done(self.status) and not self.data.is_empty() else None


class MarketSection(AgentSection[MarketResearch]):
    data: MarketResearch = Field(default_factory=MarketResearch)


class CopySection(AgentSection[WebsiteCopy]):
    data: WebsiteCopy = Field(default_factory=WebsiteCopy)


class LogoSection(AgentSection[Logo]):
    data: Logo = Field(default_factory=Logo)


class SeoSection(AgentSection[Seo]):
    data: Seo = Field(default_factory=Seo)


class TemplateSection(AgentSection[WebsiteTemplate]):
    data: WebsiteTemplate = Field(default_factory=WebsiteTemplate)


class PlanSection(AgentSection[PlanData]):
    data: PlanData = Field(default_factory=PlanData)


def result_of(section: AgentSection[D] | None) -> D | None:
    """A section's data when the agent is done and left some; None for no section."""
    return section.result() if section is not None else None
