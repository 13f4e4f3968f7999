// Not a test: what pushing the code inside the WebSocket message would save
// (docs/server.md, "The gap to Bun, and the plan", item 1). No hmrc here: a
// node:http + ws server serves a page of native ES modules with an import map
// like hmrc's, and each update is one WS message, loaded in three ways:
//   http: import('/src/leaf.js?t=N'), the server answering from memory;
//   blob: the code is in the message, import(URL.createObjectURL(new Blob([code])));
//   data: the code is in the message, import('data:text/javascript;charset=utf-8,' + encodeURIComponent(code));
//   data-pct, data-b64: the message carries the data: URL, percent-encoded or base64 by the server.
// Variants and sizes alternate within each round. Page side: message arrival
// (performance.now() in onmessage) to the MutationObserver seeing the new text;
// node side: ws.send to the page's report arriving. Then probes of instance
// identity, import.meta.url, //# sourceURL (stack traces and the debugger's
// script URL), relative specifiers in blob/data modules, and CSP.
//   node tools/bench/update-transport-measure.mjs [rounds=150] [--pause=MS]
import http from "node:http";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { WebSocketServer } from "ws";
import { tempDir } from "../../tests/node/helpers.mjs";

const rounds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 150);
const pause = Number(process.argv.find((a) => a.startsWith("--pause="))?.slice(8) ?? 15);
const warmup = 10;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- modules ----------------------------------------------------------------
const dom = `// The page's one helper; a second instance would show in count/instance.
export let count = 0;
export const instance = Math.random().toString(36).slice(2);
export function setText(id, text) {
  count++;
  document.getElementById(id).textContent = text;
}
`;
// ~40 KB of real code: examples/app/src/view.ts with its types blanked, renamed and repeated.
const view = readFileSync(new URL("../../examples/app/src/view.ts", import.meta.url), "utf8")
  .replace(/^import .*$/gm, "")
  .replace(/^export interface \w+ \{[^}]*\}/gm, "")
  .replace(/^export /gm, "")
  .replace(/(\w+): (HTMLElement|State|Actions|KeyboardEvent|string|number)\b/g, "$1")
  .replace(/\): void \{/g, ") {")
  .replace(/= greeting;/g, "= \"hi\";");
let filler = "";
for (let i = 0; filler.length < 39 * 1024; i++) filler += view.replace(/\brender\b/g, `render${i}`) + "\n";
// The leaf pads to 1 KB with a comment, as compiled dev output carries a header.
const pad1k = (s) => s + "// " + "x".repeat(Math.max(0, 1024 - s.length - 4)) + "\n";
// A module of one update: imports the helper, writes its text, exports what the probes read.
function moduleCode(id, text, domSpecifier, sourceURL) {
  let s = `import { setText, instance, count } from ${JSON.stringify(domSpecifier)};\n`;
  if (id === "big") s += filler;
  s += `setText(${JSON.stringify(id)}, ${JSON.stringify(text)});\n`;
  s += `export const domInstance = instance;\nexport const metaUrl = import.meta.url;\n`;
  s += `export function boom() { throw new Error("boom"); }\n`;
  if (sourceURL) s += `//# sourceURL=${sourceURL}\n`;
  return id === "leaf" ? pad1k(s) : s;
}

// ---- server -----------------------------------------------------------------
const files = new Map(); // path?query -> code, the "compiled cache"
const requestAt = new Map(); // path?query -> node time the request arrived
const runtime = `import * as dom from "/src/dom.js";
import "./leaf.js";
import "./big.js";
window.__dom = dom;
let pending = null;
function settle() {
  if (!pending || pending.domAt === undefined || pending.ns === undefined) return;
  const p = pending;
  pending = null;
  ws.send(JSON.stringify({ n: p.n, messageUntilDom: p.domAt - p.t0, msgToImport: p.importAt - p.t0,
    sameInstance: p.ns.domInstance === dom.instance, count: dom.count, metaUrl: p.ns.metaUrl.slice(0, 80) }));
}
for (const id of ["leaf", "big"]) {
  const el = document.getElementById(id);
  new MutationObserver(() => {
    const t = performance.now();
    if (pending && el.textContent === pending.text) { pending.domAt = t; settle(); }
  }).observe(el, { childList: true, characterData: true, subtree: true });
}
const ws = new WebSocket("ws://" + location.host + "/ws");
ws.onopen = () => ws.send(JSON.stringify({ ready: true }));
ws.onmessage = async (e) => {
  const t0 = performance.now();
  const msg = JSON.parse(e.data);
  if (msg.probe) return ws.send(JSON.stringify({ probe: await window.__probe(msg) }));
  pending = { n: msg.n, text: msg.text, t0 };
  const p = pending;
  let ns;
  if (msg.variant === "http") ns = await import(msg.url);
  else if (msg.variant === "blob") {
    const url = URL.createObjectURL(new Blob([msg.code], { type: "text/javascript" }));
    try { ns = await import(url); } finally { URL.revokeObjectURL(url); }
  } else if (msg.variant === "data") ns = await import("data:text/javascript;charset=utf-8," + encodeURIComponent(msg.code));
  else ns = await import(msg.url); // data-pct, data-b64: the data: URL built by the server
  p.importAt = performance.now();
  p.ns = ns;
  settle();
};
// One-off checks, not timed.
window.__probe = async (msg) => {
  const load = (kind, code) => kind === "blob"
    ? import(URL.createObjectURL(new Blob([code], { type: "text/javascript" })))
    : import("data:text/javascript;charset=utf-8," + encodeURIComponent(code));
  const out = {};
  for (const kind of ["blob", "data"]) {
    const ns = await load(kind, msg.withSourceURL);
    let stack; try { ns.boom(); } catch (e) { stack = e.stack; }
    const ns2 = await load(kind, msg.withoutSourceURL);
    let stack2; try { ns2.boom(); } catch (e) { stack2 = e.stack; }
    out[kind] = { metaUrl: ns.metaUrl.slice(0, 90), sameInstance: ns.domInstance === dom.instance,
      stackWithSourceURL: stack.split("\\n").slice(0, 2).join(" | ").slice(0, 160),
      stackWithout: stack2.split("\\n").slice(0, 2).join(" | ").slice(0, 160) };
    for (const [label, spec] of [["relative", "./dom.js"], ["root-relative", "/src/dom.js"]]) {
      try { await load(kind, "import " + JSON.stringify(spec) + ";"); out[kind][label] = "loads"; }
      catch (e) { out[kind][label] = String(e).slice(0, 120); }
    }
  }
  // The module map is keyed by URL: the same data: URL twice (an edit undone) is one evaluation.
  window.__evals = 0;
  const same = "window.__evals++; export default 1; // an edit, then its undo";
  await load("data", same); await load("data", same);
  out.sameDataUrlTwice = window.__evals + " evaluation(s)";
  window.__evals = 0;
  await load("blob", same); await load("blob", same);
  out.sameCodeTwoBlobs = window.__evals + " evaluation(s)";
  return out;
};
`;
const csp = (policy) => `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}"></head><body><script type="module">
const r = {};
for (const [k, u] of [["blob", () => URL.createObjectURL(new Blob(["export default 1"], { type: "text/javascript" }))],
                      ["data", () => "data:text/javascript,export default 1"]]) {
  try { await import(u()); r[k] = "loads"; } catch (e) { r[k] = String(e).slice(0, 100); }
}
window.__csp = r;
</script></body></html>`;
const page = (port) => `<!doctype html><html><head>
<script type="importmap">{"imports":{"/src/dom.js":"/src/dom.js?v=1"}}</script>
</head><body><p id="leaf">leaf 0</p><p id="big">big 0</p>
<script type="module" src="/src/main.js"></script></body></html>`;

const server = http.createServer({ keepAliveTimeout: 60_000, noDelay: true }, (req, res) => {
  requestAt.set(req.url, performance.now());
  const send = (type, body, cache = "no-cache") => {
    res.writeHead(200, { "Content-Type": type, "Cache-Control": cache, "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  };
  if (req.url === "/") return send("text/html", page(port));
  if (req.url === "/csp-self") return send("text/html", csp("script-src 'self' 'unsafe-inline'"));
  if (req.url === "/csp-blob") return send("text/html", csp("script-src 'self' 'unsafe-inline' blob:"));
  if (req.url === "/src/main.js") return send("text/javascript", runtime);
  if (req.url === "/src/dom.js?v=1") return send("text/javascript", dom, "max-age=31536000, immutable");
  if (req.url === "/src/dom.js") return send("text/javascript", dom.replace("count = 0", "count = 1000")); // would show a second instance
  if (req.url === "/src/leaf.js") return send("text/javascript", moduleCode("leaf", "leaf 0", "./dom.js"));
  if (req.url === "/src/big.js") return send("text/javascript", moduleCode("big", "big 0", "./dom.js"));
  const code = files.get(req.url);
  if (code !== undefined) return send("text/javascript", code);
  res.writeHead(404).end();
});
server.on("connection", (s) => s.setNoDelay(true));
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const port = server.address().port;
const origin = `http://127.0.0.1:${port}`;
const wss = new WebSocketServer({ server, path: "/ws" });
let socket;
let onReport;
const ready = new Promise((resolve) =>
  wss.on("connection", (ws) => {
    ws.on("message", (data) => {
      const m = JSON.parse(data);
      if (m.ready) { socket = ws; resolve(); } else onReport?.(m, performance.now());
    });
  }),
);
const request = (msg) => new Promise((resolve) => {
  onReport = (m, at) => resolve({ m, at });
  socket.send(JSON.stringify(msg));
});

// ---- browser ----------------------------------------------------------------
const context = await chromium.launchPersistentContext(tempDir("hmrc-transport-profile-"), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const tab = await context.newPage();
const pageErrors = [];
tab.on("pageerror", (e) => pageErrors.push(String(e)));
await tab.goto(origin + "/");
await Promise.race([ready, sleep(10_000).then(() => { throw new Error(`page not ready: ${pageErrors}`); })]);

// ---- measurement ------------------------------------------------------------
const variants = ["http", "blob", "data", "data-pct", "data-b64"];
const sizes = ["leaf", "big"];
const results = {}; // "variant size" -> { page: [], node: [], toRequest: [] }
for (const v of variants) for (const s of sizes) results[`${v} ${s}`] = { page: [], node: [], toImport: [], toRequest: [] };
let n = 0;
let lastCount = 2; // leaf.js and big.js of the first load
const problems = [];
const load = process.argv.includes("--no-uptime") ? "" : readFileSync("/proc/loadavg", "utf8").trim();
for (let round = 0; round < warmup + rounds; round++) {
  // Rotate the order each round so no variant always follows another.
  const order = [];
  for (const s of sizes) for (let k = 0; k < variants.length; k++) order.push([variants[(k + round) % variants.length], s]);
  if (round % 2) order.reverse();
  for (const [variant, size] of order) {
    n++;
    const text = `${size} ${variant} ${n}`;
    const msg = { n, variant, text };
    if (variant === "http") {
      msg.url = `/src/${size}.js?t=${n}`;
      files.set(msg.url, moduleCode(size, text, "./dom.js"));
    } else {
      const code = moduleCode(size, text, `${origin}/src/dom.js`, `${origin}/src/${size}.js`);
      if (variant === "blob" || variant === "data") msg.code = code;
      else if (variant === "data-pct") msg.url = "data:text/javascript;charset=utf-8," + encodeURIComponent(code);
      else msg.url = "data:text/javascript;base64," + Buffer.from(code).toString("base64");
    }
    const start = performance.now();
    const { m, at } = await request(msg);
    if (m.n !== n) problems.push(`report for ${m.n}, expected ${n}`);
    if (!m.sameInstance) problems.push(`${variant} ${size}: another dom.js instance`);
    if (m.count !== lastCount + 1) problems.push(`${variant} ${size}: count ${m.count} after ${lastCount}`);
    lastCount = m.count;
    if (round >= warmup) {
      const r = results[`${variant} ${size}`];
      r.page.push(m.messageUntilDom);
      r.toImport.push(m.msgToImport);
      r.node.push(at - start);
      if (variant === "http") r.toRequest.push(requestAt.get(msg.url) - start);
    }
    files.delete(msg.url);
    await sleep(pause);
  }
}

const kb = (size) => (moduleCode(size, `${size} blob 1`, `${origin}/src/dom.js`, `${origin}/src/${size}.js`).length / 1024).toFixed(1);
const f = (xs) => (xs.length ? `${quantile(xs, 0.5).toFixed(2)} / ${quantile(xs, 0.95).toFixed(2)}` : "");
console.log(`Chromium ${context.browser()?.version() ?? ""}, ${rounds} updates per variant and size (+${warmup} warm-up), ${pause} ms apart; loadavg before: ${load}, after: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
console.log("| variant | module | message -> DOM, median / p95 | message -> import() resolved | node send -> report | send -> GET at server |");
console.log("|---|---|--:|--:|--:|--:|");
for (const s of sizes)
  for (const v of variants) {
    const r = results[`${v} ${s}`];
    console.log(`| ${v} | ${s} (${kb(s)} KB) | ${f(r.page)} | ${f(r.toImport)} | ${f(r.node)} | ${f(r.toRequest)} |`);
  }
console.log(`checks: ${problems.length ? problems.slice(0, 5).join("; ") : "every update saw the page's dom.js instance (count +1 each time)"}`);

// ---- probes -----------------------------------------------------------------
const cdp = await context.newCDPSession(tab);
const parsed = [];
cdp.on("Debugger.scriptParsed", (e) => parsed.push(e));
await cdp.send("Debugger.enable");
const probeMsg = {
  probe: true,
  withSourceURL: moduleCode("leaf", "leaf probe", `${origin}/src/dom.js`, `${origin}/src/leaf.js`),
  withoutSourceURL: moduleCode("leaf", "leaf probe 2", `${origin}/src/dom.js`),
};
const probe = await new Promise((resolve) => {
  onReport = (m) => resolve(m.probe);
  socket.send(JSON.stringify(probeMsg));
});
await sleep(200);
console.log("probes:", JSON.stringify(probe, null, 1));
console.log(
  "debugger scripts (url, sourceURL?):",
  JSON.stringify([...new Set(parsed.filter((e) => e.isModule).map((e) => `${e.url.replace(/\?t=\d+$/, "?t=N").slice(0, 50)} ${e.hasSourceURL}`))]),
);
for (const p of ["/csp-self", "/csp-blob"]) {
  await tab.goto(origin + p);
  await tab.waitForFunction(() => window.__csp);
  console.log(`CSP ${p}:`, JSON.stringify(await tab.evaluate(() => window.__csp)));
}
if (pageErrors.length) console.log("page errors:", pageErrors.slice(0, 5));
await context.close();
wss.close();
server.close();
