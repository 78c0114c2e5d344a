#!/usr/bin/env python
"""Run one ``qualcode`` command in this process and print its wall time and peak RSS as JSON."""

from __future__ import annotations

import json
import resource
import sys
import time

from qualcode.cli import app

start = time.perf_counter()
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    seconds = time.perf_counter() - start
    # ru_maxrss is in kilobytes on Linux; children (worker processes) counted separately
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024}))
