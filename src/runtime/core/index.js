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

// The runtime is written as the modules of this folder and concatenated at
// build time into the one runtime.js the binary embeds (bundle.py): a page
// loads it in one request. This module is its public interface.
import { applyUpdate, updateCount } from "./apply.js";
import { emit, listen, listeners } from "./events.js";
import { configure } from "./hooks.js";
import { handleMessage } from "./messages.js";
import { createHotContext, records } from "./registry.js";
import { reload, reloading, takeReloadReason } from "./reload.js";

export { applyUpdate, configure, createHotContext, emit, handleMessage, listen, reload, takeReloadReason };

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
