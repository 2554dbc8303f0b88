"""The review report in a real headless Chromium, driven through the DevTools protocol on a pipe:
the page loads, runs its script without any console message or exception, filters when the editor
ticks a box or picks a rule (and from the address's fragment), and leaves a screenshot in
test-artifacts/.  Skipped only when no Chromium binary is installed."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mtclean import Cleaner, Entry, Gazetteer
from mtclean.report import build_report

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"

CHROMIUM = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "chrome")) if p),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install -y chromium)")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--window-size=1280,2000",
    "--remote-debugging-pipe",
]

GAZ = Gazetteer(
    [
        Entry("per.kofi-annan", "PER", "Kofi Annan", mangled=("Cofi Anan", "Kofi Anan")),
        Entry("per.angela-merkel", "PER", "Angela Merkel", aliases=("Merkel",), mangled=("Angela Merkl",)),
        Entry("loc.ghana", "LOC", "Ghana", demonyms=("Ghanaian",)),
        Entry("org.united-nations", "ORG", "United Nations"),
    ]
)
ARTICLES = [
    {"id": "b1", "text": "Angela Merkl met Cofi Anan at the United Nations on Tuesday."},
    {"id": "b2", "text": "Markets were calm on Monday and trading was light."},
    {"id": "b3", "text": "Kofi Anan said the the vote in Ghana had been fair and orderly."},
    {"id": "b4", "text": "Officials said the the talks would resume next week."},
]


def _high(fd: int) -> int:
    """A close-on-exec copy of ``fd`` numbered 10 or more (the original is closed)."""
    out = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return out


class Browser:
    """A minimal DevTools-protocol client over ``--remote-debugging-pipe`` (fd 3 in, fd 4 out)."""

    def __init__(self, profile: str) -> None:
        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()
        # Out of the way of 3 and 4 first, so that wiring one cannot clobber the other.
        cmd_r, res_w = (_high(cmd_r), _high(res_w))

        def wire() -> None:  # in the child: its fd 3 reads our commands, its fd 4 writes replies
            os.dup2(cmd_r, 3)  # dup2 leaves the copies inheritable; the originals close on exec
            os.dup2(res_w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],  # type: ignore[list-item]
            close_fds=False,  # pass_fds would not keep 3 and 4: they are closed after preexec_fn
            preexec_fn=wire,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=profile,
        )
        os.close(cmd_r)
        os.close(res_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from chromium")
            ready, _, _ = select.select([self._res_r], [], [], left)
            if ready:
                chunk = os.read(self._res_r, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self._buf += chunk
        msg, _, self._buf = self._buf.partition(b"\0")
        return json.loads(msg)

    def send(self, method: str, timeout: float = 30, **params: Any) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == event:
                return self.events.pop(i)
        while True:
            e = self._read(deadline)
            if e.get("method") == event:
                return e
            self.events.append(e)

    def attach(self) -> None:
        targets = self.send("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=1280, height=2000, deviceScaleFactor=1, mobile=False)

    def open(self, url: str) -> None:
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", url="about:blank")
        self.wait_for("Page.loadEventFired")
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        res = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in res:
            raise AssertionError(f"{expression}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def messages(self) -> list[dict[str, Any]]:
        """Console calls, uncaught exceptions and browser log entries (CSP violations, failed loads)."""
        kinds = ("Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded")
        return [e for e in self.events if e.get("method") in kinds]

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._cmd_w)
        os.close(self._res_r)
        if self.proc.stderr:
            self.proc.stderr.close()


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    page = build_report(
        [json.dumps(a) + "\n" for a in ARTICLES], cleaner=Cleaner(GAZ, defaults=False), title="Browser test batch"
    )
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(page, encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with tempfile.TemporaryDirectory(prefix="mtclean-chromium-") as profile:
        b = Browser(profile)
        try:
            b.attach()
            yield b
        finally:
            b.close()


STATE = """(() => {
  const arts = [...document.querySelectorAll("article.doc")];
  return {
    ready: document.documentElement.dataset.ready || null,
    error: document.documentElement.dataset.jsError || null,
    shown: document.getElementById("shown").textContent,
    hidden: arts.filter(a => a.classList.contains("hidden")).map(a => a.id),
    dimmed: [...document.querySelectorAll("del.dim, ins.dim, li.dim")].map(e => e.dataset.rule),
    hash: location.hash,
  };
})()"""


def click_kind(b: Browser, kind: str) -> None:
    b.js(f"document.querySelector('input.f-kind[value=\"{kind}\"]').click()")


def pick_rule(b: Browser, rule: str) -> None:
    b.js(
        f'(() => {{ const s = document.getElementById("f-rule"); s.value = "{rule}";'
        ' s.dispatchEvent(new Event("change")); })()'
    )


def test_page_loads_and_filters(browser: Browser, report_url: str) -> None:
    browser.open(report_url)
    st = browser.js(STATE)
    assert st["ready"] == "1" and st["error"] is None
    assert st["shown"] == "3 of 4 articles shown" and st["hidden"] == ["a2"]  # a2 has no change
    assert st["dimmed"] == []
    assert browser.js("document.title") == "Browser test batch"
    # Untick "name": only the articles with an artifact fix stay; name changes in them are dimmed.
    click_kind(browser, "name")
    st = browser.js(STATE)
    assert st["hidden"] == ["a1", "a2"] and st["shown"] == "2 of 4 articles shown"
    assert st["dimmed"] and set(st["dimmed"]) == {"name.mangled"}
    assert st["hash"] == "#kind=artifact"
    # Back to every kind, then one rule.
    click_kind(browser, "name")
    pick_rule(browser, "name.mangled")
    st = browser.js(STATE)
    assert st["hidden"] == ["a2", "a4"]
    assert set(st["dimmed"]) == {"artifact.doubled-word"}
    assert st["hash"] == "#rule=name.mangled"
    # Show the articles without changes; reset.
    browser.js('document.getElementById("f-unchanged").click()')
    browser.js('document.getElementById("f-all").click()')
    st = browser.js(STATE)
    assert st["hidden"] == [] and st["dimmed"] == [] and st["shown"] == "4 of 4 articles shown"
    # Reasons on hover: every change carries a title.
    titles = browser.js('[...document.querySelectorAll(".mtclean-diff del, .mtclean-diff ins")].map(e => e.title)')
    assert len(titles) == 10 and all(": " in t for t in titles)
    assert browser.messages() == []


@pytest.mark.parametrize(
    ("fragment", "hidden"),
    [
        ("#unchanged=1", []),
        ("#kind=artifact", ["a1", "a2"]),
        ("#kind=name&rule=artifact.doubled-word", ["a1", "a2", "a3", "a4"]),
        ("#rule=no.such-rule", ["a2"]),
    ],
)
def test_filters_from_the_fragment(browser: Browser, report_url: str, fragment: str, hidden: list[str]) -> None:
    browser.open(report_url + fragment)
    st = browser.js(STATE)
    assert st["ready"] == "1" and st["error"] is None
    assert st["hidden"] == hidden
    assert browser.messages() == []


def test_screenshot(browser: Browser, report_url: str) -> None:
    browser.open(report_url + "#unchanged=1")
    shot = browser.send("Page.captureScreenshot", format="png")
    data = base64.b64decode(shot["data"])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)
    assert len(data) > 20_000  # a rendered page, not a blank one
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report.png").write_bytes(data)
    assert browser.messages() == []
