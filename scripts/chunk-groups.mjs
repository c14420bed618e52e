// Fewer, larger chunks (for scripts/split-wasm.mjs). wasm-split-cli makes one chunk per set of
// split functions that share code: some 170, of which opening the event viewer needed 50, each
// fetched and instantiated on its own. Here every chunk joins the group of the first split in
// `order` that uses it, and each group is merged into one module (binaryen's wasm-merge): a
// screen then needs its own group and those of the screens before it, a handful of files.
//
// Chunks hold no exports and import only the main module's memory, table and stack pointer
// (module `__wasm_split`); their functions reach the shared table through active element
// segments. So a group is merged behind a stub that imports those three (as
// `__wasm_split_outer`) and exports them under the names the chunks import, which wasm-merge
// wires together: the merged module imports each once.
//
// Chunks the mock port (`web_mock`) shares with screens make a group of their own (`shared`): on
// the mock, the port loads before the first rows, and must not wait for a screen's group.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

/// Groups the chunks in `work` that `splits` ({split, deps: [loader names]}) use, rewriting
/// `loader` (wasm-split-cli's, with each split's loader as `const __split_NAME`) and each split's
/// `deps`. `isMock(split)` names the splits only the mock loads; they come after the rest.
export async function groupChunks({ work, loader, splits, order, isMock, tools }) {
  const rank = ranking(order, isMock);
  const users = new Map();
  for (const { split, deps } of splits) for (const dep of deps) users.set(dep, [...(users.get(dep) ?? []), split]);
  const members = new Map(); // group (a split's name) -> its chunks' loader names
  for (const [chunk, using] of users) {
    const group =
      using.includes("web_mock") && !using.every(isMock) ? "shared" : using.reduce((a, b) => (rank(a) <= rank(b) ? a : b));
    members.set(group, [...(members.get(group) ?? []), chunk]);
  }
  const file = (chunk) => `${chunk.replace(/^__/, "")}.wasm`; // __chunk_17 -> chunk_17.wasm
  const groupOf = new Map([...members].flatMap(([group, chunks]) => chunks.map((c) => [c, `__group_${group}`])));

  // What the grouped chunks import, each import once (not every chunk imports the stack pointer).
  const imports = new Map();
  for (const chunk of groupOf.keys()) {
    for (const i of importsOf(readFileSync(join(work, file(chunk))))) imports.set(i.field, i);
  }
  const stub = join(work, "stub.wasm");
  await tools.assemble(stubText([...imports.values()]), stub);
  for (const [group, chunks] of members) {
    await tools.merge([stub, "__wasm_split", ...chunks.flatMap((c) => [join(work, file(c)), c])], join(work, `chunk_${group}.wasm`));
    for (const chunk of chunks) rmSync(join(work, file(chunk)));
  }
  rmSync(stub);

  let removed = 0;
  loader = loader.replace(/(?:\/\* [^\n]*\*\/\n)?const (__chunk_\d+) = makeLoad\([\s\S]*?\n, \[\]\);\n/g, (whole, chunk) => {
    if (!groupOf.has(chunk)) return whole;
    removed++;
    return "";
  });
  if (removed !== groupOf.size) throw new Error("split-wasm: the loader's chunks are not in the form chunk-groups.mjs reads");
  const loaders = [...members.keys()].map((group) =>
    `const __group_${group} = makeLoad(() => {\n` +
    `    const src = fetch(new URL("./chunk_${group}.wasm", import.meta.url));\n` +
    `    src.catch(() => {});\n` +
    `    return async (imports) => (WebAssembly.instantiateStreaming(src, { __wasm_split_outer: imports.__wasm_split }));\n` +
    `}\n, []);\n`,
  );
  const at = loader.indexOf("const __split_");
  loader = loader.slice(0, at) + loaders.join("") + loader.slice(at);
  for (const split of splits) split.deps = [...new Set(split.deps.map((d) => groupOf.get(d) ?? d))];
  loader = loader.replace(/(const __split_(\w+) = makeLoad\([\s\S]*?, \[)([\w, ]*)(\]\);)/g, (_, head, name, _deps, tail) =>
    head + splits.find((s) => s.split === name).deps.join(", ") + tail,
  );
  return loader;
}

/// Where a split comes: by its place in `order` (after those named there when it is not), the
/// mock's own after every other.
export function ranking(order, isMock) {
  return (split) => {
    const at = order.indexOf(split);
    return (isMock(split) ? 2 * order.length : 0) + (at < 0 ? order.length : at);
  };
}

/// A module importing what the chunks import, from `__wasm_split_outer`, and exporting it.
function stubText(imports) {
  const lines = imports.map(({ field, kind, type }) => `(import "__wasm_split_outer" "${field}" (${kind} $${field} ${type}))`);
  const exports = imports.map(({ field, kind }) => `(export "${field}" (${kind} $${field}))`);
  return `(module\n ${[...lines, ...exports].join("\n ")}\n)\n`;
}

/// The `__wasm_split` imports of a module (its binary): each as its field, kind and type in the
/// text format. Chunks import memories, tables and globals only.
function importsOf(bytes) {
  let at = 8; // after the magic number and version
  const byte = () => bytes[at++];
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = byte();
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
  };
  const name = () => {
    const length = leb();
    return new TextDecoder().decode(bytes.subarray((at += length) - length, at));
  };
  const limits = () => (byte() & 1 ? `${leb()} ${leb()}` : `${leb()}`);
  while (at < bytes.length) {
    const [id, size] = [byte(), leb()];
    if (id !== 2) {
      at += size;
      continue;
    }
    return Array.from({ length: leb() }, () => {
      const [module, field, kind] = [name(), name(), byte()];
      if (module !== "__wasm_split") throw new Error(`split-wasm: a chunk imports ${module}.${field}`);
      switch (kind) {
        case 1: {
          const reftype = byte() === 0x70 ? "funcref" : "externref";
          return { field, kind: "table", type: `${limits()} ${reftype}` };
        }
        case 2:
          return { field, kind: "memory", type: limits() };
        case 3: {
          const valtype = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64" }[byte()];
          return { field, kind: "global", type: byte() ? `(mut ${valtype})` : valtype };
        }
        default:
          throw new Error(`split-wasm: a chunk imports a function (${field})`);
      }
    });
  }
  return [];
}
