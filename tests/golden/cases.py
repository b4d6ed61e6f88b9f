"""The simulator outputs that must not change while code moves (regenerate only on purpose).

Each case is a `python -m game` command line; its standard output is kept in `outputs/`.
`python -m tests.golden.cases --write` rewrites them: do that only in a commit that changes
the model on purpose, and say so in its message.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLANS = HERE / "plans"
OUTPUTS = HERE / "outputs"

CASES: dict[str, list[str]] = {
    "juarez-mayor": ["simulate", "--scenario", "juarez-2010", "--role", "municipal",
                     "--seed", "3", "--plan", str(PLANS / "juarez-mayor.toml"), "--turns", "16"],
    "juarez-federal-table": ["simulate", "--scenario", "juarez-2010", "--seed", "5",
                             "--plan", str(PLANS / "juarez-federal.toml"), "--format", "table"],
    "culiacan-hold": ["simulate", "--scenario", "culiacan-2019", "--seed", "2", "--runs", "3",
                      "--plan", str(PLANS / "culiacan-hold.toml")],
    "guerrero-montana": ["simulate", "--scenario", "guerrero-2019", "--role", "municipal",
                         "--region", "montana", "--seed", "7",
                         "--plan", str(PLANS / "guerrero-mayor.toml")],
    "guerrero-federal-csv": ["simulate", "--scenario", "guerrero-2019", "--seed", "11",
                             "--plan", str(PLANS / "guerrero-federal.toml"), "--format", "csv"],
    "national": ["simulate", "--scenario", "national-2018", "--seed", "1",
                 "--plan", str(PLANS / "national.toml"), "--turns", "28"],
    "national-summary": ["simulate", "--scenario", "national-2018", "--seed", "20",
                         "--runs", "40", "--format", "summary",
                         "--plan", str(PLANS / "national.toml")],
    "national-set": ["simulate", "--scenario", "national-2018", "--seed", "4",
                     "--set", "military_violence=0.1", "--set", "competition_violence=1.0"],
}


def run_case(args: list[str]) -> str:
    """Run one command line in this process and return what it printed."""
    from game.__main__ import main as _entry  # noqa: F401  (the entry point must import)
    from game.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    if code != 0:
        raise RuntimeError(f"{args}: exit {code}")
    return out.getvalue()


RESULT_CASE = ["simulate", "--scenario", "juarez-2010", "--role", "municipal", "--seed", "9",
               "--plan", str(PLANS / "juarez-mayor.toml"), "--player", "Team Golden"]
"""A result file written headless (its `written` time stamp is left out of the comparison)."""


def result_body(folder: Path) -> str:
    """The result file of RESULT_CASE, as stable JSON without its time stamp and checksum."""
    import json

    path = folder / "golden-result.json"
    run_case([*RESULT_CASE, "--result", str(path)])
    document = json.loads(path.read_text(encoding="utf-8"))
    document["body"].pop("written")
    document.pop("checksum")
    return json.dumps(document, sort_keys=True, indent=1) + "\n"


def write_all() -> None:
    """Rewrite every kept output."""
    import tempfile

    OUTPUTS.mkdir(exist_ok=True)
    for name, args in CASES.items():
        (OUTPUTS / f"{name}.txt").write_text(run_case(args), encoding="utf-8")
        print(name)
    with tempfile.TemporaryDirectory() as folder:
        (OUTPUTS / "result.json").write_text(result_body(Path(folder)), encoding="utf-8")
    print("result")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write_all()
