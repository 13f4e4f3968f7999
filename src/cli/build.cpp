#include "build.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>

#include "diagnostics/render.hpp"
#include "file_io.hpp"
#include "parser/text.hpp"

namespace hmrc::cli {
namespace fs = std::filesystem;
namespace {

struct Job {
  std::string input;  // "-" for standard input
  fs::path output;    // empty: standard output (or nothing with --check)
  std::string display_name;
};

struct JobResult {
  std::string source;
  CompileResult compiled;
  std::optional<std::string> io_error;
};

std::string output_extension(const fs::path& input) {
  std::string ext = input.extension().string();
  if (ext == ".mts" || ext == ".mjs") return ".mjs";
  if (ext == ".cts" || ext == ".cjs") return ".cjs";
  return ".js";
}

fs::path absolute_normal(const fs::path& p) { return fs::absolute(p).lexically_normal(); }

// The deepest folder that holds every input: --outdir mirrors paths below it.
fs::path common_folder(const std::vector<std::string>& inputs) {
  fs::path common = absolute_normal(inputs.front()).parent_path();
  for (const auto& input : inputs) {
    fs::path dir = absolute_normal(input).parent_path(), shared;
    for (auto a = common.begin(), b = dir.begin(); a != common.end() && b != dir.end() && *a == *b;
         ++a, ++b) {
      shared /= *a;
    }
    common = shared;
  }
  return common;
}

struct Plan {
  std::vector<Job> jobs;
  std::optional<std::string> usage_error;
  // tsconfig.json per job (null: none), loaded once before the jobs run.
  std::vector<const config::TsConfig*> tsconfigs;
  std::vector<std::unique_ptr<config::TsConfig>> loaded;
};

// The tsconfig of each job: --tsconfig FILE for all, none with
// --tsconfig=none, else the nearest above the input (standard input: above
// the working folder). A broken one is an error of the whole run.
std::optional<std::string> load_tsconfigs(const Options& o, Plan& plan) {
  std::map<fs::path, const config::TsConfig*> by_path;
  for (const Job& job : plan.jobs) {
    std::optional<fs::path> file;
    if (o.tsconfig == "none") {
    } else if (!o.tsconfig.empty()) {
      file = absolute_normal(o.tsconfig);
      if (!fs::is_regular_file(*file)) {
        return fmt::format("hmrc: error: --tsconfig: cannot read '{}'", o.tsconfig);
      }
    } else {
      file = config::find_tsconfig(job.input == "-" ? fs::path("stdin") : fs::path(job.input));
    }
    const config::TsConfig* found = nullptr;
    if (file) {
      auto it = by_path.find(*file);
      if (it == by_path.end()) {
        config::LoadResult r = config::load_tsconfig(*file);
        if (auto* e = std::get_if<config::TsConfigError>(&r)) return e->render();
        plan.loaded.push_back(std::make_unique<config::TsConfig>(std::get<config::TsConfig>(r)));
        it = by_path.emplace(*file, plan.loaded.back().get()).first;
      }
      found = it->second;
    }
    plan.tsconfigs.push_back(found);
  }
  return std::nullopt;
}

Plan plan_jobs(const Options& o) {
  Plan plan;
  std::vector<std::string> inputs = o.inputs.empty() ? std::vector<std::string>{"-"} : o.inputs;
  bool uses_stdin = std::find(inputs.begin(), inputs.end(), "-") != inputs.end();
  if (uses_stdin && inputs.size() > 1) {
    plan.usage_error = "standard input ('-') cannot be combined with other inputs";
  } else if (inputs.size() > 1 && o.outdir.empty() && !o.check) {
    plan.usage_error = "several inputs need --outdir DIR (or --check)";
  } else if (uses_stdin && !o.outdir.empty()) {
    plan.usage_error = "--outdir needs input files, not standard input";
  } else if (!o.check && !o.mode) {
    plan.usage_error = "say --dev or --prod (or --check to diagnose only)";
  }
  if (plan.usage_error) return plan;

  fs::path base;
  if (!o.outdir.empty()) base = o.root.empty() ? common_folder(inputs) : absolute_normal(o.root);
  for (const auto& input : inputs) {
    Job job{input, {}, input == "-" ? "<stdin>" : input};
    if (!o.check && !o.outdir.empty()) {
      fs::path relative = absolute_normal(input).lexically_relative(base);
      if (relative.empty() || *relative.begin() == "..") {
        plan.usage_error = fmt::format("'{}' is not inside --root '{}'", input, o.root);
        return plan;
      }
      job.output = fs::path(o.outdir) / relative.replace_extension(output_extension(input));
    } else if (!o.check && !o.output.empty() && o.output != "-") {
      // `-o -` is standard output, as for the input and for esbuild.
      job.output = o.output;
    }
    plan.jobs.push_back(std::move(job));
  }
  return plan;
}

CompileOptions compile_options(const Options& o, const Job& job, Loader loader,
                               const config::TsConfig* tsconfig) {
  CompileOptions c;
  c.mode = o.mode.value_or(Mode::dev);
  c.loader = loader;
  c.runtime_specifier = o.runtime;
  c.jsx = o.jsx;
  config::apply_tsconfig(tsconfig ? tsconfig->options : config::CompilerOptions{}, o.given, c);
  c.refresh.enabled = o.react_refresh;
  if (job.input != "-") c.jsx.file_name = fs::path(job.input).generic_string();
  if (!o.root.empty() && job.input != "-") {
    c.module_id =
        "/" +
        absolute_normal(job.input).lexically_relative(absolute_normal(o.root)).generic_string();
  }
  bool to_file = !job.output.empty();
  c.source_map = o.source_map.value_or(o.check || c.mode == Mode::prod ? SourceMapMode::none
                                       : to_file                       ? SourceMapMode::external
                                                                       : SourceMapMode::inline_);
  if (to_file) {
    c.output_name = job.output.filename().string();
    if (job.input != "-") {
      c.source_name = absolute_normal(job.input)
                          .lexically_relative(absolute_normal(job.output).parent_path())
                          .generic_string();
    }
  } else if (job.input != "-") {
    c.output_name =
        fs::path(job.input).replace_extension(output_extension(job.input)).filename().string();
    c.source_name = fs::path(job.input).generic_string();
  }
  return c;
}

std::optional<std::string> same_file_error(const Job& job) {
  if (job.input == "-" || job.output.empty()) return std::nullopt;
  std::error_code ec;
  bool same = absolute_normal(job.input) == absolute_normal(job.output) ||
              (fs::exists(job.output, ec) && fs::equivalent(job.input, job.output, ec));
  if (!same) return std::nullopt;
  return fmt::format("output '{}' is the input file; refusing to overwrite it",
                     job.output.string());
}

JobResult run_job(const Options& o, const Job& job, const config::TsConfig* tsconfig) {
  JobResult r;
  if (auto err = same_file_error(job)) {
    r.io_error = std::move(err);
    return r;
  }
  if (auto read = read_input(job.input, r.source); !read) {
    r.io_error = std::move(read.error);
    return r;
  }
  std::optional<Loader> loader = o.loader ? o.loader : loader_for_path(job.input);
  if (!loader) {
    r.io_error = job.input == "-" ? "reading standard input needs --loader js|jsx|ts|tsx"
                                  : fmt::format(
                                        "cannot tell the language of '{}' from its extension; use "
                                        "--loader js|jsx|ts|tsx",
                                        job.input);
    return r;
  }
  CompileOptions options = compile_options(o, job, *loader, tsconfig);
  r.compiled = compile(r.source, options);
  if (!r.compiled.ok() || o.check || job.output.empty()) return r;

  std::error_code ec;
  if (job.output.has_parent_path()) fs::create_directories(job.output.parent_path(), ec);
  if (ec) {
    r.io_error = fmt::format("cannot create folder '{}': {}", job.output.parent_path().string(),
                             ec.message());
    return r;
  }
  if (!r.compiled.map.empty()) {
    fs::path map_path = job.output;
    map_path += ".map";
    if (auto w = write_atomically(map_path, r.compiled.map); !w) {
      r.io_error = std::move(w.error);
      return r;
    }
  }
  if (auto w = write_atomically(job.output, r.compiled.code); !w) r.io_error = std::move(w.error);
  return r;
}

// Largest inputs first: one file cannot be split over threads, so a big one
// started last would leave the other threads idle while it finishes.
std::vector<std::size_t> largest_first(const std::vector<Job>& jobs) {
  std::vector<std::pair<std::uintmax_t, std::size_t>> sized(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    std::error_code ec;
    std::uintmax_t size = jobs[i].input == "-" ? 0 : fs::file_size(jobs[i].input, ec);
    sized[i] = {ec ? 0 : size, i};
  }
  std::stable_sort(sized.begin(), sized.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::size_t> order(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) order[i] = sized[i].second;
  return order;
}

void run_all(const Options& o, const Plan& plan, std::vector<JobResult>& results) {
  const std::vector<Job>& jobs = plan.jobs;
  unsigned workers = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min<unsigned>(workers, static_cast<unsigned>(jobs.size()));
  if (workers <= 1) {
    for (std::size_t i = 0; i < jobs.size(); ++i)
      results[i] = run_job(o, jobs[i], plan.tsconfigs[i]);
    return;
  }
  std::vector<std::size_t> order = largest_first(jobs);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < order.size();) {
      results[order[k]] = run_job(o, jobs[order[k]], plan.tsconfigs[order[k]]);
    }
  };
  std::vector<std::jthread> threads;
  for (unsigned t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
}

bool use_color(ColorMode mode) {
  if (mode != ColorMode::auto_) return mode == ColorMode::always;
  const char* term = std::getenv("TERM");
  return isatty(STDERR_FILENO) && !std::getenv("NO_COLOR") &&
         !(term && std::string_view(term) == "dumb");
}

void print_text(const std::vector<Job>& jobs, const std::vector<JobResult>& results, bool color) {
  std::string out;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const JobResult& r = results[i];
    if (r.io_error) out += fmt::format("hmrc: error: {}\n", *r.io_error);
    if (r.compiled.diagnostics.empty()) continue;
    LineIndex lines(r.source);
    SourceFile file{jobs[i].display_name, r.source, lines};
    for (const auto& d : r.compiled.diagnostics) out += render_text(d, file, color);
  }
  std::fwrite(out.data(), 1, out.size(), stderr);
}

void print_json(const std::vector<Job>& jobs, const std::vector<JobResult>& results) {
  boost::json::array all;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const JobResult& r = results[i];
    if (r.io_error) {
      all.emplace_back(boost::json::object{{"file", jobs[i].display_name},
                                           {"code", codes::kIo},
                                           {"severity", "error"},
                                           {"message", *r.io_error}});
    }
    LineIndex lines(r.source);
    append_json(all, r.compiled.diagnostics, {jobs[i].display_name, r.source, lines});
  }
  std::string out = boost::json::serialize(boost::json::object{{"diagnostics", std::move(all)}});
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stderr);
}

}  // namespace

int run(const Options& o) {
  Plan plan = plan_jobs(o);
  if (plan.usage_error) {
    fmt::print(stderr, "hmrc: error: {}\nRun 'hmrc --help' for usage.\n", *plan.usage_error);
    return kExitUsage;
  }
  if (auto error = load_tsconfigs(o, plan)) {
    std::fwrite(error->data(), 1, error->size(), stderr);
    if (!error->ends_with("\n")) std::fputc('\n', stderr);
    return kExitUsage;
  }
  std::vector<JobResult> results(plan.jobs.size());
  run_all(o, plan, results);

  if (o.diagnostics == DiagnosticFormat::json) {
    print_json(plan.jobs, results);
  } else {
    print_text(plan.jobs, results, use_color(o.color));
  }

  int status = kExitOk;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const JobResult& r = results[i];
    if (r.io_error) {
      status = kExitUsage;
    } else if (!r.compiled.ok()) {
      status = std::max(status, kExitCodeErrors);
    } else if (!o.check && plan.jobs[i].output.empty()) {
      std::fwrite(r.compiled.code.data(), 1, r.compiled.code.size(), stdout);
    }
  }
  return status;
}

}  // namespace hmrc::cli
