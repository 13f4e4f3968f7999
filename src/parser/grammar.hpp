// Which grammar parses a file. JavaScript files (.js .mjs .cjs .jsx) use
// tree-sitter-javascript, which always accepts JSX: no plain-JS expression can
// start with `<`, so accepting JSX changes the meaning of no valid program
// (Bun does the same). TypeScript uses tree-sitter-typescript's two grammars:
// `.ts` `.mts` `.cts` must not accept JSX, because `<T>x` is a cast there.
#pragma once

#include <tree_sitter/api.h>

#include <optional>
#include <string_view>

namespace hmrc {

enum class Loader { js, jsx, ts, tsx };

std::optional<Loader> loader_for_path(std::string_view path);
std::optional<Loader> loader_from_name(std::string_view name);
std::string_view loader_name(Loader loader);
const TSLanguage* language_for(Loader loader);

inline bool is_typescript(Loader l) { return l == Loader::ts || l == Loader::tsx; }

}  // namespace hmrc
