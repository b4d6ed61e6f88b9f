"""Where Plaza finds its content and assets, and where it keeps user files."""

from __future__ import annotations

import sys
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


def user_data_dir() -> Path:
    """Return (and create) the per-user folder for saves and logs."""
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    """Return (and create) the per-user folder for settings."""
    path = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_cache_dir() -> Path:
    """Return the per-user folder for files the game can make again (compiled catalogs)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def saves_dir() -> Path:
    """Return (and create) the folder holding save slots and the autosave."""
    path = user_data_dir() / "saves"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """Return (and create) the folder for crash logs."""
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
