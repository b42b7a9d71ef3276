"""Writing files others will open: spreadsheet cells that cannot run as formulas, and output paths
that neither follow a planted link nor replace a file without being asked."""

from __future__ import annotations

import os
from pathlib import Path

#: OWASP's rule for CSV injection: a cell starting with one of these can run as a formula in Excel,
#: LibreOffice or Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> object:
    """A spreadsheet cell that cannot run as a formula: text that starts with = + - @, a tab or a line
    break gets a leading apostrophe (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_row(values) -> list[object]:
    return [safe_cell(v) for v in values]


def frame_csv(frame) -> str:
    """A pandas table as CSV text, every text cell made safe (safe_cell)."""
    return frame.map(safe_cell).to_csv(index=False)


class OutputRefused(ValueError):
    """The output path is a link, or a file that would be replaced without --force."""


def write_output(path: Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write ``data`` to ``path``. A link there is refused (it could point at any file the user may
    write); an existing file is replaced only with ``force``."""
    path = Path(path)
    if path.is_symlink():
        raise OutputRefused(f"{path} is a link; write to a plain file name instead.")
    if path.exists() and not force:
        raise OutputRefused(f"{path} exists already; add --force to replace it.")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | (0 if force else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        raise OutputRefused(f"{path} exists already; add --force to replace it.") from None
    except OSError as exc:
        if path.is_symlink():  # made between the check and the open
            raise OutputRefused(f"{path} is a link; write to a plain file name instead.") from None
        raise OutputRefused(f"{path} cannot be written ({exc.strerror}).") from None
    with os.fdopen(fd, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path
