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
  // Functional libraries: overloads with doc comments on every member (data-first and data-last), deep generics.
  {
    // Only the modules at the top of src/ (the public API: every function
    // overloaded data-first and data-last, a doc comment on each), not
    // src/internal, to keep the run short.
    name: 'effect', version: '3.22.4',
    integrity: 'sha512-RNshu7AXVxxDh6aS4lothhJ+QoZ4xSykbWNaaVdvDN72RMyVwhCGdALkyl1TbEydgAmRIdD1eTyJqBUGwSBGDA==',
    pick: (p) => (/^src\/[^/]+$/.test(p) && isSource(p) ? p : null),
  },
  {
    name: 'true-myth', version: '9.4.0',
    integrity: 'sha512-NQP/xMI25jtwk7mDBgA0VS+xdVWUqDaxrTofvx1gfhc5PQwMyA1V39oERLvPrCbI3+6S29fIkivy2ZXdzNY3kQ==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  // SQL with typed tagged templates (sql<Row>`...`).
  {
    name: '@effect/sql', version: '0.52.1',
    integrity: 'sha512-dUVPjlUgpga6sDa/MtYipHAqzHx2St41hxI00nXTBt4IBBJaf2lTGaOvlEoBg/q6PHVAgSoKnxe19pWUvabC9g==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: 'slonik', version: '47.3.2',
    integrity: 'sha512-gbzt62FY9QHqlAbrt5ske2huEtiXJCrWH5PkwZ6t4ZVsZgVX+qDYRvdgiWEjxvm0mSFSuYDhp1SDsdo17+Nydg==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  // State libraries.
  {
    name: 'mobx', version: '7.1.3',
    integrity: 'sha512-H2NcS5ylMsqYn7v4WpSdzv5YWPmw5XTV6pG2NvY0qYbh95FXbswZJ7pn7wU0rOtUvRzk+3t4AOX2eircoN+vBg==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: 'immer', version: '11.2.14',
    integrity: 'sha512-Xujh/D+NWN1mM/eJb30ASOOTrI74DA6BV+SdkvfeIvHt8Pk70h0lP5l4LRIvBcEujxbw7LbVTFvcxgGg6pgvKA==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: '@tanstack/store', version: '0.11.2',
    integrity: 'sha512-sJ4mjol8uQsHV0gOJzzjwXfh2Fwm+Sz0+8deqiTm4jGbMdjzNSW+xZCFm0kUa870uhd8yi+DpKnZb5Kc4apa0Q==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: '@preact/signals-core', version: '1.14.5',
    integrity: 'sha512-vcRv7Ityz5JVmeiVqIluLFzT/PDS/AlhHUpw3/aUWqcVUs6bDGIPXE/6RSC4evBNWYvnniozg5Syfj33al3gkg==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  // Validation, routing and query cores with deep generics.
  {
    name: '@trpc/server', version: '11.25.2',
    integrity: 'sha512-zfFwyroSYSYlsAGo7yezGM+gAhHRBD9LyVMkXyCjWM2JuhorKGzl2fBzEUjHSKTtYlJ8l6DR3LHsBHBCTmAofQ==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: '@tanstack/form-core', version: '1.33.5',
    integrity: 'sha512-3dfx9MBP0aq5sXKteikG629X9oviptrQj0IFRk9YGcb+lB7Kv5x8S17oOSk1wUWgjQZ4xVJEMbKwOAODymocgA==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: '@tanstack/query-core', version: '5.108.4',
    integrity: 'sha512-2Ks5dlLWz4eXJrthOyG0qW3SLt3xx0RrQmAmN0rnmogiaaOYuWiAe6HAm9KE2b2v8nig+vraNz8fsfZ6fF6zFg==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: '@tanstack/virtual-core', version: '3.19.13',
    integrity: 'sha512-CyCvMm7m5JuvPW6eMPZkZBZk6diySrlUQNNRpQPiEnh2vakyghx82Hw3wW2THFUsl6xJ6uM4lSUaiA2T0oYW8w==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  // Decorators, legacy (experimentalDecorators) and standard: their files fail with TS003 until decorators are compiled.
  {
    name: '@loopback/context', version: '8.0.15',
    integrity: 'sha512-NNFRISR+tCYV7DX0/lHNUfF993dCWkyXoWT7Mv83IZb3a2xAeK3HKILrUxwTQri0y0PsVVXrJbsnonPg/NJBwQ==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
  },
  {
    name: 'mobx-keystone', version: '2.2.0',
    integrity: 'sha512-5rTMxV2fjysF2bR96n4pJJFXbzrH76NTF+kOGZev87I4FYLYWVtmqrbaZsm7bOY4QRi0mZn+IuZu6/vieallrA==',
    pick: (p) => (p.startsWith('src/') && isSource(p) ? p : null),
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
