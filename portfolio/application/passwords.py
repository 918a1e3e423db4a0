"""Argon2id password hashing, built on first use (never at import: it costs about a second).

The deployment uses argon2-cffi's defaults; unit tests inject `Argon2Hasher.cheap()`, the same
code with the smallest cost parameters, so a test suite that signs in hundreds of times stays
fast while still exercising real hashing and verification.
"""

from __future__ import annotations

import threading

from argon2 import DEFAULT_MEMORY_COST, DEFAULT_PARALLELISM, DEFAULT_TIME_COST
from argon2 import PasswordHasher as _Argon2
from argon2.exceptions import InvalidHashError, VerificationError

_DUMMY_SECRET = "timing-equaliser-not-a-password"


class Argon2Hasher:
    """`PasswordHasher` over argon2-cffi; `verify(None, …)` checks a dummy hash (same cost)."""

    def __init__(
        self,
        time_cost: int = DEFAULT_TIME_COST,
        memory_cost: int = DEFAULT_MEMORY_COST,
        parallelism: int = DEFAULT_PARALLELISM,
    ) -> None:
        self._costs = (time_cost, memory_cost, parallelism)
        self._argon2: _Argon2 | None = None
        self._dummy: str | None = None
        self._lock = threading.Lock()

    @classmethod
    def cheap(cls) -> Argon2Hasher:
        """The same algorithm at its lowest cost: for tests only, never for real passwords."""
        return cls(time_cost=1, memory_cost=8, parallelism=1)

    def _ready(self) -> tuple[_Argon2, str]:
        with self._lock:
            if self._argon2 is None or self._dummy is None:
                time_cost, memory_cost, parallelism = self._costs
                self._argon2 = _Argon2(
                    time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism
                )
                self._dummy = self._argon2.hash(_DUMMY_SECRET)
            return self._argon2, self._dummy

    def hash(self, password: str) -> str:
        argon2, _ = self._ready()
        return argon2.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        argon2, dummy = self._ready()
        try:
            return argon2.verify(password_hash or dummy, password) and bool(password_hash)
        except (VerificationError, InvalidHashError):
            return False
