"""The HTTP headers a published site should be served with: one source for `_headers` and the nginx snippet."""
from __future__ import annotations

# No inline script or style exists anywhere in the output, so the policy needs no 'unsafe-inline'.
# Pagefind compiles its WebAssembly search engine in the browser: that needs 'wasm-unsafe-eval' (and only that).
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
])

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self), payment=(), usb=()",
    "X-Frame-Options": "DENY",
}

# Materials are files editors send in (content/media -> /media/). pkc publishes only types that cannot run
# script (pkc.publishable); these headers hold even if a browser took one for a page: it is downloaded
# (the site's links to it say `download` too), never sniffed, and a page it became would be sandboxed in an
# origin of its own with nothing allowed. PDFs are downloaded rather than shown inline on purpose: Chrome and
# Safari refuse to show a PDF under a sandboxing policy, and a download needs none.
MEDIA_FOLDER = "/media/"
MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox"
MEDIA_HEADERS: dict[str, str] = {  # besides SECURITY_HEADERS, whose X-Content-Type-Options: nosniff matters most here
    "Content-Security-Policy": MEDIA_CONTENT_SECURITY_POLICY,
    "Content-Disposition": "attachment",
}

HEADERS_FILE = "_headers"


def headers_for(path: str) -> dict[str, str]:
    """The headers a published file at `path` (relative to the site root, e.g. 'media/opas.pdf') is served with."""
    if ("/" + path.lstrip("/")).startswith(MEDIA_FOLDER):
        return {**SECURITY_HEADERS, **MEDIA_HEADERS}
    return dict(SECURITY_HEADERS)


def headers_file() -> str:
    """A `_headers` file (Netlify, Cloudflare Pages): the security headers on every path, the media ones on /media/.

    The /media/ rule comes last: Netlify lets a later rule's header replace an earlier one's, Cloudflare sends
    both policies, and a browser enforces every policy it gets, so either way the sandbox holds.
    """
    lines = ["/*"] + [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    lines += [MEDIA_FOLDER + "*"] + [f"  {name}: {value}" for name, value in MEDIA_HEADERS.items()]
    return "\n".join(lines) + "\n"


def nginx_directives(indent: str = "    ") -> str:
    """The same headers as nginx `add_header` directives (`always`, so error pages carry them too)."""
    return "\n".join(f'{indent}add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS.items())


def nginx_media_directives(indent: str = "        ") -> str:
    """The headers of /media/ as nginx directives: all of them, as a nested location inherits no add_header."""
    return "\n".join(f'{indent}add_header {name} "{value}" always;'
                     for name, value in headers_for(MEDIA_FOLDER).items())
