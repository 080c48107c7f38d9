"""Where annotator keeps its files; every path can be overridden.

The database: ``--db PATH``, else ``ANNOTATOR_DB``, else ``annotator.db`` in the user
data dir. The desk config: ``ANNOTATOR_CONFIG``, else ``config.toml`` in the user config
dir.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "annotator"
SAMPLE_NAME = "mdma-assisted-therapy.md"


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False))


def db_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The database file in force: the option, the environment, or the default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("ANNOTATOR_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "annotator.db"


def config_path() -> Path:
    env = os.environ.get("ANNOTATOR_CONFIG")
    return Path(env).expanduser() if env else config_dir() / "config.toml"


def sample_article() -> Path:
    """The bundled sample article: inside the wheel, or ``data/`` in a checkout."""
    packaged = resources.files("annotator").joinpath("sample", SAMPLE_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "data" / SAMPLE_NAME
