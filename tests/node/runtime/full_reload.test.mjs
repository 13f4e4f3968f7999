// With no boundary, a full reload is decided: the exact chain, no new code
// evaluated, the reason kept for after the reload. A decided reload is final
// for the page, so this file has a process of its own.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { host, Project, runtime, runtimeUrl, takeTrace } from "./harness.mjs";

test("no boundary: beforeFullReload, the chain message, and no new code is evaluated", async () => {
  const p = new Project({
    "src/c.js": `trace.push("c v1");\nexport const c = 1;\n`,
    "src/b.js": `import { c } from "./c.js";\nexport const b = c;\n`,
    "src/index.js": `import { b } from "./b.js";\nimport.meta.hot.on("bun:beforeFullReload", (e) => trace.push(["bun", e.reason]));\nimport.meta.hot.on("vite:beforeFullReload", (e) => trace.push(["vite", e.reason]));\n`,
  });
  await p.import("src/index.js");
  takeTrace();
  const result = await p.update({
    "src/c.js": `trace.push("c v2 evaluated");\nexport const c = 2;\n`,
    "src/b.js": `trace.push("b v2 evaluated");\nimport { c } from "./c.js";\nexport const b = c;\n`,
  });
  const chain = `Module "${p.name}/src/c.js" is not accepted by ${p.name}/src/b.js, imported by "${p.name}/src/index.js"`;
  assert.equal(result.status, "reload");
  assert.equal(result.reason, chain);
  assert.deepEqual(takeTrace(), [["bun", chain], ["vite", chain]]);
  assert.deepEqual(host.reloads, [chain]);
  assert.ok(host.warnings.includes(`[hmrc] full reload: ${chain}`), host.warnings.join("\n"));
  assert.equal(host.storage.get("hmrc:full-reload-reason"), chain);
  assert.deepEqual(host.sent.at(-1), { type: "reload-reason", message: chain });

  // Nothing more runs once a reload is decided.
  const later = await p.update({ "src/c.js": `trace.push("c v3 evaluated");\nexport const c = 3;\nimport.meta.hot.accept();\n` });
  assert.equal(later.status, "reload");
  assert.deepEqual(takeTrace(), []);
  assert.equal(host.reloads.length, 1);
});

test("after the reload, the reason is shown again", () => {
  const reason = `Module "src/c.ts" is not accepted by src/b.ts, imported by "src/index.ts"`;
  const script = `
    const store = new Map([["hmrc:full-reload-reason", ${JSON.stringify(reason)}]]);
    globalThis.sessionStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v), removeItem: (k) => store.delete(k) };
    const rt = await import(${JSON.stringify(runtimeUrl)} + "?fresh");
    console.log("left:", store.size, rt.takeReloadReason());
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr.trim(), `[hmrc] the page was reloaded: ${reason}`);
  assert.equal(r.stdout.trim(), "left: 0 null");
});

test("the server's full-reload message and the reload hook", async () => {
  // Already reloading: a second decision is not made.
  const r = await runtime.handleMessage({ type: "full-reload", reason: "index.html changed" });
  assert.equal(r.status, "reload");
  assert.equal(host.reloads.length, 1);
});
