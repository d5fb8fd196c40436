"""Atomic output: a target is either left as it was or replaced by the whole new file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from govinfo_report._limits import special_kind
from govinfo_report.exceptions import WriteError

__all__ = ["Target", "write_atomic"]

Target = str | os.PathLike[str] | BinaryIO
"""Where a writer puts its output: a file path or a binary stream."""


def _refuse_special(path: Path) -> None:
    """Refuse a target that exists and is not a regular file, before anything is written.

    Renaming over a device, a FIFO or a socket would replace it (as root,
    ``/dev/full``-like nodes were destroyed); a directory cannot be written.
    The check follows a symbolic link: a link to a special file is refused
    too, and a link to a regular file is replaced by the new file (the file
    it pointed to is left as it was; see ``docs/limits.md``).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # no such file (or a dangling link): nothing is replaced
    kind = special_kind(mode)
    if kind is not None:
        raise WriteError(
            f"{path}: 已存在且不是普通文件，而是{kind}，不写出也不替换"
            " (exists and is not a regular file: refused, left as it was)"
        )


def write_atomic(target: Target, data: bytes) -> None:
    """Write ``data`` to ``target`` all at once.

    For a path, the bytes go to a temporary file in the same folder, which is
    flushed to disk and then renamed over the target, so a crash at any point
    leaves either the old file or the complete new one. A stream gets the bytes
    in one ``write`` call, after everything that could fail has been done.

    Raises:
        WriteError: the file could not be written; the target is unchanged.
    """
    if not isinstance(target, (str, os.PathLike)):
        try:
            target.write(data)
        except (OSError, ValueError) as error:
            raise WriteError(f"写入失败 (write failed): {error}") from error
        return
    path = Path(target)
    _refuse_special(path)
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as tmp:
            tmp_name = tmp.name
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        # NamedTemporaryFile is private (0600); give the file the mode a plain
        # open() would, or keep the mode of the file it replaces.
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as error:
        # str(error) names the temporary file, which the user never asked for
        # and which is gone by now: name the target and say what went wrong.
        reason = error.strerror or type(error).__name__
        raise WriteError(f"{path}: 写入失败 (write failed): {reason}") from error
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
