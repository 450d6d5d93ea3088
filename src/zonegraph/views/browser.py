"""Headless Chromium driven over the DevTools protocol, for tests, screenshots and timings.

Chromium is started with ``--remote-debugging-pipe``: it reads protocol commands from file
descriptor 3 and writes replies and events to descriptor 4, NUL-terminated JSON. That
needs nothing beyond the standard library (no websocket client, no driver package) and no
network port. One page per ``open``; console errors, uncaught exceptions and failed
loads are collected so a test can assert there were none.

    with Browser() as browser:
        page = browser.open(Path("view.html"))
        page.wait_for("document.body.dataset.ready === '1'")
        print(page.evaluate("document.body.dataset.nodesDrawn"), page.errors)
"""
from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..errors import ZoneGraphError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class BrowserError(ZoneGraphError):
    """Chromium is missing, died, or a page did not reach the expected state in time."""


def find_chromium() -> str | None:
    """Path of a Chromium-family browser: ``$ZONEGRAPH_CHROMIUM`` or the first on PATH."""
    env = os.environ.get("ZONEGRAPH_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _exception_text(details: dict) -> str:
    return details.get("exception", {}).get("description", details.get("text", ""))


def _above_4(fd: int) -> int:
    """``fd`` moved to a descriptor number above 4 (closing the original)."""
    import fcntl

    if fd > 4:
        return fd
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 5)
    os.close(fd)
    return moved


class Page:
    """One tab: navigate, evaluate JavaScript, wait for a condition, take a screenshot."""

    def __init__(self, browser: "Browser", session: str):
        self.browser = browser
        self.session = session
        self.errors: list[str] = []  # console errors, exceptions, failed loads
        self.console: list[str] = []  # every console message, as "type: text"
        self.requests: list[str] = []  # URL of every request the page made
        self.load_seconds = 0.0  # navigation start to load event

    def send(self, method: str, params: dict | None = None, timeout: float = 60) -> dict:
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def _event(self, msg: dict) -> None:
        method, params = msg.get("method", ""), msg.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", "")))
                            for a in params.get("args", []))
            self.console.append(f"{params.get('type')}: {text}")
            if params.get("type") in ("error", "assert"):
                self.errors.append(f"console.{params.get('type')}: {text}")
        elif method == "Runtime.exceptionThrown":
            self.errors.append("exception: " + _exception_text(params.get("exceptionDetails", {})))
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") == "error":
                self.errors.append(f"log: {entry.get('text', '')} {entry.get('url', '')}".strip())

    def navigate(self, url: str, timeout: float = 60) -> float:
        """Load ``url`` and wait for its load event; returns the seconds it took."""
        start = time.perf_counter()
        self.browser.expect(self.session, "Page.loadEventFired")
        result = self.send("Page.navigate", {"url": url}, timeout=timeout)
        if result.get("errorText"):
            raise BrowserError(f"{url}: {result['errorText']}")
        self.browser.wait_event(self.session, "Page.loadEventFired", timeout)
        return time.perf_counter() - start

    def evaluate(self, expression: str, timeout: float = 60):
        """The value of a JavaScript expression (awaited if it is a promise)."""
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                               "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in reply:
            raise BrowserError("script error: " + _exception_text(reply["exceptionDetails"]))
        return reply.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 30, interval: float = 0.05):
        """Poll until ``expression`` is truthy; returns its value."""
        deadline = time.perf_counter() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.perf_counter() > deadline:
                raise BrowserError(f"timed out after {timeout:g} s waiting for {expression}")
            time.sleep(interval)

    def screenshot(self, path: Path) -> Path:
        """Save the viewport as PNG."""
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        target = self.browser.targets.pop(self.session)
        self.browser.send("Target.closeTarget", {"targetId": target})


class Browser:
    """A headless Chromium process; use as a context manager."""

    def __init__(self, executable: str | None = None, width: int = 1400, height: int = 900):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise BrowserError("no Chromium found (apt-get install chromium, or set "
                               "ZONEGRAPH_CHROMIUM)")
        self.size = (width, height)
        self.targets: dict[str, str] = {}
        self._pages: dict[str, Page] = {}
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self._events: "queue.Queue[dict]" = queue.Queue()
        self._waiting: dict[tuple[str, str], bool] = {}
        self._profile = tempfile.TemporaryDirectory(prefix="zonegraph-chromium-")
        self._start()

    def _start(self) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # the child needs the pipe as descriptors 3 and 4; a small Python stub moves them
        # there and execs Chromium (dash cannot redirect descriptors above 9). Moving them
        # above 4 first keeps one dup2 from clobbering the other.
        to_chrome_r, from_chrome_w = (_above_4(fd) for fd in (to_chrome_r, from_chrome_w))
        args = [self.executable, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-sync", "--mute-audio", "--hide-scrollbars",
                f"--user-data-dir={self._profile.name}", "--remote-debugging-pipe",
                f"--window-size={self.size[0]},{self.size[1]}", "about:blank"]
        stub = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
                "os.execv(sys.argv[3], sys.argv[3:])")
        self._log = open(Path(self._profile.name) / "chromium.log", "wb")
        self.process = subprocess.Popen([sys.executable, "-c", stub, str(to_chrome_r),
                                         str(from_chrome_w), *args],
                                        pass_fds=(to_chrome_r, from_chrome_w),
                                        stdin=subprocess.DEVNULL, stdout=self._log,
                                        stderr=self._log)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_chrome, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                self._events.put({"method": "_closed"})
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                self._events.put(json.loads(raw))

    def _dispatch(self, msg: dict) -> None:
        if "id" in msg:
            self._replies[msg["id"]] = msg
            return
        if msg.get("method") == "_closed":
            raise BrowserError("Chromium exited" + self._log_tail())
        page = self._pages.get(msg.get("sessionId", ""))
        if page is not None:
            page._event(msg)
        key = (msg.get("sessionId", ""), msg.get("method", ""))
        if key in self._waiting:
            self._waiting[key] = True

    def _pump(self, until, timeout: float) -> None:
        deadline = time.perf_counter() + timeout
        while not until():
            left = deadline - time.perf_counter()
            if left <= 0:
                raise BrowserError(f"Chromium did not answer within {timeout:g} s")
            try:
                msg = self._events.get(timeout=min(left, 0.5))
            except queue.Empty:
                if self.process.poll() is not None:
                    raise BrowserError("Chromium exited" + self._log_tail()) from None
                continue
            self._dispatch(msg)

    def send(self, method: str, params: dict | None = None, *, session: str | None = None,
             timeout: float = 60) -> dict:
        """Send one protocol command and return its result (raises on a protocol error)."""
        self._next_id += 1
        msg_id = self._next_id
        msg = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        try:
            os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        except BrokenPipeError:
            raise BrowserError("Chromium exited" + self._log_tail()) from None
        self._pump(lambda: msg_id in self._replies, timeout)
        reply = self._replies.pop(msg_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def _log_tail(self) -> str:
        self._log.flush()
        lines = (Path(self._profile.name) / "chromium.log").read_text(errors="replace").splitlines()
        return (": " + " | ".join(lines[-3:])) if lines else ""

    def expect(self, session: str, method: str) -> None:
        """Start listening for an event before the command that causes it."""
        self._waiting[(session, method)] = False

    def wait_event(self, session: str, method: str, timeout: float = 60) -> None:
        key = (session, method)
        self._waiting.setdefault(key, False)
        self._pump(lambda: self._waiting.get(key), timeout)
        del self._waiting[key]

    def open(self, target: Path | str, timeout: float = 60) -> Page:
        """A new page showing ``target`` (a file path or URL), loaded."""
        target_id = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target_id,
                                                      "flatten": True})["sessionId"]
        self.targets[session] = target_id
        page = Page(self, session)
        self._pages[session] = page
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride", {
            "width": self.size[0], "height": self.size[1], "deviceScaleFactor": 1, "mobile": False})
        is_url = isinstance(target, str) and "://" in target
        url = target if is_url else Path(target).resolve().as_uri()
        page.load_seconds = page.navigate(url, timeout)
        return page

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("Browser.close", timeout=5)
            except BrowserError:
                pass
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)
        self._log.close()
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
