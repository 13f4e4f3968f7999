// One timed pass of an in-process transformer over the corpus, run in a fresh
// node process per repetition so each pass starts cold, like a CLI run does.
// Usage: node inproc.mjs TOOL LIST_FILE CORPUS_DIR OUT_DIR
// Prints JSON: { ms, files, bytes, failed, notes }, the last two lists of
// { file, message }: errors, and syntax the tool declines but reports.
import fs from 'node:fs';
import path from 'node:path';

const [tool, listFile, corpusDir, outDir] = process.argv.slice(2);
const rels = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);

// Each returns { code, error?, note? }; the loader comes from the extension, as the
// CLIs decide it.
const tools = {
  async swc() {
    const swc = await import('@swc/core');
    return (src, file) => {
      const ts = file.endsWith('.ts');
      const { code } = swc.transformSync(src, {
        filename: file,
        swcrc: false,
        configFile: false,
        sourceMaps: false,
        minify: false,
        isModule: 'unknown',
        jsc: { parser: ts ? { syntax: 'typescript' } : { syntax: 'ecmascript' }, target: 'esnext' },
      });
      return { code };
    };
  },
  async oxc() {
    const oxc = await import('oxc-transform');
    return (src, file) => {
      const r = oxc.transformSync(file, src, { target: 'esnext', sourcemap: false });
      return { code: r.code, error: r.errors.length ? r.errors[0].message : undefined };
    };
  },
  async 'ts-blank-space'() {
    const { default: blank } = await import('ts-blank-space');
    // Already loaded by ts-blank-space; only used to name what it refuses.
    const { default: ts } = await import('typescript');
    const what = (kind) => (/^(Public|Private|Protected|Readonly)Keyword$/.test(kind) ? 'parameter property'
      : { EnumDeclaration: 'enum', ModuleDeclaration: 'namespace' }[kind] ?? kind);
    return (src) => {
      let note;
      const code = blank(src, (node) => { note ??= `unsupported ${what(ts.SyntaxKind[node.kind])}`; });
      return { code, note };
    };
  },
};

const start = process.hrtime.bigint();
const transform = await tools[tool]();
const made = new Set();
const failed = [], notes = [];
let bytes = 0;
for (const rel of rels) {
  const src = fs.readFileSync(path.join(corpusDir, rel), 'utf8');
  bytes += Buffer.byteLength(src);
  let result;
  try {
    result = transform(src, rel);
  } catch (e) {
    failed.push({ file: rel, message: String(e.message ?? e).split('\n')[0] });
    continue;
  }
  if (result.error) failed.push({ file: rel, message: result.error.split('\n')[0] });
  if (result.note) notes.push({ file: rel, message: result.note });
  const out = path.join(outDir, rel.replace(/\.ts$/, '.js'));
  const dir = path.dirname(out);
  if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
  fs.writeFileSync(out, result.code);
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ ms, files: rels.length, bytes, failed, notes }));
