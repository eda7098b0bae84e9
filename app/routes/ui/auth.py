"""Sign in and sign out in the browser."""

from urllib.parse import urlparse

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from app.config import get_settings
from app.db import SessionDep, discard
from app.deps import SESSION_COOKIE, PrincipalDep
from app.errors import DomainError, NotFound
from app.models.user import User
from app.routes.ui.forms import FormErrors, text
from app.services import auth
from app.services import user as user_service
from app.templating import render

router = APIRouter(include_in_schema=False)


def _safe_next(value: str | None) -> str:
    # Only a path on this site, so the sign-in page cannot be used to send people elsewhere.
    if not value or not value.startswith("/") or value.startswith("//"):
        return "/"
    parsed = urlparse(value)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    return render(
        request, "auth/login.html", {"next": _safe_next(next), "errors": FormErrors(), "email": ""}
    )


@router.post("/login")
async def login(request: Request, session: SessionDep) -> Response:
    form = await request.form()
    email = text(form, "email") or ""
    password = form.get("password") if isinstance(form.get("password"), str) else ""
    next_url = _safe_next(text(form, "next"))
    errors = FormErrors()
    if not email:
        errors["email"] = "Enter your email address"
    if not password:
        errors["password"] = "Enter your password"
    if not errors:
        try:
            user = auth.authenticate(session, email=email, password=str(password))
        except auth.LoginRefused as refused:
            errors["email"] = refused.message
        else:
            secret, _row = auth.start_session(session, user=user)
            settings = get_settings()
            response = RedirectResponse(next_url, status_code=303)
            response.set_cookie(
                SESSION_COOKIE,
                secret,
                max_age=settings.session_max_age_seconds,
                httponly=True,
                secure=settings.secure_cookies or request.url.scheme == "https",
                samesite="lax",
                path="/",
            )
            return response
    return render(
        request,
        "auth/login.html",
        {"next": next_url, "errors": errors, "email": email},
        status_code=422,
    )


@router.post("/logout")
def logout(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        auth.end_session(session, secret=secret)
    response = RedirectResponse("/login?signed_out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account/password")
def password_page(request: Request, principal: PrincipalDep) -> Response:
    return render(request, "auth/password.html", {"errors": FormErrors()})


@router.post("/account/password")
async def password_change(request: Request, principal: PrincipalDep,
                          session: SessionDep) -> Response:
    """Choose a new password (asked for first after a temporary one). Other sessions of the
    person stay signed in; an administrator's reset ends them all."""
    form = await request.form()
    errors = FormErrors()
    user = session.get(User, principal.user.id) if principal.user else None
    if user is None:
        raise NotFound()

    def field(name: str) -> str:
        value = form.get(name)
        return value if isinstance(value, str) else ""

    try:
        user_service.change_own_password(session, user=user, current=field("current"),
                                         new=field("new"), confirm=field("confirm"))
    except DomainError as exc:
        errors.add_domain(exc)
        discard(session)
        return render(request, "auth/password.html", {"errors": errors}, status_code=422)
    return RedirectResponse("/", status_code=303)
