// End to end: apps importing real npm packages (pinned in package.json) and
// crafted ones under the real `hmrc serve`, in headless Chromium. Packages
// are symlinked into the app's node_modules as pnpm lays them out; crafted
// packages are written per interop case.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startServer, writeTree } from "../node/server-helpers.mjs";
import { serveApp } from "./browser.mjs";

const real = ["react", "react-dom", "scheduler", "lodash", "lodash-es", "nanoid", "preact", "zustand"];

const json = (o) => JSON.stringify(o);
// Crafted packages, one per interop case.
const crafted = {
  // CommonJS with __esModule and a default (Babel/TypeScript output).
  "node_modules/cjs-esmodule/package.json": json({ name: "cjs-esmodule", version: "1.0.0", main: "index.js" }),
  "node_modules/cjs-esmodule/index.js": `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = function greet(n) { return "hi " + n; };
exports.named = 42;`,
  // module.exports = function, with properties; Object.defineProperty exports.
  "node_modules/cjs-fn/package.json": json({ name: "cjs-fn", version: "1.0.0" }),
  "node_modules/cjs-fn/index.js": `function fn() { return "fn"; }
fn.extra = "extra";
module.exports = fn;`,
  "node_modules/cjs-define/package.json": json({ name: "cjs-define", version: "1.0.0" }),
  "node_modules/cjs-define/index.js": `Object.defineProperty(exports, "answer", { enumerable: true, get: function () { return 41 + 1; } });
exports["odd-name"] = "odd";
var a = 1, b = 2;
module.exports.sum = a + b;`,
  // module.exports = require("./impl"), NODE_ENV branches, a cycle, global, process.browser.
  "node_modules/cjs-reexport/package.json": json({ name: "cjs-reexport", version: "1.0.0" }),
  "node_modules/cjs-reexport/index.js": `if (process.env.NODE_ENV === "production") { module.exports = require("./prod.js"); } else { module.exports = require("./dev.js"); }`,
  "node_modules/cjs-reexport/prod.js": `throw new Error("the production build must not be bundled");`,
  "node_modules/cjs-reexport/dev.js": `var cycle = require("./cycle-a.js");
exports.mode = process.env.NODE_ENV;
exports.cycle = cycle.value;
exports.hasGlobal = global === globalThis;
exports.browser = process.browser;
exports.shared = require("shared-state");`,
  "node_modules/cjs-reexport/cycle-a.js": `exports.early = "a-early"; var b = require("./cycle-b.js"); exports.value = "a+" + b.seen;`,
  "node_modules/cjs-reexport/cycle-b.js": `var a = require("./cycle-a.js"); exports.seen = a.early + "/" + String(a.value);`,
  // One instance: imported by the app and required by cjs-reexport.
  "node_modules/shared-state/package.json": json({ name: "shared-state", version: "1.0.0", main: "index.js" }),
  "node_modules/shared-state/index.js": `module.exports = { count: 0 };`,
  // An ES module package with exports conditions, export * and live bindings.
  "node_modules/esm-pkg/package.json": json({
    name: "esm-pkg", version: "1.0.0", type: "module",
    exports: { ".": { browser: "./browser.js", node: "./node.js", default: "./node.js" }, "./utils/*": "./lib/*.js" },
  }),
  "node_modules/esm-pkg/browser.js": `export * from "./lib/counter.js";\nexport { default as label } from "./lib/label.js";\nexport default "esm-default";`,
  "node_modules/esm-pkg/node.js": `export default "node build";`,
  "node_modules/esm-pkg/lib/counter.js": `export let count = 0;\nexport function increment() { count++; }`,
  "node_modules/esm-pkg/lib/label.js": `import { count } from "./counter.js";\nexport default function label() { return "count=" + count; }`,
  "node_modules/esm-pkg/lib/x.js": `export const x = "subpath pattern";`,
};

const app = {
  "index.html": `<!doctype html><html><body><div id="root"></div><p id="out"></p><script type="module" src="/src/main.tsx"></script></body></html>`,
  "src/main.tsx": `import React, { useState } from "react";
import { createRoot } from "react-dom/client";
import _, { chunk } from "lodash";
import { camelCase } from "lodash-es";
import { nanoid } from "nanoid";
import { h, render } from "preact";
import { createStore } from "zustand/vanilla";
import greet, { named } from "cjs-esmodule";
import fn from "cjs-fn";
import * as defined from "cjs-define";
import reexport, { mode, cycle } from "cjs-reexport";
import shared from "shared-state";
import esmDefault, { count, increment, label } from "esm-pkg";
import { x } from "esm-pkg/utils/x";

function Counter() {
  const [n, setN] = useState(0);
  return <button id="inc" onClick={() => setN(n + 1)}>count {n}</button>;
}
createRoot(document.getElementById("root")!).render(<Counter />);
const preactRoot = document.createElement("div");
preactRoot.id = "preact";
document.body.append(preactRoot);
render(h("span", null, "preact ok"), preactRoot);

increment();
shared.count++;
const store = createStore(() => ({ n: 7 }));
(window as any).results = {
  lodashDefault: _.camelCase("hello world"),
  lodashNamed: JSON.stringify(chunk([1, 2, 3, 4], 2)),
  lodashEs: camelCase("foo bar"),
  nanoid: nanoid().length,
  zustand: store.getState().n,
  esModuleDefault: greet("bob"),
  esModuleNamed: named,
  fnDefault: fn(),
  fnExtra: (fn as any).extra,
  defined: [defined.answer, (defined as any)["odd-name"], defined.sum, typeof (defined as any).default].join(","),
  mode,
  cycle,
  reexportDefault: reexport.mode,
  hasGlobal: reexport.hasGlobal,
  browser: reexport.browser,
  sharedSame: reexport.shared === shared && reexport.shared.count === 1,
  esmDefault,
  esmLive: count,
  esmLabel: label(),
  pattern: x,
  dynamic: await import("lodash-es").then((m) => typeof m.debounce),
};
`,
};

describe("npm packages in Chromium", () => {
  let served, server, context, dir;

  before(async () => {
    served = await serveApp({ prefix: "npm", packages: real, files: { ...crafted, ...app } });
    ({ server, context, dir } = served);
  });
  after(() => served?.close());

  async function open(url = server.url + "/") {
    const page = await context.newPage();
    page.logs = [];
    page.on("console", (m) => page.logs.push(m.text()));
    page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
    page.requests = [];
    page.on("request", (r) => page.requests.push(r.url()));
    await page.goto(url);
    return page;
  }

  test("React 19 counter, lodash, lodash-es, nanoid, preact, zustand and every interop case", async () => {
    const page = await open();
    await page.waitForFunction(() => window.results, null, { timeout: 20000 }).catch(() => {
      throw new Error("no results: " + page.logs.join("\n") + "\n" + server.lines.join("\n") + server.errors);
    });
    await page.waitForSelector("#inc");
    for (let i = 0; i < 3; i++) await page.click("#inc");
    assert.equal(await page.locator("#inc").textContent(), "count 3");
    assert.equal(await page.locator("#preact").textContent(), "preact ok");
    const r = await page.evaluate(() => window.results);
    assert.deepEqual(r, {
      lodashDefault: "helloWorld",
      lodashNamed: "[[1,2],[3,4]]",
      lodashEs: "fooBar",
      nanoid: 21,
      zustand: 7,
      esModuleDefault: "hi bob",
      esModuleNamed: 42,
      fnDefault: "fn",
      fnExtra: "extra",
      defined: "42,odd,3,object",
      mode: "development",
      cycle: "a+a-early/undefined",
      reexportDefault: "development",
      hasGlobal: true,
      browser: true,
      sharedSame: true,
      esmDefault: "esm-default",
      esmLive: 1,
      esmLabel: "count=1",
      pattern: "subpath pattern",
      dynamic: "function",
    });
    // One instance of react: react-dom's bundles import it, never inline it.
    const reactBundles = page.requests.filter((u) => /\/@deps\/react@[^/]+\/index\.js/.test(u));
    assert.equal(reactBundles.length, 1, page.requests.join("\n"));
    const jsxRuntime = await (await fetch(page.requests.find((u) => /react@[^/]+\/jsx-dev-runtime\.js/.test(u)))).text();
    assert.ok(!jsxRuntime.includes("cjs/react.development.js"), "the JSX runtime must not inline react");
    const domClient = await (await fetch(page.requests.find((u) => /react-dom@[^/]+\/client\.js/.test(u)))).text();
    assert.ok(!domClient.includes("react.development.js"), "react-dom/client must not inline react");
    assert.match(domClient, /import \* as __hmrc_x\d+ from "\/@deps\/react@19\.3\.1\/index\.js"/);
    assert.ok(!page.logs.some((l) => /pageerror|Failed to resolve/.test(l)), page.logs.join("\n"));
    await page.close();
  });

  test("a warm load takes every bundle from the browser cache", async () => {
    const page = await open();
    await page.waitForFunction(() => window.results, null, { timeout: 20000 });
    const deps = page.requests.filter((u) => u.includes("/@deps/"));
    assert.ok(deps.length >= 8);
    const res = await fetch(deps[0]);
    assert.match(res.headers.get("cache-control"), /immutable/);
    await page.close();
  });

  test("the disk cache: a restart reads the bundles; --force bundles again", async () => {
    const cache = path.join(dir, "node_modules/.hmrc");
    assert.ok(existsSync(cache));
    const folders = readdirSync(cache).filter((f) => f.startsWith("deps-"));
    assert.equal(folders.length, 1);
    assert.ok(readdirSync(path.join(cache, folders[0])).some((f) => f.endsWith(".js")));
    await server.stop();
    server = served.server = await startServer({}, { dir });
    let page = await open();
    await page.waitForFunction(() => window.results, null, { timeout: 20000 });
    assert.ok(!server.lines.some((l) => /^deps: bundled/.test(l)), server.lines.join("\n"));
    await page.close();
    await server.stop();
    server = served.server = await startServer({}, { dir, args: ["--force"] });
    page = await open();
    await page.waitForFunction(() => window.results, null, { timeout: 20000 });
    assert.ok(server.lines.some((l) => /^deps: bundled react@19\.3\.1\/index\.js/.test(l)), server.lines.join("\n"));
    await page.close();
  });

  test("an edit that imports a new package adds it to the page's import map without a reload", async () => {
    writeTree(dir, {
      "late.html": `<!doctype html><html><body><p id="late">none</p><script type="module" src="/src/late.ts"></script></body></html>`,
      "src/late.ts": `import { camelCase } from "lodash-es";\ndocument.getElementById("late")!.textContent = camelCase("first version");\nimport.meta.hot?.accept();\n`,
      "node_modules/late-pkg/package.json": json({ name: "late-pkg", version: "1.0.0", main: "index.js" }),
      "node_modules/late-pkg/index.js": `exports.shout = function (s) { return s.toUpperCase() + "!"; };`,
    });
    const page = await open(server.url + "/late.html");
    await page.waitForFunction(() => document.getElementById("late")?.textContent === "firstVersion");
    await page.evaluate(() => (window.__same = true));
    writeTree(dir, {
      "src/late.ts": `import { camelCase } from "lodash-es";\nimport { shout } from "late-pkg";\ndocument.getElementById("late")!.textContent = shout(camelCase("second version"));\nimport.meta.hot?.accept();\n`,
    });
    await page.waitForFunction(() => document.getElementById("late")?.textContent === "SECONDVERSION!", null, { timeout: 10000 });
    assert.equal(await page.evaluate(() => window.__same), true, "the page must not reload");
    await server.waitForLine(/^deps: bundled late-pkg@1\.0\.0\/index\.js/);
    await server.waitForLine(/^hmr update src\/late\.ts/);
    await page.close();
  });

  test("a missing package is named on the overlay and the terminal, then works once installed", async () => {
    writeTree(dir, {
      "missing.html": `<!doctype html><html><body><p id="m"></p><script type="module" src="/src/missing.ts"></script></body></html>`,
      "src/missing.ts": `// uses a package not installed yet\n\nimport leftPad from "left-pad-hmrc";\ndocument.getElementById("m")!.textContent = leftPad("7", 3, "0");\n`,
    });
    const page = await open(server.url + "/missing.html");
    const until = Date.now() + 10000;
    while (!server.errors.includes("DEP001") && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.match(server.errors, /src\/missing\.ts:3: error: "left-pad-hmrc" not found from src\/missing\.ts:3 \(no node_modules\/left-pad-hmrc above it; run npm install\?\) \[DEP001\]/);
    await page.waitForFunction(() => {
      const o = document.querySelector("hmrc-error-overlay");
      return o && (o.shadowRoot?.textContent ?? o.textContent).includes("left-pad-hmrc");
    }, null, { timeout: 10000 });
    // npm install, as a copy.
    const pkg = mkdtempSync(path.join(tmpdir(), "hmrc-left-pad-"));
    writeTree(pkg, {
      "package.json": json({ name: "left-pad-hmrc", version: "1.0.0", main: "index.js" }),
      "index.js": `module.exports = function leftPad(s, n, c) { s = String(s); while (s.length < n) s = c + s; return s; };`,
    });
    cpSync(pkg, path.join(dir, "node_modules/left-pad-hmrc"), { recursive: true });
    await page.reload();
    await page.waitForFunction(() => document.getElementById("m")?.textContent === "007", null, { timeout: 10000 });
    await page.close();
  });
});
