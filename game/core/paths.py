"""Where Plaza finds its content and assets, and where it keeps user files."""

from __future__ import annotations

import getpass
import os
import sys
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "Plaza"
APP_AUTHOR = "Plaza"


PACKAGE = Path(__file__).resolve().parents[1]
"""The `game` package folder."""


def install_root() -> Path:
    """Return the folder holding `content/` and `assets/`, from source or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle)
    return PACKAGE.parent


def _shipped(name: str) -> Path:
    """A data folder: beside the package (a checkout, a bundle) or inside it (a wheel)."""
    beside = install_root() / name
    inside = PACKAGE / f"_{name}"
    return inside if not beside.is_dir() and inside.is_dir() else beside


def content_root() -> Path:
    """Return the shipped content pack folder."""
    return _shipped("content")


def assets_root() -> Path:
    """Return the shipped assets folder."""
    return _shipped("assets")


def asset(relative: str) -> Path:
    """Resolve an asset path, refusing any path that would leave the assets folder."""
    root = assets_root().resolve()
    candidate = (root / relative).resolve()
    if root != candidate and root not in candidate.parents:
        raise ValueError(f"asset path leaves the assets folder: {relative}")
    return candidate


def _folder(wanted: Path, kind: str) -> Path:
    """Create and return a user folder; where it cannot be made, a private temporary one.

    Locked-down school profiles may forbid the usual folder: the game still starts, and what
    it writes goes to a folder of this user's under the system's temporary folder (the
    settings screen shows where).
    """
    try:
        wanted.mkdir(parents=True, exist_ok=True)
        return wanted
    except OSError:
        fallback = Path(tempfile.gettempdir()) / f"plaza-{_user()}" / kind
        fallback.mkdir(parents=True, exist_ok=True, mode=0o700)
        return fallback


def _user() -> str:
    """A safe name for the current user (for the fallback folder)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = "player"
    return "".join(ch for ch in name if ch.isalnum() or ch in "-_") or "player"


def user_data_dir() -> Path:
    """Return (and create) the per-user folder for saves and logs."""
    return _folder(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)), "data")


def user_config_dir() -> Path:
    """Return (and create) the per-user folder for settings."""
    return _folder(Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)), "config")


def class_files_dir() -> Path:
    """Return (and create) where class files go (result files, workshops, reports):
    Documents/Plaza, a folder students and teachers can find; where it cannot be made or
    written (a locked-down profile), the user data folder's `class`."""
    try:
        wanted = Path(platformdirs.user_documents_dir()) / "Plaza"
        wanted.mkdir(parents=True, exist_ok=True)
        if os.access(wanted, os.W_OK):
            return wanted
    except OSError:
        pass
    return _folder(user_data_dir() / "class", "class")


def user_cache_dir() -> Path:
    """Return the per-user folder for files the game can make again (compiled catalogs)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def saves_dir() -> Path:
    """Return (and create) the folder holding save slots and the autosave."""
    return _folder(user_data_dir() / "saves", "saves")


def log_dir() -> Path:
    """Return (and create) the folder for crash logs."""
    return _folder(user_data_dir() / "logs", "logs")
