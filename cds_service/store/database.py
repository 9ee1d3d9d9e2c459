"""One Store per process: the SQLAlchemy engine, migrations, and the few writes and reads we need.

SQLite (a file in the data directory, WAL mode so several gunicorn workers can write) is the embedded
default; PostgreSQL is how several hosts share state. Every process that opens the store brings the
schema up to date itself (`upgrade`), under a lock all starters share: a file lock beside the SQLite
file, a transaction-scoped advisory lock on PostgreSQL. So a plain WSGI host needs no separate step, and
several workers starting at once migrate once.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Sequence

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import DateTime, bindparam, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from .models import CallRecord, CardRecord, FeedbackRecord, ReplayRecord
from .records import CallAudit, FeedbackEntry

log = logging.getLogger("cds_service.store")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key shared by every process migrating the same database ("cds-schema").
_SCHEMA_LOCK_KEY = int.from_bytes(hashlib.sha256(b"cds-service schema").digest()[:8], "big", signed=True)


class SchemaError(RuntimeError):
    """The database schema cannot be used by this release; the message says what to do."""

# The replay check runs on every authenticated call: plain statements, compiled once, cost far less
# than building an ORM/Core construct each time.
_REPLAY_INSERT = text("INSERT INTO jwt_replay (key, expires_at) VALUES (:key, :expires_at)").bindparams(
    bindparam("expires_at", type_=DateTime(timezone=True)))
# PostgreSQL: insert, or take over a row whose token has expired; RETURNING says which happened.
_REPLAY_UPSERT_PG = text("INSERT INTO jwt_replay (key, expires_at) VALUES (:key, :expires_at) "
                         "ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at "
                         "WHERE jwt_replay.expires_at < :now RETURNING key").bindparams(
    bindparam("expires_at", type_=DateTime(timezone=True)), bindparam("now", type_=DateTime(timezone=True)))
_REPLAY_TAKE_OVER = text("UPDATE jwt_replay SET expires_at = :expires_at WHERE key = :key AND expires_at < :now"
                         ).bindparams(bindparam("expires_at", type_=DateTime(timezone=True)),
                                      bindparam("now", type_=DateTime(timezone=True)))


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands datetimes back without a zone; everything we store is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _no_flush_wait(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("SET synchronous_commit = off")
    cursor.close()
    if not dbapi_connection.autocommit:
        dbapi_connection.commit()


def make_engine(url: str, **options: Any) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = 3
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=3,
                         connect_args=connect_args, **options)


def _insert_ignoring_duplicates(engine: Engine, model: Any, key: str) -> Any:
    """INSERT that skips rows whose natural key is already stored (replay after an outage or a crash)."""
    name = engine.dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:   # pragma: no cover - only SQLite and PostgreSQL are supported
        return insert(model)
    return dialect_insert(model).on_conflict_do_nothing(index_elements=[key])


def _padded(values: list[Any]) -> list[Any]:
    """The values of an IN list, the last repeated up to the next power of two. Each length of IN list
    is a statement text of its own, and the database driver keeps every text it prepared (the sqlite3
    module up to 128 per connection, each with its parameters): with audit batches of every size from
    1 to 500 those prepared statements grew a worker by megabytes. A repeated value changes nothing an
    IN matches; the lengths are now at most ten."""
    if not values:
        return values
    return values + [values[-1]] * ((1 << (len(values) - 1).bit_length()) - len(values))


class Store:
    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.schema_ready = False
        self._replay: Engine | None = None

    # --- schema -----------------------------------------------------------------------------------
    def _alembic(self) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        return cfg

    @contextmanager
    def _sqlite_file_lock(self):
        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not database or database == ":memory:":
            yield
            return
        lock_path = Path(database).expanduser().with_name(Path(database).name + ".migrate-lock")
        with open(lock_path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)   # released when the file closes, or the process dies
            yield

    def upgrade(self) -> None:
        """Bring the schema to the newest migration, under the lock every starter shares."""
        cfg = self._alembic()
        head = ScriptDirectory.from_config(cfg).get_current_head()
        with self._sqlite_file_lock(), self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK_KEY})
            current = MigrationContext.configure(connection).get_current_revision()
            if current != head:
                cfg.attributes["connection"] = connection
                try:
                    command.upgrade(cfg, "head")
                except CommandError as exc:
                    # A database migrated by a newer release: never guess, say what to do.
                    raise SchemaError(f"the database schema is at revision {current}, which this release does "
                                      f"not know (its newest is {head}): run the release that migrated it, or "
                                      f"roll the database back with that release's migrations ({exc})") from None
        self.schema_ready = True

    def schema_current(self) -> bool:
        head = ScriptDirectory.from_config(self._alembic()).get_current_head()
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision() == head

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def dispose(self) -> None:
        self.engine.dispose()
        if self._replay is not None:
            self._replay.dispose()

    # --- audit ------------------------------------------------------------------------------------
    def write_calls(self, audits: Sequence[CallAudit]) -> None:
        """One transaction: calls, then their cards, each a bulk INSERT that skips what is already stored
        (natural keys: the call's record key, the card's uuid), so a replayed record is stored once.
        Feedback that arrived before its card (the card was waiting in a spool) is linked now."""
        if not audits:
            return
        with self.engine.begin() as connection:
            connection.execute(_insert_ignoring_duplicates(self.engine, CallRecord, "record_key"),
                               [a.call_fields() for a in audits])
            keys = [a.record_key for a in audits]
            ids = dict(connection.execute(select(CallRecord.record_key, CallRecord.id)
                                          .where(CallRecord.record_key.in_(_padded(keys)))).all())
            cards = [dict(card, call_id=ids[audit.record_key]) for audit in audits for card in audit.card_fields()]
            if cards:
                connection.execute(_insert_ignoring_duplicates(self.engine, CardRecord, "uuid"), cards)
        if cards:
            self._link_feedback([c["uuid"] for c in cards])

    def _link_feedback(self, card_uuids: Sequence[str]) -> None:
        """Mark feedback whose card is now stored, at the service that issued it. Run after the writer's own
        commit, by both writers (cards, feedback): whichever of the two commits second then sees the
        other's rows, in SQLite and in PostgreSQL's read-committed alike, so feedback posted to one worker
        while another worker's cards are being written is still linked."""
        issued_here = select(CardRecord.uuid).where(CardRecord.uuid == FeedbackRecord.card_uuid,
                                                    CardRecord.service_id == FeedbackRecord.service_id)
        with self.engine.begin() as connection:
            connection.execute(update(FeedbackRecord)
                               .where(FeedbackRecord.card_uuid.in_(_padded(list(card_uuids))),
                                      FeedbackRecord.known_card.is_(False), issued_here.exists())
                               .values(known_card=True))

    # --- feedback ---------------------------------------------------------------------------------
    def record_feedback(self, service_id: str, entries: Iterable[FeedbackEntry], keep_comments: bool) -> int:
        """Store feedback entries; an entry identical to one stored before is not stored again.
        Returns how many were new."""
        new, unknown = 0, []    # unknown: the cards of stored entries that were not found
        with self.sessions() as session:
            for entry in entries:
                entry.make_storable()
                key = entry.dedupe_key(service_id)
                if session.scalar(select(FeedbackRecord.id).where(FeedbackRecord.dedupe_key == key)):
                    continue
                card = session.get(CardRecord, entry.card)
                if card is not None and card.service_id != service_id:
                    card = None   # feedback counts only at the service that issued the card
                if card is None:
                    unknown.append(entry.card)
                kinds = card.suggestions if card else {}
                accepted_kinds = sorted({kinds.get(s, "unknown") for s in entry.accepted_suggestions})
                row = FeedbackRecord(
                    dedupe_key=key, card_uuid=entry.card, known_card=card is not None, service_id=service_id,
                    outcome=entry.outcome, accepted_suggestions=list(entry.accepted_suggestions),
                    accepted_kind=",".join(accepted_kinds) or None,
                    override_system=entry.override_system, override_code=entry.override_code,
                    override_display=entry.override_display,
                    user_comment=entry.user_comment if keep_comments else None,
                    outcome_timestamp=entry.outcome_timestamp, received_at=entry.received_at or utcnow(),
                    sanitized=entry.sanitized, synthetic=entry.synthetic)
                try:
                    with session.begin_nested():
                        session.add(row)
                    new += 1
                except IntegrityError:
                    continue   # the same entry, posted concurrently: already stored
            session.commit()
        if unknown:
            self._link_feedback(unknown)       # its card may have been stored since it was looked up
        return new

    # --- retention --------------------------------------------------------------------------------
    @staticmethod
    def _purge_conditions(older_than: dt.datetime | None, synthetic: bool) -> list[tuple[Any, Any]]:
        """What a purge removes, per table: records older than the cutoff, or the synthetic (demo) ones."""
        def which(model: Any, when: Any) -> Any:
            return model.synthetic.is_(True) if synthetic else when < older_than
        return [(CardRecord, which(CardRecord, CardRecord.created_at)),
                (CallRecord, which(CallRecord, CallRecord.created_at)),
                (FeedbackRecord, which(FeedbackRecord, FeedbackRecord.received_at))]

    def purge_counts(self, older_than: dt.datetime | None, synthetic: bool = False) -> dict[str, int]:
        """How many rows `purge` with the same arguments would remove, to show before asking."""
        with self.sessions() as session:
            return {model.__tablename__: session.scalar(select(func.count()).select_from(model).where(condition))
                    for model, condition in self._purge_conditions(older_than, synthetic)}

    def purge(self, older_than: dt.datetime | None, synthetic: bool = False) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self.sessions.begin() as session:
            for model, condition in self._purge_conditions(older_than, synthetic):
                counts[model.__tablename__] = session.execute(delete(model).where(condition)).rowcount
            counts["jwt_replay"] = session.execute(delete(ReplayRecord).where(ReplayRecord.expires_at < utcnow())).rowcount
        return counts

    # --- JWT replay -------------------------------------------------------------------------------
    def remember_token(self, issuer: str, jti: str, expires_at: dt.datetime) -> bool:
        """True the first time a (issuer, jti) is seen within its lifetime; False on a replay."""
        key = hashlib.sha256(json.dumps([issuer, jti]).encode()).hexdigest()
        if self.engine.dialect.name == "postgresql":
            return self._remember_token_postgresql(key, expires_at)
        with self.engine.connect() as connection:
            try:   # the common case, a new token, costs one prepared INSERT
                connection.execute(_REPLAY_INSERT, {"key": key, "expires_at": expires_at})
                connection.commit()
                return True
            except IntegrityError:
                connection.rollback()
            # Seen before: a replay, unless the earlier token has expired (then this use is new).
            updated = connection.execute(_REPLAY_TAKE_OVER, {"key": key, "expires_at": expires_at, "now": utcnow()})
            connection.commit()
            return updated.rowcount == 1

    def _remember_token_postgresql(self, key: str, expires_at: dt.datetime) -> bool:
        """One statement: insert, or take over an expired row; a row comes back only if the use is new.
        It runs on connections of its own (see _replay_engine): each statement commits by itself and
        does not wait for the WAL flush, so a check is one round trip after the pool's ping instead of
        BEGIN, SET LOCAL, INSERT and COMMIT. The row is visible to every session at once; a token id
        lost in a crash costs less than a millisecond on every call (tokens live <= 5 min)."""
        with self._replay_engine().connect() as connection:
            return connection.execute(_REPLAY_UPSERT_PG, {"key": key, "expires_at": expires_at,
                                                          "now": utcnow()}).first() is not None

    def _replay_engine(self) -> Engine:
        """Connections for token ids alone, in autocommit with synchronous_commit off for their whole
        session: audit records keep their own connections, whose commits do wait for the flush."""
        if self._replay is None:
            engine = make_engine(self.url, isolation_level="AUTOCOMMIT")
            event.listen(engine, "connect", _no_flush_wait)
            self._replay = engine
        return self._replay

    def session(self) -> Session:
        return self.sessions()
