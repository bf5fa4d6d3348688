"""The data model of ivb: Pydantic v2 models of the data files.

The models state the shape and the types of each object (unknown keys are errors, types
are strict: ``"12"`` is not a count and ``1.3`` is not a code). Rules that relate values to
each other or to other objects (ranges that depend on the unit, references, sums) live in
``checks/``, each with its own code.

A field's docstring is its description in the JSON Schema that ``ivb schema`` writes, and
so in the editor of the coordinator who edits the YAML by hand (``data/schema.py`` reads them;
Pydantic's own ``use_attribute_docstrings`` would parse this file's source at every start).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

Unit = Literal["count", "percent", "per 1000", "per 10000"]
RATE_UNITS = ("per 1000", "per 10000")  # a rate: so many per 1,000 (10,000) of its ``per``
Direction = Literal["-", "+", "-/+"]
PartnerKind = Literal["external", "internal"]


def _number(value: Any) -> int | float:
    """A count or a percentage as YAML gives it: an int or a float, never a bool or text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("finite_number", "must be a finite number")
    return value


Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]
Year = int


class Model(BaseModel):
    """The strict base of every model: unknown keys are errors, no silent coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _expand_number(data: Any) -> Any:
    """Let ``2013: 122`` stand for ``2013: {value: 122}``."""
    if isinstance(data, int | float) and not isinstance(data, bool):
        return {"value": data}
    return data


class _ShortForm(Model):
    """A model that may also be written as just its number."""

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        return _expand_number(data)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "number"}, handler(core_schema)]}


class Period(Model):
    start: Year
    """First year of the policy period."""
    end: Year
    """Last year of the policy period (inclusive)."""


class Adoption(Model):
    date: dt.date
    """Date on which the policy was adopted."""
    by: str
    """Who adopted it, e.g. the council."""


class Policy(Model):
    id: str
    """Stable kebab-case id of the policy."""
    name: str
    """Name of the policy as the plan gives it."""
    municipality: str
    municipality_code: str | None = None
    """The municipality's code in the police and CBS open data, e.g. "GM0547"."""
    period: Period
    adopted: Adoption | None = None
    document: str | None = None
    """The policy document this data was taken from (title, version)."""
    motto: str | None = None
    language: Literal["nl", "en"] | None = None
    """The policy's language: nl (Dutch) or en. Dutch policies say nl. ivb writes its
    spreadsheets and the report in it unless --lang or IVB_LANG chooses; without it, nl."""


class Footnote(Model):
    marker: str
    """The footnote's marker as printed in the plan, e.g. "**"."""
    text: str


class Priority(Model):
    id: str
    """Stable kebab-case id of the priority."""
    number: int
    """The priority's number in the plan (1, 2, 3)."""
    title: str
    goal: str
    """The qualitative goal ("Doelstelling (kwalitatief)") as written in the plan."""
    indicators: list[str]
    """Ids of the indicators of this priority's SMART table, in the plan's order."""
    footnotes: list[Footnote] = []
    """Notes under the SMART table that apply to the whole table."""


class ReferenceValue(Model):
    group: str
    """The reference group, e.g. "VRHM en Nederland"."""
    value: Number | None = None
    """The group's value, in the indicator's unit."""
    year: Year | None = None


class Category(Model):
    id: str
    name: str
    """The category's name as written in the plan."""


class Breakdown(Model):
    id: str
    name: str
    partition: bool = True
    """True when the categories split the total: their values must add up to it."""
    categories: list[Category]


class MeasurementFields(Model):
    """A yearly value and its provenance."""

    value: Number
    """The value, in the indicator's unit (a percentage as 0-100)."""
    source: str | None = None
    """Where the value comes from, e.g. "Politie BVH jaarrapport 2015"."""
    received: dt.date | None = None
    """The date the figure was received."""
    provisional: bool = False
    """True while the source may still revise the figure."""
    note: str | None = None
    """The explanation of the figure ("toelichting"), given with it; a year without a note
    may have one in the indicator's ``explanations``, never both."""
    breakdown: dict[str, dict[str, Number]] = {}
    """Values per category, by breakdown id and category id."""


class Measurement(_ShortForm, MeasurementFields):
    """A year's value: a number, or a mapping with the value and its provenance."""


class Replaced(MeasurementFields):
    """A value that a newer figure replaced (``ivb add-measurement --replace``), kept with
    its provenance so that nothing is lost."""

    year: Year
    """The year the value was for."""
    replaced: dt.date
    """The date it was replaced."""


class Target(_ShortForm):
    value: Number
    """The target value, in the indicator's unit."""
    source: str | None = None
    """Which plan set this target, e.g. "Uitvoeringsplan 2016-2017"."""
    note: str | None = None


class OpenDataSeries(Model):
    """A series of the police and CBS open data that gives this indicator's yearly figure,
    for ``ivb import``. The open data has its own crime codes: its 1.1.1 is "Diefstal/inbraak
    woning", the BVH code the plan quotes for it is 1.3.1."""

    table: str
    """The open-data table's id, e.g. "47013NED"."""
    category: str | None = None
    """The category's code in that table, e.g. "1.1.1" (not the plan's BVH code). Leave it
    and the title out for a table without categories (47008NED)."""
    title: str | None = None
    """The category's title in that table, e.g. "Diefstal/inbraak woning"."""
    other_titles: list[str] = []
    """Other titles the table has given the same category over the years (e.g.
    "Zedenmisdrijf" for "Zedendelicten"): its figures under these titles belong to the
    series too."""
    topic: str
    """The topic that holds the figure, e.g. "Geregistreerde misdrijven" (an export may
    have several: "Aangiften", "per 1000 inwoners")."""


class Indicator(Model):
    id: str
    """Stable kebab-case id of the indicator."""
    name: str
    """The indicator's name as written in the plan."""
    source: str
    """The source ("Bron") as written in the plan."""
    code: str | None = None
    """The incident or project code the plan quotes, as written (a police-internal code)."""
    unit: Unit
    """"count", "percent" (0-100), or a rate: "per 1000" or "per 10000" of ``per``."""
    per: str | None = None
    """For a rate: what it is per, as the source words it, e.g. "inwoners" or "jongeren van
    12 tot en met 17 jaar"."""
    cadence: str | None = None
    """The id of a ``cadences`` entry when the indicator is not measured every year (a
    survey's editions); without it, a value is expected every year."""
    direction: Direction
    """"-": lower is better (a ceiling), "+": higher is better (a floor), "-/+": hold the level."""
    tolerance: Number | None = None
    """For "-/+": how far the value may lie from the target and still hold the level."""
    reference: list[ReferenceValue] = []
    """Reference-group values given in the plan's source cell."""
    remarks: list[str] = []
    footnotes: list[Footnote] = []
    breakdowns: list[Breakdown] = []
    measurements: dict[Year, Measurement | None] = {}
    """Values by year; null records that the plan gives no value ("-") for that year."""
    targets: dict[Year, Target | None] = {}
    """Targets by year; null records that the plan names the year but gives no value."""
    history: list[Replaced] = []
    """Values that newer figures replaced, oldest first."""
    explanations: dict[Year, str] = {}
    """Explanations ("toelichting") by year, given after the figure or for a year without
    one (``ivb explain``); a year whose measurement has a note is explained by that note."""
    open_data: list[OpenDataSeries] = []
    """The open-data series that give this indicator's yearly figure (``ivb import``)."""


def explanation(ind: Indicator, year: Year) -> str | None:
    """The explanation of ``ind``'s figure for ``year``: its measurement's note, else its
    ``explanations`` entry (``ivb validate`` refuses both: ``explanation-twice``)."""
    m = ind.measurements.get(year)
    if m is not None and m.note is not None:
        return m.note
    return ind.explanations.get(year)


def explanations(ind: Indicator) -> dict[Year, str]:
    """Every year's explanation of ``ind`` (``explanation``), by year in order."""
    years = {y for y, m in ind.measurements.items() if m is not None and m.note is not None}
    years.update(ind.explanations)
    return {y: text for y in sorted(years) if (text := explanation(ind, y)) is not None}


class Cadence(Model):
    """How often a source measures, where it is not every year: a survey's editions (not in
    the plan: declared so that a year between editions is not read as missing)."""

    id: str
    """Stable kebab-case id, named by the indicators' ``cadence``."""
    name: str
    """The source's name, e.g. "Veiligheidsmonitor"."""
    years: list[Year]
    """The years it measures (its editions), in order; a later edition is added when it is
    known."""


class IndicatorsFile(Model):
    """``indicators.yaml``: the policy, its priorities and their indicators."""

    policy: Policy
    priorities: list[Priority]
    indicators: list[Indicator]
    cadences: list[Cadence] = []
    """The sources that do not measure every year (police and Halt figures are yearly)."""


class Partner(Model):
    id: str
    """Stable kebab-case id of the partner."""
    name: str
    """The partner's name as written in the plan."""
    kind: PartnerKind
    """"external" or "internal" (a part of the municipality), as section 4 groups them."""
    abbreviation: str | None = None
    note: str | None = None


class PartnerRef(Model):
    partner: str
    """Id of a partner in this file."""
    as_written: str | None = None
    """The name as the priority's "Partners in de aanpak" writes it, where it differs."""


class PriorityPartners(Model):
    priority: str
    """Id of a priority in indicators.yaml."""
    partners: list[PartnerRef]


class PartnersFile(Model):
    """``partners.yaml``: every partner, and the partners of each priority's approach."""

    partners: list[Partner]
    priorities: list[PriorityPartners] = []


ActionState = Literal["planned", "running", "done", "stopped"]
PlanState = Literal["draft", "adopted", "evaluated"]


class Budget(Model):
    amount: Number
    """The amount in euros."""
    line: str | None = None
    """The budget line it comes from; most actions run on flanking budgets (section 7)."""


class EvaluationNote(Model):
    year: Year
    """The year evaluated."""
    date: dt.date | None = None
    note: str


class StateChange(Model):
    """An earlier state of an action, kept when the state changed again (``set-action``)."""

    date: dt.date | None = None
    """When the action entered this state (none where it was not recorded)."""
    state: ActionState
    reason: str | None = None
    """Why the state changed then."""


class Action(Model):
    id: str
    """Stable kebab-case id, unique across all plans."""
    continues: str | None = None
    """The id of the action in an earlier plan that this one carries on (same priority)."""
    priority: str
    """Id of the priority the action serves."""
    title: str
    description: str | None = None
    lead: str | None = None
    """Id of the partner that leads the action."""
    partners: list[str] = []
    """Ids of the other partners involved."""
    indicators: list[str] = []
    """Ids of the indicators the action aims to move."""
    start: dt.date | None = None
    end: dt.date | None = None
    state: ActionState = "planned"
    changed: dt.date | None = None
    """The date of the last change of state."""
    reason: str | None = None
    """Why the state last changed."""
    history: list[StateChange] = []
    """The earlier states (date, state, reason), oldest first; the current one is in
    ``state``, ``changed`` and ``reason``."""
    budget: Budget | None = None
    evaluations: list[EvaluationNote] = []
    """Yearly evaluation notes."""


class PlanTarget(Model):
    indicator: str
    """Id of the indicator."""
    year: Year
    value: Number
    """The target value, in the indicator's unit."""
    note: str | None = None


class PlanAdoption(Model):
    date: dt.date
    by: str


class Plan(Model):
    id: str
    """Stable kebab-case id of the plan."""
    name: str
    """The plan's name, e.g. "Uitvoeringsplan Integraal Veiligheidsbeleid 2015-2016"."""
    period: Period
    state: PlanState = "draft"
    adopted: PlanAdoption | None = None
    """When and by whom the plan was adopted (state adopted or evaluated)."""
    evaluations: list[EvaluationNote] = []
    """Yearly evaluations of the plan as a whole."""


class PlanFile(Model):
    """A file in ``plans/``: one execution plan, its targets and its actions."""

    plan: Plan
    targets: list[PlanTarget] = []
    """Targets the plan sets for its years; ``ivb status`` uses them."""
    actions: list[Action] = []


class Dataset(Model):
    """All data files together, as validated."""

    indicators: IndicatorsFile
    partners: PartnersFile
    plans: dict[str, PlanFile] = {}
    """The plan files by their path in the data folder, e.g. "plans/2015-2016.yaml"."""
