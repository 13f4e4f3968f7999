// The runtime's environment: how it reloads the page, talks to the server,
// keeps the reload reason across a reload and logs. The browser client
// (client.js) and tests set them with configure(); the defaults suit a page.

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

export const hooks = {
  reload: defaultReload,
  send: null,
  storage: defaultStorage(),
  log: console,
};
const pendingSends = [];

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

export function send(message) {
  if (hooks.send) hooks.send(message);
  else pendingSends.push(message);
}

// The id a module gives itself: its path below the served root, or its URL.
export function displayId(id) {
  return id.startsWith("/") ? id.slice(1) : id;
}

export function stripQuery(url) {
  const q = url.search(/[?#]/);
  return q === -1 ? url : url.slice(0, q);
}
