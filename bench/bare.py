"""The floor: a bare FastAPI app with one endpoint returning a case-shaped JSON dict.

Served by uvicorn with exactly the same settings as the real app, so `app / bare` measures what
the app itself adds (middleware, token check, database, validation) over the framework. The
endpoint is a plain `def`, like the app's routes, so both run in the same thread pool.
"""

from fastapi import FastAPI

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


@app.get("/bare/{case_id}")
def bare_case(case_id: int) -> dict[str, object]:
    return {
        "id": case_id,
        "reference": f"SR-{case_id:07d}",
        "family_name": "Harper",
        "status": "open",
        "opened_on": "2026-01-05",
        "closed_on": None,
        "closure_reason": None,
        "team": {"id": 1, "name": "Bench Team 1"},
        "worker": {"id": 1, "name": "Bench Worker 1"},
        "version": 1,
        "created_at": "2026-01-05T09:00:00Z",
        "updated_at": "2026-01-05T09:00:00Z",
    }
