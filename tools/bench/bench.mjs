// Times hmrc and its peers on one pinned corpus, in one run, and writes
// docs/benchmarks.md. Entry point: tools/bench/run (builds hmrc if needed).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus, packages, dirName } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const work = path.join(root, 'bench-out');
const corpusDir = path.join(work, 'corpus');
const outRoot = path.join(work, 'out');
const nm = path.join(root, 'node_modules');
const jobs = os.availableParallelism();

// Batch runs are short, so take several; per-file runs cost 689 process
// starts each, so fewer of those. Rows report the best run: on a shared
// 2-core machine, other work only ever adds time, so the fastest run is the
// closest to the tool's own cost (the median is shown beside it).
const BATCH_RUNS = Number(process.env.BENCH_BATCH_RUNS ?? 5);
const PER_FILE_RUNS = Number(process.env.BENCH_PER_FILE_RUNS ?? 3);

// A rebuild of hmrc during the run must not mix two binaries: time a copy.
fs.mkdirSync(path.join(work, 'bin'), { recursive: true });
const hmrc = path.join(work, 'bin', 'hmrc');
fs.copyFileSync(path.join(root, 'build/src/cli/hmrc'), hmrc);
fs.chmodSync(hmrc, 0o755);
const parseBench = path.join(work, 'bin', 'parse-bench');
fs.copyFileSync(path.join(root, 'build/tools/bench/parse-bench'), parseBench);
fs.chmodSync(parseBench, 0o755);
const esbuild = path.join(nm, '@esbuild/linux-x64/bin/esbuild');
const bun = path.join(nm, 'bun/bin/bun.exe');

const files = ensureCorpus(corpusDir);
const tsFiles = files.filter((f) => f.rel.endsWith('.ts'));
const sum = (set) => set.reduce((a, f) => a + f.bytes, 0);
const listFile = (name, set) => {
  const p = path.join(work, name);
  fs.writeFileSync(p, set.map((f) => f.rel).join('\n') + '\n');
  return p;
};
const allList = listFile('files.txt', files);
const tsList = listFile('files-ts.txt', tsFiles);
const outName = (rel) => rel.replace(/\.ts$/, '.js');

// Other work on this small machine (or a hypervisor's steal) skews every
// row, so the report states how much CPU went elsewhere during the run.
function cpuTicks() {
  const v = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]; // all but idle and iowait
  const self = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ').map(Number);
  return { busy, ours: self[11] + self[12] + self[13] + self[14] }; // utime stime cutime cstime
}
const TICK = 100; // USER_HZ
const busyBefore = (() => {
  const a = cpuTicks();
  execFileSync('sleep', ['1']);
  const b = cpuTicks();
  return Math.min(1, (b.busy - a.busy) / TICK / jobs); // share of all cores busy in that second
})();
if (busyBefore > 0.1) process.stderr.write(`bench: ${(busyBefore * 100).toFixed(0)}% of the CPU was busy before the start: figures will be noisy\n`);

function countFiles(dir) {
  let n = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n++;
  return n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Runs every row of a section `warm` untimed then `runs` timed times, each
// time into an emptied output folder. Rounds go over all rows in turn, so a
// passing disturbance hits every tool alike rather than one tool's runs.
function measure(section, list, runs, warm) {
  for (const row of list) row.results = [];
  for (let i = 0; i < warm + runs; i++) {
    for (const row of list) {
      const out = path.join(outRoot, `${section}-${row.tool}-${row.mode}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
      fs.rmSync(out, { recursive: true, force: true });
      const r = row.run(out);
      if (i < warm) continue;
      row.results.push(r);
      row.outputs = countFiles(out);
    }
  }
  for (const row of list) {
    const times = row.results.map((r) => r.ms);
    process.stderr.write(`bench: ${row.tool}, ${row.mode}: ${times.map((t) => (t / 1000).toFixed(2)).join(' ')} s\n`);
    const best = row.results.reduce((a, b) => (b.ms < a.ms ? b : a));
    Object.assign(row, row.results.at(-1), { ms: best.ms, parts: best.parts, median: median(times) });
    row.expectFiles = row.tool === '/bin/true' ? 0 : row.set.length;
  }
}

function timeSpawn(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: corpusDir, stdio: 'ignore', ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status };
}

// --- one process for the whole corpus ------------------------------------
function batch(cmd, argsFor, fileSet) {
  return (out) => {
    const r = timeSpawn(cmd, argsFor(out, fileSet.map((f) => f.rel)));
    return { ms: r.ms, failed: [], exit: r.status === 0 ? 'ok' : `exit ${r.status}` };
  };
}

// --- one process per file --------------------------------------------------
// A generated sh script runs the commands back to back, so the harness adds
// one spawn in total rather than one per file; the /bin/true row shows what
// sh + fork/exec alone cost per file. The .ts files and the two large .js
// files are timed apart: typescript.js alone would otherwise swamp what
// starting a process costs.
function perFile(id, commandFor, fileSet) {
  const q = (s) => `'${s.replaceAll("'", `'\\''`)}'`;
  const groups = { ts: fileSet.filter((f) => f.rel.endsWith('.ts')), js: fileSet.filter((f) => !f.rel.endsWith('.ts')) };
  return (out) => {
    // Output folders are made up front so no tool pays for (or skips) mkdir.
    for (const d of new Set(fileSet.map((f) => path.dirname(path.join(out, f.rel))))) fs.mkdirSync(d, { recursive: true });
    const parts = {}, failed = [];
    for (const [g, set] of Object.entries(groups)) {
      const script = path.join(work, `per-file-${id}-${g}.sh`);
      const failLog = path.join(work, `per-file-${id}-${g}.failed`);
      const lines = [`exec 3>${q(failLog)}`];
      for (const f of set) lines.push(`${commandFor(f.rel, path.join(out, outName(f.rel))).map(q).join(' ')} || echo ${q(f.rel)} >&3`);
      fs.writeFileSync(script, lines.join('\n') + '\n');
      parts[g] = timeSpawn('sh', [script]).ms;
      for (const file of fs.readFileSync(failLog, 'utf8').split('\n').filter(Boolean)) failed.push({ file, message: 'non-zero exit' });
    }
    return { ms: parts.ts + parts.js, parts, failed, exit: failed.length ? `${failed.length} non-zero` : 'ok' };
  };
}

// --- in-process APIs, each pass in a fresh node ----------------------------
function inProcess(tool, list) {
  return (out) => {
    const r = JSON.parse(execFileSync(process.execPath, [path.join(here, 'inproc.mjs'), tool, list, corpusDir, out], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 }));
    return { ...r, exit: r.failed.length ? `${r.failed.length} errors` : 'ok' };
  };
}

const hmrcBatchArgs = (j) => (out, rels) => ['--prod', '--outdir', out, '--root', corpusDir, '-j', String(j), ...rels];

const rows = {
  batch: [
    { tool: 'hmrc', mode: `batch, -j ${jobs}`, set: files, ref: true,
      run: batch(hmrc, hmrcBatchArgs(jobs), files) },
    { tool: 'hmrc', mode: 'batch, -j 1', set: files,
      run: batch(hmrc, hmrcBatchArgs(1), files) },
    { tool: 'hmrc', mode: `batch, -j ${jobs}, .ts files only`, set: tsFiles, refTs: true,
      run: batch(hmrc, hmrcBatchArgs(jobs), tsFiles) },
    { tool: 'esbuild', mode: 'batch (CLI, all entry points, no bundle)', set: files,
      run: batch(esbuild, (out, rels) => [...rels, `--outdir=${out}`, `--outbase=${corpusDir}`, '--log-level=error'], files) },
    { tool: 'bun', mode: 'batch (build --no-bundle, all entry points)', set: files,
      run: batch(bun, (out, rels) => ['build', '--no-bundle', ...rels, '--outdir', out, '--root', corpusDir], files) },
    { tool: 'esbuild', mode: 'batch, .ts files only', set: tsFiles, vsTs: true,
      run: batch(esbuild, (out, rels) => [...rels, `--outdir=${out}`, `--outbase=${corpusDir}`, '--log-level=error'], tsFiles) },
    { tool: 'bun', mode: 'batch, .ts files only', set: tsFiles, vsTs: true,
      run: batch(bun, (out, rels) => ['build', '--no-bundle', ...rels, '--outdir', out, '--root', corpusDir], tsFiles) },
    { tool: '@swc/core', mode: 'in-process, transformSync, 1 thread', set: files, run: inProcess('swc', allList) },
    { tool: 'oxc-transform', mode: 'in-process, transformSync, 1 thread', set: files, run: inProcess('oxc', allList) },
    { tool: 'ts-blank-space', mode: 'in-process, 1 thread, .ts files only', set: tsFiles, vsTs: true, run: inProcess('ts-blank-space', tsList) },
  ],
  perFile: [
    { tool: 'hmrc', mode: 'process per file', set: files, ref: true,
      run: perFile('hmrc', (rel, out) => [hmrc, '--prod', rel, '-o', out], files) },
    { tool: 'esbuild', mode: 'process per file (native binary)', set: files,
      run: perFile('esbuild', (rel, out) => [esbuild, rel, `--outfile=${out}`, '--log-level=error'], files) },
    { tool: 'bun', mode: 'process per file (build --no-bundle)', set: files,
      run: perFile('bun', (rel, out) => [bun, 'build', '--no-bundle', rel, '--outfile', out], files) },
    { tool: '/bin/true', mode: 'process per file (spawn floor, no work)', set: files,
      run: perFile('true', () => ['/bin/true'], files) },
  ],
};

const cpuStart = cpuTicks(), wallStart = performance.now();
measure('batch', rows.batch, BATCH_RUNS, 1);
// A per-file pass already starts each binary hundreds of times, so it needs
// no warm-up of its own.
measure('perfile', rows.perFile, PER_FILE_RUNS, 0);
// Where hmrc's time goes, in one process on one thread (parse-bench): the
// parse alone, the parse plus a bare cursor walk, plus the one walk (analysis and ts_erase),
// and the whole compile. Thread CPU time, each file's best of the rounds.
const PARSE_ROUNDS = Number(process.env.BENCH_PARSE_ROUNDS ?? 5);
const phases = (set) => JSON.parse(execFileSync(parseBench, ['--rounds', String(PARSE_ROUNDS), ...set.map((f) => f.rel)], { cwd: corpusDir, encoding: 'utf8', maxBuffer: 1 << 26 }));
const phaseAll = phases(files), phaseTs = phases(tsFiles);
process.stderr.write(`bench: parse-bench all ${JSON.stringify(phaseAll)}\nbench: parse-bench .ts ${JSON.stringify(phaseTs)}\n`);
const cpuEnd = cpuTicks(), wallS = (performance.now() - wallStart) / 1000;
const elsewhereS = Math.max(0, (cpuEnd.busy - cpuStart.busy) - (cpuEnd.ours - cpuStart.ours)) / TICK;

// hmrc's first diagnostic per failing file, from a separate untimed --check.
const check = spawnSync(hmrc, ['--check', '--diagnostics', 'json', ...files.map((f) => f.rel)], { cwd: corpusDir, encoding: 'utf8', maxBuffer: 1 << 28 });
const firstDiag = new Map();
for (const line of check.stderr.split('\n').filter(Boolean)) {
  let parsed;
  try { parsed = JSON.parse(line); } catch { continue; }
  for (const d of parsed.diagnostics ?? []) {
    if (d.severity === 'error' && !firstDiag.has(d.file)) firstDiag.set(d.file, d);
  }
}

// --- report -------------------------------------------------------------------
const MB = 1e6;
const fmt = (x, d = 2) => x.toFixed(d);
// `split` adds the per-file columns that keep start-up cost and the two
// large .js files apart.
function table(list, refRow, refTsRow, split = false) {
  const nTs = tsFiles.length, nJs = files.length - nTs;
  const head = `| Tool | Mode | Files | Input MB | Wall s, best (median) | MB/s | ms/file |${split ? ` ms/file, ${nTs} .ts | s for the ${nJs} .js |` : ''} Time vs hmrc | Outputs | Exit |`;
  const sep = `|---|---|--:|--:|--:|--:|--:|${split ? '--:|--:|' : ''}--:|--:|---|`;
  const body = list.map((r) => {
    const extra = split ? ` ${fmt(r.parts.ts / nTs)} | ${fmt(r.parts.js / 1000)} |` : '';
    const bytes = sum(r.set);
    const ref = r.vsTs ? refTsRow : refRow;
    const ratio = r.ref ? '1.00× (reference)' : `${fmt(r.ms / ref.ms)}×`;
    const outputs = r.expectFiles ? `${r.outputs}/${r.expectFiles}` : '–';
    return `| ${r.tool} | ${r.mode} | ${r.set.length} | ${fmt(bytes / MB)} | ${fmt(r.ms / 1000)} (${fmt(r.median / 1000)}) | ${r.expectFiles ? fmt(bytes / MB / (r.ms / 1000), 1) : '–'} | ${fmt(r.ms / r.set.length)} |${extra} ${ratio} | ${outputs} | ${r.exit} |`;
  });
  return [head, sep, ...body].join('\n');
}

const version = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' }).trim();
const pkgVersion = (name) => JSON.parse(fs.readFileSync(path.join(nm, name, 'package.json'), 'utf8')).version;
let commit = 'unknown';
try { commit = version('git', ['-C', root, 'rev-parse', '--short', 'HEAD']); } catch {}
let buildType = 'unknown';
try { buildType = JSON.parse(fs.readFileSync(path.join(root, 'build/meson-info/intro-buildoptions.json'), 'utf8')).find((o) => o.name === 'buildtype').value; } catch {}
const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? 'unknown';

const refBatch = rows.batch.find((r) => r.ref);
const refTs = rows.batch.find((r) => r.refTs);
const refPer = rows.perFile.find((r) => r.ref);
const bunPer = rows.perFile.find((r) => r.tool === 'bun');
const perTs = (r) => r.parts.ts / tsFiles.length;

const hmrcFailed = [...new Set([...refPer.failed.map((f) => f.file), ...firstDiag.keys()])].sort();
const others = [...rows.batch, ...rows.perFile].filter((r) => r.tool !== 'hmrc' && (r.failed.length || r.notes?.length || r.exit !== 'ok'));

const corpusRows = packages.map((p) => {
  const set = files.filter((f) => f.pkg === `${p.name}@${p.version}`);
  const what = set.length === 1 ? `\`${path.relative(dirName(p.name), set[0].rel)}\`` : 'every shipped `.ts` file except `.d.ts`';
  return `| ${p.name}@${p.version} | ${what} | ${set.length} | ${fmt(sum(set) / MB)} |`;
});

const caveat = 'Every tool does the same job here: TypeScript to JavaScript, no bundling, no minification; hmrc also removes `import.meta.hot` (`--prod`).';

const claim = (h, b) => `${h <= b ? 'holds' : 'does not hold'} (${fmt(h)} ms for hmrc, ${fmt(b)} ms for Bun)`;
const perFileClaim = `${claim(refPer.ms / files.length, bunPer.ms / files.length)} over the whole corpus and ${claim(perTs(refPer), perTs(bunPer))} over the ${tsFiles.length} .ts files alone`;

const esbuildBatch = rows.batch.find((r) => r.tool === 'esbuild' && !r.vsTs);
const esbuildTs = rows.batch.find((r) => r.tool === 'esbuild' && r.vsTs);
const batchClaimOf = (h, e) => `${h.ms <= e.ms ? 'holds' : 'does not hold'} (${fmt(h.ms / 1000)} s for hmrc, ${fmt(e.ms / 1000)} s for esbuild: ${fmt(e.ms / h.ms)}× esbuild's throughput)`;
const batchClaim = `${batchClaimOf(refBatch, esbuildBatch)} over the whole corpus and ${batchClaimOf(refTs, esbuildTs)} over the ${tsFiles.length} .ts files alone`;

// Phases from parse-bench: each is the difference between two cumulative
// measurements, so they add up to the compile total.
function phaseTable() {
  const col = (p) => {
    const parts = [p.parse_ms, p.walk_ms - p.parse_ms, p.analyze_ms - p.walk_ms, p.compile_ms - p.analyze_ms, p.compile_ms];
    // A phase that costs next to nothing can come out a hair below zero
    // (each is a difference of two best-of-N times): show it as zero.
    return parts.map((x) => Math.max(0, x)).map((ms, i) => ({ s: fmt(ms / 1000), mbs: i === 0 || i === 4 ? fmt(p.bytes / MB / (ms / 1000), 1) : '–', share: `${fmt((100 * ms) / p.compile_ms, 0)}%` }));
  };
  const a = col(phaseAll), t = col(phaseTs);
  const names = [
    "tree-sitter's parse (including freeing the tree)",
    "tree-sitter's TreeCursor visiting every node (a bare walk)",
    "hmrc's one walk: analysis, with TypeScript erasure riding along (`src/analysis/analysis.cpp`, `src/transform/typescript/erase.cpp`)",
    'the rest of `compile()`: syntax-error check, TypeScript repairs (when the grammar needs them), the passes after the walk, output',
    '**compile total**',
  ];
  const lines = names.map((n, i) => `| ${n} | ${a[i].s} | ${a[i].mbs} | ${a[i].share} | ${t[i].s} | ${t[i].mbs} | ${t[i].share} |`);
  return `| Phase | CPU s, ${phaseAll.files} files (${fmt(phaseAll.bytes / MB)} MB) | MB/s | Share | CPU s, ${phaseTs.files} .ts files (${fmt(phaseTs.bytes / MB)} MB) | MB/s | Share |
|---|--:|--:|--:|--:|--:|--:|
${lines.join('\n')}`;
}
const afterParse = (p) => {
  const after = p.compile_ms - p.parse_ms, cursor = p.walk_ms - p.parse_ms;
  return `${fmt((100 * cursor) / after, 0)}% is tree-sitter's cursor stepping through the tree, which any walk over it pays, and ${fmt((100 * (after - cursor)) / after, 0)}% is hmrc's analysis and passes`;
};
const ownShare = (p) => `${fmt((100 * (p.compile_ms - p.parse_ms)) / p.compile_ms, 0)}%`;

const batchTable = table(rows.batch, refBatch, refTs);
const perFileTable = table(rows.perFile, refPer, refPer, true);

const md = `# Benchmarks

Generated by \`tools/bench/run\`; do not edit by hand. Reproduce with:

\`\`\`sh
tools/bench/run
\`\`\`

${caveat}
${disturbed()}
## Setup

- hmrc: \`${version(hmrc, ['--version'])}\`, checkout at commit ${commit}, built with \`ninja -C build\` (meson buildtype ${buildType})
- esbuild ${version(esbuild, ['--version'])} (native \`@esbuild/linux-x64\` binary), @swc/core ${pkgVersion('@swc/core')}, oxc-transform ${pkgVersion('oxc-transform')}, bun ${version(bun, ['--version'])}, ts-blank-space ${pkgVersion('ts-blank-space')} (with typescript ${pkgVersion('typescript')}), node ${process.version}
- machine: ${os.availableParallelism()} cores (\`nproc\`), ${cpu}, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB RAM, Linux ${os.release()}
- conditions: ${fmt(busyBefore * 100, 0)}% of the CPU busy in the second before the start; during the ${fmt(wallS, 0)} s of timed runs, ${fmt(elsewhereS, 1)} CPU-seconds went to processes other than the benchmark's (out of ${fmt(wallS * jobs, 0)})
- runs: batch and in-process rows are the best of ${BATCH_RUNS} runs after one untimed warm-up, per-file rows the best of ${PER_FILE_RUNS}; each run writes into an emptied output folder, and the rows take turns so that a passing disturbance hits every tool alike. Other work on the machine only adds time, so the best run is the figure used; the median is shown beside it

### Corpus

Built by the benchmark from npm tarballs whose sha512 integrity is pinned in \`tools/bench/corpus.mjs\`, into \`bench-out/corpus\` (git-ignored).

| Package | Files taken | Files | MB |
|---|---|--:|--:|
${corpusRows.join('\n')}
| **total** | | **${files.length}** | **${fmt(sum(files) / MB)}** |

Test files count as sources when the tarball ships them (zod does: ${files.filter((f) => /(^|\/)tests?\//.test(f.rel)).length} files under \`tests/\`); \`.tsx\` files are left out. MB is 10⁶ bytes of input. Every tool gets the same files, in the same order; the loader comes from the extension.

## One process for the whole corpus, or one in-process pass

"Time vs hmrc" is this row's wall time divided by hmrc batch -j ${jobs} (ts-blank-space: by hmrc on the same \`.ts\`-only subset); below 1 means faster than hmrc.

${batchTable}

- hmrc, esbuild and bun spread the files over threads; the in-process rows run the synchronous API on one thread and include reading and writing the files and loading the tool (node's own start-up is not counted).
- \`typescript.js\` alone is ${fmt(files.find((f) => f.rel.endsWith('typescript.js')).bytes / MB)} MB of the ${fmt(sum(files) / MB)} MB, and one file cannot be split over threads, so it bounds every batch time from below.
- ts-blank-space only handles TypeScript, so the two \`.js\` files are skipped in its row.
- @swc/core: TypeScript stripped (\`jsc.parser.syntax: typescript\` for \`.ts\`), target esnext, no minify, no source maps. oxc-transform: target esnext, no source maps. esbuild and bun: defaults, no bundling, no minify.

## One process per file

Each file is compiled by its own process, run back to back (no parallelism) from one \`sh\` script; "Time vs hmrc" divides by hmrc's per-file row.

${perFileTable}

"One hmrc process per file costs no more than Bun's per-file time": ${perFileClaim}, as a mean per file. The /bin/true row is the cost of \`sh\` + fork/exec alone.

## Targets

- "\`hmrc --prod\` as one batch using all cores has at least esbuild's throughput with the same cores": ${batchClaim}.
- "One process per file costs no more than Bun's": ${perFileClaim}, as a mean per file.
- What bounds hmrc on the whole corpus: \`${path.basename(phaseAll.largest.file)}\` (${fmt(phaseAll.largest.bytes / MB)} MB in one file, so on one core) takes ${fmt(phaseAll.largest.parse_ms / 1000)} s of CPU for tree-sitter's parse alone and ${fmt(phaseAll.largest.compile_ms / 1000)} s for hmrc's whole compile, and no batch or per-file run can take less. For scale: esbuild's whole batch took ${fmt(esbuildBatch.ms / 1000)} s of wall time in this run, and Bun compiled the ${files.length - tsFiles.length} .js files, one process each, in ${fmt(bunPer.parts.js / 1000)} s. tree-sitter parses at ${fmt(phaseAll.bytes / MB / (phaseAll.parse_ms / 1000), 1)} MB/s per core, so on this corpus the targets depend on the parser's speed more than on hmrc's own work; the .ts rows show them where no single file dominates.

How hmrc gets there, and what each step bought when it was made (CPU time or instructions, so that a busy machine does not blur them; the commit messages carry the details):

- tree-sitter's allocations go to a per-tree arena (\`src/parser/tree_sitter/arena.cpp\`), so a tree is freed by dropping a few blocks, reused by the next file, instead of node by node: 0.86× CPU for \`hmrc --prod typescript.js\`, 0.88× for the whole corpus as one batch;
- 8-byte rather than 16-byte arena block headers: 0.88× CPU for typescript.js and three.module.js (parse-bench), and typescript.js's peak memory back to what it was before the arena;
- the tree-sitter runtime built at -O3 instead of -O2: 0.97× instructions (callgrind, three.module.js);
- a batch starts its largest inputs first and uses one thread per core, so a big file is not left to finish alone (not measurable on this busy machine; it only changes the order);
- the binary is static, so a process loads no shared libraries when it starts.
- one walk over the tree: TypeScript erasure rides along the analysis walk, token starts are collected only for a source map, ts_repair walks the tree only when the parse has errors or the walk saw a shape the grammar misreads, and repaired copies are reparsed incrementally: 0.72× instructions for the .ts files as one batch (callgrind, 8.87 G to 6.35 G), and hmrc's CPU time beyond the parse on them 395 ms to 154 ms (parse-bench).

Tried and left out: huge pages for the arena (\`MADV_HUGEPAGE\`: a tenth of the page faults but three times the system time) and pre-faulting arena blocks (\`MADV_POPULATE_WRITE\`: no change).

## Where hmrc's time goes

\`build/tools/bench/parse-bench\` compiles every file in one process on one thread and splits the time into cumulative phases (thread CPU time, each file's best of ${PARSE_ROUNDS} rounds; the ${phaseAll.failed} files hmrc rejects are left out, since \`compile()\` stops before its passes there). Start-up, reading and writing files and thread scheduling are not in it; the CLI rows above add those.

${phaseTable()}

tree-sitter's parse alone runs at ${fmt(phaseAll.bytes / MB / (phaseAll.parse_ms / 1000), 1)} MB/s per core here (${fmt(phaseTs.bytes / MB / (phaseTs.parse_ms / 1000), 1)} MB/s on the .ts files). Everything after the parse is ${ownShare(phaseAll)} of the compile time (${ownShare(phaseTs)} on the .ts files). Of that, ${afterParse(phaseAll)}.

## Files hmrc failed on

${hmrcFailed.length === 0 ? 'None: hmrc exited 0 on every file.' : failureSection()}

## Other tools' failures and notes

${others.length === 0 ? 'None of the other tools failed on any file.' : others.map(otherNotes).join('\n')}
`;

// A run where most of the CPU went elsewhere still gives side-by-side
// ratios, but the reader should know how much to trust them.
function disturbed() {
  const share = elsewhereS / (wallS * jobs);
  if (share < 0.25) return '';
  return `\n**This run was disturbed: ${fmt(share * 100, 0)}% of the CPU time during it went to other processes, so every wall time is inflated and the ratios are rougher than usual. The parse-bench phases (thread CPU time) are the steadiest figures here.**\n`;
}

function failureSection() {
  // A file every compiling peer turned into output without an error is valid
  // TypeScript, so hmrc's rejection of it is a grammar limit.
  const peers = rows.batch.filter((r) => r.tool !== 'hmrc' && r.tool !== 'ts-blank-space' && !r.vsTs);
  const accepted = hmrcFailed.filter((f) => peers.every((r) => r.exit === 'ok' && !r.failed.some((x) => x.file === f)));
  const lines = hmrcFailed.map((f) => {
    const d = firstDiag.get(f);
    const where = d ? `${d.line}:${d.column} ${d.message.replaceAll('|', '\\|')}` : 'non-zero exit';
    return `| \`${f}\` | ${where} | ${likelyCause(f, d)} |`;
  });
  return `hmrc exits 1 on ${hmrcFailed.length} of ${files.length} files (the batch run still compiles the others, and exits 1). ${accepted.length} of them went through ${peers.map((r) => r.tool).join(', ')} without an error, so there hmrc's grammar is the limit. First error per file, and a guess at the construct behind it:

| File | First error | Likely cause (heuristic) |
|---|---|---|
${lines.join('\n')}`;
}

// Two constructs account for the failures seen so far; naming them makes the
// table actionable. Only a hint: it reads the source, not hmrc's parse.
function likelyCause(rel, d) {
  if (!d) return '–';
  const src = fs.readFileSync(path.join(corpusDir, rel), 'utf8');
  const line = src.split('\n')[d.line - 1] ?? '';
  if (/(^|[<,])\s*(in\s+out|in|out)\s+[A-Za-z_$][\w$]*\s*(extends\b|=|,|>|$)/.test(line)) return 'variance annotation (`in`/`out`) on a type parameter';
  // A generic call signature opening a line, right after a member with no `;`:
  // TypeScript ends the member at the line break, the grammar reads `<` as
  // type arguments of the type before it.
  const code = src.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, '')).replace(/\/\/.*$/gm, '').split('\n');
  let prev = '';
  // The error may sit on the line before the `<` (right after the member).
  for (let i = 0; i < Math.min(d.line + 1, code.length); i++) {
    const l = code[i].trim();
    if (!l) continue;
    if (/^<([A-Za-z_$][\w$]*(\s+extends\b|\s*[,=>])|$)/.test(l) && prev && !/[;{,(]$/.test(prev)) return `generic call signature \`<…>(…)\` on line ${i + 1} after a member with no \`;\``;
    prev = l;
  }
  return '–';
}

function otherNotes(r) {
  const parts = [];
  if (r.exit !== 'ok') parts.push(r.exit);
  if (r.failed.length) parts.push(`errors in ${r.failed.length} file(s): ${summarize(r.failed)}`);
  if (r.notes?.length) parts.push(`${r.notes.length} file(s) with syntax it declines (its output keeps that syntax, so it is not valid JavaScript there): ${summarize(r.notes)}`);
  return `- ${r.tool} (${r.mode}): ${parts.join('; ')}`;
}

// Groups { file, message } by message, naming a few files of each.
function summarize(list) {
  const by = new Map();
  for (const f of list) by.set(f.message, [...(by.get(f.message) ?? []), f.file]);
  return [...by].map(([msg, set]) => `${msg} (${set.length}: ${set.slice(0, 4).map((x) => `\`${x}\``).join(', ')}${set.length > 4 ? ', …' : ''})`).join('; ');
}

// The dev-server section (tools/bench/serve-run) follows a marker line and is
// kept as it is: each harness rewrites only its own part of the file.
const SERVE_MARKER = '<!-- dev server benchmarks -->';
const docPath = path.join(root, 'docs/benchmarks.md');
const previous = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '';
const serveSection = previous.includes(SERVE_MARKER) ? previous.slice(previous.indexOf(SERVE_MARKER)) : '';
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
fs.writeFileSync(docPath, serveSection ? `${md}\n${serveSection}` : md);
console.log(`${caveat}\n\n${batchTable}\n\n${perFileTable}\n\n${phaseTable()}\n\nBatch claim (hmrc ≥ esbuild throughput): ${batchClaim}.\nPer-file claim (hmrc ≤ Bun per file): ${perFileClaim}.`);
if (hmrcFailed.length) console.log(`\nhmrc failed on ${hmrcFailed.length} file(s): ${hmrcFailed.join(', ')}`);
console.log('\nwrote docs/benchmarks.md');
