// The benchmark: the release console against a hand-written reference page, side by side in
// one run, with timings taken by the browser itself. Prints one table, writes it as JSON to
// target/bench/bench.json, and exits 1 when a budget is missed.
// Usage (from scripts/bench): node bench/bench.mjs [--pairs N] [--dist dist] [--serve | --trace | --profile]
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, totalmem, release } from "node:os";
import { extname, join, resolve } from "node:path";
import { execFileSync, spawn } from "node:child_process";
import { brotliCompressSync, constants } from "node:zlib";
import { chromium } from "playwright-core";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";
import { measure, table as sizeTable } from "../scripts/size.mjs";

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const PAIRS = Number(arg("pairs", 10));
// `--only charts,filter`: just those parts (firstRender, filter, charts, logs, dom, lighthouse), for a quick look.
const ONLY = arg("only", null)?.split(",");
const measures = (part) => !ONLY || ONLY.includes(part);
const DIST = resolve(arg("dist", "dist"));
const CHROMIUM = "/usr/bin/chromium";
// The project's Chromium flags (webdriver.json), but the window size, which each page sets.
const FLAGS = JSON.parse(readFileSync("webdriver.json", "utf8"))["goog:chromeOptions"].args.filter(
  (f) => !f.startsWith("--window-size") && !f.startsWith("--headless"),
);
const VIEWPORT = { width: 1400, height: 900 };
const BIG = 100_000;
// The test server's history for the logs: some 100,000 trigger runs.
const LOG_EVENTS = 1_050_000;

// The performance issue's goals where it names one (scripts/test gates the download at 250 KB;
// 220 KB is the goal beyond it); the screens' own ratios where it does not.
const BUDGETS = {
  initialBrotliKB: 220,
  firstRowsRatio: 1.3,
  filterRatio: 1.3,
  chartRatio: 1.5,
  logRatio: 1.5,
  filterMs: 50,
  domGrowth: 0.1,
  // The console's own memory (JS heap and its WebAssembly memory); the mock's is the backend's.
  memoryPerJson: 1,
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
  layoutShift: 0,
};

// ---- A static server for dist/ and the reference page, with brotli and caching as a real
// deployment serves them. Every run opens a fresh browser context, so nothing is cached across runs.
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml" };
const css = readFileSync(join(DIST, "index.html"), "utf8").match(/href="?\/(main-[0-9a-f]+\.css)/)[1];
const extra = {
  "/reference.html": readFileSync("bench/reference.html", "utf8").replace("{{css}}", `/${css}`),
  "/reference.js": readFileSync("bench/reference.js", "utf8"),
  "/reference-usage.html": readFileSync("bench/reference-usage.html", "utf8").replace("{{css}}", `/${css}`),
  "/reference-usage.js": readFileSync("bench/reference-usage.js", "utf8"),
  "/reference-log.html": readFileSync("bench/reference-log.html", "utf8").replace("{{css}}", `/${css}`),
  "/reference-log.js": readFileSync("bench/reference-log.js", "utf8"),
  "/reference-table.js": readFileSync("bench/reference-table.js", "utf8"),
};
const cache = new Map();
function body(path) {
  if (!cache.has(path)) {
    let file = extra[path] ?? null;
    if (file === null) {
      const onDisk = join(DIST, path);
      file = extname(path) && existsSync(onDisk) ? readFileSync(onDisk) : readFileSync(join(DIST, "index.html"));
    }
    const raw = Buffer.from(file);
    cache.set(path, { raw, br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) });
  }
  return cache.get(path);
}
// Compressed once, before any timing: brotli at quality 11 takes seconds on the wasm.
const inDist = readdirSync(DIST, { recursive: true }).filter((f) => !f.startsWith(".") && statSync(join(DIST, f)).isFile());
for (const path of [...Object.keys(extra), ...inDist.map((f) => `/${f}`)]) body(path);
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const type = TYPES[extname(path)] ?? "text/html";
  const { raw, br } = body(path);
  const useBr = /\bbr\b/.test(req.headers["accept-encoding"] ?? "");
  res.writeHead(200, { "content-type": type, "cache-control": "max-age=600", ...(useBr ? { "content-encoding": "br" } : {}) });
  res.end(useBr ? br : raw);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;
if (process.argv.includes("--serve")) {
  // To look at both pages by hand, or to profile them: nothing is measured.
  console.log(`console: ${ORIGIN}/events   reference: ${ORIGIN}/reference.html   (Ctrl-C stops)`);
  await new Promise(() => {});
}

// ---- In every page: marks taken by the page itself, after the frame that shows a change.
function instrument() {
  const bench = (window.__bench = { marks: {}, wasm: null, watch: null, clickAt: null });
  addEventListener("TrunkApplicationStarted", (e) => (bench.wasm = e.detail.wasm));
  addEventListener("click", () => (bench.clickAt = performance.now()), true);
  const rows = () => document.querySelectorAll(".events-table tbody tr[data-id]");
  bench.rows = rows;
  const markAfterPaint = (name) =>
    requestAnimationFrame(() => setTimeout(() => (bench.marks[name] ??= performance.now())));
  let firstSeen = false;
  bench.lastChange = 0;
  new MutationObserver(() => {
    bench.lastChange = performance.now();
    if (!firstSeen && rows().length > 0) {
      firstSeen = true;
      markAfterPaint("firstRows");
    }
    if (bench.watch?.done(rows())) {
      const { name } = bench.watch;
      bench.watch = null;
      markAfterPaint(name);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
const chromiumVersion = browser.version();

// `trace`: a file to write the DevTools trace of the load to, until `wait` holds.
// `signedIn`: the tab holds a personal token, as a console on a real backend needs.
// `sampled`: V8's sampling profile of the load until `wait` holds, as `profile`.
async function open(path, { wait = "window.__bench.marks.firstRows", trace = null, signedIn = false, sampled = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(instrument);
  if (signedIn) await page.addInitScript(() => sessionStorage.setItem("event-center.token", "admin"));
  if (trace) await browser.startTracing(page, { path: trace, screenshots: false });
  const stopSampling = sampled ? await sample(page) : null;
  await page.goto(ORIGIN + path);
  await page.waitForFunction(wait, null, { timeout: 180_000, polling: 50 });
  if (trace) await browser.stopTracing();
  const profile = stopSampling ? await stopSampling() : null;
  return { page, profile, close: () => context.close() };
}

// Starts V8's sampling profiler on the page (a sample every 0.1 ms); the function returned stops it.
async function sample(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  return async () => (await cdp.send("Profiler.stop")).profile;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const CONSOLE = "/events?arrivals=0";
const REFERENCE = "/reference.html";
const CRITICAL = {
  click: ".sev-toggle-critical",
  done: "[...window.__bench.rows()].every((r) => r.querySelector('.sev-critical')) && window.__bench.rows().length > 0",
};
const CONSOLE_FILTER = { ...CRITICAL, path: `/events?events=${BIG}&arrivals=0`, ready: "window.__bench.marks.firstRows" };

if (process.argv.includes("--trace")) {
  // Where the time goes, rather than how much: one load of each page, to open in the DevTools
  // Performance panel. Nothing is measured.
  mkdirSync("target/bench", { recursive: true });
  for (const [name, path] of [["console", CONSOLE], ["reference", REFERENCE]]) {
    await (await open(path, { trace: `target/bench/${name}-trace.json` })).close();
    console.log(`written: target/bench/${name}-trace.json`);
  }
  await browser.close();
  server.close();
  process.exit(0);
}

if (process.argv.includes("--profile")) {
  // Where the console's script time goes, by function: V8's sampled call tree of the load until
  // the first rows, and of the filter's click until its rows, summed over 5 runs each and
  // divided by 5. Frames under 0.5 ms are left out. WebAssembly frames are named only in a build
  // made with SPLIT_WASM_NAMES=1 (scripts/split-wasm.mjs then keeps the names wasm-opt drops).
  mkdirSync("target/bench", { recursive: true });
  const RUNS = 5;
  const loads = [], clicks = [];
  for (let i = 0; i < RUNS; i++) {
    const { profile, close } = await open(CONSOLE, { sampled: true });
    loads.push(profile);
    await close();
    const { page, close: closeFiltered } = await settled(CONSOLE_FILTER);
    const stop = await sample(page);
    await clickUntilDone(page, CONSOLE_FILTER);
    clicks.push(await stop());
    await closeFiltered();
  }
  for (const [name, profiles] of [["first-rows", loads], ["filter", clicks]]) {
    const text = callTree(profiles, 0.5);
    writeFileSync(`target/bench/profile-${name}.txt`, text);
    console.log(`${name}: ${text.split("\n")[0]}; written: target/bench/profile-${name}.txt`);
  }
  await browser.close();
  server.close();
  process.exit(0);
}

// Rust's legacy symbol mangling, read back: `_ZN` then each path segment as its length and
// text, the hash last; `$LT$` and the like stand for punctuation.
function demangle(symbol) {
  if (!symbol.startsWith("_ZN")) return symbol;
  const segments = [];
  for (let at = 3, length; (length = /^\d+/.exec(symbol.slice(at))); ) {
    at += length[0].length;
    segments.push(symbol.slice(at, at + Number(length[0])));
    at += Number(length[0]);
  }
  if (/^h[0-9a-f]{16}$/.test(segments.at(-1))) segments.pop();
  const punctuation = { LT: "<", GT: ">", C: ",", RF: "&", BP: "*", SP: "@", LP: "(", RP: ")", u20: " ", u7b: "{", u7d: "}", u27: "'", u5b: "[", u5d: "]", u7e: "~" };
  return segments
    .map((segment) => segment.replace(/^_(?=\$)/, "").replace(/\$(\w+?)\$/g, (all, code) => punctuation[code] ?? all).replace(/\.\./g, "::"))
    .join("::")
    .slice(0, 160);
}

// The profiles' samples as one call tree, in milliseconds per profile, each line a frame's
// time with its callees, indented under its caller; idle time and the engine's own are left out.
function callTree(profiles, minMs) {
  const root = { ms: 0, callees: new Map() };
  const name = (frame) => demangle(frame.functionName || "(anonymous)");
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const caller = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id])));
    profile.samples.forEach((id, k) => {
      const stack = [];
      for (let at = id; at !== undefined; at = caller.get(at)) stack.unshift(nodes.get(at).callFrame);
      if (stack.some((f) => ["(idle)", "(program)", "(garbage collector)"].includes(f.functionName))) return;
      const ms = (profile.timeDeltas[k + 1] ?? 100) / 1000 / profiles.length;
      let node = root;
      node.ms += ms;
      for (const frame of stack.slice(1)) {
        const key = name(frame);
        if (!node.callees.has(key)) node.callees.set(key, { ms: 0, callees: new Map() });
        node = node.callees.get(key);
        node.ms += ms;
      }
    });
  }
  const lines = [`${root.ms.toFixed(1)} ms of script per run`];
  const walk = (node, indent) => {
    for (const [key, callee] of [...node.callees].sort((a, b) => b[1].ms - a[1].ms)) {
      if (callee.ms < minMs) break;
      lines.push(`${callee.ms.toFixed(1).padStart(7)} ${indent}${key}`);
      walk(callee, indent + " ");
    }
  };
  walk(root, "");
  return lines.join("\n") + "\n";
}

async function firstRender(path) {
  const { page, close } = await open(path);
  const result = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    firstRows: window.__bench.marks.firstRows,
  }));
  await close();
  return result;
}

// From a click on `click` until `done` (an expression over the page) holds and is painted: the
// page is opened at `path` until `ready` holds, then settles first (no change on screen for half
// a second, then an idle moment), as a user looks before clicking: the click lands on a quiet
// page, not on start-up work.
async function timedClick(how) {
  const { page, close } = await settled(how);
  await clickUntilDone(page, how);
  const ms = await page.evaluate(() => window.__bench.marks.clicked - window.__bench.clickAt);
  await close();
  return ms;
}

async function settled({ path, ready, signedIn = false }) {
  const opened = await open(path, { wait: ready, signedIn });
  await opened.page.waitForFunction("performance.now() - window.__bench.lastChange > 500", null, { timeout: 60_000, polling: 50 });
  await opened.page.evaluate(() => new Promise((idle) => requestIdleCallback(idle, { timeout: 5_000 })));
  return opened;
}

async function clickUntilDone(page, { click, done }) {
  await page.evaluate((done) => {
    window.__bench.watch = { name: "clicked", done: new Function(`return ${done}`) };
  }, done);
  await page.click(click);
  await page.waitForFunction("window.__bench.marks.clicked", null, { timeout: 60_000, polling: 20 });
}

// The medians of timed pairs, with every pair kept.
const summary = (timed) => ({
  consoleMs: median(timed.map((p) => p.console)),
  referenceMs: median(timed.map((p) => p.reference)),
  ratio: median(timed.map((p) => p.console / p.reference)),
  pairs: timed,
});

// Interleaved pairs, alternating which page goes first, so drift hits both alike.
async function pairs(label, run) {
  const out = [];
  for (let i = 0; i < PAIRS; i++) {
    const [a, b] = i % 2 ? ["reference", "console"] : ["console", "reference"];
    const pair = {};
    pair[a] = await run(a);
    pair[b] = await run(b);
    out.push(pair);
    process.stderr.write(`${label}: pair ${i + 1}/${PAIRS}\r`);
  }
  process.stderr.write("\n");
  return out;
}

// The load average says how busy the machine was: ratios hold up under load, absolute times do not.
const results = { date: new Date().toISOString(), machine: machine(), chromium: chromiumVersion, pairs: PAIRS, loadAverageBefore: loadavg() };

// Download.
const sizes = measure(DIST);
results.download = sizes;

// First render: default mock data (5,000 events), first page of 500 fetched, first rows painted.
if (measures("firstRender")) {
  const first = await pairs("first render", (which) => firstRender(which === "console" ? CONSOLE : REFERENCE));
  results.firstRender = {
    consoleFcpMs: median(first.map((p) => p.console.fcp)),
    referenceFcpMs: median(first.map((p) => p.reference.fcp)),
    consoleMs: median(first.map((p) => p.console.firstRows)),
    referenceMs: median(first.map((p) => p.reference.firstRows)),
    ratio: median(first.map((p) => p.console.firstRows / p.reference.firstRows)),
    pairs: first,
  };
}

// Filter over 100,000 events: click "Critical", until the filtered rows are painted.
if (measures("filter")) {
  const filters = await pairs("filter 100,000", (which) =>
    timedClick(
      which === "console"
        ? CONSOLE_FILTER
        : { ...CRITICAL, path: `${REFERENCE}?events=${BIG}&all=1`, ready: "window.referenceReady && window.__bench.marks.firstRows" },
    ),
  );
  results.filter = summary(filters);
}

// The usage dashboard's chart: from a click until every bar is painted. A month hour by hour
// (744 bars: "By hour" on a 31-day range) and a year day by day (365 bars: the secrets report
// opened from the password manager's, all its cards loading), against the reference drawing
// the same series from the same mock; in the year case the reference also asks for and writes
// the summary and top lists the console's report loads with its chart.
if (measures("charts")) {
  const day = (d) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
  const iso = (d) => `${day(d)}T00:00:00Z`;
  const bars = (n) => `document.querySelectorAll('.time-chart rect.bar').length >= ${n}`;
  const cases = {
    monthHourly: {
      bars: 744,
      console: { path: `/usage?range=custom&from=${day(31)}&to=${day(1)}`, ready: bars(31), click: ".segmented button:last-child" },
      reference: { path: `/reference-usage.html?interval=hour&query=${encodeURIComponent(`from=${iso(31)}&to=${iso(0)}`)}` },
    },
    yearDaily: {
      bars: 364,
      console: { path: `/usage?range=custom&from=${day(363)}&to=${day(0)}&report=password-manager`, ready: "document.querySelectorAll('.card-tiles .tile-value').length === 3", click: ".report-switch a:first-child" },
      reference: { path: `/reference-usage.html?interval=day&cards=1&query=${encodeURIComponent(`from=${iso(363)}`)}` },
    },
  };
  results.charts = {};
  for (const [name, c] of Object.entries(cases)) {
    const done = `document.querySelectorAll('.time-chart rect.bar').length >= ${c.bars}`;
    const timed = await pairs(`chart ${name}`, (which) =>
      timedClick({ done, ...(which === "console" ? c.console : { ...c.reference, ready: "window.referenceReady", click: "#draw" }) }),
    );
    results.charts[name] = { bars: c.bars, ...summary(timed) };
  }
}

// The logs a backend keeps, opened from the screen's link until their first rows are painted:
// the event viewer's history of trigger runs (from the event table) and a forwarder's
// deliveries (from the forwarders' list). On the test server over HTTP (`--server`, which
// scripts/bench builds), whose history of LOG_EVENTS events holds some 100,000 runs; the
// reference (bench/reference-log.html, .js) asks it the same and writes the same rows.
const SERVER = arg("server", null);
if (SERVER && measures("logs")) {
  const server = spawn(SERVER, ["--port", "0", "--events", String(LOG_EVENTS)], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const api = await new Promise((started, failed) => {
      server.stdout.once("data", (line) => started(String(line).split("\n")[0].trim()));
      server.once("exit", (code) => failed(new Error(`the test server stopped (${code})`)));
    });
    const held = await countRuns(api);
    const rows = (table) => `document.querySelectorAll('.${table} tbody tr[data-id]').length >= 10`;
    const forwarder = "fwd_siem_webhook";
    const cases = {
      eventViewer: {
        what: `event viewer, first of ${held.toLocaleString("en-US")} trigger runs`,
        console: { path: `/events?backend=${api}`, ready: "window.__bench.marks.firstRows", click: "nav a[href='/event-viewer']", signedIn: true },
        reference: { path: `/reference-log.html?log=runs&backend=${api}` },
        done: rows("runs-table"),
      },
      deliveries: {
        what: "forwarder's deliveries log, first page",
        console: { path: `/forwarders?backend=${api}`, ready: `document.querySelector("a[href='/forwarders/${forwarder}']")`, click: `a[href='/forwarders/${forwarder}']`, signedIn: true },
        reference: { path: `/reference-log.html?log=deliveries&forwarder=${forwarder}&backend=${api}` },
        done: rows("deliveries-table"),
      },
    };
    results.logs = {};
    for (const [name, c] of Object.entries(cases)) {
      const timed = await pairs(name, (which) =>
        timedClick({ done: c.done, ...(which === "console" ? c.console : { ...c.reference, ready: "window.referenceReady", click: "#open" }) }),
      );
      results.logs[name] = { what: c.what, ...summary(timed) };
    }
  } finally {
    server.kill();
  }
}

// DOM size at 100 events, and at 100,000 loaded and scrolled to the end; memory there.
if (measures("dom")) {
  const count = () => document.getElementsByTagName("*").length;
  const small = await open("/events?events=100&arrivals=0");
  const at100 = await small.page.evaluate(count);
  await small.close();

  const big = await open(`/events?events=${BIG}&arrivals=0`);
  await big.page.waitForFunction(
    `(() => { const s = document.querySelector('.table-scroll'); s.scrollTop = s.scrollHeight;
      return document.querySelector("tr[aria-rowindex='${BIG + 1}']") !== null; })()`,
    null,
    { timeout: 300_000, polling: 100 },
  );
  const atBig = await big.page.evaluate(count);
  const cdp = await big.page.context().newCDPSession(big.page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const jsHeap = metrics.find((m) => m.name === "JSHeapUsedSize").value;
  const wasm = await big.page.evaluate(async () => ({
    console: window.__bench.wasm.memory.buffer.byteLength,
    mock: (await (await import("/event-center-mock-web.js")).default()).memory.buffer.byteLength,
  }));
  await big.close();

  const ref = await open(`${REFERENCE}?events=${BIG}&all=1`, { wait: "window.referenceReady" });
  const jsonBytes = await ref.page.evaluate(() => window.referenceReady.jsonBytes);
  await ref.close();

  results.dom = { at100, at100k: atBig, growth: atBig / at100 - 1 };
  results.memory = {
    jsHeapBytes: jsHeap,
    consoleWasmBytes: wasm.console,
    mockWasmBytes: wasm.mock,
    consoleBytes: jsHeap + wasm.console,
    jsonBytes,
    perJson: (jsHeap + wasm.console) / jsonBytes,
  };
}
await browser.close();

// Lighthouse, desktop, on the events page.
if (measures("lighthouse")) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", ...FLAGS] });
  try {
    const { lhr } = await lighthouse(`${ORIGIN}${CONSOLE}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] }, desktopConfig);
    results.lighthouse = {
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      totalBlockingTimeMs: lhr.audits["total-blocking-time"].numericValue,
      layoutShift: lhr.audits["cumulative-layout-shift"].numericValue,
      failedAccessibilityAudits: lhr.categories.accessibility.auditRefs
        .filter((a) => a.weight > 0 && lhr.audits[a.id].score !== null && lhr.audits[a.id].score < 1)
        .map((a) => a.id),
    };
  } finally {
    await chrome.kill();
  }
}
server.close();

// ---- Budgets and the table.
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const x = (n) => `${n.toFixed(2)}x`;
const { firstRender: fr, filter: fl, dom, memory, lighthouse: lh } = results;
const checks = [
  ["initial download (brotli)", kb(sizes.console.brotli), `≤ ${BUDGETS.initialBrotliKB} KB`, sizes.console.brotli <= BUDGETS.initialBrotliKB * 1024],
  ...(!fr ? [] : [
    ["first contentful paint, console / reference", `${ms(fr.consoleFcpMs)} / ${ms(fr.referenceFcpMs)}`, "", null],
    ["first rows on screen, console / reference", `${ms(fr.consoleMs)} / ${ms(fr.referenceMs)}`, "", null],
    ["first rows on screen, ratio (median of pairs)", x(fr.ratio), `≤ ${BUDGETS.firstRowsRatio}x`, fr.ratio <= BUDGETS.firstRowsRatio],
  ]),
  ...(!fl ? [] : [
    ["filter over 100,000, console / reference", `${ms(fl.consoleMs)} / ${ms(fl.referenceMs)}`, `console < ${BUDGETS.filterMs} ms`, fl.consoleMs < BUDGETS.filterMs],
    ["filter over 100,000, ratio (median of pairs)", x(fl.ratio), `≤ ${BUDGETS.filterRatio}x`, fl.ratio <= BUDGETS.filterRatio],
  ]),
  ...Object.entries(results.charts ?? {}).flatMap(([name, c]) => [
    [`usage chart, ${c.bars} bars (${name}), console / reference`, `${ms(c.consoleMs)} / ${ms(c.referenceMs)}`, "", null],
    [`usage chart, ${c.bars} bars (${name}), ratio (median of pairs)`, x(c.ratio), `≤ ${BUDGETS.chartRatio}x`, c.ratio <= BUDGETS.chartRatio],
  ]),
  ...Object.values(results.logs ?? {}).flatMap((l) => [
    [`${l.what}, console / reference`, `${ms(l.consoleMs)} / ${ms(l.referenceMs)}`, "", null],
    [`${l.what}, ratio (median of pairs)`, x(l.ratio), `≤ ${BUDGETS.logRatio}x`, l.ratio <= BUDGETS.logRatio],
  ]),
  ...(!dom ? [] : [
    ["DOM elements, 100 events / 100,000 scrolled to the end", `${dom.at100} / ${dom.at100k}`, `within ${BUDGETS.domGrowth * 100}%`, Math.abs(dom.growth) <= BUDGETS.domGrowth],
    ["console's memory at 100,000 (JS heap + console wasm; the mock's wasm apart)", `${mb(memory.jsHeapBytes)} + ${mb(memory.consoleWasmBytes)} = ${mb(memory.consoleBytes)} (${mb(memory.mockWasmBytes)})`, "", null],
    ["console's memory per byte of the events as JSON", `${x(memory.perJson)} of ${mb(memory.jsonBytes)}`, `≤ ${BUDGETS.memoryPerJson}x`, memory.perJson <= BUDGETS.memoryPerJson],
  ]),
  ...(!lh ? [] : [
    ["Lighthouse performance (desktop)", String(lh.performance), `≥ ${BUDGETS.lighthousePerformance}`, lh.performance >= BUDGETS.lighthousePerformance],
    ["Lighthouse accessibility", String(lh.accessibility) + (lh.failedAccessibilityAudits.length ? ` (${lh.failedAccessibilityAudits.join(", ")})` : ""), `= ${BUDGETS.lighthouseAccessibility}`, lh.accessibility >= BUDGETS.lighthouseAccessibility],
    ["total blocking time", ms(lh.totalBlockingTimeMs), "", null],
    ["cumulative layout shift", lh.layoutShift.toFixed(3), `= ${BUDGETS.layoutShift}`, lh.layoutShift <= BUDGETS.layoutShift],
  ]),
];
results.loadAverageAfter = loadavg();
results.budgets = BUDGETS;
results.checks = checks.map(([what, value, budget, pass]) => ({ what, value, budget, pass }));

const mark = (pass) => (pass === null ? "" : pass ? "pass" : "**over**");
const load = (l) => l.map((n) => n.toFixed(2)).join(" ");
console.log(`Measured ${results.date.slice(0, 10)} on ${results.machine}, Chromium ${chromiumVersion}, ${PAIRS} interleaved pairs; load average ${load(results.loadAverageBefore)} before, ${load(results.loadAverageAfter)} after.\n`);
console.log(sizeTable(sizes) + "\n");
console.log("| measure | value | budget | |\n|---|---:|---|---|");
for (const [what, value, budget, pass] of checks) console.log(`| ${what} | ${value} | ${budget} | ${mark(pass)} |`);

mkdirSync("target/bench", { recursive: true });
writeFileSync("target/bench/bench.json", JSON.stringify(results, null, 2));
console.log("\nwritten: target/bench/bench.json");
process.exit(checks.every(([, , , pass]) => pass !== false) ? 0 : 1);

function machine() {
  let os = release();
  try {
    os = execFileSync("sh", ["-c", ". /etc/os-release && echo $PRETTY_NAME"]).toString().trim();
  } catch {}
  return `${os}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

// How many trigger runs the server holds: every page of the history, as large as the contract allows.
async function countRuns(api) {
  let count = 0;
  for (let cursor = ""; ; ) {
    const answer = await fetch(`${api}/trigger-runs?limit=500${cursor && `&cursor=${encodeURIComponent(cursor)}`}`, { headers: { authorization: "Bearer admin" } });
    const page = await answer.json();
    count += page.data.length;
    if (!page.hasMore) return count;
    cursor = page.nextCursor;
  }
}
