"""The EventStore contract on every backend: POPO (the unit tests' twin), SQLite, PostgreSQL."""

from __future__ import annotations

import threading
from uuid import uuid4

import pytest
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError, Tracking
from eventsourcing.utils import get_topic

from config import Settings
from portfolio.application.store import EventStore
from portfolio.errors import AlreadyExists, Conflict, NotFound
from storage.eventstore import event_store_env, protect_event_tables


class Note(Aggregate):
    @event("Created")
    def __init__(self, text: str, sealed: bytes = b"") -> None:
        self.text = text
        self.sealed = sealed

    @event("Edited")
    def edit(self, text: str) -> None:
        self.text = text


class Other(Aggregate):
    @event("Created")
    def __init__(self) -> None:
        pass


class EventStoreContract:
    """Subclasses provide `new_store`: a factory of stores over one and the same log."""

    @pytest.fixture
    def store(self, new_store):
        store = new_store()
        yield store
        store.close()

    def test_saved_aggregates_load_back(self, store):
        note = Note("first", sealed=b"\x00\xffciphertext")
        store.save(note)
        loaded = store.get(note.id, Note, NotFound)
        assert (loaded.text, loaded.sealed) == ("first", b"\x00\xffciphertext")  # bytes as base64

    def test_missing_or_other_aggregates_are_not_found(self, store):
        other = Other()
        store.save(other)
        with pytest.raises(NotFound, match="no Note"):
            store.get(uuid4(), Note, NotFound)
        with pytest.raises(NotFound):
            store.get(other.id, Note, NotFound)
        assert store.get_or_none(other.id, Note) is None
        assert store.exists(other.id) and not store.exists(uuid4())

    def test_several_aggregates_are_saved_in_one_transaction(self, store):
        first, second = Note("a"), Note("b")
        store.save(first, second)
        stale = store.get(first.id, Note, NotFound)
        stale.edit("conflicting")
        newer = store.get(first.id, Note, NotFound)
        newer.edit("kept")
        store.save(newer)
        second.edit("never saved")
        with pytest.raises(IntegrityError):
            store.save(second, stale)  # one refused: neither is recorded
        assert store.get(second.id, Note, NotFound).text == "b"

    def test_create_refuses_a_taken_id(self, store):
        note = Note("once")
        store.create("note", note)
        again = store.get(note.id, Note, NotFound)
        duplicate = Note("twice")
        duplicate._id = note.id  # the same deterministic id, made elsewhere
        with pytest.raises(AlreadyExists) as caught:
            store.create("note", duplicate)
        assert caught.value.existing_id == again.id

    def test_changing_retries_a_command_that_lost_a_race(self, store):
        note = Note("0")
        store.save(note)
        racer = store.get(note.id, Note, NotFound)
        attempts: list[int] = []

        def load() -> Note:
            loaded = store.get(note.id, Note, NotFound)
            if not attempts:  # a concurrent writer saves after our load
                racer.edit("raced")
                store.save(racer)
            attempts.append(1)
            return loaded

        assert store.changing(load, lambda n: n.edit(n.text + "+")) is None
        assert len(attempts) == 2
        assert store.get(note.id, Note, NotFound).text == "raced+"

    def test_retrying_gives_up_with_a_conflict(self, store):
        def always_losing() -> None:
            raise IntegrityError("taken")

        with pytest.raises(Conflict):
            store.retrying(always_losing)

    def test_concurrent_changes_are_all_kept(self, store):
        note = Note("")
        store.save(note)

        def append(letter: str) -> None:
            store.changing(
                lambda: store.get(note.id, Note, NotFound), lambda n: n.edit(n.text + letter)
            )

        threads = [threading.Thread(target=append, args=(c,)) for c in "abcdef"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(store.get(note.id, Note, NotFound).text) == list("abcdef")

    def test_the_log_is_ordered_filtered_and_paged(self, store):
        notes = [Note(str(n)) for n in range(3)]
        for note in notes:
            store.save(note)
        notes[0].edit("edited")
        store.save(notes[0])
        log = store.notifications(start=None, limit=100)
        assert [n.originator_id for n in log] == [*(n.id for n in notes), notes[0].id]
        assert [n.id for n in log] == sorted(n.id for n in log)
        edits = store.notifications(None, 100, [get_topic(Note.Edited)])
        assert [n.originator_id for n in edits] == [notes[0].id]
        after = store.notifications(log[1].id, 2, inclusive_of_start=False)
        assert [n.id for n in after] == [log[2].id, log[3].id]
        assert store.domain_event(edits[0]).text == "edited"

    def test_events_of_one_aggregate(self, store):
        note = Note("a")
        store.save(note)
        note.edit("b")
        store.save(note)
        events = store.events_of(note.id)
        assert [type(e).__name__ for e in events] == ["Created", "Edited"]
        assert store.events_of(uuid4()) == []

    def test_a_second_store_reads_what_the_first_saved(self, store, new_store):
        note = Note("persisted")
        store.save(note)
        other = new_store()
        try:
            assert other.get(note.id, Note, NotFound).text == "persisted"
        finally:
            other.close()

    def test_tracking_positions_only_move_forward(self, store):
        recorder = store.tracking_recorder()
        recorder.insert_tracking(Tracking("reader", 5))
        with pytest.raises(IntegrityError):
            recorder.insert_tracking(Tracking("reader", 3))
        assert recorder.max_tracking_id("reader") == 5


class TestPopoEventStore(EventStoreContract):
    """The unit tests' twin: in memory, gone with the process (one store per log)."""

    @pytest.fixture
    def new_store(self):
        store = EventStore({"PERSISTENCE_MODULE": "eventsourcing.popo"})
        store.close = lambda: None  # the one store is "reopened" by handing it out again
        return lambda: store

    def test_numbers_the_log_without_gaps(self, store):
        assert store.numbers_without_gaps


class TestSqliteEventStore(EventStoreContract):
    @pytest.fixture
    def new_store(self, sqlite_settings: Settings):
        def build() -> EventStore:
            store = EventStore(event_store_env(sqlite_settings, EventStore.name))
            protect_event_tables(sqlite_settings, [EventStore.name])
            return store

        return build

    def test_numbers_the_log_without_gaps(self, store):
        assert store.numbers_without_gaps


@pytest.mark.postgres
class TestPostgresEventStore(EventStoreContract):
    @pytest.fixture
    def new_store(self, pg_env: Settings):
        def build() -> EventStore:
            store = EventStore(event_store_env(pg_env, EventStore.name))
            protect_event_tables(pg_env, [EventStore.name])
            return store

        return build

    def test_sequence_numbers_may_skip(self, store):
        assert not store.numbers_without_gaps  # rolled-back inserts consume values
