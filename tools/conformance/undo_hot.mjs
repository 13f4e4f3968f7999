// Undoes the HMR instrumentation `hmrc --dev` adds (docs/hmr-design.md,
// src/transform/hot/exports.cpp and hot/dev.cpp), so that a dev module can be
// compared with esbuild's jsxDev output like a prod module is. Each rule
// matches one shape hmrc prints, with hmrc's own `__hmrc_` names only; any
// other code, including a real difference next to the instrumentation, is
// left for the comparison to see.
//
//   import { createHotContext as __hmrc_createHotContext } from "/@hmrc/runtime.js";
//   const __hmrc_hot = __hmrc_createHotContext(id, { url: import.meta.url, ... });
//       -> dropped (the first two statements after the directive prologue)
//   Object.defineProperty(__hmrc_default, "name", { value: "default", configurable: true });
//       -> dropped after the header (hoisted `export default function __hmrc_default`),
//          after `let __hmrc_default = <anonymous function, arrow or class>`
//          and after `export default class __hmrc_default {}`
//   export default function __hmrc_default() {}     -> export default function () {}
//   let __hmrc_default = e; ... export { __hmrc_default as default };  -> export default e;
//   __hmrc_hot.w(x = 1, "x")                         -> x = 1 (an assignment or update only)
//   for (x of xs) { __hmrc_hot.w(0, "x"); body }     -> for (x of xs) body
//   function __hmrc_set(__hmrc_n, __hmrc_v) { switch (__hmrc_n) { case "x": x = __hmrc_v; break; } }
//       -> dropped (last statement, or the one before the default export)
//
// `export const` becoming `export let` cannot be undone from the output alone:
// restoreConst (run on normalised trees) makes a top-level `let` a `const`
// where the reference declares the same names `const` and hmrc's module never
// writes them.

const HOT = '__hmrc_hot';
const DEFAULT = '__hmrc_default';

const isId = (n, name) => n?.type === 'Identifier' && n.name === name;
const isString = (n, value) => n?.type === 'Literal' && typeof n.value === 'string' && (value === undefined || n.value === value);
const keyName = (k) => (k.type === 'Identifier' ? k.name : k.type === 'Literal' ? String(k.value) : null);

function isHeaderImport(s) {
  return s?.type === 'ImportDeclaration' && !(s.attributes?.length) && s.specifiers.length === 1 &&
    s.specifiers[0].type === 'ImportSpecifier' && keyName(s.specifiers[0].imported) === 'createHotContext' &&
    s.specifiers[0].local.name === '__hmrc_createHotContext';
}

function isHeaderContext(s) {
  if (s?.type !== 'VariableDeclaration' || s.kind !== 'const' || s.declarations.length !== 1) return false;
  const d = s.declarations[0];
  const init = d.init;
  if (!isId(d.id, HOT) || init?.type !== 'CallExpression' || !isId(init.callee, '__hmrc_createHotContext') ||
      init.arguments.length !== 2 || init.arguments[1].type !== 'ObjectExpression') return false;
  const keys = init.arguments[1].properties.map((p) => (p.type === 'Property' && !p.computed ? keyName(p.key) : null));
  const expected = ['url', 'selfAccepting', 'dependencies', 'imports'];
  return expected.every((k, i) => keys[i] === k) &&
    (keys.length === 4 || (keys.length === 5 && keys[4] === 'set' && isId(init.arguments[1].properties[4].value, '__hmrc_set')));
}

// Object.defineProperty(__hmrc_default, "name", { value: "default", configurable: true });
function isNameFix(s) {
  const c = s?.type === 'ExpressionStatement' ? s.expression : null;
  if (c?.type !== 'CallExpression' || c.arguments.length !== 3) return false;
  const callee = c.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || !isId(callee.object, 'Object') ||
      !isId(callee.property, 'defineProperty')) return false;
  const [target, name, descriptor] = c.arguments;
  if (!isId(target, DEFAULT) || !isString(name, 'name') || descriptor.type !== 'ObjectExpression') return false;
  const props = descriptor.properties;
  return props.length === 2 && props.every((p) => p.type === 'Property' && !p.computed && p.kind === 'init') &&
    keyName(props[0].key) === 'value' && isString(props[0].value, 'default') &&
    keyName(props[1].key) === 'configurable' && props[1].value.type === 'Literal' && props[1].value.value === true;
}

// function __hmrc_set(__hmrc_n, __hmrc_v) { switch (__hmrc_n) { case "x": x = __hmrc_v; break; ... } }
function isSetter(s) {
  if (s?.type !== 'FunctionDeclaration' || !isId(s.id, '__hmrc_set') || s.async || s.generator ||
      s.params.length !== 2 || !isId(s.params[0], '__hmrc_n') || !isId(s.params[1], '__hmrc_v') ||
      s.body.body.length !== 1) return false;
  const sw = s.body.body[0];
  if (sw.type !== 'SwitchStatement' || !isId(sw.discriminant, '__hmrc_n')) return false;
  return sw.cases.every((c) => isString(c.test) && c.consequent.length === 2 &&
    c.consequent[0].type === 'ExpressionStatement' && c.consequent[0].expression.type === 'AssignmentExpression' &&
    c.consequent[0].expression.operator === '=' && c.consequent[0].expression.left.type === 'Identifier' &&
    isId(c.consequent[0].expression.right, '__hmrc_v') &&
    c.consequent[1].type === 'BreakStatement' && !c.consequent[1].label);
}

function isDefaultReexport(s) {
  return s?.type === 'ExportNamedDeclaration' && !s.declaration && !s.source && s.specifiers.length === 1 &&
    isId(s.specifiers[0].local, DEFAULT) && keyName(s.specifiers[0].exported) === 'default';
}

// `let __hmrc_default = e;` where the export default was.
function isDefaultLet(s) {
  return s?.type === 'VariableDeclaration' && s.kind === 'let' && s.declarations.length === 1 &&
    isId(s.declarations[0].id, DEFAULT) && s.declarations[0].init;
}

// The values `export default` names "default" and hmrc names with the fix.
function getsDefaultName(e) {
  return e.type === 'ArrowFunctionExpression' ||
    ((e.type === 'FunctionExpression' || e.type === 'ClassExpression') && !e.id);
}

// `export default function __hmrc_default` / `class __hmrc_default`.
function namedDefault(s, type) {
  return s?.type === 'ExportDefaultDeclaration' && s.declaration.type === type && isId(s.declaration.id, DEFAULT);
}

// `__hmrc_hot.w(target-writing expression, "export", ...)`, or with 0 first.
function hotWrite(e) {
  if (e?.type !== 'CallExpression' || e.optional || e.arguments.length < 2) return null;
  const c = e.callee;
  if (c.type !== 'MemberExpression' || c.computed || c.optional || !isId(c.object, HOT) || !isId(c.property, 'w')) return null;
  if (!e.arguments.slice(1).every((a) => isString(a))) return null;
  return e.arguments[0];
}

// Replaces, in place, every `__hmrc_hot.w(...)` in the tree. Iterative.
function unwrapWrites(root) {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const inner = replacement(node[i]);
        if (inner) node[i] = inner;
      }
      stack.push(...node.filter((n) => n && typeof n === 'object'));
      continue;
    }
    if ((node.type === 'ForOfStatement' || node.type === 'ForInStatement') && node.left.type !== 'VariableDeclaration' &&
        node.body.type === 'BlockStatement' && node.body.body.length === 2 &&
        node.body.body[0].type === 'ExpressionStatement') {
      const first = hotWrite(node.body.body[0].expression);
      if (first?.type === 'Literal' && first.value === 0) node.body = node.body.body[1];
    }
    for (const [k, v] of Object.entries(node)) {
      if (!v || typeof v !== 'object' || k === 'loc') continue;
      if (!Array.isArray(v)) {
        const inner = replacement(v);
        if (inner) node[k] = inner;
      }
      stack.push(node[k]);
    }
  }
}

function replacement(n) {
  const inner = n && typeof n === 'object' ? hotWrite(n) : null;
  return inner?.type === 'AssignmentExpression' || inner?.type === 'UpdateExpression' ? inner : null;
}

// Rewrites the acorn Program `ast` in place.
export function undoHotInstrumentation(ast) {
  // The header follows the directive prologue (a `"use client"` before it
  // stays a directive; one after it is a difference the comparison shows).
  let start = 0;
  while (ast.body[start]?.directive !== undefined) start++;
  const prologue = ast.body.slice(0, start);
  let body = ast.body.slice(start);
  if (!(isHeaderImport(body[0]) && isHeaderContext(body[1]))) return ast;
  body = body.slice(2);
  const hoistedFix = isNameFix(body[0]) && body.some((s) => namedDefault(s, 'FunctionDeclaration'));
  if (hoistedFix) body = body.slice(1);
  // The trailer: the setter, then the default re-export.
  const reexport = isDefaultReexport(body.at(-1));
  if (reexport) body = body.slice(0, -1);
  if (isSetter(body.at(-1))) body = body.slice(0, -1);
  const out = [];
  for (let i = 0; i < body.length; i++) {
    const s = body[i];
    if (reexport && isDefaultLet(s)) {
      const value = s.declarations[0].init;
      out.push({ type: 'ExportDefaultDeclaration', declaration: value });
      if (getsDefaultName(value) && isNameFix(body[i + 1])) i++;
      continue;
    }
    if (namedDefault(s, 'ClassDeclaration') && isNameFix(body[i + 1])) {
      out.push({ ...s, declaration: { ...s.declaration, id: null } });
      i++;
      continue;
    }
    if (hoistedFix && namedDefault(s, 'FunctionDeclaration')) {
      out.push({ ...s, declaration: { ...s.declaration, id: null } });
      continue;
    }
    out.push(s);
  }
  ast.body = [...prologue, ...out];
  unwrapWrites(ast.body);
  return ast;
}

// --- restoreConst, on normalised trees --------------------------------------

function patternNames(p, out = []) {
  const stack = [p];
  while (stack.length) {
    const n = stack.pop();
    if (!n) continue;
    if (n.type === 'Identifier') out.push(n.name);
    else if (n.type === 'ArrayPattern') stack.push(...n.elements);
    else if (n.type === 'ObjectPattern') stack.push(...n.properties.map((q) => (q.type === 'RestElement' ? q : q.value)));
    else if (n.type === 'RestElement') stack.push(n.argument);
    else if (n.type === 'AssignmentPattern') stack.push(n.left);
  }
  return out;
}

function topLevelDeclarations(program) {
  return program.body.map((s) => (s.type === 'ExportNamedDeclaration' ? s.declaration : s))
    .filter((d) => d?.type === 'VariableDeclaration');
}

// Names written anywhere (after canonical renaming, a local write no longer
// carries a top-level name).
function writtenNames(program) {
  const out = new Set();
  const stack = [program];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) { stack.push(...n.filter((x) => x && typeof x === 'object')); continue; }
    if (n.type === 'AssignmentExpression') patternNames(n.left, []).forEach((x) => out.add(x));
    if (n.type === 'UpdateExpression') patternNames(n.argument, []).forEach((x) => out.add(x));
    if ((n.type === 'ForOfStatement' || n.type === 'ForInStatement') && n.left.type !== 'VariableDeclaration') {
      patternNames(n.left, []).forEach((x) => out.add(x));
    }
    for (const v of Object.values(n)) if (v && typeof v === 'object') stack.push(v);
  }
  return out;
}

function exportedLocals(program) {
  const out = new Set();
  for (const s of program.body) {
    if (s.type !== 'ExportNamedDeclaration' || s.source) continue;
    if (s.declaration?.type === 'VariableDeclaration') s.declaration.declarations.forEach((d) => patternNames(d.id, []).forEach((x) => out.add(x)));
    for (const sp of s.specifiers ?? []) if (sp.local.type === 'Identifier') out.add(sp.local.name);
  }
  return out;
}

// Returns `mine` with each top-level `let` that hmrc made of a `const` turned
// back: some name is exported, every name is `const` in `reference`, every
// declarator has a value and hmrc's module never writes any of the names.
export function restoreConst(mine, reference) {
  const refConst = new Set();
  for (const d of topLevelDeclarations(reference)) {
    if (d.kind === 'const') d.declarations.forEach((x) => patternNames(x.id, []).forEach((n) => refConst.add(n)));
  }
  if (!refConst.size) return mine;
  const written = writtenNames(mine);
  const exported = exportedLocals(mine);
  const fix = (d) => {
    if (d?.type !== 'VariableDeclaration' || d.kind !== 'let' || d.declarations.some((x) => !x.init)) return d;
    const names = d.declarations.flatMap((x) => patternNames(x.id, []));
    if (!names.some((n) => exported.has(n)) || !names.every((n) => refConst.has(n) && !written.has(n))) return d;
    return { ...d, kind: 'const' };
  };
  return {
    ...mine,
    body: mine.body.map((s) => (s.type === 'ExportNamedDeclaration' && s.declaration
      ? { ...s, declaration: fix(s.declaration) } : fix(s))),
  };
}
