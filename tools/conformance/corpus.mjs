// The conformance corpus: TypeScript and JSX sources from pinned npm tarballs,
// fetched with `npm pack` and checked against the registry's sha512 integrity,
// so every run (and every machine) checks the very same bytes.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const isSource = (p) => /\.(ts|tsx|mts|cts|jsx)$/.test(p) && !/\.d\.[mc]?ts$/.test(p);

// `pick(pathInTarball)` returns the path to store the file under, or null to
// leave it out. Everything a package ships as source is taken, tests included
// where the tarball has them: the point is real-world code, not a subset that
// happens to pass.
export const packages = [
  {
    name: 'rxjs', version: '7.8.2',
    integrity: 'sha512-dhKf903U/PQZY6boNNtAGdWbG85WAbjT/1xYoZIC7FAY0yWapOBQVsVrDl58W86//e1VpMNBtRV4MaXfdMySFA==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: 'zod', version: '4.6.7',
    integrity: 'sha512-g8W2D2kU6a8untc053fX1uVBKzM7yqAxW/3zwk83+6RyF2+SKOuV+c0wBDhUwzV1PaGapmZH+rmcUzPf+3CGwg==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: '@reduxjs/toolkit', version: '2.14.0',
    integrity: 'sha512-m/PxMwRe0xLL6XUsAgy0YjInklHcfi9uMwFhJk+QINqjxqPvyc89T5cMjszA5bDmTE0gwGc7zr9LRO4gL+mhaw==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: '@tanstack/react-query', version: '5.108.0',
    integrity: 'sha512-DpMbB8pVorEZcsHRa0Z13KQGfmndqvJbuLy9h+xfP8XpuEZBOxzq+QfXGonQ0fAgRSWhc+QsfoRETSTWxAEAVw==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  // JSX-heavy packages that ship their sources.
  {
    name: '@tanstack/react-router', version: '1.170.46',
    integrity: 'sha512-ez1iNIhsPjGlaDHg3BXWs67EWVIYzB2tbopEHYDESdkO7owgkGb5de52+5Kv2v1fxdkggcNzo35bdk4arTVGQw==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: 'react-redux', version: '9.3.1',
    integrity: 'sha512-vxMLT0lalUjbZPkoTepWyKAZbjIIFssNx/CEL9lTfwQBU6XpkGSmCNdcCIrkOBUgB68uftZMnbXVb6DwGnhRKQ==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: 'react-hot-toast', version: '2.6.1',
    integrity: 'sha512-gjFsf05dxcku0FkyMtFH+XmYFdA2odXfBVknEr/IZ+XpUjwsgvtY2616sOpUynK+l9ykQDRNpaJ1hYfuximUiA==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    // src/theme holds the components as .tsx; lib/theme holds the same
    // components with types stripped and JSX kept (for `swizzle`), as .js
    // files. Those are stored as .jsx, which is what they are.
    name: '@docusaurus/theme-classic', version: '3.10.2',
    integrity: 'sha512-JqTSLQmqmA9uKWZsD5iwBGJ4JyKB4/yTw6PsSXVPRJG/6GAm/u+add9Iip+hvwP12/AnPNztrdxsI14NJW4KeA==',
    pick: (p) => {
      if (p.startsWith('src/') && isSource(p)) return p;
      if (p.startsWith('lib/theme/') && p.endsWith('.js')) return p.replace(/\.js$/, '.jsx');
      return null;
    },
  },
];

export const dirName = (name) => name.replace(/^@/, '').replace('/', '-');

function walk(dir, base = dir, acc = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, acc);
    else if (e.isFile()) acc.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return acc;
}

function fetchPackage(pkg, dest) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hmrc-conformance-'));
  try {
    const spec = `${pkg.name}@${pkg.version}`;
    console.error(`conformance: npm pack ${spec}`);
    const tgz = execFileSync('npm', ['pack', '--silent', spec], { cwd: tmp, encoding: 'utf8' })
      .trim().split('\n').pop();
    const digest = 'sha512-' + createHash('sha512').update(fs.readFileSync(path.join(tmp, tgz))).digest('base64');
    if (digest !== pkg.integrity) throw new Error(`${spec}: integrity mismatch, got ${digest}`);
    const unpacked = path.join(tmp, 'x');
    fs.mkdirSync(unpacked);
    execFileSync('tar', ['xzf', path.join(tmp, tgz), '-C', unpacked, '--strip-components=1']);
    fs.rmSync(dest, { recursive: true, force: true });
    let count = 0;
    for (const rel of walk(unpacked)) {
      const to = pkg.pick(rel);
      if (!to) continue;
      fs.mkdirSync(path.join(dest, path.dirname(to)), { recursive: true });
      fs.copyFileSync(path.join(unpacked, rel), path.join(dest, to));
      count++;
    }
    if (!count) throw new Error(`${spec}: the tarball ships no sources`);
    fs.writeFileSync(path.join(dest, '.pinned'), `${spec} ${pkg.integrity}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// Fetches what is missing or stale; returns [{ rel, abs, pkg }] sorted by rel,
// rel being the path below corpusDir with '/' separators.
export function ensureCorpus(corpusDir) {
  const files = [];
  for (const pkg of packages) {
    const dest = path.join(corpusDir, dirName(pkg.name));
    const stamp = `${pkg.name}@${pkg.version} ${pkg.integrity}\n`;
    let pinned = '';
    try { pinned = fs.readFileSync(path.join(dest, '.pinned'), 'utf8'); } catch {}
    if (pinned !== stamp) fetchPackage(pkg, dest);
    for (const rel of walk(dest).filter((p) => p !== '.pinned')) {
      files.push({ rel: `${dirName(pkg.name)}/${rel}`, abs: path.join(dest, rel), pkg: `${pkg.name}@${pkg.version}` });
    }
  }
  return files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}
