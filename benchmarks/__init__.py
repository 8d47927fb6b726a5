"""Speed measurements, outside the shipped package: `python -m benchmarks.cards`, `.sim`, `.watch`."""
