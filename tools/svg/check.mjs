// Render the pictures pages.py wrote in Debian's Chromium and check what they show.
// Usage: node check.mjs OUTDIR
//
// Each picture is opened as an SVG document served from 127.0.0.1; any other
// request fails the check (the picture must need nothing else). For each one:
// no console or page error; one g.event per event, each holding exactly one
// text.label; no two texts overlap (boxes measured with getBBox()), no text
// overlaps a mark of an event, and every text lies inside the picture.
// Screenshots go beside the pictures, in light and dark.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, resolve } from "node:path";

const outdir = resolve(process.argv[2] ?? "build/svg");
const types = { ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8" };
const server = createServer((req, res) => {
  const file = join(outdir, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(outdir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), "svg-check-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
let failures = 0;
const expectations = JSON.parse(readFileSync(join(outdir, "expect.json"), "utf8"));
for (const want of expectations) {
  for (const scheme of want.schemes) {
    const page = await browser.newPage({ viewport: { width: want.width, height: 400 } });
    await page.emulateMedia({ colorScheme: scheme });
    const errors = [];
    page.on("console", (msg) => { if (msg.type() === "error" || msg.type() === "warning") errors.push(msg.text()); });
    page.on("pageerror", (err) => errors.push(String(err)));
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url === `${origin}/${want.file}`) return route.continue();
      errors.push(`requested ${url}`);
      return route.abort();
    });
    await page.goto(`${origin}/${want.file}`);
    const seen = await page.evaluate(() => {
      const svg = document.documentElement;
      if (svg.localName !== "svg" || document.querySelector("parsererror")) return { broken: svg.outerHTML.slice(0, 300) };
      const box = (el) => { const b = el.getBBox(); const m = el.getCTM(); return { x0: b.x + m.e, y0: b.y + m.f, x1: b.x + b.width + m.e, y1: b.y + b.height + m.f }; };
      const texts = [...svg.querySelectorAll("text")].map((t) => ({ what: `${t.getAttribute("class")} "${t.textContent}"`, owner: t.closest("g.event")?.dataset.id ?? null, ...box(t) }));
      const marks = [...svg.querySelectorAll("g.event .mark")].map((m) => ({ owner: m.closest("g.event").dataset.id, ...box(m) }));
      const events = [...svg.querySelectorAll("g.event")].map((g) => ({ id: g.dataset.id, labels: g.querySelectorAll("text.label").length, texts: g.querySelectorAll("text").length }));
      return { width: +svg.getAttribute("width"), height: +svg.getAttribute("height"), texts, marks, events,
               scripts: svg.querySelectorAll("script, foreignObject, image, use[href^='http']").length };
    });
    const problems = [...errors];
    if (seen.broken) problems.push(`not an SVG document: ${seen.broken}`);
    else {
      if (seen.events.length !== want.events) problems.push(`${seen.events.length} g.event, expected ${want.events}`);
      for (const e of seen.events) if (e.labels !== 1 || e.texts !== 1) problems.push(`event ${e.id}: ${e.labels} text.label, ${e.texts} texts`);
      if (seen.scripts) problems.push(`${seen.scripts} script or external elements`);
      const overlap = (a, b) => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
      for (let i = 0; i < seen.texts.length; i++) {
        const a = seen.texts[i];
        if (a.x0 < -0.5 || a.y0 < -0.5 || a.x1 > seen.width + 0.5 || a.y1 > seen.height + 0.5) problems.push(`outside the picture: ${a.what}`);
        for (let j = i + 1; j < seen.texts.length; j++) if (overlap(a, seen.texts[j])) problems.push(`texts overlap: ${a.what} / ${seen.texts[j].what}`);
        for (const m of seen.marks) if (overlap(a, m)) problems.push(`text over a mark of ${m.owner}: ${a.what}`);
      }
    }
    const shot = join(outdir, want.file.replace(/\.svg$/, `.${scheme}.png`));
    if (!seen.broken) await page.setViewportSize({ width: Math.ceil(seen.width), height: Math.ceil(seen.height) });
    await page.screenshot({ path: shot, timeout: 10000 });
    console.log(`${problems.length ? "FAIL" : "ok  "} ${want.file} (${scheme}): ${seen.events?.length ?? 0} events, ${seen.texts?.length ?? 0} texts measured -> ${shot}`);
    for (const p of problems) console.log(`     ${p}`);
    failures += problems.length ? 1 : 0;
    await page.close();
  }
}
await browser.close();
server.close();
process.exit(failures ? 1 : 0);
