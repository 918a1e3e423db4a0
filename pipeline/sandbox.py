"""Parse untrusted documents in a child process with a memory cap and a wall-clock limit.

PDFium, lxml and zlib are C code: a hostile file can make them allocate without bound or spin,
and no Python timeout can interrupt them. So the cheap checks (size, magic bytes, ZIP directory,
XML prologs) run here in the parent, and the parse runs in a freshly spawned child whose address
space is capped with RLIMIT_AS; the parent kills it when time is up. Whatever happens in the
child comes back as a Document or a DocumentRejected — never as a crash of the caller.
"""

from __future__ import annotations

import multiprocessing
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection

from pipeline.model import Document
from pipeline.rejections import DocumentRejected, RejectionCategory
from pipeline.sniff import DEFAULT_MAX_BYTES, Sniffed, sniff

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MEMORY_BYTES = 1 << 30
_KILL_GRACE_S = 5.0
_EXIT_GRACE_S = 1.0
_UNREADABLE = "The file could not be read; export it again."
_PRELOAD = (
    "pipeline.extract",
    "pipeline.extract.docx",
    "pipeline.extract.pdf",
    "pipeline.extract.xlsx",
)


@dataclass(frozen=True)
class Limits:
    """What one document may cost: its size, the parse's wall time and address space."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_bytes: int = DEFAULT_MEMORY_BYTES


def extract_within(data: bytes, filename: str, limits: Limits) -> Document:
    """`extract_in_sandbox` under `limits`."""
    return extract_in_sandbox(
        data,
        filename,
        timeout_s=limits.timeout_s,
        memory_bytes=limits.memory_bytes,
        max_bytes=limits.max_bytes,
    )


def extract_in_sandbox(
    data: bytes,
    filename: str,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Return the Document for `data`, or raise DocumentRejected (never hangs past timeout_s)."""
    sniffed = sniff(data, filename, max_bytes=max_bytes)
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main, args=(sender, data, sniffed, memory_bytes), daemon=True
    )
    child.start()
    sender.close()
    outcome: tuple | None = None
    try:
        outcome = _await(receiver, timeout_s, memory_bytes)
    finally:
        receiver.close()
        _stop(child, grace_s=_EXIT_GRACE_S if outcome else 0.0)
    return _unwrap(outcome)


def _await(receiver: Connection, timeout_s: float, memory_bytes: int) -> tuple:
    if not receiver.poll(timeout_s):
        raise DocumentRejected(
            RejectionCategory.TIMEOUT,
            f"Reading the file took longer than {timeout_s:g} s; it was stopped.",
        )
    try:
        return receiver.recv()
    except (EOFError, OSError):  # the child died without answering: killed or crashed
        raise DocumentRejected(
            RejectionCategory.TOO_LARGE,
            f"Reading the file exceeded the memory limit ({memory_bytes // (1 << 20)} MB) "
            "or crashed the reader; it was stopped.",
        ) from None


def _context():
    """A fork server that has already imported the readers: each child starts in milliseconds
    instead of re-importing lxml, PDFium and openpyxl (a fresh spawn takes ~0.5 s)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(_PRELOAD))
    return context


def _stop(child: multiprocessing.process.BaseProcess, grace_s: float) -> None:
    child.join(timeout=grace_s)
    if child.is_alive():
        child.kill()
        child.join(timeout=_KILL_GRACE_S)
    child.close()


def _unwrap(outcome: tuple) -> Document:
    if outcome[0] == "ok":
        return outcome[1]
    _, category, message = outcome
    raise DocumentRejected(category, message)


def _child_main(sender: Connection, data: bytes, sniffed: Sniffed, memory_bytes: int) -> None:
    """Child process: import the readers, cap the address space, parse, send one answer."""
    try:
        try:
            outcome = _parse(data, sniffed, memory_bytes)
        except Exception:  # outside the readers (limits, imports): still an answer
            outcome = ("rejected", RejectionCategory.CORRUPT.value, _UNREADABLE)
        try:
            sender.send(outcome)
        except MemoryError:
            sender.send(
                ("rejected", RejectionCategory.TOO_LARGE.value, _memory_message(memory_bytes))
            )
    finally:
        sender.close()


def _parse(data: bytes, sniffed: Sniffed, memory_bytes: int) -> tuple:
    from pipeline.extract import extract_sniffed, preload_readers

    preload_readers()  # imports must not count as the document's fault
    _cap_address_space(memory_bytes)
    try:
        return ("ok", extract_sniffed(data, sniffed))
    except DocumentRejected as exc:
        if exc.category is RejectionCategory.CORRUPT and _near_limit(memory_bytes):
            # lxml and PDFium report a failed allocation as a parse error
            return ("rejected", RejectionCategory.TOO_LARGE.value, _memory_message(memory_bytes))
        return ("rejected", exc.category.value, exc.message)
    except MemoryError:
        return ("rejected", RejectionCategory.TOO_LARGE.value, _memory_message(memory_bytes))


def _cap_address_space(memory_bytes: int) -> None:
    """Lower the soft and hard RLIMIT_AS; never above an existing hard limit."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _near_limit(memory_bytes: int) -> bool:
    """Whether this process's peak address space came within 10 % of the cap (Linux only)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmPeak:"))
    except (OSError, StopIteration, ValueError, IndexError):
        return False
    return peak_kb * 1024 >= 0.9 * memory_bytes


def _memory_message(memory_bytes: int) -> str:
    return f"Reading the file exceeded the memory limit ({memory_bytes // (1 << 20)} MB)."
