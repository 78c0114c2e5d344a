"""Agreement between coders, the disagreements between them, and their review.

Codings from any input (qualcode output, gold JSON Lines, wide CSV/Excel, REFI-QDA via a
registered loader) become one codings table; coders are aligned on shared units; agreement is
computed per code and overall; the units where coders differ go to a review database, whose
decisions export as gold codings.

``qualcode.agreement`` (the attribute of the top-level package) is the function
:func:`~qualcode.agreement.compute.agreement`, as the public API promises; import this package's
modules with ``from qualcode.agreement import metrics`` or ``from qualcode.agreement.metrics
import ...`` (``import qualcode.agreement.metrics as m`` resolves ``qualcode.agreement`` to the
function and fails).
"""

from qualcode.agreement.compute import (
    BY_CODE_COLUMNS,
    PAIRWISE_COLUMNS,
    AgreementResult,
    agreement,
    agreement_from_ratings,
)
from qualcode.agreement.disagreements import DISAGREEMENT_COLUMNS, disagreements_table
from qualcode.agreement.loaders import (
    CODINGS_LOADERS,
    CodingsLoader,
    LoadOptions,
    load_codings,
    load_inputs,
    register_codings_loader,
)
from qualcode.agreement.table import CODINGS_TABLE_COLUMNS, CodingsTable, codings_table
from qualcode.agreement.units import Ratings, align, roll_up
from qualcode.agreement.write import AGREEMENT_FILES, write_agreement

__all__ = [
    "AGREEMENT_FILES",
    "BY_CODE_COLUMNS",
    "CODINGS_LOADERS",
    "CODINGS_TABLE_COLUMNS",
    "DISAGREEMENT_COLUMNS",
    "PAIRWISE_COLUMNS",
    "AgreementResult",
    "CodingsLoader",
    "CodingsTable",
    "LoadOptions",
    "Ratings",
    "agreement",
    "agreement_from_ratings",
    "align",
    "codings_table",
    "disagreements_table",
    "load_codings",
    "load_inputs",
    "register_codings_loader",
    "roll_up",
    "write_agreement",
]
