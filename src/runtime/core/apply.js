// Applying an update: the modules to re-run are disposed, imported anew
// (`<url>?t=N`), their exports copied into the first instance's bindings,
// and the accept callbacks called; then modules nobody imports any more are
// pruned. One update at a time, in order.
import { callSafely, emit, removeListenersOf, reportError } from "./events.js";
import { displayId, hooks, send, stripQuery } from "./hooks.js";
import { chainMessage, dependencyOrder, propagate } from "./propagation.js";
import { canonical, everImported, importers, records, setImports, setStable } from "./registry.js";
import { importersToRefresh, judgeRefreshBoundaries, performRefresh, refreshProblem } from "./refresh.js";
import { fullReload, reloading } from "./reload.js";

let queue = Promise.resolve();
let pendingBatch = null;
export let updateCount = 0;

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

export function invalidate(instance, message) {
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

// Long on purpose: its steps (propagate, re-run in dependency order, call
// back, re-run what invalidated itself, prune) share the update's state and
// one try/finally that ends it; split, they would hand five maps around.
async function runUpdate(batch) {
  if (reloading) return { status: "reload", reason: "a full reload was already decided" };
  const changed = [...batch.ids].filter((id) => records.has(id) && !records.get(id).pruned);
  if (changed.length === 0) return { status: "ignored" };
  updateCount++;
  await judgeRefreshBoundaries();
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
        // React code that cannot be refreshed in place: its importers run again.
        // As import.meta.hot.invalidate(): the page's listeners and the terminal hear why.
        const refreshBlocked = refreshProblem(previous, instance);
        if (refreshBlocked) invalidate(instance, refreshBlocked);
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
        for (const cb of accepting.get(b.id).selfCallbacks) {
          // A callback that throws fails the update: the overlay keeps its error.
          const error = await callSafely(cb, loaded.get(b.id), b.id);
          if (error) failures.push({ id: b.id, error });
        }
      }
    }
    const called = new Set();
    for (const b of boundaries) {
      if (b.via === null) continue;
      for (const entry of records.get(b.id).current.depCallbacks) {
        if (called.has(entry) || !entry.ids.some((x) => canonical(x) === b.via)) continue;
        called.add(entry);
        const modules = entry.ids.map((dep) => loaded.get(canonical(dep)));
        const error = await callSafely(entry.cb, entry.single ? modules[0] : modules, b.id);
        if (error) failures.push({ id: b.id, error });
      }
    }

    timings.callbacks = performance.now() - callbackStart;
    if (current.invalidated.size) {
      // Modules that gave up accepting: their importers are re-run now.
      for (const [id, message] of current.invalidated) {
        const result = propagate(id, { skipSelf: true });
        if (result.deadEnd) return fullReload(chainMessage(result.deadEnd), id, message);
        // Its accept(cb) kept importers on the old exports; they re-run now
        // to take the new ones, as with Vite, so the bindings follow it.
        const record = records.get(id);
        if (!record.patches && loaded.has(id)) {
          record.patches = true;
          await patch(record, loaded.get(id));
        }
      }
      const again = { ids: new Set(current.invalidated.keys()), timestamp: timestamp + 1, invalidated: current.invalidated };
      current = null;
      const result = await runUpdate(again);
      if (result.status !== "updated") return result;
    }
    const reactImporters = importersToRefresh(rerun);
    if (reactImporters.size) {
      current = null;
      const result = await runUpdate({ ids: reactImporters, timestamp: timestamp + 2, invalidated: new Map() });
      if (result.status !== "updated") return result;
    }

    await pruneUnimported();
    // React renders once per update, after every module of it ran (the
    // importers an invalidated module handed the update to included).
    performRefresh();
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
