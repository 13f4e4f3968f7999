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
  CHECK(compile_to("class A { @d static x }").find("static x = __hmrc_dfi(__hmrc_c0, 0, __hmrc_c0.r)") !=
        std::string::npos);
  CHECK(compile_to("class A { @d [k()] = 1 }").find("[__hmrc_dkey(__hmrc_c0, k())]") !=
        std::string::npos);
  CHECK(compile_to("class A { @d #x = 1 }").find("has: o => #x in o, get: o => o.#x") !=
        std::string::npos);
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
  CHECK(compile_to("class A { @d #m() {} }") == "<error TS003>");
  CHECK(compile_to("let B = class { @d m() {} }") == "<error TS003>");
  CHECK(compile_to("export default @d class {}") == "<error TS003>");
  CHECK(compile_to("class A { m(@p x) {} }") == "<error TS003>");
}

TEST_CASE("standard: JavaScript files are lowered the same way") {
  CHECK(compile_to("@d class A {}", false, Loader::js).starts_with("H let __hmrc_c0"));
}
