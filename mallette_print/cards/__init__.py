"""The card sheets: text fitting per face (layout), imposition on paper, painting faces and backs, and the
card outputs (cards.pdf, print-shop PDF, PNGs, Tabletop Simulator, previews).
"""
