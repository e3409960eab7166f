"""The shared market every stream moves with: correlated shocks for a few asset classes,
interest-rate factors and a stochastic price level, for one chunk of paths.

Arrays are month-major, shape (months, paths), so that one month of every path is contiguous.
Each class's shock has mean 0 and variance 1 whatever the return model; streams turn shocks into
returns with their own mean and volatility (``gross``), correcting the drift by the shock law's
log moment generating function so that the arithmetic mean the user entered is kept exactly and
the volatility drag is counted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from planner.domain.enums import ReturnModel
from planner.engine.classes import CLASSES, CRYPTO, EQUITIES, INFLATION, RATES, REAL_ESTATE
from planner.engine.history import RETURN_COLUMNS, ReturnsTable

__all__ = ["CLASSES", "CRYPTO", "EQUITIES", "INFLATION", "RATES", "REAL_ESTATE", "Market", "build_market"]
RISKY_CLASSES = (EQUITIES, REAL_ESTATE, CRYPTO)
#: Table columns that are a class's total return (history as it happened replays them as such).
RETURN_CLASS = {column: shock_class for column, shock_class in RETURN_COLUMNS.items() if shock_class in RISKY_CLASSES}

#: Correlation of the monthly shocks. Rounded, long-run figures: US stocks and REITs move together
#: (about 0.6 in monthly data since 1972, Nareit/S&P), crypto only loosely with stocks (0.2-0.4
#: since 2020), rising rates hurt stocks and property a little, and rates follow inflation.
CORRELATION = np.array([
    #  rates  equit  realE  crypto infl
    [1.00, -0.10, -0.20, 0.00, 0.30],
    [-0.10, 1.00, 0.60, 0.30, -0.10],
    [-0.20, 0.60, 1.00, 0.20, 0.10],
    [0.00, 0.30, 0.20, 1.00, 0.00],
    [0.30, -0.10, 0.10, 0.00, 1.00],
])

#: Interest-rate factors revert to the entered level with this half-life (months).
RATE_HALF_LIFE_MONTHS = 60
#: Inflation = the household's expected rate + a slowly moving trend + short-term noise, both mean 0
#: (docs/engine.md, "Inflation"). The trend is an AR(1) with a 2-year half-life and a stationary sd
#: of 3 points; the noise is a monthly AR(1) (persistence 0.9) whose 12-month sum has sd 2 points.
#: Calibrated on US CPI (Shiller's data): yearly sd 2.9 points since 1950 (4.9 since 1914, with the
#: wars), yearly autocorrelation 0.70 (0.62), sd of 10-year average inflation 2.1 points (2.6), of
#: 30-year average 1.1 (1.3); the model gives 3.6, 0.68, 2.2 and 1.4.
INFLATION_TREND_VOLATILITY = 0.03
INFLATION_TREND_HALF_LIFE_MONTHS = 24
INFLATION_VOLATILITY = 0.02
INFLATION_PERSISTENCE = 0.9
#: Interest rates follow inflation (Fisher effect): market rates gain this share of the path's recent
#: inflation above expectation, "recent" being an exponential average with this half-life. The US
#: 10-year yield against such an average of CPI inflation, 1953-2023 (Shiller's data): correlation
#: 0.89, slope 1.4 (the high real rates of the 1980s); Mishkin (1992) finds the long-run effect
#: one-for-one, the figure taken here.
INFLATION_PASS_THROUGH = 1.0
RATE_INFLATION_HALF_LIFE_MONTHS = 36
#: Student-t degrees of freedom (monthly stock returns fit 3-6) and the clip that keeps exp() finite.
T_DEGREES = 5.0
SHOCK_CLIP = 10.0
#: Calm/crash regimes: a month enters a crash with probability 1/80 and leaves it with 1/9
#: (crashes about 10 % of the time, lasting 9 months on average). In a crash, risky shocks have
#: mean -1 and standard deviation 1.8; calm months are set so the mixture keeps mean 0, variance 1.
CRASH_ENTRY = 1.0 / 80.0
CRASH_EXIT = 1.0 / 9.0
CRASH_MEAN = -1.0
CRASH_SD = 1.8
#: Monthly chances up to this are drawn as sparse events (see Market.monthly_events).
RARE_EVENT = 0.02


def monthly_probability(yearly: np.ndarray | float) -> np.ndarray:
    """The monthly chance that gives the yearly chance over 12 independent months."""
    return 1.0 - np.power(1.0 - np.clip(yearly, 0.0, 1.0), 1.0 / 12.0)


def monthly_sigma(mean: np.ndarray, volatility: np.ndarray) -> np.ndarray:
    """Monthly log-return sd whose 12-month lognormal product has the yearly mean and volatility.
    A mean of -100 % (worthless within the year) is taken as -99.9 %."""
    return np.sqrt(np.log1p((volatility / (1.0 + np.maximum(mean, -0.999))) ** 2) / 12.0)


@lru_cache(maxsize=1)
def _regime_levels() -> tuple[float, float, float, float]:
    """(calm mean, calm sd, crash mean, crash sd) so that the mixture has mean 0 and variance 1."""
    crash_share = CRASH_ENTRY / (CRASH_ENTRY + CRASH_EXIT)
    calm_mean = -crash_share * CRASH_MEAN / (1.0 - crash_share)
    calm_var = (1.0 - crash_share * (CRASH_SD**2 + CRASH_MEAN**2)) / (1.0 - crash_share) - calm_mean**2
    return calm_mean, float(np.sqrt(calm_var)), CRASH_MEAN, CRASH_SD


def _regime_year_log_mgf(sigma: np.ndarray) -> np.ndarray:
    """ln E[exp(sigma (z1 + ... + z12))] for 12 months of the stationary calm/crash chain.

    Regimes persist, so monthly shocks are correlated and a year's product is not the product of
    monthly means; correcting by a twelfth of the yearly log-MGF keeps the *yearly* arithmetic mean
    the user entered (the monthly one is then very slightly off). Forward recursion over the two
    states: v <- P (M v), with M the per-state normal MGFs."""
    calm_mean, calm_sd, crash_mean, crash_sd = _regime_levels()
    crash_share = CRASH_ENTRY / (CRASH_ENTRY + CRASH_EXIT)
    sigma = np.asarray(sigma, dtype=np.float64)
    mgf = np.stack([np.exp(sigma * calm_mean + (sigma * calm_sd) ** 2 / 2.0),
                    np.exp(sigma * crash_mean + (sigma * crash_sd) ** 2 / 2.0)])
    transition = np.array([[1.0 - CRASH_ENTRY, CRASH_ENTRY], [CRASH_EXIT, 1.0 - CRASH_EXIT]])
    remaining = np.ones_like(mgf)  # E[exp(sigma x rest of the year) | state]
    for _ in range(12):
        remaining = mgf * (transition @ remaining)
    start = np.array([1.0 - crash_share, crash_share])
    return np.log(np.tensordot(start, remaining, axes=1))


@lru_cache(maxsize=1)
def _t_grid() -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of the clipped, unit-variance Student-t law, for its log-MGF."""
    nu = T_DEGREES
    scale = np.sqrt((nu - 2.0) / nu)
    z = np.linspace(-SHOCK_CLIP, SHOCK_CLIP, 8001)
    t = z / scale
    density = (1.0 + t * t / nu) ** (-(nu + 1.0) / 2.0)
    weights = density / density.sum()
    return z, weights


def _inflation_innovation_sd() -> float:
    """Innovation sd of the monthly noise AR(1) so a 12-month sum has INFLATION_VOLATILITY."""
    phi = INFLATION_PERSISTENCE
    lags = np.arange(-11, 12)
    autocovariance_sum = float(np.sum((12 - np.abs(lags)) * phi ** np.abs(lags))) / (1.0 - phi * phi)
    return INFLATION_VOLATILITY / np.sqrt(autocovariance_sum)


@dataclass(frozen=True)
class ActualHistory:
    """History as it happened for one chunk, each (months, paths): the monthly log returns of the
    return classes the table has, the long rate (yearly fraction, None: no ``rate`` column) and the
    bond index's log return (None: no ``bonds`` column)."""

    log_returns: dict[int, np.ndarray]
    rate: np.ndarray | None = None
    bonds: np.ndarray | None = None

    def rate_moves(self) -> np.ndarray | None:
        """(months, paths) the long rate's change since each path's first month (yearly fraction)."""
        return None if self.rate is None else self.rate - self.rate[:1]


@dataclass
class Market:
    """Shocks and factors for one chunk. ``paths`` is 1 in deterministic mode, where every shock
    is zero and every event happens at its expected rate."""

    months: int
    paths: int
    deterministic: bool
    model: ReturnModel
    shocks: np.ndarray | None
    rate_factor: np.ndarray
    crypto_rate_factor: np.ndarray
    price_level: np.ndarray
    rng: np.random.Generator
    history: ReturnsTable | None = None
    #: (months,) yearly fraction added to every market interest rate (a stress test's rate shock).
    rate_shift: np.ndarray | None = None
    #: (months,) factor on the audience of creator platforms (a stress test's platform shock).
    traffic: np.ndarray | None = None
    #: (months, paths) the household's one-off events drawn for this chunk, nominal (engine.life).
    life_events: np.ndarray | None = None
    #: (months, paths|1) yearly fraction market interest rates gain from the path's recent inflation
    #: above expectation (INFLATION_PASS_THROUGH); 0 in deterministic mode.
    rate_inflation: np.ndarray | None = None
    #: History as it happened (the ``historical`` model); None in every other model.
    actual: ActualHistory | None = None
    #: Market rates come from a replayed table's ``rate`` column, so they do not follow inflation again.
    rates_replayed: bool = False

    def __post_init__(self) -> None:
        if self.rate_shift is None:
            self.rate_shift = np.zeros(self.months)
        if self.rate_inflation is None:
            self.rate_inflation = np.zeros((self.months, 1))
        if self.traffic is None:
            self.traffic = np.ones(self.months)

    def gross(self, mean: np.ndarray, volatility: np.ndarray, shock_class: int,
              shocks: np.ndarray | None = None, payout: np.ndarray | float = 0.0,
              own_mean: bool = False) -> np.ndarray:
        """Monthly gross returns, shape (months, paths, n) for n parameter sets (yearly fractions).

        Deterministic: (1 + mean)^(1/12) every month. Monte Carlo: exp(mu + sigma z) with mu set
        so that E[exp(mu + sigma z)] = (1 + mean)^(1/12) under the model's shock law. ``shocks``
        replaces the class's own (months, paths) shocks, e.g. for a blend of classes. History as it
        happened: the class's own total return that month, less ``payout`` (the yearly yield the
        stream pays out as income beside its price), whatever the mean and volatility - unless
        ``own_mean``: an asset the class only stands in for (a rental or a crowdfunded project is
        not a REIT index) keeps its own mean and volatility on the replayed shock."""
        mean = np.maximum(np.asarray(mean, dtype=np.float64), -0.999)
        volatility = np.asarray(volatility, dtype=np.float64)
        if self.actual is not None and shocks is None and not own_mean and shock_class in self.actual.log_returns:
            kept = np.power(1.0 + np.broadcast_to(np.asarray(payout, dtype=np.float64), mean.shape), -1.0 / 12.0)
            return np.exp(self.actual.log_returns[shock_class])[:, :, None] * kept
        if self.deterministic or self.shocks is None:
            return np.broadcast_to(np.power(1.0 + mean, 1.0 / 12.0), (self.months, 1, mean.size))
        sigma = monthly_sigma(mean, volatility)
        mu = np.log1p(mean) / 12.0 - self.log_mgf(sigma, shock_class)
        z = self.shocks[shock_class] if shocks is None else shocks
        return np.exp(mu + z[:, :, None] * sigma)

    def log_mgf(self, sigma: np.ndarray, shock_class: int) -> np.ndarray:
        """ln E[exp(sigma z)] for the shock law of a class under this chunk's model."""
        sigma = np.asarray(sigma, dtype=np.float64)
        if self.history is not None and self.history.has(shock_class):
            z = self.history.shocks(shock_class)
            return np.log(np.mean(np.exp(np.multiply.outer(sigma, z)), axis=-1))
        if self.model is ReturnModel.STUDENT_T:
            nodes, weights = _t_grid()
            return np.log(np.exp(np.multiply.outer(sigma, nodes)) @ weights)
        if self.model is ReturnModel.REGIME_SWITCHING and shock_class in RISKY_CLASSES:
            return _regime_year_log_mgf(sigma) / 12.0
        return sigma * sigma / 2.0

    def events(self, yearly_probability: np.ndarray) -> np.ndarray:
        """Shape (months, paths, n): 1 in months where an event happens, else 0. Deterministic
        mode returns the monthly probability itself, so losses enter at their expected size."""
        return self.monthly_events(monthly_probability(np.asarray(yearly_probability, dtype=np.float64)))

    def monthly_events(self, probability: np.ndarray) -> np.ndarray:
        """Like ``events`` for a chance per month. Rare events (the usual case) are placed directly:
        a binomial count per stream, then that many random months and paths (a month rarely
        drawn twice is counted once), which costs far less than a uniform draw per cell."""
        probability = np.clip(np.asarray(probability, dtype=np.float64), 0.0, 1.0)
        if self.deterministic:
            return np.broadcast_to(probability, (self.months, 1, probability.size))
        shape = (self.months, self.paths, probability.size)
        if probability.max(initial=0.0) > RARE_EVENT:
            return (self.rng.random(shape) < probability).astype(np.float64)
        hits = np.zeros(shape)
        flat = hits.reshape(-1, probability.size)
        for column, chance in enumerate(probability):
            count = self.rng.binomial(flat.shape[0], chance)
            flat[self.rng.integers(0, flat.shape[0], count), column] = 1.0
        return hits


def build_market(months: int, paths: int, inflation: float, model: ReturnModel, rng: np.random.Generator,
                 deterministic: bool, history_rows: np.ndarray | None = None,
                 history: ReturnsTable | None = None) -> Market:
    """Draw one chunk's market. ``history_rows`` (months, paths) picks table rows for the
    historical models; classes the table lacks are drawn conditionally on the replayed ones, so
    they keep their correlation with them. The ``historical`` model replays the table's own
    returns, rates and inflation (``Market.actual``)."""
    if deterministic:
        level = np.power(1.0 + inflation, np.arange(months + 1) / 12.0)[:, None]
        zeros = np.zeros((months, 1))
        return Market(months, 1, True, model, None, zeros, zeros, level, rng, history)
    chol = np.linalg.cholesky(CORRELATION)
    draws = rng.standard_normal((len(CLASSES), months * paths))
    shocks = (chol @ draws).reshape(len(CLASSES), months, paths)
    if model is ReturnModel.STUDENT_T:
        mixing = np.sqrt((T_DEGREES - 2.0) / rng.chisquare(T_DEGREES, (months, paths)))
        np.clip(shocks * mixing, -SHOCK_CLIP, SHOCK_CLIP, out=shocks)
    elif model is ReturnModel.REGIME_SWITCHING:
        crash = _crash_regimes(months, paths, rng)
        calm_mean, calm_sd, crash_mean, crash_sd = _regime_levels()
        offset = np.where(crash, crash_mean, calm_mean)
        scale = np.where(crash, crash_sd, calm_sd)
        for shock_class in RISKY_CLASSES:
            shocks[shock_class] = offset + scale * shocks[shock_class]
    monthly_inflation, actual = None, None
    if history is not None and history_rows is not None:
        known = _replayed_shocks(history, history_rows)
        shocks = conditional_shocks(known, draws.reshape(len(CLASSES), months, paths))
        if model is ReturnModel.HISTORICAL:
            actual = _actual_history(history, history_rows)
            if "inflation" in history.raw:
                monthly_inflation = np.log1p(history.raw["inflation"][history_rows] / 100.0)
        if monthly_inflation is None and history.has(INFLATION):
            monthly_inflation = np.log1p(inflation) / 12.0 + history.inflation_deviation()[history_rows]
    rates = _mean_reverting(shocks[RATES])
    crypto_rates = _mean_reverting(shocks[CRYPTO])
    if monthly_inflation is None:
        monthly_inflation = np.log1p(inflation) / 12.0 + _inflation_deviation(shocks[INFLATION], rng)
    level = np.empty((months + 1, paths))
    level[0] = 1.0
    np.exp(np.cumsum(monthly_inflation, axis=0), out=level[1:])
    replayed_rates = history is not None and history_rows is not None and history.has(RATES)
    rate_inflation = None if replayed_rates else rate_inflation_gain(monthly_inflation - np.log1p(inflation) / 12.0)
    return Market(months, paths, False, model, shocks, rates, crypto_rates, level, rng, history,
                  rate_inflation=rate_inflation, actual=actual, rates_replayed=replayed_rates)


def _replayed_shocks(history: ReturnsTable, rows: np.ndarray) -> dict[int, np.ndarray]:
    """The table's standardized shocks for the chunk's rows, per class it has; inflation's
    deviations are standardized too, so every known class has unit variance."""
    known = {c: history.shocks(c)[rows] for c in range(len(CLASSES)) if c != INFLATION and history.has(c)}
    if history.has(INFLATION):
        deviation = history.inflation_deviation()
        known[INFLATION] = (deviation / max(float(deviation.std()), 1e-12))[rows]
    return known


def conditional_shocks(known: dict[int, np.ndarray], draws: np.ndarray) -> np.ndarray:
    """Shocks of every class: the known ones as given, the others drawn from their normal law given
    the known ones under CORRELATION (mean A z_known, covariance S_mm - A S_km with A = S_mk S_kk^-1),
    from the independent standard normal ``draws`` (classes, months, paths)."""
    shocks = np.empty_like(draws)
    known_classes = sorted(known)
    missing = [c for c in range(len(CLASSES)) if c not in known]
    for c in known_classes:
        shocks[c] = known[c]
    if not missing:
        return shocks
    if not known_classes:
        return np.tensordot(np.linalg.cholesky(CORRELATION), draws, axes=1)
    s_kk = CORRELATION[np.ix_(known_classes, known_classes)]
    s_mk = CORRELATION[np.ix_(missing, known_classes)]
    weights = s_mk @ np.linalg.inv(s_kk)
    residual = CORRELATION[np.ix_(missing, missing)] - weights @ s_mk.T
    spread = np.linalg.cholesky(residual + 1e-12 * np.eye(len(missing)))
    given = np.stack([known[c] for c in known_classes])
    drawn = np.tensordot(weights, given, axes=1) + np.tensordot(spread, draws[missing], axes=1)
    for position, c in enumerate(missing):
        shocks[c] = drawn[position]
    return shocks


def _actual_history(history: ReturnsTable, rows: np.ndarray) -> ActualHistory:
    """The table's own figures for the chunk's rows."""
    log_returns = {RETURN_CLASS[column]: np.log1p(values[rows] / 100.0)
                   for column, values in history.raw.items() if column in RETURN_CLASS}
    rate = history.raw["rate"][rows] / 100.0 if "rate" in history.raw else None
    bonds = np.log1p(history.raw["bonds"][rows] / 100.0) if "bonds" in history.raw else None
    return ActualHistory(log_returns, rate, bonds)


def decaying_sum(innovations: np.ndarray, keep: float | np.ndarray, start: np.ndarray | float = 0.0) -> np.ndarray:
    """The level at the start of each month of level(m + 1) = keep x level(m) + innovations[m],
    level(0) = ``start``: the one recursion behind mean-reverting factors, AR(1) inflation, lags
    and gaps that heal. Axis 0 is months; ``keep`` broadcasts over the rest."""
    series = np.empty(innovations.shape)
    level = np.broadcast_to(np.asarray(start, dtype=np.float64), innovations.shape[1:]).copy()
    for month in range(innovations.shape[0]):
        series[month] = level
        level = keep * level + innovations[month]
    return series


def _mean_reverting(shocks: np.ndarray) -> np.ndarray:
    """A factor starting at 0 whose monthly change has yearly sd 1 and that reverts to 0 with
    RATE_HALF_LIFE_MONTHS. Value in month m is the factor at the start of that month."""
    return decaying_sum(1.0 / np.sqrt(12.0) * shocks, 0.5 ** (1.0 / RATE_HALF_LIFE_MONTHS))


def _inflation_deviation(shocks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Monthly log-inflation deviations from the expected rate: a slowly moving trend (its own
    shocks, drawn here) plus short-term noise driven by the market's inflation shock. Both start
    from their stationary law, so every decade of a plan has the same spread."""
    trend = _inflation_trend(rng.standard_normal((shocks.shape[0] + 1, shocks.shape[1])))
    return trend / 12.0 + _inflation_noise(shocks)


def _inflation_trend(draws: np.ndarray) -> np.ndarray:
    """The trend in yearly terms, (months, paths): an AR(1) with INFLATION_TREND_HALF_LIFE_MONTHS
    and stationary sd INFLATION_TREND_VOLATILITY; ``draws`` has one more row, the starting state."""
    keep = 0.5 ** (1.0 / INFLATION_TREND_HALF_LIFE_MONTHS)
    step = INFLATION_TREND_VOLATILITY * np.sqrt(1.0 - keep * keep)
    return decaying_sum(step * draws[1:], keep, INFLATION_TREND_VOLATILITY * draws[0])


def _inflation_noise(shocks: np.ndarray) -> np.ndarray:
    """Short-term monthly deviations: a stationary AR(1) whose 12-month sum has INFLATION_VOLATILITY."""
    phi, innovation = INFLATION_PERSISTENCE, _inflation_innovation_sd()
    return decaying_sum(innovation * shocks, phi, shocks[0] * innovation / np.sqrt(1.0 - phi * phi))


def rate_inflation_gain(deviation: np.ndarray) -> np.ndarray:
    """What market rates gain from inflation (Fisher): INFLATION_PASS_THROUGH x an exponential
    average of the path's past monthly deviations, in yearly terms. It is 0 in the first month
    (the rates entered are today's) and has mean 0, so mean rates stay as entered."""
    keep = 0.5 ** (1.0 / RATE_INFLATION_HALF_LIFE_MONTHS)
    return decaying_sum((1.0 - keep) * 12.0 * INFLATION_PASS_THROUGH * deviation, keep)


def _crash_regimes(months: int, paths: int, rng: np.random.Generator) -> np.ndarray:
    """A two-state Markov chain per path, started from its stationary law."""
    uniforms = rng.random((months, paths))
    crash_share = CRASH_ENTRY / (CRASH_ENTRY + CRASH_EXIT)
    state = rng.random(paths) < crash_share
    regimes = np.empty((months, paths), dtype=bool)
    for month in range(months):
        regimes[month] = state
        state = np.where(state, uniforms[month] >= CRASH_EXIT, uniforms[month] < CRASH_ENTRY)
    return regimes
