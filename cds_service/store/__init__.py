"""Storage: audit of hook calls, issued cards, feedback and the JWT replay store (SQLAlchemy)."""
from .database import Store, as_utc, utcnow
from .records import CallAudit, CardAudit, FeedbackEntry
from .writer import AuditWriter

__all__ = ["AuditWriter", "CallAudit", "CardAudit", "FeedbackEntry", "Store", "as_utc", "utcnow"]
