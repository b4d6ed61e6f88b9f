"""A game as played, headless: the campaign, plans, the turn's rules, the player's session.

The screens and the command line reach the model only through this package (and the
classroom one); it never imports pygame.
"""
