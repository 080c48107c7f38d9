"""The Textual face: the app, its screens and widgets, stylesheets.

May import app/ and everything below it; never the CLI.
"""
