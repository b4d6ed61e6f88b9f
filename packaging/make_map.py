"""Convert the map of Mexico's 32 states (SVG) into the game's map asset (simplified JSON).

    python packaging/make_map.py [SVG] [OUT]
    # default: ../shared/data/map/mexico-states.svg -> assets/map/mexico-states.json

Source: "svg-maps" by Victor Cazanave, package @svg-maps/mexico 2.0.0, CC BY 4.0
(https://github.com/VictorCazanave/svg-maps/tree/master/packages/mexico). The asset is a
changed version of it: each state's path is parsed (only m/l/z commands occur), its rings
simplified with Douglas-Peucker (tolerance TOLERANCE viewBox units) and tiny islets dropped;
coordinates stay in the SVG's own screen projection (viewBox 0 0 793 498).

To place regions given in longitude and latitude, the asset also carries an affine mapping
from degrees to the viewBox, fitted by least squares to the states' centres (CENTRES, rounded
centroids of each state in degrees) against the centroids of the drawn states. The script
prints the fit's residuals; they stay under a few viewBox units, which is what a
marker needs. Run it again only when the source or the simplification changes; the output
is deterministic (sorted keys, rounded numbers).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SVG = REPO.parent / "shared" / "data" / "map" / "mexico-states.svg"
DEFAULT_OUT = REPO / "assets" / "map" / "mexico-states.json"
TOLERANCE = 0.6
"""Douglas-Peucker tolerance, viewBox units (the whole map is 793 wide)."""
MIN_AREA = 4.0
"""Rings smaller than this (square viewBox units) are dropped: islets that draw as a dot."""

INEGI_CODES = {
    "agu": "01", "bcn": "02", "bcs": "03", "cam": "04", "coa": "05", "col": "06", "chp": "07",
    "chh": "08", "cmx": "09", "dur": "10", "gua": "11", "gro": "12", "hid": "13", "jal": "14",
    "mex": "15", "mic": "16", "mor": "17", "nay": "18", "nle": "19", "oax": "20", "pue": "21",
    "que": "22", "roo": "23", "slp": "24", "sin": "25", "son": "26", "tab": "27", "tam": "28",
    "tla": "29", "ver": "30", "yuc": "31", "zac": "32",
}
"""The SVG's state ids and INEGI's two-digit state codes (as the homicide data uses them)."""

CENTRES = {
    "agu": (-102.36, 21.97), "bcn": (-115.10, 30.55), "bcs": (-112.05, 25.90),
    "cam": (-90.35, 18.85), "coa": (-101.95, 27.30), "col": (-103.90, 19.10),
    "chp": (-92.50, 16.45), "chh": (-106.05, 28.80), "cmx": (-99.13, 19.30),
    "dur": (-104.85, 24.90), "gua": (-101.00, 20.90), "gro": (-99.90, 17.55),
    "hid": (-98.85, 20.50), "jal": (-103.65, 20.55), "mex": (-99.65, 19.35),
    "mic": (-101.85, 19.20), "mor": (-99.05, 18.75), "nay": (-104.85, 21.85),
    "nle": (-99.85, 25.55), "oax": (-96.45, 17.00), "pue": (-97.85, 19.00),
    "que": (-99.85, 20.85), "roo": (-88.10, 19.55), "slp": (-100.25, 22.60),
    "sin": (-107.45, 25.00), "son": (-110.70, 29.35), "tab": (-92.60, 17.95),
    "tam": (-98.65, 24.25), "tla": (-98.20, 19.42), "ver": (-96.60, 19.40),
    "yuc": (-89.00, 20.75), "zac": (-102.70, 23.30),
}
"""Approximate centroids of the states, degrees (longitude, latitude)."""

Point = tuple[float, float]

_PATH = re.compile(r'<path\s+id="(?P<id>[a-z]{3})"\s+aria-label="(?P<name>[^"]+)"\s+'
                   r'd="(?P<d>[^"]+)"', re.S)
_TOKEN = re.compile(r"[MmLlZz]|-?\d+(?:\.\d+)?(?:e-?\d+)?")


def parse_path(d: str) -> list[list[Point]]:
    """The closed rings of an SVG path made of m, l and z commands (absolute or relative)."""
    rings: list[list[Point]] = []
    ring: list[Point] = []
    x = y = 0.0
    command = "m"
    numbers: list[float] = []
    start: Point = (0.0, 0.0)

    def flush_pair() -> None:
        nonlocal x, y, command, start, ring
        dx, dy = numbers
        numbers.clear()
        if command in "Mm":
            if ring:
                rings.append(ring)
            x, y = (x + dx, y + dy) if command == "m" else (dx, dy)
            ring = [(x, y)]
            start = (x, y)
            command = "l" if command == "m" else "L"  # pairs after a move are lines
        else:
            x, y = (x + dx, y + dy) if command == "l" else (dx, dy)
            ring.append((x, y))

    for token in _TOKEN.findall(d):
        if token in "MmLl":
            command = token
        elif token in "Zz":
            if ring:
                rings.append(ring)
            ring = []
            x, y = start
        else:
            numbers.append(float(token))
            if len(numbers) == 2:
                flush_pair()
    if ring:
        rings.append(ring)
    return rings


def area(ring: list[Point]) -> float:
    """The signed area of a ring (shoelace)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def centroid(rings: list[list[Point]]) -> Point:
    """The area-weighted centroid of a state's rings."""
    sx = sy = total = 0.0
    for ring in rings:
        a = area(ring)
        if abs(a) < 1e-9:
            continue
        cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x1 * y2 - x2 * y1
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        sx += cx / 6.0
        sy += cy / 6.0
        total += a
    return sx / total, sy / total


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker simplification of an open polyline (its ends are kept)."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    best, index = 0.0, 0
    for i, (px, py) in enumerate(points[1:-1], start=1):
        if length < 1e-12:
            dist = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
        else:
            dist = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
        if dist > best:
            best, index = dist, i
    if best <= tolerance:
        return [points[0], points[-1]]
    left = simplify(points[:index + 1], tolerance)
    right = simplify(points[index:], tolerance)
    return left[:-1] + right


def simplify_ring(ring: list[Point], tolerance: float) -> list[Point]:
    """Simplify a closed ring, split at its farthest point so both halves keep their shape."""
    if len(ring) < 4:
        return ring
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2
              + (ring[i][1] - ring[0][1]) ** 2)
    first = simplify(ring[:far + 1], tolerance)
    second = simplify(ring[far:] + ring[:1], tolerance)
    return first[:-1] + second[:-1]


def fit_affine(pairs: list[tuple[Point, Point]]) -> tuple[list[float], list[float]]:
    """Least-squares x = a lon + b lat + c and y = d lon + e lat + f."""
    import numpy as np

    a = np.array([[lon, lat, 1.0] for (lon, lat), _ in pairs])
    xs = np.array([p[0] for _, p in pairs])
    ys = np.array([p[1] for _, p in pairs])
    fx = np.linalg.lstsq(a, xs, rcond=None)[0]
    fy = np.linalg.lstsq(a, ys, rcond=None)[0]
    return [float(v) for v in fx], [float(v) for v in fy]


def convert(svg: Path) -> dict[str, object]:
    """The map asset's document from the SVG's text."""
    text = svg.read_text(encoding="utf-8")
    states = []
    pairs: list[tuple[Point, Point]] = []
    for match in _PATH.finditer(text):
        sid = match["id"]
        rings = [r for r in parse_path(match["d"]) if abs(area(r)) >= MIN_AREA]
        simple = [simplify_ring(r, TOLERANCE) for r in rings]
        simple = [r for r in simple if len(r) >= 3]
        centre = centroid(rings)
        pairs.append((CENTRES[sid], centre))
        states.append({
            "id": sid, "name": match["name"], "code": INEGI_CODES[sid],
            "centre": [round(centre[0], 1), round(centre[1], 1)],
            "rings": [[[round(x, 1), round(y, 1)] for x, y in r] for r in simple],
        })
    if len(states) != 32:
        raise SystemExit(f"{svg}: expected 32 states, found {len(states)}")
    fx, fy = fit_affine(pairs)
    worst = 0.0
    for (lon, lat), (x, y) in pairs:
        px = fx[0] * lon + fx[1] * lat + fx[2]
        py = fy[0] * lon + fy[1] * lat + fy[2]
        worst = max(worst, ((px - x) ** 2 + (py - y) ** 2) ** 0.5)
    print(f"affine fit: worst residual {worst:.1f} viewBox units", file=sys.stderr)
    states.sort(key=lambda s: str(s["id"]))
    return {
        "source": "svg-maps by Victor Cazanave (@svg-maps/mexico 2.0.0), CC BY 4.0; "
                  "simplified and converted to JSON for Plaza by packaging/make_map.py",
        "viewbox": [793, 498],
        "lonlat_to_x": [round(v, 6) for v in fx],
        "lonlat_to_y": [round(v, 6) for v in fy],
        "states": states,
    }


def main(argv: list[str]) -> int:
    """Write the asset; print its size and point count."""
    svg = Path(argv[0]) if argv else DEFAULT_SVG
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    document = convert(svg)
    body = json.dumps(document, separators=(",", ":"), sort_keys=True) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    points = sum(len(r) for s in document["states"] for r in s["rings"])  # type: ignore[attr-defined]
    print(f"{out}: {len(body):,} bytes, {points:,} points", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
