#include "helpers.hpp"

#include <string>

#include "emit/prologue.hpp"

namespace hmrc::decorators {
namespace {

// Run-time helpers of standard (TC39) decorators, inserted on the first line
// of a module that needs them, joined to one line (comments dropped), so that
// no line moves. Written for hmrc after the proposal's semantics; esbuild's and
// tsc's helpers were read for behaviour, not copied.
//
// A class's decoration state S = __hmrc_ds():
//   d  decorator lists of the elements, in source order (__hmrc_dd)
//   k  computed keys of decorated elements, in source order (__hmrc_dkey)
//   f  field and accessor initializers, by element index
//   e  their extra initializers (run right after the field is defined)
//   a  decorated private accessors' {get, set}
//   i, s, c  extra initializers: instance (methods), static (methods), class
//   cd class decorators, m the metadata object, r the decorated class
constexpr std::string_view kHelpers = R"JS(
function __hmrc_ds() { return { d: [], k: [], f: [], e: [], a: [], i: [], s: [], c: [], cd: [], m: void 0, r: void 0 }; }
function __hmrc_dsym() { return Symbol.metadata ?? Symbol.for("Symbol.metadata"); }
// In a computed key of a dummy static method, so that decorators are evaluated
// in source order with the class's computed keys; __hmrc_dstart deletes it.
function __hmrc_dd(s, d) { s.d.push(d); return Symbol.for("hmrc.decorators"); }
function __hmrc_dkey(s, k) { k = typeof k == "symbol" ? k : String(k); s.k.push(k); return k; }
function __hmrc_dstart(s, c) { delete c[Symbol.for("hmrc.decorators")]; var p = Object.getPrototypeOf(c); s.m = Object.create((p && p[__hmrc_dsym()]) ?? null); }
function __hmrc_dfn(f, what) { if (f !== void 0 && typeof f != "function") throw new TypeError(what + " must be a function"); return f; }
function __hmrc_dctx(s, kind, name, list, done) { return { kind: kind, name: name, metadata: s.m, addInitializer: function (f) { if (done.v) throw new TypeError("addInitializer: decoration has finished"); if (typeof f != "function") throw new TypeError("addInitializer: an initializer must be a function"); list.push(f); } }; }
// kind: 1 method, 2 getter, 3 setter, 4 accessor, 5 field; flags: 1 static, 2 private.
function __hmrc_de(s, c, i, kind, name, flags, access, extra) {
  var st = !!(flags & 1), pr = !!(flags & 2), decs = s.d[i], target = st ? c : c.prototype;
  var desc = kind == 5 ? null : pr ? extra : Object.getOwnPropertyDescriptor(target, name);
  var inits = kind >= 4 ? (s.f[i] = []) : null, extras = kind >= 4 ? (s.e[i] = []) : st ? s.s : s.i;
  var key = kind == 1 ? "value" : kind == 2 ? "get" : "set";
  for (var j = decs.length - 1; j >= 0; j--) {
    var done = {}, ctx = __hmrc_dctx(s, ["", "method", "getter", "setter", "accessor", "field"][kind], name, extras, done);
    ctx.static = st; ctx.private = pr; ctx.access = access;
    var r = (0, decs[j])(kind == 5 ? void 0 : kind == 4 ? { get: desc.get, set: desc.set } : desc[key], ctx);
    done.v = 1;
    if (kind == 4) {
      if (r === void 0) continue;
      if (r === null || typeof r != "object") throw new TypeError("an accessor decorator must return an object or undefined");
      if (__hmrc_dfn(r.get, "get")) desc.get = r.get;
      if (__hmrc_dfn(r.set, "set")) desc.set = r.set;
      if (__hmrc_dfn(r.init, "init")) inits.unshift(r.init);
    } else if (__hmrc_dfn(r, "a decorator's result")) {
      if (kind == 5) inits.unshift(r); else desc[key] = r;
    }
  }
  if (pr) s.a[i] = desc; else if (kind < 5) Object.defineProperty(target, name, desc);
}
function __hmrc_dc(s, c, name) {
  for (var j = s.cd.length - 1; j >= 0; j--) {
    var done = {}, r = (0, s.cd[j])(c, __hmrc_dctx(s, "class", name, s.c, done));
    done.v = 1;
    if (__hmrc_dfn(r, "a class decorator's result")) c = r;
  }
  return c;
}
function __hmrc_dm(s, c) { Object.defineProperty(c, __hmrc_dsym(), { enumerable: true, configurable: true, writable: true, value: s.m }); return s.r = c; }
function __hmrc_dnamed(f, n) { Object.defineProperty(f, "name", { value: n, configurable: true }); return f; }
function __hmrc_dname(c, n) { var d = Object.getOwnPropertyDescriptor(c, "name"); if (d && d.value === "") Object.defineProperty(c, "name", { value: n, configurable: true }); }
function __hmrc_dfi(s, i, self, v) { var f = s.f[i]; for (var j = 0; f && j < f.length; j++) v = f[j].call(self, v); return v; }
function __hmrc_drun(list, self) { for (var j = 0; list && j < list.length; j++) list[j].call(self); }
)JS";

// TypeScript's experimentalDecorators (legacy.hpp), with tsc's semantics:
// reflect-metadata's Reflect.decorate when it is loaded, else decorators are
// called last to first; a member's result, when there is one, is defined.
constexpr std::string_view kLegacyHelpers = R"JS(
function __hmrc_decorate(decs, target, key, desc) {
  var member = arguments.length > 2, r;
  if (member && desc === null) desc = Object.getOwnPropertyDescriptor(target, key);
  if (typeof Reflect == "object" && typeof Reflect.decorate == "function") {
    r = member ? Reflect.decorate(decs, target, key, desc) : Reflect.decorate(decs, target);
  } else {
    r = member ? desc : target;
    for (var i = decs.length - 1; i >= 0; i--) if (decs[i]) r = (member ? decs[i](target, key, r) : decs[i](r)) || r;
  }
  if (member && r) Object.defineProperty(target, key, r);
  return r;
}
function __hmrc_param(index, dec) { return function (target, key) { dec(target, key, index); }; }
function __hmrc_metadata(k, v) { if (typeof Reflect == "object" && typeof Reflect.metadata == "function") return Reflect.metadata(k, v); }
)JS";

// One line: each line trimmed, comment lines dropped.
std::string one_line(std::string_view js) {
  std::string out;
  std::size_t start = 0;
  while (start < js.size()) {
    std::size_t end = js.find('\n', start);
    if (end == std::string_view::npos) end = js.size();
    std::string_view line = js.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty() || line.starts_with("//")) continue;
    if (!out.empty()) out += ' ';
    out += line;
  }
  return out;
}

}  // namespace

const std::string& standard_helpers() {
  static const std::string text = one_line(kHelpers);
  return text;
}

const std::string& legacy_helpers() {
  static const std::string text = one_line(kLegacyHelpers);
  return text;
}

void insert_helpers(TSNode program, std::string_view text, const std::string& helpers,
                    EditBuffer& edits) {
  PrologueEnd at = prologue_end(program, text);
  std::string line = helpers;
  if (at.after_directive) line.insert(0, at.needs_semicolon ? "; " : " ");
  // insert_left: before the dev header and JSX's imports, inserted later at the same point.
  edits.insert_left(at.at, line + " ");
}

}  // namespace hmrc::decorators
