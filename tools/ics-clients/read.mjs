// Read .ics and .jcal files with ical.js and node-ical; print what each
// client sees of every event as JSON, for check.py to compare.
// Run with TZ=UTC so that nothing depends on the machine's zone.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import nodeIcal from "node-ical";

function instant(value) {
  // A DATE stays a day; a DATE-TIME becomes its UTC instant.
  if (value.isDate) {
    return "D:" + value.toString().slice(0, 10);
  }
  return value.toJSDate().toISOString().replace(".000Z", "Z");
}

function icalJs(component) {
  for (const zone of component.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  return component.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      start: instant(event.startDate),
      summary: event.summary,
      description: event.description ?? null,
      location: event.location ?? null,
    };
  });
}

function text(value) {
  if (value === undefined || value === null) return null;
  return typeof value === "object" && "val" in value ? value.val : value;
}

function nodeIcalEvents(source) {
  const parsed = nodeIcal.sync.parseICS(source);
  return Object.values(parsed)
    .filter((entry) => entry.type === "VEVENT")
    .map((entry) => ({
      uid: entry.uid,
      start: entry.start.dateOnly
        ? "D:" + [entry.start.getFullYear(), entry.start.getMonth() + 1, entry.start.getDate()]
            .map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-")
        : entry.start.toISOString().replace(".000Z", "Z"),
      summary: text(entry.summary),
      description: text(entry.description),
      location: text(entry.location),
    }));
}

const out = {};
for (const path of process.argv.slice(2)) {
  const source = readFileSync(path, "utf8");
  if (path.endsWith(".jcal")) {
    out[path] = { "ical.js (jCal)": icalJs(new ICAL.Component(JSON.parse(source))) };
  } else {
    out[path] = {
      "ical.js": icalJs(new ICAL.Component(ICAL.parse(source))),
      "node-ical": nodeIcalEvents(source),
    };
  }
}
process.stdout.write(JSON.stringify(out));
