#include <fmt/format.h>

#include <string_view>

#include "build.hpp"
#include "options.hpp"
#include "resolve_command.hpp"
#include "runtime_command.hpp"
#include "server/serve_command.hpp"

int main(int argc, char** argv) {
  // The dev server and the runtime writer have their own command lines; the
  // compiler's stays as it is.
  if (argc > 1 && std::string_view(argv[1]) == "serve") {
    return hmrc::server::serve_main(argc - 1, argv + 1);
  }
  if (argc > 1 && std::string_view(argv[1]) == "resolve") {
    return hmrc::cli::run_resolve_command(argc - 1, argv + 1);
  }
  if (argc > 1 && std::string_view(argv[1]) == "runtime") {
    return hmrc::cli::run_runtime_command(argc - 1, argv + 1);
  }
  hmrc::cli::Options options;
  CLI::App app;
  hmrc::cli::define_options(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive as "errors" with exit code 0.
    if (e.get_exit_code() == 0) return app.exit(e);
    fmt::print(stderr, "hmrc: error: {}\nRun 'hmrc --help' for usage.\n", e.what());
    return hmrc::cli::kExitUsage;
  }
  return hmrc::cli::run(options);
}
