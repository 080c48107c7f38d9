"""Screens and modal dialogs of the review TUI, one module per screen."""
