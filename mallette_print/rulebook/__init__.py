"""The rulebook: the Markdown rules, the generated sections, the page builder, rulebook.pdf and the booklet."""
