"""Files in and out: one atomic writer that never replaces special files, one capped reader.

Everything the game writes (saves, settings, workshop files, result files, reports) goes
through `write_text_atomic` (compiled catalogs through its binary twin, `write_bytes_atomic`);
everything it reads from a person (plans, saves, result files, workshops) goes through
`read_text_capped`, and JSON through `parse_json_capped`.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from game.core.problems import BadInput, Problem

TEMP_PREFIX = ".plaza-"
TEMP_SUFFIX = ".tmp"
MAX_JSON_DEPTH = 64
"""No document Plaza writes nests deeper than about eight levels."""


def _problem(path: Path, message: str) -> BadInput:
    return BadInput([Problem(str(path), "(file)", message)])


def write_text_atomic(path: Path, text: str, *, mode: int = 0o644,
                      make_folder: bool = False) -> None:
    """Write a text file whole or not at all: a temporary file beside it, fsync, then a rename.

    Refuses (OSError) to replace anything but a regular file, so `-o /dev/null` or a folder
    is never swapped for a file. The folder must exist unless `make_folder` (the game's own
    folders); a person's `--out` into a missing folder is their typo. The folder is synced
    after the rename so the new name survives a power cut. `mode` 0o644: a class's files are
    shared and read by others.
    """
    write_bytes_atomic(path, text.encode("utf-8"), mode=mode, make_folder=make_folder)


def write_bytes_atomic(path: Path, data: bytes, *, mode: int = 0o644,
                       make_folder: bool = False) -> None:
    """Write a binary file whole or not at all, exactly as `write_text_atomic` writes text."""
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(21, "is a folder", str(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # A device or a pipe (`-o /dev/null`, `/dev/stdout`): write into it, never replace it.
        with open(path, "wb") as stream:
            stream.write(data)
        return
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    replaced = False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
        replaced = True
    finally:  # whatever stopped the write (even Ctrl-C), no temp file is left behind
        if not replaced:
            Path(temp).unlink(missing_ok=True)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files a killed writer left in a folder; return how many went."""
    removed = 0
    with contextlib.suppress(OSError):
        for temp in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                temp.unlink()
                removed += 1
    return removed


def read_bytes_capped(path: Path, limit: int) -> bytes:
    """A regular file's bytes, refusing (BadInput) special files and files over `limit` bytes.

    A FIFO or a device named as an input would block or never end: they are refused unread.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _problem(path, f"cannot be read: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise _problem(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise _problem(path, "is not a regular file")
    if info.st_size > limit:
        raise _problem(path, f"is {info.st_size:,} bytes; at most {limit:,} are read")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _problem(path, f"cannot be read: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise _problem(path, f"is over {limit:,} bytes")
    return data


def read_text_capped(path: Path, limit: int) -> str:
    """A UTF-8 text file, capped as `read_bytes_capped`; NUL bytes mean it is not text."""
    data = read_bytes_capped(path, limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _problem(path, f"is not UTF-8 text (byte {exc.start})") from exc
    if "\x00" in text:
        raise _problem(path, "contains NUL bytes: not a text file")
    return text


def nesting_depth(text: str) -> int:
    """The deepest nesting of JSON brackets in a text, ignoring brackets inside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def parse_json_capped(text: str, name: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON that came from a person: depth, number size and syntax checked (BadInput).

    Integers of thousands of digits, NaN and Infinity are refused as well as deep nesting.
    """
    if nesting_depth(text) > max_depth:
        raise BadInput([Problem(name, "(file)", f"nests deeper than {max_depth} levels")])

    def no_constant(word: str) -> Any:
        raise ValueError(f"{word} is not a number JSON allows")

    def bounded_int(digits: str) -> int:
        if len(digits.lstrip("-")) > 20:
            raise ValueError("a number with more than 20 digits")
        return int(digits)

    try:
        return json.loads(text, parse_constant=no_constant, parse_int=bounded_int)
    except json.JSONDecodeError as exc:
        raise BadInput([Problem(name, "(syntax)", f"JSON syntax error: {exc.msg} (line "
                                f"{exc.lineno}, column {exc.colno}): the file is damaged")]
                       ) from exc
    except (ValueError, RecursionError) as exc:
        raise BadInput([Problem(name, "(file)", f"is damaged: {exc}")]) from exc
