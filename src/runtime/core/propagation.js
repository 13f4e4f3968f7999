// Deciding what an update re-runs: from each changed module up its importers
// to the modules that accept it (the boundaries), or to a module nobody
// accepts (a full reload); and the order to re-run them in.
import { displayId } from "./hooks.js";
import { importers, records } from "./registry.js";

// Walks up from a changed module to the modules that accept it. Returns the
// boundaries, or the chain that reached a module nobody accepts.
export function propagate(changedId, { skipSelf = false } = {}) {
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

export function chainMessage(chain) {
  if (chain.length === 1) return `Module "${displayId(chain[0])}" is not accepted and no module imports it`;
  let message = `Module "${displayId(chain[0])}" is not accepted by ${displayId(chain[1])}`;
  for (const id of chain.slice(2)) message += `, imported by "${displayId(id)}"`;
  return message;
}

// Dependencies first, so that a module re-run in this update imports stable
// URLs whose bindings already hold the new exports. In a cycle the changed
// module goes first: its imports of the modules above it are not followed.
export function dependencyOrder(ids, changed) {
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
