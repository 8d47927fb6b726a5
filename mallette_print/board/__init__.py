"""The board: its layout in millimetres, drawing it whole (board.pdf) and tiled on home paper (board-tiles.pdf)."""
