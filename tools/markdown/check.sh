#!/usr/bin/env bash
# make check-markdown: the Markdown writer's output through the tools its
# readers use. Writes the worked example and tests/fixtures/traps.toml in
# three option sets, then runs markdownlint-cli2, pandoc (GFM to HTML, with
# a check that no HTML from user text survives) and mermaid 11 in Debian's
# headless chromium. Needs node/npm, pandoc and /usr/bin/chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$root/out/check-markdown
timeline=$root/.venv/bin/timeline

cd "$here"
npm ci --no-audit --no-fund --silent

rm -rf "$out"
mkdir -p "$out"
for input in examples/harris-trip.toml tests/fixtures/traps.toml tests/fixtures/hostile-links.toml; do
    name=$(basename "$input" .toml)
    "$timeline" convert "$root/$input" "$out/$name.md" -o mermaid=true -o gantt=true
    "$timeline" convert "$root/$input" "$out/$name-table.md" -o layout=table -o months=true -o mermaid=true
    "$timeline" convert "$root/$input" "$out/$name-groups.md" -o group_sections=true -o newest_first=true -o style=dmy
done
echo "wrote $(ls "$out"/*.md | wc -l) files to out/check-markdown"

echo "== markdownlint-cli2"
npx --no-install markdownlint-cli2 --config "$here/.markdownlint-cli2.jsonc" "$out/*.md"

echo "== $(pandoc --version | head -n 1)"
for md in "$out"/*.md; do
    html=${md%.md}.html
    pandoc --fail-if-warnings -f gfm -t html5 "$md" -o "$html"
    # The fixture's user text holds <script>, <div>, <b>, <i> and <em>; none may become an element.
    if grep -Eq '<(script|div|b|i|em)[ >]' "$html"; then
        echo "FAIL $html holds HTML that came from user text" >&2
        exit 1
    fi
    # No link may be live unless it is http(s), mailto or relative (the shared link rule).
    if grep -Eiq 'href="[[:space:]]*(javascript|vbscript|data):' "$html"; then
        echo "FAIL $html holds a live link with an unsafe scheme" >&2
        exit 1
    fi
    echo "ok   $(basename "$md") -> $(basename "$html") ($(wc -c < "$html") bytes)"
done

echo "== mermaid"
node "$here/render-mermaid.mjs" "$out"/*.md
