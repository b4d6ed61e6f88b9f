"""Every screen of the game, one module each."""
