// hmrc's module resolver (src/resolve) against Node's own: for the pinned
// real packages in node_modules and for crafted ones (conditions, subpath
// patterns, "imports", scoped, symlinked, self-reference, nested
// node_modules), `hmrc resolve --node` must give exactly what Node's
// import.meta.resolve and require.resolve give under the same conditions,
// errors included. Then the cases where hmrc's browser mode deliberately
// differs from Node ("browser" and "module" fields, extension probing),
// with their expected files written out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hmrc, repoRoot, tempDir } from "./helpers.mjs";

function write(root, files) {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
}

// Node's answers for `specifiers` imported and required from `importer`
// under --conditions `conditions`: one node process per importer.
function nodeAnswers(importer, specifiers, conditions) {
  const probe = path.join(path.dirname(importer), `__probe_${process.pid}.mjs`);
  writeFileSync(
    probe,
    `import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { existsSync, statSync } from "node:fs";
const require = createRequire(${JSON.stringify(importer)});
const out = {};
for (const s of JSON.parse(process.argv[2])) {
  const r = {};
  try {
    const url = import.meta.resolve(s);
    if (url.startsWith("node:")) r.import = url;
    else {
      // import.meta.resolve does not check the file; import() would.
      const f = fileURLToPath(url);
      r.import = !existsSync(f) ? { error: "ERR_MODULE_NOT_FOUND" }
        : statSync(f).isDirectory() ? { error: "ERR_UNSUPPORTED_DIR_IMPORT" } : f;
    }
  } catch (e) { r.import = { error: e.code ?? String(e) }; }
  try { r.require = require.resolve(s); } catch (e) { r.require = { error: e.code ?? String(e) }; }
  out[s] = r;
}
console.log(JSON.stringify(out));
`,
  );
  // import.meta.resolve answers from the probe's folder, the importer's.
  // One flag per condition: Node takes no list.
  const args = conditions.map((c) => `--conditions=${c}`);
  const r = spawnSync(process.execPath, [...args, probe, JSON.stringify(specifiers)], { encoding: "utf8" });
  unlinkSync(probe);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function hmrcAnswer(specifier, importer, kind, conditions, node = true) {
  const args = ["resolve", "--kind", kind];
  if (node) args.push("--node");
  if (conditions.length) args.push("--conditions", conditions.join(","));
  args.push(specifier, importer);
  const r = hmrc(args);
  if (r.status === 0) return r.stdout.trim();
  const code = /hmrc resolve: (\w+):/.exec(r.stderr);
  return { error: code ? code[1] : r.stderr };
}

// Node's require.resolve throws MODULE_NOT_FOUND where its ESM says
// ERR_MODULE_NOT_FOUND; the other codes are the same.
function normalise(answer) {
  if (typeof answer === "object" && answer.error === "MODULE_NOT_FOUND")
    return { error: "ERR_MODULE_NOT_FOUND" };
  // require() of a malformed package.json throws a SyntaxError without a code.
  if (typeof answer === "object" && /Error parsing .*package\.json/.test(answer.error))
    return { error: "ERR_INVALID_PACKAGE_CONFIG" };
  return answer;
}

function compare(importer, specifiers, conditionSets) {
  let compared = 0;
  for (const conditions of conditionSets) {
    const expected = nodeAnswers(importer, specifiers, conditions);
    for (const s of specifiers) {
      for (const kind of ["import", "require"]) {
        const want = normalise(expected[s][kind]);
        const got = normalise(hmrcAnswer(s, importer, kind, conditions));
        assert.deepEqual(
          got,
          want,
          `${kind} ${JSON.stringify(s)} from ${importer} --conditions=${conditions.join(",")}`,
        );
        compared++;
      }
    }
  }
  return compared;
}

const conditionSets = [[], ["browser", "development"]];

test("real packages resolve as Node resolves them", () => {
  const importer = path.join(repoRoot, "tests/node/resolve.test.mjs");
  const specifiers = [
    "react", "react/jsx-runtime", "react/jsx-dev-runtime", "react-dom", "react-dom/client",
    "react-dom/server", "lodash", "lodash/debounce", "lodash/debounce.js", "lodash/fp",
    "lodash-es", "lodash-es/debounce.js", "nanoid", "nanoid/non-secure", "preact",
    "preact/hooks", "preact/jsx-runtime", "zustand", "zustand/middleware", "zustand/vanilla",
    "scheduler", "ws", "acorn", "typescript", "esbuild", "vite", "playwright-core",
    "react/package.json", "react/not-exported", "not-installed-pkg", "@jridgewell/trace-mapping",
    "fs", "node:path",
  ];
  const n = compare(importer, specifiers, conditionSets);
  assert.ok(n >= 120);
});

test("crafted packages: conditions, patterns, imports, scoped, symlinked, nested", () => {
  const root = realpathSync(tempDir("hmrc-resolve-"));
  write(root, {
    "package.json": {
      name: "app",
      imports: {
        "#internal": "./src/internal.js",
        "#lib/*": "./src/lib/*.js",
        "#dep": "cond-pkg",
        "#cond": { browser: "./src/b.js", default: "./src/d.js" },
      },
    },
    "src/main.js": "",
    "src/internal.js": "",
    "src/lib/a.js": "",
    "src/b.js": "",
    "src/d.js": "",
    "src/rel.js": "",
    "src/dir/index.js": "",
    "node_modules/cond-pkg/package.json": {
      name: "cond-pkg",
      version: "1.0.0",
      exports: {
        ".": {
          node: { import: "./node.mjs", require: "./node.cjs" },
          browser: "./browser.js",
          development: { import: "./dev.mjs", require: "./dev.cjs" },
          import: "./index.mjs",
          require: "./index.cjs",
          default: "./index.js",
        },
        "./utils/*": "./src/utils/*.js",
        "./utils/private/*": null,
        "./utils/*.css": "./css/*.css",
        "./feature": { import: "./f.mjs", default: "./f.js" },
        "./fallback": ["invalid:x", "./fb.js"],
        "./missing": "./nope.js",
        "./bad": "../outside.js",
        "./package.json": "./package.json",
      },
    },
    ...Object.fromEntries(
      ["node.mjs", "node.cjs", "browser.js", "dev.mjs", "dev.cjs", "index.mjs", "index.cjs", "index.js",
        "src/utils/a.js", "src/utils/deep/b.js", "src/utils/private/c.js", "css/x.css", "f.mjs", "f.js", "fb.js"]
        .map((f) => [`node_modules/cond-pkg/${f}`, ""]),
    ),
    "node_modules/@scope/pkg/package.json": { name: "@scope/pkg", exports: { ".": "./main.js", "./sub": "./sub/index.js" } },
    "node_modules/@scope/pkg/main.js": "",
    "node_modules/@scope/pkg/sub/index.js": "",
    "node_modules/no-exports/package.json": { name: "no-exports", main: "lib/main", module: "esm/index.js", browser: "browser.js" },
    "node_modules/no-exports/lib/main.js": "",
    "node_modules/no-exports/esm/index.js": "",
    "node_modules/no-exports/browser.js": "",
    "node_modules/no-exports/extra.js": "",
    "node_modules/no-exports/dir/index.js": "",
    "node_modules/no-main/index.js": "",
    "node_modules/no-main/package.json": { name: "no-main" },
    "node_modules/browser-map/package.json": {
      name: "browser-map",
      main: "./index.js",
      browser: { "./index.js": "./index.browser.js", "./server.js": false, fs: false },
    },
    "node_modules/browser-map/index.js": "",
    "node_modules/browser-map/index.browser.js": "",
    "node_modules/browser-map/server.js": "",
    "node_modules/self-ref/package.json": { name: "self-ref", exports: { ".": "./index.js", "./x": "./x.js" } },
    "node_modules/self-ref/index.js": "",
    "node_modules/self-ref/x.js": "",
    "node_modules/nested/package.json": { name: "nested", main: "index.js" },
    "node_modules/nested/index.js": "",
    "node_modules/nested/node_modules/cond-pkg/package.json": { name: "cond-pkg", version: "2.0.0", main: "v2.js" },
    "node_modules/nested/node_modules/cond-pkg/v2.js": "",
    "node_modules/malformed/package.json": "{ not json",
    "node_modules/malformed/index.js": "",
    "packages/linked/package.json": { name: "linked", exports: { ".": "./index.js" } },
    "packages/linked/index.js": "",
  });
  symlinkSync(path.join(root, "packages/linked"), path.join(root, "node_modules/linked"), "dir");

  const fromApp = [
    "cond-pkg", "cond-pkg/utils/a", "cond-pkg/utils/deep/b", "cond-pkg/utils/private/c",
    "cond-pkg/utils/x.css", "cond-pkg/feature", "cond-pkg/fallback", "cond-pkg/missing",
    "cond-pkg/bad", "cond-pkg/package.json", "cond-pkg/index.js", "cond-pkg/utils/",
    "@scope/pkg", "@scope/pkg/sub", "@scope/pkg/main.js", "@scope",
    "no-exports", "no-exports/extra", "no-exports/extra.js", "no-exports/dir", "no-main",
    "browser-map", "linked", "nested", "malformed", "#internal", "#lib/a", "#dep", "#cond",
    "#missing", "./rel.js", "./rel", "./dir", "../src/rel.js", "./nope.js",
  ];
  let n = compare(path.join(root, "src/main.js"), fromApp, conditionSets);
  // Walking up from a package with its own node_modules, and a package
  // importing itself by name.
  n += compare(path.join(root, "node_modules/nested/index.js"), ["cond-pkg", "nested"], conditionSets);
  n += compare(path.join(root, "node_modules/self-ref/index.js"), ["self-ref", "self-ref/x", "self-ref/y"], conditionSets);
  // The symlinked package is found by its real path.
  assert.equal(hmrcAnswer("linked", path.join(root, "src/main.js"), "import", []), path.join(root, "packages/linked/index.js"));
  assert.ok(n > 150);
});

test("browser mode: the \"browser\" and \"module\" fields and probing, where hmrc differs from Node on purpose", () => {
  const root = realpathSync(tempDir("hmrc-resolve-browser-"));
  write(root, {
    "src/main.js": "",
    "node_modules/no-exports/package.json": { name: "no-exports", main: "lib/main", module: "esm/index.js", browser: "browser.js" },
    "node_modules/no-exports/lib/main.js": "",
    "node_modules/no-exports/esm/index.js": "",
    "node_modules/no-exports/browser.js": "",
    "node_modules/no-exports/extra.js": "",
    "node_modules/module-only/package.json": { name: "module-only", main: "cjs.js", module: "esm.js" },
    "node_modules/module-only/cjs.js": "",
    "node_modules/module-only/esm.js": "",
    "node_modules/browser-map/package.json": {
      name: "browser-map",
      main: "./index.js",
      browser: { "./index.js": "./index.browser.js", "./server.js": false, fs: false, "./lib/util": "./lib/util-browser.js" },
    },
    "node_modules/browser-map/index.js": "",
    "node_modules/browser-map/index.browser.js": "",
    "node_modules/browser-map/server.js": "",
    "node_modules/browser-map/lib/util.js": "",
    "node_modules/browser-map/lib/util-browser.js": "",
    "node_modules/cond/package.json": { name: "cond", exports: { node: "./node.js", browser: "./browser.js", default: "./index.js" } },
    "node_modules/cond/node.js": "",
    "node_modules/cond/browser.js": "",
    "node_modules/cond/index.js": "",
  });
  const from = path.join(root, "src/main.js");
  const fromPkg = path.join(root, "node_modules/browser-map/index.js");
  const nm = path.join(root, "node_modules");
  const cases = [
    ["no-exports", from, "import", `${nm}/no-exports/browser.js`],
    ["no-exports/extra", from, "import", `${nm}/no-exports/extra.js`],
    ["module-only", from, "import", `${nm}/module-only/esm.js`],
    ["module-only", from, "require", `${nm}/module-only/esm.js`],
    ["browser-map", from, "import", `${nm}/browser-map/index.browser.js`],
    ["./server.js", fromPkg, "require", "(empty module)"],
    ["fs", fromPkg, "require", "(empty module)"],
    ["./lib/util", fromPkg, "require", `${nm}/browser-map/lib/util-browser.js`],
    ["cond", from, "import", `${nm}/cond/browser.js`],
    ["react", path.join(repoRoot, "src/x.js"), "import", realpathSync(path.join(repoRoot, "node_modules/react/index.js"))],
    ["lodash/debounce", path.join(repoRoot, "src/x.js"), "import", realpathSync(path.join(repoRoot, "node_modules/lodash/debounce.js"))],
  ];
  for (const [s, importer, kind, want] of cases)
    assert.equal(hmrcAnswer(s, importer, kind, [], false), want, `${kind} ${s} from ${importer}`);
  // Node itself takes the "node" condition and "main": the same cases differ.
  assert.equal(hmrcAnswer("cond", from, "import", [], true), `${nm}/cond/node.js`);
  assert.equal(hmrcAnswer("no-exports", from, "import", [], true), `${nm}/no-exports/lib/main.js`);
});

test("errors name what was tried", () => {
  const root = realpathSync(tempDir("hmrc-resolve-err-"));
  write(root, {
    "src/main.js": "",
    "node_modules/pkg/package.json": { name: "pkg", exports: { ".": "./index.js" } },
    "node_modules/pkg/index.js": "",
  });
  let r = hmrc(["resolve", "lodash", path.join(root, "src/main.js")]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /"lodash" not found \(no node_modules\/lodash above it; run npm install\?\)/);
  r = hmrc(["resolve", "pkg/internal", path.join(root, "src/main.js")]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED: package "pkg": subpath "\.\/internal" is not exported/);
  assert.ok(existsSync(path.join(root, "node_modules/pkg/index.js")));
  void fileURLToPath;
});
