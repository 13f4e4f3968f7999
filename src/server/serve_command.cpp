#include "serve_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <string_view>

#include "server/server.hpp"

namespace hmrc::server {

int serve_main(int argc, char** argv) {
  ServeOptions options;
  std::string color = "auto";
  CLI::App app{"hmrc serve: development server with hot module replacement.", "hmrc serve"};
  app.add_option("dir", options.dir, "Folder to serve (default: the current folder)");
  app.add_option("--port", options.port,
                 "Port; when taken, the next free one is used and printed (0: any)")
      ->capture_default_str();
  app.add_option("--host", options.host,
                 "Address to listen on; 0.0.0.0 exposes the server to the network")
      ->capture_default_str();
  app.add_flag("--strict-port", options.strict_port, "Fail when the port is taken");
  app.add_flag("--force", options.force,
               "Bundle the npm dependencies again (clears node_modules/.hmrc)");
  app.add_flag("--trace", options.trace,
               "Print where the time of each update goes (also: HMRC_TRACE=1)");
  app.add_option("--color", color, "auto (default), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.footer(
      "The page gets the HMR client injected into every HTML file; modules (.ts .tsx .js .jsx "
      ".mjs) are compiled on request. Ctrl-C stops the server.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    fmt::print(stderr, "hmrc serve: error: {}\nRun 'hmrc serve --help' for usage.\n", e.what());
    return 2;
  }
  if (const char* trace = std::getenv("HMRC_TRACE");
      trace && *trace && std::string_view(trace) != "0")
    options.trace = true;
  options.color =
      color == "always" || (color == "auto" && isatty(STDERR_FILENO) && !std::getenv("NO_COLOR"));
  try {
    return serve(options);
  } catch (const std::exception& e) {
    fmt::print(stderr, "hmrc serve: error: {}\n", e.what());
    return 2;
  }
}

}  // namespace hmrc::server
