// The shipped import.meta.hot types (`hmrc runtime --types`) typecheck a file
// that uses every API, with the TypeScript compiler from npm; misuses fail.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { hmrc, repoRoot, tempDir } from "../helpers.mjs";

const tsc = path.join(repoRoot, "node_modules/.bin/tsc");

const everyApi = `
import { n } from "./dep";
export const count: number = (import.meta.hot.data.count ??= 0);

import.meta.hot.accept();
import.meta.hot.accept((mod) => { if (mod) console.log(mod.count); });
import.meta.hot.accept("./dep", (mod) => console.log(mod?.n, n));
import.meta.hot.accept(["./dep", "./other"], ([dep, other]) => console.log(dep?.n, other));
import.meta.hot.acceptExports(["count"], (mod) => console.log(mod));
import.meta.hot.dispose((data) => { data.count = count; });
import.meta.hot.dispose(async () => { await Promise.resolve(); });
import.meta.hot.prune(() => {});
import.meta.hot.decline();
import.meta.hot.invalidate();
import.meta.hot.invalidate("why");
import.meta.hot.send("my:event", { any: "thing" });

const onUpdate = (p: HmrcUpdatePayload) => p.updates.map((u) => u.path + u.acceptedPath + u.timestamp);
import.meta.hot.on("bun:beforeUpdate", onUpdate);
import.meta.hot.on("vite:beforeUpdate", onUpdate);
import.meta.hot.off("bun:beforeUpdate", onUpdate);
import.meta.hot.on("bun:afterUpdate", (p) => p.updates.length);
import.meta.hot.on("vite:beforeFullReload", (p) => p.reason?.toUpperCase());
import.meta.hot.on("bun:beforePrune", (p) => p.paths.join());
import.meta.hot.on("vite:invalidate", (p) => p.path + p.message);
import.meta.hot.on("bun:error", (p) => p.err.message + p.err.loc?.line);
import.meta.hot.on("vite:ws:connect", (p) => p.webSocket.url);
import.meta.hot.on("bun:ws:disconnect", (p) => p.webSocket.readyState);
import.meta.hot.on("my:event", (data) => data);

if (import.meta.hot) import.meta.hot.accept();
import.meta.hot?.accept();
import.meta.hot!.dispose(() => {});
`;

function check(files) {
  const dir = tempDir("hmrc-types-");
  assert.equal(hmrc(["runtime", "--types", "-o", path.join(dir, "hmrc-env.d.ts")]).status, 0);
  writeFileSync(path.join(dir, "dep.ts"), "export const n = 1;\n");
  writeFileSync(path.join(dir, "other.ts"), "export const o = 1;\n");
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const args = ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2022,dom", "hmrc-env.d.ts", "dep.ts", "other.ts", ...Object.keys(files)];
  return spawnSync(tsc, args, { cwd: dir, encoding: "utf8" });
}

test("a file using every API typechecks", () => {
  const r = check({ "main.ts": everyApi });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("misuses are type errors", () => {
  const r = check({
    "bad.ts": [
      `import.meta.hot.accept(42);`,
      `import.meta.hot.on("vite:beforePrune", (p) => p.nope);`,
      `import.meta.hot.acept();`,
      `import.meta.hot.dispose("x");`,
    ].join("\n"),
  });
  assert.notEqual(r.status, 0);
  for (const line of [1, 2, 3, 4]) assert.match(r.stdout, new RegExp(`bad\\.ts\\(${line},`), r.stdout);
});
