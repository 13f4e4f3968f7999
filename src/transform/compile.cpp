#include "compile.hpp"

#include <fmt/format.h>

#include <memory>

#include "analysis.hpp"
#include "decorators/decorators.hpp"
#include "edit_buffer.hpp"
#include "hot_dev.hpp"
#include "hot_exports.hpp"
#include "hot_header.hpp"
#include "hot_prod.hpp"
#include "hot_uses.hpp"
#include "jsx.hpp"
#include "jsx_parse.hpp"
#include "parser/syntax_errors.hpp"
#include "parser/text.hpp"
#include "parser/tree.hpp"
#include "source_map.hpp"
#include "ts_edits.hpp"
#include "ts_enum.hpp"
#include "ts_erase.hpp"
#include "ts_imports.hpp"
#include "ts_namespace.hpp"
#include "ts_param_props.hpp"
#include "ts_repair.hpp"

namespace hmrc {
namespace {

constexpr std::string_view kInternalError = "X001";
constexpr int kRepairRounds = 24;

bool check_input(std::string_view source, std::vector<Diagnostic>& out) {
  auto problem = check_text(source);
  if (!problem) return true;
  uint32_t at = problem->offset;
  switch (problem->kind) {
    case TextProblem::Kind::nul_byte:
      out.push_back({codes::kNulByte,
                     Severity::error,
                     {at, at + 1},
                     fmt::format("NUL byte at byte offset {}: this is not a text file", at),
                     {}});
      break;
    case TextProblem::Kind::invalid_utf8:
      out.push_back({codes::kInvalidUtf8,
                     Severity::error,
                     {at, at + 1},
                     fmt::format("invalid UTF-8 at byte offset {}", at),
                     {"source files must be encoded as UTF-8"}});
      break;
    case TextProblem::Kind::too_large:
      out.push_back({codes::kInputTooLarge,
                     Severity::error,
                     {0, 0},
                     fmt::format("input is {} bytes; the limit is {} bytes", source.size(), at),
                     {}});
      break;
  }
  return false;
}

// ts_repair's copies, parsed again: a repair can uncover the next gap (each
// overload of an interface that the grammar gave up on), so a few rounds,
// each on the last copy. Returns whether any round repaired.
// `parsed`: the text the tree was parsed from (the source, or JSX's masked copy).
// `first`: when given, receives the tree the rounds start from, unedited (the
// dev server reparses the next save from it).
bool repair_rounds(Parser& parser, Tree& tree, std::string_view source, std::string_view parsed,
                   Loader loader, Tree* first, std::vector<Span>& removed_statements,
                   std::vector<Span>& removed_types) {
  bool repaired_any = false;
  std::string repaired;
  for (int round = 0; round < kRepairRounds; ++round) {
    auto repair = repair_typescript(tree.root(), round == 0 ? source : std::string_view(repaired));
    if (!repair) break;
    // Incremental: the copy differs in a few bytes, and a parse from scratch
    // cost as much again as the first one.
    Tree again;
    if (round == 0 && first) {
      again = parser.reparse(repair->text, language_for(loader), tree, parsed);  // edits a copy
      if (!again) break;
      *first = std::move(tree);
    } else {
      edit_same_length(tree, round == 0 ? parsed : std::string_view(repaired), repair->text);
      again = parser.parse(repair->text, language_for(loader), &tree);
      if (!again) break;
    }
    tree = std::move(again);
    repaired_any = true;
    repaired = std::move(repair->text);
    for (Span s : repair->removed_statements) removed_statements.push_back(s);
    for (Span s : repair->removed_types) removed_types.push_back(s);
    if (!ts_node_has_error(tree.root())) break;
  }
  return repaired_any;
}

// Fills the memo when the compile ends, however it returns.
class MemoKeeper {
 public:
  MemoKeeper(ParseMemo* memo, std::string_view source) : memo_(memo), source_(source) {}
  ~MemoKeeper() {
    if (!memo_) return;
    // A source with errors leaves the last error-free tree: the fix is then
    // reparsed from it (edit_between spans both saves' changes).
    if (first_ && *first_ && !ts_node_has_error(first_->root())) {
      memo_->tree = std::move(*first_);
      memo_->text.assign(source_);
      memo_->language = language_;
    }
  }
  // `tree` is the parse of the source itself (not a masked or repaired copy).
  void set_first(Tree* tree, const TSLanguage* language) {
    first_ = tree;
    language_ = language;
  }

 private:
  ParseMemo* memo_;
  std::string_view source_;
  Tree* first_ = nullptr;
  const TSLanguage* language_ = nullptr;
};

CompileResult compile_with(std::string_view source, const CompileOptions& options, ParseMemo* memo);

}  // namespace

std::size_t ParseMemo::bytes() const {
  return text.size() + (tree.arena() ? ts_alloc::arena_bytes_used(*tree.arena()) : 0);
}

CompileResult compile(std::string_view source, const CompileOptions& options) {
  return compile_with(source, options, nullptr);
}

CompileResult compile(std::string_view source, const CompileOptions& options, ParseMemo& memo) {
  return compile_with(source, options, &memo);
}

namespace {

CompileResult compile_with(std::string_view source, const CompileOptions& options,
                           ParseMemo* memo) {
  CompileResult result;
  if (memo) memo->reparsed = false;
  if (!check_input(source, result.diagnostics)) return result;

  Parser parser;
  const TSLanguage* language = language_for(options.loader);
  std::string masked;  // JSX: the source with bare `&` masked, when that is what parses
  Tree tree;
  Tree first;                       // the parse of `source` when a repair replaces `tree`
  MemoKeeper keeper(memo, source);  // after the trees: it moves one of them when it ends
  if (memo && memo->tree && memo->language == language &&
      memo->tree.generation() < ParseMemo::kMaxReparses) {
    tree = parser.reparse(source, language, memo->tree, memo->text);
    // Error recovery may pick another tree than a parse from scratch would:
    // only an error-free reparse is taken.
    if (tree && ts_node_has_error(tree.root())) tree = Tree();
    memo->reparsed = static_cast<bool>(tree);
  }
  if (!tree) tree = parse_allowing_bare_ampersands(parser, source, language, masked);
  if (masked.empty()) keeper.set_first(&tree, language);
  if (!tree) {
    result.diagnostics.push_back({kInternalError,
                                  Severity::error,
                                  {0, 0},
                                  "internal error: the grammar could not be loaded",
                                  {}});
    return result;
  }
  std::string_view parsed = masked.empty() ? source : std::string_view(masked);
  bool typescript = is_typescript(options.loader);
  std::vector<Span> repaired_statements, repaired_types;
  // The server keeps the parse of the source itself for the next save.
  Tree* keep_first = memo && masked.empty() ? &first : nullptr;
  bool repaired = typescript && ts_node_has_error(tree.root()) &&
                  repair_rounds(parser, tree, source, parsed, options.loader, keep_first,
                                repaired_statements, repaired_types);
  if (repaired && keep_first) keeper.set_first(&first, language);
  std::size_t before_syntax = result.diagnostics.size();
  collect_syntax_errors(tree.root(), source, result.diagnostics);
  if (!result.ok()) return result;

  // The one walk over the tree; TypeScript erasure rides along.
  std::unique_ptr<TsErase> erase;
  auto walk = [&] {
    if (typescript) erase = std::make_unique<TsErase>(tree.root(), source);
    return analyze(tree.root(), source, {options.source_map != SourceMapMode::none, erase.get()});
  };
  Analysis analysis = walk();
  // A tree without errors can still hold a shape the grammar misreads
  // (ts_repair.hpp); the walk tells when it may, which is rare.
  if (typescript && !repaired && analysis.maybe_misread_typescript &&
      repair_rounds(parser, tree, source, parsed, options.loader, keep_first, repaired_statements,
                    repaired_types)) {
    if (keep_first) keeper.set_first(&first, language);
    result.diagnostics.erase(
        result.diagnostics.begin() + static_cast<std::ptrdiff_t>(before_syntax),
        result.diagnostics.end());
    collect_syntax_errors(tree.root(), source, result.diagnostics);
    if (!result.ok()) return result;
    analysis = walk();
  }
  HotUses hot = classify_hot_uses(analysis, source, result.diagnostics);
  for (const auto& i : analysis.imports) result.module_info.imports.push_back(i.specifier);
  result.module_info.self_accepts = hot.self_accepts;
  result.module_info.accepted_deps = hot.accepted_deps;
  if (!result.ok()) return result;

  EditBuffer edits(source);
  try {
    DevExports exports;
    if (options.mode == Mode::prod) {
      remove_hot_uses(hot, source, edits);
    } else {
      exports = rewrite_dev_exports(tree.root(), analysis, source, edits);
      rewrite_hot_dev(hot, exports, source, edits);
    }
    // The imports that remain in the output: the dev server must not load
    // what only types imported, nor the runtime count it as an edge.
    std::vector<ImportSpecifier> kept_imports;
    // After the hot passes, so that TypeScript edits step around theirs (ts_edits.hpp).
    if (typescript) {
      TsEdits ts_edits(edits);
      erase->edits().replay(ts_edits);
      for (Diagnostic& d : erase->diagnostics()) result.diagnostics.push_back(std::move(d));
      keep_decorator_metadata_imports(analysis, source, options.ts, erase->facts());
      const ts::Facts& facts = erase->facts();
      for (Span s : repaired_statements) ts_edits.remove_statement(s.start, s.end);
      for (Span s : repaired_types) ts_edits.blank(s.start, s.end);
      const ts::Syntax& syntax = ts::syntax_for(ts_tree_language(tree.get()));
      elide_imports(facts, syntax, ts_edits, options.ts);
      compile_enums(facts, syntax, ts_edits);
      compile_parameter_properties(facts, syntax, ts_edits, options.ts.use_define_for_class_fields);
      compile_namespaces(facts, syntax, ts_edits, result.diagnostics);
      for (auto& i : analysis.imports)
        if (i.dynamic || !ts_edits.was_blanked(i.span.start, i.span.end))
          kept_imports.push_back(std::move(i));
    } else {
      kept_imports = std::move(analysis.imports);
    }
    result.module_info.imports.clear();
    for (const auto& i : kept_imports) result.module_info.imports.push_back(i.specifier);
    if (!result.ok()) return result;
    // Decorators and `accessor`: after the TypeScript passes, before the header.
    lower_decorators(tree.root(), analysis, source, options.ts,
                     typescript ? &erase->facts() : nullptr, edits, result.diagnostics);
    if (!result.ok()) return result;
    if (options.mode == Mode::dev) {
      insert_hot_header(
          hot, kept_imports, exports,
          {options.runtime_specifier, options.module_id, prologue_end(tree.root(), source)}, edits);
    }

    // JSX: after the hot passes, so its imports follow their header.
    JsxOptions jsx = options.jsx;
    jsx.dev = options.mode == Mode::dev;
    transform_jsx(analysis, jsx, source, edits, result.diagnostics);
    if (!result.ok()) return result;

    std::vector<Piece> pieces = edits.pieces();
    result.code = EditBuffer::join(pieces, source);
    if (options.source_map != SourceMapMode::none) {
      std::string map = build_source_map(
          pieces, {source, analysis.token_starts, options.output_name, options.source_name});
      if (!result.code.empty() && result.code.back() != '\n' && result.code.back() != '\r') {
        result.code += '\n';
      }
      if (options.source_map == SourceMapMode::inline_) {
        result.code += inline_map_comment(map);
      } else {
        result.code += external_map_comment(options.output_name + ".map");
        result.map = std::move(map);
      }
    }
  } catch (const OverlappingEdits& e) {
    result.code.clear();
    result.diagnostics.push_back({kInternalError,
                                  Severity::error,
                                  {0, 0},
                                  fmt::format("internal error: {}", e.what()),
                                  {"this is a bug in hmrc; please report it with the input file"}});
  }
  return result;
}

}  // namespace
}  // namespace hmrc
