// React Fast Refresh conformance: hmrc's `--react-refresh` against React's own
// Babel plugin (react-refresh/babel, with emitFullSignatures), compared by
// behaviour, not text. Both outputs are lowered the same way (esbuild: JSX to
// createElement, ESM to CommonJS, TypeScript erased) and run in a sandbox with
// a recording `$RefreshReg$` and `$RefreshSig$`; every free name (React,
// memo, styled, ...) is a recording stub. A case passes when both register
// the same values under the same ids and sign the same values with the same
// keys, forceReset flags and custom hooks.
//
//   node tools/conformance/refresh.mjs            prints the results
//   node tools/conformance/refresh.mjs --summary  rewrites refresh-summary.md
//
// A value is described by what it is, so that the two runs can be compared:
// a function by its source after lowering, with `_c2`/`_s3` handle names
// made equal; a stub's result by the call that made it (`memo(<fn ...>)`).
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(path.join(root, "package.json"));
const babel = require("@babel/core");
const refreshBabel = require("react-refresh/babel");
const esbuild = require("esbuild");

export const casesDir = path.join(root, "tests/refresh/cases");
const hmrcBin = process.env.HMRC_BIN ?? path.join(root, "build/src/cli/hmrc");

export function listCases() {
  return readdirSync(casesDir)
    .filter((f) => /\.(jsx|tsx)$/.test(f))
    .sort();
}

function reference(source, file) {
  const typescript = /\.tsx?$/.test(file);
  return babel.transformSync(source, {
    babelrc: false,
    configFile: false,
    filename: file,
    parserOpts: { plugins: file.endsWith(".ts") ? ["typescript"] : typescript ? ["jsx", "typescript"] : ["jsx"] },
    plugins: [[refreshBabel, { skipEnvCheck: true, emitFullSignatures: true }]],
  }).code;
}

function compileHmrc(source, file) {
  const r = spawnSync(
    hmrcBin,
    ["--dev", "--react-refresh", "--jsx=preserve", "--sourcemap=none", "--loader", path.extname(file).slice(1)],
    { input: source, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`hmrc failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function lower(code, file) {
  return esbuild.transformSync(code, {
    loader: path.extname(file).slice(1) === "ts" ? "ts" : file.endsWith(".tsx") ? "tsx" : "jsx",
    format: "cjs",
    jsx: "transform",
    jsxFactory: "React.createElement",
    jsxFragment: "React.Fragment",
    legalComments: "none",
  }).code;
}

// Source text that reads the same for both outputs: no spaces, comments or
// `;`, handles renamed, the dev server's names for exports undone.
function normaliseSource(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\b_[cs]\d*\b/g, "_")
    .replace(/__hmrc_default/g, "default")
    // hmrc elides `import React` from TypeScript when only JSX used it (JSX is
    // preserved for the lowering here, as tsc does for react-jsx); Babel with
    // just the TypeScript syntax keeps it, so esbuild's JSX reads it there.
    .replace(/\bimport_react\d*\.default\.(createElement|Fragment)\b/g, "React.$1")
    // ...and then esbuild numbers the other `*/react` imports one lower, and
    // names that clashed with an import only Babel's output keeps get a
    // number (`dispatch2`): esbuild's renaming, not a difference.
    .replace(/\bimport_react\d*\b/g, "import_react")
    .replace(/\b([A-Za-z_$][\w$]*?[A-Za-z_$])\d+\b/g, "$1")
    .replace(/[\s;]/g, "")
    // Where in a body `var _s = $RefreshSig$()` sits, before or after the
    // body's own `_s()`, changes nothing (Babel puts it either way).
    .replace(/var_=\$RefreshSig\$\(\)(,_=\$RefreshSig\$\(\))*/g, "");
}

function run(code) {
  const registrations = [];
  const signatures = [];
  const stubs = new WeakMap(); // stub -> description
  const describe = (v, depth = 0) => {
    if (stubs.has(v)) return stubs.get(v);
    if (typeof v === "function") return `<fn ${normaliseSource(Function.prototype.toString.call(v))}>`;
    if (depth > 2) return "...";
    if (Array.isArray(v)) return `[${v.map((x) => describe(x, depth + 1)).join(", ")}]`;
    if (v && typeof v === "object") return `{${Object.keys(v).map((k) => `${k}: ${describe(v[k], depth + 1)}`).join(", ")}}`;
    return JSON.stringify(v) ?? String(v);
  };
  // A stub answers everything with another stub that remembers how it was made.
  const stub = (name) => {
    const target = function () {};
    const p = new Proxy(target, {
      get(_, key) {
        if (key === Symbol.toPrimitive) return () => name;
        if (typeof key === "symbol") return undefined;
        if (key === "__esModule") return false;
        return stub(`${name}.${key}`);
      },
      apply(_, __, args) {
        return stub(`${name}(${args.map((a) => describe(a)).join(", ")})`);
      },
      construct(_, args) {
        return stub(`new ${name}(${args.length})`);
      },
      // esbuild's __toESM copies a module's own names onto an object whose
      // prototype is the module's: a stub there answers the rest.
      getPrototypeOf() {
        return stub(name);
      },
    });
    stubs.set(p, name);
    return p;
  };
  const hot = { w: (v) => v, accept() {}, dispose() {}, data: {}, on() {}, invalidate() {} };
  const sandbox = {
    $RefreshReg$: (type, id) => registrations.push({ id, type: describe(type) }),
    $RefreshSig$: () => {
      return function signature(type, key, forceReset, getCustomHooks) {
        if (arguments.length === 0) return undefined; // the call at render time
        signatures.push({ type, key, forceReset: Boolean(forceReset), getCustomHooks });
        return type;
      };
    },
    require: (specifier) =>
      specifier === "/@hmrc/runtime.js" ? { createHotContext: () => hot } : stub(`require(${specifier})`),
    module: { exports: {} },
    __import: (specifier) => stub(`import(${specifier})`),
    console,
  };
  sandbox.exports = sandbox.module.exports;
  const context = vm.createContext(sandbox);
  // Free names become stubs: run, and on `X is not defined` define X and run again.
  for (let attempt = 0; attempt < 64; ++attempt) {
    registrations.length = 0;
    signatures.length = 0;
    sandbox.module.exports = sandbox.exports = {};
    try {
      // `import("D")` is a call like any other here (vm has no module loader).
      const body = code.replace(/\bimport\(/g, "__import(");
      vm.runInContext(`(function (exports, module, require) {${body}\n})(exports, module, require)`, context);
      break;
    } catch (e) {
      const m = /^(\S+) is not defined$/.exec(e?.message ?? "");
      if (!m || m[1] in sandbox) throw e;
      sandbox[m[1]] = stub(m[1]);
    }
  }
  return {
    registrations: registrations.map((r) => `${r.id} = ${r.type}`).sort(),
    signatures: signatures
      .map((s) => {
        let hooks = "";
        if (s.getCustomHooks) {
          try {
            hooks = ` hooks: ${describe(s.getCustomHooks())}`;
          } catch (e) {
            hooks = ` hooks: throws ${e.message}`;
          }
        }
        return `${describe(s.type)} key: ${JSON.stringify(s.key)} forceReset: ${s.forceReset}${hooks}`;
      })
      .sort(),
  };
}

// Compares one case; returns { file, ok, expected, actual, error }.
// `alter`: changes hmrc's output first (the test's check that a wrong output fails).
export function compareCase(file, alter = (code) => code) {
  return compareFile(path.join(casesDir, file), file, alter);
}

// `stage` tells where an error came from: "reference" (Babel or running its
// output failed: the file cannot be compared), or "hmrc".
function compareFile(abs, file, alter = (code) => code) {
  const source = readFileSync(abs, "utf8");
  let expected;
  try {
    expected = run(lower(reference(source, file), file));
  } catch (e) {
    return { file, ok: false, stage: "reference", error: e.stack ?? String(e) };
  }
  try {
    const actual = run(lower(alter(compileHmrc(source, file)), file));
    const ok = JSON.stringify(expected) === JSON.stringify(actual);
    return { file, ok, expected, actual };
  } catch (e) {
    return { file, ok: false, stage: "hmrc", error: e.stack ?? String(e) };
  }
}

// Real code: the React packages of the conformance corpus (tools/conformance/corpus.mjs,
// pinned npm tarballs), every .ts/.tsx/.jsx file.
const reactPackages = ["tanstack-react-query", "tanstack-react-router", "react-redux", "react-hot-toast", "docusaurus-theme-classic"];
export async function compareCorpus() {
  const { ensureCorpus } = await import("./corpus.mjs");
  const files = ensureCorpus(path.join(root, "conformance-out/corpus")).filter(
    (f) => reactPackages.some((p) => f.rel.startsWith(p + "/")) && /\.(tsx|jsx|ts)$/.test(f.rel),
  );
  return files.map((f) => compareFile(f.abs, f.rel));
}

function diff(name, a, b) {
  const lines = [];
  for (const x of a) if (!b.includes(x)) lines.push(`  - ${name} ${x}`);
  for (const x of b) if (!a.includes(x)) lines.push(`  + ${name} ${x}`);
  return lines;
}

export function explain(r) {
  if (r.error) return r.error;
  return [
    ...diff("registration", r.expected.registrations, r.actual.registrations),
    ...diff("signature", r.expected.signatures, r.actual.signatures),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = listCases().map((file) => compareCase(file));
  for (const r of results) {
    console.log(`${r.ok ? "pass" : "FAIL"} ${r.file}`);
    if (!r.ok) console.log(explain(r));
  }
  const passed = results.filter((r) => r.ok).length;
  console.log(`${passed}/${results.length} cases behave as react-refresh/babel`);
  let corpus = null;
  if (process.argv.includes("--corpus")) {
    const all = await compareCorpus();
    corpus = {
      all,
      same: all.filter((r) => r.ok),
      unrunnable: all.filter((r) => r.stage === "reference"),
      failed: all.filter((r) => !r.ok && r.stage !== "reference"),
    };
    for (const r of corpus.failed) console.log(`FAIL ${r.file}\n${explain(r)}`);
    console.log(
      `corpus: ${corpus.same.length}/${all.length - corpus.unrunnable.length} files behave as react-refresh/babel ` +
        `(${corpus.unrunnable.length} whose reference output does not run with stubs)`,
    );
  }
  if (process.argv.includes("--summary")) {
    const babelVersion = require("@babel/core/package.json").version;
    const refreshVersion = require("react-refresh/package.json").version;
    const lines = [
      "# React Fast Refresh conformance",
      "",
      `Reference: react-refresh ${refreshVersion}'s Babel plugin (@babel/core ${babelVersion}, emitFullSignatures),`,
      "compared by behaviour: `tools/conformance/refresh.mjs` (see its header). Cases: `tests/refresh/cases/`",
      "(`react-*`: the inputs of React's ReactFreshBabelPlugin tests; `hmrc-*`: hmrc's own).",
      "Regenerate: `node tools/conformance/refresh.mjs --summary`. The node test",
      "`tests/node/refresh-conformance.test.mjs` fails when any case stops passing.",
      "",
      `**${passed}/${results.length} cases behave as the reference.**`,
      "",
      "| case | result |",
      "| --- | --- |",
      ...results.map((r) => `| ${r.file} | ${r.ok ? "same registrations and signatures" : "**differs**"} |`),
      "",
    ];
    if (corpus) {
      const compared = corpus.all.length - corpus.unrunnable.length;
      lines.push(
        "## Real code",
        "",
        "Every .ts/.tsx/.jsx file of the React packages in the conformance corpus (`tools/conformance/corpus.mjs`:",
        `${reactPackages.join(", ")}; pinned npm tarballs), compared the same way (\`--corpus\`).`,
        "",
        `**${corpus.same.length}/${compared} files behave as the reference**, with ` +
          `${corpus.all.reduce((n, r) => n + (r.expected?.registrations.length ?? 0), 0)} registrations and ` +
          `${corpus.all.reduce((n, r) => n + (r.expected?.signatures.length ?? 0), 0)} signatures between them` +
          (corpus.unrunnable.length
            ? `; ${corpus.unrunnable.length} more are not compared: the reference's own output throws when run ` +
              "against the stubs."
            : "."),
        "",
        ...corpus.failed.map((r) => `- differs: ${r.file}`),
        ...corpus.unrunnable.map((r) => `- not compared: ${r.file} (${(r.error.split("\n").find((l) => /Error/.test(l)) ?? "").trim().slice(0, 120)})`),
        "",
      );
    }
    writeFileSync(path.join(root, "tools/conformance/refresh-summary.md"), lines.join("\n"));
  }
  process.exitCode = passed === results.length ? 0 : 1;
}
