"""`python -m game debrief RESULT... [--codes FILE] -o report.html`: a class's report.

Every result is verified by replaying its decisions; what cannot join the class is named on
stderr (file and reason, control characters escaped) and in the report.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from game.classroom.debrief import make_report
from game.classroom.workshops import Workshops
from game.cli.output import safe
from game.core.files import write_text_atomic
from game.core.i18n import Translator
from game.core.problems import BadInput, Problem

PROGRESS_EVERY = 25


def run_debrief(args: argparse.Namespace, err: TextIO | None = None,
                out: TextIO | None = None) -> int:
    """`debrief RESULT... -o report.html`: 0 if at least one result was usable, 2 otherwise."""
    out = out or sys.stdout
    err = err or sys.stderr
    if not args.results and not args.codes:
        raise BadInput([Problem("(command line)", "debrief",
                                "give result files or folders, or --codes FILE")])
    progress_t = Translator(args.report_lang or "en")

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "read" and total > PROGRESS_EVERY and (done % PROGRESS_EVERY == 0
                                                            or done == total):
            print(progress_t.plural("report.cli.progress", total, done=done, total=total),
                  file=err)

    report, klass = make_report(args.results, args.report_lang, args.workshop, progress,
                                code_files=args.codes or [],
                                workshops=Workshops.shipped_default())
    lang = args.report_lang or (klass.teams[0].body["setup"].get("lang", "en")
                                if klass.teams else "en")
    t = Translator(lang)
    for item in klass.skipped:
        print(f"{safe(item.source)}: {safe(t(item.key, **item.params))}", file=err)
    if report is None:
        raise BadInput([Problem("(command line)", "debrief",
                                t.plural("report.cli.nothing", len(klass.skipped),
                                         count=len(klass.skipped)))])
    try:
        write_text_atomic(args.out, report)
    except OSError as exc:
        raise BadInput([Problem(str(args.out), "-o", f"cannot be written: {exc.strerror}")]
                       ) from exc
    print(t("report.cli.done", path=safe(str(args.out)),
            teams=t.plural("report.teams_count", len(klass.teams)),
            skipped=len(klass.skipped)), file=out)
    return 0
