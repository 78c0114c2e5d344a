"""Check an HTML report in headless Chromium: images load, nothing overflows a 1280-px page.

    python scripts/check_html.py out/sample/report.html [--screenshot out/sample/report.png]
        [--width 1280] [--chromium chromium]

A copy of the page gets a small script that, once the page has loaded, measures it and writes
the findings into the DOM as JSON; ``chromium --dump-dom`` returns that DOM. The report itself
carries no script. Prints the findings and exits 1 when an image is broken or something is
wider than the page (a table wider than its scroll wrapper counts), 2 when Chromium is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MARK = "qualcode-check"
_PROBE = """
<script>
window.addEventListener("load", () => {
  const page = document.documentElement;
  const width = page.clientWidth;
  const images = Array.from(document.images);
  const label = (element) => {
    const figure = element.closest("figure");
    const caption = figure && figure.querySelector("figcaption");
    return (caption ? caption.textContent : element.tagName).trim().slice(0, 80);
  };
  const wrappers = Array.from(document.querySelectorAll(".table-wrap"));
  const inWrapper = (element) => wrappers.some((w) => w.contains(element));
  const report = {
    viewport: width,
    images: images.length,
    broken_images: images.filter((i) => !i.complete || i.naturalWidth === 0).map(label),
    page_overflow: Math.max(0, page.scrollWidth - width),
    tables: wrappers.length,
    overflowing_tables: wrappers.filter((w) => w.scrollWidth > w.clientWidth + 1).map(label),
    overflowing_elements: Array.from(document.body.querySelectorAll("*"))
      .filter((e) => !inWrapper(e) && e.getBoundingClientRect().right > width + 1)
      .map((e) => e.tagName + (e.className ? "." + e.className : "")).slice(0, 20),
  };
  const out = document.createElement("pre");
  out.id = "__MARK__";
  out.textContent = JSON.stringify(report);
  document.body.appendChild(out);
});
</script>
""".replace("__MARK__", MARK)

_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def find_chromium(name: str | None = None) -> str | None:
    """The Chromium executable (Debian's ``chromium``, or another name on the PATH)."""
    for candidate in [name] if name else ["chromium", "chromium-browser", "google-chrome"]:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _run(chromium: str, arguments: list[str], profile: str) -> str:
    done = subprocess.run(
        [chromium, *_FLAGS, f"--user-data-dir={profile}", *arguments],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def check_report(
    html: Path, *, width: int = 1280, height: int = 2000, chromium: str | None = None,
    screenshot: Path | None = None,
) -> dict[str, object]:  # fmt: skip
    """Render ``html`` in headless Chromium at ``width`` px and return what the probe measured."""
    executable = find_chromium(chromium)
    if executable is None:
        raise FileNotFoundError("chromium is not installed (apt-get install -y chromium)")
    size = f"--window-size={width},{height}"
    with tempfile.TemporaryDirectory() as work:
        probe = Path(work) / "probe.html"
        page = html.read_text(encoding="utf-8")
        probe.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
        with tempfile.TemporaryDirectory() as profile:
            dom = _run(
                executable,
                [size, "--virtual-time-budget=10000", "--dump-dom", probe.as_uri()],
                profile,
            )
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory() as profile:
                _run(
                    executable,
                    [size, f"--screenshot={screenshot.resolve()}", html.resolve().as_uri()],
                    profile,
                )
    found = re.search(rf'<pre id="{MARK}">(.*?)</pre>', dom, re.S)
    if not found:
        raise RuntimeError("the probe did not run: no results in the dumped DOM")
    text = found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    result: dict[str, object] = json.loads(text.replace("&amp;", "&"))
    return result


def problems(result: dict[str, object]) -> list[str]:
    """What is wrong in a probe result, one line each."""
    found = []
    for key in ("broken_images", "overflowing_tables", "overflowing_elements"):
        items = result.get(key) or []
        if items:
            found.append(f"{key.replace('_', ' ')}: {', '.join(map(str, items))}")  # type: ignore[call-overload]
    if result.get("page_overflow"):
        found.append(f"the page is {result['page_overflow']} px wider than the window")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--chromium")
    options = parser.parse_args(argv)
    try:
        result = check_report(
            options.html,
            width=options.width,
            height=options.height,
            chromium=options.chromium,
            screenshot=options.screenshot,
        )
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2))
    found = problems(result)
    for line in found:
        print(f"problem: {options.html}: {line}", file=sys.stderr)
    if not found:
        print(
            f"{options.html}: {result['images']} images load, {result['tables']} tables fit "
            f"a {result['viewport']}-px page"
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
