// Real decorator code against the real packages (devDependencies): MobX 6
// with TC39 decorators (`@observable accessor`, `@computed`, `@action`) and
// with experimentalDecorators (makeObservable), class-validator with
// reflect-metadata and emitDecoratorMetadata. Each is compiled by hmrc --prod
// under its tsconfig and run in Node; the expected output is what tsc's
// output prints (checked with tools/compare-ts; esbuild 0.28 prints the same
// for mobx-legacy, emits no metadata for class-validator, and its es2022
// output of mobx-standard runs the autorun only once).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hmrc, repoRoot } from "./helpers.mjs";

// Outputs go below the repository, so that `import "mobx"` finds node_modules.
const out = path.join(repoRoot, "build", "decorator-packages");

const cases = {
  "mobx-standard": {
    options: { target: "es2022" },
    prints: [
      "remaining: 0 of 0", "remaining: 1 of 1", "remaining: 2 of 2", "remaining: 1 of 2",
      "remaining: 0 of 2", "remaining: 1 of 2", '[["a",true],["b",false]]',
    ],
  },
  "mobx-legacy": {
    options: { experimentalDecorators: true, target: "es2022" },
    prints: ["count=0 double=0", "count=1 double=2", "count=6 double=12"],
  },
  "class-validator": {
    options: { experimentalDecorators: true, emitDecoratorMetadata: true, target: "es2022" },
    prints: ["0 ", "4 name:isLength age:min email:isEmail address:>city:isLength", "Repo,String"],
  },
};

for (const [name, { options, prints }] of Object.entries(cases)) {
  test(`${name}: runs as tsc's output does`, () => {
    mkdirSync(out, { recursive: true });
    const tsconfig = path.join(out, `${name}.tsconfig.json`);
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: options }));
    const output = path.join(out, `${name}.mjs`);
    const input = path.join(repoRoot, "tests/node/decorators", `${name}.ts`);
    const r = hmrc(["--prod", "--tsconfig", tsconfig, input, "-o", output]);
    assert.equal(r.status, 0, r.stderr);
    const run = spawnSync(process.execPath, [output], { encoding: "utf8" });
    assert.equal(run.stderr, "");
    assert.deepEqual(run.stdout.replace(/\n$/, "").split("\n"), prints);
  });
}
