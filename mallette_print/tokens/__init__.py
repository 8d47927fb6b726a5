"""tokens.pdf: actor pawns, track and round markers and deadline tokens to cut, fold and glue."""
