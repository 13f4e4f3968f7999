// React Fast Refresh in the page. A module compiled with React Refresh (the
// dev server's compile of React code, src/transform/refresh) ends with
// `refreshModule(import.meta.hot, RefreshRuntime)`; this file decides which of
// those modules accept their own updates and calls React once per update.
//
// The boundary rule (docs/react-refresh.md): a module that exports at least
// one component accepts itself; its other exports (constants, helpers) are
// patched into its importers' bindings like any hmrc module's, where Vite
// would give up and propagate. It still propagates to its importers when an
// update changes the names it exports or turns an export from a component
// into something else (or back), and when it exports nothing at all (an
// entry that renders the root must run again, not be refreshed).
import { hooks } from "./hooks.js";
import { importers, instanceOfContext, records } from "./registry.js";

let pendingRuntime = null; // the runtime of a refreshed module, until the update ends

/** Marks the module instance whose `import.meta.hot` this is as React code. */
export function refreshModule(hot, runtime) {
  const instance = instanceOfContext.get(hot);
  if (instance) instance.refresh = runtime;
}

// [name, isComponent] of each export, sorted by name.
function exportShape(ns, runtime) {
  return Object.keys(ns)
    .sort()
    .map((name) => [name, runtime.isLikelyComponentType(ns[name])]);
}

/**
 * Before an update propagates: every React module instance not judged yet
 * becomes a boundary when its exports include a component. Judged lazily
 * because a first instance's exports are only known once it has run.
 */
export async function judgeRefreshBoundaries() {
  for (const record of records.values()) {
    const instance = record.current;
    if (!instance?.refresh || instance.refreshJudged || record.pruned) continue;
    instance.refreshJudged = true;
    let ns = instance.ns;
    if (!ns) {
      try {
        ns = await import(record.url);
      } catch {
        continue; // the first instance failed: nothing to refresh
      }
    }
    const shape = exportShape(ns, instance.refresh);
    instance.refreshShape = shape;
    if (shape.some(([, component]) => component)) {
      instance.selfAccepted = true;
      instance.plainAccept = true; // importers' bindings follow the new exports
    }
  }
}

/**
 * A React module's new instance has run in an update: judges it for the next
 * update, and returns why this update cannot stop at it (its importers must
 * run again), or null. React refreshes when the update ends either way: the
 * new instance registered new component types.
 */
export function refreshProblem(previous, instance) {
  if (!instance.refresh) return null;
  const shape = exportShape(instance.ns, instance.refresh);
  instance.refreshShape = shape;
  instance.refreshJudged = true;
  const components = shape.some(([, component]) => component);
  if (components) {
    instance.selfAccepted = true;
    instance.plainAccept = true;
    // Its other exports are patched into importers' bindings; importers that
    // are React code run again too, so that their components render the new
    // values (importersToRefresh).
    instance.refreshMixed = shape.some(([, component]) => !component);
  }
  pendingRuntime = instance.refresh;
  // Only an update that stopped here may have to go on: otherwise the
  // module's importers run again already.
  if (!previous.selfAccepted || !previous.refreshShape) return null;
  const before = previous.refreshShape;
  const names = (s) => s.map(([name]) => name).join(",");
  if (names(before) !== names(shape)) return "React Refresh: the module's exports changed";
  for (let i = 0; i < shape.length; ++i) {
    if (shape[i][1] !== before[i][1]) {
      return `React Refresh: export "${shape[i][0]}" ${shape[i][1] ? "became" : "is no longer"} a component`;
    }
  }
  if (!components) return "React Refresh: the module exports no component";
  return null;
}

/**
 * The importers of the mixed modules (components and other exports) among
 * `ids` that are React modules accepting themselves and not re-run yet: they
 * run again so that their components read the new values when they render.
 * Other importers only get the patched bindings (no reload): what they
 * computed from the old values when they ran stays as it was.
 */
export function importersToRefresh(ids) {
  const out = new Set();
  for (const id of ids) {
    if (!records.get(id)?.current?.refreshMixed) continue;
    for (const importer of importers.get(id) ?? []) {
      const record = records.get(importer);
      if (ids.has(importer) || !record || record.pruned) continue;
      if (record.current.refresh && record.current.selfAccepted) out.add(importer);
    }
  }
  return out;
}

/** The update has run every module: React renders the new components once. */
export function performRefresh() {
  const runtime = pendingRuntime;
  pendingRuntime = null;
  if (!runtime) return;
  try {
    runtime.performReactRefresh();
  } catch (error) {
    hooks.log.error("[hmrc] React Refresh failed", error);
  }
}
