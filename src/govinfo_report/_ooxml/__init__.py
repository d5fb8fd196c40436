"""The shared OOXML layer under the Word reader and writer: XML helpers, layout, styles, package guard.

It never imports a reader or a writer.
"""
