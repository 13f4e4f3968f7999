// hmrc browser client: connects the page to `hmrc serve` over a WebSocket
// and feeds the runtime core. `hmrc serve` injects it as the first module
// script of every HTML page. Protocol: docs/hmr-design.md.
import { configure, emit, handleMessage, listen, reload } from "/@hmrc/runtime.js";

const MIN_DELAY = 100;
const MAX_DELAY = 5000;

/** Reconnect delay for the n-th attempt in a row (0-based): doubling, capped, with jitter. */
export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(MAX_DELAY, MIN_DELAY * 2 ** Math.min(attempt, 16));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** The WebSocket URL of the dev server that served `pageUrl`. */
export function socketUrl(pageUrl) {
  const url = new URL("/@hmrc/ws", pageUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

/**
 * Starts the client. Everything it touches is passed in, so that it runs
 * under Node with the `ws` package in tests:
 *   WebSocket   the constructor
 *   url         the endpoint
 *   overlay     { show(errors), clear() }
 *   setTimeout  for reconnects
 *   describeRuntimeErrors  (optional) resolves to the text the terminal
 *               gets for an update that failed in the page
 *   loadFailed  (optional) whether the page's own modules failed to load
 * Returns { close(), send(message) }.
 */
// Packages an update imports for the first time (hmrc serve bundled them
// just now): a second import map, which browsers with multiple import maps
// (Chromium 133+) merge into the page's. Checked by resolving each entry:
// false where the browser ignored it, and the page then reloads.
function extendImportMap(imports) {
  if (typeof document === "undefined" || typeof import.meta.resolve !== "function") return false;
  const script = document.createElement("script");
  script.type = "importmap";
  script.textContent = JSON.stringify({ imports });
  document.head.append(script);
  try {
    return Object.entries(imports).every(
      ([key, url]) => import.meta.resolve(key) === new URL(url, location.href).href,
    );
  } catch {
    return false;
  }
}

// Paths of this origin whose fetch failed in this page (a dynamic import of
// a module with a compile error, or of a file not there yet): the browser
// keeps that failure in its module map for the page's life, so importing it
// again fails again, however fixed the file; only a reload loads it.
// Resource timing has each fetch's status (Chromium 109+; elsewhere nothing
// is known); an observer, since the timeline buffer keeps 250 entries.
const failedPaths = new Set();
if (typeof PerformanceObserver === "function" && typeof location !== "undefined") {
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!(entry.responseStatus >= 400)) continue;
        const url = new URL(entry.name);
        if (url.origin === location.origin) failedPaths.add(url.pathname);
      }
    }).observe({ type: "resource", buffered: true });
  } catch {
    // No resource timing here.
  }
}
const failedToLoad = (ids) => ids.some((id) => failedPaths.has(id));

export function startClient({
  WebSocket,
  url,
  overlay,
  setTimeout: later = setTimeout,
  describeRuntimeErrors,
  loadFailed,
}) {
  let socket = null;
  let attempt = 0;
  let version = null; // the version of the files this page runs
  let connectedOnce = false;
  let closed = false;
  let trace = false; // the server asked for each update's timings (hmrc serve --trace)
  const outbox = [];

  function send(message) {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify(message));
    else outbox.push(message);
  }
  configure({ send });

  function onMessage(text) {
    const received = performance.now();
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === "hello") {
      if (version !== null && message.version !== version) {
        reload("files changed while the page was disconnected from the dev server");
        return;
      }
      version = message.version;
      trace = message.trace === true;
      return;
    }
    if (message.type === "update" && failedToLoad(message.modules ?? [])) {
      reload("a module of the page had failed to load, and it changed");
      return;
    }
    if (message.type === "update" && message.importMap && !extendImportMap(message.importMap)) {
      reload("the update imports a new package and this browser cannot add to an import map");
      return;
    }
    if (message.type === "error") {
      // An empty list: the server's last error was fixed.
      if (message.errors?.length) overlay.show(message.errors);
      else overlay.clear();
    }
    const done = handleMessage(message);
    if (message.type === "update") {
      done.then((result) => {
        if (result.status === "ignored" && loadFailed?.()) {
          // The page's modules failed as it loaded, and it runs none of these:
          // load it again, now that a file changed (if an error still stands,
          // the overlay shows it again). Modules the page runs update as usual,
          // so an error the app throws early costs no state.
          reload("the page had failed to load, and a file changed");
          return;
        }
        if (result.status === "updated") overlay.clear();
        // The page runs these files only once the update is applied: if the
        // connection drops while it loads (and the load fails), the version
        // of the reconnect's hello differs, and the page reloads.
        if ((result.status === "updated" || result.status === "ignored") && message.version) version = message.version;
        // The terminal says what the page did, not only what the server
        // expected (a reload is told by the runtime as it decides it).
        if (result.status === "updated" || result.status === "error") {
          // An error is told where it was written, once its stack is mapped.
          Promise.resolve(result.status === "error" ? describeRuntimeErrors?.() : null).then((described) =>
            send({
              type: "update-result",
              status: result.status,
              boundaries: [...new Set((result.updates ?? []).map((u) => u.path))],
              reason: described || (result.errors?.map((e) => `${e.id}: ${e.error?.message ?? e.error}`).join("; ") ?? ""),
            }),
          );
        }
        if (trace && socket?.readyState === 1) {
          const { load = 0, callbacks = 0 } = result.timings ?? {};
          socket.send(JSON.stringify({ type: "trace", total: performance.now() - received, load, callbacks }));
        }
      });
    }
  }

  function connect() {
    socket = new WebSocket(url);
    let open = false;
    socket.onopen = () => {
      open = true;
      attempt = 0;
      connectedOnce = true;
      emit("ws:connect", { webSocket: socket });
      for (const message of outbox.splice(0)) socket.send(JSON.stringify(message));
    };
    socket.onmessage = (event) => onMessage(typeof event.data === "string" ? event.data : String(event.data));
    socket.onclose = () => {
      if (open) emit("ws:disconnect", { webSocket: socket });
      if (closed) return;
      later(connect, backoffDelay(attempt++));
    };
    socket.onerror = () => {
      // onclose follows and schedules the reconnect.
    };
  }

  connect();
  return {
    close() {
      closed = true;
      socket?.close();
    },
    // Sends a page -> server message (queued until the socket is open).
    send,
    get connectedOnce() {
      return connectedOnce;
    },
  };
}

// ---------------------------------------------------------------------------
// The error overlay: a shadow root, so page styles neither leak in nor out.

const OVERLAY_STYLE = `
:host { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.66);
  font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #eee; }
.box { margin: 5vh auto; max-width: 960px; max-height: 85vh; overflow: auto; background: #1e1e1e;
  border-top: 6px solid #e5484d; padding: 20px 24px; box-shadow: 0 8px 40px rgba(0,0,0,.5); }
.where { color: #8ab4f8; } .code { color: #e5484d; font-weight: bold; margin-right: .5em; }
.message { white-space: pre-wrap; margin: 6px 0 10px; color: #ffb4b4; }
pre { margin: 0 0 18px; padding: 10px; background: #111; overflow-x: auto; }
.tip { color: #999; font-size: 12px; }`;

/** Text for one error: `file:line:col`, then the message (also used by tests). */
export function describeError(e) {
  const where = e.file ? `${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ""}` : ""}` : "";
  return { where, code: e.code ?? "", message: e.message ?? "", frame: e.frame ?? "" };
}

export function domOverlay(document) {
  let host = null;
  return {
    show(errors) {
      this.clear();
      host = document.createElement("hmrc-error-overlay");
      const root = host.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent = OVERLAY_STYLE;
      const box = document.createElement("div");
      box.className = "box";
      for (const e of errors) {
        const { where, code, message, frame } = describeError(e);
        const head = document.createElement("div");
        const codeEl = document.createElement("span");
        codeEl.className = "code";
        codeEl.textContent = code;
        const whereEl = document.createElement("span");
        whereEl.className = "where";
        whereEl.textContent = where;
        head.append(codeEl, whereEl);
        const messageEl = document.createElement("div");
        messageEl.className = "message";
        messageEl.textContent = message;
        box.append(head, messageEl);
        if (frame) {
          const pre = document.createElement("pre");
          pre.textContent = frame;
          box.append(pre);
        }
      }
      const tip = document.createElement("div");
      tip.className = "tip";
      tip.textContent = "The page keeps running the last good version. Fix the file to dismiss; click to hide.";
      box.append(tip);
      root.append(style, box);
      host.addEventListener("click", () => this.clear());
      document.documentElement.append(host);
    },
    clear() {
      host?.remove();
      host = null;
    },
  };
}

// Runtime errors (an update that throws) go to the overlay too.
function errorFromEvent(payload) {
  const err = payload?.err ?? {};
  return {
    file: err.loc?.file ?? err.id,
    line: err.loc?.line,
    column: err.loc?.column,
    code: err.code,
    message: err.message,
    frame: err.frame ?? err.stack,
  };
}

// Errors thrown in the page by an update (a module's new version as it runs,
// an accept callback), kept per update; each is shown at once and again
// when its stack is mapped to the files as written (stack.js, loaded on the
// first error).
function runtimeErrorList(overlay) {
  let shown = [];
  let mapping = [];
  listen("beforeUpdate", () => {
    shown = [];
    mapping = [];
  });
  listen("error", (payload) => {
    if (payload?.err?.loc) return; // a compile error: the server located it
    const list = shown;
    const error = errorFromEvent(payload);
    list.push(error);
    overlay.show(list);
    const done = import("/@hmrc/stack.js")
      .then(({ mapStack }) =>
        mapStack(payload.err.stack, { origin: location.origin, fetchText: (u) => fetch(u).then((r) => r.text()) }),
      )
      .then(({ stack, top }) => {
        if (top) Object.assign(error, { file: top.file, line: top.line, column: top.column });
        error.frame = (top?.frame ? top.frame + "\n" : "") + stack;
        if (list === shown) overlay.show(list); // not if a later update began meanwhile
      })
      .catch(() => {});
    mapping.push(done);
  });
  return async () => {
    const list = shown;
    await Promise.all(mapping);
    return list.map((e) => `${describeError(e).where}: ${e.message}`).join("; ");
  };
}

// Whether the page's own modules failed as it loaded: a module script whose
// graph could not be fetched (a compile error answered 500, a missing file;
// the script element gets the error event, which does not bubble) or a
// module that threw as it first ran (shown on the overlay like an update's
// error). Such a page runs nothing an update could replace.
function watchFirstLoad(window, report) {
  let failed = false;
  let loading = true;
  window.addEventListener("load", () => (loading = false));
  window.addEventListener(
    "error",
    (event) => {
      if (event.target instanceof window.HTMLScriptElement) {
        failed = true;
        return;
      }
      if (!loading || !String(event.filename ?? "").startsWith(window.location.origin)) return;
      failed = true;
      const error = event.error ?? {};
      emit("error", {
        type: "error",
        err: { message: error.message ?? event.message, stack: error.stack ?? "", id: event.filename },
      });
      report();
    },
    true,
  );
  return () => failed;
}

// An uncaught error soon after an update is taken as the update's: React
// reports a component that throws while rendering its new code this way
// (reportError), after the update itself has resolved. The next update that
// applies clears it, as it clears compile errors.
const kUpdateErrorWindowMs = 3000;

function watchRenderErrors(window) {
  let lastUpdate = -Infinity;
  listen("beforeUpdate", () => (lastUpdate = performance.now()));
  listen("afterUpdate", () => (lastUpdate = performance.now()));
  window.addEventListener("error", (event) => {
    if (event.target instanceof window.HTMLScriptElement) return; // a load failure (watchFirstLoad)
    if (performance.now() - lastUpdate > kUpdateErrorWindowMs) return;
    const error = event.error ?? {};
    // After the task: React may throw inside the update, before the update
    // resolves and clears the overlay as applied.
    setTimeout(() =>
      emit("error", {
        type: "error",
        err: { message: error.message ?? event.message, stack: error.stack ?? "", id: event.filename },
      }),
    );
  });
}

if (typeof window !== "undefined" && typeof document !== "undefined" && typeof window.WebSocket === "function") {
  const overlay = domOverlay(document);
  const describeRuntimeErrors = runtimeErrorList(overlay);
  let client = null;
  // The terminal hears of a module that threw as the page loaded, mapped.
  const report = () => describeRuntimeErrors().then((reason) => client?.send({ type: "load-error", reason }));
  const loadFailed = watchFirstLoad(window, report);
  watchRenderErrors(window);
  client = startClient({ WebSocket: window.WebSocket, url: socketUrl(location.href), overlay, describeRuntimeErrors, loadFailed });
}
