// Screenshots of the worked example as each documentation tool renders it, for the docs.
// Usage: node screenshots.mjs SITES_DIR DOCS_DIR
//
// SITES_DIR is what sites.py built; pages are served from 127.0.0.1 and opened in
// Debian's headless chromium. Mermaid is answered from the npm copy wherever a page
// asks a CDN for it; every other outside request is refused.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const sites = resolve(process.argv[2]);
const docs = resolve(process.argv[3]);
const mermaid = join(here, "node_modules", "mermaid", "dist");
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
                ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
                ".woff2": "font/woff2", ".woff": "font/woff" };
const server = createServer((req, res) => {
  let file = join(sites, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!file.startsWith(sites) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), "timeline-shots-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium", headless: true, viewport: { width: 1200, height: 900 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const shots = [
  ["gfm/harris-trip.html", "gfm-harris-trip.png"],
  ["mkdocs-material/site/harris-trip/", "mkdocs-harris-trip.png"],
  ["sphinx/html/harris-trip.html", "sphinx-harris-trip.png"],
];
for (const [path, png] of shots) {
  const page = await browser.newPage();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    const found = url.match(/mermaid@11[^/]*\/dist\/(.*)$/);
    if (found && existsSync(join(mermaid, found[1]))) {
      return route.fulfill({ status: 200, contentType: types[extname(found[1])] ?? "text/javascript",
                             body: readFileSync(join(mermaid, found[1])) });
    }
    return route.abort();
  });
  await page.goto(`${origin}/${path}`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: join(docs, png), fullPage: true });
  console.log(`wrote ${join(docs, png)} from ${path}`);
  await page.close();
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
server.close();
