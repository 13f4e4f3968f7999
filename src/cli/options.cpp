#include "options.hpp"

#include "version.hpp"

namespace hmrc::cli {
namespace {

constexpr const char* kExamples = R"(Examples:
  hmrc --dev src/app.ts -o out/app.js        dev build, external source map
  hmrc --prod src/app.tsx -o dist/app.js     production build
  hmrc --prod --outdir dist src/*.ts -j 4    many files, paths kept under dist/
  cat app.ts | hmrc --dev --loader ts        stdin to stdout
  hmrc --check src/*.ts                      diagnose only, write nothing
  hmrc serve [DIR] [--port 5173]             dev server with HMR (hmrc serve --help)

Exit status: 0 success (warnings allowed), 1 errors in the code, 2 usage or I/O problems.)";

}  // namespace

void define_options(CLI::App& app, Options& o) {
  app.description("hmrc: compiles JavaScript, TypeScript and JSX for hot module replacement.");
  app.footer(kExamples);
  app.set_version_flag("--version", std::string(kVersionLine));
  app.get_formatter()->column_width(34);

  app.add_option("inputs", o.inputs, "Input files; none or '-' reads standard input");
  auto* dev = app.add_flag_callback(
      "--dev", [&o] { o.mode = Mode::dev; },
      "Development build: import.meta.hot goes to the runtime");
  auto* prod = app.add_flag_callback(
      "--prod", [&o] { o.mode = Mode::prod; }, "Production build: import.meta.hot is removed");
  dev->excludes(prod);
  app.add_flag("--check", o.check, "Report diagnostics only; write nothing");

  auto* out =
      app.add_option("-o,--output", o.output, "Output file; '-' or none writes standard output");
  auto* outdir = app.add_option("--outdir", o.outdir,
                                "Output folder for several inputs; keeps relative paths");
  out->excludes(outdir);
  app.add_option(
      "--root", o.root,
      "Project root: dev modules are named by their path below it (/src/a.ts; default: "
      "import.meta.url), and --outdir mirrors paths below it (default: the inputs' common folder)");
  app.add_option("--runtime", o.runtime, "Specifier dev output imports the HMR runtime from")
      ->capture_default_str();
  app.add_option("-j,--jobs", o.jobs, "Files compiled in parallel (default: all cores)")
      ->check(CLI::Range(1u, 1024u));

  app.add_option_function<std::string>(
         "--loader", [&o](const std::string& v) { o.loader = loader_from_name(v); },
         "Language of the input: js, jsx, ts or tsx (default: from the extension)")
      ->check(CLI::IsMember({"js", "jsx", "ts", "tsx"}));
  app.add_option_function<std::string>(
         "--sourcemap",
         [&o](const std::string& v) {
           o.source_map = v == "external" ? SourceMapMode::external
                          : v == "inline" ? SourceMapMode::inline_
                                          : SourceMapMode::none;
         },
         "external, inline or none (default: external in dev, inline in dev to stdout, none in "
         "prod)")
      ->check(CLI::IsMember({"external", "inline", "none"}));
  app.add_option_function<std::string>(
         "--jsx",
         [&o](const std::string& v) {
           o.given.jsx = true;
           o.jsx.mode = v == "classic"    ? JsxMode::classic
                        : v == "preserve" ? JsxMode::preserve
                                          : JsxMode::automatic;
         },
         "automatic (default: react/jsx-runtime, jsxDEV in dev), classic (React.createElement) or "
         "preserve")
      ->check(CLI::IsMember({"automatic", "classic", "preserve"}));
  app.add_option("--jsx-factory", o.jsx.factory, "Classic JSX: the element function")
      ->capture_default_str()
      ->each([&o](const std::string&) { o.given.jsx_factory = true; });
  app.add_option("--jsx-fragment", o.jsx.fragment, "Classic JSX: the fragment component")
      ->capture_default_str()
      ->each([&o](const std::string&) { o.given.jsx_fragment = true; });
  app.add_flag("--react-refresh", o.react_refresh,
               "React Fast Refresh: register components and sign hooks with $RefreshReg$ and "
               "$RefreshSig$ (dev only; ignored by --prod)");
  app.add_option("--jsx-import-source", o.jsx.import_source,
                 "Automatic JSX: imports from <source>/jsx-runtime")
      ->capture_default_str()
      ->each([&o](const std::string&) { o.given.jsx_import_source = true; });
  app.add_option("--tsconfig", o.tsconfig,
                 "tsconfig.json to use for every input, or 'none' (default: the nearest one "
                 "above each input; flags given here win over it)");
  app.add_option_function<std::string>(
         "--diagnostics",
         [&o](const std::string& v) {
           o.diagnostics = v == "json" ? DiagnosticFormat::json : DiagnosticFormat::text;
         },
         "text (default) or json, on standard error")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option_function<std::string>(
         "--color",
         [&o](const std::string& v) {
           o.color = v == "always"  ? ColorMode::always
                     : v == "never" ? ColorMode::never
                                    : ColorMode::auto_;
         },
         "auto (default: only on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

}  // namespace hmrc::cli
