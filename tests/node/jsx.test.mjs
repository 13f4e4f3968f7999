// JSX: hmrc's output builds the same element trees as esbuild's from the same
// components, with a fake react runtime that records which function built what.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { hmrc, repoRoot, tempDir } from "./helpers.mjs";

const esbuild = path.join(repoRoot, "node_modules/.bin/esbuild");
const sources = path.join(repoRoot, "tests/node/jsx");

// Elements as plain data: which function made them, type, key, props.
const fakeRuntime = `
const name = (t) => typeof t === "function" ? "fn:" + t.name : typeof t === "symbol" ? t.description : t;
const make = (via) => (type, props, key, isStatic, source, self) => ({
  via, type: name(type), key: key === undefined ? null : key, props,
  ...(via === "jsxDEV" ? { isStatic, hasSource: typeof source?.lineNumber === "number" && typeof source?.columnNumber === "number" && typeof source?.fileName === "string" } : {}),
});
export const Fragment = Symbol("Fragment");
export const jsx = make("jsx"), jsxs = make("jsxs"), jsxDEV = make("jsxDEV");
export function createElement(type, config, ...children) {
  const props = {};
  let key = null;
  for (const k in config) k === "key" ? (key = config.key) : (props[k] = config[k]);
  if (children.length === 1) props.children = children[0];
  else if (children.length > 1) props.children = children;
  return { via: "createElement", type: name(type), key: key === null ? null : String(key), props };
}
`;

function fakeReact(dir) {
  const pkg = path.join(dir, "node_modules/react");
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, "package.json"), JSON.stringify({
    name: "react", type: "module",
    exports: { ".": "./index.js", "./jsx-runtime": "./index.js", "./jsx-dev-runtime": "./index.js" },
  }));
  writeFileSync(path.join(pkg, "index.js"), fakeRuntime);
  writeFileSync(path.join(dir, "fake-classic.mjs"), `
    export const Frag = Symbol("Frag");
    export function h(type, props, ...children) { return { type: typeof type === "symbol" ? type.description : type, props, children }; }
  `);
}

function compileBoth(dir, file, dev) {
  const input = path.join(dir, file);
  const ours = path.join(dir, `${file}.${dev ? "dev" : "prod"}.hmrc.mjs`);
  const theirs = path.join(dir, `${file}.${dev ? "dev" : "prod"}.esbuild.mjs`);
  // Dev output imports the HMR runtime; Node loads the one hmrc embeds.
  const runtime = path.join(dir, "hmrc-runtime.mjs");
  if (dev) assert.equal(hmrc(["runtime", "-o", runtime]).status, 0);
  const r = hmrc([dev ? "--dev" : "--prod", input, "-o", ours, "--sourcemap=none",
    ...(dev ? ["--runtime", pathToFileURL(runtime).href] : [])]);
  assert.equal(r.status, 0, r.stderr);
  const e = spawnSync(esbuild, [input, "--jsx=automatic", ...(dev ? ["--jsx-dev"] : []), `--outfile=${theirs}`, "--log-level=error"], { encoding: "utf8" });
  assert.equal(e.status, 0, e.stderr);
  return { ours, theirs, output: readFileSync(ours, "utf8") };
}

describe("JSX against esbuild", () => {
  const dir = tempDir("hmrc-jsx-");
  fakeReact(dir);
  for (const f of ["components.jsx", "tricky.jsx", "classic.jsx"]) cpSync(path.join(sources, f), path.join(dir, f));

  for (const dev of [false, true]) {
    for (const file of ["components.jsx", "tricky.jsx", "classic.jsx"]) {
      test(`${file} ${dev ? "dev" : "prod"}: same element tree`, async () => {
        const { ours, theirs, output } = compileBoth(dir, file, dev);
        const a = (await import(pathToFileURL(ours))).render({ count: 2, id: "p" });
        const b = (await import(pathToFileURL(theirs))).render({ count: 2, id: "p" });
        assert.deepEqual(a, b);
        // Lines stay put: every line of the input is still on its line (dev
        // output adds the HMR export setter after the last one).
        const input = readFileSync(path.join(dir, file), "utf8");
        const lines = output.replace(/function __hmrc_set\(.*\n?$/, "").split("\n");
        assert.equal(lines.length, input.split("\n").length, output);
      });
    }
  }
});

describe("JSX source map", () => {
  test("every element call maps back to its tag; the moved key to itself", async () => {
    const { TraceMap, originalPositionFor } = await import("@jridgewell/trace-mapping");
    const dir = tempDir("hmrc-jsx-map-");
    const input = path.join(dir, "a.jsx");
    const source = [
      "export const A = () => (",
      "  <ul className=\"list\">",
      "    {items.map((it) => <Row key={it.id} {...it} />)}",
      "    <li>last</li>",
      "  </ul>",
      ");",
    ].join("\n");
    writeFileSync(input, source);
    const out = path.join(dir, "a.js");
    for (const mode of ["--dev", "--prod"]) {
      const r = hmrc([mode, input, "-o", out, "--sourcemap=external"]);
      assert.equal(r.status, 0, r.stderr);
      const code = readFileSync(out, "utf8");
      const map = new TraceMap(readFileSync(out + ".map", "utf8"));
      const lines = code.split("\n");
      const tags = [];
      lines.forEach((text, line) => {
        for (let at = text.indexOf("/* @__PURE__ */"); at >= 0; at = text.indexOf("/* @__PURE__ */", at + 1)) {
          tags.push(originalPositionFor(map, { line: line + 1, column: at }));
        }
      });
      const expected = [[2, 2], [3, 23], [4, 4]];
      assert.deepEqual(tags.map((p) => [p.line, p.column]), expected, code);
      for (const [line, column] of expected) assert.equal(source.split("\n")[line - 1][column], "<");
      // The key's code, moved behind the props, still maps to where it was written.
      const keyLine = lines.findIndex((l) => l.includes("it.id"));
      const key = originalPositionFor(map, { line: keyLine + 1, column: lines[keyLine].indexOf("it.id") });
      assert.deepEqual([key.line, key.column], [3, 33]);
    }
  });
});

describe("JSX flags", () => {
  const run = (args, input) => {
    const r = hmrc(["--prod", "--loader", "jsx", ...args], { input });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.replaceAll("/* @__PURE__ */ ", "");
  };
  test("--jsx=classic with --jsx-factory and --jsx-fragment", () => {
    assert.equal(run(["--jsx=classic", "--jsx-factory", "h", "--jsx-fragment", "Frag"], "<>x<b/></>"),
      'h(Frag, null,"x",h("b", null))');
  });
  test("--jsx-import-source, --jsx=preserve, and a bad --jsx is a usage error", () => {
    assert.match(run(["--jsx-import-source", "preact"], "<a/>"), /from "preact\/jsx-runtime"/);
    assert.equal(run(["--jsx=preserve"], "<a/>"), "<a/>");
    assert.equal(hmrc(["--prod", "--loader", "jsx", "--jsx=bogus"]).status, 2);  // no input: usage fails first
  });
  test("dev: jsxDEV's fileName is the input path as given", () => {
    const dir = tempDir("hmrc-jsx-dev-");
    writeFileSync(path.join(dir, "v.jsx"), "export const v = <b />;\n");
    const r = hmrc(["--dev", "v.jsx", "--sourcemap=none"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /fileName: "v\.jsx", lineNumber: 1, columnNumber: 18/);
  });
});
