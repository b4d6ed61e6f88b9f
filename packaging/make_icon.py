"""Draw Plaza's application icon and write it as PNG, ICO (Windows) and ICNS (macOS).

    python packaging/make_icon.py          # rewrites packaging/plaza.{png,ico,icns}

The icon is a town square seen from above: a teal rounded tile, a cream plaza crossed by
two paths, and a kiosk in the middle. It is drawn with pygame at 1024 px and scaled down;
the files are written by hand (PNG chunks, ICO and ICNS containers holding PNG images) so
the output is byte-for-byte reproducible and needs nothing beyond pygame. The generated
files are committed; build.spec uses them.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

HERE = Path(__file__).resolve().parent
BASE = 1024
TEAL = (31, 111, 120)
TEAL_DARK = (15, 66, 73)
CREAM = (244, 241, 234)
STONE = (221, 216, 207)
ORANGE = (214, 122, 0)


def draw(size: int = BASE) -> pygame.Surface:
    """Draw the icon at `size` pixels (RGBA)."""
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    u = size / 64.0  # design grid: 64 x 64 units

    def r(x: float, y: float, w: float, h: float) -> pygame.Rect:
        return pygame.Rect(round(x * u), round(y * u), round(w * u), round(h * u))

    pygame.draw.rect(s, TEAL, r(2, 2, 60, 60), border_radius=round(12 * u))
    pygame.draw.circle(s, CREAM, (size // 2, size // 2), round(23 * u))
    # two paths crossing the square
    pygame.draw.rect(s, STONE, r(29, 9, 6, 46))
    pygame.draw.rect(s, STONE, r(9, 29, 46, 6))
    # four lawns
    for cx, cy in ((22, 22), (42, 22), (22, 42), (42, 42)):
        pygame.draw.circle(s, (120, 168, 160), (round(cx * u), round(cy * u)), round(5 * u))
    # the kiosk: an octagon with a dark roof ring and an orange lantern
    centre = pygame.Vector2(size / 2, size / 2)
    octagon = [centre + pygame.Vector2(10 * u, 0).rotate(22.5 + 45 * k) for k in range(8)]
    pygame.draw.polygon(s, TEAL_DARK, octagon)
    inner = [centre + pygame.Vector2(6.5 * u, 0).rotate(22.5 + 45 * k) for k in range(8)]
    pygame.draw.polygon(s, CREAM, inner)
    pygame.draw.circle(s, ORANGE, centre, round(3.2 * u))
    return s


def png_bytes(surface: pygame.Surface) -> bytes:
    """Encode an RGBA surface as a PNG (deterministic: fixed zlib level, no timestamps)."""
    w, h = surface.get_size()
    raw = pygame.image.tobytes(surface, "RGBA")
    rows = b"".join(b"\x00" + raw[y * w * 4:(y + 1) * w * 4] for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def scaled(big: pygame.Surface, size: int) -> pygame.Surface:
    """Scale the master drawing down smoothly."""
    return pygame.transform.smoothscale(big, (size, size))


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding PNG-compressed images (Windows Vista and later)."""
    sizes = sorted(images)
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    body = b""
    for size in sizes:
        data = images[size]
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(body))
        body += data
    return out + body


def icns_bytes(images: dict[int, bytes]) -> bytes:
    """An ICNS file holding PNG images (ic07 128 px ... ic10 1024 px)."""
    types = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08",
             512: b"ic09", 1024: b"ic10"}
    body = b"".join(types[s] + struct.pack(">I", 8 + len(images[s])) + images[s]
                    for s in sorted(images) if s in types)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> None:
    """Write plaza.png (256 px), plaza.ico and plaza.icns next to this script."""
    big = draw(BASE)
    pngs = {size: png_bytes(big if size == BASE else scaled(big, size))
            for size in (16, 24, 32, 48, 64, 128, 256, 512, 1024)}
    (HERE / "plaza.png").write_bytes(pngs[256])
    (HERE / "plaza.ico").write_bytes(ico_bytes({s: pngs[s] for s in (16, 24, 32, 48, 64, 256)}))
    (HERE / "plaza.icns").write_bytes(
        icns_bytes({s: pngs[s] for s in (16, 32, 64, 128, 256, 512, 1024)}))
    for name in ("plaza.png", "plaza.ico", "plaza.icns"):
        print(f"{name}: {(HERE / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
