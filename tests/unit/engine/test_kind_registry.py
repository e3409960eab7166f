"""One engine record per catalogue kind: the registry and the catalogue have the same keys, and
every per-kind table the engine reads is derived from the registry and covers what it should."""

from __future__ import annotations

from planner.domain.catalogue import ALL_KINDS, KINDS, OWNED_KINDS, PROPERTY_KINDS, AssetClass, Basis
from planner.engine import sensitivity, stress
from planner.engine.streams import ENGINE_KINDS, MODELS, STREAM_LEVERS
from planner.engine.streams import registry as kinds


def test_registry_and_catalogue_have_exactly_the_same_keys():
    assert set(ENGINE_KINDS) == set(KINDS)
    assert len(ENGINE_KINDS) == len(ALL_KINDS)


def test_models_and_levers_cover_every_kind():
    assert set(MODELS) == set(KINDS) and set(STREAM_LEVERS) == set(KINDS)
    assert all(callable(model) for model in MODELS.values())
    for key, entry in ENGINE_KINDS.items():
        assert MODELS[key] is entry.model
        assert STREAM_LEVERS[key] == (entry.yield_lever, entry.risk_lever)
        for lever in STREAM_LEVERS[key]:
            if lever is not None:
                KINDS[key].param(lever)  # KeyError names a lever the kind does not take


def test_fixed_income_kinds_are_property_businesses_and_entitlements():
    # property and businesses earn money their reinvested capital does not scale; entitlements
    # (pensions, annuities) pay a promised amount and hold no capital at all
    not_capital = {kind.key for kind in ALL_KINDS if kind.basis in (Basis.EFFORT, Basis.ENTITLEMENT)}
    assert kinds.FIXED_INCOME_KINDS == PROPERTY_KINDS | not_capital


def test_entitlements_are_the_kinds_that_belong_to_an_adult_and_have_no_market():
    entitlements = {kind.key for kind in ALL_KINDS if kind.basis is Basis.ENTITLEMENT}
    assert entitlements and entitlements == OWNED_KINDS
    assert {KINDS[key].asset_class for key in entitlements} == {AssetClass.ENTITLEMENT}
    assert all(KINDS[key].asset_class is not AssetClass.ENTITLEMENT for key in set(KINDS) - entitlements)
    # their ages become months in the snapshot, so each has a derive hook; besides them only a rental
    # needs one (its starting amount counts toward the cash its purchase costs)
    derived = {key for key, entry in ENGINE_KINDS.items() if entry.derive is not None}
    assert derived == entitlements | {"rental_property"}


def test_stress_sets_are_derived_and_consistent_with_the_catalogue():
    for name in ("CREATOR_KINDS", "DEFI_KINDS", "RATE_KINDS", "FIXED_INCOME_KINDS"):
        assert getattr(stress, name) is getattr(kinds, name), name
    assert kinds.CREATOR_KINDS and kinds.CREATOR_KINDS <= kinds.FIXED_INCOME_KINDS
    assert kinds.DEFI_KINDS and all(KINDS[key].asset_class is AssetClass.CRYPTO for key in kinds.DEFI_KINDS)
    assert kinds.RATE_KINDS and not kinds.RATE_KINDS & kinds.FIXED_INCOME_KINDS
    assert all(KINDS[key].asset_class in (AssetClass.CASH, AssetClass.BONDS) for key in kinds.RATE_KINDS)


def test_sensitivity_reads_the_registry():
    assert sensitivity.STREAM_LEVERS is STREAM_LEVERS
