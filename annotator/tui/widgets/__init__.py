"""Widgets the TUI screens compose: claim list, article view, details, panels."""
