"""Print the median time to draw the map with 9 markers plus a 24-point chart at 1280x720."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

# Run as a plain script from anywhere: make the repository root importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from game.ui.widgets.charts import Series, draw_line_chart
from game.ui.widgets.mexico_map import MapMarker, MexicoMap, draw_legend_strip
from game.ui.widgets.palette import categorical_colour

MARKERS = [
    MapMarker("juarez", "Ciudad Juárez", -106.45, 31.7, 280.0, -1),
    MapMarker("culiacan", "Culiacán", -107.4, 24.8, 85.0, 1),
    MapMarker("tijuana", "Tijuana", -117.0, 32.5, 130.0, 1),
    MapMarker("acapulco", "Acapulco", -99.9, 16.85, 110.0, 0),
    MapMarker("montana", "Montaña de Guerrero", -98.6, 17.5, 40.0, -1),
    MapMarker("tierra_caliente", "Tierra Caliente", -102.0, 19.0, 160.0, 1),
    MapMarker("guanajuato", "Guanajuato", -101.2, 20.6, 70.0, 1),
    MapMarker("sonora", "Sonora border", -110.9, 31.0, 35.0, 0),
    MapMarker("rest", "Rest of Mexico", -99.1, 19.4, 22.0, -1),
]


def main(frames: int = 200) -> None:
    """Draw the same frame `frames` times and print the median and 95th percentile in ms."""
    pygame.init()
    surface = pygame.Surface((1280, 720))
    font = pygame.font.Font(None, 20)
    mexico = MexicoMap()
    mexico.layout(pygame.Rect(10, 10, 800, 520))
    values: list[float | None] = [100.0 + 10 * (i % 5) for i in range(24)]
    series = [
        Series("a", values, categorical_colour(0)),
        Series("b", values[::-1], (90, 90, 90), True),
    ]
    labels = [f"{2019 + i // 4}-Q{i % 4 + 1}" for i in range(24)]
    bins = ["1", "2", "3", "4", "5", "6"]
    times: list[float] = []
    for _ in range(frames):
        start = time.perf_counter()
        mexico.draw(surface, MARKERS, "culiacan", "standard", font)
        draw_legend_strip(surface, pygame.Rect(10, 540, 800, 60), "standard", font, "Legend",
                          bins)  # the legend the main screen draws, under the map
        draw_line_chart(
            surface, pygame.Rect(830, 240, 440, 300), series, font,
            title="Chart", y_label="per 100k", x_labels=labels, y_min=0, marker_x=20,
        )  # fmt: skip
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"map+legend+chart 1280x720: median {statistics.median(times):.2f} ms, "
          f"p95 {times[int(0.95 * len(times))]:.2f} ms over {frames} frames")  # fmt: skip


if __name__ == "__main__":
    main()
