// hmrc runtime core: the registry of hot contexts behind `import.meta.hot`.
//
// Every module compiled with `hmrc --dev` calls createHotContext(id, info) on
// its first line. The first instance of a module (its stable URL) is the one
// importers link to; an update imports `<url>?t=N`, a new instance, and copies
// its exports into the first instance's bindings through the `set` closure the
// compiler generated, so importers see the new exports without being re-run.
// docs/hmr-design.md explains the design and its limits.
//
// This file does not know how updates arrive: the browser client
// (client.js) feeds it WebSocket messages; tests and custom servers call
// applyUpdate() and configure() directly.

const EVENTS = [
  "beforeUpdate",
  "afterUpdate",
  "beforeFullReload",
  "beforePrune",
  "invalidate",
  "error",
  "ws:disconnect",
  "ws:connect",
];
const RELOAD_KEY = "hmrc:full-reload-reason";

// Built-in events are stored under their bare name; `bun:x` and `vite:x` are
// the same event, so listeners of both run in the order they were added.
function canonicalEvent(event) {
  for (const prefix of ["bun:", "vite:"]) {
    if (event.startsWith(prefix) && EVENTS.includes(event.slice(prefix.length))) {
      return event.slice(prefix.length);
    }
  }
  return event;
}

function defaultReload() {
  if (typeof location !== "undefined" && typeof location.reload === "function") location.reload();
}

function defaultStorage() {
  try {
    if (typeof sessionStorage !== "undefined") return sessionStorage;
  } catch {
    // Storage may be denied (sandboxed frames): the message is then shown once.
  }
  return null;
}

const hooks = {
  reload: defaultReload,
  send: null,
  storage: defaultStorage(),
  log: console,
};
const pendingSends = [];

const records = new Map(); // id -> ModuleRecord
const importers = new Map(); // id -> Set of importer ids (current instances' static imports)
const listeners = new Map(); // canonical event -> [{ cb, owner: Instance | null }]
const everImported = new Set(); // ids some module imported: only these can be pruned

let queue = Promise.resolve();
let pendingBatch = null;
let reloading = false;
let updateCount = 0;

// The id a module gives itself: its path below the served root, or its URL.
function displayId(id) {
  return id.startsWith("/") ? id.slice(1) : id;
}

function stripQuery(url) {
  const q = url.search(/[?#]/);
  return q === -1 ? url : url.slice(0, q);
}

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

  get selfAccepting() {
    return this.current.selfAccepted;
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

function setStable(record, name, value) {
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

function canonical(id) {
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

function setImports(record, ids) {
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

/**
 * Hooks for the environment. `reload(reason)` performs a full reload
 * (default: location.reload()); `send(message)` carries page -> server
 * messages (the client sets it; messages sent earlier are queued);
 * `storage` keeps the reload reason across the reload (default:
 * sessionStorage); `log` receives warnings (default: console).
 */
export function configure(options) {
  for (const key of ["reload", "send", "storage", "log"]) {
    if (key in options) hooks[key] = options[key];
  }
  if (hooks.send) {
    for (const message of pendingSends.splice(0)) hooks.send(message);
  }
}

function send(message) {
  if (hooks.send) hooks.send(message);
  else pendingSends.push(message);
}

/**
 * A listener that belongs to no module (never removed by an update), for
 * tools around the page such as the client's overlay. Returns a function
 * that removes it.
 */
export function listen(event, cb) {
  const name = canonicalEvent(event);
  if (!listeners.has(name)) listeners.set(name, []);
  const entry = { cb, owner: null };
  listeners.get(name).push(entry);
  return () => {
    const list = listeners.get(name) ?? [];
    if (list.includes(entry)) list.splice(list.indexOf(entry), 1);
  };
}

/** Emits an event to the `on` listeners of every module. */
export function emit(event, payload) {
  const list = listeners.get(canonicalEvent(event));
  if (!list) return;
  for (const { cb } of [...list]) {
    try {
      cb(payload);
    } catch (error) {
      hooks.log.error(`[hmrc] a listener of ${event} threw`, error);
    }
  }
}

function removeListenersOf(instance) {
  for (const [name, list] of listeners) {
    const kept = list.filter((l) => l.owner !== instance);
    if (kept.length) listeners.set(name, kept);
    else listeners.delete(name);
  }
}

// ---------------------------------------------------------------------------
// Deciding what an update re-runs

// Walks up from a changed module to the modules that accept it. Returns the
// boundaries, or the chain that reached a module nobody accepts.
function propagate(changedId, { skipSelf = false } = {}) {
  const boundaries = []; // { id, via: id | null }: via is the accepted dependency
  const rerun = new Set();
  const visited = new Set();
  // Each stack entry is a chain of ids, changed module first.
  const stack = [[changedId]];
  while (stack.length) {
    const chain = stack.pop();
    const id = chain[chain.length - 1];
    const record = records.get(id);
    if (!(chain.length === 1 && skipSelf)) {
      if (record.selfAccepting) {
        boundaries.push({ id, via: null });
        rerun.add(id);
        continue;
      }
    }
    if (visited.has(id)) continue;
    visited.add(id);
    if (!(chain.length === 1 && skipSelf)) rerun.add(id);
    const parents = [...(importers.get(id) ?? [])].filter((p) => records.has(p) && !records.get(p).pruned);
    if (parents.length === 0) return { deadEnd: chain };
    let onwards = 0;
    for (const parent of parents) {
      if (records.get(parent).acceptsDependency(id)) {
        boundaries.push({ id: parent, via: id });
        onwards++;
        continue;
      }
      if (chain.includes(parent)) continue; // a cycle: its other importers decide
      stack.push([...chain, parent]);
      onwards++;
    }
    // Only importers already on the chain: a cycle that nothing outside accepts.
    if (onwards === 0) return { deadEnd: [...chain, parents[0]] };
  }
  return { boundaries, rerun };
}

function chainMessage(chain) {
  if (chain.length === 1) return `Module "${displayId(chain[0])}" is not accepted and no module imports it`;
  let message = `Module "${displayId(chain[0])}" is not accepted by ${displayId(chain[1])}`;
  for (const id of chain.slice(2)) message += `, imported by "${displayId(id)}"`;
  return message;
}

// Dependencies first, so that a module re-run in this update imports stable
// URLs whose bindings already hold the new exports. In a cycle the changed
// module goes first: its imports of the modules above it are not followed.
function dependencyOrder(ids, changed) {
  const order = [];
  const state = new Map();
  for (const root of ids) {
    if (state.has(root)) continue;
    const stack = [[root, 0]];
    state.set(root, "open");
    while (stack.length) {
      const top = stack[stack.length - 1];
      const deps = records.get(top[0]).imports;
      if (top[1] < deps.length) {
        const dep = deps[top[1]++];
        const upward = changed.has(top[0]) && !changed.has(dep);
        if (ids.has(dep) && !state.has(dep) && !upward) {
          state.set(dep, "open");
          stack.push([dep, 0]);
        }
        continue;
      }
      state.set(top[0], "done");
      order.push(top[0]);
      stack.pop();
    }
  }
  return order;
}

// ---------------------------------------------------------------------------
// Applying an update

/**
 * The programmatic entry: applies an update of the modules `ids` (as the
 * modules name themselves). Updates are applied one at a time, in order;
 * updates that arrive while one is applied are merged into one batch.
 * Resolves to { status: "updated" | "reload" | "error" | "ignored", ... }.
 */
export function applyUpdate(ids, { timestamp = Date.now() } = {}) {
  if (pendingBatch) {
    for (const id of ids) pendingBatch.ids.add(stripQuery(id));
    pendingBatch.timestamp = Math.max(pendingBatch.timestamp, timestamp);
    return pendingBatch.promise;
  }
  const batch = { ids: new Set(ids.map(stripQuery)), timestamp, invalidated: new Map() };
  pendingBatch = batch;
  batch.promise = queue.then(() => {
    if (pendingBatch === batch) pendingBatch = null;
    return runUpdate(batch);
  });
  queue = batch.promise.catch(() => {});
  return batch.promise;
}

function invalidate(instance, message) {
  const record = instance.record;
  emit("invalidate", { path: record.id, message, firstInvalidatedBy: record.id });
  send({ type: "invalidate", id: record.id, message: message ?? "" });
  if (current && current.replacing.has(record.id)) {
    // Called while this update loads the module: its importers are re-run by
    // this same update, after it.
    current.invalidated.set(record.id, message);
    return;
  }
  const batch = { ids: new Set([record.id]), timestamp: Date.now(), invalidated: new Map([[record.id, message]]) };
  batch.promise = queue.then(() => runUpdate(batch));
  queue = batch.promise.catch(() => {});
}

let current = null; // the update being applied

async function runUpdate(batch) {
  if (reloading) return { status: "reload", reason: "a full reload was already decided" };
  const changed = [...batch.ids].filter((id) => records.has(id) && !records.get(id).pruned);
  if (changed.length === 0) return { status: "ignored" };
  updateCount++;
  const rerun = new Set();
  const byKey = new Map(); // one entry per boundary and accepted module, however many paths reach it
  for (const id of changed) {
    const result = propagate(id, { skipSelf: batch.invalidated.has(id) });
    if (result.deadEnd) return fullReload(chainMessage(result.deadEnd), id);
    for (const b of result.boundaries) byKey.set(`${b.id}\n${b.via}`, b);
    for (const r of result.rerun) rerun.add(r);
  }
  const boundaries = [...byKey.values()];
  const timestamp = batch.timestamp;
  const updates = boundaries.map((b) => ({
    type: "js-update",
    path: b.id,
    acceptedPath: b.via ?? b.id,
    timestamp,
  }));
  emit("beforeUpdate", { type: "update", updates });

  current = { replacing: rerun, invalidated: new Map() };
  const timings = { load: 0, callbacks: 0 }; // ms, for hmrc serve --trace
  const failures = [];
  const loaded = new Map(); // id -> new namespace
  try {
    const old = new Map(); // id -> the instances this update disposed
    // The instance importers see now: its accept callbacks get the new module.
    const accepting = new Map();
    for (const id of rerun) accepting.set(id, records.get(id).current);

    for (const id of dependencyOrder(rerun, new Set(changed))) {
      const record = records.get(id);
      const blockedBy = record.imports.find((dep) => failures.some((f) => f.id === dep));
      if (blockedBy) {
        // Not disposed: the previous version keeps running as it was.
        failures.push({ id, error: new Error(`${displayId(id)} was not updated: ${displayId(blockedBy)} failed`) });
        continue;
      }
      // Every instance of the module about to be replaced: its callbacks in parallel, awaited.
      old.set(id, record.live.splice(0));
      await Promise.all(old.get(id).map((instance) => disposeInstance(instance)));
      try {
        const loadStart = performance.now();
        let instance = await loadInstance(record, `t=${timestamp}`);
        timings.load += performance.now() - loadStart;
        if (await reviveImports(instance, timestamp)) {
          // It ran against modules pruned before: run it again against their fresh instances.
          record.live.splice(record.live.indexOf(instance), 1);
          await disposeInstance(instance);
          instance = await loadInstance(record, `t=${timestamp}&again`);
        }
        const previous = accepting.get(id);
        record.current = instance;
        setImports(record, instance.info.imports ?? []);
        // accept(cb) alone: the callback takes the new module, importers keep the old one.
        record.patches = !previous.selfCallbacks.length || previous.plainAccept;
        if (record.patches) await patch(record, instance.ns);
        loaded.set(id, instance.ns);
      } catch (error) {
        const added = addedExportFor(error);
        if (added) {
          return fullReload(
            `${displayId(id)} imports "${added.name}", which ${displayId(added.id)} did not export when the page loaded`,
            id,
          );
        }
        failures.push({ id, error });
        reportError(id, error);
      }
    }

    // Callbacks of the instances that accepted, with the new modules.
    const callbackStart = performance.now();
    for (const b of boundaries) {
      if (b.via === null) {
        for (const cb of accepting.get(b.id).selfCallbacks) await callSafely(cb, loaded.get(b.id), b.id);
      }
    }
    const called = new Set();
    for (const b of boundaries) {
      if (b.via === null) continue;
      for (const entry of records.get(b.id).current.depCallbacks) {
        if (called.has(entry) || !entry.ids.some((x) => canonical(x) === b.via)) continue;
        called.add(entry);
        const modules = entry.ids.map((dep) => loaded.get(canonical(dep)));
        await callSafely(entry.cb, entry.single ? modules[0] : modules, b.id);
      }
    }

    timings.callbacks = performance.now() - callbackStart;
    if (current.invalidated.size) {
      // Modules that gave up accepting: their importers are re-run now.
      for (const [id, message] of current.invalidated) {
        const result = propagate(id, { skipSelf: true });
        if (result.deadEnd) return fullReload(chainMessage(result.deadEnd), id, message);
      }
      const again = { ids: new Set(current.invalidated.keys()), timestamp: timestamp + 1, invalidated: current.invalidated };
      current = null;
      const result = await runUpdate(again);
      if (result.status !== "updated") return result;
    }

    await pruneUnimported();
    // Replaced instances keep nothing of the page alive: their callbacks go.
    for (const [id, instances] of old) {
      const record = records.get(id);
      for (const instance of instances) {
        if (instance === record.current || record.live.includes(instance)) continue;
        instance.pruners = [];
        instance.selfCallbacks = [];
        instance.depCallbacks = [];
      }
    }
  } finally {
    current = null;
  }
  emit("afterUpdate", { type: "update", updates });
  if (failures.length) return { status: "error", errors: failures, updates, timings };
  return { status: "updated", updates, timings };
}

// A module failed to link because it imports an export added by an update:
// only a reload can link it (every browser's message names the binding).
function addedExportFor(error) {
  if (!(error instanceof SyntaxError)) return null;
  for (const record of records.values()) {
    for (const name of record.addedExports ?? []) {
      const quoted = [`'${name}'`, `"${name}"`, `: ${name}`];
      if (quoted.some((q) => error.message.includes(q))) return { id: record.id, name };
    }
  }
  return null;
}

// Imports a new instance of a module: `<url>?<query>`.
async function loadInstance(record, query) {
  // A timestamp used before would give back the cached instance: make it unique.
  if (record.queries?.has(query)) query += `&n=${record.serials}`;
  (record.queries ??= new Set()).add(query);
  if (record.queries.size > 8) record.queries.delete(record.queries.values().next().value);
  const before = record.serials;
  const ns = await import(`${record.url}?${query}`);
  const instance = record.serials > before ? record.loading : null;
  if (!instance) throw new Error(`${record.url}?${query} did not run: was it compiled by hmrc --dev?`);
  instance.ns = ns;
  return instance;
}

// A module pruned earlier and imported again: the loader still has its first
// instance, disposed, so a fresh one is loaded and patched in. Returns
// whether any was.
async function reviveImports(instance, timestamp) {
  let revived = false;
  for (const dep of instance.info.imports ?? []) {
    const record = records.get(canonical(dep));
    if (!record?.pruned) continue;
    revived = true;
    const fresh = await loadInstance(record, `t=${timestamp}&revived`);
    await reviveImports(fresh, timestamp);
    await patch(record, fresh.ns);
  }
  return revived;
}

async function callSafely(cb, arg, id) {
  try {
    await cb(arg);
  } catch (error) {
    reportError(id, error);
  }
}

// Copies the new instance's exports into the first instance's bindings.
// Exports the new version dropped become undefined; new ones cannot be
// linked by modules loaded before (a limit of native modules: warned).
async function patch(record, ns) {
  const stable = record.stable;
  if (stable === record.current && stable.ns === ns) return;
  const names = Object.keys(ns);
  for (const name of names) setStable(record, name, ns[name]);
  let before = [];
  try {
    before = Object.keys(await import(record.url));
  } catch {
    // The first instance failed to load: nothing links to it.
  }
  for (const name of before) {
    if (!names.includes(name)) setStable(record, name, undefined);
  }
  const added = names.filter((n) => !before.includes(n));
  record.addedExports = added;
  if (added.length) {
    hooks.log.warn(
      `[hmrc] ${displayId(record.id)} now exports ${added.join(", ")}: modules loaded before link to its first version and cannot import ${added.length > 1 ? "them" : "it"} until the page reloads`,
    );
  }
}

async function disposeInstance(instance) {
  const { disposers } = instance;
  instance.disposers = [];
  removeListenersOf(instance);
  await Promise.all(
    disposers.map(async (cb) => {
      try {
        await cb(instance.record.data);
      } catch (error) {
        reportError(instance.record.id, error);
      }
    }),
  );
}

// After an update: modules no module imports any more, and that had
// importers before, are pruned, and then what only they imported.
async function pruneUnimported() {
  const candidates = [];
  for (const record of records.values()) {
    if (record.pruned || !everImported.has(record.id)) continue;
    if ((importers.get(record.id)?.size ?? 0) === 0) candidates.push(record);
  }
  if (!candidates.length) return;
  const pruned = [];
  const queueList = [...candidates];
  while (queueList.length) {
    const record = queueList.shift();
    if (record.pruned) continue;
    record.pruned = true;
    pruned.push(record);
    const deps = record.imports;
    setImports(record, []);
    for (const dep of deps) {
      const d = records.get(dep);
      if (d && !d.pruned && (importers.get(dep)?.size ?? 0) === 0) queueList.push(d);
    }
  }
  emit("beforePrune", { type: "prune", paths: pruned.map((r) => r.id) });
  for (const record of pruned) {
    const instances = record.live.splice(0);
    await Promise.all(instances.map((i) => disposeInstance(i)));
    for (const instance of instances) {
      for (const cb of instance.pruners.splice(0)) await callSafely(cb, record.data, record.id);
    }
    record.data = {};
  }
}

function reportError(id, error) {
  const err = {
    message: error?.message ?? String(error),
    stack: error?.stack ?? "",
    id,
  };
  hooks.log.error(`[hmrc] update of ${displayId(id)} failed:`, error);
  emit("error", { type: "error", err });
}

function fullReload(reason, path, extra) {
  reloading = true;
  const message = extra ? `${reason} (${extra})` : reason;
  emit("beforeFullReload", { type: "full-reload", path, reason: message });
  hooks.log.warn(`[hmrc] full reload: ${message}`);
  try {
    hooks.storage?.setItem(RELOAD_KEY, message);
  } catch {
    // Storage full or denied: the warning above is all that is left.
  }
  send({ type: "reload-reason", message });
  hooks.reload(message);
  return { status: "reload", reason: message };
}

/** Decides a full reload now (the server asked, or the page's files changed). */
export function reload(reason) {
  if (reloading) return { status: "reload", reason };
  return fullReload(reason);
}

/**
 * Handles one server -> page message of the WebSocket protocol
 * (docs/hmr-design.md); the browser client passes every message here.
 */
export function handleMessage(message) {
  switch (message?.type) {
    case "update":
      return applyUpdate(message.modules ?? [], { timestamp: message.timestamp });
    case "full-reload":
      return Promise.resolve(reload(message.reason ?? "the server asked for a full reload"));
    case "custom":
      emit(message.event, message.data);
      return Promise.resolve({ status: "event" });
    case "error":
      for (const e of message.errors ?? []) {
        emit("error", {
          type: "error",
          err: {
            message: e.message,
            stack: "",
            id: e.file,
            frame: e.frame,
            loc: { file: e.file, line: e.line, column: e.column },
            code: e.code,
          },
        });
      }
      return Promise.resolve({ status: "error" });
    default:
      return Promise.resolve({ status: "ignored" });
  }
}

/** The reason of the full reload decided before this page load, once. */
export function takeReloadReason() {
  try {
    const reason = hooks.storage?.getItem(RELOAD_KEY) ?? null;
    if (reason !== null) hooks.storage.removeItem(RELOAD_KEY);
    return reason;
  } catch {
    return null;
  }
}

/** Counts of what the registry holds, for leak tests and debugging. */
export function inspect() {
  let live = 0;
  let disposers = 0;
  let pruners = 0;
  let callbacks = 0;
  for (const record of records.values()) {
    live += record.live.length;
    for (const i of record.live) {
      disposers += i.disposers.length;
      pruners += i.pruners.length;
    }
    callbacks += record.current.selfCallbacks.length + record.current.depCallbacks.length;
  }
  let listenerCount = 0;
  for (const list of listeners.values()) listenerCount += list.length;
  return {
    modules: records.size,
    liveInstances: live,
    disposers,
    pruners,
    acceptCallbacks: callbacks,
    listeners: listenerCount,
    updates: updateCount,
    reloading,
  };
}

const previousReason = takeReloadReason();
if (previousReason !== null) console.warn(`[hmrc] the page was reloaded: ${previousReason}`);
