"""The real homicide series shipped for the charts: right totals, right scaling, honest gaps."""

from __future__ import annotations

import pytest

from game.content import real_series as history_data


def test_national_2018_matches_the_published_total() -> None:
    year = sum(history_data.national_quarter(f"2018-Q{q}") or 0 for q in range(1, 5))
    assert year == 34_426  # sum of the monthly source for 2018 (by occurrence)


def test_juarez_rate_in_2010_is_near_the_deadliest_city_level() -> None:
    rates = [history_data.homicide_rate("juarez-2010", "juarez", f"2010-Q{q}")
             for q in (1, 2, 3, 4)]
    assert all(r is not None for r in rates)
    assert 220 < sum(r for r in rates if r is not None) / 4 < 320


def test_juarez_fell_by_2012() -> None:
    start = history_data.homicide_rate("juarez-2010", "juarez", "2010-Q4")
    later = history_data.homicide_rate("juarez-2010", "juarez", "2012-Q4")
    assert start is not None and later is not None
    assert later < 0.5 * start


@pytest.mark.parametrize("period", ["1999-Q4", "2023-Q1"])
def test_periods_outside_the_data_have_no_history(period: str) -> None:
    assert history_data.homicide_rate("national-2018", None, period) is None


def test_a_region_without_a_source_has_no_history() -> None:
    assert history_data.homicide_rate("national-2018", "rest", "2019-Q1") is None
    assert history_data.homicide_rate("unknown-scenario", None, "2019-Q1") is None
