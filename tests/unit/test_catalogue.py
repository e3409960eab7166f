"""The catalogue covers every kind of PRODUCT.md section 2 and documents every default."""

from planner.domain.calendar import YearMonth
from planner.domain.catalogue import ALL_KINDS, KINDS, Basis
from planner.domain.defaults import new_stream
from planner.domain.validation import validate_stream

PRODUCT_KINDS = {
    "high_yield_savings", "certificate_of_deposit", "bonds", "dividend_stocks", "index_fund", "reit",
    "robo_advisor", "p2p_lending", "real_estate_crowdfunding", "rental_property", "short_term_rental",
    "crypto_staking", "defi_lending", "liquidity_pool", "trading_bot", "digital_collectibles",
    "digital_product", "content_site", "video_channel", "stock_media", "online_store", "micro_saas",
    "state_pension", "workplace_pension", "annuity",
}


def test_every_product_kind_is_present_once():
    assert PRODUCT_KINDS <= set(KINDS)
    assert len(ALL_KINDS) == len(KINDS)


def test_every_basis_is_represented():
    assert {kind.basis for kind in ALL_KINDS} == set(Basis)


def test_every_kind_is_explained_for_users():
    for kind in ALL_KINDS:
        for text in (kind.name, kind.summary, kind.income, kind.risks, kind.passivity):
            assert text.strip(), kind.key
        assert kind.params, kind.key


def test_every_parameter_has_unit_bounds_help_and_source():
    for kind in ALL_KINDS:
        keys = [p.key for p in kind.params]
        assert len(keys) == len(set(keys)), kind.key
        for param in kind.params:
            assert param.minimum <= param.default <= param.maximum, (kind.key, param.key)
            assert param.help.strip() and param.source.strip(), (kind.key, param.key)
            if param.integer:
                assert param.default == param.default.to_integral_value(), (kind.key, param.key)


def test_a_new_stream_of_every_kind_is_valid():
    for kind in ALL_KINDS:
        stream = new_stream(kind.key, kind.name, YearMonth(2027, 1))
        assert validate_stream(stream) == [], kind.key


def test_parameter_outside_bounds_is_refused_with_its_label():
    savings = KINDS["high_yield_savings"].param("apy")
    value, message = savings.check("26")
    assert value is None and "Annual percentage yield" in message and "25" in message
    assert savings.check("4.25") == (savings.check("4.25")[0], None)
