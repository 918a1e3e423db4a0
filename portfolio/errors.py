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


class UnknownReferentialVersion(InvalidInput):
    """Raised when a session names a referential version the system does not hold."""

    def __init__(self, version: str, known: tuple[str, ...]) -> None:
        super().__init__(
            f"unknown referential version {version!r}; valid versions: {', '.join(known)}"
        )
        self.version = version
        self.known = known


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


# --- Assessment and jury (issue 5) ---


class UnknownSituation(InvalidInput):
    """Raised when a situation code is not one of the title's evaluation situations."""


class ConflictOfInterest(Conflict):
    """Raised when an account with a declared conflict would assess or decide on a candidate."""


class NotAssigned(Forbidden):
    """Raised when an assessor acts on a candidate situation they are not assigned to."""


class CriterionOutsideBlocs(InvalidInput):
    """Raised when a score names a criterion that the situation's blocs do not evaluate."""


class UnknownLevel(InvalidInput):
    """Raised when a level is not acquis, partiellement acquis or non acquis."""


class MarkOutOfRange(InvalidInput):
    """Raised when a mark is not a number between 0 and 20."""


class RationaleRequired(InvalidInput):
    """Raised when a score, a change, a moderation or a departure comes without its reason."""


class NotSubmittedVersion(Conflict):
    """Raised when a score or annotation targets a version other than the submitted one."""


class AlreadySignedOff(Conflict):
    """Raised when an assessor signs off an assessment that has not changed since sign-off."""


class AssessmentIncomplete(Conflict):
    """Raised when an assessor signs off while some criteria of the situation are unscored."""


class BlindMarking(Forbidden):
    """Raised when an assessor reads a co-assessor's work before both have signed off."""


class AnnotationNotFound(NotFound):
    """Raised when no annotation has the given id on the production."""


class InvalidAnchor(InvalidInput):
    """Raised when an annotation's offsets or quote do not match the extracted text."""


class NoDiscrepancy(Conflict):
    """Raised when a moderation targets a criterion whose assessors agree or did not sign off."""


class JuryIncomplete(Conflict):
    """Raised when a jury decides before its composition satisfies the rules."""


class ProposalUnavailable(Conflict):
    """Raised when a bloc has unscored, unsigned or unmoderated criteria, so nothing is proposed."""


class DecisionAlreadyRecorded(Conflict):
    """Raised when the jury decides twice on the same candidate and bloc in one deliberation."""


class PVNotFound(NotFound):
    """Raised when no procès-verbal has the given id."""


class PVAlreadyFinal(Conflict):
    """Raised when signing or correcting contradicts a procès-verbal's final state."""


class PVAlreadySigned(Conflict):
    """Raised when a jury member signs the same procès-verbal twice."""


class PVHashMismatch(Conflict):
    """Raised when a signature names a document hash other than the procès-verbal's."""


class PVRegenerationMismatch(PortfolioError):
    """Raised when a procès-verbal regenerated from the events differs from the signed one."""


class SealedDataCorrupted(PortfolioError):
    """Raised when sealed personal data fails authentication (tampered, truncated, misfiled)."""
