// Runs hmrc over the conformance corpus and checks every output; see README.md.
//   node tools/conformance/conformance.mjs [--update] [--hmrc PATH] [--jobs N]
//   node tools/conformance/conformance.mjs --show PATH_IN_CORPUS [--dev]   # diff one file
// Writes nothing but conformance-out/ unless --update, which rewrites
// tools/conformance/summary.md. Without it, exits 1 when the result differs
// from the committed summary. Ends with "snapshot: N passed, N failed", N
// counting files whose result is (or is not) the one the summary records.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { ensureCorpus, packages } from './corpus.mjs';
import { normalise, firstDifference, printLines, restoreConst } from './normalise.mjs';
import { typeScriptLeftover } from './ts_leftovers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outDir = path.join(root, 'conformance-out');
const corpusDir = path.join(outDir, 'corpus');
const summaryPath = path.join(here, 'summary.md');
const knownPath = path.join(here, 'known-differences.tsv');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const update = args.includes('--update');
const hmrc = path.resolve(option('--hmrc', process.env.HMRC ?? path.join(root, 'build/src/cli/hmrc')));
const jobs = option('--jobs', String(Math.max(1, Math.min(2, os.availableParallelism()))));

// esbuild's settings: tsc's defaults for what matters here (no
// verbatimModuleSyntax, so unused imports are elided), class fields with
// define semantics as for any target from ES2022 on (hmrc keeps fields where
// they are), the automatic JSX runtime. `format` stays unset: format 'esm'
// rewrites `export default function f` into `function f` plus an export list,
// which is the same module but a different shape.
const TSCONFIG = { compilerOptions: { verbatimModuleSyntax: false, useDefineForClassFields: true, experimentalDecorators: false } };
const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx', '.js': 'jsx' };
const OUT_EXT = { '.ts': '.js', '.tsx': '.js', '.jsx': '.js', '.mts': '.mjs', '.cts': '.cjs', '.js': '.js' };

// `dev` adds jsxDev (jsxDEV with source positions); hmrc is given paths
// relative to the corpus, so both name files the same way (and the summary
// holds no machine's paths).
function esbuildOutput(source, file, dev = false) {
  return esbuild.transformSync(source, {
    loader: LOADERS[path.extname(file.rel)], target: 'esnext', jsx: 'automatic', jsxDev: dev, minify: false,
    sourcefile: file.rel, tsconfigRaw: TSCONFIG, logLevel: 'silent',
  }).code;
}

// tsc as the second reference, for what esbuild compiles to another shape
// (enum and namespace code, esbuild's inlining of enum members).
function tscOutput(source, file, dev = false) {
  const ext = path.extname(file.rel);
  const code = ts.transpileModule(source, {
    fileName: file.rel,
    compilerOptions: {
      module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ESNext,
      jsx: dev ? ts.JsxEmit.ReactJSXDev : ts.JsxEmit.ReactJSX,
      useDefineForClassFields: true, verbatimModuleSyntax: false, allowJs: ext === '.jsx' || ext === '.js',
    },
  }).outputText;
  // tsc's dev JSX names the file through a constant; put its value in place.
  const m = /^const (_jsxFileName) = ("(?:[^"\\\n]|\\.)*");$/m.exec(code);
  return m ? code.replace(m[0], '').replace(/\b_jsxFileName\b/g, m[2]) : code;
}

const batchStart = {};

// One batch per mode; returns Map(abs input path -> first error diagnostic).
function runHmrc(mode, files) {
  const dest = path.join(outDir, mode);
  // Outputs are not deleted first (slow on a busy disk): readOutput ignores
  // any older than this batch.
  batchStart[mode] = Date.now() - 1000;
  const argv = [`--${mode}`, '--outdir', dest, '--root', corpusDir, '-j', jobs, '--diagnostics=json', '--color=never'];
  if (mode === 'dev') argv.push('--sourcemap=none');
  const r = spawnSync(hmrc, [...argv, ...files.map((f) => f.rel)], { cwd: corpusDir, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw new Error(`cannot run ${hmrc}: ${r.error.message}`);
  if (r.status !== 0 && r.status !== 1) throw new Error(`hmrc --${mode} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const errors = new Map();
  // One JSON document for the batch; one per line is accepted too.
  let documents;
  try { documents = r.stderr.trim() ? [JSON.parse(r.stderr)] : []; } catch {
    documents = r.stderr.split('\n').filter((l) => l.trim()).map((line) => {
      try { return JSON.parse(line); } catch { throw new Error(`hmrc --${mode}: unexpected output: ${line.slice(0, 300)}`); }
    });
  }
  for (const parsed of documents) {
    for (const d of parsed.diagnostics ?? []) {
      if (d.severity !== 'error') continue;
      const abs = path.resolve(corpusDir, d.file ?? '');
      if (!errors.has(abs)) errors.set(abs, d);
    }
  }
  return errors;
}

function outputPath(mode, file) {
  const ext = path.extname(file.rel);
  return path.join(outDir, mode, file.rel.slice(0, -ext.length) + OUT_EXT[ext]);
}

const oneLine = (s) => s.replace(/\s+/g, ' ').trim();

// Reads hmrc's output for a file, or explains why there is none.
function readOutput(mode, file, errors) {
  const d = errors.get(file.abs);
  if (d) return { reason: `hmrc error ${d.code} at ${d.line}:${d.column}: ${oneLine(d.message)}` };
  const out = outputPath(mode, file);
  try {
    if (fs.statSync(out).mtimeMs >= batchStart[mode]) return { code: fs.readFileSync(out, 'utf8') };
  } catch {}
  return { reason: 'hmrc wrote no output and reported no error' };
}

function parseError(e) {
  if (!(e instanceof SyntaxError)) throw e;
  return `not JavaScript (acorn): ${e.message}`;
}

function check(mode, file, source, errors, known) {
  const dev = mode === 'dev';
  const out = readOutput(mode, file, errors);
  if (out.reason) {
    // A listed file may also be one hmrc rejects for a stated reason (a
    // feature another branch adds): the summary shows both.
    if (known.has(file.rel)) return { status: 'known', reason: `${known.get(file.rel)} [${out.reason}]`, failed: out.reason };
    return { status: 'fail', reason: out.reason };
  }
  let mine;
  try { mine = normalise(out.code, { dev }); } catch (e) { return { status: 'fail', reason: parseError(e) }; }
  // Valid JavaScript that TypeScript reads as types: a misread the grammar
  // made silently (ts_leftovers.mjs). Only TypeScript sources can have it.
  if (/\.[cm]?tsx?$/.test(file.rel)) {
    const leftover = typeScriptLeftover(out.code);
    if (leftover) return { status: 'fail', reason: leftover };
  }
  // In dev, hmrc makes exported consts `let`; the reference says which were const.
  const compare = (reference, label) => firstDifference(dev ? restoreConst(mine, reference) : mine, reference, 'hmrc', label);
  let esbuildDiff;
  try {
    esbuildDiff = compare(normalise(esbuildOutput(source, file, dev)), 'esbuild');
    if (esbuildDiff === null) return { status: 'pass', oracle: 'esbuild' };
  } catch (e) {
    esbuildDiff = `esbuild rejects the source: ${oneLine(e.message.split('\n')[0])}`;
  }
  let tscDiff;
  try {
    tscDiff = compare(normalise(tscOutput(source, file, dev)), 'tsc');
  } catch (e) {
    // tsc keeps what ESNext has (decorators): acorn cannot read that yet.
    tscDiff = `tsc's output does not parse: ${oneLine(e.message.split('\n')[0])}`;
  }
  if (tscDiff === null) return { status: 'pass', oracle: 'tsc' };
  if (known.has(file.rel)) return { status: 'known', reason: known.get(file.rel) };
  // Report the reference hmrc follows further (tsc for hmrc's tsc-shaped enums).
  const at = (d) => Number(/^line (\d+)/.exec(d)?.[1] ?? 0);
  return { status: 'fail', reason: at(tscDiff) > at(esbuildDiff) ? tscDiff : esbuildDiff };
}


function loadKnown() {
  const known = new Map();
  for (const line of fs.readFileSync(knownPath, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [rel, reason] = line.split('\t');
    if (!reason) throw new Error(`${knownPath}: expected "path<TAB>reason": ${line}`);
    known.set(rel, reason.trim());
  }
  return known;
}

const pct = (n, m) => `${n}/${m} (${m ? ((100 * n) / m).toFixed(2) : '0.00'}%)`;

function render(files, results) {
  const m = files.length;
  const count = (pred) => results.filter(pred).length;
  const lines = [
    '# Conformance summary',
    '',
    'Written by `tools/conformance/run --update`; do not edit. What is checked and how:',
    '[`tools/conformance/README.md`](README.md).',
    '',
    '```text',
    `corpus: ${m} files from ${packages.length} pinned npm packages`,
    '',
    'hmrc --prod: parses (acorn) and is equivalent to esbuild or tsc',
    `Passed: ${pct(count((r) => r.prod.status === 'pass'), m)}`,
    `  parses as JavaScript:   ${pct(count((r) => !/^(not JavaScript|hmrc )/.test(r.prod.failed ?? r.prod.reason ?? '')), m)}`,
    `  equivalent to esbuild:  ${count((r) => r.prod.oracle === 'esbuild')}`,
    `  equivalent to tsc only: ${count((r) => r.prod.oracle === 'tsc')}`,
    `  known differences:      ${count((r) => r.prod.status === 'known')}`,
    '',
    'hmrc --dev: the same, against esbuild with jsxDev and tsc with react-jsxdev',
    `Passed: ${pct(count((r) => r.dev.status === 'pass'), m)}`,
    `  parses as JavaScript:   ${pct(count((r) => !/^(not JavaScript|hmrc )/.test(r.dev.failed ?? r.dev.reason ?? '')), m)}`,
    `  equivalent to esbuild:  ${count((r) => r.dev.oracle === 'esbuild')}`,
    `  equivalent to tsc only: ${count((r) => r.dev.oracle === 'tsc')}`,
    `  known differences:      ${count((r) => r.dev.status === 'known')}`,
    '',
    'package                              files  prod passed        dev passed',
  ];
  for (const pkg of packages) {
    const spec = `${pkg.name}@${pkg.version}`;
    const mine = results.filter((r) => r.file.pkg === spec);
    const p = mine.filter((r) => r.prod.status === 'pass').length;
    const d = mine.filter((r) => r.dev.status === 'pass').length;
    lines.push(`${spec.padEnd(36)} ${String(mine.length).padStart(5)}  ${pct(p, mine.length).padEnd(18)} ${pct(d, mine.length)}`);
  }
  lines.push('```', '');
  const section = (title, rows) => {
    lines.push(`## ${title} (${rows.length})`, '', '```text', ...rows, '```', '');
  };
  section('prod failures', results.filter((r) => r.prod.status === 'fail').map((r) => `${r.file.rel}: ${r.prod.reason}`));
  section('prod known differences', results.filter((r) => r.prod.status === 'known').map((r) => `${r.file.rel}: ${r.prod.reason}`));
  section('dev known differences', results.filter((r) => r.dev.status === 'known').map((r) => `${r.file.rel}: ${r.dev.reason}`));
  section('dev failures', results.filter((r) => r.dev.status === 'fail').map((r) => `${r.file.rel}: ${r.dev.reason}`));
  return lines.join('\n');
}

// Per-file outcome lines of a summary, keyed "section path".
function outcomes(summary) {
  const map = new Map();
  let section = null;
  for (const line of summary.split('\n')) {
    const h = line.match(/^## (.*) \(\d+\)$/);
    if (h) { section = h[1]; continue; }
    if (!section || line.startsWith('```') || !line.trim()) continue;
    const colon = line.indexOf(': ');
    map.set(`${section} ${line.slice(0, colon)}`, line.slice(colon + 2));
  }
  return map;
}

// Prints the canonical form of hmrc's prod output (dev output with --dev, its
// HMR instrumentation undone) for one file against each reference's, as
// unified diffs: for whoever fixes a failure.
function show(rel, dev) {
  const files = ensureCorpus(corpusDir).filter((f) => f.rel === rel);
  if (!files.length) throw new Error(`${rel} is not in the corpus (paths as summary.md shows them)`);
  const [file] = files;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hmrc-conformance-'));
  try {
    const argv = dev ? ['--dev', '--sourcemap=none', '--root', corpusDir] : ['--prod'];
    const r = spawnSync(hmrc, [...argv, '--color=never', file.rel], { cwd: corpusDir, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) { process.stdout.write(r.stderr); return 1; }
    const source = fs.readFileSync(file.abs, 'utf8');
    const print = (tree) => printLines(tree, { shown: true }).join('\n') + '\n';
    let mine;
    try { mine = normalise(r.stdout, { dev }); } catch (e) { mine = parseError(e); }
    for (const [name, compile] of [['esbuild', esbuildOutput], ['tsc', tscOutput]]) {
      const reference = normalise(compile(source, file, dev));
      fs.writeFileSync(path.join(dir, name), print(reference));
      fs.writeFileSync(path.join(dir, 'hmrc'), typeof mine === 'string' ? `${mine}\n` : print(dev ? restoreConst(mine, reference) : mine));
      const d = spawnSync('diff', ['-u', '--label', name, '--label', 'hmrc', name, 'hmrc'], { cwd: dir, encoding: 'utf8' });
      console.log(d.status === 0 ? `hmrc = ${name}` : d.stdout);
    }
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  if (!fs.existsSync(hmrc)) throw new Error(`no hmrc at ${hmrc}: build it first (ninja -C build)`);
  if (args.includes('--show')) return show(option('--show'), args.includes('--dev'));
  const started = Date.now();
  const files = ensureCorpus(corpusDir);
  const known = loadKnown();
  const prodErrors = runHmrc('prod', files);
  const devErrors = runHmrc('dev', files);
  const results = files.map((file) => {
    const source = fs.readFileSync(file.abs, 'utf8');
    return { file, prod: check('prod', file, source, prodErrors, known), dev: check('dev', file, source, devErrors, known) };
  });
  // A listed known difference that now passes, or is no longer in the corpus,
  // must leave the table.
  const stale = [...known.keys()].filter((rel) => !results.some((r) => r.file.rel === rel &&
    (r.prod.status === 'known' || r.dev.status === 'known')));
  const summary = render(files, results);
  fs.writeFileSync(path.join(outDir, 'summary.md'), summary);
  for (const line of summary.split('\n').slice(6, 28)) console.log(line);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const rel of stale) console.log(`stale entry in known-differences.tsv: ${rel}`);

  if (update) {
    fs.writeFileSync(summaryPath, summary);
    console.log(`wrote ${path.relative(root, summaryPath)}`);
    console.log(`snapshot: ${files.length} passed, ${stale.length} failed`);
    return stale.length ? 1 : 0;
  }
  let committed = '';
  try { committed = fs.readFileSync(summaryPath, 'utf8'); } catch {}
  const before = outcomes(committed), after = outcomes(summary);
  const changed = new Set();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(key) !== after.get(key)) {
      const rel = key.slice(key.indexOf(' ', key.indexOf(' ') + 1) + 1);
      changed.add(rel);
      if (changed.size <= 40) {
        console.log(`changed: ${key}\n  was: ${before.get(key) ?? 'passing'}\n  now: ${after.get(key) ?? 'passing'}`);
      }
    }
  }
  const textDiffers = committed !== summary;
  if (textDiffers) {
    console.log(`${path.relative(root, summaryPath)} differs from this run (${path.relative(root, path.join(outDir, 'summary.md'))}): ` +
      'fix the regression, or commit the improvement with tools/conformance/run --update');
  }
  const failed = changed.size + stale.length + (textDiffers && !changed.size ? 1 : 0);
  console.log(`snapshot: ${files.length - changed.size} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

// `--show ... | head` closes the pipe early: not an error.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
try {
  process.exitCode = main();
} catch (e) {
  console.error(`conformance: ${process.env.CONFORMANCE_DEBUG ? e.stack : e.message ?? e}`);
  process.exitCode = 2;
}
