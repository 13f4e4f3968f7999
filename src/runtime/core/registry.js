// The registry: a record per module id, an instance per evaluation of it
// (the first is the one importers link to), and the `import.meta.hot`
// object (HotContext) each instance gets from createHotContext() on its
// first line. The edges between modules are kept here too.
import { canonicalEvent, listeners } from "./events.js";
import { send, stripQuery } from "./hooks.js";
import { invalidate } from "./apply.js";

export const records = new Map(); // id -> ModuleRecord
export const importers = new Map(); // id -> Set of importer ids (current instances' static imports)
export const everImported = new Set(); // ids some module imported: only these can be pruned
export const instanceOfContext = new WeakMap(); // HotContext -> Instance (React Refresh's marks)

class Instance {
  constructor(record, info, serial) {
    this.record = record;
    this.info = info;
    this.serial = serial; // 0 for the first instance
    this.ns = undefined;
    this.disposers = [];
    this.pruners = [];
    this.selfAccepted = !!info.selfAccepting;
    this.plainAccept = false; // accept() without a callback: importers are patched
    this.selfCallbacks = [];
    this.depCallbacks = []; // { ids: [...], cb, single }
    this.ctx = new HotContext(this);
    instanceOfContext.set(this.ctx, this);
  }
}

class ModuleRecord {
  constructor(id, url) {
    this.id = id;
    this.url = url;
    this.data = {};
    this.stable = null; // the first instance: importers are linked to it
    this.current = null; // the instance whose exports importers see
    this.live = []; // instances whose dispose callbacks and listeners are still registered
    this.imports = [];
    this.pruned = false;
    this.patches = true; // the first instance follows the current one
    this.serials = 0;
  }

  // Writing to data accepts (HMR-SPEC 1.3). The compiler sees writes through
  // import.meta.hot.data itself; writes through a variable holding it
  // (`const d = import.meta.hot.data; d.n = 1`) only show here, at update
  // time, as data that is not empty (Bun decides the same way).
  get selfAccepting() {
    return this.current.selfAccepted || Object.keys(this.data).length > 0;
  }

  // Ids of the dependencies this module accepts, by compile-time info and calls.
  acceptsDependency(depId) {
    const deps = this.current.info.dependencies ?? {};
    if (Object.values(deps).some((d) => canonical(d) === depId)) return true;
    return this.current.depCallbacks.some((d) => d.ids.some((x) => canonical(x) === depId));
  }
}

class HotContext {
  #instance;

  constructor(instance) {
    this.#instance = instance;
  }

  get data() {
    return this.#instance.record.data;
  }

  accept(deps, cb) {
    const instance = this.#instance;
    if (typeof deps === "function" || deps === undefined) {
      instance.selfAccepted = true;
      if (deps) instance.selfCallbacks.push(deps);
      else instance.plainAccept = true;
      return;
    }
    const single = typeof deps === "string";
    const specifiers = single ? [deps] : Array.from(deps);
    const known = instance.info.dependencies ?? {};
    const ids = specifiers.map((s) => known[s] ?? resolveSpecifier(s, instance));
    instance.depCallbacks.push({ ids, cb: typeof cb === "function" ? cb : () => {}, single });
  }

  acceptExports(_names, cb) {
    // Every export is patched in place, so accepting some is accepting all.
    this.accept(cb);
  }

  dispose(cb) {
    this.#instance.disposers.push(cb);
  }

  prune(cb) {
    this.#instance.pruners.push(cb);
  }

  decline() {}

  invalidate(message) {
    invalidate(this.#instance, message);
  }

  on(event, cb) {
    const name = canonicalEvent(event);
    if (!listeners.has(name)) listeners.set(name, []);
    listeners.get(name).push({ cb, owner: this.#instance });
  }

  off(event, cb) {
    const list = listeners.get(canonicalEvent(event));
    if (!list) return;
    // This instance's own registration first: another module may use the same function.
    let i = list.findIndex((l) => l.cb === cb && l.owner === this.#instance);
    if (i === -1) i = list.findIndex((l) => l.cb === cb);
    if (i !== -1) list.splice(i, 1);
  }

  send(event, data) {
    send({ type: "custom", event, data });
  }

  // Dev output calls this after each write to an exported binding, so that a
  // `let` the current instance reassigns reaches the first instance's
  // binding, which importers read. Returns `value` unchanged.
  w(value, ...names) {
    const instance = this.#instance;
    const record = instance.record;
    if (record.current === instance && instance !== record.stable && instance.ns && record.patches) {
      for (const name of names) setStable(record, name, instance.ns[name]);
    }
    return value;
  }
}

function resolveSpecifier(specifier, instance) {
  if (!/^(\.{0,2}\/)/.test(specifier)) return specifier;
  const id = instance.record.id;
  if (!id.startsWith("/")) return new URL(specifier, id).href;
  return new URL(specifier, `file://${id}`).pathname;
}

export function setStable(record, name, value) {
  try {
    record.stable.info.set?.(name, value);
  } catch {
    // The first instance threw before this binding was initialized (TDZ):
    // importers could not have linked to a value anyway.
  }
}

// Specifiers without an extension ("./b", "./dir") name the module the server
// resolves them to ("/src/b.ts", "/src/dir/index.ts"): edges are kept under
// the id the module gives itself once it is known.
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs"];

export function canonical(id) {
  if (records.has(id)) return id;
  for (const ext of EXTENSIONS) {
    if (records.has(id + ext)) return id + ext;
    if (records.has(`${id}/index${ext}`)) return `${id}/index${ext}`;
  }
  return id;
}

// Edges to `id` written before it registered, under a name without extension.
function adoptEdges(id) {
  const m = id.match(/^(.*?)(\/index)?\.[cm]?[jt]sx?$/);
  if (!m) return;
  for (const form of m[2] ? [m[1] + m[2], m[1]] : [m[1]]) {
    const from = importers.get(form);
    if (!from) continue;
    importers.delete(form);
    if (!importers.has(id)) importers.set(id, new Set());
    for (const importer of from) {
      importers.get(id).add(importer);
      const record = records.get(importer);
      if (record) record.imports = record.imports.map((d) => (d === form ? id : d));
    }
    if (everImported.has(form)) everImported.add(id);
  }
}

export function setImports(record, ids) {
  for (const old of record.imports) importers.get(old)?.delete(record.id);
  ids = ids.map(canonical);
  record.imports = ids;
  for (const dep of ids) {
    if (!importers.has(dep)) importers.set(dep, new Set());
    importers.get(dep).add(record.id);
    everImported.add(dep);
  }
}

/** Called on line 1 of every module compiled by `hmrc --dev`. */
export function createHotContext(id, info = {}) {
  const url = info.url ? stripQuery(info.url) : stripQuery(id);
  id = stripQuery(id);
  let record = records.get(id);
  if (!record) {
    record = new ModuleRecord(id, url);
    records.set(id, record);
    adoptEdges(id);
  }
  const instance = new Instance(record, info, record.serials++);
  if (!record.stable) {
    record.stable = instance;
    record.current = instance;
  } else if (record.pruned) {
    // Imported again after a prune: this instance is current from now on.
    record.pruned = false;
    record.current = instance;
  }
  record.loading = instance;
  record.live.push(instance);
  // A new instance loaded by an update takes over the graph once it has loaded.
  if (record.current === instance) setImports(record, info.imports ?? []);
  return instance.ctx;
}
