"""Rendering: the only package that touches reportlab."""
