// The benchmark's reference for the usage dashboard: what a careful hand-written page does to
// draw the same requests-over-time chart from the same in-page mock, in the same SVG markup
// (bars placed in percent, a roving tab stop, exact values on hover and focus). Click "Draw".
import initMock, { WebMock } from "/event-center-mock-web.js";

const params = new URLSearchParams(location.search);
await initMock();
const mock = new WebMock(1, 10, Date.now());
const get = (path, query) => JSON.parse(mock.respond("GET", path, query, "admin", "", undefined, undefined).body);

const SVG = "http://www.w3.org/2000/svg";
const svg = document.querySelector("svg");
const tip = document.querySelector(".chart-tip");
const number = new Intl.NumberFormat("en-US");
const pct = (v) => `${v.toFixed(3)}%`;

function ticks(max) {
  const raw = Math.max(1, Math.ceil(max / 4));
  let magnitude = 1;
  for (;;) {
    const step = [1, 2, 5].map((m) => m * magnitude).find((s) => s >= raw);
    if (step) return Array.from({ length: Math.max(1, Math.ceil(max / step)) + 1 }, (_, i) => i * step);
    magnitude *= 10;
  }
}

// With `cards=1`, what else the console's secrets report asks the mock and writes beside the
// chart when it opens: the summary's tiles, its lists by type and its clients over their limits,
// and the two top-ten lists.
function cards() {
  const query = params.get("query");
  const summary = get("/usage/summary", query);
  const item = (text) => {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  };
  const list = (selector, rows) => document.querySelector(selector).replaceChildren(...rows.map(item));
  list(".ref-tiles", ["totalRequests", "uniqueUsers", "totalClients", "totalSecrets"].map((key) => `${key}: ${number.format(summary.current[key])}`));
  list(".ref-auth", summary.clientsByAuthMethodType.map((c) => `${c.name}: ${number.format(c.clients)} clients`));
  list(".ref-types", summary.secretsByType.map((c) => `${c.name}: ${number.format(c.secrets)} secrets`));
  document.querySelector(".ref-exceeded").replaceChildren(
    ...summary.exceededClients.map((c) => {
      const tr = document.createElement("tr");
      for (const text of [c.client, c.authMethodType, number.format(c.requests), number.format(c.limit)]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      const a = document.createElement("a");
      a.href = `/events?types=usage-report&q=${encodeURIComponent(c.client)}`;
      a.textContent = "Usage-limit events";
      const td = document.createElement("td");
      td.append(a);
      tr.append(td);
      return tr;
    }),
  );
  for (const dimension of ["user", "secret"]) {
    const { entries } = get("/usage/top", `${query}&dimension=${dimension}&limit=10`);
    list(`.ref-top-${dimension}`, entries.map((e) => `${e.name}: ${number.format(e.requests)} requests`));
  }
}

function draw() {
  if (params.get("cards")) cards();
  const interval = params.get("interval");
  const { points } = get("/usage/timeseries", `${params.get("query")}&interval=${interval}`);
  const step = interval === "hour" ? 3_600_000 : 86_400_000;
  const first = Math.floor(Date.parse(points[0].at) / step) * step;
  const slots = Math.max(1, Math.ceil((Date.parse(points.at(-1).at) + step - first) / step));
  const width = 100 / slots;
  const scale = ticks(Math.max(0, ...points.map((p) => p.requests)));
  const top = scale.at(-1);
  const label = (at) => new Date(at).toUTCString().slice(0, interval === "hour" ? 22 : 16);
  svg.replaceChildren();
  for (const t of scale) {
    const line = document.createElementNS(SVG, "line");
    const y = pct(100 - (t / top) * 100);
    line.setAttribute("class", "grid");
    line.setAttribute("x1", "0");
    line.setAttribute("x2", "100%");
    line.setAttribute("y1", y);
    line.setAttribute("y2", y);
    svg.append(line);
  }
  document.querySelector(".chart-y").replaceChildren(...scale.map((t) => {
    const span = document.createElement("span");
    span.style.bottom = pct((t / top) * 100);
    span.textContent = number.format(t);
    return span;
  }));
  points.forEach((p, i) => {
    const rect = document.createElementNS(SVG, "rect");
    const slot = Math.round((Date.parse(p.at) - first) / step);
    const height = (p.requests / top) * 100;
    rect.setAttribute("class", "bar");
    rect.setAttribute("data-i", String(i));
    rect.setAttribute("x", pct(slot * width + width * 0.1));
    rect.setAttribute("width", pct(width * 0.8));
    rect.setAttribute("y", pct(100 - height));
    rect.setAttribute("height", pct(height));
    rect.setAttribute("tabindex", i === points.length - 1 ? "0" : "-1");
    rect.setAttribute("role", "img");
    rect.setAttribute("aria-label", `${label(p.at)}: ${number.format(p.requests)} requests`);
    svg.append(rect);
  });
  const total = points.reduce((s, p) => s + p.requests, 0);
  document.querySelector(".chart-summary").textContent = `${number.format(total)} requests in all.`;
  const show = (e) => {
    const i = e.target.getAttribute?.("data-i");
    if (i === null || i === undefined) return;
    tip.hidden = false;
    tip.textContent = e.target.getAttribute("aria-label");
  };
  svg.onmouseover = show;
  svg.onfocusin = show;
}

document.querySelector("#draw").addEventListener("click", draw);
window.referenceReady = true;
