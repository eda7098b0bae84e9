"""Settings: the one place that reads the environment."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    database_url: str = f"sqlite:///{ROOT / 'var' / 'signs.db'}"
    #: Largest request body accepted, in bytes; larger bodies get 413.
    max_body_bytes: int = 1_000_000
    #: Uploads (reports, letters, photos) may be larger than other requests.
    max_upload_bytes: int = 15_000_000
    #: A picture larger than this many pixels is refused (a "decompression bomb" would
    #: otherwise take the server's memory when decoded).
    max_image_pixels: int = 40_000_000
    service_name: str = "Signs of Safety record"
    council_name: str = "Demo Borough Council"
    #: The council's three-digit Department for Education code, sent as LEA in the census
    #: return. Set it for the council (the default is a code for test data).
    la_code: str = "001"
    #: What the family's copy tells them under "What happens next". Set them for the council
    #: (the defaults are fictional numbers from the range kept for drama).
    out_of_hours_phone: str = "01632 960 999"
    complaints_contact: str = "call 01632 960 100 or email complaints@example.org"
    advocacy_contact: str = "the Children's Rights Service on 01632 960 200"
    #: The two contacts above in the other languages the family's documents are written in,
    #: as JSON: {"cy": {"complaints_contact": "...", "advocacy_contact": "..."}}. A contact
    #: missing here prints in English.
    contacts_in_languages: dict[str, dict[str, str]] = {"cy": {
        "complaints_contact": "ffoniwch 01632 960 100 neu anfonwch e-bost at "
                              "complaints@example.org",
        "advocacy_contact": "y Gwasanaeth Hawliau Plant ar 01632 960 200"}}
    page_size: int = 25
    #: A stage of a case's trajectory this many weeks past its planned date is drift.
    trajectory_drift_weeks: int = 2
    #: Secret for session cookies and CSRF tokens. Must be set in production.
    secret_key: str = "dev-only-not-secret-change-me"
    #: Marks cookies Secure; set when served over HTTPS (behind a proxy set this explicitly).
    secure_cookies: bool = False
    session_max_age_seconds: int = 8 * 60 * 60
    debug: bool = False
    #: Argon2 cost. The defaults follow argon2-cffi's recommended profile; tests lower them.
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 65536
    argon2_parallelism: int = 4
    #: Job worker threads in each app process (census runs); 0 when a separate
    #: `python -m app worker` runs them.
    job_workers: int = 1
    #: The job queue's name: every process of one deployment shares it (tests give a served
    #: app its own, so that it takes only the jobs it was given).
    job_queue: str = "signs"
    #: A document is printed in a process of its own, stopped after this many seconds...
    pdf_timeout_seconds: float = 60.0
    #: ...or when it needs more memory than this (MiB of address space).
    pdf_memory_mb: int = 2048


@lru_cache
def get_settings() -> Settings:
    return Settings()
