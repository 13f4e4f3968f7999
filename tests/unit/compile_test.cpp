#include <doctest/doctest.h>

#include <string>

#include "expect.hpp"

using namespace hmrc;

TEST_CASE("code without import.meta.hot comes out byte for byte (dev: after the header)") {
  constexpr std::string_view kHeader =
      "import { createHotContext as __hmrc_createHotContext } from \"/@hmrc/runtime.js\"; const "
      "__hmrc_hot = __hmrc_createHotContext(import.meta.url, { url: import.meta.url, "
      "selfAccepting: false, dependencies: {}, imports: [] });";
  for (std::string_view s :
       {"", "a;", "/* c */\r\nlet x = 1 // t\n", "x\n\n\n", "#!/usr/bin/env node\nx"}) {
    expect_printed(s, s);
    std::string dev(s);
    dev.insert(s.starts_with("#!") ? s.find('\n') + 1 : 0, kHeader);
    expect_printed(s, dev, {.mode = Mode::dev});
  }
}

TEST_CASE("source maps are appended as comments") {
  CompileOptions options;
  options.mode = Mode::prod;  // dev output starts with the runtime header
  options.loader = Loader::js;
  options.source_map = SourceMapMode::external;
  options.output_name = "a.js";
  CompileResult r = compile("x", options);
  CHECK(r.code == "x\n//# sourceMappingURL=a.js.map\n");
  CHECK(r.map.find("\"mappings\":\"AAAA\"") != std::string::npos);

  options.source_map = SourceMapMode::inline_;
  r = compile("x\n", options);
  CHECK(r.code.rfind("x\n//# sourceMappingURL=data:application/json;base64,", 0) == 0);
  CHECK(r.map.empty());
}

TEST_CASE("output is deterministic") {
  CompileOptions options;
  options.source_map = SourceMapMode::inline_;
  std::string_view s = "const a: number = 1;\nexport { a };\n";
  CHECK(compile(s, options).code == compile(s, options).code);
}
