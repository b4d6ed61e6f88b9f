"""Hostile files and faults outside the classroom: saves, plans, content, folders, pipes.

Each test is a reproducer of an attack from issue 12 that once crashed, hung or misbehaved:
it must now be refused with one clear line (exit 2), or survived, and nothing lost.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from game_process import REPO, run_game

from game.content import load_content
from game.core import paths
from game.core.files import remove_stale_temps, write_text_atomic
from game.core.paths import content_root
from game.play.campaign import BadSave, Campaign
from game.play.saves import SaveSlots

PACK = load_content(content_root())


def save_of(tmp_path: Path, **changes: object) -> Path:
    """A real save of a short game, with some fields replaced."""
    game = Campaign.new(PACK, "juarez-2010", "municipal", "juarez", 3)
    game.enact("vet_police", "juarez")
    game.end_turn()
    data = game.to_save() | changes
    path = tmp_path / "save.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("changes", "field"), [
    ({"overrides": {"no_such_parameter": 1.0}}, "overrides.no_such_parameter"),
    ({"overrides": {"military_violence": 99.0}}, "overrides.military_violence"),
    ({"extras": {"predictions": 5}}, None),
    ({"decisions": [{"turn": "x", "verb": "enact", "action": "vet_police"}]}, "decisions"),
])
def test_outdated_or_edited_saves_are_refused_or_read(tmp_path: Path, changes: dict[str, object],
                                                      field: str | None) -> None:
    path = save_of(tmp_path, **changes)
    if field is None:  # what cannot be read of the extras is dropped; the game loads
        slots = SaveSlots(lambda: tmp_path)
        game = slots.load(PACK, "save", lambda code: None)
        assert game.predictions == []
        return
    with pytest.raises(BadSave) as refused:
        Campaign.load(PACK, path)
    assert any(p.field.startswith(field) for p in refused.value.problems)


def test_deeply_nested_save_is_refused_and_listed_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "slot1.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(BadSave):
        Campaign.load(PACK, path)
    assert SaveSlots(lambda: tmp_path).info("slot1", PACK).problem == "damaged"


def test_orphaned_temporary_files_are_swept(tmp_path: Path) -> None:
    (tmp_path / ".plaza-abc.tmp").write_text("half a save", encoding="utf-8")
    slots = SaveSlots(lambda: tmp_path)
    assert slots.folder == tmp_path
    assert not (tmp_path / ".plaza-abc.tmp").exists()
    assert remove_stale_temps(tmp_path) == 0


def test_special_files_are_written_into_never_replaced(tmp_path: Path) -> None:
    write_text_atomic(Path(os.devnull), "nothing")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        write_text_atomic(folder, "text")
    proc = run_game("simulate", "--scenario", "juarez-2010", "--turns", "1", "--out", folder)
    assert proc.returncode == 2 and folder.is_dir()


def test_user_folders_that_cannot_be_made_fall_back(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should go", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    data, config = paths.user_data_dir(), paths.user_config_dir()
    assert data.is_dir() and config.is_dir() and blocker not in data.parents
    assert paths.saves_dir().is_dir()


def test_class_files_fall_back_where_documents_cannot_be_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Result files go to Documents/Plaza; where a locked profile forbids it, to the data
    folder's class folder (the hand-in screen names whichever it is), never nowhere."""
    import platformdirs

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "docs"))
    assert paths.class_files_dir() == tmp_path / "docs" / "Plaza"
    blocker = tmp_path / "locked"
    blocker.write_text("a file where Documents should be", encoding="utf-8")
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(blocker))
    fallback = paths.class_files_dir()
    assert fallback.is_dir() and blocker not in fallback.parents
    assert fallback == paths.user_data_dir() / "class"


def test_a_fifo_named_as_a_plan_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(run_game(
        "simulate", "--scenario", "juarez-2010", "--plan", fifo).returncode), daemon=True)
    worker.start()
    worker.join(30)
    assert done == [2]


@pytest.mark.parametrize("name", ["deep", "infinite_market", "long_path", "bogus_result"])
def test_command_line_faults_exit_2(tmp_path: Path, name: str) -> None:
    if name == "deep":
        plan = tmp_path / "deep.toml"
        plan.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
        args: list[str | Path] = ["validate", plan]
    elif name == "infinite_market":
        scenario = (REPO / "content" / "scenarios" / "juarez-2010.toml").read_text("utf-8")
        bad = tmp_path / "juarez-2010.toml"
        assert "extortion = 60" in scenario
        bad.write_text(scenario.replace("extortion = 60", "extortion = -1e309", 1),
                       encoding="utf-8")
        args = ["validate", bad]
    elif name == "long_path":
        args = ["simulate", "--scenario", "juarez-2010", "--plan", tmp_path / ("p" * 300)]
    else:
        args = ["simulate", "--scenario", "bogus", "--player", "T", "--result",
                tmp_path / "r.json"]
    proc = run_game(*args)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.strip()


def test_a_closed_pipe_is_not_an_internal_error() -> None:
    """A reader that stops after 100 bytes of a many-worlds JSON (two worlds: about 1 MB, far
    more than a pipe holds, so the write meets the closed pipe) gets no traceback."""
    env = dict(os.environ, PYTHONPATH=str(REPO), SDL_VIDEODRIVER="dummy")
    proc = subprocess.Popen([sys.executable, "-m", "game", "simulate", "--scenario",
                             "national-2018", "--runs", "2"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    code = proc.wait(120)
    error = proc.stderr.read().decode()
    assert code == 0 and "internal error" not in error
