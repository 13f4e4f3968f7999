#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

#include "transform/compile.hpp"

using namespace hmrc;

namespace {

// "self deps=[...]" plus the codes of any diagnostics, for one-line checks.
std::string hot_info(std::string_view source, Loader loader = Loader::ts) {
  CompileOptions options;
  options.loader = loader;
  CompileResult r = compile(source, options);
  std::string out = r.module_info.self_accepts ? "self" : "-";
  out += fmt::format(" deps={}", r.module_info.accepted_deps);
  for (const auto& d : r.diagnostics) out += fmt::format(" {}", d.code);
  return out;
}

}  // namespace

TEST_CASE("accept in its four forms") {
  CHECK(hot_info("import.meta.hot.accept();") == "self deps=[]");
  CHECK(hot_info("import.meta.hot.accept((m) => m);") == "self deps=[]");
  CHECK(hot_info("import './a';\nimport.meta.hot.accept('./a', (m) => {});") == "- deps=[\"./a\"]");
  CHECK(hot_info("import a from './a';\nexport * from './b';\n"
                 "import.meta.hot.accept(['./a', \"./b\"], (ms) => {});") ==
        "- deps=[\"./a\", \"./b\"]");
  CHECK(hot_info("const m = import('./lazy');\nimport.meta.hot.accept(`./lazy`, cb);") ==
        "- deps=[\"./lazy\"]");
  CHECK(hot_info(
            "import './a';\nimport.meta.hot.accept('./a', f);\nimport.meta.hot.accept(['./a']);") ==
        "- deps=[\"./a\"]");
}

TEST_CASE("writing data accepts; reading it does not") {
  CHECK(hot_info("const n = import.meta.hot.data.n ?? 0;") == "- deps=[]");
  CHECK(hot_info("import.meta.hot.data.n ??= 0;") == "self deps=[]");
  CHECK(hot_info("import.meta.hot.data.n ||= 0;") == "self deps=[]");
  CHECK(hot_info("import.meta.hot.data.n &&= 0;") == "self deps=[]");
  CHECK(hot_info("import.meta.hot.data.n = 1;") == "self deps=[]");
  CHECK(hot_info("import.meta.hot.data.n++;") == "self deps=[]");
  CHECK(hot_info("import.meta.hot.data['n'] = 1;") == "self deps=[]");
  CHECK(hot_info("keep(import.meta.hot.data);") == "- deps=[]");
  CHECK(hot_info("const root = import.meta.hot?.data.root;") == "- deps=[]");
}

TEST_CASE("every API method, and the tests") {
  for (std::string_view api : {"dispose(f)", "prune(f)", "on('x', f)", "off('x', f)",
                               "send('x', 1)", "invalidate()", "invalidate('why')", "decline()"}) {
    CHECK(hot_info(fmt::format("import.meta.hot.{};", api)) == "- deps=[]");
    CHECK(hot_info(fmt::format("import.meta.hot?.{};", api)) == "- deps=[]");
  }
  for (std::string_view test :
       {"if (import.meta.hot) f();", "if (!import.meta.hot) f();", "x = import.meta.hot ? 1 : 2;",
        "import.meta.hot && f();", "if (ready && import.meta.hot) f();",
        "if (import.meta.hot || force) f();", "if (import.meta.hot ?? false) f();",
        "t = typeof import.meta.hot;", "while (!import.meta.hot) break;", "import.meta.hot;"}) {
    CHECK(hot_info(test) == "- deps=[]");
  }
}

TEST_CASE("TypeScript wrappers and computed string keys are the plain forms") {
  CHECK(hot_info("import.meta.hot!.accept();") == "self deps=[]");
  CHECK(hot_info("(import.meta.hot as any).dispose(f);") == "- deps=[]");
  CHECK(hot_info("(<any>import.meta.hot).dispose(f);") == "- deps=[]");
  CHECK(hot_info("(import.meta.hot satisfies object).dispose(f);") == "- deps=[]");
  CHECK(hot_info("import.meta['hot']['prune'](f);") == "- deps=[]");
  CHECK(hot_info("((import.meta).hot).accept();") == "self deps=[]");
}

TEST_CASE("the text import.meta.hot outside code is left alone") {
  CHECK(hot_info("s = 'import.meta.hot = 1';") == "- deps=[]");
  CHECK(hot_info("// import.meta.hot.acept()\n/* import.meta.hot */") == "- deps=[]");
  CHECK(hot_info("t = `import.meta.hot ${1}`;") == "- deps=[]");
  CHECK(hot_info("r = /import.meta.hot/g;") == "- deps=[]");
  CHECK(hot_info("const meta = { hot: 1 };\nmeta.hot;") == "- deps=[]");
}

TEST_CASE("indirect uses are errors in both modes") {
  CHECK(hot_info("const hot = import.meta.hot;") == "- deps=[] HMR001");
  CHECK(hot_info("const meta = import.meta;\nmeta.hot.accept();") == "- deps=[] HMR002");
  CHECK(hot_info("f(import.meta.hot.dispose);\ng();") == "- deps=[] HMR003");
  CHECK(hot_info("import.meta.hot.acept();") == "- deps=[] HMR004");
  CHECK(hot_info("import.meta.hot = 1;") == "- deps=[] HMR005");
  CHECK(hot_info("import.meta.hot.accept(dep, f);") == "- deps=[] HMR006");
  CHECK(hot_info("import.meta.hot.accept('./nope', f);") == "- deps=[] HMR007");
  CHECK(hot_info("f(import.meta);") == "- deps=[] HMR008");
  CompileOptions prod;
  prod.mode = Mode::prod;
  CHECK_FALSE(compile("const hot = import.meta.hot;", prod).ok());
}
