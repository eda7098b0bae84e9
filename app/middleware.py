"""ASGI middleware: request ids, a request body limit, and security headers."""

import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import get_settings

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)


class RequestIdMiddleware:
    """Tags each request with an id (or the caller's X-Request-ID) for logs, errors and audit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming[:64] if incoming.isprintable() and incoming else secrets.token_hex(8)
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-request-id", request_id.encode()),
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                if get_settings().secure_cookies:
                    headers.append(
                        (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
                    )
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    pass


def _limit(scope: Scope) -> int:
    """Uploads of files have their own, larger limit; everything else the ordinary one."""
    settings = get_settings()
    if scope.get("method") == "POST" and str(scope.get("path", "")).endswith(
            ("/attachments", "/pictures", "/panels")):
        return settings.max_upload_bytes
    return settings.max_body_bytes


class BodyLimitMiddleware:
    """Refuses request bodies over the configured size with 413, before the app reads them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = _limit(scope)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isascii() and length.isdigit() and int(length) > limit:
            await self._too_large(scope, send, limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._too_large(scope, send, limit)

    async def _too_large(self, scope: Scope, send: Send, limit: int) -> None:
        from starlette.requests import Request

        from app.errors import DomainError, respond

        request = Request(scope)
        size = f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} kB"
        err = DomainError(
            detail=f"What you sent is too large (the limit is {size}). "
            "Nothing was saved. Shorten it and try again.",
            status=413,
            title="Too large",
            slug="too-large",
        )
        response = respond(request, err)

        async def _noop_receive() -> Message:
            return {"type": "http.disconnect"}

        await response(scope, _noop_receive, send)
