"""Verdict colours that stay readable on the theme in force.

A scale names one colour per verdict ("gold", "chartreuse", "green") for screens and
reports alike; on Textual's light theme gold text on the light grey list reads at about
1.1:1, and on the dark theme green at 3:1. Each verdict keeps its hue, moved toward black
on a light background or toward white on a dark one until it reads at WCAG AA (4.5:1).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from textual.color import BLACK, WHITE, Color

from annotator.scales import Scale

AA = 4.5
"""WCAG AA contrast for normal text."""


def luminance(colour: Color) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        s = value / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@lru_cache(maxsize=256)
def readable(colour: str, background: Color) -> str:
    """``colour`` as a hex value that reads at ``AA`` on ``background``: itself if it
    does, else blended toward black (light background) or white (dark) just enough."""
    try:
        base = Color.parse(colour)
    except Exception:  # a name Textual does not know: leave it to the renderer
        return colour
    toward = BLACK if luminance(background) > 0.18 else WHITE
    for step in range(21):
        shade = base.blend(toward, step / 20)
        if contrast(shade, background) >= AA:
            return shade.hex
    return toward.hex


def verdict_colours(scale: Scale, background: Color | None) -> dict[str, str]:
    """verdict key -> a colour for its word on ``background`` (the scale's own colours
    when the background is not known yet)."""
    if background is None:
        return {level.key: level.colour for level in scale.levels}
    return {level.key: readable(level.colour, background) for level in scale.levels}


def on_background(scale: Scale, background: Color) -> Scale:
    """``scale`` with each verdict's colour readable on ``background``, for the views
    that colour verdict words (the details panel, reconcile, earlier checks)."""
    colours = verdict_colours(scale, background)
    levels = tuple(replace(level, colour=colours[level.key]) for level in scale.levels)
    return replace(scale, levels=levels)
