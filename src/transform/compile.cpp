// compile(): a short list of stages over one Compilation. Each stage reads
// what the ones before it left in the Compilation and returns false when the
// module cannot go on (errors are in result.diagnostics by then):
//   check_input      bytes: UTF-8, no NUL, not too large
//   parse            tree: incremental reparse, JSX `&` masking, TypeScript
//                    repair rounds (src/parser/recovery), syntax errors
//   analyze          the one walk (src/analysis), TypeScript erasure riding
//                    along; a rare second repair when the walk suspects a misread
//   find_hot_uses    import.meta.hot uses, checked; the module's ModuleInfo
//   rewrite_hot      prod: remove them; dev: exports and hot calls rewritten
//   erase_typescript the erasure's logged edits replayed, then imports elided,
//                    enums, parameter properties and namespaces compiled
//   lower_decorators decorators (TC39 or experimentalDecorators) and `accessor`
//                    fields, after the TypeScript passes that keep their imports
//   add_hot_header   dev: the header that imports the runtime
//   transform_jsx    after the header, so that its imports follow it
//   add_refresh      dev, --react-refresh: registrations and hook signatures,
//                    last, so that its first-line declarations follow the imports
//   print            code and source map (src/emit)
// The order is the one the edits need: TypeScript edits step around the hot
// passes' edits (typescript/edits.hpp), JSX imports come after the header.
#include "transform/compile.hpp"

#include <fmt/format.h>

#include <memory>

#include "analysis/analysis.hpp"
#include "emit/edit_buffer.hpp"
#include "emit/source_map.hpp"
#include "parser/recovery/jsx_ampersands.hpp"
#include "parser/recovery/typescript_repair.hpp"
#include "parser/syntax_errors.hpp"
#include "parser/text.hpp"
#include "parser/tree.hpp"
#include "transform/decorators/decorators.hpp"
#include "transform/hot/dev.hpp"
#include "transform/hot/exports.hpp"
#include "transform/hot/header.hpp"
#include "transform/hot/prod.hpp"
#include "transform/hot/uses.hpp"
#include "transform/jsx/jsx.hpp"
#include "transform/refresh/refresh.hpp"
#include "transform/typescript/edits.hpp"
#include "transform/typescript/enum.hpp"
#include "transform/typescript/erase.hpp"
#include "transform/typescript/imports.hpp"
#include "transform/typescript/namespace.hpp"
#include "transform/typescript/param_props.hpp"

namespace hmrc {
namespace {

constexpr int kRepairRounds = 24;

// typescript_repair's copies, parsed again: a repair can uncover the next gap (each
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
  // An incremental parse can keep errors that a parse from scratch of the
  // same copy does not have (effect's Effect.ts: a template literal type
  // with escaped backticks after many repaired overloads): one more try.
  if (repaired_any && ts_node_has_error(tree.root())) {
    Tree fresh = parser.parse(repaired, language_for(loader));
    if (fresh && !ts_node_has_error(fresh.root())) tree = std::move(fresh);
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

// One compile of one module: the stages (see the top of this file) and what
// they hand on to each other.
class Compilation {
 public:
  Compilation(std::string_view source, const CompileOptions& options, ParseMemo* memo)
      : source_(source),
        options_(options),
        memo_(memo),
        typescript_(is_typescript(options.loader)),
        keeper_(memo, source) {}

  bool check_input();
  bool parse();
  bool analyze();
  bool find_hot_uses();
  bool rewrite_hot(EditBuffer& edits);
  bool erase_typescript(EditBuffer& edits);
  bool lower_decorators(EditBuffer& edits);
  void add_hot_header(EditBuffer& edits);
  bool transform_jsx(EditBuffer& edits);
  void add_refresh(EditBuffer& edits);
  void print(EditBuffer& edits);

  CompileResult result;

 private:
  // The repair rounds, on the tree parsed so far; the memo keeps the parse of
  // the source itself for the next save.
  bool repair();
  void walk();
  // Syntax errors replace those of an earlier tree (from `syntax_errors_at`).
  bool check_syntax();

  std::string_view source_;
  const CompileOptions& options_;
  ParseMemo* memo_;
  bool typescript_;

  Parser parser_;
  std::string masked_;  // JSX: the source with bare `&` masked, when that is what parses
  Tree tree_;
  Tree first_;  // the parse of `source` when a repair replaces `tree_`
  bool repaired_ = false;
  std::vector<Span> repaired_statements_, repaired_types_;
  std::size_t syntax_errors_at_ = 0;

  std::unique_ptr<TsErase> erase_;
  Analysis analysis_;
  HotUses hot_;
  DevExports exports_;
  // The imports that remain in the output: the dev server must not load
  // what only types imported, nor the runtime count it as an edge.
  std::vector<ImportSpecifier> kept_imports_;

  // Last: it ends first, and moves one of the trees above into the memo.
  MemoKeeper keeper_;
};

bool Compilation::check_input() {
  if (memo_) memo_->reparsed = false;
  auto problem = check_text(source_);
  if (!problem) return true;
  uint32_t at = problem->offset;
  switch (problem->kind) {
    case TextProblem::Kind::nul_byte:
      result.diagnostics.push_back(
          {codes::kNulByte,
           Severity::error,
           {at, at + 1},
           fmt::format("NUL byte at byte offset {}: this is not a text file", at),
           {}});
      break;
    case TextProblem::Kind::invalid_utf8:
      result.diagnostics.push_back({codes::kInvalidUtf8,
                                    Severity::error,
                                    {at, at + 1},
                                    fmt::format("invalid UTF-8 at byte offset {}", at),
                                    {"source files must be encoded as UTF-8"}});
      break;
    case TextProblem::Kind::too_large:
      result.diagnostics.push_back(
          {codes::kInputTooLarge,
           Severity::error,
           {0, 0},
           fmt::format("input is {} bytes; the limit is {} bytes", source_.size(), at),
           {}});
      break;
  }
  return false;
}

bool Compilation::parse() {
  const TSLanguage* language = language_for(options_.loader);
  if (memo_ && memo_->tree && memo_->language == language &&
      memo_->tree.generation() < ParseMemo::kMaxReparses) {
    tree_ = parser_.reparse(source_, language, memo_->tree, memo_->text);
    // Error recovery may pick another tree than a parse from scratch would:
    // only an error-free reparse is taken.
    if (tree_ && ts_node_has_error(tree_.root())) tree_ = Tree();
    memo_->reparsed = static_cast<bool>(tree_);
  }
  if (!tree_) tree_ = parse_allowing_bare_ampersands(parser_, source_, language, masked_);
  if (masked_.empty()) keeper_.set_first(&tree_, language);
  if (!tree_) {
    result.diagnostics.push_back({codes::kInternalError,
                                  Severity::error,
                                  {0, 0},
                                  "internal error: the grammar could not be loaded",
                                  {}});
    return false;
  }
  repaired_ = typescript_ && ts_node_has_error(tree_.root()) && repair();
  syntax_errors_at_ = result.diagnostics.size();
  return check_syntax();
}

bool Compilation::repair() {
  std::string_view parsed = masked_.empty() ? source_ : std::string_view(masked_);
  Tree* keep_first = memo_ && masked_.empty() ? &first_ : nullptr;
  bool repaired = repair_rounds(parser_, tree_, source_, parsed, options_.loader, keep_first,
                                repaired_statements_, repaired_types_);
  if (repaired && keep_first) keeper_.set_first(&first_, language_for(options_.loader));
  return repaired;
}

bool Compilation::check_syntax() {
  result.diagnostics.erase(
      result.diagnostics.begin() + static_cast<std::ptrdiff_t>(syntax_errors_at_),
      result.diagnostics.end());
  collect_syntax_errors(tree_.root(), source_, result.diagnostics);
  return result.ok();
}

void Compilation::walk() {
  if (typescript_) erase_ = std::make_unique<TsErase>(tree_.root(), source_);
  analysis_ = hmrc::analyze(tree_.root(), source_,
                            {options_.source_map != SourceMapMode::none, erase_.get()});
}

bool Compilation::analyze() {
  walk();
  // A tree without errors can still hold a shape the grammar misreads
  // (typescript_repair.hpp); the walk tells when it may, which is rare.
  if (typescript_ && !repaired_ && analysis_.maybe_misread_typescript && repair()) {
    if (!check_syntax()) return false;
    walk();
  }
  return true;
}

bool Compilation::find_hot_uses() {
  hot_ = classify_hot_uses(analysis_, source_, result.diagnostics);
  for (const auto& i : analysis_.imports) result.module_info.imports.push_back(i.specifier);
  result.module_info.self_accepts = hot_.self_accepts;
  result.module_info.accepted_deps = hot_.accepted_deps;
  return result.ok();
}

bool Compilation::rewrite_hot(EditBuffer& edits) {
  if (options_.mode == Mode::prod) {
    remove_hot_uses(hot_, source_, edits);
  } else {
    exports_ = rewrite_dev_exports(tree_.root(), analysis_, source_, edits);
    rewrite_hot_dev(hot_, exports_, source_, edits);
  }
  return true;
}

bool Compilation::erase_typescript(EditBuffer& edits) {
  if (typescript_) {
    TsEdits ts_edits(edits);
    erase_->edits().replay(ts_edits);
    for (Diagnostic& d : erase_->diagnostics()) result.diagnostics.push_back(std::move(d));
    keep_decorator_metadata_imports(analysis_, source_, options_.ts, erase_->facts());
    const ts::Facts& facts = erase_->facts();
    for (Span s : repaired_statements_) ts_edits.remove_statement(s.start, s.end);
    for (Span s : repaired_types_) ts_edits.blank(s.start, s.end);
    const ts::Syntax& syntax = ts::syntax_for(ts_tree_language(tree_.get()));
    elide_imports(facts, syntax, ts_edits, options_.ts);
    compile_enums(facts, syntax, ts_edits);
    compile_parameter_properties(facts, syntax, ts_edits, options_.ts.use_define_for_class_fields);
    compile_namespaces(facts, syntax, ts_edits, result.diagnostics);
    for (auto& i : analysis_.imports)
      if (i.dynamic || !ts_edits.was_blanked(i.span.start, i.span.end))
        kept_imports_.push_back(std::move(i));
  } else {
    kept_imports_ = std::move(analysis_.imports);
  }
  result.module_info.imports.clear();
  for (const auto& i : kept_imports_) result.module_info.imports.push_back(i.specifier);
  return result.ok();
}

bool Compilation::lower_decorators(EditBuffer& edits) {
  hmrc::lower_decorators(tree_.root(), analysis_, source_, options_.ts,
                         typescript_ ? &erase_->facts() : nullptr, edits, result.diagnostics);
  return result.ok();
}

void Compilation::add_hot_header(EditBuffer& edits) {
  if (options_.mode != Mode::dev) return;
  insert_hot_header(
      hot_, kept_imports_, exports_,
      {options_.runtime_specifier, options_.module_id, prologue_end(tree_.root(), source_)}, edits);
}

bool Compilation::transform_jsx(EditBuffer& edits) {
  JsxOptions jsx = options_.jsx;
  jsx.dev = options_.mode == Mode::dev;
  hmrc::transform_jsx(analysis_, jsx, source_, edits, result.diagnostics);
  return result.ok();
}

void Compilation::add_refresh(EditBuffer& edits) {
  if (options_.mode != Mode::dev || !options_.refresh.enabled) return;
  // The dev header is always there before it, and already ends a directive.
  PrologueEnd top = prologue_end(tree_.root(), source_);
  top.after_directive = false;
  RefreshOptions refresh = options_.refresh;
  refresh.hmrc_runtime = options_.runtime_specifier;
  refresh.module_id = options_.module_id;
  result.module_info.react_refresh = transform_refresh(tree_.root(), source_, refresh, top, edits);
}

void Compilation::print(EditBuffer& edits) {
  std::vector<Piece> pieces = edits.pieces();
  result.code = EditBuffer::join(pieces, source_);
  if (options_.source_map == SourceMapMode::none) return;
  std::string map = build_source_map(
      pieces, {source_, analysis_.token_starts, options_.output_name, options_.source_name});
  if (!result.code.empty() && result.code.back() != '\n' && result.code.back() != '\r') {
    result.code += '\n';
  }
  if (options_.source_map == SourceMapMode::inline_) {
    result.code += inline_map_comment(map);
  } else {
    result.code += external_map_comment(options_.output_name + ".map");
    result.map = std::move(map);
  }
}

CompileResult compile_with(std::string_view source, const CompileOptions& options,
                           ParseMemo* memo) {
  Compilation c(source, options, memo);
  if (!c.check_input() || !c.parse() || !c.analyze() || !c.find_hot_uses()) {
    return std::move(c.result);
  }
  EditBuffer edits(source);
  try {
    if (!c.rewrite_hot(edits) || !c.erase_typescript(edits) || !c.lower_decorators(edits))
      return std::move(c.result);
    c.add_hot_header(edits);
    if (!c.transform_jsx(edits)) return std::move(c.result);
    c.add_refresh(edits);
    c.print(edits);
  } catch (const OverlappingEdits& e) {
    c.result.code.clear();
    c.result.diagnostics.push_back(
        {codes::kInternalError,
         Severity::error,
         {0, 0},
         fmt::format("internal error: {}", e.what()),
         {"this is a bug in hmrc; please report it with the input file"}});
  }
  return std::move(c.result);
}

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

}  // namespace hmrc
