"""Review of disagreements: a SQLite store of the queue and every decision, item records."""

from qualcode.agreement.review.items import (
    ACTIONS,
    CodeChoice,
    Decision,
    DecisionConflict,
    ReviewItem,
    turn_context,
)
from qualcode.agreement.review.schema import SCHEMA_VERSION
from qualcode.agreement.review.store import CLAIM_MINUTES, ReviewStatus, ReviewStore

__all__ = [
    "ACTIONS",
    "CLAIM_MINUTES",
    "SCHEMA_VERSION",
    "CodeChoice",
    "Decision",
    "DecisionConflict",
    "ReviewItem",
    "ReviewStatus",
    "ReviewStore",
    "turn_context",
]
