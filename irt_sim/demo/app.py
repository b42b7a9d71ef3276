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

import os
import signal
import time

from tornado.web import StaticFileHandler
from traitlets import Bool, Int
from traitlets.config import Config
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from ..inputs.packaged import data_file
from .handlers import IndexHandler, LogoutHandler, PageClosedHandler, PageHandler, gzipped_once
from .memory import KERNEL_MB, LimitedKernelManager, child_pids, resident_mb
from .pages import pages_dir

# Only the widget managers' front-end extensions: Voila's default loads every JupyterLab extension
# in the environment (about 10 MB).
EXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8", "anywidget"]

TEMPLATE_DIR = data_file("demo_template")

#: The Voila whose kernel pools (``VoilaKernelManager._pools``) were read for DemoVoila._pool_tasks; a
#: test fails on another minor version, so that is read again before an upgrade lands.
VOILA_READ = "0.5"

#: How the pages are prepared: a preheated kernel has already run the page when a visitor arrives;
#: progressive rendering shows each cell as it runs; plain runs the whole page, then shows it.
RENDERINGS = ("preheated", "progressive", "plain")


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
        """The preheated kernels waiting in Voila's pools (each a task giving the kernel's id). The one
        private part of Voila read here: it offers no public list of them (VOILA_READ, tested)."""
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

    def stop(self):
        """Shut every kernel down, then stop. A person presses Ctrl+C twice (JupyterLab asks them to);
        the second press must not cut the kernels' shutdown short and leave some running, so further
        presses are ignored from here, and a kernel process still running after the shutdown (one that
        was still starting for a pool) is ended."""
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            super().stop()
        finally:
            for pid in child_pids(os.getpid()):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:  # gone meanwhile
                    pass

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
                handler = gzipped_once(handler)
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
    c.MappingKernelManager.kernel_manager_class = "irt_sim.demo.memory.LimitedKernelManager"
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
