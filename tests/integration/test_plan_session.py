"""Changes go through commands, are validated, and are on disk as soon as they are accepted."""

from decimal import Decimal

import pytest

from planner.domain.problems import PlanProblems
from planner.services.commands import RemoveStream, SetRecordField, SetStreamField
from planner.services.plan_session import PlanSession
from tests.helpers import demo


@pytest.fixture
def session(tmp_path):
    session = PlanSession.create(tmp_path / "s.plan", demo())
    yield session
    session.close()


def reopened(session):
    other = PlanSession.open(session.path)
    try:
        return other.plan
    finally:
        other.close()


def test_an_accepted_change_is_saved_and_its_revert_too(session):
    command = SetStreamField("flatb", "params.monthly_rent", Decimal("2500.00"), label="rent")
    session.execute(command)
    assert reopened(session).stream("flatb").param("monthly_rent") == Decimal("2500.00")
    session.revert(command)
    assert reopened(session) == demo()


def test_an_invalid_change_is_refused_and_nothing_is_saved(session):
    with pytest.raises(PlanProblems) as error:
        session.execute(SetRecordField("household", "monthly_expenses", Decimal("-10.00")))
    assert error.value.problems[0].path == "household.monthly_expenses"
    assert session.plan == demo()
    assert reopened(session) == demo()


def test_removing_a_stream_persists(session):
    session.execute(RemoveStream("site"))
    assert "site" not in {s.uid for s in reopened(session).streams}
