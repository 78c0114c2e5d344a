"""The ``qualcode`` command line: a thin layer over the library.

Each command parses options, calls one public library function, and renders what it returns.
Every :class:`~qualcode.errors.QualcodeError` becomes one line per problem on stderr and exit
code 2; nothing else is caught.
"""

from __future__ import annotations

from qualcode.cli.app import app, main

__all__ = ["app", "main"]
