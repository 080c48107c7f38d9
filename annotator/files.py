"""Reading a file the user named: one clear line when it cannot be read."""

from __future__ import annotations

from pathlib import Path

from annotator.errors import InputError


def read_user_file(path: str | Path, what: str = "file") -> bytes:
    """The bytes of ``path``; ``what`` names it in the message ("scale file", ...)."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} {str(p)!r} not found (no such file): check the path") from None
    except IsADirectoryError:
        raise InputError(f"{what} {str(p)!r} is a folder: give the file itself") from None
    except OSError as exc:
        raise InputError(
            f"{what} {str(p)!r} cannot be read ({exc.strerror}): check the path and its permissions"
        ) from None
