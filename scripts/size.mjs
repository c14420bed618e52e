// The download of a built bundle (default dist/): raw, gzip and brotli bytes per file, the
// console's initial download apart from the chunks it fetches on first use of a panel or page
// (scripts/split-wasm.mjs) and from the mock backend's module, which only the mock loads.
// Usage: node scripts/size.mjs [dist]   (scripts/bench reports the same table)
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith(".")).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(wasm|js|css|html)$/.test(e.name) ? [join(dir, e.name)] : []);

export const isMockModule = (file) => file.startsWith("event-center-mock-web");
const isChunk = (file) => /^(split|chunk)_.*\.wasm$/.test(file);
const isInitial = (file) => !isMockModule(file) && !isChunk(file);

const sum = (list) => list.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** One row per file, names without Trunk's content hash, and the console's total. */
export function measure(dir = "dist") {
  const rows = files(dir).map((path) => {
    const bytes = readFileSync(path);
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const file = relative(dir, path).replace(/-[0-9a-f]{12,16}(?=[._/])/g, "");
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli };
  });
  return {
    rows,
    console: sum(rows.filter((r) => isInitial(r.file))),
    chunks: sum(rows.filter((r) => isChunk(r.file))),
    mock: sum(rows.filter((r) => isMockModule(r.file))),
  };
}

export function table({ rows, console: initial, chunks, mock }) {
  const kb = (n) => (n / 1024).toFixed(1).padStart(8);
  const line = (r) => `| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`;
  return [
    "| file | raw KB | gzip KB | brotli KB |",
    "|---|---:|---:|---:|",
    ...rows.filter((r) => isInitial(r.file)).map(line),
    line({ file: "**console, initial download**", ...initial }),
    ...rows.filter((r) => isChunk(r.file) && r.file.startsWith("split_")).map(line),
    line({ file: `${rows.filter((r) => r.file.startsWith("chunk_")).length} shared chunks`, ...sum(rows.filter((r) => r.file.startsWith("chunk_"))) }),
    line({ file: "**chunks, fetched on first use**", ...chunks }),
    ...rows.filter((r) => isMockModule(r.file)).map(line),
    line({ file: "**mock backend module (only with the mock)**", ...mock }),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(table(measure(process.argv[2] ?? "dist")));
