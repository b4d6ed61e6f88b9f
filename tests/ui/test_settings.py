"""Settings survive a round trip; a damaged file falls back to defaults and says so."""

from __future__ import annotations

from pathlib import Path

from game.ui.settings import Settings, load_settings, save_settings, settings_path


def test_round_trip(tmp_path: Path) -> None:
    """What is saved is what is loaded."""
    chosen = Settings(lang="es", scale=150, palette="colourblind", fullscreen=True,
                      seen_content_note=True, seen_tutorial=True)
    assert save_settings(chosen, tmp_path)
    assert load_settings(tmp_path) == chosen
    assert load_settings(tmp_path).problems == []


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    """A first start has no file and no problems."""
    assert load_settings(tmp_path) == Settings()


def test_damaged_file_gives_defaults_and_a_problem(tmp_path: Path) -> None:
    """Garbage is not fatal."""
    settings_path(tmp_path).write_bytes(b"\x00\xffnot json")
    loaded = load_settings(tmp_path)
    assert loaded == Settings()
    assert loaded.problems == ["unreadable"]


def test_bad_fields_are_dropped_one_by_one(tmp_path: Path) -> None:
    """Good fields survive next to bad ones."""
    settings_path(tmp_path).write_text('{"lang": "fr", "scale": 150, "palette": 3}',
                                       encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert loaded.lang == "en" and loaded.scale == 150 and loaded.palette == "standard"
    assert set(loaded.problems) == {"lang", "palette"}


def test_damaged_settings_are_reported_in_the_app(make_app: object, tmp_path: Path) -> None:
    """The app starts with defaults and shows a message."""
    from game.ui.screens.message import MessageScreen

    folder = tmp_path / "config"
    folder.mkdir()
    settings_path(folder).write_text("{", encoding="utf-8")
    app = make_app()  # type: ignore[operator]
    app.start()
    assert isinstance(app.top, MessageScreen)
    app.frame()
