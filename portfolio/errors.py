"""The domain's error tree. Every error a user can cause has its own class here.

Edges (HTTP, CLI) map these to status codes and exit codes in one place each.
"""


class PortfolioError(Exception):
    """Root of every error the portfolio domain and application raise on purpose."""


class NotFound(PortfolioError):
    """Raised when a session, candidate, production, version or account does not exist."""


class Conflict(PortfolioError):
    """Raised when a command contradicts the current state (twice, too late, already done)."""


class InvalidInput(PortfolioError):
    """Raised when a command's arguments are malformed or out of range."""


class Forbidden(PortfolioError):
    """Raised when the acting account may not perform this command."""


class StorageUnavailable(PortfolioError):
    """Raised when the event store or the blob store cannot be reached."""


class BlobNotFound(NotFound):
    """Raised when a blob store has no object at the requested address."""


class BlobCorrupted(PortfolioError):
    """Raised when stored bytes no longer hash to their address (tampering or bit rot)."""


class BlobTooLarge(InvalidInput):
    """Raised when a stream exceeds the configured size limit while being stored."""


class SubjectErased(PortfolioError):
    """Raised when reading personal data whose subject key was destroyed (RGPD erasure)."""


class ReferentialInvalid(PortfolioError):
    """Raised when the referential data file is malformed or contradicts itself."""


class AlreadyExists(Conflict):
    """Raised when creating a session or candidate whose deterministic id is already taken."""

    def __init__(self, kind: str, existing_id: object) -> None:
        super().__init__(f"{kind} {existing_id} already exists")
        self.existing_id = existing_id


class DeadlinePassed(Conflict):
    """Raised when evidence is uploaded after the session's deadline for that production."""


class AlreadySubmitted(Conflict):
    """Raised when a production that already has a submitted version is submitted again."""


class AlreadyErased(Conflict):
    """Raised when a command targets a candidate whose personal data was erased."""


class UnknownProductionCode(InvalidInput):
    """Raised when a production code is not one of the title's productions (E1, E2, E3)."""


class EmptyUpload(InvalidInput):
    """Raised when an uploaded file has no bytes at all."""


class SessionNotFound(NotFound):
    """Raised when no assessment session has the given id."""


class CandidateNotFound(NotFound):
    """Raised when no candidate has the given id."""


class ProductionNotFound(NotFound):
    """Raised when a candidate has no production (or no such version) for a code."""


class LogIntegrityError(PortfolioError):
    """Raised when the event log has gaps, broken version runs or differs from an anchor."""


class Unauthenticated(PortfolioError):
    """Raised when a request carries no valid session cookie or API token, or a login fails."""


class TooManyAttempts(PortfolioError):
    """Raised when a login is throttled after repeated failures; retry after `retry_after` s."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
