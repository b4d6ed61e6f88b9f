"""Foundations every layer stands on: paths, problems, translation, files, calendar, scales.

Nothing here imports any other part of the game.
"""
