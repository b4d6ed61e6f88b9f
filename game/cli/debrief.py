"""`python -m game debrief RESULT... -o report.html`: a class's results merged into one report."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from game.classroom.debrief import make_report
from game.core.files import write_text_atomic
from game.core.i18n import Translator
from game.core.problems import BadInput, Problem


def run_debrief(args: argparse.Namespace, err: TextIO | None = None,
                out: TextIO | None = None) -> int:
    """`debrief RESULT... -o report.html`: 0 if at least one file was usable, 2 otherwise."""
    out = out or sys.stdout
    err = err or sys.stderr
    report, klass = make_report(args.results, args.report_lang, args.workshop, err)
    t = Translator(args.report_lang or (klass.teams[0].body["setup"].get("lang", "en")
                                        if klass.teams else "en"))
    for item in klass.skipped:
        print(f"{item.file}: {item.reason(t)}", file=err)
    if report is None:
        raise BadInput([Problem("(command line)", "debrief",
                                t("report.cli.nothing", count=len(klass.skipped)))])
    try:
        write_text_atomic(args.out, report)
    except OSError as exc:
        raise BadInput([Problem(str(args.out), "-o", f"cannot be written: {exc.strerror}")]
                       ) from exc
    print(t("report.cli.done", path=str(args.out), teams=len(klass.teams),
            skipped=len(klass.skipped)), file=out)
    return 0


