"""Run Debian's nginx on loopback with the shipped config snippet (deploy/nginx.conf), for the served-site tests."""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SNIPPET = REPO / "deploy" / "nginx.conf"
SHIPPED_ALIAS = "/srv/perhekeskus/public/"
SHIPPED_PREFIX = "/perhekeskus/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def nginx_serving(site: Path, workdir: Path) -> Iterator[str]:
    """Serve `site` under /perhekeskus/ with the shipped snippet; yields 'http://127.0.0.1:PORT/perhekeskus/'."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise RuntimeError("nginx is missing: run scripts/setup-tests (apt-get install nginx-light)")
    workdir.mkdir(parents=True, exist_ok=True)
    snippet = SNIPPET.read_text(encoding="utf-8")
    assert SHIPPED_ALIAS in snippet and f"location {SHIPPED_PREFIX} " in snippet
    (workdir / "site.conf").write_text(snippet.replace(SHIPPED_ALIAS, f"{site.absolute()}/"), encoding="utf-8")
    port = _free_port()
    temp = workdir / "temp"
    temp.mkdir(exist_ok=True)
    (workdir / "nginx.conf").write_text(f"""
daemon off;
master_process off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {workdir}/site.conf;
    }}
}}
""", encoding="utf-8")
    process = subprocess.Popen([nginx, "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{SHIPPED_PREFIX}"
    try:
        for _ in range(100):
            if process.poll() is not None:
                raise RuntimeError(f"nginx did not start: {process.stdout.read().decode()}")
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
