"""Reading and writing export files safely: text decoding, and atomic replacement on write."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _mode_for(path: Path) -> int:
    """Keep the permissions of the file being replaced; a new file gets the usual 0666 & ~umask
    (mkstemp would make it private to the user)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class ExportFileError(Exception):
    """A file could not be read or written; the message names it and says why, in one line."""


#: The first bytes of every SQLite database, plan files included.
SQLITE_MAGIC = b"SQLite format 3\x00"


def check_target(path: Path) -> None:
    """Refuse, before any work, a target whose folder is missing or that is a database: no export
    is an SQLite file, so replacing one (a plan chosen as the output by mistake) would destroy it."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportFileError(f"{path}: the folder {folder} does not exist")
    try:
        with Path(path).open("rb") as handle:
            start = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return  # missing or unreadable: nothing to protect, and the write says why it fails
    if start == SQLITE_MAGIC:
        raise ExportFileError(f"{path}: is a plan or another database; choose another file to write")


def read_bytes_file(path: Path, limit: int, what: str) -> bytes:
    """A file's bytes, refusing missing, folder, unreadable and huge files with one line each."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(limit + 1)  # bounded: devices and pipes report no size
    except FileNotFoundError:
        raise ExportFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ExportFileError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise ExportFileError(f"{path}: cannot be read ({error.strerror})") from None
    if len(data) > limit:
        raise ExportFileError(f"{path}: is too large (over {limit:,} bytes) to be {what}")
    return data


def read_text_file(path: Path, limit: int = 200 * 1024 * 1024) -> str:
    """UTF-8 text (a byte-order mark is allowed), refusing huge or undecodable files clearly."""
    data = read_bytes_file(path, limit, "a plan")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExportFileError(f"{path}: is not UTF-8 text (byte {error.start})") from None


def atomic_write_text(path: Path, text: str) -> None:
    """Write to a temporary file beside path, fsync, then rename over it: a failed write leaves
    any earlier file untouched."""
    check_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportFileError(f"{path}: cannot be written ({error.strerror})") from None
    try:
        os.fchmod(descriptor, _mode_for(path))
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportFileError(f"{path}: cannot be written ({error.strerror or error})") from None
