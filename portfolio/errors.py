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
