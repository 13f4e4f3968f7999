// Normalises JavaScript so that two compilers' outputs for the same source can
// be compared: both are parsed by acorn (which drops comments, whitespace and
// parentheses), then rewritten in ways that cannot change what the module
// does, then compared as trees. A canonical printer turns a tree into lines so
// that a difference can be shown as the first differing line.
//
// The rewrites (each is semantics-preserving for an ES module):
// - empty statements in statement lists are dropped (blanked-out types leave `;`);
// - `export {}` without a source is dropped (both outputs are modules anyway);
// - import and export specifiers are sorted (their order has no effect);
// - property keys and non-computed member names become plain names, so `"a": 1`
//   and `a: 1`, `x["a"]` and `x.a` compare equal; shorthand properties are
//   compared by key and value;
// - a class's constructor moves to the front of its body;
// - literals compare by value (`'a'`, `"a"`, `0x10` and `16` are equal);
// - imports from a JSX runtime (`react/jsx-runtime`, `<source>/jsx-runtime`,
//   and the dev runtimes) are merged into one declaration at the top, and their
//   local names replaced by the imported name, so `jsx` and `_jsx` compare
//   equal. The runtime has no side effects that order could expose.
// - with { dev: true } (for hmrc's --dev output only), hmrc's HMR
//   instrumentation is undone first (undo_hot.mjs); restoreConst then undoes
//   `export const` becoming `export let` against the reference.
import * as acorn from 'acorn';
import { canonicaliseLocals } from './rename.mjs';
import { undoHotInstrumentation } from './undo_hot.mjs';

export { restoreConst } from './undo_hot.mjs';

const PARSE_OPTIONS = { ecmaVersion: 'latest', sourceType: 'module', locations: true };

// Throws acorn's SyntaxError (with .loc) when `code` is not JavaScript.
export function parseModule(code) {
  return acorn.parse(code, PARSE_OPTIONS);
}

const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'StaticBlock', 'SwitchCase']);
const isJsxRuntime = (source) => /(^|\/)jsx-(dev-)?runtime$/.test(source);
const IDENTIFIER_NAME = /^[A-Za-z_$][\w$]*$/;
const JSX_NAME_PREFIX = '\u0000jsx-runtime:';
const VOID_0 = { type: 'UnaryExpression', operator: 'void', prefix: true, argument: { type: 'Literal', value: 0 } };

// `cleaned`: the key without positions, for keys that stay as they are
// (`#private` names: their positions must not take part in the comparison).
function keyNode(key, cleaned = key) {
  if (key.type === 'Identifier') return { type: 'Key', name: key.name };
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return { type: 'Key', name: String(key.value) };
  }
  return cleaned;
}

// Returns a plain-data copy of `node` without positions or raw text, with the
// rewrites above applied. `renames` maps local names to canonical ones;
// `parentType` tells a tagged template (whose raw text matters) from others.
function clean(node, renames, parentType) {
  if (Array.isArray(node)) return node.map((n) => clean(n, renames, parentType));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'start' || k === 'end' || k === 'loc' || k === 'range' || k === 'raw') continue;
    out[k] = node.type === 'TemplateElement' && k === 'value' ? { ...v } : clean(v, renames, node.type);
  }
  switch (out.type) {
    case 'Literal':
      if (node.regex) out.value = null;
      else if (node.bigint !== undefined) out.value = null;
      break;
    case 'Identifier':
      if (renames.has(out.name)) out.name = renames.get(out.name);
      // esbuild prints the global `undefined` as `void 0`.
      if (out.name === 'undefined') return VOID_0;
      break;
    case 'UnaryExpression':
      // esbuild folds `!0` and `!1` into `true` and `false`.
      if (out.operator === '!' && out.argument.type === 'Literal' && (out.argument.value === 0 || out.argument.value === 1)) {
        return { type: 'Literal', value: out.argument.value === 0 };
      }
      break;
    case 'TemplateLiteral':
      // Only a tagged template can see the raw text; esbuild rewrites escapes.
      if (parentType !== 'TaggedTemplateExpression') {
        for (const q of out.quasis) delete q.value.raw;
        if (!out.expressions.length && out.quasis[0].value.cooked != null) {
          return { type: 'Literal', value: out.quasis[0].value.cooked };
        }
      }
      break;
    case 'BinaryExpression':
      // esbuild folds string concatenation of constants, and `x + "a" + "b"`.
      if (out.operator === '+') return foldConcat(out);
      break;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      if (!out.computed) out.key = keyNode(node.key, out.key);
      if (out.type === 'Property') out.shorthand = false;
      break;
    case 'MemberExpression':
      if (!out.computed) out.property = keyNode(node.property, out.property);
      else if (out.property.type === 'Literal' && typeof out.property.value === 'string' &&
               IDENTIFIER_NAME.test(out.property.value)) {
        out.computed = false;
        out.property = { type: 'Key', name: out.property.value };
      }
      break;
    case 'ImportSpecifier':
    case 'ExportSpecifier':
      if (out.imported) out.imported = keyNode(node.imported);
      if (out.type === 'ExportSpecifier') {
        out.exported = keyNode(node.exported);
        if (node.local.type !== 'Identifier') out.local = keyNode(node.local);
      }
      break;
    case 'ExportAllDeclaration':
      if (out.exported) out.exported = keyNode(node.exported);
      break;
  }
  if (out.type === 'ClassBody') {
    // The constructor is no class element: where it stands changes nothing
    // (esbuild puts it before the fields, tsc after them).
    out.body = [...out.body.filter((m) => m.kind === 'constructor'), ...out.body.filter((m) => m.kind !== 'constructor')];
  }
  if (STATEMENT_LISTS.has(out.type)) {
    const key = out.type === 'SwitchCase' ? 'consequent' : 'body';
    out[key] = out[key].filter((s) => s.type !== 'EmptyStatement' &&
      !(s.type === 'ExportNamedDeclaration' && !s.declaration && !s.source && s.specifiers.length === 0));
  }
  if ((out.type === 'ImportDeclaration' || out.type === 'ExportNamedDeclaration') && out.specifiers) {
    out.specifiers = sortByPrint(out.specifiers);
  }
  return out;
}

// A string constant or untagged template as { parts, exprs }, else null.
function stringParts(n) {
  if (n.type === 'Literal' && typeof n.value === 'string') return { parts: [n.value], exprs: [] };
  if (n.type === 'TemplateLiteral' && n.quasis.every((q) => q.value.raw === undefined && q.value.cooked != null)) {
    return { parts: n.quasis.map((q) => q.value.cooked), exprs: n.expressions };
  }
  return null;
}

function joinParts(a, b) {
  const parts = [...a.parts.slice(0, -1), a.parts.at(-1) + b.parts[0], ...b.parts.slice(1)];
  const exprs = [...a.exprs, ...b.exprs];
  if (!exprs.length) return { type: 'Literal', value: parts[0] };
  return {
    type: 'TemplateLiteral', expressions: exprs,
    quasis: parts.map((cooked, i) => ({ type: 'TemplateElement', value: { cooked }, tail: i === parts.length - 1 })),
  };
}

function foldConcat(n) {
  const r = stringParts(n.right);
  if (!r) return n;
  const l = stringParts(n.left);
  if (l) return joinParts(l, r);
  // (x + "a") + "b" is x + "ab" for any x: the left sum is already a string.
  if (n.left.type === 'BinaryExpression' && n.left.operator === '+') {
    const lr = stringParts(n.left.right);
    if (lr) return { ...n, left: n.left.left, right: joinParts(lr, r) };
  }
  return n;
}

function sortByPrint(nodes) {
  return nodes.map((n) => [printNode(n, 0), n]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, n]) => n);
}

// Parses and normalises; returns the cleaned tree. Throws like parseModule.
export function normalise(code, { dev = false } = {}) {
  const ast = parseModule(code);
  if (dev) undoHotInstrumentation(ast);
  const renames = new Map();
  const runtimeSpecifiers = new Map();  // source -> Map(canonical local -> specifier)
  const body = [];
  // With a key after a spread, the automatic runtime falls back to
  // `createElement` from the import source itself (`react`).
  const sources = new Set(ast.body.filter((s) => s.type === 'ImportDeclaration' && isJsxRuntime(s.source.value))
    .map((s) => s.source.value.replace(/\/jsx-(dev-)?runtime$/, '')).concat('react'));
  const isRuntimeImport = (stmt) => stmt.type === 'ImportDeclaration' && !(stmt.attributes?.length) &&
    stmt.specifiers.every((s) => s.type === 'ImportSpecifier') &&
    (isJsxRuntime(stmt.source.value) ||
     (sources.has(stmt.source.value) && stmt.specifiers.length === 1 && stmt.specifiers[0].imported.name === 'createElement'));
  for (const stmt of ast.body) {
    if (isRuntimeImport(stmt)) {
      const specs = runtimeSpecifiers.get(stmt.source.value) ?? new Map();
      runtimeSpecifiers.set(stmt.source.value, specs);
      for (const s of stmt.specifiers) {
        const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
        const canonical = `${JSX_NAME_PREFIX}${imported}`;
        renames.set(s.local.name, canonical);
        specs.set(canonical, {
          type: 'ImportSpecifier',
          imported: { type: 'Key', name: imported },
          local: { type: 'Identifier', name: canonical },
        });
      }
      continue;
    }
    body.push(stmt);
  }
  const program = clean({ ...ast, body }, renames);
  const hoisted = [...runtimeSpecifiers.keys()].sort().map((source) => ({
    type: 'ImportDeclaration',
    specifiers: sortByPrint([...runtimeSpecifiers.get(source).values()]),
    source: { type: 'Literal', value: source },
    attributes: [],
  }));
  program.body = [...hoisted, ...program.body];
  return canonicaliseLocals(program);
}

// ---------------------------------------------------------------------------
// Canonical printer: one statement per line, every compound sub-expression in
// parentheses, so that layout and precedence can never differ. It only serves
// to show differences; equality is decided on the trees themselves.

const PRIMARY = new Set(['Identifier', 'Literal', 'ThisExpression', 'Super', 'Key', 'TemplateLiteral',
  'ArrayExpression', 'ObjectExpression', 'PrivateIdentifier', 'MetaProperty']);

function lit(n) {
  if (n.regex) return `/${n.regex.pattern}/${n.regex.flags}`;
  if (n.bigint !== undefined) return `${n.bigint}n`;
  if (typeof n.value === 'string') return JSON.stringify(n.value);
  return String(n.value);
}

function sub(n, ind) {
  const s = printNode(n, ind);
  return PRIMARY.has(n.type) || n.type === 'MemberExpression' || n.type === 'CallExpression' ? s : `(${s})`;
}

function list(ns, ind) { return ns.map((n) => (n === null ? '' : printNode(n, ind))).join(', '); }

function block(stmts, ind) {
  if (!stmts.length) return '{}';
  const pad = '  '.repeat(ind + 1);
  return `{\n${stmts.map((s) => pad + printNode(s, ind + 1)).join('\n')}\n${'  '.repeat(ind)}}`;
}

function fn(n, ind, keyword) {
  const head = `${n.async ? 'async ' : ''}${keyword}${n.generator ? '*' : ''}${n.id ? ' ' + printNode(n.id, ind) : ''}`;
  return `${head}(${list(n.params, ind)}) ${printNode(n.body, ind)}`;
}

function propKey(n, ind) { return n.computed ? `[${printNode(n.key, ind)}]` : printNode(n.key, ind); }

export function printNode(n, ind = 0) {
  switch (n.type) {
    case 'Program': return n.body.map((s) => printNode(s, 0)).join('\n');
    case 'ExpressionStatement':
      return n.directive !== undefined ? `${JSON.stringify(n.directive)}; // directive` : `${printNode(n.expression, ind)};`;
    case 'BlockStatement': case 'StaticBlock':
      return (n.type === 'StaticBlock' ? 'static ' : '') + block(n.body, ind);
    case 'EmptyStatement': return ';';
    case 'DebuggerStatement': return 'debugger;';
    case 'WithStatement': return `with (${printNode(n.object, ind)}) ${printNode(n.body, ind)}`;
    case 'ReturnStatement': return n.argument ? `return ${printNode(n.argument, ind)};` : 'return;';
    case 'LabeledStatement': return `${n.label.name}: ${printNode(n.body, ind)}`;
    case 'BreakStatement': return n.label ? `break ${n.label.name};` : 'break;';
    case 'ContinueStatement': return n.label ? `continue ${n.label.name};` : 'continue;';
    case 'IfStatement':
      return `if (${printNode(n.test, ind)}) ${printNode(n.consequent, ind)}` +
        (n.alternate ? ` else ${printNode(n.alternate, ind)}` : '');
    case 'SwitchStatement': {
      const pad = '  '.repeat(ind + 1);
      return `switch (${printNode(n.discriminant, ind)}) {\n${n.cases.map((c) => pad + printNode(c, ind + 1)).join('\n')}\n${'  '.repeat(ind)}}`;
    }
    case 'SwitchCase':
      return `${n.test ? `case ${printNode(n.test, ind)}` : 'default'}: ${block(n.consequent, ind)}`;
    case 'ThrowStatement': return `throw ${printNode(n.argument, ind)};`;
    case 'TryStatement':
      return `try ${printNode(n.block, ind)}` + (n.handler ? ` ${printNode(n.handler, ind)}` : '') +
        (n.finalizer ? ` finally ${printNode(n.finalizer, ind)}` : '');
    case 'CatchClause': return `catch${n.param ? ` (${printNode(n.param, ind)})` : ''} ${printNode(n.body, ind)}`;
    case 'WhileStatement': return `while (${printNode(n.test, ind)}) ${printNode(n.body, ind)}`;
    case 'DoWhileStatement': return `do ${printNode(n.body, ind)} while (${printNode(n.test, ind)});`;
    case 'ForStatement':
      return `for (${n.init ? printNode(n.init, ind).replace(/;$/, '') : ''}; ${n.test ? printNode(n.test, ind) : ''}; ` +
        `${n.update ? printNode(n.update, ind) : ''}) ${printNode(n.body, ind)}`;
    case 'ForInStatement': case 'ForOfStatement':
      return `for${n.await ? ' await' : ''} (${printNode(n.left, ind).replace(/;$/, '')} ${n.type === 'ForInStatement' ? 'in' : 'of'} ` +
        `${printNode(n.right, ind)}) ${printNode(n.body, ind)}`;
    case 'FunctionDeclaration': case 'FunctionExpression': return fn(n, ind, 'function');
    case 'ArrowFunctionExpression':
      return `${n.async ? 'async ' : ''}(${list(n.params, ind)}) => ${n.expression ? sub(n.body, ind) : printNode(n.body, ind)}`;
    case 'VariableDeclaration': return `${n.kind} ${list(n.declarations, ind)};`;
    case 'VariableDeclarator': return n.init ? `${printNode(n.id, ind)} = ${printNode(n.init, ind)}` : printNode(n.id, ind);
    case 'ClassDeclaration': case 'ClassExpression':
      return `class${n.id ? ' ' + printNode(n.id, ind) : ''}${n.superClass ? ` extends ${sub(n.superClass, ind)}` : ''} ${printNode(n.body, ind)}`;
    case 'ClassBody': return block(n.body, ind);
    case 'MethodDefinition': {
      const prefix = `${n.static ? 'static ' : ''}${n.kind === 'get' || n.kind === 'set' ? n.kind + ' ' : ''}`;
      const v = n.value;
      return `${prefix}${v.async ? 'async ' : ''}${v.generator ? '*' : ''}${propKey(n, ind)}(${list(v.params, ind)}) ${printNode(v.body, ind)}`;
    }
    case 'PropertyDefinition':
      return `${n.static ? 'static ' : ''}${propKey(n, ind)}${n.value ? ` = ${printNode(n.value, ind)}` : ''};`;
    case 'PrivateIdentifier': return `#${n.name}`;
    case 'Key': return /^[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*$/.test(n.name) ? n.name : JSON.stringify(n.name);
    case 'ImportDeclaration': {
      const attrs = n.attributes?.length ? ` with {${list(n.attributes, ind)}}` : '';
      if (!n.specifiers.length) return `import ${lit(n.source)}${attrs};`;
      return `import {${list(n.specifiers, ind)}} from ${lit(n.source)}${attrs};`;
    }
    case 'ImportSpecifier': return `${printNode(n.imported, ind)} as ${n.local.name}`;
    case 'ImportDefaultSpecifier': return `default as ${n.local.name}`;
    case 'ImportNamespaceSpecifier': return `* as ${n.local.name}`;
    case 'ImportAttribute': return `${printNode(n.key, ind)}: ${printNode(n.value, ind)}`;
    case 'ExportNamedDeclaration': {
      if (n.declaration) return `export ${printNode(n.declaration, ind)}`;
      const attrs = n.attributes?.length ? ` with {${list(n.attributes, ind)}}` : '';
      return `export {${list(n.specifiers, ind)}}${n.source ? ` from ${lit(n.source)}` : ''}${attrs};`;
    }
    case 'ExportSpecifier': return `${printNode(n.local, ind)} as ${printNode(n.exported, ind)}`;
    case 'ExportDefaultDeclaration': return `export default ${printNode(n.declaration, ind)}`;
    case 'ExportAllDeclaration':
      return `export *${n.exported ? ` as ${printNode(n.exported, ind)}` : ''} from ${lit(n.source)};`;
    case 'Identifier':
      if (n.name.startsWith(JSX_NAME_PREFIX)) return `<${n.name.slice(JSX_NAME_PREFIX.length)}>`;
      return showNames && n.shown !== undefined ? n.shown : n.name.replace('\u0001', '$');
    case 'Literal': return lit(n);
    case 'ThisExpression': return 'this';
    case 'Super': return 'super';
    case 'ArrayExpression': case 'ArrayPattern': return `[${list(n.elements, ind)}]`;
    case 'ObjectExpression': case 'ObjectPattern': return `{${list(n.properties, ind)}}`;
    case 'Property':
      if (n.kind === 'get' || n.kind === 'set' || n.method) {
        const v = n.value;
        return `${n.kind === 'init' ? '' : n.kind + ' '}${v.async ? 'async ' : ''}${v.generator ? '*' : ''}${propKey(n, ind)}(${list(v.params, ind)}) ${printNode(v.body, ind)}`;
      }
      return `${propKey(n, ind)}: ${printNode(n.value, ind)}`;
    case 'SpreadElement': case 'RestElement': return `...${sub(n.argument, ind)}`;
    case 'AssignmentPattern': return `${printNode(n.left, ind)} = ${sub(n.right, ind)}`;
    case 'UnaryExpression': return `${n.operator}${/[a-z]/.test(n.operator) ? ' ' : ''}${sub(n.argument, ind)}`;
    case 'UpdateExpression': return n.prefix ? `${n.operator}${sub(n.argument, ind)}` : `${sub(n.argument, ind)}${n.operator}`;
    case 'BinaryExpression': case 'LogicalExpression': case 'AssignmentExpression':
      return `${sub(n.left, ind)} ${n.operator} ${sub(n.right, ind)}`;
    case 'ConditionalExpression': return `${sub(n.test, ind)} ? ${sub(n.consequent, ind)} : ${sub(n.alternate, ind)}`;
    case 'SequenceExpression': return list(n.expressions, ind);
    case 'MemberExpression':
      return `${sub(n.object, ind)}${n.optional ? '?.' : n.computed ? '' : '.'}${n.computed ? `[${printNode(n.property, ind)}]` : printNode(n.property, ind)}`;
    case 'ChainExpression': return printNode(n.expression, ind);
    case 'CallExpression': return `${sub(n.callee, ind)}${n.optional ? '?.' : ''}(${list(n.arguments, ind)})`;
    case 'NewExpression': return `new ${sub(n.callee, ind)}(${list(n.arguments, ind)})`;
    case 'ImportExpression': return `import(${list([n.source, n.options].filter(Boolean), ind)})`;
    case 'YieldExpression': return `yield${n.delegate ? '*' : ''}${n.argument ? ' ' + sub(n.argument, ind) : ''}`;
    case 'AwaitExpression': return `await ${sub(n.argument, ind)}`;
    case 'TemplateLiteral': {
      let s = '`';
      n.quasis.forEach((q, i) => { s += q.value.raw ?? JSON.stringify(q.value.cooked).slice(1, -1).replace(/`|\$\{/g, '\\$&'); if (i < n.expressions.length) s += '${' + printNode(n.expressions[i], ind) + '}'; });
      return s + '`';
    }
    case 'TaggedTemplateExpression': return `${sub(n.tag, ind)}${printNode(n.quasi, ind)}`;
    case 'MetaProperty': return `${n.meta.name}.${n.property.name}`;
    default: return `<${n.type} ${JSON.stringify(n)}>`;
  }
}

// A window of `line` around column `col`, in backquotes, at most ~80 chars.
function excerpt(line, col) {
  if (line === undefined) return '(end of file)';
  const from = Math.max(0, Math.min(col - 30, line.length - 80));
  const text = line.slice(from, from + 80);
  return `\`${from > 0 ? '...' : ''}${text}${from + 80 < line.length ? '...' : ''}\``;
}

// With showNames, local bindings print under their original names (which may
// differ between the two sides) rather than their canonical ones.
let showNames = false;
export function printLines(program, { shown = false } = {}) {
  showNames = shown;
  try { return printNode(program).split('\n'); } finally { showNames = false; }
}

// Compares two normalised programs. Returns null when equal, else a one-line
// description of the first difference: the line number in the canonical print
// and both lines, shortened.
export function firstDifference(a, b, labelA = 'hmrc', labelB = 'esbuild') {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  const la = printLines(a), lb = printLines(b);
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] === lb[i]) continue;
    if (la[i] === undefined || lb[i] === undefined) {
      return `line ${i + 1}: ${labelA} ${excerpt(la[i], 0)} vs ${labelB} ${excerpt(lb[i], 0)}`;
    }
    const sa = printLines(a, { shown: true }), sb = printLines(b, { shown: true });
    const x = la[i].trimStart(), y = lb[i].trimStart();
    let col = 0;
    while (col < x.length && x[col] === y[col]) col++;
    // Locate on canonical names, show original ones: the column moves little.
    return `line ${i + 1}: ${labelA} ${excerpt(sa[i].trimStart(), col)} vs ${labelB} ${excerpt(sb[i].trimStart(), col)}`;
  }
  // The printer leaves out nothing that matters, so this means a printer gap.
  return 'trees differ where the canonical print does not show it';
}
