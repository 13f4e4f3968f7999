// One-line expectation tests, esbuild's expectPrinted style: input, options,
// the output expected.
//   expect_printed("let a: T = 1;", "let a    = 1;", {.loader = Loader::ts});
// A compile with errors prints as "<error CODE>", CODE of its first diagnostic.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "transform/compile.hpp"

namespace hmrc::test {

// What the tests vary; everything else is CompileOptions' default.
struct Print {
  Mode mode = Mode::prod;
  Loader loader = Loader::js;
};

inline std::string printed(std::string_view input, Print print = {}) {
  CompileOptions options;
  options.mode = print.mode;
  options.loader = print.loader;
  CompileResult r = compile(input, options);
  if (r.ok()) return r.code;
  return "<error " + std::string(r.diagnostics.front().code) + ">";
}

}  // namespace hmrc::test

// A macro, so that doctest reports the test's line, not this header's.
#define expect_printed(input, expected, ...) \
  CHECK(::hmrc::test::printed(input __VA_OPT__(, ) __VA_ARGS__) == (expected))
