// Shared by the runtime tests: real files, compiled by `hmrc --dev`, loaded
// by Node's native ESM, and updated through the runtime's programmatic entry
// (applyUpdate) after the file on disk changed.
//
// Layout: one root per test process, <root>/src and <root>/out; each project
// is a folder below them, so module ids (`--root <root>/src`) are
// `/<project>/<file>` and never collide between the tests of one file. The
// runtime is written by `hmrc runtime -o <root>/runtime.js` and compiled
// modules import it by its file URL (`--runtime`), so tests and modules share
// one registry.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hmrc, tempDir } from "../helpers.mjs";

const root = tempDir("hmrc-runtime-");
const runtimePath = path.join(root, "runtime.js");
{
  const r = hmrc(["runtime", "-o", runtimePath]);
  if (r.status !== 0) throw new Error(`hmrc runtime failed: ${r.stderr}`);
}
export const runtimeUrl = pathToFileURL(runtimePath).href;
export const runtime = await import(runtimeUrl);

// What the runtime reports, per test process: reloads, sent messages, logs.
export const host = { reloads: [], sent: [], warnings: [], errors: [], storage: new Map() };
runtime.configure({
  reload: (reason) => host.reloads.push(reason),
  send: (message) => host.sent.push(message),
  storage: {
    getItem: (k) => host.storage.get(k) ?? null,
    setItem: (k, v) => host.storage.set(k, String(v)),
    removeItem: (k) => host.storage.delete(k),
  },
  log: {
    warn: (...args) => host.warnings.push(args.map(String).join(" ")),
    error: (...args) => host.errors.push(args.map(String).join(" ")),
  },
});

// Events the tests' modules record, in order.
globalThis.trace = [];
export function takeTrace() {
  return globalThis.trace.splice(0);
}

let projects = 0;
let timestamp = 1000;

export class Project {
  constructor(files) {
    this.name = `p${++projects}`;
    this.src = path.join(root, "src", this.name);
    this.out = path.join(root, "out", this.name);
    mkdirSync(this.src, { recursive: true });
    this.write(files);
  }

  id(file) {
    return `/${this.name}/${file}`;
  }

  url(file) {
    return pathToFileURL(path.join(this.out, file)).href;
  }

  // Writes sources and compiles them with hmrc --dev.
  write(files) {
    const names = Object.keys(files);
    for (const name of names) {
      mkdirSync(path.dirname(path.join(this.src, name)), { recursive: true });
      writeFileSync(path.join(this.src, name), files[name]);
    }
    const r = hmrc([
      "--dev",
      "--sourcemap=none",
      "--root",
      path.join(root, "src"),
      "--runtime",
      runtimeUrl,
      "--outdir",
      path.join(root, "out"),
      ...names.map((n) => path.join(this.src, n)),
    ]);
    if (r.status !== 0) throw new Error(`hmrc --dev failed:\n${r.stderr}`);
  }

  // Writes an output file as is: what a server would serve for a broken file.
  writeOutput(file, code) {
    writeFileSync(path.join(this.out, file), code);
  }

  import(file) {
    return import(this.url(file));
  }

  // Changes files on disk, then applies the update as the server would announce it.
  async update(files, { raw = {} } = {}) {
    if (Object.keys(files).length) this.write(files);
    for (const [file, code] of Object.entries(raw)) this.writeOutput(file, code);
    const ids = [...Object.keys(files), ...Object.keys(raw)].map((f) => this.id(f));
    return runtime.applyUpdate(ids, { timestamp: ++timestamp });
  }
}

export function nextTimestamp() {
  return ++timestamp;
}
