"""Fuzz the files and command lines other people hand Plaza; count what is not refused cleanly.

Mutates real inputs (a plan, a workshop file, a save, a class's result files, content files) and
draws random command lines, then feeds each to the command line or the loader that reads it:

- plans: `validate --scenario S --role R PLAN`, then `simulate ... --plan PLAN --turns 3`;
- workshop files: `workshop show FILE`;
- saves: `Campaign.load` (what Continue and Load do) and the Saves screen's `SaveSlots.info`;
- result files: `debrief` of a folder of ten mutated files beside two good ones;
- content: `validate CONTENT` with one of its files mutated (in a copy);
- command lines: random words, flags and values after `python -m game`.

A case is fine if it ends with exit 0 or with exit 2 and a `file: field: message` line per
problem (a save: BadSave); it is a *failure* if it exits 1 (internal error), raises, or runs
past the time limit (a hang). Failures are listed with a reproducer file kept under --keep.

    python benchmarks/fuzz_inputs.py [--cases 3400] [--seed 1] [--keep /tmp/fuzz-failures]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.cli import main  # noqa: E402
from game.content import load_content  # noqa: E402
from game.content.schema import PlanFile  # noqa: E402
from game.core.paths import content_root  # noqa: E402
from game.play.campaign import BadSave, Campaign  # noqa: E402
from game.play.plan import Plan, play  # noqa: E402
from game.play.saves import SaveSlots  # noqa: E402

LIMIT_S = 20
"""A case running longer than this is a hang."""

NASTY = ["", "-1", "0", "1e309", "-1e309", "nan", "inf", "9" * 400, "1.5", "true", "[]", "{}",
         '"x"', "\"\u202e\u0007\x1b[31m\"", "[" * 30 + "]" * 30,
         "null", '"../../etc/passwd"', '"' + "A" * 5000 + '"', "-0", "1e-320", '"2010-Q9"']


class Hang(Exception):
    """A case ran past LIMIT_S."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def mutate(text: str, rng: random.Random) -> str:
    """One to three random edits: bytes, lines, numbers, values, nesting."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(8)
        if not text:
            text = rng.choice(NASTY)
            continue
        at = rng.randrange(len(text))
        if kind == 0:  # delete a stretch
            text = text[:at] + text[at + rng.randint(1, 40):]
        elif kind == 1:  # insert a nasty value
            text = text[:at] + rng.choice(NASTY) + text[at:]
        elif kind == 2:  # truncate
            text = text[:at]
        elif kind == 3:  # duplicate a line
            lines = text.splitlines(keepends=True)
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            text = "".join(lines)
        elif kind == 4:  # replace a number
            digits = [i for i, ch in enumerate(text) if ch.isdigit()]
            if digits:
                i = rng.choice(digits)
                text = text[:i] + rng.choice(NASTY) + text[i + 1:]
        elif kind == 5:  # flip a character
            text = text[:at] + chr(rng.randrange(0, 0x3000)) + text[at + 1:]
        elif kind == 6:  # swap two lines
            lines = text.splitlines(keepends=True)
            if len(lines) > 1:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                text = "".join(lines)
        else:  # replace a quoted string's contents
            quotes = [i for i, ch in enumerate(text) if ch == '"']
            if len(quotes) >= 2:
                i = rng.randrange(len(quotes) - 1)
                a, b = quotes[i], quotes[i + 1]
                text = text[:a + 1] + rng.choice(["", "x" * 300, "\x00", "é\u0301", "-1", "🙂",
                                                  "\x1b[2J"]) + text[b:]
    return text


def run_cli(argv: list[str]) -> tuple[int, str]:
    """Run the command line in this process: its exit code and what it wrote to stderr."""
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = int(exit_.code) if isinstance(exit_.code, int) else 1
    return code, err.getvalue()


def clean_refusal(code: int, err: str) -> bool:
    """Exit 0, or exit 2 with only `place: field: message` lines."""
    if code == 0:
        return True
    if code != 2:
        return False
    lines = [line for line in err.splitlines() if line.strip()]
    return bool(lines) and all(line.count(": ") >= 2 or line.startswith("usage") or
                               line.startswith("plan: ") for line in lines)


class Fuzz:
    """Inputs to mutate, the folder to work in, and the tally."""

    def __init__(self, work: Path, keep: Path, rng: random.Random) -> None:
        self.work, self.keep, self.rng = work, keep, rng
        self.tally: Counter[tuple[str, str]] = Counter()
        self.failures: list[str] = []
        self.pack = load_content(content_root())
        self._make_inputs()

    def _make_inputs(self) -> None:
        """A plan, a workshop file, a save and result files, all from real play."""
        self.plan = ('[[decision]]\nturn = 1\naction = "vet_police"\nregion = "juarez"\n\n'
                     '[[decision]]\nturn = 2\naction = "community_policing"\nregion = "juarez"'
                     '\nstop = false\n\n[responses]\ncapture_siege = "hold"\n')
        ws = self.work / "class.toml"
        assert run_cli(["workshop", "new", "--scenario", "juarez-2010", "--role", "municipal",
                        "--seed", "42", "--turns", "4", "--out", str(ws)])[0] == 0
        self.workshop = ws.read_text("utf-8")
        game = Campaign.new(self.pack, "juarez-2010", "municipal", "juarez", 42)
        play(game, Plan.from_file(PlanFile()), 3)
        save = self.work / "save.json"
        game.save(save)
        self.save = save.read_text("utf-8")
        self.results = []
        for team, plan in (("A", self.plan), ("B", "[responses]\ncapture_siege = \"release\"\n")):
            p = self.work / f"plan{team}.toml"
            p.write_text(plan, "utf-8")
            out = self.work / f"team{team}.json"
            code, err = run_cli(["simulate", "--workshop", str(ws), "--plan", str(p),
                                 "--player", f"Team {team}", "--result", str(out)])
            assert code == 0, err
            self.results.append(out.read_text("utf-8"))

    def case(self, kind: str, text: str, body: Callable[[], bool]) -> None:
        """Run one case under the time limit and count it."""
        signal.alarm(LIMIT_S)
        try:
            outcome = "fine" if body() else "internal error"
        except Hang:
            outcome = "hang"
        except Exception as exc:  # the bug this benchmark exists to find: count and keep it
            outcome = f"raised {exc.__class__.__name__}"
        finally:
            signal.alarm(0)
        self.tally[(kind, outcome)] += 1
        if outcome != "fine":
            self.keep.mkdir(parents=True, exist_ok=True)
            kept = self.keep / f"{kind}-{len(self.failures):04d}.txt"
            kept.write_text(text, "utf-8", errors="surrogateescape")
            self.failures.append(f"{kind}: {outcome}: {kept}")

    def plan_case(self) -> None:
        """A mutated plan, validated then simulated."""
        text = mutate(self.plan, self.rng)
        path = self.work / "plan.toml"
        path.write_text(text, "utf-8", errors="surrogateescape")

        def body() -> bool:
            common = ["--scenario", "juarez-2010", "--role", "municipal"]
            code, err = run_cli(["validate", *common, str(path)])
            if not clean_refusal(code, err):
                return False
            code, err = run_cli(["simulate", *common, "--region", "juarez", "--plan", str(path),
                                 "--turns", "3", "--format", "csv"])
            return clean_refusal(code, err)

        self.case("plan", text, body)

    def workshop_case(self) -> None:
        """A mutated workshop file, shown."""
        text = mutate(self.workshop, self.rng)
        path = self.work / "ws.toml"
        path.write_text(text, "utf-8", errors="surrogateescape")
        self.case("workshop", text, lambda: clean_refusal(*run_cli(["workshop", "show",
                                                                     str(path)])))

    def save_case(self) -> None:
        """A mutated save, loaded as Continue does and listed as the Saves screen does."""
        text = mutate(self.save, self.rng)
        folder = self.work / "saves"
        folder.mkdir(exist_ok=True)
        (folder / "slot1.json").write_text(text, "utf-8", errors="surrogateescape")

        def body() -> bool:
            slots = SaveSlots(lambda: folder)
            slots.info("slot1", self.pack)
            try:
                Campaign.load(self.pack, slots.path("slot1"))
            except BadSave as bad:
                return bool(bad.problems)
            return True

        self.case("save", text, body)

    def results_case(self) -> None:
        """Ten mutated result files beside the two good ones, in one debrief: the report is
        built from what is good (a bad file is left out with its line, never aborts it)."""
        folder = self.work / "results"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        texts = []
        for n in range(10):
            text = mutate(self.rng.choice(self.results), self.rng)
            texts.append(text)
            (folder / f"bad{n}.json").write_text(text, "utf-8", errors="surrogateescape")
        for n, text in enumerate(self.results):
            (folder / f"good{n}.json").write_text(text, "utf-8")

        def body() -> bool:  # two good files: a report, whatever the other ten hold
            report = self.work / "r.html"
            report.unlink(missing_ok=True)
            code, _ = run_cli(["debrief", str(folder), "-o", str(report)])
            return code == 0 and report.stat().st_size > 0

        self.case("results", "\n=====\n".join(texts), body)

    def content_case(self) -> None:
        """A copy of the content with one file mutated, validated."""
        copy = self.work / "content"
        if not copy.exists():
            shutil.copytree(content_root(), copy, ignore=shutil.ignore_patterns("locale"))
        files = sorted(p for p in copy.rglob("*.toml"))
        target = self.rng.choice(files)
        original = (content_root() / target.relative_to(copy)).read_text("utf-8")
        text = mutate(original, self.rng)
        target.write_text(text, "utf-8", errors="surrogateescape")
        try:
            self.case(f"content ({target.relative_to(copy)})", text,
                      lambda: clean_refusal(*run_cli(["validate", str(copy)])))
        finally:
            target.write_text(original, "utf-8")

    def command_line_case(self) -> None:
        """Random words after `python -m game`."""
        words = ["simulate", "workshop", "new", "show", "debrief", "cards", "validate", "play",
                 "--scenario", "juarez-2010", "national-2018", "bogus", "--role", "federal",
                 "municipal", "--region", "juarez", "--seed", "--turns", "--runs", "--format",
                 "json", "csv", "table", "summary", "--plan", "--out", "--set", "x=1",
                 "retaliation_feedback=0.6", "--lang", "es", "--take-over", "2010-Q1",
                 "--workshop", "--player", "--result", "--result-code", "--codes", "-o",
                 str(self.work / "nowhere" / "x"), "/dev/null", str(self.work), *NASTY]
        argv = [self.rng.choice(words) for _ in range(self.rng.randint(1, 9))]
        if "--runs" in argv:  # keep a case short: at most 50 worlds
            argv[argv.index("--runs") + 1:argv.index("--runs") + 2] = ["50"]
        self.case("command line", " ".join(argv), lambda: clean_refusal(*run_cli(argv)))


def main_() -> int:
    """Run the cases and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "plaza-fuzz")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = tmp
        fuzz = Fuzz(Path(tmp), args.keep, rng)
        kinds = [(fuzz.plan_case, 25), (fuzz.workshop_case, 20), (fuzz.save_case, 20),
                 (fuzz.results_case, 5), (fuzz.content_case, 10), (fuzz.command_line_case, 20)]
        start = time.perf_counter()
        for _ in range(args.cases):
            rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]()
        elapsed = time.perf_counter() - start
    by_kind: dict[str, Counter[str]] = {}
    for (kind, outcome), n in fuzz.tally.items():
        by_kind.setdefault(kind.split(" (")[0], Counter())[outcome] += n
    print(f"{args.cases} cases (seed {args.seed}) in {elapsed:.0f} s")
    print(f"{'input':<14} {'cases':>6} {'fine':>6} {'failed':>7}  failures")
    for kind, counts in sorted(by_kind.items()):
        total = sum(counts.values())
        bad = {k: v for k, v in counts.items() if k != "fine"}
        print(f"{kind:<14} {total:>6} {counts['fine']:>6} {sum(bad.values()):>7}  "
              f"{', '.join(f'{k} x{v}' for k, v in sorted(bad.items())) or '-'}")
    for line in fuzz.failures[:40]:
        print("  " + line)
    return 1 if fuzz.failures else 0


if __name__ == "__main__":
    sys.exit(main_())
