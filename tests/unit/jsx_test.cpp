#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>

#include "transform/compile.hpp"
#include "transform/jsx/text.hpp"

using namespace hmrc;

namespace {

std::string strip(std::string out, std::string_view what) {
  for (auto at = out.find(what); at != std::string::npos; at = out.find(what))
    out.erase(at, what.size());
  return out;
}

// Output with `/* @__PURE__ */ ` removed; diagnostics as `<CODE>`.
std::string compiled(std::string_view source, Mode mode, JsxOptions jsx,
                     Loader loader = Loader::jsx) {
  CompileOptions options;
  options.loader = loader;
  options.mode = mode;
  options.jsx = std::move(jsx);
  options.jsx.file_name = "a.jsx";
  CompileResult r = compile(source, options);
  if (!r.ok()) {
    std::string codes;
    for (const auto& d : r.diagnostics) codes += fmt::format("<{}>", d.code);
    return codes;
  }
  return strip(r.code, "/* @__PURE__ */ ");
}

constexpr std::string_view kJsxImport = "import { jsx as _jsx } from \"react/jsx-runtime\";";

// Automatic runtime, prod; the import line cut off when it is the usual one.
std::string prod(std::string_view source) {
  std::string out = compiled(source, Mode::prod, {});
  return out.starts_with(kJsxImport) ? out.substr(kJsxImport.size()) : out;
}
std::string classic(std::string_view source) {
  JsxOptions o;
  o.mode = JsxMode::classic;
  return compiled(source, Mode::prod, o);
}
// Dev output without the HMR header, which every dev module starts with.
// Dev output without the HMR header (import, then `const __hmrc_hot =
// __hmrc_createHotContext(…);`), whatever the module imports.
std::string dev(std::string_view source) {
  std::string out = compiled(source, Mode::dev, {});
  std::size_t call = out.find("= __hmrc_createHotContext(");
  std::size_t end = call == std::string::npos ? call : out.find("});", call);
  if (end != std::string::npos) out.erase(0, end + 3);
  return out;
}

}  // namespace

TEST_CASE("tags: lower-case and dashed names are strings, others are references") {
  CHECK(prod("<div />") == "_jsx(\"div\", { })");
  CHECK(prod("<Foo />") == "_jsx(Foo, { })");
  CHECK(prod("<foo-bar />") == "_jsx(\"foo-bar\", { })");
  CHECK(prod("<_x />") == "_jsx(_x, { })");
  CHECK(prod("<$ />") == "_jsx($, { })");
  CHECK(prod("<this />") == "_jsx(\"this\", { })");  // as esbuild
  CHECK(prod("<a.b.c />") == "_jsx(a.b.c, { })");
  CHECK(prod("<this.x />") == "_jsx(this.x, { })");
  CHECK(prod("<svg:rect />") == "_jsx(\"svg:rect\", { })");
  CHECK(prod("<div></div>") == "_jsx(\"div\", {})");
}

TEST_CASE("attributes: strings, expressions, booleans, spreads, odd names") {
  CHECK(prod("<a b=\"1\" c={x} d />") == "_jsx(\"a\", { b: \"1\", c: x, d: true })");
  CHECK(prod("<a {...p} b='2' />") == "_jsx(\"a\", { ...p, b: '2' })");
  CHECK(prod("<a data-x=\"1\" xlink:href=\"#\" />") ==
        "_jsx(\"a\", { \"data-x\": \"1\", \"xlink:href\": \"#\" })");
  CHECK(prod("<a b={(x, y)} c={x, y} />") == "_jsx(\"a\", { b: (x, y), c: (x, y) })");
  CHECK(prod("<a b=<i /> />") == "_jsx(\"a\", { b: _jsx(\"i\", { }) })");
  CHECK(prod("<a b={/* c */ x} />") == "_jsx(\"a\", { b: /* c */ x })");
}

TEST_CASE("attribute strings: no escapes in JSX, character references decoded") {
  CHECK(prod("<a b=\"x\\y\" />") == "_jsx(\"a\", { b: \"x\\\\y\" })");
  CHECK(prod("<a b='say \"hi\"' />") == "_jsx(\"a\", { b: \"say \\\"hi\\\"\" })");
  CHECK(prod("<a b=\"&lt;&#65;&#x42;&nope;\" />") == "_jsx(\"a\", { b: \"<AB&nope;\" })");
  // The value keeps its line break (as esbuild); a continuation keeps the line.
  CHECK(prod("<a b=\"1\n  2\" />") == "_jsx(\"a\", { b: \"1\\n\\\n  2\" })");
}

TEST_CASE("children: one is a value, several an array with jsxs") {
  CHECK(prod("<a>x</a>") == "_jsx(\"a\", { children: \"x\" })");
  CHECK(prod("<a>{x}</a>") == "_jsx(\"a\", { children: x })");
  CHECK(prod("<a b=\"1\">{x}</a>") == "_jsx(\"a\", { b: \"1\", children: x })");
  CHECK(
      compiled("<a>x{y}</a>", Mode::prod, {}) ==
      "import { jsxs as _jsxs } from \"react/jsx-runtime\";_jsxs(\"a\", { children: [\"x\",y] })");
  CHECK(compiled("<a>{...xs}</a>", Mode::prod, {}) ==
        "import { jsxs as _jsxs } from \"react/jsx-runtime\";_jsxs(\"a\", { children: [...xs] })");
  CHECK(prod("<a>{/* none */}</a>") == "_jsx(\"a\", {/* none */})");
  CHECK(prod("<a>{}</a>") == "_jsx(\"a\", {})");
  CHECK(prod("<a>{x, y}</a>") == "_jsx(\"a\", { children: (x, y) })");
}

TEST_CASE("fragments") {
  CHECK(compiled("<>x</>", Mode::prod, {}) ==
        "import { jsx as _jsx, Fragment as _Fragment } from \"react/jsx-runtime\";"
        "_jsx(_Fragment, { children: \"x\" })");
  CHECK(classic("<>x</>") == "React.createElement(React.Fragment, null,\"x\")");
}

TEST_CASE("text: whitespace trimmed as esbuild and Babel, lines kept") {
  CHECK(prod("<a>  x  </a>") == "_jsx(\"a\", { children: \"  x  \" })");
  CHECK(prod("<a>\n  x\n</a>") == "_jsx(\"a\", { children: \n  \"x\"\n })");
  CHECK(prod("<a>\n  x\n  y  \n</a>") == "_jsx(\"a\", { children: \n  \"x \\\ny\"  \n })");
  CHECK(prod("<a>\n\n</a>") == "_jsx(\"a\", {\n\n})");
  CHECK(prod("<a> </a>") == "_jsx(\"a\", { children: \" \" })");
  CHECK(prod("<a>x\r\n  y</a>") == "_jsx(\"a\", { children: \"x \\\r\ny\" })");
  CHECK(prod("<a>\tx\ty\t</a>") == "_jsx(\"a\", { children: \"\tx\ty\t\" })");
  CHECK(prod("<a>&amp; &quot;\\</a>") == "_jsx(\"a\", { children: \"& \\\"\\\\\" })");
  CHECK(prod("<a>&#65;&#x1F600;&#xd800;&#10;</a>") ==
        "_jsx(\"a\", { children: \"A\xF0\x9F\x98\x80\\uD800\\n\" })");
}

TEST_CASE("key: the third argument, moved with edits inside it") {
  CHECK(prod("<a key=\"k\" b={1} />") == "_jsx(\"a\", {  b: 1 }, \"k\")");
  CHECK(prod("<a b={1} key={id} />") == "_jsx(\"a\", { b: 1  }, id)");
  CHECK(prod("<a key={x, y}>z</a>") == "_jsx(\"a\", {  children: \"z\" }, (x, y))");
  // import.meta.hot inside the key is removed in prod by the hot pass, and moves.
  CHECK(prod("<a key={import.meta.hot ? 1 : 2} />") == "_jsx(\"a\", {  }, 2)");
  CHECK(compiled("<a key />", Mode::prod, {}) == "<J001>");
}

TEST_CASE("key after a spread falls back to createElement") {
  CHECK(compiled("<a {...p} key=\"k\">x</a>", Mode::prod, {}) ==
        "import { createElement as _createElement } from \"react\";"
        "_createElement(\"a\", { ...p, key: \"k\"},\"x\")");
  CHECK(prod("<a key=\"k\" {...p} />") == "_jsx(\"a\", {  ...p }, \"k\")");
}

TEST_CASE("classic runtime and pragmas") {
  CHECK(classic("<a b=\"1\" key=\"k\">x{y}</a>") ==
        "React.createElement(\"a\", { b: \"1\", key: \"k\"},\"x\",y)");
  CHECK(classic("<a />") == "React.createElement(\"a\", null )");
  CHECK(classic("<a key />") == "React.createElement(\"a\", { key: true })");
  CHECK(prod("/** @jsxRuntime classic @jsx h @jsxFrag F */ <>x</>") ==
        "/** @jsxRuntime classic @jsx h @jsxFrag F */ h(F, null,\"x\")");
  CHECK(prod("// @jsxImportSource preact\n<a />") ==
        "import { jsx as _jsx } from \"preact/jsx-runtime\";// @jsxImportSource "
        "preact\n_jsx(\"a\", { })");
  CHECK(prod("/* @jsxRuntime nope */ <a />") == "<J003>");
  JsxOptions o;
  o.mode = JsxMode::classic;
  o.factory = std::string("h");  // not assign(const char*): GCC 12 -Wrestrict false positive
  o.fragment = "Fragment";
  CHECK(compiled("<><b /></>", Mode::prod, o) == "h(Fragment, null,h(\"b\", null ))");
  o.mode = JsxMode::preserve;
  CHECK(compiled("<a b=\"1\">x</a>", Mode::prod, o) == "<a b=\"1\">x</a>");
}

TEST_CASE("dev: jsxDEV with key, static flag, source and this") {
  CHECK(dev("<a>x</a>") ==
        "import { jsxDEV as _jsxDEV } from \"react/jsx-dev-runtime\";"
        "_jsxDEV(\"a\", { children: \"x\" }, void 0, false, { fileName: \"a.jsx\", lineNumber: 1, "
        "columnNumber: 1 }, this)");
  CHECK(dev("f(\n  <a key=\"k\">x{y}</a>)") ==
        "import { jsxDEV as _jsxDEV } from \"react/jsx-dev-runtime\";f(\n"
        "  _jsxDEV(\"a\", {  children: [\"x\",y] }, \"k\", true, { fileName: \"a.jsx\", "
        "lineNumber: 2, columnNumber: 3 }, this))");
  // Columns count UTF-16 units, as Babel and esbuild.
  CHECK(dev("'\xF0\x9F\x98\x80';<a />").find("columnNumber: 6") != std::string::npos);
}

TEST_CASE("imports: after #! and directives, names that do not clash") {
  CHECK(prod("#!/usr/bin/env node\n<a />") ==
        "#!/usr/bin/env node\nimport { jsx as _jsx } from \"react/jsx-runtime\";_jsx(\"a\", { })");
  CHECK(prod("\"use client\";\n<a />") ==
        "\"use client\"; import { jsx as _jsx } from \"react/jsx-runtime\";\n_jsx(\"a\", { })");
  CHECK(prod("'use client'\nx = <a />") ==
        "'use client'; import { jsx as _jsx } from \"react/jsx-runtime\";\nx = _jsx(\"a\", { })");
  CHECK(prod("let _jsx; <a />") ==
        "import { jsx as _jsx2 } from \"react/jsx-runtime\";let _jsx; _jsx2(\"a\", { })");
}

TEST_CASE("tsx: type arguments are left to the TypeScript pass, JSX around them compiles") {
  CHECK(compiled("const a = <b c={1 as number}>x</b>;", Mode::prod, {}, Loader::tsx)
            .find("_jsx(\"b\", { c: 1          , children: \"x\" })") != std::string::npos);
}

TEST_CASE("character references: the 253 names JSX knows, numbers, and nothing else") {
  CHECK(jsx::decode_entity("&amp;")->code_point == '&');
  CHECK(jsx::decode_entity("&thetasym;")->code_point == 977);
  CHECK(jsx::decode_entity("&hellip;x")->length == 8);
  CHECK(jsx::decode_entity("&#x41;")->code_point == 'A');
  CHECK_FALSE(jsx::decode_entity("&#X41;"));           // lower-case x only, as Babel and esbuild
  CHECK_FALSE(jsx::decode_entity("&NotEqualTilde;"));  // HTML5-only names are not JSX's
  CHECK_FALSE(jsx::decode_entity("&amp"));
  CHECK_FALSE(jsx::decode_entity("&#;"));
  CHECK_FALSE(jsx::decode_entity("&#x110000;"));
  CHECK(jsx::detail::kNamedEntityCount == 253);
}

TEST_CASE("bare & in JSX text and strings (a tree-sitter gap) compiles; & in code stays") {
  CHECK(prod("<p>Terms & Conditions</p>") == "_jsx(\"p\", { children: \"Terms & Conditions\" })");
  CHECK(prod("<p title=\"a&b\">x &c a&&b</p>; y = a & b") ==
        "_jsx(\"p\", { title: \"a&b\", children: \"x &c a&&b\" }); y = a & b");
  CHECK(prod("<p>&#123456;</p>") == "_jsx(\"p\", { children: \"\xF0\x9E\x89\x80\" })");
  CHECK(prod("x = a & ;") == "<S001>");
  CHECK(prod("<p>{a & }</p>") == "<S002>");
}

TEST_CASE("deep nesting: no recursion anywhere") {
  std::string deep, attrs;
  for (int i = 0; i < 5000; ++i) deep += "<a>", attrs += "<a b={";
  deep += "y";
  attrs += "1";
  for (int i = 0; i < 5000; ++i) deep += "</a>", attrs += "} />";
  std::string out = compiled(deep, Mode::prod, {});
  CHECK(out.find("_jsx(\"a\", { children: _jsx(\"a\", {") != std::string::npos);
  CHECK(out.find("children: \"y\" }) })") != std::string::npos);
  CHECK(out.ends_with("}) })"));
  CHECK(compiled(attrs, Mode::prod, {}).find("_jsx(\"a\", { b: _jsx(\"a\", { b: ") !=
        std::string::npos);
}
