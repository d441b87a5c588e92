"""What stands between the review desk and a hostile network or page: Host check, access token, CSRF, limits.

- On loopback (the default) only requests naming a loopback host are served, so a web page elsewhere cannot
  reach the desk through DNS rebinding. On any other address every request needs the access token printed
  at start: once as ``?token=`` (then kept in a cookie) or as ``Authorization: Bearer``.
- Every POST carries the CSRF token of its page, which must equal the browser's CSRF cookie (double submit;
  cookies are ``SameSite=Strict``), and a cross-site ``Origin`` is refused.
- Forms are read with a size cap; every field is checked for presence and length.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp

CSRF_COOKIE = "vob_csrf"
TOKEN_COOKIE = "vob_token"
MAX_FORM_BYTES = 512 * 1024
"""Enough for moving a few thousand statements at once."""
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
HEADERS = {
    # No inline script or style anywhere: injected markup could not run even if it got through.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "media-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

ErrorPage = Callable[[Request, int, str], Response]


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an IPv6 address may be in brackets) is a loopback name or address."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A fresh random token (32 bytes, URL-safe base64)."""
    return secrets.token_urlsafe(32)


class Guard(BaseHTTPMiddleware):
    """Middleware: the Host check, the access token and the CSRF cookie on every request, and the security headers on
    every response."""

    def __init__(self, app: ASGIApp, token: str | None, loopback_only: bool, error_page: ErrorPage) -> None:
        super().__init__(app)
        self.token = token
        self.loopback_only = loopback_only
        self.error_page = error_page

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        """The guarded response, with every header of ``HEADERS`` it does not set itself."""
        response = await self._guarded(request, call_next)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)  # an export may set its own policy
        return response

    async def _guarded(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if self.loopback_only and not is_loopback(_host_name(request.headers.get("host", ""))):
            return self.error_page(request, 400, "This review desk answers only to addresses on this machine.")
        if self.token is not None:
            given = request.query_params.get("token")
            if given is not None and _same(given, self.token):
                # Keep the token in a cookie and out of the address bar, history and Referer headers.
                query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                response: Response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), 303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                return response
            bearer = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not (_same(request.cookies.get(TOKEN_COOKIE, ""), self.token) or _same(bearer, self.token)):
                return self.error_page(
                    request, 401, "This review desk needs its access token: open the address that "
                    "`voiceofbuyer serve` printed when it started (it ends in ?token=…).",
                )  # fmt: skip
        cookie = request.cookies.get(CSRF_COOKIE, "")
        fresh = None if _TOKEN_SHAPE.match(cookie) else new_token()
        request.state.csrf = fresh or cookie
        response = await call_next(request)
        if fresh:
            response.set_cookie(CSRF_COOKIE, fresh, httponly=True, samesite="strict")
        return response


def _host_name(host: str) -> str:
    """``127.0.0.1:8000`` → ``127.0.0.1``; ``[::1]:8000`` → ``::1``."""
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _same(given: str, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


class Form:
    """A posted form, read with a size cap and checked against the CSRF cookie."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def all(self, name: str) -> list[str]:
        """Every value posted under ``name``, in order."""
        return [value for key, value in self.pairs if key == name]

    def text(self, name: str, limit: int, label: str, required: bool = True, lines: bool = False) -> str:
        """A trimmed text field: 400 when missing or empty (if required) or longer than ``limit`` characters."""
        values = self.all(name)
        value = _CONTROL.sub("", values[0] if values else "").strip()
        if not lines:
            value = " ".join(value.split())
        if required and not value:
            raise HTTPException(400, f"{label} must not be empty.")
        if len(value) > limit:
            raise HTTPException(400, f"{label} is too long: {len(value):,} characters, at most {limit:,}.")
        return value

    def choice(self, name: str, allowed: tuple[str, ...], label: str) -> str:
        """The text field ``name``; 400 when it is not one of ``allowed``."""
        value = self.text(name, 200, label)
        if value not in allowed:
            raise HTTPException(400, f"{label} must be one of: {', '.join(allowed)}.")
        return value


async def read_form(request: Request) -> Form:
    """The POSTed form, or a 4xx: wrong type, too large, not UTF-8, or a CSRF token that does not match."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "This form was sent from another site; nothing was changed.")
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise HTTPException(415, "Send the form as application/x-www-form-urlencoded.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FORM_BYTES:
        raise HTTPException(413, f"The form is too large (at most {MAX_FORM_BYTES // 1024} KB).")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(413, f"The form is too large (at most {MAX_FORM_BYTES // 1024} KB).")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20_000)
    except (UnicodeDecodeError, ValueError) as error:
        raise HTTPException(400, "The form could not be read (not UTF-8, or too many fields).") from error
    form = Form(pairs)
    sent = form.all("csrf")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if len(sent) != 1 or not _TOKEN_SHAPE.match(cookie) or not _same(sent[0], cookie):
        raise HTTPException(
            403, "This form's security token does not match (an old page, or a form from another site); "
            "nothing was changed. Reload the page and try again.",
        )  # fmt: skip
    return form


def local_path(target: str, fallback: str = "/") -> str:
    """A redirect target that stays on this site: a path, never ``//host`` or a full URL."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return fallback
    return target
