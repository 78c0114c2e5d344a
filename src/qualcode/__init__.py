"""qualcode: auto-code qualitative interview transcripts with a codebook.

The public API, for analysis scripts::

    import qualcode
    codebook = qualcode.load_codebook("codebooks/kennismigratie.yaml")
    corpus = qualcode.read_corpus("corpora/sample")
    result = qualcode.code(corpus, codebook)
    result.codings          # one row per segment x code (pandas DataFrame)
    qualcode.frequencies(result)
"""

import logging
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("qualcode")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

from qualcode.agreement import AgreementResult, agreement, write_agreement
from qualcode.agreement.gold_export import export_gold
from qualcode.agreement.review import ReviewStore
from qualcode.codebook import Code, Codebook, load_codebook, validate_codebook
from qualcode.coding import Coder, CodingResult, code
from qualcode.coding.model import CodingModel, load_model
from qualcode.coding.train import TrainingData, train
from qualcode.coding.training_data import (
    training_data_from_gold,
    training_data_from_qdpx,
    training_data_from_wide,
)
from qualcode.corpus import CorpusStream, inspect_corpus, read_corpus, segment_document
from qualcode.errors import (
    AgreementError,
    CodebookError,
    CodingError,
    CorpusError,
    EvaluationError,
    InteropError,
    OutputError,
    QualcodeError,
    ReportError,
    ReviewError,
)
from qualcode.evaluation import EvaluationResult, evaluate, read_gold, read_splits, write_gold
from qualcode.interop import read_qdc, read_qdpx, write_qdc, write_qdpx
from qualcode.records import Coding, Corpus, Document, Segment, TimeSpan, Turn
from qualcode.report import (
    ReportTables,
    build_report,
    cooccurrence,
    crosstab,
    frequencies,
    frequencies_by,
    load_results,
    report_tables,
    salience,
    select_quotes,
    wilson_interval,
    write_results,
)

# The one handler a library adds: without it, when the application has not set up logging,
# Python's last-resort handler prints the "qualcode" logger's warnings on stderr (a file skipped
# with skip_bad, which the CLI reports itself, came out twice). Configured logging still sees
# every record.
logging.getLogger("qualcode").addHandler(logging.NullHandler())

__all__ = [
    "AgreementError",
    "AgreementResult",
    "Code",
    "Codebook",
    "CodebookError",
    "Coder",
    "Coding",
    "CodingError",
    "CodingModel",
    "CodingResult",
    "Corpus",
    "CorpusError",
    "CorpusStream",
    "Document",
    "EvaluationError",
    "EvaluationResult",
    "InteropError",
    "OutputError",
    "QualcodeError",
    "ReportError",
    "ReportTables",
    "ReviewError",
    "ReviewStore",
    "Segment",
    "TimeSpan",
    "TrainingData",
    "Turn",
    "__version__",
    "agreement",
    "build_report",
    "code",
    "cooccurrence",
    "crosstab",
    "evaluate",
    "export_gold",
    "frequencies",
    "frequencies_by",
    "inspect_corpus",
    "load_codebook",
    "load_model",
    "load_results",
    "read_corpus",
    "read_gold",
    "read_qdc",
    "read_qdpx",
    "read_splits",
    "report_tables",
    "salience",
    "segment_document",
    "select_quotes",
    "train",
    "training_data_from_gold",
    "training_data_from_qdpx",
    "training_data_from_wide",
    "validate_codebook",
    "wilson_interval",
    "write_agreement",
    "write_gold",
    "write_qdc",
    "write_qdpx",
    "write_results",
]
