"""While code moves between layers, the simulator's outputs stay byte for byte the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.cases import CASES, OUTPUTS, result_body, run_case


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_unchanged(name: str) -> None:
    expected = (OUTPUTS / f"{name}.txt").read_text(encoding="utf-8")
    assert run_case(CASES[name]) == expected


def test_result_file_is_unchanged(tmp_path: Path) -> None:
    assert result_body(tmp_path) == (OUTPUTS / "result.json").read_text(encoding="utf-8")
