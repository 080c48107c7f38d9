"""Errors the core raises for the faces to show as one line."""


class AnnotatorError(Exception):
    """A problem the user can fix. The message names the thing and what to do."""


class NotFoundError(AnnotatorError):
    """An id that names nothing in the database."""


class DatabaseVersionError(AnnotatorError):
    """The database was written by a newer annotator."""


class InputError(AnnotatorError):
    """A file or value that cannot be read as what it should be."""


class DeskConfigError(InputError):
    """What an action needs from the desk config is not set. ``need`` says what, ``keys``
    names the keys; the message tells the command line how to set them, and a face with
    a place of its own to set them (the TUI's settings screen) names that instead."""

    def __init__(self, need: str, keys: tuple[str, ...], how: str) -> None:
        super().__init__(f"{need}: {how}")
        self.need = need
        self.keys = keys


class ForeignFileError(AnnotatorError):
    """The file is not an annotator database (another program's, or not SQLite at all)."""


class DatabaseLockedError(AnnotatorError):
    """Another program holds the database file's lock."""


class DamagedDatabaseError(AnnotatorError):
    """The database file is cut short or has unreadable pages."""


class NotAllowedError(AnnotatorError):
    """An action the person's role does not allow (an editor's, asked by a reviewer)."""
