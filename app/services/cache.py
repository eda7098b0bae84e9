"""A small in-process cache for rendered responses, keyed by what they were made from.

Keys always include the record's version, which every change to it moves on, so an entry
can never be served after its record changed: a stale entry is simply never asked for
again and ages out. Each app replica has its own; nothing here needs to be shared."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


class VersionedCache:
    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._data: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            found = self._data.get(key)
            if found is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Hashable, value: bytes) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
