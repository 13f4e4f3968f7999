#include "transform/typescript/imports.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analysis/node_util.hpp"
#include "transform/typescript/erase.hpp"

namespace hmrc {
namespace {

using ts::K;

std::vector<bool> names_used(const ts::Facts& facts) {
  std::vector<bool> used(facts.tracked.size(), false);
  std::unordered_set<uint64_t> declared;
  auto key = [](uint32_t scope, uint16_t name) { return (uint64_t{scope} << 16) | name; };
  for (const ts::NameUse& u : facts.uses)
    if (u.declares) declared.insert(key(u.scope, u.name));
  for (const ts::NameUse& u : facts.uses) {
    if (u.declares || used[u.name]) continue;
    uint32_t s = u.scope;
    bool shadowed = false;
    for (;;) {
      if (!declared.empty() && declared.count(key(s, u.name))) {
        shadowed = true;
        break;
      }
      if (s == 0) break;
      s = facts.scope_parent[s];
    }
    if (!shadowed) used[u.name] = true;
  }
  return used;
}

class Elider {
 public:
  Elider(const ts::Facts& facts, const ts::Syntax& syn, TsEdits& edits, const TsOptions& options)
      : facts_(facts),
        syn_(syn),
        edits_(edits),
        text_(edits.text()),
        used_(names_used(facts)),
        options_(options) {}

  void run() {
    for (const auto& i : facts_.imports) import_statement(i.node);
    for (TSNode a : facts_.aliases) alias(a);
    for (const auto& e : facts_.exports) export_clause(e.node);
    for (TSNode d : facts_.export_defaults) {
      TSNode value = ts_node_child_by_field_id(d, syn_.fields.value);
      if (type_only(node::text(value, text_))) remove(d);
    }
  }

 private:
  bool keeps(TSNode name) const {
    if (options_.keep_value_imports) return true;
    std::string_view t = node::text(name, text_);
    auto it = std::find(facts_.tracked.begin(), facts_.tracked.end(), t);
    return it != facts_.tracked.end() && used_[it - facts_.tracked.begin()];
  }
  bool type_only(std::string_view name) const {
    return std::find(facts_.type_only_names.begin(), facts_.type_only_names.end(), name) !=
           facts_.type_only_names.end();
  }
  void remove(TSNode s) { edits_.remove_statement(ts_node_start_byte(s), ts_node_end_byte(s)); }

  void import_statement(TSNode s) {
    TSNode clause{};
    for (uint32_t i = 0; i < ts_node_named_child_count(s); ++i) {
      TSNode c = ts_node_named_child(s, i);
      if (syn_.kind(c) == K::import_clause) clause = c;
    }
    if (ts_node_is_null(clause)) return;  // import "x"

    struct Part {
      TSNode node;
      bool keep;
    };
    std::vector<Part> parts;
    std::vector<bool> drop_specifier;
    TSNode named{};
    bool any_specifier_kept = false;
    for (uint32_t i = 0; i < ts_node_named_child_count(clause); ++i) {
      TSNode c = ts_node_named_child(clause, i);
      K k = syn_.kind(c);
      if (k == K::identifier) {
        parts.push_back({c, keeps(c)});
      } else if (k == K::namespace_import) {
        uint32_t n = ts_node_named_child_count(c);
        parts.push_back({c, n > 0 && keeps(ts_node_named_child(c, n - 1))});
      } else if (k == K::named_imports) {
        named = c;
        for (uint32_t j = 0; j < ts_node_named_child_count(c); ++j) {
          TSNode spec = ts_node_named_child(c, j);
          if (syn_.kind(spec) != K::import_specifier) continue;
          TSNode local = ts_node_child_by_field_id(spec, syn_.fields.alias);
          if (ts_node_is_null(local)) local = ts_node_child_by_field_id(spec, syn_.fields.name);
          bool type = syn_.kind(ts_node_child(spec, 0)) == K::t_type;
          bool keep = !type && !ts_node_is_null(local) && keeps(local);
          drop_specifier.push_back(!keep);
          any_specifier_kept |= keep;
        }
        // `import {} from "x"` binds no value, so it goes, as with tsc and
        // esbuild; only `import "x"` is kept for its side effects.
        parts.push_back({c, any_specifier_kept});
      }
    }
    bool any = std::any_of(parts.begin(), parts.end(), [](const Part& p) { return p.keep; });
    if (!any && options_.keep_side_effect_imports) {
      // importsNotUsedAsValues "preserve": `import { T } from "x"` -> `import "x"`.
      TSNode source = ts_node_child_by_field_id(s, syn_.fields.source);
      if (!ts_node_is_null(source)) {
        edits_.blank(ts_node_start_byte(clause), ts_node_start_byte(source));
        return;
      }
    }
    if (!any) {
      remove(s);
      return;
    }
    // At most two parts: `D, { ... }` or `D, * as ns`.
    if (parts.size() == 2) {
      if (!parts[0].keep) {
        edits_.blank(ts_node_start_byte(parts[0].node), ts_node_start_byte(parts[1].node));
      } else if (!parts[1].keep) {
        edits_.blank(ts_node_end_byte(parts[0].node), ts_node_end_byte(parts[1].node));
        return;
      }
    }
    if (!ts_node_is_null(named) && any_specifier_kept)
      blank_specifiers(named, drop_specifier, K::import_specifier, syn_, edits_);
  }

  void alias(TSNode a) {
    if (ts_node_named_child_count(a) == 0) return;
    if (!keeps(ts_node_named_child(a, 0))) {
      remove(a);
      return;
    }
    TSNode kw = ts_node_child(a, 0);
    edits_.replace(ts_node_start_byte(kw), ts_node_end_byte(kw), "const ");
  }

  void export_clause(TSNode s) {
    for (uint32_t i = 0; i < ts_node_named_child_count(s); ++i) {
      TSNode clause = ts_node_named_child(s, i);
      if (syn_.kind(clause) != K::export_clause) continue;
      std::vector<bool> drop;
      bool any_kept = false;
      for (uint32_t j = 0; j < ts_node_named_child_count(clause); ++j) {
        TSNode spec = ts_node_named_child(clause, j);
        if (syn_.kind(spec) != K::export_specifier) continue;
        TSNode local = ts_node_child_by_field_id(spec, syn_.fields.name);
        bool d = syn_.kind(ts_node_child(spec, 0)) == K::t_type ||
                 (!ts_node_is_null(local) && type_only(node::text(local, text_)));
        drop.push_back(d);
        any_kept |= !d;
      }
      if (drop.empty()) return;
      if (!any_kept) {
        remove(s);
        return;
      }
      blank_specifiers(clause, drop, K::export_specifier, syn_, edits_);
    }
  }

  const ts::Facts& facts_;
  const ts::Syntax& syn_;
  TsEdits& edits_;
  std::string_view text_;
  std::vector<bool> used_;
  const TsOptions& options_;
};

}  // namespace

void elide_imports(const ts::Facts& facts, const ts::Syntax& syntax, TsEdits& edits,
                   const TsOptions& options) {
  Elider(facts, syntax, edits, options).run();
}

}  // namespace hmrc
