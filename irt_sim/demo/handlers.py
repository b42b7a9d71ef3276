"""The demo's request handlers: each overrides one of Voila's, for one job (the index, a page under
the caps, the closing beacon, no logout), and the static files sent gzipped."""

from __future__ import annotations

import gzip
import mimetypes
import os
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
    """Mixed into Voila's static file handlers: a script or style is compressed the first time it is
    asked for and then sent from memory. Tornado would otherwise read and gzip every file anew for
    every visitor (about 5 MB a page view), on the server's only thread, while the page waits.

    Path checks, allow and deny lists, ETags and caching headers are the handler's own, unchanged;
    a range request or a browser that does not accept gzip gets the handler's plain answer."""

    _gzipped: dict[tuple[str, float, int], bytes] = {}

    async def get(self, path, include_body=True):
        try:
            await self._get(path, include_body)
        except (AssertionError, ValueError) as e:
            # Voila's template handler asserts on a malformed path such as static/../..: nothing is
            # served either way, but the visitor should see "not found", not a server error
            raise HTTPError(404) from e

    async def _get(self, path, include_body):
        if "gzip" not in self.request.headers.get("Accept-Encoding", "") or "Range" in self.request.headers:
            return await super().get(path, include_body)
        # the first steps of StaticFileHandler.get: resolve and check the path, set headers, answer 304
        self.path = self.parse_url_path(path)
        absolute_path = self.get_absolute_path(self.root, self.path)  # Voila's may set self.root: two steps
        self.absolute_path = self.validate_absolute_path(self.root, absolute_path)
        if self.absolute_path is None:
            return
        if not _compressible(self.absolute_path):
            return await super().get(path, include_body)
        self.modified = self.get_modified_time()
        self.set_headers()
        if self.should_return_304():
            self.set_status(304)
            return
        stat = os.stat(self.absolute_path)
        key = (self.absolute_path, stat.st_mtime, stat.st_size)
        body = self._gzipped.get(key)
        if body is None:
            with open(self.absolute_path, "rb") as f:
                body = self._gzipped[key] = gzip.compress(f.read(), compresslevel=9, mtime=0)
        # a Content-Encoding already set tells Tornado's own gzip transform to leave the body alone
        self.set_header("Content-Encoding", "gzip")
        self.set_header("Vary", "Accept-Encoding")
        self.set_header("Content-Length", len(body))
        if include_body:
            self.write(body)


def _compressible(path: str) -> bool:
    kind = mimetypes.guess_type(path)[0] or ""
    return kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml")


def gzipped_once(handler: type) -> type:
    return type(handler.__name__, (GzippedOnce, handler), {"__doc__": handler.__doc__})
