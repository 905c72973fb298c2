"""The statistics behind the reporting-line case: bootstrap intervals, tests, difference-in-differences.

Every metric is a ratio of sums over rows (an item, a person-month or a unit-month): warnings per
person-month is sum(warnings) / sum(headcount), a share of items is sum(flag) / count, a mean per
item is sum(value) / count. The bootstrap resamples clusters (the unit-month or person-month a
row belongs to: ``Sample.of(..., cluster=)``), never tickets as if each were independent; numpy
does the resampling in batches, vectorised.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import stats

DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 20240607
LEVEL = 0.95
BATCH_VALUES = 1_000_000
BCA_MAX_ROWS = 1500


@dataclass(frozen=True)
class Sample:
    """One group's rows: a numerator and a denominator per row."""

    num: np.ndarray
    den: np.ndarray

    @classmethod
    def of(cls, num, den=None, cluster=None) -> Sample:
        """The rows' numerators and denominators; with ``cluster`` (one key per row, e.g. the
        unit-month or person-month a ticket belongs to) the rows of a cluster are summed into
        one, so the bootstrap resamples whole clusters, never single tickets as if independent.
        The group's value (a ratio of sums) is the same either way."""
        num = np.asarray(num, dtype=float)
        den = np.ones_like(num) if den is None else np.asarray(den, dtype=float)
        if num.shape != den.shape or num.ndim != 1:
            raise ValueError("numerator and denominator must be 1-d and of equal length")
        if cluster is not None and num.size:
            _, inverse = np.unique(np.asarray(cluster), return_inverse=True)
            num = np.bincount(inverse, weights=num)
            den = np.bincount(inverse, weights=den)
        keep = den > 0  # a row with nothing behind it (no hours, no people) carries no information
        return cls(num[keep], den[keep])

    @property
    def n(self) -> int:
        return int(self.num.size)

    @property
    def value(self) -> float:
        total = self.den.sum()
        return float(self.num.sum() / total) if total > 0 else float("nan")

    @property
    def row_values(self) -> np.ndarray:
        """Each row's own value (for rank tests)."""
        return self.num / self.den


@dataclass(frozen=True)
class Estimate:
    """A change between groups with its bootstrap interval (absolute and relative)."""

    value: float                      # the difference (later minus earlier, or treated minus other)
    low: float
    high: float
    relative: float | None = None     # value as a fraction of the baseline, e.g. -0.79
    relative_low: float | None = None
    relative_high: float | None = None
    p_value: float | None = None      # two-sided, read off the bootstrap distribution

    @property
    def crosses_zero(self) -> bool:
        return not (self.low > 0 or self.high < 0)

    @property
    def strength(self) -> float:
        """Distance of the estimate from zero in standard errors implied by its interval."""
        half = (self.high - self.low) / (2 * stats.norm.ppf(0.5 + LEVEL / 2))
        if not np.isfinite(half) or half <= 0:
            return float("inf") if self.value != 0 else 0.0
        return abs(self.value) / half


@dataclass(frozen=True)
class TestResult:
    name: str                          # plain name shown to people
    p_value: float
    statistic: float | None = None
    ratio: float | None = None         # rate ratio (second group over first), when a rate test
    ratio_low: float | None = None
    ratio_high: float | None = None


def _ratio(num: np.ndarray, den: np.ndarray, idx: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return num[idx].sum(axis=-1) / den[idx].sum(axis=-1)


def _interval(data, statistic, point: np.ndarray, seed: int, n_resamples: int):
    """scipy's BCa bootstrap (percentile for very large groups, or where BCa cannot be
    computed, e.g. all rows equal)."""
    rng = np.random.default_rng(seed)
    rows = max(len(d) for d in data)
    # BCa's leave-one-out step grows with the square of the rows; past a few thousand rows the
    # plain percentile interval is as good and stays fast. Resamples go in batches of about a
    # million values, so memory stays flat however many rows there are.
    method = "BCa" if rows <= BCA_MAX_ROWS else "percentile"
    batch = max(8, BATCH_VALUES // rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.bootstrap(data, statistic, n_resamples=n_resamples, vectorized=True,
                              confidence_level=LEVEL, method=method, rng=rng, batch=batch)
        low = np.atleast_1d(res.confidence_interval.low).astype(float)
        high = np.atleast_1d(res.confidence_interval.high).astype(float)
        dist = np.atleast_2d(res.bootstrap_distribution)
        bad = ~(np.isfinite(low) & np.isfinite(high))
        if bad.any():
            lo_p = np.nanpercentile(dist, 100 * (1 - LEVEL) / 2, axis=-1)
            hi_p = np.nanpercentile(dist, 100 * (1 + LEVEL) / 2, axis=-1)
            low = np.where(bad, lo_p, low)
            high = np.where(bad, hi_p, high)
    # a constant statistic has a zero-width interval at its value
    low = np.where(np.isfinite(low), low, point)
    high = np.where(np.isfinite(high), high, point)
    return low, high, dist


def _boot_p(dist: np.ndarray) -> float:
    """Two-sided p-value for 'no difference' from the bootstrap distribution."""
    d = dist[np.isfinite(dist)]
    if d.size == 0:
        return float("nan")
    tail = min((d <= 0).mean(), (d >= 0).mean())
    return float(min(1.0, 2 * tail))


def _idx(sample: Sample) -> np.ndarray:
    return np.arange(sample.n, dtype=float)


def _estimate(point: np.ndarray, low, high, dist, has_relative: bool) -> Estimate:
    rel = dict(relative=None, relative_low=None, relative_high=None)
    if has_relative and np.isfinite(point[1]):
        rel = dict(relative=float(point[1]), relative_low=float(low[1]),
                   relative_high=float(high[1]))
    return Estimate(value=float(point[0]), low=float(low[0]), high=float(high[0]),
                    p_value=_boot_p(dist[0]), **rel)


def bootstrap_difference(a: Sample, b: Sample, *, seed: int = DEFAULT_SEED,
                         n_resamples: int = DEFAULT_RESAMPLES) -> Estimate:
    """b.value - a.value, and b relative to a, with 95% bootstrap intervals (rows resampled
    within each group)."""
    _require_rows(a, b)

    def statistic(ia, ib, axis=-1):
        va = _ratio(a.num, a.den, ia.astype(int))
        vb = _ratio(b.num, b.den, ib.astype(int))
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.stack([vb - va, vb / va - 1])

    point = statistic(_idx(a), _idx(b))
    has_rel = a.value != 0
    if not has_rel:
        point = point.copy()
        point[1] = np.nan
    low, high, dist = _interval((_idx(a), _idx(b)), statistic, point, seed, n_resamples)
    return _estimate(point, low, high, dist, has_rel)


def bootstrap_did(treated_before: Sample, treated_after: Sample,
                  control_before: Sample, control_after: Sample, *,
                  seed: int = DEFAULT_SEED, n_resamples: int = DEFAULT_RESAMPLES) -> Estimate:
    """Difference-in-differences: (treated after - before) - (control after - before), with a
    95% bootstrap interval (each of the four cells resampled on its own). The relative figure
    is the treated group's change beyond the control's, as a fraction of its own baseline."""
    cells = (treated_before, treated_after, control_before, control_after)
    _require_rows(*cells)

    def statistic(i0, i1, i2, i3, axis=-1):
        tb, ta, cb, ca = (_ratio(c.num, c.den, i.astype(int)) for c, i in zip(cells, (i0, i1, i2, i3),
                                                                               strict=True))
        did = (ta - tb) - (ca - cb)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.stack([did, did / tb])

    idx = tuple(_idx(c) for c in cells)
    point = statistic(*idx)
    has_rel = treated_before.value != 0
    if not has_rel:
        point = point.copy()
        point[1] = np.nan
    low, high, dist = _interval(idx, statistic, point, seed, n_resamples)
    return _estimate(point, low, high, dist, has_rel)


def _require_rows(*samples: Sample) -> None:
    if any(s.n < 2 for s in samples):
        raise ValueError("each group needs at least two rows for an interval")


def mann_whitney(a: Sample, b: Sample) -> TestResult:
    """Two-sided Mann-Whitney U on the rows' own values (unpaired samples)."""
    res = stats.mannwhitneyu(a.row_values, b.row_values, alternative="two-sided")
    return TestResult("Mann-Whitney test", float(res.pvalue), statistic=float(res.statistic))


def rate_ratio_test(count_a: float, exposure_a: float, count_b: float,
                    exposure_b: float) -> TestResult:
    """Exact test of equal Poisson rates, conditional on the total count: under equal rates
    group b's share of all events is exposure_b / (exposure_a + exposure_b). The ratio and its
    interval come from the exact (Clopper-Pearson) interval of that share."""
    ka, kb = _whole(count_a), _whole(count_b)
    if exposure_a <= 0 or exposure_b <= 0:
        raise ValueError("exposures must be positive")
    n = ka + kb
    if n == 0:
        return TestResult("exact rate-ratio test", 1.0, ratio=float("nan"))
    p0 = exposure_b / (exposure_a + exposure_b)
    res = stats.binomtest(kb, n, p0)
    ci = res.proportion_ci(confidence_level=LEVEL, method="exact")

    def to_ratio(share: float) -> float:
        return float("inf") if share >= 1 else share / (1 - share) * exposure_a / exposure_b

    ratio = (kb / exposure_b) / (ka / exposure_a) if ka > 0 else float("inf")
    return TestResult("exact rate-ratio test", float(res.pvalue), statistic=float(kb),
                      ratio=float(ratio), ratio_low=to_ratio(ci.low), ratio_high=to_ratio(ci.high))


def fisher_test(yes_a: float, n_a: float, yes_b: float, n_b: float) -> TestResult:
    """Fisher's exact test on a 2x2 table (items with / without the trait, per group)."""
    ya, yb, na, nb = _whole(yes_a), _whole(yes_b), _whole(n_a), _whole(n_b)
    res = stats.fisher_exact([[ya, na - ya], [yb, nb - yb]])
    return TestResult("Fisher's exact test", float(res.pvalue), statistic=float(res.statistic))


def adjust_pvalues(p_values: list[float]) -> list[float]:
    """Benjamini-Hochberg adjustment across the comparisons made at once."""
    if not p_values:
        return []
    return [float(p) for p in stats.false_discovery_control(np.asarray(p_values, dtype=float))]


def _whole(x: float) -> int:
    if abs(x - round(x)) > 1e-9 or x < 0:
        raise ValueError(f"expected a whole count, got {x}")
    return int(round(x))
