"""Playability simulator: plays the game from its data and reports its balance."""
