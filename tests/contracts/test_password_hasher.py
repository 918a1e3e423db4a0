"""The PasswordHasher port: Argon2id as deployed, and at its cheapest (the unit tests' hasher)."""

from __future__ import annotations

import pytest

from portfolio.application.passwords import Argon2Hasher


class PasswordHasherContract:
    def test_a_hash_verifies_its_password_only(self, hasher):
        hashed = hasher.hash("correct horse battery")
        assert "correct horse" not in hashed
        assert hasher.verify(hashed, "correct horse battery")
        assert not hasher.verify(hashed, "wrong horse battery")

    def test_hashes_are_salted(self, hasher):
        assert hasher.hash("same password") != hasher.hash("same password")

    def test_no_hash_or_a_broken_one_never_verifies(self, hasher):
        assert not hasher.verify(None, "anything")
        assert not hasher.verify("not-a-hash", "anything")


class TestCheapArgon2(PasswordHasherContract):
    @pytest.fixture
    def hasher(self):
        return Argon2Hasher.cheap()


@pytest.mark.slow
class TestDeployedArgon2(PasswordHasherContract):
    @pytest.fixture
    def hasher(self):
        return Argon2Hasher()

    def test_nothing_is_computed_before_first_use(self):
        assert Argon2Hasher()._argon2 is None  # built lazily: never at import or construction
