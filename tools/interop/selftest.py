"""The real-client suite tested on itself: each check must fail on a deliberately broken file (make interop-selftest).

A check that passes whatever it is given proves nothing. For each client
this breaks one file the way a writer bug would and runs the same check on
it, expecting it to fail:

- check-ics: a SUMMARY changed after writing, read by each of the six
  parsers alone (each sees what the timeline does not say) and through the
  whole check; and an event cut short (no
  END:VEVENT), in .ics and .jcal, through icalendar, ical, vobject, ical.js
  and node-ical exactly as ``tools/ics-clients/check.py`` runs them;
- check-timelinejs: a page whose inline data lost a slide, rendered by
  TimelineJS in chromium (``tools/timelinejs/check.mjs``), and canonical JSON
  without a required field, through ajv in strict mode;
- check-markdown: a file markdownlint refuses, a file where user text became
  raw HTML (pandoc renders it as an element), a file with a link to
  ``javascript:`` (pandoc makes it live), and a Mermaid block mermaid cannot
  render in chromium;
- check-svg: a picture with one event drawn twice, rendered in chromium by
  ``tools/svg/check.mjs``.

Prints one line per case and exits 1 if any check passed a broken file.
Needs what ``make interop`` needs (node modules installed by the checks).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out" / "interop-selftest"
TOOLS = ROOT / "tools"
# What check-markdown's pandoc step looks for: an element that came from user text, or a live unsafe link.
_HTML_FROM_TEXT = re.compile(r"<(script|div|b|i|em)[ >]")
_UNSAFE_HREF = re.compile(r"""href=["']?\s*(?:javascript|vbscript|data):""", re.IGNORECASE)

results: list[tuple[str, bool]] = []


def case(name: str, failed: bool) -> None:
    """Record that the check ``name`` failed (as it must) or passed a broken file."""
    results.append((name, failed))
    print(f"{'ok  ' if failed else 'FAIL'} {name}: {'refused the broken file' if failed else 'PASSED A BROKEN FILE'}")


def run(*command: str | Path, cwd: Path = ROOT) -> int:
    """Run a client; its exit status (output kept quiet, shown only when it unexpectedly passes)."""
    # Only the suite's own clients run here, with arguments this script builds.
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode == 0:
        print(done.stdout[-2000:], done.stderr[-2000:], sep="\n")
    return done.returncode


# --- check-ics -----------------------------------------------------------------


def _ics_check() -> Any:
    spec = importlib.util.spec_from_file_location("ics_check", TOOLS / "ics-clients" / "check.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def _broken_dump(module: Any, breaks: Callable[[Path], None]) -> Iterator[None]:
    """Make the check's own ``timeline.dump`` break each file after writing it."""
    real = module.timeline.dump

    def dump(tl: object, path: Path, *args: object, **options: object) -> None:
        real(tl, path, *args, **options)
        breaks(Path(path))

    module.timeline.dump = dump
    try:
        yield
    finally:
        module.timeline.dump = real


def _changed_summary(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ics":
        text = re.sub(r"^SUMMARY:.*$", "SUMMARY:not what the timeline says", text, count=1, flags=re.MULTILINE)
    else:
        text = re.sub(
            r'\["summary",\{\},"text","[^"]*"\]', '["summary",{},"text","not what the timeline says"]', text, count=1
        )
    path.write_text(text, encoding="utf-8", newline="")


def _cut_event(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ics":
        text = text.replace("END:VEVENT\r\n", "", 1)
    else:
        text = text.replace('["vevent",', '["vevent",[["dtstart",{},"date","not a date"]],', 1)
    path.write_text(text, encoding="utf-8", newline="")


def _each_client(module: Any) -> None:
    """Each parser alone, on the worked example with one SUMMARY changed, sees what the timeline does not say."""
    out = OUT / "ics-clients"
    out.mkdir(parents=True, exist_ok=True)
    tl = module.timeline.load(module.SOURCES[0])
    titles = module.expected(tl)
    paths = []
    for fmt in ("ics", "jcal"):
        path = out / f"broken.{fmt}"
        module.timeline.dump(tl, path, fmt, stamp=module.STAMP)
        _changed_summary(path)
        paths.append(path)
    body = paths[0].read_text(encoding="utf-8")
    node = module.with_node(paths)
    views = {
        "icalendar": module.with_icalendar(body),
        "ical": module.with_ical(body),
        "vobject": module.with_vobject(body),
        **node[str(paths[0])],
        **node[str(paths[1])],
    }
    for client, seen in views.items():
        shows = {uid: summary for uid, (_, summary, _, _) in seen.items()}
        case(f"check-ics, {client} alone, a SUMMARY changed", shows != titles)


def check_ics() -> None:
    module = _ics_check()
    _each_client(module)
    module.ROOT = OUT / "ics"  # the broken files go here, not over check-ics's own out/clients
    for name, breaks in (("a SUMMARY changed", _changed_summary), ("an event cut short", _cut_event)):
        with _broken_dump(module, breaks), contextlib.redirect_stdout(io.StringIO()):
            try:
                status = module.main()
            except Exception:  # a client refusing the file outright is a failure too
                status = 1
        case(f"check-ics, {name}", status != 0)


# --- check-timelinejs ---------------------------------------------------------


def check_timelinejs() -> None:
    tljs = TOOLS / "timelinejs"
    out = OUT / "timelinejs"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, tljs / "pages.py", out], check=True, capture_output=True)  # noqa: S603
    page = out / "harris-trip.timelinejs.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('id="timeline-data">') + len('id="timeline-data">')
    end = html.index("</script>", start)
    data = json.loads(html[start:end])
    data["events"] = data["events"][1:]  # a slide lost on the way
    page.write_text(html[:start] + json.dumps(data) + html[end:], encoding="utf-8")
    case("check-timelinejs, a page that lost a slide", run("node", tljs / "check.mjs", out) != 0)

    broken = out / "broken.json"
    good = json.loads((out / "harris-trip.json").read_text(encoding="utf-8"))
    del good["events"][0]["when"]
    broken.write_text(json.dumps(good), encoding="utf-8")
    ajv = tljs / "node_modules" / ".bin" / "ajv"
    status = run(ajv, "validate", "--spec=draft2020", "--strict=true", "-s", out / "timeline.schema.json", "-d", broken)
    case("check-timelinejs, canonical JSON without 'when' (ajv)", status != 0)


# --- check-markdown ------------------------------------------------------------


def check_markdown() -> None:
    md = TOOLS / "markdown"
    out = OUT / "markdown"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    lint = out / "lint.md"
    lint.write_text("# T\n\n\n\n## 2021\n*   a list item with the wrong marker spacing\n", encoding="utf-8")
    status = run("npx", "--no-install", "markdownlint-cli2", "--config", md / ".markdownlint-cli2.jsonc", lint, cwd=md)
    case("check-markdown, a file markdownlint refuses", status != 0)

    for name, text, pattern in (
        ("raw HTML from user text", "# T\n\n- **2021**: <script>alert(1)</script>\n", _HTML_FROM_TEXT),
        ("a live javascript: link", "# T\n\n- **2021**: [A](javascript:alert(1))\n", _UNSAFE_HREF),
    ):
        source = out / f"{name.replace(' ', '-').replace(':', '')}.md"
        source.write_text(text, encoding="utf-8")
        pandoc = ["pandoc", "-f", "gfm", "-t", "html5", source]  # Debian's pandoc, from PATH as check.sh runs it
        html = subprocess.run(pandoc, capture_output=True, text=True, check=True).stdout  # noqa: S603
        case(f"check-markdown, {name} (pandoc)", pattern.search(html) is not None)

    # A diagram type mermaid does not know: what a writer that misspelt its keyword would give.
    diagram = out / "mermaid.md"
    diagram.write_text(
        "# T\n\n```mermaid\ntimelin\n    title T\n    section 2021\n        2021 : A\n```\n", encoding="utf-8"
    )
    status = run("node", md / "render-mermaid.mjs", diagram, cwd=md)
    case("check-markdown, a Mermaid block that does not render", status != 0)


# --- check-svg ------------------------------------------------------------------


def check_svg() -> None:
    svg = TOOLS / "svg"
    out = OUT / "svg"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, svg / "pages.py", out], check=True, capture_output=True)  # noqa: S603
    expect = json.loads((out / "expect.json").read_text(encoding="utf-8"))
    picture = out / expect[0]["file"]
    text = picture.read_text(encoding="utf-8")
    # An event drawn twice: what a writer that lost track of its events would give.
    start = text.index('<g class="event')
    end = text.index("</g>", start) + len("</g>")
    picture.write_text(text[:end] + text[start:end] + text[end:], encoding="utf-8")
    case("check-svg, a picture with an event drawn twice", run("node", svg / "check.mjs", out) != 0)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    check_ics()
    check_timelinejs()
    check_markdown()
    check_svg()
    passed = [name for name, failed in results if not failed]
    print(f"interop-selftest: {len(results) - len(passed)} of {len(results)} broken files refused")
    return 1 if passed else 0


if __name__ == "__main__":
    sys.exit(main())
