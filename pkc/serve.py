"""`pkc serve`: a preview that rebuilds on every save and reloads the open browser page.

After a change only the content files that changed are read and validated again, and only their references and
translations are looked up again (whether the references still resolve and which languages each entry needs are
checked for the whole site: 0.17 s in all for a national site of 11,000 files, 0.39 s before); pages are rendered
when the browser asks for them, by the same renderer as `pkc build`. The search index, calendars, feeds and open
data follow with a cached build (pkc.incremental) in a background process, at a lower priority than the reloads.
A content error is shown in the browser over the last good page.
"""
from __future__ import annotations

import functools
import gc
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2

from .build import BuildOptions, check, site_assets
from .cache import BuildCache
from .errors import ContentErrors, PkcError, Problem
from .headers import headers_for
from .lifeline import die_with_parent
from .localize import Localizer
from .render import Planned, Renderer, environment
from .search import published_page
from .theme import template_dirs
from .urls import PageKey, Site, page_path
from .views.pages import Pages

EVENTS_PATH = "/_pkc/events"
COLLECT_AFTER_SECONDS = 10  # a pause in the editing after which unreachable objects are really freed
SCRIPT_PATH = "/_pkc/live.js"
_INJECT = f'<script src="{SCRIPT_PATH}"></script>\n</body>'
WATCHED_SUFFIXES = {".yaml", ".yml", ".md", ".html", ".css", ".js", ".svg", ".png", ".json"}
IGNORED_PARTS = {".git", "node_modules", "__pycache__", ".pytest_cache", "public", "schemas", "docs", "tests"}


@dataclass(frozen=True)
class _Good:
    """The last content that passed the checks, ready to render pages on request."""

    pages: dict[str, Pages]
    renderer: Renderer
    routes: dict[str, tuple[PageKey, str]]
    assets: dict[str, bytes]


class DevSite:
    """The site as `pkc serve` shows it: reloaded after every change, rendered page by page."""

    def __init__(self, options: BuildOptions, base_url: str, on_event: Callable[[str], None] = print):
        self.options = options
        self.base_url = base_url
        self.on_event = on_event
        self.good: _Good | None = None
        self.problems: list[Problem] = []
        self.version = 0
        self.changed = threading.Condition()
        self._search_root = Path(tempfile.mkdtemp(prefix="pkc-serve-"))
        self._search_pending = threading.Event()
        self._search_thread: threading.Thread | None = None
        self.search_dir: Path | None = None
        self._cache = BuildCache()  # unchanged entries are not read or validated again
        self._jinja: tuple[list[Path], jinja2.Environment] | None = None
        self._reloading = threading.Lock()
        self._collector: threading.Timer | None = None

    # --- reloading -----------------------------------------------------------------------------------

    def reload(self) -> float:
        """Load and check the content again; keep the last good site when it has errors. Returns seconds."""
        with self._reloading:
            seconds = self._reload()
            self._settle()
        return seconds

    def _settle(self) -> None:
        """Keep the garbage collector off what the reload left behind. The content of a national site is millions
        of objects that a full collection walks every other save (0.45 s of a 0.5 s reload): they are frozen
        now and collected properly once the editor has paused."""
        gc.freeze()
        if self._collector is not None:
            self._collector.cancel()
        self._collector = threading.Timer(COLLECT_AFTER_SECONDS, self._collect)
        self._collector.daemon = True
        self._collector.start()

    def _collect(self) -> None:
        with self._reloading:
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    def _reload(self) -> float:
        started = time.perf_counter()
        try:
            checked = check(self.options, cache=self._cache)
        except ContentErrors as exc:
            self._publish(None, exc.problems)
            seconds = time.perf_counter() - started
            errors = sum(1 for p in exc.problems if p.severity == "error")
            self.on_event(f"The content has {errors} error(s); still showing the last good version ({seconds:.2f} s)")
            return seconds
        except PkcError as exc:
            self._publish(None, [])
            self.on_event(f"error: {exc}")
            return time.perf_counter() - started
        catalog, strings = checked.catalog, checked.strings
        today = self.options.build_date
        renderer = Renderer(self._environment(), catalog, strings, Site(self.base_url), today, checked.share_image)
        pages = {lang: Pages(catalog, Localizer(lang, catalog.languages, strings[lang], today))
                 for lang in catalog.languages}
        routes = checked.routes
        self._publish(_Good(pages, renderer, routes, site_assets(catalog, self.options.site_dir)), checked.warnings)
        seconds = time.perf_counter() - started
        self.on_event(f"Reloaded {len(routes) + 2} pages in {seconds:.2f} s; the search index follows")
        self._schedule_search()
        return seconds

    def _environment(self) -> jinja2.Environment:
        """The Jinja environment of the last reload, while the template folders are the same: Jinja itself
        recompiles a template whose file changed, the others stay compiled."""
        dirs = template_dirs(self.options.site_dir)
        if self._jinja is None or self._jinja[0] != dirs:
            self._jinja = (dirs, environment(self.options.site_dir))
        return self._jinja[1]

    def _publish(self, good: _Good | None, problems: list[Problem]) -> None:
        with self.changed:
            if good is not None:
                self.good = good
            self.problems = [p for p in problems if p.severity == "error"]
            self.version += 1
            self.changed.notify_all()

    # --- search, in the background -------------------------------------------------------------------

    def _schedule_search(self) -> None:
        self._search_pending.set()
        if self._search_thread is None or not self._search_thread.is_alive():
            self._search_thread = threading.Thread(target=self._search_loop, daemon=True)
            self._search_thread.start()

    def _search_loop(self) -> None:
        while self._search_pending.is_set():
            self._search_pending.clear()
            out = self._search_root / "public"
            build = subprocess.run(self._build_command(out), capture_output=True, text=True, check=False,
                                   preexec_fn=functools.partial(_search_child, os.getpid())
                                   if os.name == "posix" else None)
            if build.returncode == 0:
                self.search_dir = out
            else:
                lines = (build.stderr or build.stdout).strip().splitlines()
                self.on_event(f"search index not rebuilt: {lines[-1] if lines else build.returncode}")

    def _build_command(self, out: Path) -> list[str]:
        """A full build in a process of its own: it neither holds this process's interpreter nor its memory
        while the editor saves again, and runs at a lower priority than the reloads."""
        options = self.options
        # with a cache of its own: after one saved file only what it changed is made again, search included
        command = [sys.executable, "-m", "pkc", "build", "--quiet", "--site", str(options.site_dir),
                   "--out", str(out), "--base-url", self.base_url, "--cache", str(self._search_root / "cache")]
        if options.strict:
            command.append("--strict")
        if options.today is not None:
            command += ["--today", options.today.isoformat()]
        if options.jobs is not None:
            command += ["--jobs", str(options.jobs)]
        return command

    def wait_for_search(self, timeout: float | None = None) -> None:
        """Wait until the background search build has caught up (benchmarks and tests)."""
        thread = self._search_thread
        if thread is not None:
            thread.join(timeout)

    def close(self) -> None:
        if self._collector is not None:
            self._collector.cancel()
        gc.unfreeze()
        shutil.rmtree(self._search_root, ignore_errors=True)

    # --- answering requests --------------------------------------------------------------------------

    def respond(self, path: str) -> tuple[int, bytes, str]:
        """Status, body and content type for a request path."""
        rel = unquote(urlsplit(path).path).lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        good = self.good
        if good is None:
            return 500, self._inject(self._problem_page()), "text/html; charset=utf-8"
        if rel in good.routes:
            key, lang = good.routes[rel]
            planned = Planned(good.pages[lang].view(key), lang, page_path(key, lang))
            return 200, self._inject(published_page(good.renderer.render(planned))), "text/html; charset=utf-8"
        if rel == "index.html":
            return 200, self._inject(good.renderer.render_root()), "text/html; charset=utf-8"
        if rel in good.assets:
            return 200, good.assets[rel], _content_type(rel)
        if self.search_dir is not None and not rel.endswith(".html"):
            # the search index, calendars, feeds, the sitemap and the HSDS data: from the last background build
            file = (self.search_dir / rel).resolve()
            if self.search_dir.resolve() in file.parents and file.is_file():
                return 200, file.read_bytes(), _content_type(rel)
        return 404, self._inject(good.renderer.render_not_found()), "text/html; charset=utf-8"

    def problems_json(self) -> str:
        return json.dumps([{"location": str(p.location), "message": p.message, "hint": p.hint}
                           for p in self.problems], ensure_ascii=False)

    def _problem_page(self) -> bytes:
        return (b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>pkc: content errors</title>'
                b"</head><body><main><h1>The content has errors</h1><p>Fix them; this page reloads by itself.</p>"
                b"</main></body></html>")

    @staticmethod
    def _inject(html: bytes) -> bytes:
        return html.replace(b"</body>", _INJECT.encode(), 1)


def _search_child(parent: int) -> None:
    """The search build runs below the reloads' priority, and ends with `pkc serve` (even a killed one)."""
    os.nice(10)
    die_with_parent(parent)


def _content_type(rel: str) -> str:
    if rel.endswith(".pagefind") or rel.endswith(".pf_meta") or rel.endswith(".pf_index") \
            or rel.endswith(".pf_fragment") or rel.endswith(".pf_filter"):
        return "application/octet-stream"
    guessed = mimetypes.guess_type(rel)[0] or "application/octet-stream"
    return guessed + ("; charset=utf-8" if guessed.startswith("text/") or guessed.endswith("javascript") else "")


def live_script() -> bytes:
    return resources.files("pkc.data").joinpath("live.js").read_bytes()


def make_handler(site: DevSite) -> type[http.server.BaseHTTPRequestHandler]:
    """A request handler bound to `site`."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
            pass

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            if self.path.startswith(EVENTS_PATH):
                self._events()
                return
            if self.path.startswith(SCRIPT_PATH):
                self._send(200, live_script(), "text/javascript; charset=utf-8")
                return
            status, body, content_type = site.respond(self.path)
            self._send(status, body, content_type)

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            # the published site's headers: the preview shows what the content security policy would block, and
            # a material is a sandboxed download here too
            for name, value in headers_for(unquote(urlsplit(self.path).path)).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            """Server-sent events: the current version at once, then every change, until the page goes."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            seen = -1
            try:
                while True:
                    with site.changed:
                        if site.version == seen:
                            site.changed.wait(timeout=15)
                        version, problems = site.version, site.problems_json()
                    if version == seen:
                        self.wfile.write(b": still here\n\n")
                    else:
                        seen = version
                        self.wfile.write(f"event: state\ndata: {json.dumps({'version': version})}\n\n".encode())
                        self.wfile.write(f"event: problems\ndata: {problems}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def _relevant(site_dir: Path) -> Callable[[object, str], bool]:
    def keep(change: object, path: str) -> bool:
        relative = Path(path).resolve().relative_to(site_dir.resolve()) if path.startswith(str(site_dir.resolve())) \
            else Path(path)
        if any(part in IGNORED_PARTS or part.startswith(".") for part in relative.parts[:-1]):
            return False
        return Path(path).suffix in WATCHED_SUFFIXES and not Path(path).name.startswith(".")
    return keep


def serve(options: BuildOptions, host: str, port: int, on_event: Callable[[str], None] = print,
          ready: Callable[[str], None] | None = None, stop: threading.Event | None = None) -> None:
    """Serve the site on host:port until interrupted (or `stop` is set), reloading on every change."""
    from watchfiles import watch

    site_dir = options.site_dir.resolve()
    server = http.server.ThreadingHTTPServer((host, port), http.server.BaseHTTPRequestHandler)
    url = f"http://{host}:{server.server_address[1]}/"
    site = DevSite(replace(options, site_dir=site_dir), url, on_event)
    server.RequestHandlerClass = make_handler(site)
    server.daemon_threads = True
    site.reload()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    (ready or on_event)(url)
    stop = stop or threading.Event()
    try:
        for changes in watch(site_dir, watch_filter=_relevant(site_dir), stop_event=stop, debounce=50):
            names = sorted({Path(path).name for _, path in changes})
            on_event(f"Changed: {', '.join(names[:3])}{' …' if len(names) > 3 else ''}")
            site.reload()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        site.close()

