// The hmrc command line: modes, I/O, exit statuses and atomic output.
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { hmrc, isRoot, repoRoot, tempDir } from "./helpers.mjs";

// A directory that an unprivileged user can enter, for the permission tests.
function openDir() {
  const dir = tempDir();
  chmodSync(dir, 0o755);
  return dir;
}
const nobody = isRoot ? 65534 : undefined;

describe("usage", () => {
  test("--version and --help exit 0", () => {
    const v = hmrc(["--version"]);
    assert.equal(v.status, 0);
    assert.match(v.stdout, /^hmrc \d+\.\d+\.\d+ \(tree-sitter-typescript 0\.23\.2/);
    const h = hmrc(["--help"]);
    assert.equal(h.status, 0);
    assert.match(h.stdout, /Examples:/);
    assert.match(h.stdout, /--sourcemap/);
  });

  test("a mode is required, unknown options are usage errors", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.js"), "a;");
    assert.equal(hmrc([path.join(dir, "a.js")]).status, 2);
    const r = hmrc(["--dev", "--bogus"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--bogus/);
    assert.equal(hmrc(["--dev", "--prod", "x.js"]).status, 2);
  });

  test("several inputs need --outdir", () => {
    const r = hmrc(["--dev", "a.ts", "b.ts"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /several inputs need --outdir/);
  });

  test("an unknown extension asks for --loader", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.txt"), "a;");
    const r = hmrc(["--prod", path.join(dir, "a.txt")]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--loader/);
    assert.equal(hmrc(["--prod", "--loader", "js", path.join(dir, "a.txt")]).stdout, "a;");
  });
});

describe("input and output", () => {
  test("stdin to stdout, with no input or '-'", () => {
    for (const args of [["--prod", "--loader", "ts"], ["--prod", "--loader", "ts", "-"]]) {
      const r = hmrc(args, { input: "let a = 1;\n" });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, "let a = 1;\n");
    }
    const r = hmrc(["--prod"], { input: "a;" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /needs --loader/);
  });

  test("-o - writes standard output, not a file named '-'", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.ts"), "let a: number = 1;\n");
    const r = hmrc(["--prod", "a.ts", "-o", "-"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "let a         = 1;\n");
    assert.equal(existsSync(path.join(dir, "-")), false);
    // In dev the map goes inline, as for any output to standard output.
    const d = hmrc(["--dev", "a.ts", "-o", "-"], { cwd: dir });
    assert.equal(d.status, 0, d.stderr);
    assert.match(d.stdout, /\/\/# sourceMappingURL=data:application\/json/);
    assert.deepEqual(readdirSync(dir), ["a.ts"]);
  });

  test("prod writes a real .js file back byte for byte", () => {
    const file = path.join(repoRoot, "node_modules/acorn/dist/acorn.mjs");
    const dir = tempDir();
    const out = path.join(dir, "acorn.mjs");
    const r = hmrc(["--prod", file, "-o", out]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(readFileSync(out).equals(readFileSync(file)));
  });

  test("dev writes an external map by default, inline on stdout", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.ts"), "let a = 1;\n");
    assert.equal(hmrc(["--dev", path.join(dir, "a.ts"), "-o", path.join(dir, "out/a.js")]).status, 0);
    // Every dev module starts with the runtime header on line 1 (docs/hmr-design.md).
    const header =
      'import { createHotContext as __hmrc_createHotContext } from "/@hmrc/runtime.js"; const __hmrc_hot = ' +
      "__hmrc_createHotContext(import.meta.url, { url: import.meta.url, selfAccepting: false, dependencies: {}, imports: [] });";
    assert.equal(
      readFileSync(path.join(dir, "out/a.js"), "utf8"),
      header + "let a = 1;\n//# sourceMappingURL=a.js.map\n",
    );
    const map = JSON.parse(readFileSync(path.join(dir, "out/a.js.map"), "utf8"));
    assert.deepEqual(map.sources, ["../a.ts"]);
    assert.match(hmrc(["--dev", path.join(dir, "a.ts")]).stdout, /sourceMappingURL=data:application\/json;base64,/);
    assert.equal(hmrc(["--dev", "--sourcemap=none", path.join(dir, "a.ts")]).stdout, header + "let a = 1;\n");
  });

  test("--runtime and --root name the runtime and the module in dev output", () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "src"));
    writeFileSync(path.join(dir, "src/a.js"), "import './b.js';\nimport.meta.hot.accept('./b.js', f);\n");
    const r = hmrc(["--dev", "--sourcemap=none", "--root", dir, "--runtime", "/rt.js", path.join(dir, "src/a.js")]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /from "\/rt\.js"; const __hmrc_hot = __hmrc_createHotContext\("\/src\/a\.js", \{ url: import\.meta\.url, selfAccepting: false, dependencies: \{ "\.\/b\.js": "\/src\/b\.js" \}, imports: \["\/src\/b\.js"\] \}\);import/);
  });

  test("the same input and flags give the same bytes", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.ts"), "const x: number = 1;\nexport { x };\n");
    const outputs = [1, 2].map((n) => {
      const out = path.join(dir, `o${n}`, "a.js");
      assert.equal(hmrc(["--dev", path.join(dir, "a.ts"), "-o", out]).status, 0);
      return readFileSync(out, "utf8") + readFileSync(out + ".map", "utf8");
    });
    assert.equal(outputs[0], outputs[1]);
  });

  test("--outdir keeps relative paths, maps extensions, runs in parallel", () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "src/deep/er"), { recursive: true });
    const files = ["src/a.ts", "src/deep/b.tsx", "src/deep/er/c.mts", "src/d.cjs", "src/e.jsx"];
    for (const f of files) writeFileSync(path.join(dir, f), `export const v = ${JSON.stringify(f)};\n`);
    const r = hmrc(["--prod", "-j", "3", "--outdir", path.join(dir, "dist"), ...files.map((f) => path.join(dir, f))]);
    assert.equal(r.status, 0, r.stderr);
    for (const out of ["a.js", "deep/b.js", "deep/er/c.mjs", "d.cjs", "e.js"]) {
      assert.ok(existsSync(path.join(dir, "dist", out)), out);
    }
    const rooted = hmrc(["--prod", "--root", dir, "--outdir", path.join(dir, "dist2"), path.join(dir, "src/a.ts")]);
    assert.equal(rooted.status, 0, rooted.stderr);
    assert.ok(existsSync(path.join(dir, "dist2/src/a.js")));
    const outside = hmrc(["--prod", "--root", path.join(dir, "src/deep"), "--outdir", path.join(dir, "x"), path.join(dir, "src/a.ts")]);
    assert.equal(outside.status, 2);
  });

  test("--check writes nothing and reports errors with status 1", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "good.ts"), "let a = 1;");
    writeFileSync(path.join(dir, "bad.ts"), "let a = ;");
    const r = hmrc(["--check", path.join(dir, "good.ts"), path.join(dir, "bad.ts")]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /bad\.ts:1:9: error: unexpected `;` \[S001\]/);
    assert.equal(hmrc(["--check", path.join(dir, "good.ts")]).status, 0);
  });
});

describe("errors", () => {
  test("a missing file, a directory, an unreadable file: status 2", () => {
    const dir = openDir();
    let r = hmrc(["--prod", path.join(dir, "missing.ts")]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read '.*missing\.ts': No such file or directory/);
    r = hmrc(["--prod", dir + "/"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is a directory/);
    const secret = path.join(dir, "secret.ts");
    writeFileSync(secret, "a;");
    chmodSync(secret, 0);
    r = hmrc(["--prod", secret], { as: nobody });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read '.*secret\.ts': Permission denied/);
  });

  test("NUL bytes and invalid UTF-8 give the byte offset: status 1", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "nul.js"), Buffer.from("let a;\0"));
    writeFileSync(path.join(dir, "bad.js"), Buffer.from([0x61, 0x3b, 0x0a, 0xc3, 0x28]));
    let r = hmrc(["--prod", path.join(dir, "nul.js")]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /nul\.js:1:7: error: NUL byte at byte offset 6/);
    r = hmrc(["--prod", path.join(dir, "bad.js")]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad\.js:2:1: error: invalid UTF-8 at byte offset 3/);
  });

  test("the output may not be the input", () => {
    const dir = tempDir();
    const file = path.join(dir, "a.js");
    writeFileSync(file, "a;");
    for (const out of [file, path.join(dir, ".", "a.js")]) {
      const r = hmrc(["--prod", file, "-o", out]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /is the input file/);
    }
    assert.equal(readFileSync(file, "utf8"), "a;");
  });

  test("unwritable outputs: status 2, nothing left behind", () => {
    const dir = openDir();
    writeFileSync(path.join(dir, "a.js"), "a;");
    writeFileSync(path.join(dir, "file"), "");
    let r = hmrc(["--prod", path.join(dir, "a.js"), "-o", path.join(dir, "file/out.js")]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot (create folder|write)/);
    const locked = path.join(dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    r = hmrc(["--prod", path.join(dir, "a.js"), "-o", path.join(locked, "out.js")], { as: nobody });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot write '.*out\.js': Permission denied/);
    assert.deepEqual(readdirSync(locked), []);
  });

  test("a failed compile leaves the previous output untouched", () => {
    const dir = tempDir();
    const src = path.join(dir, "a.ts");
    const out = path.join(dir, "a.js");
    writeFileSync(src, "let ok = 1;\n");
    assert.equal(hmrc(["--dev", src, "-o", out]).status, 0);
    const before = readFileSync(out, "utf8") + readFileSync(out + ".map", "utf8");
    writeFileSync(src, "let broken = ;\n");
    const r = hmrc(["--dev", src, "-o", out]);
    assert.equal(r.status, 1);
    assert.equal(readFileSync(out, "utf8") + readFileSync(out + ".map", "utf8"), before);
    assert.deepEqual(readdirSync(dir).sort(), ["a.js", "a.js.map", "a.ts"]);
  });
});

describe("diagnostics", () => {
  test("gcc style with a code frame, colour only when asked or on a terminal", () => {
    const r = hmrc(["--check", "--loader", "ts"], { input: "let a = ;\n" });
    assert.equal(r.stderr, "<stdin>:1:9: error: unexpected `;` [S001]\n    1 | let a = ;\n      |         ^\nnote: in this lexical declaration\n");
    assert.doesNotMatch(r.stderr, /\x1b\[/);
    assert.match(hmrc(["--check", "--loader", "ts", "--color=always"], { input: "let a = ;" }).stderr, /\x1b\[/);
  });

  test("--diagnostics=json", () => {
    const r = hmrc(["--check", "--loader", "ts", "--diagnostics=json"], { input: "ok;\nlet é = ;\n" });
    assert.equal(r.status, 1);
    const { diagnostics } = JSON.parse(r.stderr);
    assert.deepEqual(diagnostics[0], {
      file: "<stdin>", code: "S001", severity: "error", message: "unexpected `;`",
      line: 2, column: 9, endLine: 2, endColumn: 10, offset: 13, endOffset: 14,
      notes: ["in this lexical declaration"],
    });
    const io = JSON.parse(hmrc(["--check", "--diagnostics=json", "/nonexistent.ts"]).stderr);
    assert.equal(io.diagnostics[0].code, "IO");
  });
});
