#!/usr/bin/env bash
# Build the one-folder executable from this tree and check it (issue 4):
#   1. pip install -e ".[build]" into the project's venv (brings PyInstaller);
#   2. pyinstaller build.spec -- --onedir   ->  dist/plaza/plaza
#   3. dist/plaza/plaza --smoke with no network (unshare -n as root), SDL dummy drivers;
#   4. `simulate ... --format json` from the executable and from source: byte for byte;
#   5. `validate content/` through the executable.
# Usage: .ci/build-check.sh [PYTHON]   (default: .venv/bin/python, made by .ci/run)
# Exits non-zero with a "build-check: FAILED: ..." line on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${1:-.venv/bin/python}
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

fail() { echo "build-check: FAILED: $*" >&2; exit 1; }
step() { echo "build-check: $*"; }

[ -x "$PY" ] || fail "no Python at $PY (run .ci/run first, or pass a python path)"

# User folders for this check only: the smoke run and crash logs must not touch a real home,
# and nothing may be written inside the bundle.
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/plaza-build-check.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
export XDG_DATA_HOME="$SCRATCH/data" XDG_CONFIG_HOME="$SCRATCH/config" \
       XDG_CACHE_HOME="$SCRATCH/cache"

step "installing the build extra into $PY's environment"
"$PY" -m pip install -q -e ".[build]" || fail "pip install -e .[build] failed"

step "building the one-folder executable (pyinstaller build.spec -- --onedir)"
rm -rf build/build dist/plaza
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build.spec -- --onedir \
    > "$SCRATCH/pyinstaller.log" 2>&1 \
    || { tail -40 "$SCRATCH/pyinstaller.log" >&2; fail "PyInstaller build failed"; }
EXE="$ROOT/dist/plaza/plaza"
[ -x "$EXE" ] || fail "no executable at dist/plaza/plaza"
step "built $(du -sm dist/plaza | cut -f1) MB in dist/plaza/"

# No network: a new, empty network namespace (root on Linux). Without root or unshare we say
# so and run without isolation rather than silently pretend.
OFFLINE=()
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
    OFFLINE=(unshare -n)
    step "running the executable with no network (unshare -n)"
else
    echo "build-check: WARNING: cannot isolate the network (needs root and unshare -n);" \
         "running the checks with the network available" >&2
fi

# Snapshot of the bundle, to prove afterwards that nothing was written inside it.
(cd "$ROOT/dist/plaza" && find . -print | LC_ALL=C sort) > "$SCRATCH/bundle.before"

# Run everything from an unrelated folder so nothing resolves through the source tree.
cd "$SCRATCH"

step "smoke run: dist/plaza/plaza --smoke"
"${OFFLINE[@]}" "$EXE" --smoke > "$SCRATCH/smoke.log" 2>&1 \
    || { tail -20 "$SCRATCH/smoke.log" >&2; fail "--smoke exited $? (log above)"; }

SIM=(simulate --scenario juarez-2010 --role municipal --seed 3 --turns 16 --format json)
step "simulate from the executable and from source: ${SIM[*]}"
"${OFFLINE[@]}" "$EXE" "${SIM[@]}" > "$SCRATCH/frozen.json" 2> "$SCRATCH/frozen.err" \
    || { cat "$SCRATCH/frozen.err" >&2; fail "the executable's simulate failed"; }
(cd "$ROOT" && "$PY" -m game "${SIM[@]}") > "$SCRATCH/source.json" 2> "$SCRATCH/source.err" \
    || { cat "$SCRATCH/source.err" >&2; fail "python -m game simulate failed"; }
[ -s "$SCRATCH/source.json" ] || fail "python -m game simulate printed nothing"
cmp -s "$SCRATCH/frozen.json" "$SCRATCH/source.json" \
    || { cmp "$SCRATCH/frozen.json" "$SCRATCH/source.json" >&2 || true
         fail "simulate JSON differs between the executable and the source"; }
step "simulate JSON identical ($(wc -c < "$SCRATCH/source.json") bytes)"

step "validate content/ through the executable"
"${OFFLINE[@]}" "$EXE" validate "$ROOT/content" > "$SCRATCH/validate.log" 2>&1 \
    || { cat "$SCRATCH/validate.log" >&2; fail "validate content/ failed through the executable"; }

# Saves, settings and logs go to the user folders, never inside the bundle.
(cd "$ROOT/dist/plaza" && find . -print | LC_ALL=C sort) > "$SCRATCH/bundle.after"
diff "$SCRATCH/bundle.before" "$SCRATCH/bundle.after" >&2 \
    || fail "files appeared inside the bundle (above); they belong in the user folders"
[ -f "$ROOT/dist/plaza/_internal/licenses/THIRD-PARTY-NOTICES.md" ] \
    || fail "third-party notices missing from the bundle"

step "passed: dist/plaza/plaza builds, smokes offline, simulates identically, validates"
