// tsconfig.json: the CLI's lookup, --tsconfig, flags beating it, errors; the
// dev server's lookup and its invalidation on a tsconfig edit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { hmrc, tempDir } from "./helpers.mjs";
import { startServer, writeTree } from "./server-helpers.mjs";

const decorated = "function d(t: any, k?: any) {}\nexport class A { @d m() {} }\n";

test("the nearest tsconfig.json decides experimentalDecorators; --tsconfig overrides", () => {
  const dir = tempDir();
  writeTree(dir, {
    "tsconfig.json": '// comment\n{ "extends": "./base.json", }',
    "base.json": '{ "compilerOptions": { "experimentalDecorators": true } }',
    "src/a.ts": decorated,
    "other.json": "{}",
  });
  let r = hmrc(["--prod", "src/a.ts"], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /__hmrc_decorate\(\[d\], A\.prototype, "m", null\)/);
  r = hmrc(["--prod", "--tsconfig", "other.json", "src/a.ts"], { cwd: dir });
  assert.match(r.stdout, /__hmrc_dd\(/);  // standard decorators
  r = hmrc(["--prod", "--tsconfig=none", "src/a.ts"], { cwd: dir });
  assert.match(r.stdout, /__hmrc_dd\(/);
});

test("jsx flags given on the command line beat tsconfig.json", () => {
  const dir = tempDir();
  writeTree(dir, {
    "tsconfig.json": '{ "compilerOptions": { "jsx": "react", "jsxFactory": "h" } }',
    "a.tsx": "export const x = <div />;\n",
  });
  let r = hmrc(["--prod", "a.tsx"], { cwd: dir });
  assert.match(r.stdout, /h\("div"/);
  r = hmrc(["--prod", "--jsx-factory", "k", "a.tsx"], { cwd: dir });
  assert.match(r.stdout, /k\("div"/);
  r = hmrc(["--prod", "--jsx", "automatic", "a.tsx"], { cwd: dir });
  assert.match(r.stdout, /react\/jsx-runtime/);
});

test("a broken tsconfig is an error with file, line and column, exit 2", () => {
  const dir = tempDir();
  writeTree(dir, { "tsconfig.json": '{\n  "compilerOptions": {\n    "jsx": 3\n  }\n}\n', "a.ts": "1;\n" });
  let r = hmrc(["--prod", "a.ts"], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `${path.join(dir, "tsconfig.json")}:3:5: error: \`jsx\` must be a string [TSC003]\n`);
  writeFileSync(path.join(dir, "tsconfig.json"), '{ "extends": "@nope/base" }');
  r = hmrc(["--prod", "a.ts"], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /:1:3: error: `extends`: cannot find '@nope\/base' \[TSC002\]/);
  r = hmrc(["--prod", "--tsconfig", "missing.json", "a.ts"], { cwd: dir });
  assert.equal(r.status, 2);
});

test("the dev server compiles with the nearest tsconfig.json and notices its edits", async () => {
  const server = await startServer({
    "tsconfig.json": '{ "compilerOptions": { "experimentalDecorators": true } }',
    "src/a.ts": decorated,
    "index.html": '<script type="module" src="/src/a.ts"></script>',
  });
  try {
    let code = await (await fetch(`${server.url}/src/a.ts`)).text();
    assert.match(code, /__hmrc_decorate/);
    writeFileSync(path.join(server.dir, "tsconfig.json"), '{ "compilerOptions": {} }');
    let ok = false;
    for (let i = 0; i < 50 && !ok; i++) {
      await new Promise((r) => setTimeout(r, 100));
      code = await (await fetch(`${server.url}/src/a.ts`)).text();
      ok = /__hmrc_dd\(/.test(code);
    }
    assert.ok(ok, "recompiled with the edited tsconfig.json");
  } finally {
    await server.stop();
  }
});
