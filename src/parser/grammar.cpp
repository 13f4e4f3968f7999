#include "grammar.hpp"

#include <array>
#include <utility>

extern "C" {
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_tsx();
}

namespace hmrc {
namespace {

constexpr std::array<std::pair<std::string_view, Loader>, 8> kExtensions{{
    {".js", Loader::js},
    {".mjs", Loader::js},
    {".cjs", Loader::js},
    {".jsx", Loader::jsx},
    {".ts", Loader::ts},
    {".mts", Loader::ts},
    {".cts", Loader::ts},
    {".tsx", Loader::tsx},
}};

constexpr std::array<std::pair<std::string_view, Loader>, 4> kNames{{
    {"js", Loader::js},
    {"jsx", Loader::jsx},
    {"ts", Loader::ts},
    {"tsx", Loader::tsx},
}};

}  // namespace

std::optional<Loader> loader_for_path(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  auto dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  std::string_view ext = base.substr(dot);
  for (auto [e, loader] : kExtensions)
    if (e == ext) return loader;
  return std::nullopt;
}

std::optional<Loader> loader_from_name(std::string_view name) {
  for (auto [n, loader] : kNames)
    if (n == name) return loader;
  return std::nullopt;
}

std::string_view loader_name(Loader loader) {
  for (auto [n, l] : kNames)
    if (l == loader) return n;
  return "?";
}

const TSLanguage* language_for(Loader loader) {
  switch (loader) {
    case Loader::js:
    case Loader::jsx:
      return tree_sitter_javascript();
    case Loader::ts:
      return tree_sitter_typescript();
    case Loader::tsx:
      return tree_sitter_tsx();
  }
  return nullptr;
}

}  // namespace hmrc
