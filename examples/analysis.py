"""What a researcher's analysis script looks like: qualcode's public API, pandas and matplotlib.

Codes a corpus, pulls the frequency and crosstab tables as DataFrames, prints the factors most
respondents mention, plots the shares by one case attribute, and keeps the quotes for a paper.

    python examples/analysis.py [CORPUS] [CODEBOOK] [OUT] [ATTRIBUTE]

Defaults: corpora/sample codebooks/kennismigratie.yaml out/analysis route
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # write files; no window

import matplotlib.pyplot as plt

import qualcode


def main(corpus: str, codebook_path: str, out: str, attribute: str) -> None:
    codebook = qualcode.load_codebook(codebook_path)
    documents = qualcode.read_corpus(corpus)
    result = qualcode.code(documents, codebook)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)

    # How many respondents mention each factor, with a 95% interval (codable codes only).
    table = qualcode.frequencies(result)
    factors = table[table["codable"]].sort_values("share_documents", ascending=False)
    print(f"{len(result.documents)} interviews, {factors['base_documents'].iloc[0]} respondents")
    for row in factors.head(5).itertuples():
        print(
            f"  {row.label:<30} {row.documents:>3}/{row.base_documents} "
            f"{row.share_documents:5.0%}  [{row.share_ci_low:.0%}, {row.share_ci_high:.0%}]"
        )

    # Who says what: respondents per group of the attribute; small groups are flagged.
    shares = qualcode.crosstab(result, attribute)
    wide = shares[shares["codable"]].pivot(index="label", columns="value", values="share_documents")
    wide.to_csv(target / f"shares_by_{attribute}.csv")
    small = sorted(set(shares.loc[shares["low_base"], "value"]))
    if small:
        print(f"  groups with fewer than 5 respondents: {', '.join(small)}")

    axes = wide.plot.barh(figsize=(8, 0.4 * len(wide) + 1.5), width=0.8)
    axes.set_xlabel("share of the group's respondents")
    axes.set_xlim(0, 1)
    axes.invert_yaxis()
    axes.legend(title=attribute, fontsize=8)
    plt.tight_layout()
    plt.savefig(target / f"shares_by_{attribute}.png", dpi=150)
    plt.close("all")

    # Respondents' own words, and the full report for the appendix.
    qualcode.select_quotes(result, n=2).to_csv(target / "quotes.csv", index=False)
    qualcode.build_report(result, target / "report", formats=["html", "xlsx"], by=[attribute])
    print(f"wrote {target}")


if __name__ == "__main__":
    defaults = ["corpora/sample", "codebooks/kennismigratie.yaml", "out/analysis", "route"]
    arguments = sys.argv[1:] + defaults[len(sys.argv) - 1 :]
    main(*arguments[:4])
