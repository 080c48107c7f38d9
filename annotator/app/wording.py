"""Counts said in words, the same in every message of both faces."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """'1 claim', '2 claims': ``n`` and its noun, with an "s" unless there is one."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
