// Prints the initial download of a built bundle (default dist/): raw, gzip and brotli bytes per file.
// Usage: node scripts/size.mjs [dist]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
const rows = readdirSync(dir)
  .filter((f) => /\.(wasm|js|css|html)$/.test(f))
  .map((file) => {
    const bytes = readFileSync(join(dir, file));
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return { file: file.replace(/-[0-9a-f]{16}/, ""), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli };
  });
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
console.log("| file | raw KB | gzip KB | brotli KB |\n|---|---:|---:|---:|");
for (const r of [...rows, { file: "**total**", ...total }]) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
