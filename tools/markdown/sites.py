"""Build real documentation sites from the worked example and the trap fixture, strictly, and check their HTML.

Usage: python tools/markdown/sites.py OUTDIR

- MkDocs with the `timeline` plugin, `mkdocs build --strict`, with the
  default theme and with Material for MkDocs (pymdownx, footnotes, smarty...).
- Sphinx with `timeline.sphinx`, `-W`, a MyST page and a reStructuredText
  page for each input.
- GitHub-flavored Markdown rendered as GitHub does it (markdown-it-py with
  GFM plugins, styled with github-markdown-css), for the screenshot.

Each page's chronology must hold one list item per event with its text as
typed, its facts and paragraphs, links and footnotes where they belong (the
checks of tests/test_markdown_flavors.py). The sites stay in OUTDIR for
screenshots (screenshots.mjs).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from test_markdown_flavors import Element, check_chronology, render, tree  # noqa: E402

import timeline  # noqa: E402

INPUTS = {"harris-trip": ROOT / "examples" / "harris-trip.toml", "traps": ROOT / "tests" / "fixtures" / "traps.toml"}
BIN = Path(sys.executable).parent
MKDOCS_YML = """site_name: timeline check
theme:
  name: {theme}
plugins:
  - search
  - timeline
markdown_extensions:
  - footnotes
  - attr_list
  - tables
  - toc
  - def_list
  - abbr
  - admonition
  - md_in_html
  - smarty
  - pymdownx.tilde
  - pymdownx.caret
  - pymdownx.mark
  - pymdownx.keys
  - pymdownx.critic
  - pymdownx.magiclink
  - pymdownx.emoji
  - pymdownx.smartsymbols
  - pymdownx.arithmatex
  - pymdownx.details
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
nav:
  - Worked example: harris-trip.md
  - Traps: traps.md
"""


def _content(html: str) -> str:
    """The chronology's part of a built page: the theme's main content, not its navigation."""
    root = tree(html)
    for element in root.walk():
        classes = element.attrs.get("class", "").split()
        if "timeline-chronology" in classes or "md-content__inner" in classes or element.attrs.get("role") == "main":
            return _html(element)
    raise SystemExit("no main content in a built page")


def _html(node: Element | str) -> str:
    if isinstance(node, str):
        return escape(node, quote=False)
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in node.attrs.items())
    return f"<{node.tag}{attrs}>{''.join(_html(child) for child in node.children)}</{node.tag}>"


def mkdocs_site(out: Path, theme: str) -> None:
    site = out / f"mkdocs-{theme}"
    docs = site / "docs"
    docs.mkdir(parents=True)
    for name, path in INPUTS.items():
        shutil.copy(path, docs / path.name)
        title = "Worked example" if name == "harris-trip" else "Traps"
        block = f"```timeline\nfile: {path.name}\nheading_level: 2\nmermaid: true\n```\n"
        (docs / f"{name}.md").write_text(f"# {title}\n\n{block}", encoding="utf-8")
    (site / "mkdocs.yml").write_text(MKDOCS_YML.format(theme=theme), encoding="utf-8")
    result = subprocess.run(  # noqa: S603  # our venv's mkdocs
        [str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"mkdocs build --strict ({theme}) failed:\n{result.stderr}")
    for name, path in INPUTS.items():
        html = (site / "site" / name / "index.html").read_text(encoding="utf-8")
        check_chronology(timeline.load(path), "mkdocs", _content(html))
    print(f"ok   MkDocs ({theme}): mkdocs build --strict; {len(INPUTS)} pages, one item per event, text as typed")


def sphinx_site(out: Path) -> None:
    site = out / "sphinx"
    src = site / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text('project = "timeline check"\nextensions = ["timeline.sphinx"]\n', encoding="utf-8")
    pages = []
    for name, path in INPUTS.items():
        shutil.copy(path, src / path.name)
        (src / f"{name}.md").write_text(
            f"# {name} (MyST)\n\n```{{timeline}} {path.name}\n:mermaid:\n```\n", encoding="utf-8"
        )
        heading = f"{name} (reST)"
        (src / f"{name}-rst.rst").write_text(
            f"{heading}\n{'=' * len(heading)}\n\n.. timeline:: {path.name}\n   :mermaid:\n", encoding="utf-8"
        )
        pages += [name, f"{name}-rst"]
    toctree = "\n".join(pages)
    (src / "index.md").write_text(f"# Check\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    for builder in ("html", "latex", "text", "man"):
        result = subprocess.run(  # noqa: S603  # our venv's sphinx-build
            [str(BIN / "sphinx-build"), "-W", "--keep-going", "-q", "-b", builder, str(src), str(site / builder)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise SystemExit(f"sphinx-build -W -b {builder} failed:\n{result.stderr}")
    for name, path in INPUTS.items():
        for page in (name, f"{name}-rst"):
            html = (site / "html" / f"{page}.html").read_text(encoding="utf-8")
            check_chronology(timeline.load(path), "myst", _content(html))
    print(f"ok   Sphinx: -W with html, latex, text and man; {len(pages)} pages (MyST and reST), one item per event")


def gfm_pages(out: Path) -> None:
    css = ROOT / "tools" / "markdown" / "node_modules" / "github-markdown-css" / "github-markdown-light.css"
    target = out / "gfm"
    target.mkdir(parents=True)
    shutil.copy(css, target / "github-markdown.css")
    for name, path in INPUTS.items():
        t = timeline.load(path)
        html = render(timeline.dumps(t, "markdown"), "gfm")
        check_chronology(t, "gfm", html)
        (target / f"{name}.html").write_text(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<link rel="stylesheet" href="github-markdown.css">'
            "<style>.markdown-body { box-sizing: border-box; max-width: 980px; margin: 0 auto; padding: 45px; }</style>"
            f'</head><body><article class="markdown-body">\n{html}</article></body></html>\n',
            encoding="utf-8",
        )
    print(f"ok   GFM: markdown-it-py with GFM plugins; {len(INPUTS)} pages, one item per event, text as typed")


def main(outdir: str) -> int:
    out = Path(outdir).resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    gfm_pages(out)
    mkdocs_site(out, "mkdocs")
    mkdocs_site(out, "material")
    sphinx_site(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
