"""Pure pygame-ce drawing widgets (map, charts, bars) that paint onto a given Surface."""
