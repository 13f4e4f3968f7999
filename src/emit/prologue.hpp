// Where code inserted at the top of a module goes: after a `#!` line and the
// directive prologue, because `"use client"` or `"use strict"` stops being a
// directive once any other statement comes before it.
#pragma once
#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>

namespace hmrc {

struct PrologueEnd {
  uint32_t at = 0;               // insert here
  bool after_directive = false;  // `at` is the end of a directive on its line
  bool needs_semicolon = false;  // that directive has no `;` of its own
};

PrologueEnd prologue_end(TSNode program, std::string_view text);

}  // namespace hmrc
