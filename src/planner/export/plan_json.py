"""The JSON plan format (docs/plan-format.md): a lossless, versioned text form of a plan.

Numbers the user owns are written as decimal strings ("4000.00", "4.5") so no float ever rounds
them; whole numbers (years, counts) as JSON integers. The reader is strict: it checks every
field, names each problem by its JSON path, and returns a plan only when nothing is wrong.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from planner.domain.calendar import YearMonth
from planner.domain.catalogue import ADDED_PARAMS, KINDS, PROPERTY_KINDS
from planner.domain.enums import (
    AccountPreset,
    AccountType,
    FIRuleKind,
    IncomePolicy,
    Rebalancing,
    ReturnModel,
    Sleeve,
    StrategyPreset,
    TaxCategory,
    WithdrawalMethod,
    WithdrawalOrder,
)
from planner.domain.money import NumberError, canonical_text, money_text, parse_decimal
from planner.domain.plan import (
    BUILT_IN_HISTORY,
    Account,
    Assumptions,
    FIRule,
    Household,
    OneOffEvent,
    Override,
    Plan,
    ReturnsTableText,
    Scenario,
    SpendingPhase,
    Strategy,
    Stream,
    TaxBracket,
    TaxTable,
)
from planner.domain.problems import PlanProblems, Problem
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.domain.validation import validate_plan
from planner.export.account_json import (
    ACCOUNT_KEYS,
    ADDED_ASSUMPTIONS,
    BRACKET_KEYS,
    TABLE_KEYS,
    TAX_PRESET_KEYS,
    account_to_dict,
    tax_assumptions_to_dict,
)
from planner.export.life_json import EVENT_KEYS, PHASE_KEYS, event_to_dict, numbers_to_dict, phase_to_dict

FORMAT_NAME = "passive-income-planner/plan"
FORMAT_VERSION = 5
#: Version 2 (the sound answer): household.plan_until_age; fi_rule.fixed_withdrawal_rate,
#: shortfall_tolerance and confidence instead of stop_saving_at_fi; assumptions.overdraft_rate and
#: sell_property_last_resort instead of horizon_years; property streams' selling_cost parameter.
#: Version 3 (income and spending over a life): the household's partner, salaries, saving from
#: income and part-time work; spending phases and one-off events.
#: Version 4 (history as it happened): assumptions.history_table and the plan's returns_tables.
#: Version 5 (accounts and tax): the plan's accounts, each stream's account; the assumptions' tax
#: tables, the categories they tax, the tax preset, the withdrawal order and the tax on pay.
ROOT = "$.plan"
E = TypeVar("E", bound=StrEnum)


# ---------------------------------------------------------------- writing


def plan_to_json(plan: Plan) -> str:
    """The plan as JSON text, byte for byte the same for equal plans."""
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "plan": plan_to_dict(plan)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    household, rule, strategy, assumptions = plan.household, plan.fi_rule, plan.strategy, plan.assumptions
    return {
        "name": plan.name,
        "currency": plan.currency,
        "start": str(plan.start),
        "household": {
            **numbers_to_dict(household, "household"),
            "partner": household.partner,
            "saving_from_income": household.saving_from_income,
        },
        "fi_rule": {
            "kind": rule.kind.value,
            "safe_withdrawal_rate": canonical_text(rule.safe_withdrawal_rate),
            "fixed_withdrawal_rate": rule.fixed_withdrawal_rate,
            "withdrawal_method": rule.withdrawal_method.value,
            "shortfall_tolerance": canonical_text(rule.shortfall_tolerance),
            "confidence": canonical_text(rule.confidence),
        },
        "strategy": {
            "preset": strategy.preset.value,
            "safe_weight": canonical_text(strategy.safe_weight),
            "core_weight": canonical_text(strategy.core_weight),
            "speculative_weight": canonical_text(strategy.speculative_weight),
            "rebalancing": strategy.rebalancing.value,
            "rebalance_threshold": canonical_text(strategy.rebalance_threshold),
        },
        "assumptions": {
            "paths": assumptions.paths,
            "seed": assumptions.seed,
            "return_model": assumptions.return_model.value,
            "tax_rates": {category.value: canonical_text(rate) for category, rate in assumptions.tax_rates},
            "overdraft_rate": canonical_text(assumptions.overdraft_rate),
            "sell_property_last_resort": assumptions.sell_property_last_resort,
            "history_table": assumptions.history_table,
            **tax_assumptions_to_dict(assumptions),
            "pay_tax_rate": canonical_text(assumptions.pay_tax_rate),
        },
        "accounts": [account_to_dict(account) for account in plan.accounts],
        "streams": [_stream_to_dict(stream) for stream in plan.streams],
        "scenarios": [
            {
                "name": scenario.name,
                "description": scenario.description,
                "overrides": [{"target": o.target, "field": o.field, "value": o.value} for o in scenario.overrides],
            }
            for scenario in plan.scenarios
        ],
        "phases": [phase_to_dict(phase) for phase in plan.phases],
        "events": [event_to_dict(event) for event in plan.events],
        "returns_tables": [{"name": table.name, "text": table.text} for table in plan.returns_tables],
    }


def _stream_to_dict(stream: Stream) -> dict[str, Any]:
    kind = KINDS.get(stream.kind)
    money_keys = {p.key for p in kind.params if p.unit.is_money} if kind else set()
    return {
        "id": stream.uid,
        "name": stream.name,
        "kind": stream.kind,
        "start": str(stream.start),
        "end": str(stream.end) if stream.end else None,
        "starting_amount": money_text(stream.starting_amount),
        "monthly_contribution": money_text(stream.monthly_contribution),
        "income_policy": stream.income_policy.value,
        "tax_category": stream.tax_category.value,
        "sleeve": stream.sleeve.value,
        "weight": canonical_text(stream.weight),
        "upkeep_hours": canonical_text(stream.upkeep_hours),
        "notes": stream.notes,
        "account": stream.account,
        "params": {
            key: money_text(value) if key in money_keys else canonical_text(value) for key, value in stream.params
        },
    }


# ---------------------------------------------------------------- reading


def plan_from_json(text: str) -> Plan:
    """Parse and check a whole document; raise PlanProblems listing every problem found."""
    try:
        document = json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except _DuplicateKey as error:
        raise PlanProblems([Problem("$", f"the key {error.args[0]!r} appears twice in one object")]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise PlanProblems([Problem("$", f"not valid JSON: {error.msg} at {where}")]) from None
    except RecursionError:
        raise PlanProblems([Problem("$", "the JSON is nested too deeply")]) from None
    except ValueError as error:  # e.g. an integer with thousands of digits
        raise PlanProblems([Problem("$", f"not a usable JSON document ({error})")]) from None
    reader = _Reader()
    if not isinstance(document, dict):
        raise PlanProblems([Problem("$", "a plan file must be a JSON object")])
    if document.get("format") != FORMAT_NAME:
        raise PlanProblems([Problem("$.format", f"this is not a plan file: 'format' must be {FORMAT_NAME!r}")])
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PlanProblems([Problem("$.version", "'version' must be a positive whole number")])
    if version > FORMAT_VERSION:
        raise PlanProblems([Problem("$.version", f"the file uses format version {version}, this app reads up to "
                                                 f"{FORMAT_VERSION}; update the app")])
    reader.keys("$", document, {"format", "version", "plan"})
    plan = reader.plan(upgraded_plan(document.get("plan"), version))
    problems = list(reader.problems)
    if plan is not None and not reader.incomplete:
        # Fields the reader already refused hold placeholders; report only the rest.
        reported = {problem.path for problem in problems}
        for problem in validate_plan(plan):
            path = f"{ROOT}.{_json_path(problem.path)}"
            # (a record holding a placeholder is not cross-checked: its other fields would be blamed)
            if not any(path == seen or path.startswith(seen + ".") or seen.startswith(path + ".")
                       or path.rsplit(".", 1)[0] == seen.rsplit(".", 1)[0] for seen in reported):
                problems.append(Problem(path, problem.message))
    if problems or plan is None or reader.incomplete:
        raise PlanProblems(problems or [Problem(ROOT, "the plan is missing")])
    return plan


def upgraded_plan(plan: object, version: int) -> object:
    """An older document's plan in today's shape. Only what has the expected shape is touched; the
    reader names anything else. Version 1 (before the sound answer): the horizon becomes the
    default plan-until age, a withdrawal rate other than the old default stays the user's fixed
    rate, property streams get the default selling costs, and overrides of removed fields go. Any
    version: parameters a kind gained since (``catalogue.ADDED_PARAMS``) take their defaults when read."""
    if not isinstance(plan, dict):
        return plan
    plan = json.loads(json.dumps(plan))  # a deep copy: the caller's document stays as it was
    if version >= FORMAT_VERSION:
        return plan
    if version == 4:
        return _upgraded_from_4(plan)
    if version == 3:
        return _upgraded_from_4(_upgraded_from_3(plan))
    if version == 2:
        return _upgraded_from_4(_upgraded_from_3(_upgraded_from_2(plan)))
    defaults = {record: {spec.key: spec.default for spec in specs.values()} for record, specs in NUMERIC_FIELDS.items()}
    household, rule, assumptions = (plan.get(key) for key in ("household", "fi_rule", "assumptions"))
    if isinstance(household, dict):
        household.setdefault("plan_until_age", int(defaults["household"]["plan_until_age"]))
    if isinstance(rule, dict):
        rule.pop("stop_saving_at_fi", None)
        rate = rule.get("safe_withdrawal_rate")
        rule.setdefault("fixed_withdrawal_rate", isinstance(rate, str) and _differs(rate, Decimal(4)))
        for key in ("shortfall_tolerance", "confidence"):
            rule.setdefault(key, canonical_text(defaults["fi_rule"][key]))
    if isinstance(assumptions, dict):
        assumptions.pop("horizon_years", None)
        assumptions.setdefault("overdraft_rate", canonical_text(defaults["assumptions"]["overdraft_rate"]))
        assumptions.setdefault("sell_property_last_resort", True)
    for stream in plan.get("streams") or []:
        if isinstance(stream, dict) and stream.get("kind") in PROPERTY_KINDS and isinstance(stream.get("params"), dict):
            selling = KINDS[stream["kind"]].param("selling_cost").default
            stream["params"].setdefault("selling_cost", canonical_text(selling))
    removed = {("assumptions", "horizon_years"), ("fi_rule", "stop_saving_at_fi")}
    for scenario in plan.get("scenarios") or []:
        if isinstance(scenario, dict) and isinstance(scenario.get("overrides"), list):
            scenario["overrides"] = [o for o in scenario["overrides"]
                                     if not (isinstance(o, dict) and (o.get("target"), o.get("field")) in removed)]
    return _upgraded_from_4(_upgraded_from_3(_upgraded_from_2(plan)))


def _upgraded_from_2(plan: dict[str, Any]) -> dict[str, Any]:
    """Version 2 had one adult, no work income, no phases and no events: the new fields take their
    defaults (no partner, no salary, the fixed saving), which project exactly as before."""
    household = plan.get("household")
    if isinstance(household, dict):
        written = numbers_to_dict(new_household_defaults(), "household")
        for key in NEW_HOUSEHOLD_FIELDS:
            household.setdefault(key, written[key])
        household.setdefault("partner", False)
        household.setdefault("saving_from_income", False)
    plan.setdefault("phases", [])
    plan.setdefault("events", [])
    return plan


def _upgraded_from_3(plan: dict[str, Any]) -> dict[str, Any]:
    """Version 3 had no imported returns tables; its historical models replayed the built-in history."""
    assumptions = plan.get("assumptions")
    if isinstance(assumptions, dict):
        assumptions.setdefault("history_table", BUILT_IN_HISTORY)
    plan.setdefault("returns_tables", [])
    return plan


def _upgraded_from_4(plan: dict[str, Any]) -> dict[str, Any]:
    """Version 4 had no accounts and no tax tables: every stream sits in none, every category keeps
    its flat rate, and the order and the tax on pay take the domain's defaults (taxed as before)."""
    assumptions = plan.get("assumptions")
    if isinstance(assumptions, dict):
        for key, value in ADDED_ASSUMPTIONS.items():
            assumptions.setdefault(key, value)
    plan.setdefault("accounts", [])
    for stream in plan.get("streams") or []:
        if isinstance(stream, dict):
            stream.setdefault("account", "")
    return plan


#: Household fields that version 3 added.
NEW_HOUSEHOLD_FIELDS = ("partner_birth_year", "partner_target_fi_age", "partner_plan_until_age", "monthly_salary",
                        "salary_growth", "partner_monthly_salary", "partner_salary_growth", "part_time_income",
                        "part_time_hours", "part_time_years")


def new_household_defaults() -> Household:
    """A household with every field's default (for the fields an older document lacks)."""
    values = {key: int(spec.default) if spec.integer else spec.default
              for key, spec in NUMERIC_FIELDS["household"].items()}
    return Household(**values)


def _differs(text: str, value: Decimal) -> bool:
    try:
        return parse_decimal(text) != value
    except NumberError:
        return False  # the reader reports the bad number


class _DuplicateKey(ValueError):
    pass


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON allows repeated keys and keeps the last; a plan file never has them, so say so."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _json_path(record_path: str) -> str:
    """Validation names record fields; the file calls an item's uid (a stream's, an account's) "id"."""
    return re.sub(r"^((?:streams|phases|events|accounts)\[\d+\])\.uid$", r"\1.id", record_path)


class _Reader:
    """Reads untrusted JSON values into typed fields, collecting a problem per bad field."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.incomplete = False

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def obj(self, path: str, value: object) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, "must be an object" if value is not None else "is missing")
            return None
        return value

    def keys(self, path: str, value: dict[str, Any], allowed: set[str]) -> None:
        for key in value:
            if key not in allowed:
                self.fail(f"{path}.{key}", "is not a field of the plan format (misspelt?)")

    def record(self, path: str, value: object, allowed: set[str]) -> dict[str, Any] | None:
        data = self.obj(path, value)
        if data is not None:
            self.keys(path, data, allowed)
        return data

    def text(self, path: str, data: dict[str, Any], key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", "must be text" if key in data else "is missing")
            return ""
        return value

    def decimal(self, path: str, data: dict[str, Any], key: str) -> Decimal:
        if key not in data:
            self.fail(f"{path}.{key}", "is missing")
            return Decimal(0)
        value = data[key]
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail(f"{path}.{key}", "must be a number written as text, such as \"4.5\"")
            return Decimal(0)
        try:
            return parse_decimal(value)
        except NumberError as error:
            self.fail(f"{path}.{key}", str(error))
            return Decimal(0)

    def integer(self, path: str, data: dict[str, Any], key: str) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"{path}.{key}", "must be a whole number" if key in data else "is missing")
            return 0
        return value

    def boolean(self, path: str, data: dict[str, Any], key: str) -> bool:
        value = data.get(key)
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", "must be true or false" if key in data else "is missing")
            return False
        return value

    def choice(self, path: str, data: dict[str, Any], key: str, enum: type[E]) -> E:
        value = data.get(key)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.fail(f"{path}.{key}", f"must be one of {allowed}" + ("" if key in data else " (missing)"))
            return next(iter(enum))

    def month(self, path: str, data: dict[str, Any], key: str, optional: bool = False) -> YearMonth | None:
        value = data.get(key)
        if value is None and optional and key in data:
            return None
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", "must be a month written as \"YYYY-MM\"" if key in data else "is missing")
            return None
        try:
            return YearMonth.parse(value)
        except ValueError as error:
            self.fail(f"{path}.{key}", str(error))
            return None

    def numbers(self, path: str, data: dict[str, Any], record: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, field_spec in NUMERIC_FIELDS[record].items():
            if field_spec.integer:  # years, ages, counts: JSON integers in the file
                values[key] = self.integer(path, data, key)
            else:
                values[key] = self.decimal(path, data, key)
        return values

    # -- records

    def plan(self, value: object) -> Plan | None:
        keys = {"name", "currency", "start", "household", "fi_rule", "strategy", "assumptions", "streams", "scenarios",
                "phases", "events", "returns_tables", "accounts"}
        data = self.record(ROOT, value, keys)
        if data is None:
            return None
        name, currency = self.text(ROOT, data, "name"), self.text(ROOT, data, "currency")
        start = self.month(ROOT, data, "start")
        household = self.household(data.get("household"))
        fi_rule = self.fi_rule(data.get("fi_rule"))
        strategy = self.strategy(data.get("strategy"))
        assumptions = self.assumptions(data.get("assumptions"))
        streams = self.list_of(f"{ROOT}.streams", data.get("streams"), self.stream)
        scenarios = self.list_of(f"{ROOT}.scenarios", data.get("scenarios"), self.scenario)
        phases = self.list_of(f"{ROOT}.phases", data.get("phases"), self.phase)
        events = self.list_of(f"{ROOT}.events", data.get("events"), self.event)
        tables = self.list_of(f"{ROOT}.returns_tables", data.get("returns_tables"), self.returns_table)
        accounts = self.list_of(f"{ROOT}.accounts", data.get("accounts"), self.account)
        if None in (start, household, fi_rule, strategy, assumptions):
            return None
        return Plan(name, currency, start, household, fi_rule, strategy, assumptions,  # type: ignore[arg-type]
                    tuple(streams), tuple(scenarios), tuple(phases), tuple(events), tuple(tables), tuple(accounts))

    def returns_table(self, path: str, value: object) -> ReturnsTableText | None:
        data = self.record(path, value, {"name", "text"})
        if data is None:
            return None
        return ReturnsTableText(self.text(path, data, "name"), self.text(path, data, "text"))

    def list_of(self, path: str, value: object, read: Any) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, "must be a list" if value is not None else "is missing")
            return []
        items = [read(f"{path}[{index}]", item) for index, item in enumerate(value)]
        if any(item is None for item in items):
            self.incomplete = True  # indexes would shift: validate nothing more, report what was read
        return [item for item in items if item is not None]

    def household(self, value: object) -> Household | None:
        path = f"{ROOT}.household"
        data = self.record(path, value, {"partner", "saving_from_income", *NUMERIC_FIELDS["household"]})
        if data is None:
            return None
        return Household(partner=self.boolean(path, data, "partner"),
                         saving_from_income=self.boolean(path, data, "saving_from_income"),
                         **self.numbers(path, data, "household"))

    def phase(self, path: str, value: object) -> SpendingPhase | None:
        data = self.record(path, value, PHASE_KEYS)
        if data is None:
            return None
        return SpendingPhase(uid=self.text(path, data, "id"), name=self.text(path, data, "name"),
                             start=self.month(path, data, "start") or YearMonth(2000, 1),
                             end=self.month(path, data, "end", optional=True),
                             included=self.boolean(path, data, "included"), notes=self.text(path, data, "notes"),
                             **self.numbers(path, data, "phase"))

    def event(self, path: str, value: object) -> OneOffEvent | None:
        data = self.record(path, value, EVENT_KEYS)
        if data is None:
            return None
        return OneOffEvent(uid=self.text(path, data, "id"), name=self.text(path, data, "name"),
                           windfall=self.boolean(path, data, "windfall"),
                           month=self.month(path, data, "month") or YearMonth(2000, 1),
                           inflation_linked=self.boolean(path, data, "inflation_linked"),
                           included=self.boolean(path, data, "included"), notes=self.text(path, data, "notes"),
                           **self.numbers(path, data, "event"))

    def fi_rule(self, value: object) -> FIRule | None:
        path = f"{ROOT}.fi_rule"
        data = self.record(path, value, {"kind", "withdrawal_method", "fixed_withdrawal_rate",
                                         *NUMERIC_FIELDS["fi_rule"]})
        if data is None:
            return None
        return FIRule(
            kind=self.choice(path, data, "kind", FIRuleKind),
            withdrawal_method=self.choice(path, data, "withdrawal_method", WithdrawalMethod),
            fixed_withdrawal_rate=self.boolean(path, data, "fixed_withdrawal_rate"),
            **self.numbers(path, data, "fi_rule"),
        )

    def strategy(self, value: object) -> Strategy | None:
        path = f"{ROOT}.strategy"
        data = self.record(path, value, {"preset", "rebalancing", *NUMERIC_FIELDS["strategy"]})
        if data is None:
            return None
        return Strategy(
            preset=self.choice(path, data, "preset", StrategyPreset),
            rebalancing=self.choice(path, data, "rebalancing", Rebalancing),
            **self.numbers(path, data, "strategy"),
        )

    def assumptions(self, value: object) -> Assumptions | None:
        path = f"{ROOT}.assumptions"
        data = self.record(path, value, {"return_model", "tax_rates", "sell_property_last_resort", "history_table",
                                         "tax_preset", "tax_tables", "category_tables", "withdrawal_order",
                                         *NUMERIC_FIELDS["assumptions"]})
        if data is None:
            return None
        rates_path = f"{path}.tax_rates"
        rates = self.record(rates_path, data.get("tax_rates"), {c.value for c in TaxCategory})
        tax_rates = tuple(
            (category, self.decimal(rates_path, rates, category.value)) for category in TaxCategory
        ) if rates is not None else ()
        return Assumptions(
            return_model=self.choice(path, data, "return_model", ReturnModel),
            tax_rates=tax_rates,
            sell_property_last_resort=self.boolean(path, data, "sell_property_last_resort"),
            history_table=self.text(path, data, "history_table"),
            tax_tables=tuple(self.list_of(f"{path}.tax_tables", data.get("tax_tables"), self.tax_table)),
            category_tables=self.category_tables(f"{path}.category_tables", data.get("category_tables")),
            tax_preset=self.tax_preset(path, data),
            withdrawal_order=self.choice(path, data, "withdrawal_order", WithdrawalOrder),
            **self.numbers(path, data, "assumptions"),
        )

    def tax_preset(self, path: str, data: dict[str, Any]) -> str:
        key = self.text(path, data, "tax_preset")
        if "tax_preset" in data and key not in TAX_PRESET_KEYS:
            self.fail(f"{path}.tax_preset", f"must be one of {', '.join(TAX_PRESET_KEYS)}")
        return key

    def tax_table(self, path: str, value: object) -> TaxTable | None:
        data = self.record(path, value, TABLE_KEYS)
        if data is None:
            return None
        brackets = self.list_of(f"{path}.brackets", data.get("brackets"), self.bracket)
        return TaxTable(self.text(path, data, "name"), self.decimal(path, data, "allowance"), tuple(brackets),
                        self.text(path, data, "stacked_on"))

    def bracket(self, path: str, value: object) -> TaxBracket | None:
        data = self.record(path, value, BRACKET_KEYS)
        if data is None:
            return None
        return TaxBracket(self.decimal(path, data, "from_amount"), self.decimal(path, data, "rate"))

    def category_tables(self, path: str, value: object) -> tuple[tuple[TaxCategory, str], ...]:
        """category -> table name, in the file's order; a category not named keeps its flat rate."""
        data = self.obj(path, value)
        if data is None:
            return ()
        pairs = []
        for key, name in data.items():
            if key not in {c.value for c in TaxCategory}:
                self.fail(f"{path}.{key}", f"is not a tax category (one of {', '.join(c.value for c in TaxCategory)})")
            elif not isinstance(name, str):
                self.fail(f"{path}.{key}", "must be the name of a tax table, as text")
            else:
                pairs.append((TaxCategory(key), name))
        return tuple(pairs)

    def account(self, path: str, value: object) -> Account | None:
        data = self.record(path, value, ACCOUNT_KEYS)
        if data is None:
            return None
        return Account(uid=self.text(path, data, "id"), name=self.text(path, data, "name"),
                       account_type=self.choice(path, data, "account_type", AccountType),
                       preset=self.choice(path, data, "preset", AccountPreset),
                       included=self.boolean(path, data, "included"), notes=self.text(path, data, "notes"),
                       **self.numbers(path, data, "account"))

    def stream(self, path: str, value: object) -> Stream | None:
        keys = {"id", "name", "kind", "start", "end", "income_policy", "tax_category", "sleeve", "notes", "account",
                "params", *NUMERIC_FIELDS["stream"]}
        data = self.record(path, value, keys)
        if data is None:
            return None
        kind_key = self.text(path, data, "kind")
        kind = KINDS.get(kind_key)
        if kind_key and kind is None:
            self.fail(f"{path}.kind", f"{kind_key!r} is not a stream kind (see 'planner catalogue')")
        written = data.get("params")
        if isinstance(written, dict) and kind is not None:  # parameters the kind gained later take their default
            added = {key: canonical_text(kind.param(key).default) for key in ADDED_PARAMS.get(kind_key, ())}
            written = added | written
        params = self.params(f"{path}.params", written, [p.key for p in kind.params] if kind else None)
        start = self.month(path, data, "start")
        end = self.month(path, data, "end", optional=True)
        stream = Stream(
            uid=self.text(path, data, "id"),
            name=self.text(path, data, "name"),
            kind=kind_key,
            start=start or YearMonth(2000, 1),
            end=end,
            income_policy=self.choice(path, data, "income_policy", IncomePolicy),
            tax_category=self.choice(path, data, "tax_category", TaxCategory),
            sleeve=self.choice(path, data, "sleeve", Sleeve),
            notes=self.text(path, data, "notes"),
            account=self.text(path, data, "account"),
            params=params,
            **self.numbers(path, data, "stream"),
        )
        return stream

    def params(self, path: str, value: object, expected: list[str] | None) -> tuple[tuple[str, Decimal], ...]:
        data = self.obj(path, value)
        if data is None or expected is None:
            return ()
        self.keys(path, data, set(expected))
        return tuple((key, self.decimal(path, data, key)) for key in expected)

    def scenario(self, path: str, value: object) -> Scenario | None:
        data = self.record(path, value, {"name", "description", "overrides"})
        if data is None:
            return None
        overrides = self.list_of(f"{path}.overrides", data.get("overrides"), self.override)
        return Scenario(self.text(path, data, "name"), self.text(path, data, "description"), tuple(overrides))

    def override(self, path: str, value: object) -> Override | None:
        data = self.record(path, value, {"target", "field", "value"})
        if data is None:
            return None
        return Override(self.text(path, data, "target"), self.text(path, data, "field"), self.text(path, data, "value"))
