"""Every engine gives the same rows, in the same order, as coding in one process: with the rules
alone and with the hybrid of rules and a trained model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

import qualcode
from qualcode.cli import app
from qualcode.coding import Coder
from qualcode.coding.engines import run_coder
from qualcode.coding.model import load_model
from qualcode.errors import CodingError
from tests.coding.builders import train_tiny

runner = CliRunner()


def _corpus(root: Path, n: int = 10) -> Path:
    sentences = [
        "Finding a flat was a nightmare.",
        "I feel safe cycling home at night.",
        "The 30% ruling played no role.",
        "If the tax break disappeared, we would leave.",
        "The weather is grey.",
        "Our landlord raised the rent again.",
        "We were outbid on a place to live again.",  # no rule: only a model codes it
    ]
    for i in range(n):
        lines = [f"I: Question {j}?\nR: {sentences[(i + j) % len(sentences)]}" for j in range(4)]
        (root / f"doc-{i:02d}.txt").write_text("\n".join(lines) + "\n")
    return root


def _rows(coder, documents, **options):
    return [(r.document, r.segments, r.codings) for r in run_coder(coder, documents, **options)]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    from tests.conftest import TINY_CODEBOOK

    root = tmp_path_factory.mktemp("engines")
    (root / "codebook.yaml").write_text(TINY_CODEBOOK)
    codebook = qualcode.load_codebook(root / "codebook.yaml")
    (root / "corpus").mkdir()
    corpus = qualcode.read_corpus(_corpus(root / "corpus"))
    return codebook, corpus, root


@dataclass(frozen=True)
class CoderUnderTest:
    """A coder as ``Coder`` keywords and as ``qualcode code`` options, and the sources its
    codings of the corpus must have (so every kind of coding is compared)."""

    sources: set[str]
    options: dict[str, Any] = field(default_factory=dict)
    cli_options: list[str] = field(default_factory=list)


@pytest.fixture(scope="module", params=["rules", "hybrid"])
def coder(request, setup) -> CoderUnderTest:
    codebook, _, root = setup
    if request.param == "rules":
        return CoderUnderTest({"rule"})
    # saved and loaded, as the CLI does: the skops-rebuilt model is what travels to the workers
    model = load_model(train_tiny(codebook).save(root / "model"), codebook)
    return CoderUnderTest(
        {"rule", "both", "model"}, {"model": model}, ["--model", str(root / "model")]
    )


@pytest.fixture(scope="module")
def cluster():
    """A 2-worker dask.distributed cluster on loopback, shared by the module (starting one costs
    seconds)."""
    from distributed import LocalCluster

    # no dashboard, and the scheduler's HTTP endpoints on a free port, not the default 8787
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    ) as local_cluster:
        yield local_cluster


def test_processes_give_identical_rows_in_order(setup, coder) -> None:
    codebook, corpus, _ = setup
    expected = _rows(Coder(codebook, **coder.options), corpus.documents)
    in_processes = _rows(
        Coder(codebook, **coder.options), iter(corpus.documents), jobs=2, batch_size=3
    )
    assert in_processes == expected
    assert [row[0]["document"] for row in expected] == corpus.ids
    assert {coding["source"] for _, _, codings in expected for coding in codings} == coder.sources


def test_dask_local_scheduler_gives_identical_rows(setup, coder) -> None:
    codebook, corpus, _ = setup
    expected = _rows(Coder(codebook, **coder.options), corpus.documents)
    on_dask = _rows(
        Coder(codebook, **coder.options), corpus.documents, engine="dask", jobs=2, batch_size=2
    )
    assert on_dask == expected


def test_dask_distributed_cluster_gives_identical_output(
    setup, coder, cluster, tmp_path: Path
) -> None:
    _, _, root = setup
    local, distributed = tmp_path / "local", tmp_path / "distributed"
    common = [str(root / "corpus"), "-c", str(root / "codebook.yaml"), *coder.cli_options]
    assert runner.invoke(app, ["code", *common, "-o", str(local)]).exit_code == 0
    result = runner.invoke(
        app, ["code", *common, "-o", str(distributed), "--engine", "dask",
              "--scheduler", cluster.scheduler_address],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("codings.csv", "segments.csv", "documents.csv", "frequencies.csv"):
        assert (local / name).read_text() == (distributed / name).read_text(), name


def test_cli_jobs_gives_identical_files(setup, coder, tmp_path: Path) -> None:
    _, _, root = setup
    common = [str(root / "corpus"), "-c", str(root / "codebook.yaml"), *coder.cli_options]
    one, two = tmp_path / "one", tmp_path / "two"
    assert runner.invoke(app, ["code", *common, "-o", str(one)]).exit_code == 0
    result = runner.invoke(app, ["code", *common, "-o", str(two), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    for name in ("codings.csv", "segments.csv", "documents.csv", "frequencies.csv", "quotes.md"):
        assert (one / name).read_text() == (two / name).read_text(), name


def test_streamed_tables_equal_the_in_memory_ones(setup, coder, tmp_path: Path) -> None:
    from qualcode.report.load import load_results

    codebook, corpus, root = setup
    common = [str(root / "corpus"), "-c", str(root / "codebook.yaml"), *coder.cli_options]
    assert runner.invoke(app, ["code", *common, "-o", str(tmp_path / "o")]).exit_code == 0
    in_memory = qualcode.code(corpus, codebook, **coder.options)
    loaded = load_results(tmp_path / "o")
    pd.testing.assert_frame_equal(
        loaded.codings.reset_index(drop=True), in_memory.codings, check_dtype=False
    )
    assert len(loaded.segments) == len(in_memory.segments)


def test_bad_engine_options(setup) -> None:
    codebook, corpus, _ = setup
    for options in ({"engine": "spark"}, {"jobs": 0}, {"scheduler": "tcp://127.0.0.1:1"}):
        with pytest.raises(CodingError):
            list(run_coder(Coder(codebook), corpus.documents, **options))


def test_unreachable_scheduler_is_a_clear_error(setup, tmp_path: Path) -> None:
    _, _, root = setup
    result = runner.invoke(app, ["code", str(root / "corpus"), "-c", str(root / "codebook.yaml"),
                                 "-o", str(tmp_path / "o"), "--engine", "dask",
                                 "--scheduler", "tcp://127.0.0.1:9"])  # fmt: skip
    assert result.exit_code == 2 and "[E205]" in result.output and not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "options", [{}, {"jobs": 2}, {"engine": "dask", "jobs": 2}], ids=["one", "jobs", "dask"]
)
def test_warnings_from_workers_reach_the_caller(setup, tmp_path: Path, options) -> None:
    codebook, _, _ = setup
    corpus = _corpus(tmp_path, n=3)
    (corpus / "silent.txt").write_text("I: Why here?\nI: And the rent?\n")
    documents = qualcode.read_corpus(corpus)
    with pytest.warns(UserWarning, match="has no respondent speech") as caught:
        rows = list(run_coder(Coder(codebook), documents, batch_size=2, **options))
    assert len(rows) == 4
    found = [str(w.message) for w in caught.list if "speech to code" in str(w.message)]
    assert [message.split(": ")[0] for message in found] == [str(corpus / "silent.txt")]
