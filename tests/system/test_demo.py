"""`irt-academy demo`: serves exactly the four pages, refuses the kit's files, never runs code sent
from a browser, and turns the visitor beyond the cap away with a polite busy page."""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from irt_sim.demo import PAGES

from ..support import KIT
from ..support.servers import fetch, kernel_id, start_demo, stop

MAX_VISITORS = 2


@pytest.fixture(scope="module")
def demo():
    proc, base = start_demo(f"--max-visitors={MAX_VISITORS}", "--rendering=plain")
    yield base
    stop(proc)


def test_the_index_lists_exactly_the_pages(demo):
    status, body, _ = fetch(demo + "/")
    links = re.findall(r'href="/voila/render/([^"]+)\.ipynb"', body)
    assert status == 200 and links == list(PAGES) and '<html lang="en">' in body
    assert {p.stem for p in (KIT / "course" / "pages").glob("*.ipynb")} == set(PAGES)
    # a stranger learns what the words mean and whom it helps before choosing a page
    for words in ("Integrated Resource Team", "Active Resource Coordination", "Individual Placement and Support",
                  "people with disabilities", "invented"):
        assert words in body, words


@pytest.mark.parametrize("path", [
    "voila/files/casebook/community.yaml", "casebook/community.yaml", "voila/files/../casebook/community.yaml",
    "voila/files/irt_sim/demo/app.py", "irt_sim/demo/app.py", "voila/files/../../irt_sim/demo/app.py",
    "voila/files/team_explorer.ipynb", "team_explorer.ipynb", "voila/files/course/pages/team_explorer.ipynb",
    "voila/files/exercises/gradebook.db", "voila/tree", "voila/api/contents", "api/contents",
    "api/kernels", "voila/render/../../casebook/community.yaml", "voila/render/01_welcome.ipynb",
    "voila/static/../../irt_sim/demo/app.py", "voila/templates/lab/static/../../../../irt_sim/demo/app.py",
    "voila/labextensions/../../irt_sim/demo/app.py", "voila/static/%2e%2e/%2e%2e/casebook/community.yaml",
])
@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_the_kits_files_are_not_served(demo, path, encoding):
    # the gzip path is the demo's own static handler code, so both are asked
    status, body, _ = fetch(f"{demo}/{path}", {"Accept-Encoding": encoding})
    assert status in (403, 404, 405), (path, status)
    assert "customers:" not in body and "import " not in body and '"cells"' not in body and "min_wage" not in body


def test_scripts_and_styles_are_sent_gzipped_whole_and_cacheable(demo):
    _, page, _ = fetch(f"{demo}/voila/render/team_explorer.ipynb")
    try:
        files = re.findall(r'(?:src|href)="(/voila/[^"?]+\.(?:js|css))', page)
        assert len(files) >= 3, "the page loads no script or style from the demo"
        for url in files:
            status, plain, plain_headers = fetch(demo + url, {"Accept-Encoding": "identity"}, raw=True)
            status_gz, packed, headers = fetch(demo + url, {"Accept-Encoding": "gzip, deflate"}, raw=True)
            assert (status, status_gz) == (200, 200), url
            assert "Content-Encoding" not in plain_headers and headers["Content-Encoding"] == "gzip"
            assert "Accept-Encoding" in headers["Vary"] and int(headers["Content-Length"]) == len(packed)
            assert gzip.decompress(packed) == plain and len(packed) < len(plain), url
            assert fetch(demo + url, {"Accept-Encoding": "gzip"}, raw=True)[1] == packed  # the kept copy
            if "Etag" in headers:  # a returning visitor's browser revalidates and gets no body
                assert fetch(demo + url, {"Accept-Encoding": "gzip", "If-None-Match": headers["Etag"]})[0] == 304
        # a range is cut from the file itself, as Tornado does it (and may be gzipped on its way)
        status, part, _ = fetch(demo + files[0], {"Accept-Encoding": "gzip", "Range": "bytes=0-9"})
        assert status == 206 and part == fetch(demo + files[0], {"Accept-Encoding": "identity"})[1][:10]
    finally:  # the page's close beacon: its kernel, and its visitor's place, are freed at once
        fetch(f"{demo}/voila/api/shutdown/{kernel_id(page)}", {"Content-Type": "text/plain"}, method="POST")




def test_code_sent_over_the_pages_kernel_connection_does_not_run(demo, tmp_path):
    from tornado.websocket import websocket_connect

    status, page, _ = fetch(demo + "/voila/render/team_explorer.ipynb")
    assert status == 200
    marker = tmp_path / "ran.txt"
    kernel = kernel_id(page)

    def message(msg_type: str, content: dict) -> str:
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": uuid.uuid4().hex, "username": "",
                  "version": "5.3", "date": "2026-01-01T00:00:00Z"}
        return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                           "channel": "shell", "buffers": []})

    async def attempt() -> list[dict]:
        ws = await websocket_connect(demo.replace("http", "ws") + f"/api/kernels/{kernel}/channels")
        code = f"open({str(marker)!r}, 'w').write('ran')"
        await ws.write_message(message("execute_request", {"code": code, "silent": False, "store_history": False,
                                                           "user_expressions": {}, "allow_stdin": False}))
        await ws.write_message(message("kernel_info_request", {}))
        replies, deadline = [], time.monotonic() + 8
        while time.monotonic() < deadline:
            try:
                raw = await asyncio.wait_for(ws.read_message(), timeout=1)
            except asyncio.TimeoutError:
                continue
            if raw is None:
                break
            if isinstance(raw, str):
                replies.append(json.loads(raw))
        ws.close()
        return replies

    replies = asyncio.run(attempt())
    types = {r.get("header", {}).get("msg_type") for r in replies}
    assert "kernel_info_reply" in types  # the connection works: allowed messages get answers
    assert "execute_reply" not in types and "execute_input" not in types
    time.sleep(1)
    assert not marker.exists(), "code sent from the browser ran in the kernel"


def test_sources_and_tracebacks_stay_hidden(demo):
    status, page, _ = fetch(demo + "/voila/render/outcomes_funnel.ipynb")
    assert status == 200 and "OutcomesView" not in page and "irt_sim.widgets" not in page
    assert "application/vnd.jupyter.widget-view+json" in page


def test_the_visitor_beyond_the_cap_gets_the_busy_page_and_nobody_else_is_turned_away(tmp_path):
    proc, base = start_demo("--max-visitors=2", "--rendering=plain")
    try:
        first, second = (fetch(base + "/voila/render/team_explorer.ipynb") for _ in range(2))
        assert first[0] == 200 and second[0] == 200
        status, body, headers = fetch(base + "/voila/render/outcomes_funnel.ipynb")
        assert status == 503 and "Busy: please try again" in body and headers.get("Retry-After") == "60"
        assert fetch(base + "/")[0] == 200  # the index still answers
    finally:
        stop(proc)


def test_the_memory_cap_turns_visitors_away_before_the_server_runs_out():
    # about 100 MB for the server and 150 MB a kernel: a third visitor's kernel would not fit in 500 MB
    proc, base = start_demo("--max-visitors=10", "--max-memory=500", "--rendering=plain")
    try:
        assert [fetch(base + "/voila/render/outcomes_funnel.ipynb")[0] for _ in range(3)] == [200, 200, 503]
    finally:
        stop(proc)


def test_more_kernels_kept_ready_serve_a_crowd_arriving_together():
    proc, base = start_demo("--preheat=2", "--max-memory=0")
    log = Path(proc.log_path)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not all(
                f"Kernel pool of {name}.ipynb is filled with 2 kernel(s)" in log.read_text() for name in PAGES):
            time.sleep(1)
        assert all(f"Kernel pool of {name}.ipynb is filled with 2 kernel(s)" in log.read_text() for name in PAGES)
        with ThreadPoolExecutor(2) as pool:  # two visitors at the same moment: both get a page that has run
            statuses = list(pool.map(lambda _: fetch(base + "/voila/render/team_explorer.ipynb")[0], range(2)))
        assert statuses == [200, 200]
        assert len(re.findall(r"Using pre-heated kernel: \S+ for team_explorer\.ipynb", log.read_text())) == 2
    finally:
        stop(proc)


def test_kernels_kept_ready_must_be_one_or_more(capsys):
    from irt_sim.cli import main

    assert main(["demo", "--preheat", "0"]) == 2
    assert "--preheat is the number of kernels kept ready per page" in capsys.readouterr().err
