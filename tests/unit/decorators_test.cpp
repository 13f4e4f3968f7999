// Decorators and `accessor`, one line in, one line out (helpers stripped).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "transform/compile.hpp"
#include "transform/decorators/helpers.hpp"

using namespace hmrc;

namespace {

std::string compile_to(std::string_view source, bool legacy = false, Loader loader = Loader::ts) {
  CompileOptions options;
  options.mode = Mode::prod;
  options.loader = loader;
  options.ts.experimental_decorators = legacy;
  CompileResult r = compile(source, options);
  if (!r.ok()) return "<error " + std::string(r.diagnostics.front().code) + ">";
  std::string helpers = decorators::standard_helpers() + " ";
  if (r.code.starts_with(helpers)) return "H " + r.code.substr(helpers.size());
  return r.code;
}

}  // namespace

TEST_CASE("standard: class decorators rebind the class, lines stay") {
  CHECK(compile_to("@d class A {}") ==
        "H let __hmrc_c0 = __hmrc_ds(); __hmrc_c0.cd = [d];  let A; A = class  {static { "
        "__hmrc_dstart(__hmrc_c0, this); A = __hmrc_dm(__hmrc_c0, __hmrc_dc(__hmrc_c0, this, "
        "\"A\")); __hmrc_drun(__hmrc_c0.s, A); };static { __hmrc_drun(__hmrc_c0.c, A); }}; A = "
        "__hmrc_c0.r;");
  CHECK(compile_to("@d export class A {}").find("export let A; A = class") != std::string::npos);
  CHECK(compile_to("@d export default class A {}").find("export { A as default };") !=
        std::string::npos);
  CHECK(compile_to("@a\n@b\nclass A {\n}\n").find('\n') != std::string::npos);
  std::string multi = compile_to("@a\n@b\nclass A {\n}\nx;\n");
  CHECK(std::count(multi.begin(), multi.end(), '\n') == 5);
}

TEST_CASE("standard: members are decorated in place") {
  CHECK(compile_to("class A { @m f() {} }") ==
        "H let __hmrc_c0 = __hmrc_ds(); class A {static { __hmrc_dstart(__hmrc_c0, this); "
        "__hmrc_de(__hmrc_c0, this, 0, 1, \"f\", 0, { has: o => \"f\" in o, get: o => o[\"f\"] }); "
        "__hmrc_dm(__hmrc_c0, this); __hmrc_drun(__hmrc_c0.s, this); } #__hmrc_i = "
        "__hmrc_drun(__hmrc_c0.i, this); ;static [__hmrc_dd(__hmrc_c0, [m])](){} f() {} }");
  CHECK(compile_to("class A { @d x = 1 }").find("x = __hmrc_dfi(__hmrc_c0, 0, this, 1);") !=
        std::string::npos);
  CHECK(compile_to("class A { @d static x }")
            .find("static x = __hmrc_dfi(__hmrc_c0, 0, __hmrc_c0.r)") != std::string::npos);
  CHECK(compile_to("class A { @d [k()] = 1 }").find("[__hmrc_dkey(__hmrc_c0, k())]") !=
        std::string::npos);
  CHECK(compile_to("class A { @d #x = 1 }").find("has: o => #x in o, get: o => o.#x") !=
        std::string::npos);
}

TEST_CASE("standard: a decorated #private method's body becomes a static private method") {
  std::string out = compile_to("class A { @d #m() { return 1; } }");
  CHECK(out.find("static #__hmrc_m13() { return 1; } get #m() { return __hmrc_c0.a[0].value; }") !=
        std::string::npos);
  CHECK(out.find("{ value: __hmrc_dnamed(this.#__hmrc_m13, \"#m\") }") != std::string::npos);
}

TEST_CASE("standard: accessor is lowered, decorated or not") {
  CHECK(compile_to("class A { accessor x = 1 }") ==
        "class A {  get x() { return this.#__hmrc_a10; } set x(v) { this.#__hmrc_a10 = v; } "
        "#__hmrc_a10 = 1 }");
  CHECK(compile_to("class A { accessor #x }") ==
        "class A {  get #x() { return this.#__hmrc_a10; } set #x(v) { this.#__hmrc_a10 = v; } "
        "#__hmrc_a10 }");
}

TEST_CASE("standard: forms not compiled are reported") {
  CHECK(compile_to("class A { constructor(@d x) {} }") == "<error TS003>");
  CHECK(compile_to("export default @d class {}") == "<error TS003>");
  CHECK(compile_to("class A { m(@p x) {} }") == "<error TS003>");
}

TEST_CASE("standard: a class expression gets its state as an argument") {
  CHECK(compile_to("let B = @d class { }") ==
        "H let B = ((__hmrc_c0) => (__hmrc_c0.cd = [d],  class {static { "
        "__hmrc_dstart(__hmrc_c0, this); __hmrc_dname(this, \"B\"); __hmrc_dm(__hmrc_c0, "
        "__hmrc_dc(__hmrc_c0, this, this.name)); __hmrc_drun(__hmrc_c0.s, __hmrc_c0.r); } "
        ";static { __hmrc_drun(__hmrc_c0.c, __hmrc_c0.r); }}, __hmrc_c0.r))(__hmrc_ds())");
  CHECK(compile_to("f(B => class extends B { @d x })")
            .starts_with("H f(B => ((__hmrc_c0) => class extends B {"));
}

TEST_CASE("standard: JavaScript files are lowered the same way") {
  CHECK(compile_to("@d class A {}", false, Loader::js).starts_with("H let __hmrc_c0"));
  CHECK(compile_to("@d class A {}", true, Loader::js).starts_with("H let __hmrc_c0"));
}

namespace {

std::string legacy(std::string_view source, bool metadata = false, bool define = true) {
  CompileOptions options;
  options.mode = Mode::prod;
  options.ts.experimental_decorators = true;
  options.ts.emit_decorator_metadata = metadata;
  options.ts.use_define_for_class_fields = define;
  CompileResult r = compile(source, options);
  if (!r.ok()) return "<error " + std::string(r.diagnostics.front().code) + ">";
  std::string helpers = decorators::legacy_helpers() + " ";
  if (r.code.starts_with(helpers)) return "H " + r.code.substr(helpers.size());
  return r.code;
}

}  // namespace

TEST_CASE("legacy: decorators move behind the class, in tsc's order") {
  CHECK(legacy("@c class A { @m f() {} @p x = 1; @s static y; }") ==
        "H  class A {  f() {}  x = 1;  static y; }; __hmrc_decorate([m], A.prototype, \"f\", "
        "null); __hmrc_decorate([p], A.prototype, \"x\", void 0); __hmrc_decorate([s], A, \"y\", "
        "void 0); A = __hmrc_decorate([c], A);");
  CHECK(legacy("class A { constructor(@i s: S) {} }")
            .ends_with("A = __hmrc_decorate([__hmrc_param(0, i)], A);"));
  CHECK(legacy("class A { @d [k()]() {} }")
            .starts_with("H let __hmrc_k0_0; class A {  [__hmrc_k0_0 = k()]"));
  CHECK(legacy("class A { @d #x = 1 }") == "<error TS003>");
  CHECK(legacy("let B = @d class {}") == "<error TS003>");
}

TEST_CASE("legacy: emitDecoratorMetadata without a checker") {
  std::string out = legacy(
      "import { S, T } from 's'; interface I {} enum E { A } enum F { A = 'a' }\n"
      "class A { constructor(@i s: S, t: T | null, i: I, e: E, f: F, n?: number, ...r: string[]) "
      "{} }",
      true);
  CHECK(out.find("import { S, T } from 's';") != std::string::npos);  // kept: metadata uses them
  CHECK(out.find("__hmrc_metadata(\"design:paramtypes\", [(typeof S === \"function\" ? S : "
                 "Object), (typeof T === \"function\" ? T : Object), (typeof I === \"function\" ? "
                 "I : Object), Number, String, Number, String])") != std::string::npos);
  CHECK(
      legacy("class A { @d m(): void {} }", true)
          .find(
              "__hmrc_metadata(\"design:type\", Function), __hmrc_metadata(\"design:paramtypes\", "
              "[]), __hmrc_metadata(\"design:returntype\", void 0)") != std::string::npos);
}

TEST_CASE("useDefineForClassFields false assigns fields in the constructor") {
  CHECK(legacy("class A { x: number; y = 1; constructor() { f(); } }", false, false) ==
        "class A { ;        ; ;  ; constructor() { this.y = 1; f(); } }");
  CHECK(legacy("class A extends B { y = 1 }", false, false) ==
        "class A extends B { ;   ;constructor(...args) { super(...args); this.y = 1;}}");
  CHECK(legacy("class A { constructor() {} y = 1 }", false, false) == "<error TS007>");
}

TEST_CASE("decorators next to what TypeScript erases or rewrites") {
  CHECK(compile_to("namespace N { @d export class A {} }") == "<error TS003>");
  CHECK(compile_to("namespace N { @d export class A {} }", true) == "<error TS003>");
  CHECK(compile_to("namespace N { export class A { @d m() {} } }").starts_with("H "));
  CHECK(compile_to("class A { @d declare x: number; }") == "class A {                     ; }");
  CHECK(compile_to("declare class A { accessor x: number }") ==
        "                                      ");
}
