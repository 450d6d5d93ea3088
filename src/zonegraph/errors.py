"""Errors a user can act on.

Every failure that reaches the command line is one of these: the CLI turns them into a
single ``error: …`` line and a non-zero exit, so no traceback reaches the user.
"""
from __future__ import annotations


class ZoneGraphError(Exception):
    """Base class: a problem with the input, the store or a query, described in one line."""


class InputError(ZoneGraphError):
    """A document could not be read: empty, binary, undecodable, no text layer, …"""

    def __init__(self, path: object, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(ZoneGraphError):
    """The graph store cannot be opened or written (bad path, locked, read-only)."""


class QueryError(ZoneGraphError):
    """A SPARQL query is malformed, timed out, or refers to unknown names."""
