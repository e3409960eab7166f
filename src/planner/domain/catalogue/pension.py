"""Entitlements: pensions and annuities, a promise paid by a state, an employer or an insurer.

They hold no capital the household can sell or add to; they pay a monthly amount for life from an
age of one adult (``adult``), then a survivor's share while the plan runs on for the other adult.
Amounts entered in today's money keep that value until the first payment; from then on they follow
``indexation`` (the share of inflation they follow). A promised benefit can be cut (``haircut_*``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planner.domain.catalogue.kinds import AssetClass, Basis, StreamKind
from planner.domain.enums import IncomePolicy, Sleeve, TaxCategory
from planner.domain.fields import FieldSpec, Unit, spec

#: The parameter that names whose pension it is (1: the first adult, 2: the partner).
OWNER = "adult"

_OWNER = spec(
    OWNER, "Whose (1 you, 2 partner)", Unit.COUNT, 1, 1, 2,
    "1: the first adult; 2: the partner (the plan must have one). The ages here are that adult's, and "
    "the survivor share is paid after that adult's plan-until year.",
    "Assumption: the first adult.")


def _indexation(default: str, source: str) -> FieldSpec:
    return spec("indexation", "Indexation", Unit.PERCENT, default, "0", "200",
                "Share of inflation the payment follows once it is paid: 100 keeps its value in today's "
                "money, 0 keeps it fixed in money (prices erode it), values between follow part of "
                "inflation. Before the first payment the amount keeps its value in today's money.",
                source)


def _survivor(default: str, source: str) -> FieldSpec:
    return spec("survivor_share", "Survivor share", Unit.PERCENT, default, "0", "100",
                "Share of the payment that goes on after the owner's plan-until year while the plan "
                "runs on for the other adult; 0 stops it. Without a partner the plan ends with the owner.",
                source)


def _haircut(size: str, size_source: str, year: int, year_source: str) -> tuple[FieldSpec, ...]:
    """The chance, size and first year of a cut to the promised benefit."""
    return (
        spec("haircut_probability", "Benefit cut chance", Unit.PERCENT, "0", "0", "100",
             "Chance, over the whole plan, that the promised payment is cut for good (a depleted trust "
             "fund, a failed employer or insurer); each simulated future draws it once.",
             "Assumption: none; the payer is taken at its word unless you say otherwise."),
        spec("haircut_size", "Benefit cut size", Unit.PERCENT, size, "0", "100",
             "Share of the payment lost when the cut happens.", size_source),
        spec("haircut_year", "Benefit cut from year", Unit.YEAR, year, 1900, 2200,
             "Calendar year from whose January the cut can apply (from the first payment if that is "
             "later).", year_source),
    )


#: What every entitlement shares: safe, taxed as ordinary income, pooled (income paid out while the
#: household still saves would be spent, and a pension's lump sum lost), no upkeep, no contributions.
_PROMISE: dict[str, Any] = {"sleeve": Sleeve.SAFE, "tax_category": TaxCategory.ORDINARY_INCOME,
                            "income_policy": IncomePolicy.POOL, "upkeep_hours": Decimal("0"),
                            "monthly_contribution": Decimal("0.00")}


STATE_PENSION = StreamKind(
    key="state_pension",
    name="State pension / Social Security",
    summary="A pension paid by the state for life from the age it is claimed (US Social Security, "
            "the UK state pension).",
    income="A monthly payment for life from the claim age: less when claimed early, more when claimed "
           "late; usually indexed to prices.",
    risks="The law can cut promised benefits (a depleted trust fund); a pension that is not indexed "
          "loses value to inflation.",
    passivity="Fully passive once claimed.",
    basis=Basis.ENTITLEMENT,
    asset_class=AssetClass.ENTITLEMENT,
    params=(
        _OWNER,
        spec("claim_age", "Claim age", Unit.YEARS, 67, 50, 80,
             "Age at which payments start: January of the year the owner turns it. Claiming before the "
             "full age lowers the payment for good, claiming after it raises it.",
             "Assumption: claimed at the full age.", integer=True),
        spec("full_age", "Full pension age", Unit.YEARS, 67, 50, 80,
             "Age at which the full amount is paid (normal or full retirement age).",
             "US Social Security: full retirement age 67 for people born in 1960 or later (SSA); UK state "
             "pension age 66, rising to 67 between 2026 and 2028 (gov.uk).", integer=True),
        spec("monthly_amount", "Monthly amount at the full age", Unit.MONEY_PER_MONTH, "1900.00", "0",
             "1000000",
             "Payment a month if claimed at the full age, in today's money (as your benefit statement "
             "estimates it).",
             "SSA Monthly Statistical Snapshot: the average retired-worker benefit was about 1,907 a month "
             "in January 2024; the UK full new state pension was 221.20 a week in 2024/25 (about 960 a month)."),
        spec("early_reduction", "Reduction per year early", Unit.PERCENT_PER_YEAR, "6.67", "0", "20",
             "Cut of the payment for each year it is claimed before the full age: 3 years early at 6.67 % "
             "pays 80 %.",
             "SSA: 5/9 of 1 % a month for the first 36 months early (6.67 % a year), 5/12 of 1 % a month "
             "beyond (5 % a year), so claiming at 62 with a full age of 67 pays 70 %: enter 6 for five "
             "years early. The UK state pension cannot be claimed early."),
        spec("late_increase", "Increase per year late", Unit.PERCENT_PER_YEAR, "8", "0", "20",
             "Rise of the payment for each year it is claimed after the full age.",
             "SSA delayed retirement credits: 8 % a year (2/3 of 1 % a month) up to age 70, none after; "
             "the UK adds 1 % for every 9 weeks deferred (about 5.8 % a year)."),
        _indexation("100", "US Social Security rises each year with the CPI-W (the cost-of-living adjustment, "
                           "SSA); the UK state pension rises by at least prices (the 'triple lock': the "
                           "highest of earnings growth, CPI and 2.5 %)."),
        _survivor("0", "US Social Security pays a widow(er) the larger of the two benefits, not both: with "
                       "similar benefits the survivor keeps little of the other's (SSA); enter up to 100 "
                       "when this benefit is the larger."),
        *_haircut("21", "SSA Trustees Report 2024: the retirement (OASI) trust fund is projected to be "
                        "depleted in 2033, after which about 79 % of scheduled benefits are payable.",
                  2033, "SSA Trustees Report 2024: OASI trust fund depletion projected for 2033."),
    ),
    starting_amount=Decimal("0.00"),
    **_PROMISE,
)

WORKPLACE_PENSION = StreamKind(
    key="workplace_pension",
    name="Workplace pension (defined benefit)",
    summary="A pension an employer promises for years of service, paid for life from the scheme's "
            "pension age.",
    income="A monthly pension for life from the start age; part of it can be exchanged for a lump sum "
           "paid in the first month.",
    risks="A scheme whose employer fails underfunded can pay less (the PBGC or the UK Pension Protection "
          "Fund pay only up to their limits); a pension that is not indexed loses value to inflation.",
    passivity="Fully passive.",
    basis=Basis.ENTITLEMENT,
    asset_class=AssetClass.ENTITLEMENT,
    params=(
        _OWNER,
        spec("start_age", "Start age", Unit.YEARS, 65, 40, 80,
             "Age at which the pension starts: January of the year the owner turns it.",
             "ERISA caps a US plan's normal retirement age at 65 (or five years of membership, if later); "
             "most private-sector plans use 65.", integer=True),
        spec("monthly_amount", "Monthly pension", Unit.MONEY_PER_MONTH, "1000.00", "0", "1000000",
             "Pension a month at the start age before any lump sum is taken, in today's money (as the "
             "scheme's statement estimates it).", "Assumption."),
        _indexation("0", "Assumption: US private-sector pensions rarely have an automatic cost-of-living "
                         "increase; public-sector and UK schemes often follow prices, many up to a cap."),
        spec("lump_sum_share", "Share given up for a lump sum", Unit.PERCENT, "0", "0", "100",
             "Share of the pension exchanged for a one-off lump sum paid in the month of the first "
             "payment; the pension is lower by this share for good.",
             "Assumption: none. Many UK schemes let members exchange part of the pension for a lump sum, "
             "tax-free up to a quarter of the benefit's value (HMRC)."),
        spec("commutation_factor", "Lump sum per unit of pension", Unit.MULTIPLE, "12", "0", "50",
             "Lump sum paid for each unit of yearly pension given up: lump sum = share x 12 x monthly "
             "pension x this factor.",
             "UK public-service schemes (NHS, teachers, civil service) pay 12 of lump sum for each 1 of "
             "yearly pension given up (12:1)."),
        _survivor("50", "ERISA: a married member's pension is paid as a joint-and-survivor annuity paying "
                        "the spouse at least 50 % unless both waive it; UK public schemes commonly pay "
                        "spouses about half."),
        *_haircut("10", "The UK Pension Protection Fund pays 90 % of the pension to members below their "
                        "scheme's pension age (100 % above it), up to a cap; the US PBGC pays up to a legal "
                        "maximum, so most retirees keep their full pension.",
                  2025, "Assumption: a scheme can fail at any time (a year before the first payment cuts "
                        "from the first payment)."),
    ),
    starting_amount=Decimal("0.00"),
    **_PROMISE,
)

ANNUITY = StreamKind(
    key="annuity",
    name="Annuity (bought with capital)",
    summary="An insurer's promise of a monthly income for life, bought with one payment: the stream's "
            "starting amount, paid in its start month (one that starts with the plan is already owned).",
    income="Price x payout rate a year, paid monthly from the month after purchase, level or indexed.",
    risks="The price is gone for good (nothing to sell or leave); an insurer can fail; a level annuity "
          "loses value to inflation.",
    passivity="Fully passive.",
    basis=Basis.ENTITLEMENT,
    asset_class=AssetClass.ENTITLEMENT,
    params=(
        _OWNER,
        spec("payout_rate", "Payout rate", Unit.PERCENT_PER_YEAR, "7.0", "0", "30",
             "Yearly payment as a share of the price (the starting amount); a month pays price x rate / 12 "
             "in the money of the purchase month, then follows the indexation.",
             "Assumption: published US quotes for a level single-life annuity bought at 65 paid roughly "
             "7-8 % of the price a year in 2024 (quote services such as immediateannuities.com); the "
             "default is a little lower. Inflation-linked annuities start at lower rates."),
        _indexation("0", "Assumption: most annuities sold pay a level amount; indexed ones start lower."),
        _survivor("0", "Assumption: a single-life annuity stops at death; joint-and-survivor annuities pay "
                       "the survivor 50-100 % for a lower payout rate."),
        *_haircut("10", "Assumption: US state guaranty associations cover annuity benefits up to at least "
                        "250,000 of present value per person and insurer (NOLHGA); above that an insolvent "
                        "insurer's annuitants can lose part.",
                  2025, "Assumption: an insurer can fail at any time (a year before the first payment cuts "
                        "from the first payment)."),
    ),
    starting_amount=Decimal("100000.00"),
    **_PROMISE,
)

PENSION_KINDS: tuple[StreamKind, ...] = (STATE_PENSION, WORKPLACE_PENSION, ANNUITY)
