"""The answer in words (PRODUCT.md section 1), for the terminal and the report: when the household
can stop saving with its confidence, how the target stop fares, and what following the FI rule
would do. The window words the same facts in the user's locale (ui/summary_panel.py)."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.enums import FIRuleKind
from planner.engine.metrics import Projection, sampling_error

RULE_NAMES = {FIRuleKind.INCOME_ONLY: "income covers costs",
              FIRuleKind.INCOME_PLUS_WITHDRAWALS: "income plus safe withdrawals"}


def share_text(value: float) -> str:
    """A share as a percentage with one decimal where it matters: "90 %", "84.5 %"."""
    text = f"{100 * value:.1f}".removesuffix(".0")
    return f"{text} %"


def month_age_text(projection: Projection, month: int) -> str:
    """"2043-01 (age 55)": a month from the plan start with the household's age then."""
    return f"{projection.calendar_month(month)} ({projection.ages_text(month)})"


def headline_text(projection: Projection) -> str | None:
    """"You can stop saving in 2043-08 (age 55) with 90 % confidence" (None: not searched)."""
    confident = projection.confident
    if confident is None:
        return None
    if projection.mode == "deterministic":  # one path: it succeeds or it does not
        if confident.month is None:
            return (f"On the expected path (no randomness) stopping is not possible before "
                    f"{projection.until_text}.")
        return (f"On the expected path (no randomness) you can stop saving in "
                f"{month_age_text(projection, confident.month)}; Monte Carlo gives the confidence.")
    confidence = share_text(confident.confidence)
    if confident.month is None:
        return (f"Not reachable before {projection.until_text} with {confidence} confidence: stopping even "
                f"in the plan's last month succeeds on {share_text(confident.success)} of paths.")
    error = sampling_text(confident.success, confident.paths)
    return (f"You can stop saving in {month_age_text(projection, confident.month)} with {confidence} confidence "
            f"({share_text(confident.success)} of paths succeed{error}).")


def sampling_text(success: float, paths: int) -> str:
    """", ± 0.6 points from sampling" (nothing when every path or none succeeds)."""
    error = sampling_error(success, paths)
    return f", ± {100 * error:.1f} points from sampling" if error > 0 else ""


def stop_text(projection: Projection) -> str:
    """"Stopping at your target age 55 (2043-01): 84 % success to age 95; 6 % of paths run out"."""
    stop = projection.stop_month
    if stop >= projection.months:
        return f"The target age lies beyond the plan: saving never stops before {projection.until_text}."
    when = (f"at your target age {projection.age_at(stop)} ({projection.calendar_month(stop)})"
            if stop == projection.target_month else f"in {month_age_text(projection, stop)}")
    return (f"Stopping {when}: {share_text(projection.success_probability)} success to "
            f"{projection.until_text}; {share_text(projection.ruin_probability)} of paths run out.")


def rule_text(projection: Projection, rule: FIRuleKind) -> str:
    """The FI rule's dates and the success of stopping when it says FI."""
    name = RULE_NAMES[rule]
    median = projection.median_fi_month
    if median is None:
        return f"FI test ({name}): fewer than half of the paths pass it before {projection.until_text}."
    followed = ("" if projection.rule_success is None
                else f"; stopping when it holds succeeds on {share_text(projection.rule_success)} of those paths")
    return f"FI test ({name}): median FI {month_age_text(projection, median)}{followed}."


def access_text(projection: Projection) -> str | None:
    """When accounts open without their penalty, and how often stopping at the run's stop month draws on
    them early anyway (None: no account has an access age within the plan)."""
    opening = [f"{name} from {month_age_text(projection, month)}" for name, month, _ in projection.locked_accounts
               if month < projection.months]
    if not opening or projection.stop_month >= projection.months:
        return None
    early = ("no path draws on them early" if projection.penalty_share == 0
             else f"{share_text(projection.penalty_share)} of paths pay a penalty to draw on them early")
    stop = projection.stop_month
    when = "at the target" if stop == projection.target_month else f"in {projection.calendar_month(stop)}"
    return f"Penalty-free access: {'; '.join(opening)}. Stopping {when}, {early}."


@dataclass(frozen=True)
class TaxAfterStop:
    """The tax paid in the first projected year that starts at or after the stop month (the first
    year without pay), today's money: its median and 10th-90th percentiles over the paths."""

    index: int  # the projected year
    year: int  # its calendar year
    median: float
    low: float
    high: float


def tax_after_stop(projection: Projection) -> TaxAfterStop | None:
    """The one definition the window, the terminal and the report state (None: saving never stops
    within the plan, or no tax figures)."""
    p = projection
    index = -(-p.stop_month // 12)
    if p.stop_month >= p.months or index >= p.years or p.tax_paid_real.shape[-1] != p.years:
        return None
    low, median, high = (float(p.percentile(p.tax_paid_real, q)[index]) for q in (10, 50, 90))
    return TaxAfterStop(index, int(p.year_labels[index]), median, low, high)


def tax_text(projection: Projection) -> str | None:
    """"Tax in 2044, the first year after the stop: median 1,234 (10-90 %: 0 - 4,567), today's money"."""
    tax = tax_after_stop(projection)
    if tax is None:
        return None
    return (f"Tax in {tax.year}, the first year after the stop: median {tax.median:,.0f} "
            f"(10–90 %: {tax.low:,.0f} – {tax.high:,.0f}), today's money.")


def answer_lines(plan_rule: FIRuleKind, projection: Projection) -> list[str]:
    """The answer first, as the terminal and the report print it."""
    headline = headline_text(projection)
    extra = [text for text in (access_text(projection), tax_text(projection)) if text]
    return [*([headline] if headline else []), stop_text(projection), *extra, rule_text(projection, plan_rule)]
