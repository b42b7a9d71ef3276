"""The demo's request handlers: each overrides one of Voila's, for one job (the index, a page under
the caps, the closing beacon, no logout), and the static files sent gzipped."""

from __future__ import annotations

import atexit
import gzip
import hashlib
import mimetypes
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from tornado.web import HTTPError
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from .pages import BUSY_HTML, PAGES, SLOW_DOWN_HTML, index_html, not_found

if TYPE_CHECKING:
    from .app import DemoVoila


class IndexHandler(TornadoVoilaTreeHandler):
    """The plain list of pages, instead of Voila's file tree."""

    def get(self, path=None):
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(index_html(self.base_url))


class PageHandler(TornadoVoilaHandler):
    """A page, or the busy page when the visitor cap is reached. The visitor's place is reserved before
    anything is started (Tornado runs one handler at a time until it awaits), so a burst of requests
    can never start more kernels than there are places."""

    async def get(self, path=None):
        name = (path or "").removesuffix(".ipynb")
        if name not in PAGES:
            not_found(self)
            return
        app: DemoVoila = self.settings["irt_app"]
        if not app.client_may_open(app.client_of(self.request)):
            self.set_status(429)
            self.set_header("Retry-After", "60")
            self.finish(SLOW_DOWN_HTML)
            return
        if not app.reserve():
            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.finish(BUSY_HTML)
            return
        before = app.page_kernels()
        try:
            return await super().get(path)
        finally:
            app.release(before)


class LogoutHandler(TornadoVoilaTreeHandler):
    """The demo has no accounts: /logout is simply not a page (Voila's own answered 500)."""

    def get(self, path=None):
        not_found(self)


class PageClosedHandler(VoilaShutdownKernelHandler):
    """The beacon a page sends as it closes, asking to shut its kernel down at once.

    Voila's page sends it without an _xsrf token, so Voila's own handler refuses it (403) and a closed
    page kept its kernel, and its visitor's place, until the culler came two minutes later. The
    request names a kernel by its random id, which only that page knows (the kernels API is not
    served), so accepting it without the token lets nobody close someone else's page."""

    def check_xsrf_cookie(self):
        return None


class GzippedOnce:
    """Mixed into Voila's static file handlers: a script or style is compressed once, into a folder
    of the server's, and that copy is what the handler's own ``get`` sends to a browser that accepts
    gzip. Tornado would otherwise gzip every file anew for every visitor (about 5 MB a page view), on
    the server's only thread, while the page waits.

    Only Tornado's documented hooks are overridden (``validate_absolute_path`` to point at the
    compressed copy; ``get_content_size``, ``get_content_type`` and ``set_extra_headers`` to describe
    it), so the path checks, ETags, 304s, ranges and caching headers are the handler's own. A range
    request or a browser that does not accept gzip gets the file itself."""

    _folder: Path | None = None  # made at the first compressed answer, for the server's life

    async def get(self, path, include_body=True):
        try:
            await super().get(path, include_body)
        except (AssertionError, ValueError) as e:
            # Voila's template handler asserts on a malformed path such as static/../..: nothing is
            # served either way, but the visitor should see "not found", not a server error
            raise HTTPError(404) from e

    def validate_absolute_path(self, root, absolute_path):
        self.original_path = path = super().validate_absolute_path(root, absolute_path)
        accepts = "gzip" in self.request.headers.get("Accept-Encoding", "") and "Range" not in self.request.headers
        if path is None or not accepts or not _compressible(path):
            return path
        return str(self._compressed(Path(path)))

    @classmethod
    def _compressed(cls, path: Path) -> Path:
        """The gzipped copy of ``path`` as it is now (a changed file gets a new copy)."""
        if cls._folder is None:
            cls._folder = Path(tempfile.mkdtemp(prefix="irt-demo-gz-"))
            atexit.register(shutil.rmtree, cls._folder, True)
        stat = path.stat()
        key = hashlib.sha256(f"{path}|{stat.st_mtime_ns}|{stat.st_size}".encode()).hexdigest()[:32]
        copy = cls._folder / f"{key}.gz"
        if not copy.exists():
            part = copy.with_suffix(f".{os.getpid()}.part")
            part.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
            part.replace(copy)  # whole or not at all
        return copy

    def _sends_copy(self) -> bool:
        return getattr(self, "original_path", None) not in (None, self.absolute_path)

    def get_content_size(self):
        return os.stat(self.absolute_path).st_size if self._sends_copy() else super().get_content_size()

    def get_content_type(self):
        if not self._sends_copy():
            return super().get_content_type()
        return mimetypes.guess_type(self.original_path)[0] or "application/octet-stream"

    def set_extra_headers(self, path):
        super().set_extra_headers(path)
        self.set_header("Vary", "Accept-Encoding")
        if self._sends_copy():
            # a Content-Encoding already set tells Tornado's own gzip transform to leave the body alone
            self.set_header("Content-Encoding", "gzip")


def _compressible(path: str) -> bool:
    kind = mimetypes.guess_type(path)[0] or ""
    return kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml")


def gzipped_once(handler: type) -> type:
    return type(handler.__name__, (GzippedOnce, handler), {"__doc__": handler.__doc__})
