"""``qualcode agree`` and ``qualcode review`` through the command line."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from qualcode.agreement.review import ReviewStore
from qualcode.cli import app
from qualcode.cli.review import review_loop
from tests.agreement.conftest import ANSWERS, OTHER_ANSWERS, wide_csv

runner = CliRunner()


def run(*args: object, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_agree_writes_the_tables_and_prints_them(
    two_coders: tuple[Path, Path], tmp_path: Path
) -> None:
    result = run("agree", *two_coders, "--out", tmp_path / "out", "--reference", "ana")
    assert result.exit_code == 0, result.output
    assert "fairness" in result.output and "overall: kappa" in result.output
    assert "most consequential disagreements" in result.output
    with (tmp_path / "out" / "agreement_by_code.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    for column in ("code", "n_units", "percent_agreement", "cohen_kappa", "krippendorff_alpha"):
        assert column in header
    assert rows[-2]["code"] == "(pooled)" and rows[-1]["code"] == "(macro)"
    assert rows[-1]["units_coded"] == ""  # no counts on the macro row
    assert (tmp_path / "out" / "disagreements.csv").is_file()
    assert (tmp_path / "out" / "agreement_pairwise.csv").is_file()


def test_agree_reports_bad_input_on_one_line_and_writes_nothing(tmp_path: Path, make_wide) -> None:
    first = make_wide("Q (ana).csv", ANSWERS)
    second = make_wide("Q (bo).csv", OTHER_ANSWERS[:3])
    out = tmp_path / "out"
    result = run("agree", first, second, "--out", out)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "[E602]" in result.output
    assert not out.exists()
    result = run("agree", first, second, "--out", out, "--intersection")
    assert result.exit_code == 0 and "compared only the 3 units" in result.output


def test_agree_options_are_validated(two_coders: tuple[Path, Path], tmp_path: Path) -> None:
    result = run("agree", *two_coders, "--out", tmp_path, "--unit", "sentence")
    assert result.exit_code == 2 and "sentence" in result.output
    result = run("agree", *two_coders, "--out", tmp_path, "--level", "0")
    assert result.exit_code == 2


def test_agree_names_coders_and_rolls_up(two_coders: tuple[Path, Path], tmp_path: Path) -> None:
    result = run(
        "agree",
        *two_coders,
        "--out",
        tmp_path / "o",
        "--coder",
        "p",
        "--coder",
        "s",
        "--level",
        "1",
    )
    assert result.exit_code == 0, result.output
    assert "coded:p" in result.output and "(level 1)" in result.output
    assert "cheating->caught" not in (tmp_path / "o" / "agreement_by_code.csv").read_text()


@pytest.mark.parametrize(
    "command",
    [
        ["agree"],
        ["review", "create"],
        ["review", "run"],
        ["review", "status"],
        ["review", "export"],
    ],
)
def test_every_command_has_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example: qualcode" in result.output


def test_review_create_run_status_export(two_coders: tuple[Path, Path], tmp_path: Path) -> None:
    db = tmp_path / "review.db"
    result = run("review", "create", db, *two_coders)
    assert result.exit_code == 0, result.output
    assert "3 with disagreements" in result.output
    # r4 first: accept bo with a note; r2: typo then an edit; r3: skip; then quit
    keys = "2 nobody was caught\nx\ne\nfairnes\nfairness; cheating\n\ns\nq\n"
    result = run("review", "run", db, "--reviewer", "carla", input=keys)
    assert result.exit_code == 0, result.output
    assert "saved #1: r4 → cheating" in result.output
    assert "unknown key 'x'" in result.output
    assert "unknown code(s): fairnes" in result.output and "did you mean: fairness" in result.output
    assert "saved #2: r2 → cheating; fairness" in result.output
    assert "2 decided, 1 skipped" in result.output
    result = run("review", "status", db)
    assert "3 disputed, 2 decided, 1 to go" in result.output and "carla" in result.output
    result = run("review", "export", db, "--out", tmp_path / "gold.jsonl")
    assert result.exit_code == 2 and "[E611]" in result.output
    result = run("review", "run", db, "--reviewer", "dan", input="n\n")
    assert "saved #3: r3 → required" in result.output and "nothing left to review" in result.output
    result = run(
        "review",
        "export",
        db,
        "--out",
        tmp_path / "gold.jsonl",
        "--decisions",
        tmp_path / "decisions.csv",
    )
    assert result.exit_code == 0, result.output
    assert "wrote 6 units" in result.output
    lines = [json.loads(x) for x in (tmp_path / "gold.jsonl").read_text().splitlines()]
    assert {x["document"]: x.get("note") for x in lines}["r4"] == "nobody was caught"
    assert "carla" in (tmp_path / "decisions.csv").read_text()


def test_review_loop_offers_override_when_someone_decided_meanwhile(
    two_coders: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "review.db"
    run("review", "create", db, *two_coders)
    answers = iter(["b", "o", "b", "", "q"])
    raced: list[bool] = []

    def ask(prompt: str) -> str:
        if not raced:  # while carla looks at r4, eve decides it in another session
            with ReviewStore.open(db) as other:
                other.decide("r4", "neither", reviewer="eve")
            raced.append(True)
        return next(answers)

    screen = io.StringIO()
    with ReviewStore.open(db) as store:
        summary = review_loop(store, "carla", ask=ask, out=Console(file=screen, width=120))
    text = screen.getvalue()
    assert "r4 was already decided by eve" in text
    assert "saved #2: r4 → cheating; cheating->caught" in text  # carla overrode with 'o'
    assert "saved #3: r2 → cheating; fairness" in text
    assert summary.decided == 2 and not summary.finished
    with ReviewStore.open(db) as store:
        history = store.decisions(history=True)
    assert history[["unit", "reviewer", "status"]].values.tolist() == [
        ["r4", "eve", "superseded"],
        ["r4", "carla", "current"],
        ["r2", "carla", "current"],
    ]


def test_review_loop_keeps_the_other_decision_unless_told_to_override(
    two_coders: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "review.db"
    run("review", "create", db, *two_coders)
    answers = iter(["1", "", "q"])
    raced: list[bool] = []

    def ask(prompt: str) -> str:
        if not raced:
            with ReviewStore.open(db) as other:
                other.decide("r4", "neither", reviewer="eve")
            raced.append(True)
        return next(answers)

    with ReviewStore.open(db) as store:
        summary = review_loop(store, "carla", ask=ask, out=Console(file=io.StringIO()))
        assert summary.decided == 0
        assert store.item("r4").decision.reviewer == "eve"


def test_review_refuses_a_database_from_a_newer_qualcode(
    two_coders: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "review.db"
    run("review", "create", db, *two_coders)
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    result = run("review", "run", db, "--reviewer", "carla", input="q\n")
    assert result.exit_code == 2 and "[E604]" in result.output and "newer qualcode" in result.output


# -- a review killed with SIGKILL resumes with every decision -------------------------------------


class Session:
    """``qualcode review run`` in a subprocess, driven through its stdin."""

    def __init__(self, db: Path, reviewer: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "120", "NO_COLOR": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "qualcode", "review", "run", str(db), "--reviewer", reviewer],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
        )
        self.output = b""
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while chunk := os.read(self.process.stdout.fileno(), 4096):
            with self.lock:
                self.output += chunk

    def text(self) -> str:
        with self.lock:
            return self.output.decode("utf-8", errors="replace")

    def expect(self, marker: str, count: int = 1, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while self.text().count(marker) < count:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"did not see {marker!r} in:\n{self.text()}")
            time.sleep(0.02)

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode("utf-8"))
        self.process.stdin.flush()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)


def stored_decisions(db: Path) -> list[tuple[str, str, str, str | None]]:
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT unit, codes, reviewer, note FROM decisions WHERE status = 'current' ORDER BY id"
    ).fetchall()
    connection.close()
    return [(u, "; ".join(c["code"] for c in json.loads(k)), r, n) for u, k, r, n in rows]


def test_a_review_killed_with_sigkill_resumes_with_every_decision(tmp_path: Path) -> None:
    units = [(f"r{i}", f"Answer number {i}.", ["a"]) for i in range(1, 9)]
    other = [(u, t, ["b"] if i % 2 else ["a", "b"]) for i, (u, t, _) in enumerate(units)]
    first = wide_csv(tmp_path / "Q (ana).csv", units)
    second = wide_csv(tmp_path / "Q (bo).csv", other)
    db = tmp_path / "review.db"
    assert run("review", "create", db, first, second).exit_code == 0
    connection = sqlite3.connect(db)
    queue = [
        u
        for (u,) in connection.execute(
            "SELECT unit FROM units WHERE queue_rank IS NOT NULL ORDER BY queue_rank"
        )
    ]
    connection.close()
    assert len(queue) == 8

    session = Session(db, "carla")
    session.expect("decision: ")
    session.send("1 the first coder is right\n")
    session.expect("saved #1")
    session.send("b\n")
    session.expect("saved #2")
    session.send("e\n")
    session.expect("codes (")
    session.send("b\n")
    session.expect("saved #3")
    session.expect("decision: ", count=4)  # the fourth unit is on screen, waiting
    session.send("2 half a ")  # a line half typed when the session dies
    time.sleep(0.2)
    session.kill()
    assert session.process.returncode == -signal.SIGKILL

    before_kill = [
        (queue[0], "a", "carla", "the first coder is right"),
        (queue[1], "a; b", "carla", None),
        (queue[2], "b", "carla", None),
    ]
    assert stored_decisions(db) == before_kill

    resumed = Session(db, "carla")
    resumed.expect("decision: ")
    assert f"{queue[3]}  ·  5 undecided" in resumed.text()  # the unit after the last decision
    resumed.send("2\n")
    resumed.expect("saved #4")
    resumed.send("n\n")  # sent and killed without waiting: stored entirely or not at all
    resumed.kill()
    decisions = stored_decisions(db)
    assert decisions[:4] == [*before_kill, (queue[3], "b", "carla", None)]
    assert len(decisions) in (4, 5)
    if len(decisions) == 5:  # 'neither' keeps what both coders gave: 'a' where bo gave a and b
        agreed = "a" if int(queue[4][1:]) % 2 == 1 else ""
        assert decisions[4] == (queue[4], agreed, "carla", None)
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()

    with ReviewStore.open(db) as store:  # the next session starts after the last decision
        assert store.next_item("carla").unit == queue[len(decisions)]
