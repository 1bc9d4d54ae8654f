"""Which dates a run covers: catch-up after missed days, lookback, explicit ranges."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from tasks.core.pipeline import dates_to_fetch
from tests.test_boundaries import ROOT


def test_catch_up_covers_every_day_since_the_last_successful_run_with_a_lookback():
    days = dates_to_fetch(today=date(2021, 12, 31), last_done=date(2021, 12, 20), lookback_days=3)
    assert days[0] == date(2021, 12, 17) and days[-1] == date(2021, 12, 31) and len(days) == 15


def test_first_run_looks_back_a_few_days_only():
    assert dates_to_fetch(date(2021, 12, 31), None, 3) == [date(2021, 12, d) for d in range(28, 32)]


def test_a_long_gap_is_caught_up_only_as_far_as_the_setting_allows():
    days = dates_to_fetch(date(2026, 11, 25), date(2021, 12, 31), 3, catch_up_days=31)
    assert days[0] == date(2026, 10, 25) and days[-1] == date(2026, 11, 25)
    short = dates_to_fetch(date(2021, 12, 31), date(2021, 12, 20), 3, catch_up_days=31)
    assert short[0] == date(2021, 12, 17)  # a short gap is caught up whole
    explicit = dates_to_fetch(date(2026, 1, 1), None, 3, date(2020, 1, 1), date(2020, 12, 31), 31)
    assert len(explicit) == 366  # an explicit range (a backfill) is never cut


def test_explicit_range_wins_and_a_single_date_is_a_range_of_one():
    assert dates_to_fetch(
        date(2026, 1, 1), date(2025, 1, 1), 3, date(2020, 12, 1), date(2020, 12, 3)
    ) == [date(2020, 12, 1), date(2020, 12, 2), date(2020, 12, 3)]
    assert dates_to_fetch(date(2026, 1, 1), None, 3, date(2020, 12, 1)) == [date(2020, 12, 1)]
    with pytest.raises(ValueError, match="empty date range"):
        dates_to_fetch(date(2026, 1, 1), None, 3, date(2020, 12, 3), date(2020, 12, 1))


def test_deployment_file_resolves_to_the_flows_with_the_daily_schedule():
    import importlib

    spec = yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text(encoding="utf-8"))
    by_name = {d["name"]: d for d in spec["deployments"]}
    for deployment in by_name.values():
        module, func = deployment["entrypoint"].rsplit(".", 1)
        flow = getattr(importlib.import_module(module), func)
        assert flow.name == f"pearl-{deployment['name']}"
        assert deployment["work_pool"]["name"] == "pearl-pool"
    # Runs that write hold the writer whole; the month sub-runs of a backfill run side by side
    # and take the writer (a global concurrency limit) only to load.
    assert by_name["daily"]["concurrency_limit"] == by_name["backfill"]["concurrency_limit"] == 1
    assert "concurrency_limit" not in by_name["backfill-month"]
    assert by_name["daily"]["schedules"] == [
        {"cron": "30 6 * * *", "timezone": "Asia/Shanghai", "active": True}
    ]
    assert "schedules" not in by_name["backfill"]
