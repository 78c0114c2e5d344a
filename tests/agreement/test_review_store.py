"""The review database: schema and version, queue order, decisions, conflicts, claims."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qualcode.agreement import agreement
from qualcode.agreement.review import (
    SCHEMA_VERSION,
    DecisionConflict,
    ReviewStore,
)
from qualcode.agreement.review.schema import APPLICATION_ID
from qualcode.errors import ReviewError
from tests.agreement.conftest import gold_jsonl, human_gold_records


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def review_db(tmp_path: Path, two_coders: tuple[Path, Path]) -> Path:
    path = tmp_path / "review.db"
    ReviewStore.create(path, agreement(list(two_coders))).close()
    return path


def test_database_is_wal_versioned_and_stamped(review_db: Path) -> None:
    connection = sqlite3.connect(review_db)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    units = connection.execute("SELECT COUNT(*), COUNT(queue_rank) FROM units").fetchone()
    assert units == (6, 3)  # every unit, three of them disputed
    connection.close()


def test_an_existing_review_is_never_overwritten(
    review_db: Path, two_coders: tuple[Path, Path]
) -> None:
    with ReviewStore.open(review_db) as store:
        store.decide("r4", "accept", coder="ana", reviewer="carla")
    before = review_db.read_bytes()
    with pytest.raises(ReviewError) as error:
        ReviewStore.create(review_db, agreement(list(two_coders)))
    assert error.value.code == "E604" and "already exists" in str(error.value)
    assert review_db.read_bytes() == before
    assert not [p for p in review_db.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_database_from_a_newer_qualcode_is_refused(review_db: Path) -> None:
    connection = sqlite3.connect(review_db)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(ReviewError) as error:
        ReviewStore.open(review_db)
    assert error.value.code == "E604"
    assert f"schema version {SCHEMA_VERSION + 1}" in str(error.value)
    assert "upgrade qualcode" in str(error.value)


@pytest.mark.parametrize("content", [b"", b"this is not a database at all" * 100])
def test_other_files_are_not_review_databases(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.db"
    if content:
        path.write_bytes(content)
    else:
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ReviewError) as error:
        ReviewStore.open(path)
    assert error.value.code == "E604" and str(path) in str(error.value)


def test_missing_database_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(ReviewError, match="qualcode review create"):
        ReviewStore.open(tmp_path / "none.db")


def test_queue_order_and_resume_at_the_next_undecided_unit(review_db: Path) -> None:
    with ReviewStore.open(review_db) as store:
        first = store.next_item("carla")
        assert first is not None and (first.unit, first.rank) == ("r4", 1)
        assert first.codes_of("ana") == ["cheating", "cheating->caught"]
        assert first.disputed == ("cheating->caught",)
        store.decide("r4", "accept", coder="bo", reviewer="carla", note="no one was caught")
    with ReviewStore.open(review_db) as store:  # a new session
        item = store.next_item("carla")
        assert item is not None and item.unit == "r2"
        assert store.status().decided == 1 and store.status().remaining == 2


@pytest.mark.parametrize(
    ("action", "coder", "codes", "expected"),
    [
        ("accept", "ana", None, ["cheating", "fairness"]),
        ("accept", "bo", None, ["cheating"]),
        ("both", None, None, ["cheating", "fairness"]),
        ("neither", None, None, ["cheating"]),
        ("edit", None, ["fairness", "required"], ["fairness", "required"]),
        ("edit", None, [], []),
    ],
)
def test_each_action_gives_its_final_codes(
    review_db: Path, action: str, coder: str | None, codes: list[str] | None, expected: list[str]
) -> None:
    with ReviewStore.open(review_db) as store:
        decision = store.decide("r2", action, coder=coder, codes=codes, reviewer="carla")
        assert decision.code_ids == expected
        assert decision.reviewer == "carla" and decision.decided_at.endswith("+00:00")
        stored = store.decisions()
        assert stored["codes"].tolist() == ["; ".join(expected)]


def test_bad_decisions_are_refused_and_nothing_is_stored(review_db: Path) -> None:
    with ReviewStore.open(review_db) as store:
        with pytest.raises(ReviewError) as error:
            store.decide("r2", "edit", codes=["fairnes"], reviewer="carla")
        assert error.value.code == "E612" and "fairnes" in str(error.value)
        with pytest.raises(ReviewError) as error:
            store.decide("r99", "both", reviewer="carla")
        assert error.value.code == "E613"
        agreed = [item.unit for item in store.items() if item.rank is None]
        assert agreed  # the coders agreed on these: their codes are the gold, not a decision
        with pytest.raises(ReviewError) as error:
            store.decide(agreed[0], "edit", codes=["fairness"], reviewer="carla")
        assert error.value.code == "E613" and "not in the review queue" in str(error.value)
        with pytest.raises(ReviewError) as error:
            store.decide("r2", "accept", coder="carla", reviewer="carla")
        assert error.value.code == "E605"
        with pytest.raises(ReviewError):
            store.decide("r2", "maybe", reviewer="carla")
        with pytest.raises(ReviewError):
            store.decide("r2", "both", reviewer=" ")
        assert store.decisions(history=True).empty


def test_second_decision_on_a_unit_conflicts_and_override_keeps_history(review_db: Path) -> None:
    first = ReviewStore.open(review_db)
    second = ReviewStore.open(review_db)  # another reviewer, another connection
    first.decide("r3", "accept", coder="ana", reviewer="ana-reviewer")
    with pytest.raises(DecisionConflict) as conflict:
        second.decide("r3", "both", reviewer="bo-reviewer")
    assert conflict.value.code == "E610"
    assert "already decided by ana-reviewer" in str(conflict.value)
    assert conflict.value.existing.code_ids == ["required"]
    replaced = second.decide("r3", "both", reviewer="bo-reviewer", override=True, note="fair")
    history = first.decisions(history=True)
    assert history["status"].tolist() == ["superseded", "current"]
    assert history["replaces"].tolist()[1] == history["id"].tolist()[0]
    assert first.item("r3").decision == replaced
    assert first.status().superseded == 1 and first.status().by_reviewer == {"bo-reviewer": 1}
    first.close()
    second.close()


def test_two_reviewers_deciding_at_the_same_moment_get_a_defined_outcome(
    review_db: Path,
) -> None:
    stores = [ReviewStore.open(review_db), ReviewStore.open(review_db)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(store: ReviewStore, name: str) -> None:
        barrier.wait()
        try:
            store.decide("r2", "both", reviewer=name)
            outcomes.append("saved")
        except DecisionConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=decide, args=(s, f"r{i}")) for i, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert len(stores[0].decisions(history=True)) == 1
    for store in stores:
        store.close()


def test_a_unit_on_one_reviewers_screen_is_not_offered_to_another(review_db: Path) -> None:
    clock = Clock()
    ana = ReviewStore.open(review_db, clock=clock)
    bo = ReviewStore.open(review_db, clock=clock)
    assert ana.next_item("ana").unit == "r4"
    assert bo.next_item("bo").unit == "r2"
    assert ana.next_item("ana").unit == "r4"  # her own claim does not hide it from her
    clock.now += timedelta(minutes=31)  # ana walked away: her claim expires
    assert bo.next_item("bo").unit == "r4"
    bo.release("bo")
    assert ana.next_item("ana", skip={"r4"}).unit == "r2"
    ana.close()
    bo.close()


def test_the_queue_ends(review_db: Path) -> None:
    with ReviewStore.open(review_db) as store:
        for unit in ("r4", "r2", "r3"):
            store.decide(unit, "both", reviewer="carla")
        assert store.next_item("carla") is None
        assert store.status().remaining == 0


def test_context_comes_from_the_surrounding_turns_when_the_corpus_is_given(
    tmp_path: Path, coded_corpus: Path
) -> None:
    from qualcode import read_corpus

    gold = gold_jsonl(tmp_path / "ana.jsonl", human_gold_records())
    result = agreement([gold, coded_corpus / "machine"])
    corpus = read_corpus(coded_corpus / "corpus")
    with ReviewStore.create(tmp_path / "r.db", result, corpus=corpus) as store:
        item = store.item("ana:188-232")
    assert item.before is not None and item.after is not None
    assert item.before.endswith("Interviewer: And the 30% ruling?\nAna:")
    assert item.after.startswith("\nI feel very safe here")
    assert item.codings["qualcode:rules"][0].confidence == 1.0  # the machine's confidence
