"""Given -> expected checks of the statistics behind the reporting-line case."""

from __future__ import annotations

import math

import numpy as np
import pytest

from orghealth.case import statistics as stats
from orghealth.case.statistics import Sample


def test_sample_value_is_ratio_of_sums_and_drops_empty_rows():
    s = Sample.of([2, 1, 0, 5], [4, 2, 2, 0])
    assert s.n == 3                      # the row with no exposure carries nothing
    assert s.value == pytest.approx(3 / 8)
    assert Sample.of([1, 0, 1, 1]).value == pytest.approx(0.75)


def test_mann_whitney_matches_the_documented_example():
    # scipy's documented example: U = 17 for the first sample, exact two-sided p = 0.1111
    males = Sample.of([19, 22, 16, 29, 24])
    females = Sample.of([20, 11, 17, 12])
    res = stats.mann_whitney(males, females)
    assert res.statistic == 17
    assert res.p_value == pytest.approx(0.1111, abs=1e-4)


def test_rate_ratio_exact_test_on_a_known_split():
    # 10 events in 100 person-months against 30 in 100: ratio 3; under equal rates the second
    # group's share of 40 events is Binomial(40, 0.5), two-sided p = 2 * P(X >= 30)
    res = stats.rate_ratio_test(10, 100, 30, 100)
    expected_p = 2 * sum(math.comb(40, k) for k in range(30, 41)) / 2 ** 40
    assert res.ratio == pytest.approx(3.0)
    assert res.p_value == pytest.approx(expected_p, rel=1e-9)
    assert res.ratio_low < 3 < res.ratio_high
    assert res.ratio_low > 1                    # clearly different rates


def test_rate_ratio_accounts_for_unequal_exposure():
    # same rate (0.1 per person-month), different exposure: no difference
    res = stats.rate_ratio_test(5, 50, 20, 200)
    assert res.ratio == pytest.approx(1.0)
    assert res.p_value == pytest.approx(1.0)
    with pytest.raises(ValueError):
        stats.rate_ratio_test(1.5, 10, 2, 10)   # counts must be whole


def test_fisher_matches_the_tea_tasting_table():
    # [[3, 1], [1, 3]]: the classic lady tasting tea, two-sided p = 0.4857
    res = stats.fisher_test(3, 4, 1, 4)
    assert res.p_value == pytest.approx(0.4857, abs=1e-4)
    assert res.statistic == pytest.approx(9.0)


def test_bootstrap_difference_is_deterministic_and_brackets_the_point():
    rng = np.random.default_rng(1)
    a = Sample.of(rng.poisson(2.0, 40), np.full(40, 4.0))
    b = Sample.of(rng.poisson(0.5, 40), np.full(40, 4.0))
    e1 = stats.bootstrap_difference(a, b, seed=3, n_resamples=1000)
    e2 = stats.bootstrap_difference(a, b, seed=3, n_resamples=1000)
    assert e1 == e2
    assert e1.value == pytest.approx(b.value - a.value)
    assert e1.relative == pytest.approx(b.value / a.value - 1)
    assert e1.low <= e1.value <= e1.high
    assert e1.high < 0 and not e1.crosses_zero
    assert e1.relative_high < 0


def test_bootstrap_difference_of_equal_groups_crosses_zero():
    a = Sample.of([0, 1, 2, 1, 0, 2, 1, 1])
    b = Sample.of([1, 0, 2, 1, 1, 2, 0, 1])
    e = stats.bootstrap_difference(a, b, n_resamples=1000)
    assert e.value == pytest.approx(0.0)
    assert e.crosses_zero


def test_bootstrap_difference_with_a_zero_baseline_has_no_relative_change():
    e = stats.bootstrap_difference(Sample.of([0, 0, 0]), Sample.of([1, 2, 1]), n_resamples=500)
    assert e.relative is None
    assert e.value == pytest.approx(4 / 3)


def test_did_on_a_two_by_two_table():
    # treated 1 -> 3, control 1 -> 2: the difference-in-differences is 1, exactly, every time
    tb, ta = Sample.of([1, 1, 1]), Sample.of([3, 3, 3])
    cb, ca = Sample.of([1, 1]), Sample.of([2, 2])
    e = stats.bootstrap_did(tb, ta, cb, ca, n_resamples=500)
    assert e.value == pytest.approx(1.0)
    assert e.low == pytest.approx(1.0) and e.high == pytest.approx(1.0)
    assert e.relative == pytest.approx(1.0)     # +1 on a baseline of 1


def test_did_matches_the_formula_with_noise_and_crosses_zero_when_both_move_alike():
    rng = np.random.default_rng(5)
    tb, ta, cb, ca = (Sample.of(rng.normal(mu, 1, 30)) for mu in (5, 3, 5, 3))
    e = stats.bootstrap_did(tb, ta, cb, ca, n_resamples=1000)
    assert e.value == pytest.approx((ta.value - tb.value) - (ca.value - cb.value))
    assert e.crosses_zero
    tb2, ta2, cb2, ca2 = (Sample.of(rng.normal(mu, 1, 30)) for mu in (5, 1, 5, 5))
    e2 = stats.bootstrap_did(tb2, ta2, cb2, ca2, n_resamples=1000)
    assert e2.high < 0 and e2.value == pytest.approx(-4, abs=0.8)


def test_an_interval_needs_two_rows_per_group():
    with pytest.raises(ValueError):
        stats.bootstrap_difference(Sample.of([1]), Sample.of([1, 2]))


def test_benjamini_hochberg_adjustment():
    assert stats.adjust_pvalues([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.02, 0.04, 0.04,
                                                                             0.02])
    assert stats.adjust_pvalues([]) == []


def test_strength_orders_by_distance_from_zero():
    near = stats.Estimate(value=0.1, low=0.01, high=0.19)
    far = stats.Estimate(value=0.5, low=0.4, high=0.6)
    assert far.strength > near.strength


def test_large_groups_use_the_percentile_interval(monkeypatch):
    rng = np.random.default_rng(2)
    a = Sample.of(rng.normal(1.0, 1, 60))
    b = Sample.of(rng.normal(2.0, 1, 60))
    bca = stats.bootstrap_difference(a, b, n_resamples=500)
    monkeypatch.setattr(stats, "BCA_MAX_ROWS", 10)
    pct = stats.bootstrap_difference(a, b, n_resamples=500)
    assert pct.value == bca.value
    assert (pct.low, pct.high) != (bca.low, bca.high)
    assert 0 < pct.low < pct.value < pct.high


def test_clusters_are_resampled_whole_and_keep_the_value():
    """Ten tickets of one team-month are one draw, not ten: the interval widens, the value stays."""
    rng = np.random.default_rng(1)
    num = rng.poisson(2, 400).astype(float)
    cluster = np.repeat(np.arange(40), 10)
    num += np.repeat(rng.normal(0, 3, 40).clip(-2, None), 10).round()   # team-month swings
    num = num.clip(0, None)
    flat = Sample.of(num)
    whole = Sample.of(num, cluster=cluster)
    assert whole.n == 40 and flat.n == 400 and whole.value == pytest.approx(flat.value)
    other = Sample.of(num + 0.3)
    e_flat = stats.bootstrap_difference(flat, other, n_resamples=500)
    e_whole = stats.bootstrap_difference(whole, Sample.of(num + 0.3, cluster=cluster),
                                         n_resamples=500)
    assert (e_whole.high - e_whole.low) > 1.5 * (e_flat.high - e_flat.low)
