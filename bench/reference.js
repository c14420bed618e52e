// The benchmark's reference: what a careful hand-written page does with the same events from
// the same in-page mock module, in the same table markup, windowed the same way. It is the
// floor the console is measured against, not a second console.
import initMock, { WebMock } from "/event-center-mock-web.js";
import { cell, time, titledCell, windowed } from "/reference-table.js";

const params = new URLSearchParams(location.search);
const seed = Number(params.get("seed") ?? 1);
const count = Number(params.get("events") ?? 5000);

await initMock();
const mock = new WebMock(seed, count, Date.now());
const get = (path, query = "") => JSON.parse(mock.respond("GET", path, query, "admin", "", undefined, undefined).body);

const labels = new Map(get("/event-types").map((t) => [t.name, t.label]));
const scroller = document.querySelector(".table-scroll");
const status = document.querySelector(".list-count");
let shown = get("/events", "limit=100").data; // the first 100 events, as the console asks
let all = null; // every event, fetched page by page for the filter measurement (?all=1)

// The console's icon per source kind (src/ui/icons.rs), so each row carries the same SVG.
const ICONS = {
  item: "M21 2l-2 2m-7.6 7.6a5.5 5.5 0 1 1-7.8 7.8 5.5 5.5 0 0 1 7.8-7.8zm0 0L15.5 7.5m0 0l3 3L22 7l-3-3m-3.5 3.5L19 4",
  authMethod: "M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z",
  target: "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20M12 6a6 6 0 1 0 0 12a6 6 0 1 0 0-12M12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4",
  gateway: "M3 4h18v6H3zM3 14h18v6H3zM7 7h.01M7 17h.01",
  user: "M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 3a4 4 0 1 0 0 8a4 4 0 1 0 0-8",
  system: "M5 5h14v14H5zM9 9h6v6H9zM9 2v3M15 2v3M9 19v3M15 19v3M19 9h3M19 15h3M2 9h3M2 15h3",
};
const SVG = "http://www.w3.org/2000/svg";

function icon(kind) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "icon");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", ICONS[kind] ?? ICONS.system);
  svg.append(path);
  return svg;
}

// The event table's cells (src/features/events/table.rs).
function cells(event, now) {
  const sev = document.createElement("span");
  sev.className = `sev sev-${event.severity}`;
  sev.textContent = event.severity;
  const label = document.createElement("span");
  label.textContent = labels.get(event.type) ?? event.type;
  const typeCell = document.createElement("span");
  typeCell.className = "type-cell";
  typeCell.title = event.type;
  typeCell.append(icon(event.sourceKind), label);
  return [cell("col-time", undefined, time(event.createdAt, now)), cell("col-severity", undefined, sev),
    cell("col-event-type", undefined, typeCell), titledCell("col-source", event.source),
    cell("col-actor", undefined, event.actor ?? ""), cell("col-ip-address", undefined, event.ipAddress ?? ""),
    titledCell("col-message", event.message)];
}

const table = windowed(scroller, cells);
const show = (events) => {
  shown = events;
  table(events);
  status.textContent = `${events.length} events shown`;
};
show(shown);

if (params.get("all") === "1") {
  all = [];
  let cursor = "";
  do {
    const page = get("/events", `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    all.push(...page.data);
    cursor = page.hasMore ? page.nextCursor : "";
  } while (cursor);
  window.referenceReady = { events: all.length, jsonBytes: new TextEncoder().encode(JSON.stringify(all)).length };
}

// A severity toggle filters the whole array with a plain loop, as the benchmark's floor.
for (const button of document.querySelectorAll("[data-severity]")) {
  button.addEventListener("click", () => {
    button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
    const on = new Set([...document.querySelectorAll("[data-severity][aria-pressed=true]")].map((b) => b.dataset.severity));
    const source = all ?? shown;
    const picked = [];
    for (let i = 0; i < source.length; i++) if (on.size === 0 || on.has(source[i].severity)) picked.push(source[i]);
    show(picked);
  });
}
