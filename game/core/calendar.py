"""Quarter arithmetic: turns of a scenario and the calendar quarters ('2010-Q1') they fall in."""

from __future__ import annotations

import re

PERIOD = re.compile(r"^(?P<year>\d{4})-Q(?P<quarter>[1-4])$")


def quarter_index(year: int, quarter: int) -> int:
    """Quarters since year 0 (2010-Q1 -> 8040): lets quarters be added and compared."""
    return year * 4 + quarter - 1


def period_of_index(index: int) -> str:
    """The period label of a quarter index ('2010-Q1')."""
    return f"{index // 4}-Q{index % 4 + 1}"


def period(start_year: int, start_quarter: int, turn: int) -> str:
    """The calendar quarter of a turn (turn 1 is the scenario's first quarter)."""
    return period_of_index(quarter_index(start_year, start_quarter) + turn - 1)


def parse_period(text: str) -> tuple[int, int]:
    """(year, quarter) of a period label; ValueError if it is not like '2010-Q1'."""
    match = PERIOD.match(text.strip())
    if match is None:
        raise ValueError(f"'{text}' is not a quarter like 2010-Q1")
    return int(match["year"]), int(match["quarter"])


def turn_of(start_year: int, start_quarter: int, label: str) -> int:
    """The turn on which a period falls (1 for the first quarter; may be < 1 or past the end)."""
    year, quarter = parse_period(label)
    return quarter_index(year, quarter) - quarter_index(start_year, start_quarter) + 1
