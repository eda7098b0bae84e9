"""Benchmarks: `make bench` (or `python -m bench`).

One run builds throwaway datasets with bulk inserts, starts the real app (and a bare FastAPI app
for comparison) with uvicorn on the loopback interface, runs every registered scenario, prints a
table and writes `bench-results/latest.json`. See `bench/scenarios.py` to add a scenario.
"""
