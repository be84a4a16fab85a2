// Render the pages pages.py wrote in Debian's Chromium, with TimelineJS from
// the npm package, and check what they show. Usage: node check.mjs OUTDIR
//
// The pages load TimelineJS from Knight Lab's CDN; here every request to the
// CDN is answered from node_modules/@knight-lab/timelinejs/dist, the pages
// come from a server on 127.0.0.1, and any other request is refused, so the
// check never touches the internet.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(process.argv[2] ?? "build/timelinejs");
const dist = join(here, "node_modules", "@knight-lab", "timelinejs", "dist");
const CDN = "https://cdn.knightlab.com/libs/timeline3/latest/";
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };

const server = createServer((req, res) => {
  const file = join(outdir, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(outdir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), "timelinejs-check-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic"],
});
const squash = (s) => s.replace(/\s+/g, "");
let failures = 0;
const expectations = JSON.parse(readFileSync(join(outdir, "expect.json"), "utf8"));
for (const want of expectations) {
  const page = await browser.newPage();
  const errors = [];
  const refused = [];
  const offline = [];  // errors for requests this check refused: fonts from Google, pictures from example.org
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const where = msg.location()?.url ?? "";
    (refused.includes(where) && msg.text().includes("net::ERR_FAILED") ? offline : errors).push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(CDN)) {
      const file = join(dist, url.slice(CDN.length).split("?")[0]);
      if (existsSync(file)) {
        return route.fulfill({ status: 200, contentType: types[extname(file)] ?? "application/octet-stream", body: readFileSync(file) });
      }
    }
    if (url.startsWith(origin)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  await page.goto(`${origin}/${want.page}`);
  await page.waitForFunction((n) => document.querySelectorAll(".tl-slide").length >= n, want.slides, { timeout: 20000 });
  await page.waitForTimeout(500);
  const seen = await page.evaluate(() => ({
    slides: document.querySelectorAll(".tl-slider-item-container > .tl-slide").length,
    headlines: [...document.querySelectorAll(".tl-slider-item-container > .tl-slide")].map(
      (s) => (s.querySelector(".tl-headline") ?? { textContent: "" }).textContent),
    groups: [...document.querySelectorAll(".tl-timegroup-message")].map((g) => g.textContent),
    eras: [...document.querySelectorAll(".tl-timeera .tl-headline")].map((e) => e.textContent),
    pwned: window.__pwned ?? null,
    configErrors: (window.timeline?.config?.messages?.errors ?? []).map(String),
  }));
  const problems = [];
  if (seen.slides !== want.slides) problems.push(`${seen.slides} slides, expected ${want.slides}`);
  const got = seen.headlines.map(squash).sort();
  const expected = want.headlines.map(squash).sort();
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    problems.push(`headlines differ:\n    got      ${JSON.stringify(seen.headlines)}\n    expected ${JSON.stringify(want.headlines)}`);
  }
  if (JSON.stringify(seen.groups.map(squash).sort()) !== JSON.stringify(want.groups.map(squash).sort())) {
    problems.push(`groups differ: got ${JSON.stringify(seen.groups)}, expected ${JSON.stringify(want.groups)}`);
  }
  if (JSON.stringify(seen.eras.map(squash).sort()) !== JSON.stringify(want.eras.map(squash).sort())) {
    problems.push(`eras differ: got ${JSON.stringify(seen.eras)}, expected ${JSON.stringify(want.eras)}`);
  }
  if (seen.pwned !== null) problems.push(`user text ran as script: window.__pwned = ${JSON.stringify(seen.pwned)}`);
  if (errors.length) problems.push(`console errors: ${JSON.stringify(errors)}`);
  if (seen.configErrors.length) problems.push(`TimelineJS config errors: ${JSON.stringify(seen.configErrors)}`);
  console.log(`${want.page}: ${seen.slides} slides (title + ${seen.slides - 1} events), ${seen.groups.length} groups, ` +
              `${seen.eras.length} eras, ${errors.length} console errors (and ${offline.length} for the ${refused.length} requests refused offline: ${refused.join(" ") || "none"})`);
  for (const h of seen.headlines) console.log(`  headline: ${JSON.stringify(h)}`);
  for (const p of problems) console.log(`  FAIL: ${p}`);
  failures += problems.length;
  await page.close();
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
server.close();
console.log(failures ? `check-timelinejs: ${failures} problem(s)` : "check-timelinejs: all pages render as expected");
process.exit(failures ? 1 : 0);
