// Full reloads: decided once (later updates are ignored), announced as
// "beforeFullReload", and their reason kept in session storage so that the
// reloaded page can say why it was reloaded.
import { emit } from "./events.js";
import { hooks, send } from "./hooks.js";

const RELOAD_KEY = "hmrc:full-reload-reason";
export let reloading = false;

export function fullReload(reason, path, extra) {
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
