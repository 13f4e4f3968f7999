// Events: the listeners of `import.meta.hot.on` (owned by a module
// instance, removed when it is disposed) and of listen() (owned by nobody,
// e.g. the client's error overlay), and the errors of an update, reported as
// "error" events for the overlay.
import { displayId, hooks } from "./hooks.js";

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

// Built-in events are stored under their bare name; `bun:x` and `vite:x` are
// the same event, so listeners of both run in the order they were added.
export function canonicalEvent(event) {
  for (const prefix of ["bun:", "vite:"]) {
    if (event.startsWith(prefix) && EVENTS.includes(event.slice(prefix.length))) {
      return event.slice(prefix.length);
    }
  }
  return event;
}

export const listeners = new Map(); // canonical event -> [{ cb, owner: Instance | null }]

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

export function removeListenersOf(instance) {
  for (const [name, list] of listeners) {
    const kept = list.filter((l) => l.owner !== instance);
    if (kept.length) listeners.set(name, kept);
    else listeners.delete(name);
  }
}

export function reportError(id, error) {
  const err = {
    message: error?.message ?? String(error),
    stack: error?.stack ?? "",
    id,
  };
  hooks.log.error(`[hmrc] update of ${displayId(id)} failed:`, error);
  emit("error", { type: "error", err });
}

// Runs an accept, dispose or prune callback; what it throws is reported,
// and the update goes on. Returns what it threw, or null.
export async function callSafely(cb, arg, id) {
  try {
    await cb(arg);
    return null;
  } catch (error) {
    reportError(id, error);
    return error ?? new Error(String(error));
  }
}
