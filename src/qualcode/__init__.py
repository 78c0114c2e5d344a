"""qualcode: auto-code qualitative interview transcripts with a codebook.

The public API, for analysis scripts::

    import qualcode
    codebook = qualcode.load_codebook("codebooks/kennismigratie.yaml")
    corpus = qualcode.read_corpus("corpora/sample")
    result = qualcode.code(corpus, codebook)
    result.codings          # one row per segment x code (pandas DataFrame)
    qualcode.frequencies(result)
"""

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
from qualcode.corpus import inspect_corpus, read_corpus, segment_document
from qualcode.errors import (
    AgreementError,
    CodebookError,
    CodingError,
    CorpusError,
    QualcodeError,
    ReviewError,
)
from qualcode.records import Coding, Corpus, Document, Segment, Turn
from qualcode.report import frequencies, select_quotes, write_results

__all__ = [
    "AgreementError",
    "AgreementResult",
    "Code",
    "Codebook",
    "CodebookError",
    "Coder",
    "Coding",
    "CodingError",
    "CodingResult",
    "Corpus",
    "CorpusError",
    "Document",
    "QualcodeError",
    "ReviewError",
    "ReviewStore",
    "Segment",
    "Turn",
    "__version__",
    "agreement",
    "code",
    "export_gold",
    "frequencies",
    "inspect_corpus",
    "load_codebook",
    "read_corpus",
    "segment_document",
    "select_quotes",
    "validate_codebook",
    "write_agreement",
    "write_results",
]
