"""Readers for reports as they are really published: text, HTML, PDF.

Every reader turns its input into lines of text and grids of cells, then hands
the grids to the one label-anchored table matcher (`_table.match_grid`) and the
lines to the narrative splitter (`_narrative.split_sections`).
"""
