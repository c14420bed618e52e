// Trunk post-build hook: cuts the console's WebAssembly into the module the first screen needs
// and chunks fetched on first use (the `split!` functions of src/ui/split.rs).
//
// Trunk has already run wasm-bindgen on the whole module; this redoes it on the cut one, keeping
// Trunk's file names so index.html stays right. What Leptos's own tool (cargo-leptos --split)
// does, for Trunk: wasm-split-cli, then wasm-bindgen --keep-lld-exports, then wasm-opt per file;
// then terser on the JS it wrote.
// Chunks and their loader get content-hashed names (the chunks one hash of them all); index.html
// preloads the loader, which loads the chunks ahead of use once the page is idle; index.html's
// inline scripts become files.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { minify } from "terser";
import { groupChunks, ranking } from "./chunk-groups.mjs";

const stage = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE === "release" ? "release" : "debug";
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const targetDir = process.env.CARGO_TARGET_DIR ?? process.env.CARGO_BUILD_TARGET_DIR ?? join(root, "target");
const input = join(targetDir, "wasm32-unknown-unknown", profile, "event-center.wasm");
const wasmOpt = join(root, "node_modules/.bin/wasm-opt");

// Runs a tool; what it says on stderr is passed on, but for wasm-opt's warning about each name
// subsection it does not know (the names are dropped anyway).
const run = (cmd, args) =>
  new Promise((done, fail) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) => fail(new Error(`split-wasm: ${cmd}: ${e.message}`)));
    child.on("close", (code) => {
      const said = stderr.split("\n").filter((l) => l && !l.startsWith("warning: unknown name subsection"));
      if (said.length) console.error(said.join("\n"));
      code === 0 ? done() : fail(new Error(`split-wasm: ${cmd} failed on ${args.at(-1)} (${code})`));
    });
  });
const hash = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
// Trunk minified the JS it wrote, and wasm-bindgen has written it again: a release minifies the
// new glue and the loader. Names other modules use (exports, the import object) are kept.
const small = async (code, module = true) => (profile === "release" ? (await minify(code, { module })).code : code);

// Trunk's names for the console (not the mock module, which is built apart).
const js = readdirSync(stage).find((f) => /^event-center-[0-9a-f]+\.js$/.test(f));
if (!js) throw new Error(`split-wasm: no console module in ${stage}`);
const name = js.slice(0, -".js".length);

// binaryen's assembler and merger, for chunk-groups.mjs.
const FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-multivalue", "--enable-reference-types"];
const binaryen = {
  assemble: (text, out) => {
    writeFileSync(`${out}.wat`, text);
    return run(join(root, "node_modules/.bin/wasm-as"), [...FEATURES, `${out}.wat`, "-o", out]).finally(() => rmSync(`${out}.wat`));
  },
  merge: (inputs, out) => run(join(root, "node_modules/.bin/wasm-merge"), [...FEATURES, ...inputs, "-o", out]),
};

const work = mkdtempSync(join(tmpdir(), "split-wasm-"));
try {
  await run("wasm-split-cli", [input, work, "--out-name", name, "--target", "web"]);
  await run("wasm-bindgen", ["--target=web", "--no-typescript", "--keep-lld-exports", "--no-demangle",
    `--out-dir=${stage}`, `--out-name=${name}`, join(work, `${name}.wasm`)]);

  // The first module with its function names, which wasm-opt drops: what the download gate
  // (scripts/test) shows twiggy when the first screen grows past its budget.
  mkdirSync(join(targetDir, "split-wasm"), { recursive: true });
  copyFileSync(join(stage, `${name}_bg.wasm`), join(targetDir, "split-wasm", "main-named.wasm"));

  // Each split's loader as a constant (`__split_NAME`) the idle preload below can call, and the
  // chunks it needs; then the chunks in groups (scripts/chunk-groups.mjs).
  let loader = readFileSync(join(work, "__wasm_split.js"), "utf8");
  const splits = [];
  loader = loader.replace(
    /export const __wasm_split_load_(\w+) = wrapAsyncCb\((makeLoad\([\s\S]*?, \[([\w, ]*)\]\))\);/g,
    (_, split, load, deps) => {
      splits.push({ split, deps: deps.split(",").map((d) => d.trim()).filter(Boolean) });
      return `const __split_${split} = ${load};\nexport const __wasm_split_load_${split} = wrapAsyncCb(__split_${split});`;
    },
  );
  if (splits.length !== readdirSync(work).filter((f) => f.startsWith("split_")).length) {
    throw new Error("split-wasm: the loader's exports are not in the form this script reads");
  }
  // The sections first, in the navigation's order (after the bell, which loads at the first
  // idle moment), then the rest; the mock's own last.
  const order = ["bell_button", "bell_panel", "event_drawer", "event_viewer_page", "triggers_pages", "usage_page", "forwarders_pages"];
  const isMock = (split) => split === "mock_panel" || split === "web_mock";
  loader = await groupChunks({ work, loader, splits, order, isMock, tools: binaryen });

  const chunkFiles = readdirSync(work).filter((f) => f.endsWith(".wasm") && f !== `${name}.wasm`);
  // The main module first: it takes longest.
  if (profile === "release") await optimize([join(stage, `${name}_bg.wasm`), ...chunkFiles.map((f) => join(work, f))]);

  // Chunks get names with one hash of them all, written into the loader that fetches them. One
  // hash rather than one each: the loader names every chunk, and their hashes were most of what
  // it weighs in the first download, where one repeated compresses to nothing. A chunk seldom
  // outlives a change anyway: each refers to the main module's functions by position.
  const all = createHash("sha256");
  for (const file of [...chunkFiles].sort()) all.update(file).update(readFileSync(join(work, file)));
  const chunksHash = all.digest("hex").slice(0, 16);
  for (const file of chunkFiles) {
    const path = join(work, file);
    const hashed = `${file.slice(0, -".wasm".length)}-${chunksHash}.wasm`;
    renameSync(path, join(stage, hashed));
    loader = loader.replaceAll(`"./${file}"`, `"./${hashed}"`);
  }
  // From 0.3 s after the page has loaded, the chunks are loaded ahead of use (fetched, compiled
  // and instantiated, as opening a screen would), so that opening one costs its own work only.
  // One file at a time, each in an idle moment: some sixty answers at once kept the main thread
  // busy for tens of milliseconds, and a click then waited for them. A screen's groups first,
  // then its own module, in `order`. The mock panel's and the mock port's only when the mock is
  // the backend (window.ecMockModule, from index.html's script). Then the lazily loaded screens'
  // stylesheets (style/lazy, copied by Trunk) into the HTTP cache.
  const rank = ranking(order, isMock);
  const loads = (mine) => {
    const these = splits.filter(({ split }) => mine === isMock(split)).sort((a, b) => rank(a.split) - rank(b.split));
    return `[${[...new Set(these.flatMap(({ split, deps }) => [...deps, `__split_${split}`]))].join(",")}]`;
  };
  const base = process.env.TRUNK_PUBLIC_URL ?? "/";
  const styles = readdirSync(join(stage, "lazy")).filter((f) => f.endsWith(".css")).map((f) => base + `lazy/${f}`);
  loader += `\naddEventListener("load",()=>setTimeout(async()=>{const idle=()=>new Promise((i)=>requestIdleCallback(i));` +
    `const mock=await window.ecMockModule;for(const load of [...${loads(false)},...(mock?${loads(true)}:[])]){` +
    `await idle();await load().catch(()=>{})}` +
    `for(const u of ${JSON.stringify(styles)}){await idle();await fetch(u,{priority:"low"}).catch(()=>{})}},300));`;
  loader = await small(loader);
  const loaderName = `__wasm_split-${hash(loader)}.js`;
  writeFileSync(join(stage, loaderName), loader);

  const main = join(stage, `${name}.js`);
  // Only the import statements: the import object keeps the name the module was linked with.
  const glue = readFileSync(main, "utf8").replace(/(from\s*["'])\.\/__wasm_split\.js(?=["'])/g, `$1./${loaderName}`);
  writeFileSync(main, await small(glue));

  // The loader is imported by the console's module: fetch it beside it.
  const links = `<link rel="modulepreload" href="${base}${loaderName}">`;
  const html = join(stage, "index.html");
  // The Content Security Policy a deployment sets allows no inline script (README, "Deploying"):
  // each script of index.html, Trunk's start of the console too, becomes a file named by its
  // content, loaded where the script stood, so it runs when it did.
  let page = readFileSync(html, "utf8");
  for (const [tag, attrs, code] of page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    // Trunk's live reload under `trunk serve` (scripts/run) stays inline: the server fills in
    // its address when it serves the page, never in a file; it serves no policy either.
    if (/\ssrc=/.test(attrs) || !code.trim() || code.includes("{{__TRUNK_ADDRESS__}}")) continue;
    const script = await small(code, /type=["']?module/.test(attrs));
    const file = `boot-${hash(script)}.js`;
    writeFileSync(join(stage, file), script);
    page = page.replace(tag, `<script${attrs} src="${base}${file}"></script>`);
  }
  writeFileSync(html, page.replace("</head>", `${links}</head>`));
  // The mock's glue, which Trunk's minifier cannot parse either (its warning): a console on the
  // mock fetches it at start.
  const mockGlue = join(stage, "event-center-mock-web.js");
  if (existsSync(mockGlue)) writeFileSync(mockGlue, await small(readFileSync(mockGlue, "utf8")));
  console.log(`split-wasm: ${name} and ${chunkFiles.length} chunks`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// wasm-opt -Oz on every part, as many at once as there are cores.
async function optimize(paths) {
  const flags = ["-Oz", process.env.SPLIT_WASM_NAMES ? "-g" : "--strip-debug", ...FEATURES];
  const queue = [...paths];
  const worker = async () => {
    for (let path; (path = queue.shift()); ) await run(wasmOpt, [...flags, path, "-o", path]);
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
}
