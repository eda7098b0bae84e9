"""Command line: `python -m app <command>`. Run `python -m app --help` for the list."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import ROOT


def _session() -> Session:
    from app.db import get_sessionmaker

    return get_sessionmaker()()


def migrate(_: argparse.Namespace) -> int:
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    command.upgrade(cfg, "head")
    return 0


def seed(_: argparse.Namespace) -> int:
    from app.seed import demo_sign_in_text, seed

    with _session() as s, s.begin():
        added = seed(s)
    print("Demo data added." if added else "The database already has data; demo data not added.")
    print(demo_sign_in_text())
    return 0


def user_create(args: argparse.Namespace) -> int:
    from app.models.enums import Role
    from app.models.team import Team
    from app.models.user import User
    from app.services import audit, auth

    password = args.password or getpass.getpass("Password (12 or more characters): ")
    with _session() as s, s.begin():
        team_id = None
        if args.team:
            team = s.scalar(select(Team).where(Team.name == args.team))
            if team is None:
                team = Team(name=args.team)
                s.add(team)
                s.flush()
            team_id = team.id
        user = User(
            name=args.name,
            email=args.email.lower(),
            role=Role(args.role),
            team_id=team_id,
            phone=args.phone,
            password_hash=auth.hash_password(password),
        )
        s.add(user)
        s.flush()
        audit.record(
            s,
            actor=audit.Actor(name="Command line", channel="cli"),
            action="create",
            entity_type="user",
            entity_id=user.id,
            case_id=None,
            summary=f"created user {user.name} ({user.role.value})",
        )
    print(f"Created {args.email} ({args.role}).")
    return 0


def user_reset(args: argparse.Namespace) -> int:
    from app.models.auth import LoginAttempt, UserSession
    from app.models.base import utcnow
    from app.models.user import User
    from app.services import audit, auth

    password = args.password or getpass.getpass("New password (12 or more characters): ")
    with _session() as s, s.begin():
        user = s.scalar(select(User).where(User.email == args.email.lower()))
        if user is None:
            print(f"No user with email {args.email}.", file=sys.stderr)
            return 1
        user.password_hash = auth.hash_password(password)
        user.failed_logins = 0
        s.query(LoginAttempt).filter(LoginAttempt.email == user.email).delete()
        for sess in s.scalars(
            select(UserSession).where(
                UserSession.user_id == user.id, UserSession.ended_at.is_(None)
            )
        ):
            sess.ended_at = utcnow()
        audit.record(
            s,
            actor=audit.Actor(name="Command line", channel="cli"),
            action="reset_password",
            entity_type="user",
            entity_id=user.id,
            case_id=None,
            summary=f"reset the password of {user.name}",
        )
    print(f"Password reset for {args.email}; their sessions were ended.")
    return 0


def token_create(args: argparse.Namespace) -> int:
    from app.models.team import Team
    from app.services import audit, auth

    with _session() as s, s.begin():
        team_id = None
        if args.team:
            team = s.scalar(select(Team).where(Team.name == args.team))
            if team is None:
                print(f"No team called {args.team}.", file=sys.stderr)
                return 1
            team_id = team.id
        secret, token = auth.issue_token(
            s,
            name=args.name,
            scopes=args.scopes.split(","),
            team_id=team_id,
            expires_in_days=args.days,
            actor=audit.Actor(name="Command line", channel="cli"),
        )
        token_id = token.id
    print(f"Token {token_id} '{args.name}'. Copy it now; it is not shown again:\n{secret}")
    return 0


def token_revoke(args: argparse.Namespace) -> int:
    from app.models.auth import ApiToken
    from app.services import audit, auth

    with _session() as s, s.begin():
        token = s.get(ApiToken, args.id)
        if token is None:
            print(f"No token {args.id}.", file=sys.stderr)
            return 1
        auth.revoke_token(s, token=token, actor=audit.Actor(name="Command line", channel="cli"))
    print(f"Token {args.id} revoked.")
    return 0


def audit_verify(_: argparse.Namespace) -> int:
    from app.services import audit

    with _session() as s:
        result = audit.verify(s)
    if result.ok:
        print(f"Audit trail intact: {result.checked} events checked.")
        return 0
    print(
        f"AUDIT TRAIL BROKEN: {result.reason} (first bad event: {result.first_bad_seq}; "
        f"{result.checked} events before it are intact).",
        file=sys.stderr,
    )
    return 2


def summaries_check(_: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from app.db import get_engine
    from app.services import practice_summary, practice_summary_hook

    # Cases known to be due a refresh are not drift: refresh them, as the board would.
    with Session(get_engine()) as session:
        practice_summary_hook.settle_due(session)
    with get_engine().connect() as conn:
        wrong = practice_summary.check(conn)
    if not wrong:
        print("Practice summaries match the record.")
        return 0
    shown = ", ".join(str(c) for c in wrong[:50]) + (" …" if len(wrong) > 50 else "")
    print(f"{len(wrong)} case(s) with a summary that differs from the record: {shown}. "
          "Run `python -m app summaries rebuild`.")
    return 1


def summaries_rebuild(_: argparse.Namespace) -> int:
    from app.db import get_engine
    from app.services import practice_summary

    with get_engine().begin() as conn:
        n = practice_summary.rebuild(conn)
    print(f"Rebuilt the practice summaries of {n} case(s).")
    return 0


def backup_write(args: argparse.Namespace) -> int:
    from app.config import get_settings
    from app.services import backup

    try:
        backup.backup(get_settings().database_url, Path(args.file))
    except backup.BackupFailed as exc:
        print(f"Backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"Backup written to {args.file}.")
    return 0


def backup_restore(args: argparse.Namespace) -> int:
    from app.config import get_settings
    from app.services import backup

    try:
        done = backup.restore(get_settings().database_url, Path(args.file))
    except backup.BackupFailed as exc:
        print(f"Restore failed: {exc}", file=sys.stderr)
        return 1
    print(f"Restored {done.cases} case(s) and {done.documents} issued document(s).")
    if not done.audit.ok:
        print(f"AUDIT TRAIL BROKEN after restore: {done.audit.reason}", file=sys.stderr)
        return 2
    print(f"Audit trail intact: {done.audit.checked} events checked.")
    return 0


def returns_cin(args: argparse.Namespace) -> int:
    """Make, check and keep the census return now (the page and the API run it in the
    background); write the file; list what the Department's rules found."""
    from app.errors import DomainError
    from app.services import audit, census_run, census_validation

    with _session() as s, s.begin():
        try:
            run = census_run.start(
                s, year=args.year, actor=audit.Actor(name="Command line", channel="cli"),
                queue=False)
        except DomainError as exc:
            print(exc.detail, file=sys.stderr)
            return 1
        run_id = run.id
    census_run.perform(run_id)
    with _session() as s:
        run = census_run.load(s, run_id)
        if run.status.value != "done":
            print(run.problem or "The return could not be made.", file=sys.stderr)
            return 1
        doc = census_run.file_of(s, run)
        Path(args.out).write_bytes(doc.content)
        for f in run.findings or []:
            where = census_validation.link(f) or "the whole return"
            print(f"{str(f['kind']).upper():5} {f['code']!s:6} child {f.get('child_id') or '-'}: "
                  f"{f['words']} ({where})")
        print(f"{run.children} children; {run.errors} error(s), {run.queries} quer(y/ies). "
              f"Written to {args.out} (SHA-256 {doc.sha256}); kept as census run {run.id}.")
        return 0 if run.errors == 0 else 2


def readability_corpus(args: argparse.Namespace) -> int:
    """How well the plain-words checker (the built-in list and the short-form detector) does
    on the corpus of worker sentences: recall, false alarms, and every miss and alarm."""
    from app.services import readability

    figures = readability.corpus(Path(args.file) if args.file else readability.CORPUS)
    print("\n".join(figures.lines()))
    return 0


def worker(args: argparse.Namespace) -> int:
    """Run the background jobs (census runs) in this process until stopped (Ctrl+C, SIGTERM
    lets the job in progress finish)."""
    import logging

    from app import jobs
    from app.services import census_run  # noqa: F401  (registers its job)

    logging.basicConfig(level=logging.INFO)
    jobs.ready()
    jobs.consumer(args.threads, graceful_term=True).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(fn=migrate)
    sub.add_parser("seed", help="add demo data if the database is empty").set_defaults(fn=seed)

    user = sub.add_parser("user", help="manage users").add_subparsers(dest="sub", required=True)
    uc = user.add_parser("create", help="create a user")
    uc.add_argument("--name", required=True)
    uc.add_argument("--email", required=True)
    uc.add_argument(
        "--role",
        required=True,
        choices=["practitioner", "supervisor", "service_manager", "administrator"],
    )
    uc.add_argument("--team")
    uc.add_argument("--phone")
    uc.add_argument("--password", help="omit to be asked (keeps it out of shell history)")
    uc.set_defaults(fn=user_create)
    ur = user.add_parser("reset-password", help="set a new password and end their sessions")
    ur.add_argument("--email", required=True)
    ur.add_argument("--password")
    ur.set_defaults(fn=user_reset)

    token = sub.add_parser("token", help="API tokens").add_subparsers(dest="sub", required=True)
    tc = token.add_parser("create", help="issue a token (shown once)")
    tc.add_argument("--name", required=True)
    tc.add_argument("--scopes", default="read", help="read, or read,write")
    tc.add_argument("--team", help="limit to one team's cases; omit for service-wide")
    tc.add_argument("--days", type=int, default=365, help="expires after this many days")
    tc.set_defaults(fn=token_create)
    tr = token.add_parser("revoke", help="revoke a token")
    tr.add_argument("id", type=int)
    tr.set_defaults(fn=token_revoke)

    au = sub.add_parser("audit", help="audit trail").add_subparsers(dest="sub", required=True)
    au.add_parser("verify", help="check the hash chain").set_defaults(fn=audit_verify)

    su = sub.add_parser("summaries", help="the practice summaries behind the team boards")
    su_sub = su.add_subparsers(dest="sub", required=True)
    su_sub.add_parser("check", help="compare them with the record").set_defaults(
        fn=summaries_check)
    su_sub.add_parser("rebuild", help="recompute them all (after a bulk load)").set_defaults(
        fn=summaries_rebuild)

    bk = sub.add_parser("backup", help="write a backup of the whole record to a file")
    bk.add_argument("file")
    bk.set_defaults(fn=backup_write)
    rs = sub.add_parser("restore", help="restore a backup into an empty database, then verify")
    rs.add_argument("file")
    rs.set_defaults(fn=backup_restore)

    rt = sub.add_parser("returns", help="statutory returns").add_subparsers(dest="sub",
                                                                           required=True)
    rc = rt.add_parser("cin", help="make and check the Children in Need census return")
    rc.add_argument("--year", type=int, required=True,
                    help="the census ending 31 March of this year, e.g. 2026")
    rc.add_argument("--out", required=True, help="where to write the XML")
    rc.set_defaults(fn=returns_cin)
    rd = sub.add_parser("readability", help="the plain-words checker").add_subparsers(
        dest="sub", required=True)
    rdc = rd.add_parser("corpus", help="recall and false alarms on the corpus of sentences")
    rdc.add_argument("--file", help="a CSV of sentence,expected (default: the built-in one)")
    rdc.set_defaults(fn=readability_corpus)
    wk = sub.add_parser("worker", help="run the background jobs (set JOB_WORKERS=0 on the web)")
    wk.add_argument("--threads", type=int, default=2)
    wk.set_defaults(fn=worker)

    args = parser.parse_args(argv)
    Path(ROOT / "var").mkdir(exist_ok=True)
    return int(args.fn(args))


if __name__ == "__main__":
    sys.exit(main())
