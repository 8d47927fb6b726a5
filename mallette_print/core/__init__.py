"""The game as data: YAML loading with locations, the model, validation, coherence, diagnostics, units, errors.

Nothing here imports reportlab or click.
"""
