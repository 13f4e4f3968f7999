// Builds the benchmark corpus from pinned npm tarballs, so every run (and
// every machine) times the very same bytes.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Integrity strings as the registry published them: a republished or
// tampered tarball must fail loudly rather than silently change the numbers.
export const packages = [
  {
    name: 'rxjs', version: '7.8.2',
    integrity: 'sha512-dhKf903U/PQZY6boNNtAGdWbG85WAbjT/1xYoZIC7FAY0yWapOBQVsVrDl58W86//e1VpMNBtRV4MaXfdMySFA==',
    pick: isTsSource,
  },
  {
    name: 'zod', version: '4.6.7',
    integrity: 'sha512-g8W2D2kU6a8untc053fX1uVBKzM7yqAxW/3zwk83+6RyF2+SKOuV+c0wBDhUwzV1PaGapmZH+rmcUzPf+3CGwg==',
    pick: isTsSource,
  },
  {
    name: '@reduxjs/toolkit', version: '2.14.0',
    integrity: 'sha512-m/PxMwRe0xLL6XUsAgy0YjInklHcfi9uMwFhJk+QINqjxqPvyc89T5cMjszA5bDmTE0gwGc7zr9LRO4gL+mhaw==',
    pick: isTsSource,
  },
  // From the conformance corpus (tools/conformance/corpus.mjs): the styles
  // that break compilers, overloads with doc comments (effect's public
  // modules), typed SQL templates, state libraries.
  {
    name: 'effect', version: '3.22.4',
    integrity: 'sha512-RNshu7AXVxxDh6aS4lothhJ+QoZ4xSykbWNaaVdvDN72RMyVwhCGdALkyl1TbEydgAmRIdD1eTyJqBUGwSBGDA==',
    pick: (p) => /^src\/[^/]+\.ts$/.test(p) && isTsSource(p),
  },
  {
    name: '@effect/sql', version: '0.52.1',
    integrity: 'sha512-dUVPjlUgpga6sDa/MtYipHAqzHx2St41hxI00nXTBt4IBBJaf2lTGaOvlEoBg/q6PHVAgSoKnxe19pWUvabC9g==',
    pick: (p) => p.startsWith('src/') && isTsSource(p),
  },
  {
    name: 'slonik', version: '47.3.2',
    integrity: 'sha512-gbzt62FY9QHqlAbrt5ske2huEtiXJCrWH5PkwZ6t4ZVsZgVX+qDYRvdgiWEjxvm0mSFSuYDhp1SDsdo17+Nydg==',
    pick: (p) => p.startsWith('src/') && isTsSource(p),
  },
  {
    name: 'mobx', version: '7.1.3',
    integrity: 'sha512-H2NcS5ylMsqYn7v4WpSdzv5YWPmw5XTV6pG2NvY0qYbh95FXbswZJ7pn7wU0rOtUvRzk+3t4AOX2eircoN+vBg==',
    pick: (p) => p.startsWith('src/') && isTsSource(p),
  },
  {
    name: 'immer', version: '11.2.14',
    integrity: 'sha512-Xujh/D+NWN1mM/eJb30ASOOTrI74DA6BV+SdkvfeIvHt8Pk70h0lP5l4LRIvBcEujxbw7LbVTFvcxgGg6pgvKA==',
    pick: (p) => p.startsWith('src/') && isTsSource(p),
  },
  {
    name: 'three', version: '0.187.0',
    integrity: 'sha512-Qiu7R+Cmh8CstZsY1uJOSWnVlfo7ZtNLV7mF8Jltk3LB3AtDu9cRZlcnRKkAk8Y4z6KKw35z7Y7Urd7jWY8etA==',
    pick: (p) => p === 'build/three.module.js',
  },
  {
    name: 'typescript', version: '5.9.3',
    integrity: 'sha512-jl1vZzPDinLr9eUt3J/t7V6FgNEw9QjvBPdysz9KfQDD41fQrC2Y4vKQdiaUpFT4bXlb1RHhLpp8wtm6M5TgSw==',
    pick: (p) => p === 'lib/typescript.js',
  },
];

// Everything the package ships as .ts, tests included where the tarball has
// them (zod does): the point is real-world TypeScript, not a curated subset.
function isTsSource(p) {
  return p.endsWith('.ts') && !p.endsWith('.d.ts');
}

export const dirName = (name) => name.replace(/^@/, '').replace('/', '-');

function walk(dir, base = dir, acc = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, acc);
    else if (e.isFile()) acc.push(path.relative(base, p));
  }
  return acc;
}

function fetchPackage(pkg, dest) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hmrc-bench-'));
  try {
    const spec = `${pkg.name}@${pkg.version}`;
    console.error(`corpus: npm pack ${spec}`);
    const tgz = execFileSync('npm', ['pack', '--silent', spec], { cwd: tmp, encoding: 'utf8' }).trim().split('\n').pop();
    const digest = 'sha512-' + createHash('sha512').update(fs.readFileSync(path.join(tmp, tgz))).digest('base64');
    if (digest !== pkg.integrity) throw new Error(`${spec}: integrity mismatch, got ${digest}`);
    const unpacked = path.join(tmp, 'x');
    fs.mkdirSync(unpacked);
    execFileSync('tar', ['xzf', path.join(tmp, tgz), '-C', unpacked, '--strip-components=1']);
    fs.rmSync(dest, { recursive: true, force: true });
    const picked = walk(unpacked).filter(pkg.pick);
    if (!picked.length) throw new Error(`${spec}: no files picked`);
    for (const rel of picked) {
      fs.mkdirSync(path.join(dest, path.dirname(rel)), { recursive: true });
      fs.copyFileSync(path.join(unpacked, rel), path.join(dest, rel));
    }
    fs.writeFileSync(path.join(dest, '.pinned'), `${spec} ${pkg.integrity}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// Returns [{ rel, abs, bytes, pkg }] sorted by path; rel is relative to corpusDir.
export function ensureCorpus(corpusDir) {
  const files = [];
  for (const pkg of packages) {
    const dest = path.join(corpusDir, dirName(pkg.name));
    const stamp = `${pkg.name}@${pkg.version} ${pkg.integrity}\n`;
    let pinned = '';
    try { pinned = fs.readFileSync(path.join(dest, '.pinned'), 'utf8'); } catch {}
    if (pinned !== stamp) fetchPackage(pkg, dest);
    for (const rel of walk(dest).filter((p) => p !== '.pinned').sort()) {
      const abs = path.join(dest, rel);
      files.push({ rel: path.relative(corpusDir, abs), abs, bytes: fs.statSync(abs).size, pkg: `${pkg.name}@${pkg.version}` });
    }
  }
  return files;
}
