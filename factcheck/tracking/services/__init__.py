"""Tracking operations: filing claims in groups, and reviewers' decisions about them.

``filing`` signs, matches and files claims (at ingest, and in a full rebuild); ``decisions``
merges and splits groups, dismisses matches and reuses verdicts. They flush and audit, and
never commit nor touch the request.
"""
from .decisions import check_group_version, dismiss_match, merge_groups, reuse_verdict, split_claim
from .filing import rebuild_tracking, track_claims

__all__ = ["check_group_version", "dismiss_match", "merge_groups", "rebuild_tracking",
           "reuse_verdict", "split_claim", "track_claims"]
