"""Reading a file a user gave the kit (a casebook file, a caseload, a status file) with limits: only
a regular file, of a size the kit's files never reach, and, where a folder is named, inside it."""

from __future__ import annotations

from pathlib import Path

from .problems import printable

#: The largest input file read whole; casebook files are a few KB (callers may set their own).
MAX_BYTES = 1_000_000


class NotAFile(OSError):
    """A path that is not a plain file inside the casebook: the message says what it is."""


def read_input(path: Path, within: Path | None = None, most: int = MAX_BYTES) -> str:
    """The text of ``path``, which must be a regular file (not a device or a pipe, which could be read
    for ever) no larger than ``most`` bytes and, with ``within``, inside that folder once links are
    followed (a link out of the casebook could show any file of the machine's)."""
    import stat

    if within is not None:
        target = path.resolve()
        if not target.is_relative_to(within.resolve()):
            raise NotAFile(f"the file leads by a link to {printable(target, 120)}, outside the casebook folder; copy "
                            "the file into the casebook instead.")
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe" if stat.S_ISFIFO(info.st_mode) else "a device or a socket"
        raise NotAFile(f"this is {kind}, not a file; a casebook holds plain text files.")
    if info.st_size > most:
        raise NotAFile(f"the file is larger than {most // 1000:,} KB, far more than a casebook file needs; split it "
                        "or remove what does not belong.")
    with open(path, "rb") as f:  # at most one byte past the limit, however the file grows meanwhile
        data = f.read(most + 1)
    if len(data) > most:
        raise NotAFile(f"the file is larger than {most // 1000:,} KB; split it or remove what does not belong.")
    return data.decode("utf-8")
