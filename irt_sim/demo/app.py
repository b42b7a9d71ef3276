"""The public demo: `irt-academy demo` serves the read-only pages in course/pages/ with Voila.

Voila's own safe defaults stay as they are and are only tightened: sources stripped, tracebacks
hidden, no execute requests from the browser, only image files downloadable (never YAML, Python or a
notebook's JSON). On top of them this app
- serves exactly the pages: a plain index at / and /voila/render/<page>.ipynb, no file tree and no
  contents listing;
- keeps a preheated kernel per page (or more: --preheat), so the first paint is quick;
- caps the visitors holding a page at once (each costs a kernel, 115 to 155 MB here) and the memory
  of the server with its kernels; one more visitor gets a polite "busy, try again" page with HTTP 503
  and Retry-After, and nobody's open page breaks;
- shuts a kernel down as soon as its page closes, and culls those whose page went without a word;
  either frees the visitor's place;
- sends its scripts and styles gzipped, compressing each file once and keeping it in memory.
"""

from __future__ import annotations

import gzip
import html
import mimetypes
import os
import time
from pathlib import Path

from jupyter_client.ioloop import AsyncIOLoopKernelManager
from tornado.web import HTTPError, StaticFileHandler
from traitlets import Bool, Int
from traitlets.config import Config
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from ..inputs.casebook import kit_root
from ..inputs.packaged import data_file

#: The page notebooks, in the order the index lists them, with the title shown there.
PAGES = {
    "arc_versus_referral": "ARC versus simple referral: what changes for a group of jobseekers",
    "team_explorer": "Who sits at the table? Barriers and partners for one jobseeker",
    "ips_fidelity_self_check": "IPS fidelity self-check for three sample agencies",
    "outcomes_funnel": "Outcomes: from referral to a job kept",
}

# Only the widget managers' front-end extensions: Voila's default loads every JupyterLab extension
# in the environment (about 10 MB).
EXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8", "anywidget"]

TEMPLATE_DIR = data_file("demo_template")

_STYLE = ("body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5;"
          "color:#1a1a1a}a{color:#0b4f8a}a:focus{outline:3px solid #e69f00;outline-offset:2px}")


def pages_dir() -> Path:
    root = kit_root()
    if root is None:
        raise FileNotFoundError("cannot find the kit's course/pages folder")
    return root / "course" / "pages"


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><main>{body}</main></body></html>")


def index_html(base_url: str = "/") -> str:
    items = "".join(f'<li><a href="{base_url}voila/render/{name}.ipynb">{html.escape(title)}</a></li>'
                    for name, title in PAGES.items())
    return _page("IRT Community Academy: demo pages",
                 "<h1>IRT Community Academy: try it yourself</h1><p>Interactive pages from a training kit on "
                 "Integrated Resource Teams, Active Resource Coordination and IPS supported employment. "
                 "Every person and agency in them is invented.</p>"
                 f"<ul>{items}</ul>")


BUSY_HTML = _page("Busy: please try again shortly",
                  "<h1>Busy: please try again in a minute</h1><p>Many people are using the demo right now, and "
                  "each open page needs its own share of the server. Please wait a minute and reload this "
                  "page.</p>")


class IndexHandler(TornadoVoilaTreeHandler):
    """The plain list of pages, instead of Voila's file tree."""

    def get(self, path=None):
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(index_html(self.base_url))


SLOW_DOWN_HTML = _page("Too many pages at once",
                       "<h1>Please slow down</h1><p>This address has opened many demo pages in the last minute. "
                       "Please wait a minute, then reload this page.</p>")


def _not_found(handler) -> None:
    handler.set_status(404)
    handler.finish(_page("Not found", f'<h1>There is no such page</h1><p><a href="{handler.base_url}">The demo '
                                      "pages</a></p>"))


class PageHandler(TornadoVoilaHandler):
    """A page, or the busy page when the visitor cap is reached. The visitor's place is reserved before
    anything is started (Tornado runs one handler at a time until it awaits), so a burst of requests
    can never start more kernels than there are places."""

    async def get(self, path=None):
        name = (path or "").removesuffix(".ipynb")
        if name not in PAGES:
            _not_found(self)
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
        _not_found(self)


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


def _gzipped_once(handler: type) -> type:
    return type(handler.__name__, (GzippedOnce, handler), {"__doc__": handler.__doc__})


#: How the pages are prepared: a preheated kernel has already run the page when a visitor arrives;
#: progressive rendering shows each cell as it runs; plain runs the whole page, then shows it.
RENDERINGS = ("preheated", "progressive", "plain")

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_mb(pid: int) -> float:
    """A process's resident memory in MB, from /proc (0 where there is no /proc, or it has gone)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * _PAGE_BYTES / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def child_pids(pid: int) -> list[int]:
    """The direct children of a process (a demo server's kernels, those still starting too), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:  # the parent's pid
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def children_mb(pid: int) -> list[float]:
    """Resident MB of each direct child of a process, from /proc; for measuring a running demo from
    outside (tests, bench/)."""
    return [resident_mb(child) for child in child_pids(pid)]


#: A kernel's resident memory before it has run its page, for places reserved but not yet started.
KERNEL_MB = 150.0


class LimitedKernelManager(AsyncIOLoopKernelManager):
    """A demo kernel under limits of its own (prlimit, from util-linux): address space and CPU time, as
    DemoVoila's kernel_memory and kernel_cpu say. A kernel past them fails alone."""

    limits: tuple[int, int] | None = None  # (MB, seconds), set by the demo app

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        prlimit = "/usr/bin/prlimit"
        if not os.path.exists(prlimit) or self.limits is None:
            return cmd
        memory_mb, cpu_seconds = self.limits
        return [prlimit, f"--as={memory_mb * 2**20}", f"--cpu={cpu_seconds}", "--core=0", "--", *cmd]


class DemoVoila(Voila):
    """Voila, serving only the kit's pages, with caps on visitors and memory."""

    name = "irt-academy-demo"
    max_visitors = Int(20, help="Pages open at once; one more visitor gets the busy page.").tag(config=True)
    max_memory = Int(4096, help="MB the server and all its kernels may hold together (0: no limit). A "
                                "visitor is let in only while one more kernel still fits.").tag(config=True)
    kernel_memory = Int(2048, help="MB of address space one kernel may map (its resident memory is about a "
                                   "tenth of it); a kernel past it fails alone.").tag(config=True)
    kernel_cpu = Int(120, help="Seconds of CPU one kernel may use in its life; a page needs a few.").tag(config=True)
    connect_within = Int(15, help="Seconds a page's kernel waits for the page to connect, or to come back "
                                  "after it went, before it is shut down and its place freed.").tag(config=True)
    pages_per_minute = Int(30, help="Pages one client (IP address) may open in a minute.").tag(config=True)
    trust_proxy = Bool(False, help="Take the client's address from a reverse proxy's X-Real-Ip or "
                                   "X-Forwarded-For header (only behind a proxy that sets it).").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        LimitedKernelManager.limits = (self.kernel_memory, self.kernel_cpu)
        self._reserved = 0
        self._page_kernels: set[str] = set()  # kernels handed to a visitor's page
        self._alone_since: dict[str, float] = {}  # page kernel -> when it was last seen with no connection
        self._opened: dict[str, list[float]] = {}  # client -> when it opened its last pages

    # --- counting -------------------------------------------------------------------------------

    def kernel_pids(self) -> list[int]:
        """Every kernel process, those still starting too: the server's children."""
        return child_pids(os.getpid())

    def _pool_tasks(self) -> list:
        return [t for pool in getattr(self.kernel_manager, "_pools", {}).values() for t in pool]

    def pooled_ids(self) -> set[str]:
        out = set()
        for task in self._pool_tasks():
            if task.done() and not task.cancelled() and task.exception() is None:
                out.add(task.result().get("kernel_id"))
        return out

    def visitors(self) -> int:
        """Places taken: the pages served (their kernels) plus the requests still being answered, or the
        kernel processes not waiting in a pool (starting ones count), whichever is more."""
        served = len(self._page_kernels & set(self.kernel_manager.list_kernel_ids()))
        return max(len(self.kernel_pids()) - len(self._pool_tasks()), served + self._reserved)

    def memory(self) -> tuple[float, float]:
        """MB held now by the server and its kernels, and by its largest kernel."""
        kernels = [resident_mb(pid) for pid in self.kernel_pids()]
        return resident_mb(os.getpid()) + sum(kernels), max(kernels, default=0.0)

    def has_room(self) -> bool:
        if self.visitors() >= self.max_visitors:
            return False
        if self.max_memory:
            used, largest = self.memory()
            # the visitor's kernel, or the pool's refill once they take a preheated one, must still fit,
            # and so must the kernels of places reserved but not started yet
            return used + self._reserved * KERNEL_MB + max(largest, KERNEL_MB) <= self.max_memory
        return True

    # --- places ---------------------------------------------------------------------------------

    def reserve(self) -> bool:
        """Take a place for a visitor now (no await between the check and the count)."""
        if not self.has_room():
            return False
        self._reserved += 1
        return True

    def page_kernels(self) -> tuple[set[str], set[str]]:
        return set(self.kernel_manager.list_kernel_ids()), self.pooled_ids()

    def release(self, before: tuple[set[str], set[str]]) -> None:
        """The page has been sent: its kernel now counts by itself. Note which kernel it was (a
        preheated one taken from a pool, or one started for it) so that it is watched."""
        self._reserved -= 1
        kernels_before, pooled_before = before
        pooled_now = self.pooled_ids()
        taken = pooled_before - pooled_now
        if not self._pool_tasks():  # no pools (plain or progressive rendering): the kernel started for it
            taken |= set(self.kernel_manager.list_kernel_ids()) - kernels_before
        self._page_kernels |= {k for k in taken if k}

    def client_of(self, request) -> str:
        """The visitor's address: the connection's, or behind a trusted proxy the one it reports."""
        if self.trust_proxy:
            forwarded = request.headers.get("X-Real-Ip") or request.headers.get("X-Forwarded-For", "").split(",")[-1]
            if forwarded.strip():
                return forwarded.strip()
        return request.remote_ip

    def client_may_open(self, client: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self._opened.get(client, []) if now - t < 60]
        if len(recent) >= self.pages_per_minute:
            self._opened[client] = recent
            return False
        self._opened[client] = [*recent, now]
        if len(self._opened) > 10_000:  # forget clients gone quiet
            self._opened = {c: ts for c, ts in self._opened.items() if ts and now - ts[-1] < 60}
        return True

    async def free_lonely_kernels(self) -> None:
        """Shut down each page kernel that has had no connection for connect_within seconds: a page
        that never connected (a bare request), or one that went away, busy or not."""
        now = time.monotonic()
        running = set(self.kernel_manager.list_kernel_ids())
        self._page_kernels &= running
        for kid in list(self._page_kernels):
            try:
                connections = self.kernel_manager.kernel_model(kid).get("connections", 0)
            except Exception:  # noqa: BLE001 - gone meanwhile
                self._page_kernels.discard(kid)
                continue
            if connections:
                self._alone_since.pop(kid, None)
                continue
            since = self._alone_since.setdefault(kid, now)
            if now - since >= self.connect_within:
                self.log.info("Shutting down kernel %s: its page has not been connected for %s s", kid,
                              self.connect_within)
                self._page_kernels.discard(kid)
                self._alone_since.pop(kid, None)
                await self.kernel_manager.shutdown_kernel(kid, now=True)

    def start(self):
        from tornado.ioloop import PeriodicCallback

        PeriodicCallback(self.free_lonely_kernels, 2000).start()
        super().start()

    def setup_template_dirs(self):
        super().setup_template_dirs()
        # the kit's template (no third-party requests, a main landmark) is found first; it extends lab's
        self.template_paths.insert(0, str(TEMPLATE_DIR))

    def init_settings(self):
        settings = super().init_settings()
        # gzip the page and its scripts (about 5 MB of JavaScript and CSS). Voila's tornado_settings
        # cannot do it: they are applied after the application has chosen its output transforms.
        settings["compress_response"] = True
        settings["irt_app"] = self
        return settings

    def init_handlers(self):
        kept = []
        for pattern, handler, *rest in super().init_handlers():
            if handler is TornadoVoilaTreeHandler or "/voila/api/contents" in pattern:
                continue  # no file tree and no contents listing: the index below lists the pages
            if handler is TornadoVoilaHandler:
                handler = PageHandler
            elif handler is VoilaShutdownKernelHandler:
                handler = PageClosedHandler
            elif issubclass(handler, StaticFileHandler):
                handler = _gzipped_once(handler)
            kept.append((pattern, handler, *rest))
        kept.insert(0, (self.server_url.rstrip("/") + "/?", IndexHandler, {"voila_configuration": self.voila_configuration}))
        kept.insert(0, (self.server_url.rstrip("/") + "/logout/?", LogoutHandler, {"voila_configuration": self.voila_configuration}))
        return kept


def demo_config(port: int, host: str, max_visitors: int, rendering: str = "preheated", max_memory: int = 4096,
                preheat: int = 1, trust_proxy: bool = False, **limits: int) -> Config:
    """The hardened configuration of DemoVoila (also used by the tests and bench/). ``limits``: any of
    DemoVoila's pages_per_minute, connect_within, kernel_memory and kernel_cpu."""
    c = Config()
    c.Voila.port, c.Voila.ip, c.Voila.port_retries, c.Voila.open_browser = port, host, 0, False
    c.DemoVoila.max_visitors, c.DemoVoila.max_memory = max_visitors, max_memory
    for name, value in limits.items():
        setattr(c.DemoVoila, name, value)
    c.DemoVoila.trust_proxy = trust_proxy
    # Voila's defaults, stated here so that a configuration file elsewhere cannot loosen them
    c.VoilaConfiguration.strip_sources = True
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.file_allowlist = [r".*\.(png|jpg|gif|svg)"]
    c.VoilaConfiguration.file_denylist = [r".*\.(ipynb|py|yaml|yml|csv|json|db)"]
    c.VoilaConfiguration.extension_allowlist = EXTENSIONS
    c.VoilaExecutor.timeout = 60
    # a kernel whose page has gone (no open connection) is shut down after 2 minutes idle, which
    # frees its place; a page still open is never culled
    c.MappingKernelManager.cull_idle_timeout = 120
    c.MappingKernelManager.cull_interval = 30
    c.MappingKernelManager.cull_connected = False
    # each kernel runs under its own limits of memory and CPU time (LimitedKernelManager)
    c.MappingKernelManager.kernel_manager_class = "irt_sim.demo.app.LimitedKernelManager"
    if rendering not in RENDERINGS:
        raise ValueError(f"rendering must be one of {', '.join(RENDERINGS)}, not {rendering!r}")
    # the two cannot be combined: a preheated page has already run before anyone asks for it
    c.VoilaConfiguration.preheat_kernel = rendering == "preheated"
    # visitors beyond the kernels kept ready wait for a page to run (seconds each, and many at once
    # share the processor): --preheat trades memory kept idle for a crowd arriving together
    c.VoilaConfiguration.default_pool_size = preheat if rendering == "preheated" else 0
    c.VoilaConfiguration.progressive_rendering = rendering == "progressive"
    return c


def serve(port: int = 8866, host: str = "127.0.0.1", max_visitors: int = 20, rendering: str = "preheated",
          max_memory: int = 4096, preheat: int = 1, trust_proxy: bool = False, **limits: int) -> None:
    app = DemoVoila(config=demo_config(port, host, max_visitors, rendering, max_memory, preheat, trust_proxy, **limits))
    app.initialize([str(pages_dir())])
    app.start()
