"""The evaluation engine: pure functions from orders, coverages, policies and a date to decisions.

Nothing in this package imports Flask, requests or a database, and nothing here reads files: the
caller hands in parsed documents and gets plain values back.
"""
from .coverage import payor_references, read_coverages
from .decide import decide, decide_matches, examine, in_scope, recognise
from .model import (Coding, Coverage, Decision, Evidence, Match, Order, Payer, PolicyRule, Product,
                    SerumTest, Service, Situation, Veto)
from .recognition import Examination
from .orders import InvalidInput, is_actionable, read_order
from .policies import PolicyDataError, PolicySet, Problem, build_policy_set

__all__ = [
    "Coding", "Coverage", "Decision", "Evidence", "InvalidInput", "Match", "Order", "Payer",
    "PolicyDataError", "PolicyRule", "PolicySet", "Problem", "Product", "SerumTest", "Service", "Situation",
    "build_policy_set", "decide", "decide_matches", "in_scope", "is_actionable", "payor_references", "read_coverages", "read_order",
    "recognise", "examine", "Examination", "Veto",
]
