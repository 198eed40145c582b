"""Fusion: one event reported by several articles and outlets becomes one graded, fused Event.

`fuse_events(report_events, documents=...)` groups the reports of each event (match.py), merges
them keeping every source's claim and the contradictions (merge.py), and grades the result
Airwars-style (grade.py). `score_documents` scores each article against that fused record
(credibility.py). Rules and tables are YAML files beside the code.
"""

from sitrep.fuse.corrections import join_fused, split_fused
from sitrep.fuse.credibility import DocumentScore, score_documents
from sitrep.fuse.decisions import Decision, Decisions
from sitrep.fuse.fusion import (
    FusedGroup,
    FuseSummary,
    fuse_events,
    fuse_groups,
    fuse_store,
    score_store,
    update_fused,
)
from sitrep.fuse.grade import GRADES, Grading, grade_event
from sitrep.fuse.match import MatchRules, cluster_events
from sitrep.fuse.merge import merge_group
from sitrep.fuse.tables import OutletTable, load_outlets

__all__ = [
    "fuse_events",
    "fuse_groups",
    "FusedGroup",
    "update_fused",
    "split_fused",
    "join_fused",
    "Decision",
    "Decisions",
    "grade_event",
    "score_documents",
    "fuse_store",
    "score_store",
    "FuseSummary",
    "cluster_events",
    "merge_group",
    "DocumentScore",
    "Grading",
    "GRADES",
    "MatchRules",
    "OutletTable",
    "load_outlets",
]
