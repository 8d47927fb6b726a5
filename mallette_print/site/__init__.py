"""The kit's static website: `mallette site --out DIR` (shell: the page frame; pages, rules: the pages; build)."""
