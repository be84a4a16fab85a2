// Render every ```mermaid block of the given Markdown files with mermaid 11
// in Debian's headless chromium (driven by playwright-core), and fail if any
// diagram does not render or shows an entity code instead of its character.
//
// Usage: node render-mermaid.mjs FILE.md...
// The page and mermaid's bundle are served from 127.0.0.1; nothing else is fetched.

import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const bundle = readFileSync(join(here, "node_modules", "mermaid", "dist", "mermaid.min.js"));
const version = JSON.parse(readFileSync(join(here, "node_modules", "mermaid", "package.json"), "utf8")).version;

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node render-mermaid.mjs FILE.md...");
  process.exit(2);
}

const diagrams = [];
for (const file of files) {
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)) {
    diagrams.push({ file, source: match[1] });
  }
}

// The labels a diagram's source asks for, entity codes decoded, spaces dropped
// (mermaid wraps long labels over several lines).
function expectedTexts(source) {
  const decode = (text) => text.replace(/#([0-9]+);/g, (_, code) => String.fromCodePoint(Number(code)));
  const texts = [];
  for (const line of source.split("\n").slice(1)) {
    const body = line.trim();
    if (body.startsWith("title ") || body.startsWith("section ")) {
      texts.push(body.slice(body.indexOf(" ") + 1));
    } else if (source.startsWith("gantt") && body.includes(" : ")) {
      texts.push(body.slice(0, body.lastIndexOf(" : ")));
    } else if (body.includes(" : ")) {
      texts.push(...body.split(" : "));
    }
  }
  return texts.map((text) => decode(text).replace(/\s+/g, ""));
}

const page = `<!doctype html><meta charset="utf-8"><title>mermaid check</title>
<script src="/mermaid.min.js"></script>
<script>mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });</script>`;

const server = createServer((request, response) => {
  if (request.url === "/mermaid.min.js") {
    response.writeHead(200, { "content-type": "text/javascript" });
    response.end(bundle);
  } else if (request.url === "/") {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(page);
  } else {
    response.writeHead(404);
    response.end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address();

const profile = mkdtempSync(join(tmpdir(), "timeline-chromium-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
  ],
});

let failures = 0;
try {
  const tab = browser.pages()[0] ?? (await browser.newPage());
  // Only the local server answers; any other request is refused.
  await tab.route("**/*", (route) =>
    route.request().url().startsWith(`http://127.0.0.1:${port}/`) ? route.continue() : route.abort(),
  );
  await tab.goto(`http://127.0.0.1:${port}/`);
  for (const [index, { file, source }] of diagrams.entries()) {
    const result = await tab.evaluate(
      async ({ source, index }) => {
        try {
          const { svg } = await window.mermaid.render(`diagram${index}`, source);
          const holder = document.createElement("div");
          holder.innerHTML = svg;
          // Leave out the diagram's CSS, whose colours look like entity codes (#333;).
          holder.querySelectorAll("style").forEach((node) => node.remove());
          return { ok: true, text: holder.textContent, scripts: holder.querySelectorAll("script").length };
        } catch (error) {
          return { ok: false, error: String(error && error.message ? error.message : error) };
        }
      },
      { source, index },
    );
    const kind = source.split("\n", 1)[0];
    const label = `${file}: diagram ${index + 1} (${kind})`;
    if (!result.ok) {
      failures += 1;
      console.log(`FAIL ${label}: ${result.error}`);
      continue;
    }
    // Entity codes must come out as their characters, never as "#58;" text.
    const leaked = result.text.match(/#[0-9]+;/g);
    if (leaked || result.scripts) {
      failures += 1;
      console.log(`FAIL ${label}: shows ${leaked ? leaked.slice(0, 3).join(" ") : ""} ${result.scripts ? "a script" : ""}`);
      continue;
    }
    // Every title, section and event must show as the characters the entity codes stand for.
    const shown = result.text.replace(/\s+/g, "");
    const missing = expectedTexts(source).filter((text) => !shown.includes(text));
    if (missing.length) {
      failures += 1;
      console.log(`FAIL ${label}: does not show ${JSON.stringify(missing.slice(0, 3))}`);
      continue;
    }
    console.log(`ok   ${label}: ${result.text.length} characters of text, all ${expectedTexts(source).length} labels shown`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`mermaid ${version}: ${diagrams.length - failures} of ${diagrams.length} diagrams rendered`);
process.exit(failures || diagrams.length === 0 ? 1 : 0);
