#include "resolve_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "build.hpp"
#include "resolve/resolver.hpp"

namespace hmrc::cli {

int run_resolve_command(int argc, char** argv) {
  CLI::App app("hmrc resolve: the file an import resolves to", "hmrc resolve");
  std::string specifier, from, kind = "import";
  std::vector<std::string> conditions;
  bool node = false;
  app.add_option("specifier", specifier, "What is imported: \"react\", \"./a.js\", \"#x\"")
      ->required();
  app.add_option("from", from, "The importing file")->required();
  app.add_option("--kind", kind, "import (ESM) or require (CommonJS)")
      ->check(CLI::IsMember({"import", "require"}));
  app.add_option("--conditions", conditions, "Extra export conditions (as Node's --conditions)")
      ->delimiter(',');
  app.add_flag("--node", node,
               "Resolve as Node does: conditions node and import/require, no \"browser\" or "
               "\"module\" fields, no extension probing");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    fmt::print(stderr, "hmrc: error: {}\nRun 'hmrc resolve --help' for usage.\n", e.what());
    return kExitUsage;
  }
  auto k = kind == "require" ? resolve::Kind::require : resolve::Kind::import;
  resolve::ResolveOptions options;
  if (node) {
    options = resolve::node_options(k, conditions);
  } else {
    options = resolve::browser_options(k);
    options.conditions.insert(options.conditions.end(), conditions.begin(), conditions.end());
  }
  resolve::Resolver resolver;
  auto result = resolver.resolve(specifier, std::filesystem::absolute(from), options);
  if (!result.ok()) {
    fmt::print(stderr, "hmrc resolve: {}: {}\n", result.code, result.error);
    return 1;
  }
  if (result.empty_module)
    fmt::print("(empty module)\n");
  else
    fmt::print("{}\n", result.path.string());
  return kExitOk;
}

}  // namespace hmrc::cli
