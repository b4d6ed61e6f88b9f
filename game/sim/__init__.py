"""The consequence model: numpy arrays shaped (runs, regions, ...), never pygame."""
