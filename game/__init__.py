"""Plaza: a turn-based policy game about criminal violence in Mexico."""

__version__ = "0.1.0"
