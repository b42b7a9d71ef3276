"""What the tests share: where the kit is, and helpers to run its course and servers (a test
imports them from here, never from another test)."""

from pathlib import Path

KIT = Path(__file__).resolve().parent.parent.parent
CASEBOOK = KIT / "casebook"
SHARED = KIT.parent / "shared"
