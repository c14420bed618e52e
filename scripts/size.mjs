// The download of a built bundle (default dist/): raw, gzip and brotli bytes per file, the
// console's initial download apart from the chunks it fetches on first use of a panel or page
// (scripts/split-wasm.mjs) and from the mock backend's module, which only the mock loads.
// Usage: node scripts/size.mjs [dist]   (scripts/bench reports the same table)
//        node scripts/size.mjs --gate KB [dist]   (scripts/test: exit 1 over the budget)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith(".")).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(wasm|js|css|html|svg|json)$/.test(e.name) ? [join(dir, e.name)] : []);

export const isMockModule = (file) => file.startsWith("event-center-mock-web");
/** Fetched on first use, not before the first rows: chunks and lazily loaded stylesheets. */
const isLater = (row) => !row.eager && !isMockModule(row.file);

const sum = (list) => list.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** A file's bytes raw, gzip 9 and brotli 11, named without Trunk's content hash. */
function sized(dir, path) {
  const bytes = readFileSync(path);
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const file = relative(dir, path).replace(/-[0-9a-f]{12,16}(?=[._/])/g, "");
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli };
}

/**
 * One row per file, and the console's totals: its initial download (what the gate counts:
 * [`eagerFiles`]), what it fetches on first use (chunks, lazily loaded stylesheets), and the
 * mock's module.
 */
export function measure(dir = "dist") {
  const eager = new Set(eagerFiles(dir));
  const rows = files(dir).map((path) => ({ ...sized(dir, path), eager: eager.has(relative(dir, path)) }));
  return {
    rows,
    console: sum(rows.filter((r) => r.eager)),
    chunks: sum(rows.filter(isLater)),
    mock: sum(rows.filter((r) => isMockModule(r.file))),
  };
}

export function table({ rows, console: initial, chunks, mock }) {
  const kb = (n) => (n / 1024).toFixed(1).padStart(8);
  const line = (r) => `| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`;
  const later = rows.filter(isLater);
  return [
    "| file | raw KB | gzip KB | brotli KB |",
    "|---|---:|---:|---:|",
    ...rows.filter((r) => r.eager).map(line),
    line({ file: "**console, initial download**", ...initial }),
    ...later.filter((r) => !r.file.startsWith("chunk_")).map(line),
    line({ file: `${rows.filter((r) => r.file.startsWith("chunk_")).length} shared chunks`, ...sum(rows.filter((r) => r.file.startsWith("chunk_"))) }),
    line({ file: "**chunks and stylesheets, fetched on first use**", ...chunks }),
    ...rows.filter((r) => isMockModule(r.file)).map(line),
    line({ file: "**mock backend module (only with the mock)**", ...mock }),
  ].join("\n");
}

/** An attribute's value in a tag as Trunk's minifier writes it (quoted or not). */
const attr = (tag, name) => tag.match(new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`))?.slice(1).find((v) => v !== undefined);

/**
 * The files a browser fetches on opening the console, before any of its code has decided
 * anything: what index.html loads, links as a stylesheet or preloads (not what its scripts may
 * import later, like the mock module), and what those modules import statically. Chunks and
 * the mock module arrive later, by dynamic import or an idle fetch.
 */
export function eagerFiles(dir = "dist") {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const found = new Set(["index.html"]);
  const add = (url) => {
    const file = url.replace(/^\.?\//, "");
    if (found.has(file) || !existsSync(join(dir, file))) return;
    found.add(file);
    if (file.endsWith(".js")) started(readFileSync(join(dir, file), "utf8"), dirname(file));
  };
  // What a script imports, and the WebAssembly Trunk's start-up script names.
  const started = (code, base) => {
    imports(code, base);
    for (const [, url] of code.matchAll(/module_or_path:\s*["'`]([^"'`]+)["'`]/g)) add(url);
  };
  // Static imports only: `import(` is a dynamic one, fetched when the code asks.
  const imports = (code, base) => {
    for (const [, url] of code.matchAll(/(?:\bfrom|\bimport)\s*["'`]([^"'`]+)["'`]/g)) add(url.startsWith("/") ? url : join(base, url));
  };
  for (const tag of html.match(/<(link|script|img)\b[^>]*>/g) ?? []) {
    if (tag.startsWith("<link") && !["stylesheet", "preload", "modulepreload"].includes(attr(tag, "rel"))) continue;
    const url = attr(tag, "href") ?? attr(tag, "src");
    if (url?.startsWith("/")) add(url);
  }
  // A start-up module left inline (scripts/split-wasm.mjs makes it a file).
  for (const [, body] of html.matchAll(/<script type=["']?module["']?>([\s\S]*?)<\/script>/g)) started(body, ".");
  return [...found];
}

/**
 * The download gate (scripts/test): what a browser fetches before the first rows of /events on
 * a real backend, brotli-compressed, against the budget. On failure it says what is in it.
 */
export function gate(dir, budgetKb) {
  const rows = eagerFiles(dir).map((file) => sized(dir, join(dir, file)));
  const total = sum(rows);
  const mock = rows.filter((r) => isMockModule(r.file));
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`initial download of /events on a real backend: ${kb(total.brotli)} KB brotli (budget ${budgetKb} KB), ${rows.length} files`);
  const over = total.brotli > budgetKb * 1024;
  if (!over && !mock.length) return true;
  if (over) console.error(`over the budget by ${kb(total.brotli - budgetKb * 1024)} KB`);
  if (mock.length) console.error(`the mock backend's module is fetched at start: ${mock.map((r) => r.file).join(", ")}`);
  console.error("largest files:");
  for (const r of rows.sort((a, b) => b.brotli - a.brotli)) console.error(`  ${kb(r.brotli).padStart(7)} KB  ${r.file}`);
  return false;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [flag, budget, dir = "dist"] = process.argv.slice(2);
  if (flag === "--gate") process.exit(gate(dir, Number(budget)) ? 0 : 1);
  console.log(table(measure(process.argv[2] ?? "dist")));
}
