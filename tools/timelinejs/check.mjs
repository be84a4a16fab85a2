// Render the pages pages.py wrote in Debian's Chromium, with TimelineJS from
// the npm package, and check what they show. Usage: node check.mjs OUTDIR
//
// The pages load the pinned TimelineJS release from jsDelivr's npm mirror, with
// Subresource Integrity hashes; here every request to it is answered from
// node_modules/@knight-lab/timelinejs/dist (the same files, so the browser's
// integrity check passes or the page shows nothing), the pages
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
const version = JSON.parse(readFileSync(join(dist, "..", "package.json"), "utf8")).version;
const CDN = `https://cdn.jsdelivr.net/npm/@knight-lab/timelinejs@${version}/dist/`;
const shot = process.argv[3] ? resolve(process.argv[3]) : null;  // where to put the worked example's screenshot
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
  viewport: { width: 1200, height: 800 },
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
  if (want.empty) {
    // No events: the page says so itself, and TimelineJS is not even loaded.
    const shown = await page.evaluate(() => ({ text: document.body.innerText, tl: typeof window.TL }));
    const ok = shown.text.includes(want.empty) && shown.tl === "undefined" && !errors.length;
    console.log(`${want.page}: ${ok ? "says" : "FAIL: does not say"} ${JSON.stringify(want.empty)}; TimelineJS ${shown.tl === "undefined" ? "not loaded" : "loaded"}`);
    failures += ok ? 0 : 1;
    await page.close();
    continue;
  }
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
    struck: [...document.querySelectorAll(".tl-slider-item-container > .tl-slide .tl-headline s")].map((s) => s.textContent),
    options: window.timeline?.options ?? null,
    hash: window.location.hash,
    navFirst: (() => {
      const nav = document.querySelector(".tl-timenav"), story = document.querySelector(".tl-storyslider");
      return nav && story ? Boolean(nav.compareDocumentPosition(story) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
    })(),
    height: document.getElementById("timeline-embed")?.offsetHeight ?? null,
    lang: document.documentElement.lang,
    atEnd: window.timeline?.config?.events?.length
      ? window.timeline.current_id === window.timeline.config.events[window.timeline.config.events.length - 1].unique_id
      : null,
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
  if (want.struck && JSON.stringify(seen.struck.map(squash).sort()) !== JSON.stringify(want.struck.map(squash).sort())) {
    problems.push(`struck headlines differ: got ${JSON.stringify(seen.struck)}, expected ${JSON.stringify(want.struck)}`);
  }
  if (want.options) {
    const o = want.options, got = seen.options ?? {};
    if (got.language !== o.language || seen.lang !== o.language) problems.push(`language ${got.language}/${seen.lang}, expected ${o.language}`);
    if (Number(got.scale_factor) !== o.scale_factor) problems.push(`scale_factor ${got.scale_factor}, expected ${o.scale_factor}`);
    if (got.timenav_position !== o.timenav_position || seen.navFirst !== (o.timenav_position === "top")) {
      problems.push(`timenav_position ${got.timenav_position} (nav first: ${seen.navFirst}), expected ${o.timenav_position}`);
    }
    if (o.hash_bookmark && !seen.hash.startsWith("#event-")) problems.push(`hash_bookmark: address hash ${JSON.stringify(seen.hash)}`);
    if (o.start_at_end && !seen.atEnd) problems.push("start_at_end: the timeline did not open on its last slide");
    if (seen.height !== o.height) problems.push(`height ${seen.height}, expected ${o.height}`);
    if (Number(got.initial_zoom) !== o.initial_zoom) problems.push(`initial_zoom ${got.initial_zoom}, expected ${o.initial_zoom}`);
    console.log(`  options: language=${got.language} scale_factor=${got.scale_factor} timenav_position=${got.timenav_position} hash=${seen.hash} height=${seen.height}`);
  }
  if (shot && want.page === "harris-trip.timelinejs.html") {
    // An event slide says more than the title slide: the tentative June 6 meetings, with the axis below.
    await page.evaluate(() => window.timeline.goTo(7));
    await page.waitForTimeout(1500);
    await page.screenshot({ path: shot });
    console.log(`  screenshot: ${shot}`);
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
