"""Plan validation: returns every problem found, each naming its field; raises only for bugs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields as dataclass_fields
from decimal import Decimal

from planner.domain.account_validation import check_accounts, check_tax_tables
from planner.domain.catalogue import KINDS, OWNED_KINDS, OWNER
from planner.domain.enums import TaxCategory
from planner.domain.fields import FieldSpec
from planner.domain.plan import (
    BUILT_IN_HISTORY,
    MAX_PLAN_YEARS,
    Account,
    OneOffEvent,
    Plan,
    Scenario,
    SpendingPhase,
    Strategy,
    Stream,
    plan_years,
)
from planner.domain.problems import Problem
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.domain.scenarios import OverrideError, apply_scenario, parse_override

MAX_NAME = 200
MAX_NOTES = 20000
#: Longest returns table text: 100,000 months (engine.history.MAX_ROWS) of a few columns each.
MAX_TABLE_TEXT = 10_000_000
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def validate_plan(plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    problems += _check_name("name", plan.name)
    if not _CURRENCY.match(plan.currency):
        problems.append(Problem("currency", f"currency must be a 3-letter ISO code such as USD, got {plan.currency!r}"))
    for record_name in ("household", "fi_rule", "strategy", "assumptions"):
        problems += _check_numbers(record_name, getattr(plan, record_name), NUMERIC_FIELDS[record_name])
    problems += _check_weights("strategy", plan.strategy, "")
    problems += check_ages(plan, "household")
    problems += _check_tax_rates(plan)
    problems += validate_streams(plan.streams)
    problems += validate_items("phases", plan.phases, "spending phase")
    problems += validate_items("events", plan.events, "event")
    problems += validate_items("accounts", plan.accounts, "account")
    problems += check_accounts(plan)
    problems += check_tax_tables(plan)
    problems += check_owners(plan)
    problems += _check_scenarios(plan)
    problems += check_returns_tables(plan)
    return problems


def validate_items(collection: str, items: tuple[SpendingPhase, ...] | tuple[OneOffEvent, ...] | tuple[Account, ...],
                   word: str) -> list[Problem]:
    """Ids and names across the phases (or the events), then each on its own."""
    problems: list[Problem] = []
    uids: set[str] = set()
    names: set[str] = set()
    for index, item in enumerate(items):
        at = f"{collection}[{index}]"
        if not item.uid or item.uid in uids:
            problems.append(Problem(f"{at}.uid", f"{word} id {item.uid!r} is empty or used twice"))
        uids.add(item.uid)
        problems += _check_name(f"{at}.name", item.name)
        if isinstance(item.name, str) and item.name.strip().casefold() in names:
            problems.append(Problem(f"{at}.name", f"another {word} is already named {item.name!r}"))
        names.add(str(item.name).strip().casefold())
        problems += validate_item(item, at)
    return problems


def validate_item(item: SpendingPhase | OneOffEvent | Account, at: str) -> list[Problem]:
    """Problems of one phase, event or account on its own."""
    if isinstance(item, Account):
        problems = _check_numbers(at, item, NUMERIC_FIELDS["account"])
    elif isinstance(item, SpendingPhase):
        problems = _check_numbers(at, item, NUMERIC_FIELDS["phase"])
        if item.end is not None and item.end < item.start:
            problems.append(Problem(f"{at}.end", f"the end month {item.end} is before the start month {item.start}"))
    else:
        problems = _check_numbers(at, item, NUMERIC_FIELDS["event"])
        if item.times > 1 and item.every_years < 1:
            problems.append(Problem(f"{at}.every_years", "an event that happens more than once needs the "
                                    "years between occurrences (at least 1)"))
    return problems + _check_notes(f"{at}.notes", item.notes)


def validate_streams(streams: tuple[Stream, ...]) -> list[Problem]:
    problems: list[Problem] = []
    seen_uids: set[str] = set()
    seen_names: set[str] = set()
    for index, stream in enumerate(streams):
        at = f"streams[{index}]"
        if not stream.uid or stream.uid in seen_uids:
            problems.append(Problem(f"{at}.uid", f"stream id {stream.uid!r} is empty or used twice"))
        seen_uids.add(stream.uid)
        problems += _check_name(f"{at}.name", stream.name)
        if stream.name.strip().casefold() in seen_names:
            problems.append(Problem(f"{at}.name", f"another stream is already named {stream.name!r}"))
        seen_names.add(stream.name.strip().casefold())
        problems += validate_stream(stream, at)
    return problems


def validate_stream(stream: Stream, at: str = "stream") -> list[Problem]:
    """Problems of one stream on its own (names and ids across the plan are checked above)."""
    problems = _check_numbers(at, stream, NUMERIC_FIELDS["stream"])
    if stream.end is not None and stream.end < stream.start:
        problems.append(Problem(f"{at}.end", f"the end month {stream.end} is before the start month {stream.start}"))
    problems += _check_notes(f"{at}.notes", stream.notes)
    kind = KINDS.get(stream.kind)
    if kind is None:
        problems.append(Problem(f"{at}.kind", f"{stream.kind!r} is not a stream kind of the catalogue"))
        return problems
    expected = [p.key for p in kind.params]
    given = [key for key, _ in stream.params]
    if given != expected:
        missing = sorted(set(expected) - set(given))
        unknown = sorted(set(given) - set(expected))
        detail = "; ".join(
            part for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unknown {', '.join(unknown)}" if unknown else "",
                "in the wrong order or repeated" if not missing and not unknown else "",
            ) if part
        )
        problems.append(Problem(f"{at}.params", f"parameters do not match the kind {kind.name!r}: {detail}"))
        return problems
    for param_spec, (key, value) in zip(kind.params, stream.params, strict=True):
        _, message = param_spec.check(value)
        if message:
            problems.append(Problem(f"{at}.params.{key}", message))
    return problems


def _check_scenarios(plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    names: set[str] = set()
    wrong_in_base = {p.uid for p in plan.phases if p.end is not None and p.end < p.start}  # said once, for the base
    for index, scenario in enumerate(plan.scenarios):
        at = f"scenarios[{index}]"
        problems += _check_name(f"{at}.name", scenario.name)
        if scenario.name.strip().casefold() in names:
            problems.append(Problem(f"{at}.name", f"another scenario is already named {scenario.name!r}"))
        names.add(scenario.name.strip().casefold())
        override_problems = _check_overrides(plan, scenario, at)
        problems += override_problems
        if not override_problems:
            seen = apply_scenario(plan, scenario)
            problems += _check_weights(at, seen.strategy, "in this scenario ")
            if any(o.target == "household" for o in scenario.overrides):  # else the base's problem, said once
                problems += [Problem(at, p.message) for p in check_ages(seen, at, "in this scenario ")]
            for phase in seen.phases:  # a scenario may move a phase's months past each other
                if phase.end is not None and phase.end < phase.start and phase.uid not in wrong_in_base:
                    problems.append(Problem(at, f"in this scenario the spending phase {phase.name!r} ends "
                                            f"({phase.end}) before it starts ({phase.start})"))
            said = {p.message for p in check_owners(plan)}
            problems += [Problem(at, f"in this scenario {p.message}") for p in check_owners(seen)
                         if p.message not in said]
    return problems


def check_owners(plan: Plan) -> list[Problem]:
    """A pension of the partner (adult 2) needs a partner in the plan: its ages and survivor's
    share are theirs."""
    if plan.household.partner:
        return []
    return [Problem(f"streams[{index}].params.{OWNER}",
                    f"{stream.name!r} belongs to adult 2, the partner, but the plan has no partner; add the "
                    "partner to the household or make it adult 1's")
            for index, stream in enumerate(plan.streams)
            if stream.kind in OWNED_KINDS and dict(stream.params).get(OWNER) == 2]


def check_ages(plan: Plan, at: str, context: str = "") -> list[Problem]:
    """The stop age must come before the plan-until age, which must lie ahead and within reach."""
    household = plan.household
    problems: list[Problem] = []
    specs = NUMERIC_FIELDS["household"]
    ages = ("birth_year", "target_fi_age", "plan_until_age", "partner_birth_year", "partner_target_fi_age",
            "partner_plan_until_age")
    if _check_numbers(at, household, {k: specs[k] for k in ages}):
        return problems  # an age or year that is wrong on its own is reported as such, once
    if household.target_fi_age >= household.plan_until_age:
        problems.append(Problem(f"{at}.target_fi_age", f"{context}the target stop age ({household.target_fi_age}) "
                                f"must be below the plan-until age ({household.plan_until_age})"))
    if household.partner and household.partner_target_fi_age >= household.partner_plan_until_age:
        problems.append(Problem(f"{at}.partner_target_fi_age", f"{context}the partner's target stop age "
                                f"({household.partner_target_fi_age}) must be below their plan-until age "
                                f"({household.partner_plan_until_age})"))
    years = plan_years(plan)
    if years < 1:
        problems.append(Problem(f"{at}.plan_until_age", f"{context}the household is already past the plan-until age "
                                f"{household.plan_until_age} in the first month ({plan.start})"))
    elif years > MAX_PLAN_YEARS:
        problems.append(Problem(f"{at}.plan_until_age", f"{context}planning until age {household.plan_until_age} "
                                f"covers {years} years; the projection covers at most {MAX_PLAN_YEARS}"))
    return problems


def _check_weights(path: str, strategy: Strategy, context: str) -> list[Problem]:
    total = strategy.safe_weight + strategy.core_weight + strategy.speculative_weight
    if total == 100:
        return []
    return [Problem(path, f"{context}the sleeve weights must add up to 100 %, they add up to {total} %")]


def _check_overrides(plan: Plan, scenario: Scenario, at: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for index, override in enumerate(scenario.overrides):
        where = f"{at}.overrides[{index}]"
        if (override.target, override.field) in seen:
            problems.append(Problem(where, f"{override.target}.{override.field} is overridden twice"))
        seen.add((override.target, override.field))
        try:
            parse_override(plan, override)
        except OverrideError as error:
            problems.append(Problem(where, str(error)))
    return problems


def _check_tax_rates(plan: Plan) -> list[Problem]:
    categories = [category for category, _ in plan.assumptions.tax_rates]
    if categories != list(TaxCategory):
        return [Problem("assumptions.tax_rates", "there must be one tax rate for each category, in catalogue order: "
                        + ", ".join(TaxCategory))]
    problems = []
    for category, rate in plan.assumptions.tax_rates:
        _, message = NUMERIC_FIELDS["tax_rates"][category.value].check(rate)
        if message:
            problems.append(Problem(f"assumptions.tax_rates.{category.value}", message))
    return problems


def _check_numbers(at: str, record: object, specs: dict[str, FieldSpec]) -> list[Problem]:
    problems = []
    for item in dataclass_fields(record):  # type: ignore[arg-type]
        field_spec = specs.get(item.name)
        if field_spec is None:
            continue
        value = getattr(record, item.name)
        if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
            problems.append(Problem(f"{at}.{item.name}", f"{field_spec.label} must be a number"))
            continue
        # Fields typed int (years, ages, counts) are stored as integers; a Decimal there is a bug
        # in the caller, refused here rather than failing later at save time.
        if item.type in ("int", int) and not isinstance(value, int):
            problems.append(Problem(f"{at}.{item.name}", f"{field_spec.label} must be a whole number"))
            continue
        _, message = field_spec.check(value)
        if message:
            problems.append(Problem(f"{at}.{item.name}", message))
    return problems


def check_returns_tables(plan: Plan) -> list[Problem]:
    """Imported tables' names are unique and the chosen history exists; whether a table's text
    parses is the engine's to say (services check it when a table comes in)."""
    problems: list[Problem] = []
    names: set[str] = set()
    for index, table in enumerate(plan.returns_tables):
        at = f"returns_tables[{index}]"
        problems += _check_name(f"{at}.name", table.name)
        key = str(table.name).strip().casefold()
        if key == BUILT_IN_HISTORY:
            problems.append(Problem(f"{at}.name", f"{BUILT_IN_HISTORY!r} names the history that ships with the app; "
                                                  "choose another name"))
        elif key in names:
            problems.append(Problem(f"{at}.name", f"another returns table is already named {table.name!r}"))
        names.add(key)
        if not isinstance(table.text, str) or not table.text.strip() or len(table.text) > MAX_TABLE_TEXT:
            problems.append(Problem(f"{at}.text", "a returns table needs its CSV text (at most "
                                                  f"{MAX_TABLE_TEXT:,} characters)"))
        elif any(unicodedata.category(ch) == "Cs" for ch in table.text):
            problems.append(Problem(f"{at}.text", "the table contains an invalid character (a lone UTF-16 surrogate)"))
    chosen = plan.assumptions.history_table
    if chosen != BUILT_IN_HISTORY and chosen not in {t.name for t in plan.returns_tables}:
        problems.append(Problem("assumptions.history_table", f"no returns table is named {chosen!r}; choose "
                                                             f"{BUILT_IN_HISTORY!r} or an imported table"))
    return problems


def _check_name(path: str, name: str) -> list[Problem]:
    if not isinstance(name, str) or not name.strip():
        return [Problem(path, "a name is required")]
    if len(name) > MAX_NAME:
        return [Problem(path, f"names are limited to {MAX_NAME} characters")]
    if any(unicodedata.category(ch) in _FORBIDDEN_IN_NAMES for ch in name):
        return [Problem(path, "names cannot contain control characters such as line breaks")]
    return []


#: Control characters, line and paragraph separators, and lone surrogates (not storable as UTF-8).
_FORBIDDEN_IN_NAMES = {"Cc", "Zl", "Zp", "Cs"}


def _check_notes(path: str, notes: str) -> list[Problem]:
    if len(notes) > MAX_NOTES:
        return [Problem(path, f"notes are limited to {MAX_NOTES} characters")]
    if any(unicodedata.category(ch) == "Cs" for ch in notes):
        return [Problem(path, "notes contain an invalid character (a lone UTF-16 surrogate)")]
    return []

