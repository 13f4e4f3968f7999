// Canonical names for local bindings. esbuild renames nested bindings that
// shadow a top-level name (`toast` inside a function becomes `toast2`), tsc and
// hmrc do not: the programs are the same up to the names of local bindings
// (alpha-equivalent). This renames every binding that is not top-level to
// `<scope number>.<binding number>`, numbered in tree order, and every
// reference to it likewise; top-level bindings and free names (globals,
// imports, exports) keep their names, since they are visible from outside.
//
// Works on the plain trees normalise.mjs produces, in which property keys and
// non-computed member names are `Key` nodes, so every `Identifier` left is a
// binding or a reference (labels and meta properties are skipped here).

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

class Scope {
  constructor(parent, number, isFunction) {
    this.parent = parent;
    this.number = number;
    this.isFunction = isFunction;
    this.names = new Map();  // name -> canonical name (null at top level)
  }
  declare(name) {
    if (this.names.has(name)) return;
    this.names.set(name, this.parent ? `${this.number}.${this.names.size}` : null);
  }
  functionScope() {
    let s = this;
    while (!s.isFunction && s.parent) s = s.parent;
    return s;
  }
  lookup(name) {
    for (let s = this; s; s = s.parent) if (s.names.has(name)) return s.names.get(name);
    return null;
  }
}

function patternNames(p, out = []) {
  if (!p) return out;
  switch (p.type) {
    case 'Identifier': out.push(p.name); break;
    case 'ObjectPattern': for (const q of p.properties) patternNames(q.type === 'RestElement' ? q.argument : q.value, out); break;
    case 'ArrayPattern': for (const q of p.elements) patternNames(q, out); break;
    case 'AssignmentPattern': patternNames(p.left, out); break;
    case 'RestElement': patternNames(p.argument, out); break;
  }
  return out;
}

function children(node) {
  const out = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'type') continue;
    if (Array.isArray(v)) { for (const c of v) if (c && typeof c.type === 'string') out.push(c); }
    else if (v && typeof v.type === 'string') out.push(v);
  }
  return out;
}

// Declarations a statement list (block or function body) makes in its scope.
function declareList(stmts, scope) {
  for (let s of stmts) {
    if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) s = s.declaration;
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') for (const d of s.declarations) for (const n of patternNames(d.id)) scope.declare(n);
    else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) scope.declare(s.id.name);
    else if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) scope.declare(sp.local.name);
  }
}

// Phase 1: builds the scopes, keyed by the node that opens them, numbering
// scopes in tree order; `var` goes to the nearest function (or the module).
function buildScopes(program, nameScopes) {
  const scopes = new Map();
  let count = 0;
  const open = (node, parent, isFunction) => {
    const s = new Scope(parent, count++, isFunction);
    scopes.set(node, s);
    return s;
  };
  const top = open(program, null, true);
  declareList(program.body, top);
  const stack = [[program, top]];
  while (stack.length) {
    const [node, scope] = stack.pop();
    let inner = scope;
    if (node !== program) {
      if (FUNCTIONS.has(node.type)) {
        // A function expression's own name lives in a scope between the
        // enclosing one and the parameters (which may shadow it).
        let outer = scope;
        if (node.type === 'FunctionExpression' && node.id) {
          outer = new Scope(scope, count++, false);
          outer.declare(node.id.name);
          nameScopes.set(node, outer);
        }
        inner = open(node, outer, true);
        for (const p of node.params) for (const n of patternNames(p)) inner.declare(n);
        if (node.body.type === 'BlockStatement') {
          declareList(node.body.body, inner);
          scopes.set(node.body, inner);  // the body shares the function's scope
        }
      } else if ((node.type === 'BlockStatement' || node.type === 'StaticBlock') && !scopes.has(node)) {
        inner = open(node, scope, node.type === 'StaticBlock');
        declareList(node.body, inner);
      } else if (node.type === 'SwitchStatement') {
        inner = open(node, scope, false);
        for (const c of node.cases) declareList(c.consequent, inner);
      } else if (node.type === 'CatchClause') {
        inner = open(node, scope, false);
        for (const n of patternNames(node.param)) inner.declare(n);
      } else if (['ForStatement', 'ForInStatement', 'ForOfStatement'].includes(node.type)) {
        inner = open(node, scope, false);
        const decl = node.type === 'ForStatement' ? node.init : node.left;
        if (decl?.type === 'VariableDeclaration' && decl.kind !== 'var') {
          for (const d of decl.declarations) for (const n of patternNames(d.id)) inner.declare(n);
        }
      } else if (node.type === 'ClassExpression' && node.id) {
        inner = open(node, scope, false);
        inner.declare(node.id.name);
      }
    } else if (scopes.get(node) !== scope) {
      inner = scopes.get(node);
    }
    if (node.type === 'VariableDeclaration' && node.kind === 'var') {
      for (const d of node.declarations) for (const n of patternNames(d.id)) scope.functionScope().declare(n);
    }
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      // A function body block was registered with its function's scope.
      stack.push([k, scopes.get(k) && FUNCTIONS.has(node.type) && k === node.body ? scopes.get(k) : inner]);
    }
  }
  return scopes;
}

// Renames in place. Original names are kept in a non-enumerable `shown`
// property, so the trees still compare by canonical name while printing can
// show the names a reader recognises.
export function canonicaliseLocals(program) {
  const nameScopes = new Map();
  const scopes = buildScopes(program, nameScopes);
  const stack = [[program, scopes.get(program)]];
  while (stack.length) {
    const [node, scope] = stack.pop();
    if (node.type === 'Identifier') {
      const canonical = scope.lookup(node.name);
      if (canonical !== null) {
        Object.defineProperty(node, 'shown', { value: node.name, enumerable: false });
        node.name = `\u0001${canonical}`;
      }
      continue;
    }
    const inner = scopes.get(node) ?? scope;
    // A function's or class's name belongs outside it (expressions: to the
    // name scope made for it).
    if (FUNCTIONS.has(node.type) || node.type === 'ClassExpression') {
      if (node.id) stack.push([node.id, nameScopes.get(node) ?? (node.type === 'ClassExpression' ? inner : scope)]);
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'type') continue;
      if (k === 'id' && (FUNCTIONS.has(node.type) || node.type === 'ClassExpression')) continue;
      if (k === 'label' || node.type === 'MetaProperty') continue;
      if (Array.isArray(v)) { for (let i = v.length - 1; i >= 0; i--) if (v[i] && typeof v[i].type === 'string') stack.push([v[i], inner]); }
      else if (v && typeof v.type === 'string') stack.push([v, inner]);
    }
  }
  return program;
}
