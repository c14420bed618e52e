// The benchmark's reference: what a careful hand-written page does with the same events from
// the same in-page mock module, in the same table markup, windowed the same way. It is the
// floor the console is measured against, not a second console.
import initMock, { WebMock } from "/event-center-mock-web.js";

const ROW_HEIGHT = 40; // as the console's window.rs and stylesheet
const OVERSCAN = 8;
const params = new URLSearchParams(location.search);
const seed = Number(params.get("seed") ?? 1);
const count = Number(params.get("events") ?? 5000);

await initMock();
const mock = new WebMock(seed, count, Date.now());
const get = (path, query = "") => JSON.parse(mock.respond("GET", path, query, "admin", "", undefined, undefined).body);

const labels = new Map(get("/event-types").map((t) => [t.name, t.label]));
const scroller = document.querySelector(".table-scroll");
const tbody = document.querySelector("tbody");
const status = document.querySelector(".list-count");
let shown = get("/events", "limit=500").data; // the console's first page
let all = null; // every event, fetched page by page for the filter measurement (?all=1)

const relative = (at, now) => {
  const s = Math.floor((now - at) / 1000);
  if (s < 45) return "just now";
  if (s < 3600) return `${Math.floor((s + 30) / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 30 * 86400) return `${Math.floor(s / 86400)} d ago`;
  return new Date(at).toISOString().slice(0, 10);
};

function cell(cls, text, title) {
  const td = document.createElement("td");
  td.className = cls;
  if (title === undefined) {
    td.textContent = text;
  } else {
    const span = document.createElement("span");
    span.title = title;
    span.textContent = text;
    td.append(span);
  }
  return td;
}

function row(event, index, now) {
  const tr = document.createElement("tr");
  tr.dataset.index = index;
  tr.dataset.id = event.id;
  tr.tabIndex = -1;
  const time = document.createElement("time");
  time.dateTime = event.createdAt;
  time.textContent = relative(Date.parse(event.createdAt), now);
  const timeCell = cell("col-time", "");
  timeCell.append(time);
  const sev = document.createElement("span");
  sev.className = `sev sev-${event.severity}`;
  sev.textContent = event.severity;
  const sevCell = cell("col-severity", "");
  sevCell.append(sev);
  const type = cell("col-event-type", labels.get(event.type) ?? event.type, event.type);
  type.firstChild.className = "type-cell";
  tr.append(timeCell, sevCell, type, cell("col-source", event.source, event.source),
    cell("col-actor", event.actor ?? ""), cell("col-ip-address", event.ipAddress ?? ""),
    cell("col-message", event.message, event.message));
  return tr;
}

function spacer(height) {
  const tr = document.createElement("tr");
  tr.className = "spacer";
  tr.style.height = `${height}px`;
  tr.append(document.createElement("td"));
  return tr;
}

function render() {
  const first = Math.floor(scroller.scrollTop / ROW_HEIGHT);
  const start = Math.max(0, first - OVERSCAN);
  const end = Math.min(shown.length, first + Math.ceil(scroller.clientHeight / ROW_HEIGHT) + 1 + OVERSCAN);
  const now = Date.now();
  const rows = [spacer(start * ROW_HEIGHT)];
  for (let i = start; i < end; i++) rows.push(row(shown[i], i, now));
  rows.push(spacer((shown.length - end) * ROW_HEIGHT));
  tbody.replaceChildren(...rows);
  status.textContent = `${shown.length} events shown`;
}

scroller.addEventListener("scroll", render, { passive: true });
render();

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
    shown = picked;
    scroller.scrollTop = 0;
    render();
  });
}
