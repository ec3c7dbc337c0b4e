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

HEADERS_FILE = "_headers"


def headers_file() -> str:
    """A `_headers` file (Netlify, Cloudflare Pages): the security headers on every path of the site."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    return "\n".join(lines) + "\n"


def nginx_directives(indent: str = "    ") -> str:
    """The same headers as nginx `add_header` directives (`always`, so error pages carry them too)."""
    return "\n".join(f'{indent}add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS.items())
