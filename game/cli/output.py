"""Output of the command line: stdout or a file, compact JSON, plain text tables."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.core.files import write_text_atomic
from game.core.problems import BadInput, Problem


def write_output(text: str, out: Path | None) -> None:
    """Print to stdout or write a file."""
    if out is None:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
    else:
        try:
            write_text_atomic(out, text)
        except OSError as exc:
            raise BadInput([Problem(str(out), "--out", f"cannot be written: {exc.strerror}")]
                           ) from exc


def safe(text: str) -> str:
    """Text from a student (a file name, a team, a code) made harmless for a terminal.

    Control characters (escape sequences could hide or rewrite the lines around them),
    direction overrides and other invisible format characters are shown as `\\xNN` or
    `\\uNNNN` escapes; everything printable, any alphabet, is kept.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif 0x200B <= code <= 0x200F or 0x2028 <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def dumps(data: object) -> str:
    """Compact, stable JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def format_table(head: list[str], rows: list[list[str]]) -> str:
    """A plain text table, columns right-aligned except the first."""
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(len(head))]
    lines = []
    for n, row in enumerate([head, *rows]):
        cells = [str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i])
                 for i, c in enumerate(row)]
        lines.append("  ".join(cells))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
