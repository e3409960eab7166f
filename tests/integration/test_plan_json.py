"""The JSON plan format: schema in sync, lossless round trips, strict all-or-nothing import."""

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.catalogue import ALL_KINDS
from planner.domain.defaults import new_plan, new_stream
from planner.domain.problems import PlanProblems
from planner.domain.validation import validate_plan
from planner.export.plan_json import FORMAT_VERSION, plan_from_json, plan_to_json
from planner.export.plan_schema import build_schema, schema_text, shipped_schema_text
from planner.services.plan_files import export_json, import_json, read_plan
from planner.services.plan_session import PlanSession
from tests.helpers import (
    START,
    accounts_plan,
    before_accounts,
    classic_demo,
    demo,
    history_plan,
    life_plan,
    returns_csv,
)


def every_kind_plan():
    streams = tuple(new_stream(kind.key, kind.name, START, uid=f"k{index}") for index, kind in enumerate(ALL_KINDS))
    return replace(new_plan("All kinds", START), streams=streams)


def test_shipped_schema_is_generated_from_the_field_tables():
    assert shipped_schema_text() == schema_text()


@pytest.mark.parametrize("plan", [demo(), every_kind_plan(), new_plan("Empty", START), life_plan(), history_plan()],
                         ids=["demo", "kinds", "empty", "life", "history"])
def test_exports_validate_against_the_schema(plan):
    jsonschema.validate(json.loads(plan_to_json(plan)), build_schema())


def test_schema_rejects_a_wrong_parameter_for_the_kind():
    document = json.loads(plan_to_json(demo()))
    document["plan"]["streams"][0]["params"]["dividend_yield"] = "3"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, build_schema())


@pytest.mark.parametrize("plan", [demo(), every_kind_plan(), life_plan(), history_plan()],
                         ids=["demo", "kinds", "life", "history"])
def test_sqlite_json_sqlite_json_is_byte_identical(tmp_path, plan):
    first_file = tmp_path / "first.plan"
    PlanSession.create(first_file, plan).close()
    first_json = tmp_path / "first.json"
    text = export_json(first_file, first_json)
    import_json(tmp_path / "second.plan", first_json)
    assert export_json(tmp_path / "second.plan", None).encode() == text.encode()
    assert first_json.read_bytes() == text.encode()


def test_import_replaces_an_existing_plan_after_a_backup(tmp_path):
    target = tmp_path / "target.plan"
    PlanSession.create(target, new_plan("Old", START)).close()
    source = tmp_path / "demo.json"
    source.write_text(plan_to_json(demo()), encoding="utf-8")
    count, backup = import_json(target, source)
    assert count == len(demo().streams)
    assert backup is not None and backup.exists()
    assert PlanSession.open(backup).plan.name == "Old"
    assert PlanSession.open(target).plan == demo()


def broken(**edits):
    document = json.loads(plan_to_json(demo()))
    for path, value in edits.items():
        node = document["plan"]
        *parents, last = path.split("__")
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is KeyError:
            del node[last]
        else:
            node[last] = value
    return json.dumps(document)


@pytest.mark.parametrize(("text", "path"), [
    (broken(household__monthly_expenses="-5"), "$.plan.household.monthly_expenses"),
    (broken(household__monthly_expenses="NaN"), "$.plan.household.monthly_expenses"),
    (broken(household__monthly_savings=True), "$.plan.household.monthly_savings"),
    (broken(streams__0__params__apy="Infinity"), "$.plan.streams[0].params.apy"),
    (broken(streams__0__params__apy=KeyError), "$.plan.streams[0].params.apy"),
    (broken(streams__1__kind="lottery"), "$.plan.streams[1].kind"),
    (broken(streams__2__start="2027-13"), "$.plan.streams[2].start"),
    (broken(streams__2__colour="red"), "$.plan.streams[2].colour"),
    (broken(streams__3__name=""), "$.plan.streams[3].name"),
    (broken(assumptions__horizon_years=71), "$.plan.assumptions.horizon_years"),  # a field of version 1 only
    (broken(household__plan_until_age=111), "$.plan.household.plan_until_age"),
    (broken(household__plan_until_age=40), "$.plan.household.plan_until_age"),
    (broken(fi_rule__confidence="100"), "$.plan.fi_rule.confidence"),
    (broken(fi_rule__fixed_withdrawal_rate="no"), "$.plan.fi_rule.fixed_withdrawal_rate"),
    (broken(assumptions__sell_property_last_resort=KeyError), "$.plan.assumptions.sell_property_last_resort"),
    (broken(strategy__safe_weight="0"), "$.plan.strategy"),
    (broken(scenarios__0__overrides__0__target="stream:ghost"), "$.plan.scenarios[0].overrides[0]"),
    ("{not json", "$"),
    ("[]", "$"),
    (json.dumps({"format": "passive-income-planner/plan", "version": FORMAT_VERSION + 1, "plan": {}}), "$.version"),
    (json.dumps({"format": "something-else", "version": 1}), "$.format"),
])
def test_bad_documents_name_the_field_and_write_nothing(tmp_path, text, path):
    with pytest.raises(PlanProblems) as error:
        plan_from_json(text)
    assert path in [problem.path for problem in error.value.problems]
    source = tmp_path / "bad.json"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "never.plan"
    with pytest.raises(PlanProblems):
        import_json(target, source)
    assert list(tmp_path.iterdir()) == [source]  # not even an empty plan file


def test_every_problem_is_reported_at_once():
    text = broken(household__monthly_expenses="-5", streams__0__params__apy="abc", streams__1__name="")
    with pytest.raises(PlanProblems) as error:
        plan_from_json(text)
    assert {p.path for p in error.value.problems} == {
        "$.plan.household.monthly_expenses", "$.plan.streams[0].params.apy", "$.plan.streams[1].name"}


def test_numbers_written_as_json_numbers_are_accepted():
    text = broken(household__monthly_expenses=4200.5, streams__0__params__apy=4)
    plan = plan_from_json(text)
    assert str(plan.household.monthly_expenses) == "4200.5"
    assert '"monthly_expenses": "4200.50"' in plan_to_json(plan)


def test_a_byte_order_mark_is_tolerated(tmp_path):
    source = tmp_path / "bom.json"
    source.write_bytes(b"\xef\xbb\xbf" + plan_to_json(demo()).encode())
    import_json(tmp_path / "p.plan", source)


@settings(max_examples=40, deadline=None)
@given(
    expenses=st.integers(min_value=0, max_value=10_000_000_000).map(lambda c: c / 100),
    inflation=st.decimals(min_value=-5, max_value=50, places=3, allow_nan=False),
    name=st.text(st.characters(exclude_categories=("Cc", "Zl", "Zp", "Cs")), min_size=1, max_size=60).filter(
        str.strip),
)
def test_round_trip_of_arbitrary_valid_values(expenses, inflation, name):
    from decimal import Decimal

    plan = demo()
    plan = replace(plan, name=name, household=replace(
        plan.household, monthly_expenses=Decimal(str(expenses)).quantize(Decimal("0.01")), inflation=inflation))
    text = plan_to_json(plan)
    assert plan_from_json(text) == plan
    assert plan_to_json(plan_from_json(text)) == text


def test_duplicate_stream_ids_are_reported_under_the_file_name_id():
    text = broken(streams__1__id="emergency")
    with pytest.raises(PlanProblems) as error:
        plan_from_json(text)
    assert "$.plan.streams[1].id" in [p.path for p in error.value.problems]


def test_a_version_1_document_written_by_the_previous_release_still_imports(tmp_path):
    # tests/data/plan-v1.json: the demo exported by the release before the sound answer, with a
    # withdrawal rate of 3.5 % and a scenario overriding the removed horizon and stop-at-FI fields
    source = Path(__file__).parent.parent / "data" / "plan-v1.json"
    assert json.loads(source.read_text(encoding="utf-8"))["version"] == 1
    plan = plan_from_json(source.read_text(encoding="utf-8"))
    assert plan.household.plan_until_age == 95 and plan.household.target_fi_age == 55
    rule = plan.fi_rule
    assert rule.fixed_withdrawal_rate and rule.safe_withdrawal_rate == Decimal("3.5")  # the user's own rate
    assert (rule.shortfall_tolerance, rule.confidence) == (Decimal(10), Decimal(90))
    assert plan.assumptions.overdraft_rate == Decimal(8) and plan.assumptions.sell_property_last_resort
    assert plan.stream("flatb").param("selling_cost") == Decimal(6)
    short = plan.scenario("Short horizon")
    assert [(o.target, o.field) for o in short.overrides] == [("household", "monthly_savings")]
    assert validate_plan(plan) == []
    # and it imports into a plan file, written back as today's version
    target = tmp_path / "old.plan"
    import_json(target, source)
    again = json.loads(plan_to_json(read_plan(target)))
    assert again["version"] == FORMAT_VERSION == 5 and again["plan"]["household"]["plan_until_age"] == 95


def test_a_version_1_document_with_today_s_fields_is_refused_by_name():
    document = json.loads((Path(__file__).parent.parent / "data" / "plan-v1.json").read_text(encoding="utf-8"))
    document["plan"]["fi_rule"]["stop_saving_at_fi"] = "yes"  # dropped by the upgrade, whatever it holds
    document["plan"]["household"]["birth_year"] = "1988"
    with pytest.raises(PlanProblems) as error:
        plan_from_json(json.dumps(document))
    assert [p.path for p in error.value.problems] == ["$.plan.household.birth_year"]


def format_4(plan):
    """The plan as a format-4 document (before accounts and tax) would hold it."""
    document = json.loads(plan_to_json(before_accounts(plan)))
    document["version"] = 4
    for key in ("tax_preset", "tax_tables", "category_tables", "withdrawal_order", "pay_tax_rate"):
        del document["plan"]["assumptions"][key]
    del document["plan"]["accounts"]
    for stream in document["plan"]["streams"]:
        del stream["account"]
    return document


def test_a_version_2_document_imports_with_no_partner_no_work_and_no_phases():
    document = format_4(classic_demo())
    document["version"] = 2
    for key in ("partner", "saving_from_income", "partner_birth_year", "partner_target_fi_age",
                "partner_plan_until_age", "monthly_salary", "salary_growth", "partner_monthly_salary",
                "partner_salary_growth", "part_time_income", "part_time_hours", "part_time_years"):
        del document["plan"]["household"][key]
    del document["plan"]["phases"], document["plan"]["events"]
    del document["plan"]["returns_tables"], document["plan"]["assumptions"]["history_table"]
    assert plan_from_json(json.dumps(document)) == before_accounts(classic_demo())


def test_a_version_2_document_with_phases_is_refused_by_name():
    document = json.loads(plan_to_json(life_plan()))
    document["version"] = 2
    document["plan"]["phases"][0]["monthly_amount"] = "lots"
    with pytest.raises(PlanProblems) as error:
        plan_from_json(json.dumps(document))
    assert [p.path for p in error.value.problems] == ["$.plan.phases[0].monthly_amount"]


@pytest.mark.parametrize(("edit", "path"), [
    (lambda p: p["phases"][0].update(end="2020-01"), "$.plan.phases[0].end"),
    (lambda p: p["events"][0].update(times=3, every_years=0), "$.plan.events[0].every_years"),
    (lambda p: p["events"][1].update(id="car"), "$.plan.events[1].id"),
    (lambda p: p["events"][2].update(probability="120"), "$.plan.events[2].probability"),
    (lambda p: p["household"].update(partner_target_fi_age=99), "$.plan.household.partner_target_fi_age"),
    (lambda p: p["scenarios"][-1]["overrides"].append({"target": "phase:nope", "field": "included", "value": "true"}),
     "$.plan.scenarios[3].overrides[5]"),
])
def test_bad_phases_events_and_partner_ages_are_named(edit, path):
    document = json.loads(plan_to_json(life_plan()))
    edit(document["plan"])
    with pytest.raises(PlanProblems) as error:
        plan_from_json(json.dumps(document))
    assert path in [p.path for p in error.value.problems]


def test_a_version_3_document_imports_with_the_built_in_history_and_no_tables():
    document = format_4(life_plan())
    document["version"] = 3
    del document["plan"]["returns_tables"], document["plan"]["assumptions"]["history_table"]
    plan = plan_from_json(json.dumps(document))
    assert plan == before_accounts(life_plan())
    assert plan.returns_tables == () and plan.assumptions.history_table == "built-in"


def history_document(edit):
    document = json.loads(plan_to_json(history_plan()))
    edit(document["plan"])
    return json.dumps(document)


@pytest.mark.parametrize(("edit", "path", "phrase"), [
    (lambda p: p["assumptions"].update(history_table="Gone"), "$.plan.assumptions.history_table", "'Gone'"),
    (lambda p: p["assumptions"].pop("history_table"), "$.plan.assumptions.history_table", "missing"),
    (lambda p: p["returns_tables"][1].update(name="nineties"), "$.plan.returns_tables[1].name", "already named"),
    (lambda p: p["returns_tables"][0].update(name=" "), "$.plan.returns_tables[0].name", "name is required"),
    (lambda p: p["returns_tables"][0].update(text=7), "$.plan.returns_tables[0].text", "must be text"),
    (lambda p: p["returns_tables"][0].update(colour="red"), "$.plan.returns_tables[0].colour", "not a field"),
    (lambda p: p["returns_tables"][1].update(text=returns_csv().replace("1990-03,", "1990-3x,")),
     "$.plan.returns_tables[1].text", "line 4, month"),
    (lambda p: p["returns_tables"][0].update(text=returns_csv(12)), "$.plan.returns_tables[0].text", "24 months"),
])
def test_bad_returns_tables_are_refused_by_name_and_nothing_is_written(tmp_path, edit, path, phrase):
    source = tmp_path / "bad.json"
    source.write_text(history_document(edit), encoding="utf-8")
    target = tmp_path / "never.plan"
    with pytest.raises(PlanProblems) as error:
        import_json(target, source)
    problems = {problem.path: problem.message for problem in error.value.problems}
    assert path in problems and phrase in problems[path]
    assert list(tmp_path.iterdir()) == [source]


def test_a_crowdfunding_stream_written_before_its_volatility_existed_still_imports():
    # Format 3 documents written before crowdfunding had a volatility: it takes the default.
    from planner.domain.catalogue import KINDS

    stake = new_stream("real_estate_crowdfunding", "Stake", START, uid="stake")
    document = json.loads(plan_to_json(replace(demo(), streams=(stake,), scenarios=())))
    del document["plan"]["streams"][0]["params"]["volatility"]
    jsonschema.validate(document, build_schema())  # the schema lets it be missing too
    plan = plan_from_json(json.dumps(document))
    assert plan.stream("stake").param("volatility") == KINDS["real_estate_crowdfunding"].param("volatility").default
    assert validate_plan(plan) == []


def test_accounts_tax_tables_and_their_overrides_round_trip_exactly():
    for plan in (demo(), accounts_plan()):
        text = plan_to_json(plan)
        assert plan_from_json(text) == plan and plan_to_json(plan_from_json(text)) == text
    written = json.loads(plan_to_json(accounts_plan()))["plan"]
    assert [a["id"] for a in written["accounts"]] == ["k401", "roth", "brokerage", "hsa"]
    assert written["accounts"][3]["yearly_limit"] == "4312.50" and written["accounts"][3]["access_age"] == 65
    assert written["assumptions"]["category_tables"]["crypto"] == "Crypto"
    crypto = next(t for t in written["assumptions"]["tax_tables"] if t["name"] == "Crypto")
    assert crypto["brackets"][1] == {"from_amount": "5000.25", "rate": "27.5"}
    assert {s["id"]: s["account"] for s in written["streams"]}["indexfund"] == "k401"


@pytest.mark.parametrize("plan", [demo(), accounts_plan()], ids=["demo", "accounts"])
def test_a_plan_with_accounts_survives_sqlite_json_sqlite(tmp_path, plan):
    PlanSession.create(tmp_path / "first.plan", plan).close()
    export_json(tmp_path / "first.plan", tmp_path / "plan.json")
    import_json(tmp_path / "second.plan", tmp_path / "plan.json")
    assert read_plan(tmp_path / "second.plan") == plan
    jsonschema.validate(json.loads((tmp_path / "plan.json").read_text(encoding="utf-8")), build_schema())


def test_a_version_4_document_imports_with_no_accounts_no_tables_and_the_default_order():
    document = format_4(demo())
    plan = plan_from_json(json.dumps(document))
    assert plan == before_accounts(demo()) and validate_plan(plan) == []
    assert plan.accounts == () and {s.account for s in plan.streams} == {""}
    assumptions = plan.assumptions
    assert (assumptions.tax_tables, assumptions.category_tables, assumptions.tax_preset) == ((), (), "flat")
    assert (assumptions.withdrawal_order, assumptions.pay_tax_rate) == ("taxable_first", Decimal(22))


def _stream_index(plan, uid):
    return next(i for i, s in enumerate(plan["streams"]) if s["id"] == uid)


@pytest.mark.parametrize(("edit", "path", "phrase"), [
    (lambda p: p["accounts"][0].update(account_type="offshore"), "$.plan.accounts[0].account_type", "one of"),
    (lambda p: p["accounts"][0].update(preset="us_529"), "$.plan.accounts[0].preset", "one of"),
    (lambda p: p["accounts"][0].update(access_age="60"), "$.plan.accounts[0].access_age", "whole number"),
    (lambda p: p["accounts"][1].update(id="k401"), "$.plan.accounts[1].id", ""),
    (lambda p: p["accounts"][3].update(owner=3), "$.plan.accounts[3].owner", "between 1 and 2"),
    (lambda p: p["accounts"][3].update(yearly_limit="10.005"), "$.plan.accounts[3].yearly_limit", "cent"),
    (lambda p: p["accounts"][2].pop("fill_order"), "$.plan.accounts[2].fill_order", "missing"),
    (lambda p: p["streams"][_stream_index(p, "indexfund")].update(account="nowhere"),
     "$.plan.streams[{indexfund}].account", "not in the plan"),
    (lambda p: p["streams"][_stream_index(p, "flatb")].update(account="k401"),
     "$.plan.streams[{flatb}].account", "only investments"),
    (lambda p: p["assumptions"].update(withdrawal_order="random"), "$.plan.assumptions.withdrawal_order", "one of"),
    (lambda p: p["assumptions"].update(pay_tax_rate="150"), "$.plan.assumptions.pay_tax_rate", "between 0 and 99"),
    (lambda p: p["assumptions"].update(tax_preset="mars_2025"), "$.plan.assumptions.tax_preset", "us_2025_joint"),
    (lambda p: p["assumptions"]["tax_tables"][0]["brackets"][1].update(rate="120"),
     "$.plan.assumptions.tax_tables[0].brackets[1].rate", "0 to 100"),
    (lambda p: p["assumptions"]["tax_tables"][0].update(allowance="10.001"),
     "$.plan.assumptions.tax_tables[0].allowance", "fractions of a cent"),
    (lambda p: p["assumptions"]["tax_tables"][0].update(colour="red"),
     "$.plan.assumptions.tax_tables[0].colour", "not a field"),
    (lambda p: p["assumptions"]["tax_tables"][2].update(stacked_on="Nope"),
     "$.plan.assumptions.tax_tables[2].stacked_on", "another table"),
    (lambda p: p["assumptions"]["category_tables"].update(crypto="Gone"),
     "$.plan.assumptions.category_tables.crypto", "not a tax table"),
    (lambda p: p["assumptions"]["category_tables"].update(gold="Crypto"),
     "$.plan.assumptions.category_tables.gold", "not a tax category"),
    (lambda p: p["assumptions"].pop("tax_tables"), "$.plan.assumptions.tax_tables", "missing"),
    (lambda p: p["scenarios"][3]["overrides"].append({"target": "account:gone", "field": "access_age",
                                                     "value": "50"}), "$.plan.scenarios[3].overrides[7]", "gone"),
    (lambda p: p["scenarios"][3]["overrides"].append({"target": "stream:p2p", "field": "account",
                                                     "value": "nowhere"}), "$.plan.scenarios[3].overrides[7]",
     "not in the plan"),
])
def test_bad_accounts_and_tax_are_refused_by_name_and_nothing_is_written(tmp_path, edit, path, phrase):
    document = json.loads(plan_to_json(accounts_plan()))
    edit(document["plan"])
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(PlanProblems) as error:
        import_json(tmp_path / "never.plan", source)
    problems = {problem.path: problem.message for problem in error.value.problems}
    path = path.format(**{uid: _stream_index(document["plan"], uid) for uid in ("indexfund", "flatb")})
    assert path in problems and phrase in problems[path], problems
    assert list(tmp_path.iterdir()) == [source]


def test_the_example_in_docs_plan_format_imports_with_its_account():
    text = (Path(__file__).parents[2] / "docs" / "plan-format.md").read_text(encoding="utf-8")
    plan = plan_from_json(text.split("```json", 1)[1].split("```", 1)[0])
    assert json.loads(plan_to_json(plan))["version"] == FORMAT_VERSION
    assert plan.stream("emergency").account == "isa" and plan.account("isa").yearly_limit == Decimal(20000)
