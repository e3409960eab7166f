"""Plan files: round trip, refusal of foreign, damaged and newer files, backups before migration."""

import hashlib
import sqlite3
from contextlib import closing
from decimal import Decimal

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from planner.domain.defaults import new_plan
from planner.storage import migrate
from planner.storage.connection import plan_engine
from planner.storage.errors import DamagedPlanError, NewerPlanError, NotAPlanError, PlanFileError
from planner.storage.plan_store import PlanStore
from tests.helpers import START, accounts_plan, before_accounts, classic_demo, demo, history_plan, life_plan, replace


def downgrade(path, revision):
    """The plan file's schema taken back to an older revision, as an older release wrote it."""
    engine = plan_engine(path)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(migrate.script_directory().dir))
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "demo.plan"
    PlanStore.create(path, demo()).close()
    return path


def test_round_trip_keeps_every_field(plan_file):
    with PlanStore.open(plan_file) as store:
        assert store.load() == demo()


def test_round_trip_keeps_the_partner_work_phases_and_events(tmp_path):
    path = tmp_path / "life.plan"
    PlanStore.create(path, life_plan()).close()
    with PlanStore.open(path) as store:
        loaded = store.load()
    assert loaded == life_plan()
    assert loaded.phase("late").monthly_amount == Decimal("-600.00") and loaded.phase("late").end is None
    assert loaded.event("car").months()[-1] == replace(loaded.event("car").month, year=START.year + 2 + 24)


def test_a_plan_file_of_schema_0003_opens_with_no_partner_no_work_and_no_phases(tmp_path):
    path = tmp_path / "before-life.plan"
    PlanStore.create(path, classic_demo(START)).close()
    downgrade(path, "0003")
    with closing(sqlite3.connect(path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "spending_phases" not in tables and "events" not in tables
        connection.execute("UPDATE plan SET monthly_savings_cents = 312345")  # the user's own figure
        connection.commit()
    with PlanStore.open(path) as store:
        upgraded = store.load()
    old = before_accounts(classic_demo(START))
    assert upgraded == replace(old, household=replace(old.household, monthly_savings=Decimal("3123.45")))
    assert not upgraded.household.partner and upgraded.phases == () and upgraded.events == ()


def test_round_trip_keeps_the_imported_returns_tables_and_the_chosen_history(tmp_path):
    path = tmp_path / "history.plan"
    PlanStore.create(path, history_plan()).close()
    with PlanStore.open(path) as store:
        loaded = store.load()
    assert loaded == history_plan()
    assert [t.name for t in loaded.returns_tables] == ["Nineties", "Japan 1989"]
    assert loaded.assumptions.history_table == "Japan 1989"


def test_a_plan_file_of_schema_0004_opens_with_no_tables_and_the_built_in_history(tmp_path):
    path = tmp_path / "before-history.plan"
    PlanStore.create(path, life_plan()).close()
    downgrade(path, "0004")
    with closing(sqlite3.connect(path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {row[1] for row in connection.execute("PRAGMA table_info(plan)")}
    assert "returns_tables" not in tables and "history_table" not in columns
    with PlanStore.open(path) as store:
        assert store.migration_backup is not None
        upgraded = store.load()
    assert upgraded == before_accounts(life_plan())
    assert upgraded.returns_tables == () and upgraded.assumptions.history_table == "built-in"


def test_round_trip_keeps_the_accounts_the_tax_tables_and_their_overrides(tmp_path):
    path = tmp_path / "accounts.plan"
    PlanStore.create(path, accounts_plan()).close()
    with PlanStore.open(path) as store:
        loaded = store.load()
    assert loaded == accounts_plan()
    assert [a.uid for a in loaded.accounts] == ["k401", "roth", "brokerage", "hsa"]
    assert loaded.stream("indexfund").account == "k401" and loaded.stream("p2p").account == ""
    crypto = loaded.assumptions.tax_tables[-1]
    assert (crypto.allowance, crypto.stacked_on, crypto.brackets[1].from_amount) == (
        Decimal("1234.56"), "Ordinary income", Decimal("5000.25"))
    assert loaded.scenario("Roth first") == accounts_plan().scenario("Roth first")
    with closing(sqlite3.connect(path)) as connection:  # money in cents, as everywhere in the file
        assert connection.execute("SELECT yearly_limit_cents FROM accounts WHERE uid = 'hsa'").fetchone() == (431250,)
        assert connection.execute("SELECT allowance_cents FROM tax_tables WHERE name = 'Crypto'").fetchone() == (
            123456,)


def test_saving_again_replaces_the_accounts_and_tables(tmp_path):
    path = tmp_path / "accounts.plan"
    PlanStore.create(path, accounts_plan()).close()
    with PlanStore.open(path) as store:
        store.save(demo())
        assert store.load() == demo()
        store.save(before_accounts(demo()))
        assert store.load() == before_accounts(demo())
    with closing(sqlite3.connect(path)) as connection:
        for table in ("accounts", "tax_tables", "tax_brackets", "tax_category_tables"):
            assert connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,)


def test_a_plan_file_of_schema_0005_opens_with_no_accounts_no_tables_and_the_default_order(tmp_path):
    path = tmp_path / "before-accounts.plan"
    PlanStore.create(path, history_plan()).close()
    downgrade(path, "0005")
    with closing(sqlite3.connect(path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {row[1] for row in connection.execute("PRAGMA table_info(plan)")}
        stream_columns = {row[1] for row in connection.execute("PRAGMA table_info(streams)")}
    assert not tables & {"accounts", "tax_tables", "tax_brackets", "tax_category_tables"}
    assert not columns & {"tax_preset", "withdrawal_order", "pay_tax_rate"} and "account" not in stream_columns
    with PlanStore.open(path) as store:
        assert store.migration_backup is not None
        upgraded = store.load()
    assert upgraded == before_accounts(history_plan())  # the returns tables and stream parameters kept
    assumptions = upgraded.assumptions
    assert upgraded.accounts == () and {s.account for s in upgraded.streams} == {""}
    assert (assumptions.tax_tables, assumptions.category_tables, assumptions.tax_preset) == ((), (), "flat")
    assert (assumptions.withdrawal_order, assumptions.pay_tax_rate) == ("taxable_first", Decimal(22))


def test_money_is_stored_as_integer_cents(plan_file):
    with closing(sqlite3.connect(plan_file)) as connection:
        row = connection.execute("SELECT monthly_expenses_cents, typeof(monthly_expenses_cents) FROM plan").fetchone()
        assert row == (340000, "integer")
        kinds = {r[0] for r in connection.execute("SELECT typeof(starting_amount_cents) FROM streams")}
        assert kinds == {"integer"}


def test_check_constraints_refuse_negative_money(plan_file):
    with closing(sqlite3.connect(plan_file)) as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE plan SET monthly_expenses_cents = -1")


def test_every_connection_is_configured(plan_file):
    engine = plan_engine(plan_file)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    engine.dispose()


def test_deleting_a_stream_row_cascades_to_its_parameters(plan_file):
    engine = plan_engine(plan_file)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM streams"))
        assert connection.execute(text("SELECT count(*) FROM stream_params")).scalar() == 0
    engine.dispose()


def test_a_text_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.plan"
    path.write_text("hello")
    before = digest(path)
    with pytest.raises(NotAPlanError, match="not an SQLite database"):
        PlanStore.open(path)
    assert digest(path) == before


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.plan"
    path.write_bytes(b"")
    with pytest.raises(NotAPlanError):
        PlanStore.open(path)


def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.commit()
    before = digest(path)
    with pytest.raises(NotAPlanError, match="not a Passive Income Planner plan"):
        PlanStore.open(path)
    assert digest(path) == before


def test_a_damaged_file_is_refused_and_left_alone(plan_file):
    data = bytearray(plan_file.read_bytes())
    page = 4096
    data[page * 2: page * 2 + 200] = b"\xff" * 200  # scribble over a b-tree page
    plan_file.write_bytes(bytes(data))
    before = digest(plan_file)
    with pytest.raises(DamagedPlanError, match="damaged"):
        PlanStore.open(plan_file)
    assert digest(plan_file) == before


def test_a_plan_from_a_newer_version_is_refused_and_left_alone(plan_file):
    with closing(sqlite3.connect(plan_file)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
    before = digest(plan_file)
    with pytest.raises(NewerPlanError, match="newer version"):
        PlanStore.open(plan_file)
    assert digest(plan_file) == before


def test_an_older_plan_is_backed_up_then_migrated(tmp_path):
    path = tmp_path / "old.plan"
    plan = new_plan("Old", START)
    PlanStore.create(path, plan).close()
    engine = plan_engine(path)
    with engine.begin() as connection:  # take the file back to the first schema
        config = Config()
        config.set_main_option("script_location", str(migrate.script_directory().dir))
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    engine.dispose()
    with PlanStore.open(path) as store:
        backup = store.migration_backup
        assert backup is not None and backup.exists()
        assert store.load() == plan
    with closing(sqlite3.connect(backup)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (migrate.head_revision(),)


def test_migrations_build_exactly_the_models_schema(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from planner.storage.models import Base

    path = tmp_path / "schema.plan"
    PlanStore.create(path, new_plan("S", START)).close()
    engine = plan_engine(path)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_create_refuses_to_overwrite(plan_file):
    before = digest(plan_file)
    with pytest.raises(PlanFileError, match="already exists"):
        PlanStore.create(plan_file, demo())
    assert digest(plan_file) == before


def test_save_is_all_or_nothing(plan_file):
    from dataclasses import replace

    store = PlanStore.open(plan_file)
    bad = replace(demo(), household=replace(demo().household, monthly_expenses=Decimal("-1.00")))
    with pytest.raises(PlanFileError, match="could not save"):
        store.save(bad)  # the CHECK constraint fires mid-transaction
    assert store.load() == demo()
    store.close()


def test_save_a_copy_uses_the_backup_api(plan_file, tmp_path):
    with PlanStore.open(plan_file) as store:
        copy = store.save_copy(tmp_path / "copy.plan")
    with PlanStore.open(copy) as store:
        assert store.load() == demo()


def test_a_foreign_database_with_a_leftover_journal_is_not_rolled_back(tmp_path):
    path = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.commit()
    journal = tmp_path / "other.sqlite-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)  # looks like a hot journal
    before = digest(path), digest(journal)
    with pytest.raises(NotAPlanError):
        PlanStore.open(path)
    assert (digest(path), digest(journal)) == before


def test_the_damaged_message_is_one_line(plan_file):
    data = bytearray(plan_file.read_bytes())
    data[8192:8400] = b"\xff" * 208
    plan_file.write_bytes(bytes(data))
    with pytest.raises(DamagedPlanError) as error:
        PlanStore.open(plan_file)
    assert "\n" not in str(error.value)


def test_a_plan_file_of_schema_0002_is_upgraded_with_the_user_s_own_figures_kept(tmp_path):
    path = tmp_path / "before-the-answer.plan"
    plan = before_accounts(classic_demo(START))
    PlanStore.create(path, plan).close()
    downgrade(path, "0002")  # back to the schema before the sound answer, then old-style values
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT COUNT(*) FROM stream_params WHERE key = 'selling_cost'").fetchone() == (0,)
        connection.execute("UPDATE plan SET safe_withdrawal_rate = '3.5', horizon_years = 30")
        scenario = connection.execute("SELECT id FROM scenarios WHERE name = 'Barbell'").fetchone()[0]
        connection.execute("INSERT INTO scenario_overrides VALUES (?, 90, 'assumptions', 'horizon_years', '25')",
                           (scenario,))
        connection.commit()
    with PlanStore.open(path) as store:
        upgraded = store.load()
    assert upgraded.fi_rule.fixed_withdrawal_rate and upgraded.fi_rule.safe_withdrawal_rate == Decimal("3.5")
    assert upgraded.household.plan_until_age == 95 and upgraded.assumptions.sell_property_last_resort
    assert upgraded.stream("flatb").param("selling_cost") == Decimal(6)
    assert upgraded.scenario("Barbell").overrides == plan.scenario("Barbell").overrides  # the horizon's went
    assert upgraded == replace(plan, fi_rule=replace(plan.fi_rule, fixed_withdrawal_rate=True,
                                                     safe_withdrawal_rate=Decimal("3.5")))


def test_a_stored_crowdfunding_stream_without_a_volatility_loads_with_the_default(tmp_path):
    # Plan files of schema 0004 hold no volatility for crowdfunding: the stream takes the default.
    from planner.domain.catalogue import KINDS
    from planner.domain.defaults import new_stream

    path = tmp_path / "crowd.plan"
    stake = new_stream("real_estate_crowdfunding", "Stake", START, uid="stake")
    PlanStore.create(path, replace(demo(), streams=(stake,), scenarios=())).close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("DELETE FROM stream_params WHERE key = 'volatility'")
        connection.commit()
    with PlanStore.open(path) as store:
        loaded = store.load()
    assert loaded.stream("stake") == stake
    assert KINDS["real_estate_crowdfunding"].param("volatility").default == stake.param("volatility")
