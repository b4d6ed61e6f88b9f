"""Crash test of saves: kill a saving process at random 100 times; count corrupt and lost saves.

A child process plays a game and saves it to one slot again and again; the parent kills it
with SIGKILL at a random moment, then reads the slot back. A save is *corrupt* if the file is
there but does not load; *lost* if no file is there although an earlier save succeeded.
Stale temporary files left by the kills are counted (the next open of the saves sweeps them).

    python benchmarks/crash_saves.py [--kills 100]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHILD = """
import sys
from pathlib import Path
from game.content import load_content
from game.core.paths import content_root
from game.play.campaign import Campaign
pack = load_content(content_root())
game = Campaign.new(pack, "national-2018", "federal", None, 1)
target = Path(sys.argv[1])
print("ready", flush=True)
while True:
    if game.turn < 20:
        game.end_turn()
    game.save(target)
"""


def main() -> None:
    """Run the kills and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=100)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from game.content import load_content
    from game.core.paths import content_root
    from game.play.campaign import BadSave, Campaign

    pack = load_content(content_root())
    rng = random.Random(7)
    corrupt = lost = loaded = 0
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "autosave.json"
        env = dict(os.environ, PYTHONPATH=str(REPO))
        for _ in range(args.kills):
            child = subprocess.Popen([sys.executable, "-c", CHILD, str(target)], cwd=REPO,
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            assert child.stdout is not None
            child.stdout.readline()  # "ready": content loaded, saving from now on
            existed = target.exists()
            time.sleep(rng.uniform(0.0, 0.4))
            child.send_signal(signal.SIGKILL)
            child.wait()
            if not target.exists():
                lost += existed
                continue
            try:
                Campaign.load(pack, target)
                loaded += 1
            except BadSave:
                corrupt += 1
        stale = len(list(Path(folder).glob(".plaza-*.tmp")))
    print(f"kills: {args.kills}  loaded after the kill: {loaded}  corrupt: {corrupt}  "
          f"lost: {lost}  temporary files left (swept on next open): {stale}")


if __name__ == "__main__":
    main()
