#include "server/first_load/html.hpp"

#include <algorithm>
#include <cctype>

namespace hmrc::server {
namespace {

char lower_char(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool starts_with_nocase(std::string_view s, std::size_t at, std::string_view prefix) {
  if (at + prefix.size() > s.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower_char(s[at + i]) != prefix[i]) return false;
  return true;
}

std::size_t find_nocase(std::string_view s, std::string_view needle, std::size_t from) {
  for (std::size_t at = from; at + needle.size() <= s.size(); ++at)
    if (starts_with_nocase(s, at, needle)) return at;
  return std::string_view::npos;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string decode_entities(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'},   {"&quot;", '"'}, {"&#39;", '\''},
      {"&apos;", '\''}, {"&lt;", '<'},   {"&gt;", '>'}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (text.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

struct Attribute {
  std::string name;  // lowercased
  std::string value;
  std::size_t begin = 0, end = 0;  // the value as written, quotes included
};

struct Tag {
  std::vector<Attribute> attributes;
  std::size_t end = std::string_view::npos;  // just after '>'
};

// The attributes of the tag whose name ends at `at`.
Tag read_attributes(std::string_view html, std::size_t at) {
  Tag tag;
  while (at < html.size()) {
    while (at < html.size() && (is_space(html[at]) || html[at] == '/')) ++at;
    if (at >= html.size()) break;
    if (html[at] == '>') {
      tag.end = at + 1;
      break;
    }
    std::size_t name_start = at;
    while (at < html.size() && !is_space(html[at]) && html[at] != '=' && html[at] != '>' &&
           html[at] != '/')
      ++at;
    std::string name(html.substr(name_start, at - name_start));
    std::transform(name.begin(), name.end(), name.begin(), lower_char);
    while (at < html.size() && is_space(html[at])) ++at;
    std::string value;
    std::size_t value_begin = at, value_end = at;
    if (at < html.size() && html[at] == '=') {
      ++at;
      while (at < html.size() && is_space(html[at])) ++at;
      value_begin = at;
      if (at < html.size() && (html[at] == '"' || html[at] == '\'')) {
        char quote = html[at++];
        std::size_t close = html.find(quote, at);
        if (close == std::string_view::npos) close = html.size();
        value = decode_entities(html.substr(at, close - at));
        at = std::min(close + 1, html.size());
      } else {
        std::size_t value_start = at;
        while (at < html.size() && !is_space(html[at]) && html[at] != '>') ++at;
        value = decode_entities(html.substr(value_start, at - value_start));
      }
      value_end = at;
    }
    if (!name.empty())
      tag.attributes.push_back({std::move(name), std::move(value), value_begin, value_end});
  }
  return tag;
}

std::string trim_lower(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower_char);
  return out;
}

// Escapes for a JSON string inside a <script>: "</script>" cannot appear.
void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || c == '<' || c == '>' || c == '&') {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
}

// Every <script> of `html` with its type (trimmed, lowercased) and src, if any.
template <typename Visit>
void each_script(std::string_view html, Visit visit) {
  std::size_t at = 0;
  while (at < html.size()) {
    std::size_t open = html.find('<', at);
    if (open == std::string_view::npos) break;
    if (html.substr(open, 4) == "<!--") {
      std::size_t close = html.find("-->", open + 4);
      if (close == std::string_view::npos) break;
      at = close + 3;
      continue;
    }
    if (!starts_with_nocase(html, open, "<script") || open + 7 >= html.size() ||
        !(is_space(html[open + 7]) || html[open + 7] == '>' || html[open + 7] == '/')) {
      at = open + 1;
      continue;
    }
    Tag tag = read_attributes(html, open + 7);
    if (tag.end == std::string_view::npos) break;
    std::string type;
    const Attribute* src = nullptr;
    for (const auto& attribute : tag.attributes) {
      if (attribute.name == "type" && type.empty()) type = trim_lower(attribute.value);
      if (attribute.name == "src" && !src) src = &attribute;
    }
    visit(type, src);
    // Script text is not markup: skip to its end tag.
    std::size_t close = find_nocase(html, "</script", tag.end);
    at = close == std::string_view::npos ? html.size() : close + 8;
  }
}

}  // namespace

std::vector<ModuleScript> module_scripts(std::string_view html) {
  std::vector<ModuleScript> scripts;
  each_script(html, [&](const std::string& type, const Attribute* src) {
    if (type == "module" && src && !src->value.empty())
      scripts.push_back({src->value, src->begin, src->end});
  });
  return scripts;
}

bool has_import_map(std::string_view html) {
  bool found = false;
  each_script(html,
              [&](const std::string& type, const Attribute*) { found |= type == "importmap"; });
  return found;
}

std::vector<std::string> module_script_srcs(std::string_view html) {
  std::vector<std::string> srcs;
  for (auto& script : module_scripts(html)) srcs.push_back(std::move(script.src));
  return srcs;
}

std::string encode_url_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    auto u = static_cast<unsigned char>(c);
    bool keep =
        std::isalnum(u) || std::string_view("/-._~!$'()*+,;=:@").find(c) != std::string_view::npos;
    if (keep) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string versioned_url(const VersionedModule& module) {
  return encode_url_path(module.id) + "?v=" + module.version;
}

std::string_view query_value(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (pair.size() > key.size() && pair.substr(0, key.size()) == key && pair[key.size()] == '=')
      return pair.substr(key.size() + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

std::string import_map_script(const std::vector<VersionedModule>& modules,
                              const std::vector<std::pair<std::string, std::string>>& extra) {
  if (modules.empty() && extra.empty()) return {};
  std::string out = R"(<script type="importmap">{"imports":{)";
  bool first = true;
  for (const auto& m : modules) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, encode_url_path(m.id));
    out += ':';
    append_json_string(out, versioned_url(m));
  }
  for (const auto& [key, url] : extra) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, key);
    out += ':';
    append_json_string(out, url);
  }
  out += "}}</script>\n";
  return out;
}

std::string inject_head(std::string_view html, std::string_view tags) {
  auto after_tag = [&](std::string_view name) -> std::size_t {
    std::size_t pos = 0;
    while ((pos = find_nocase(html, name, pos)) != std::string_view::npos) {
      char next = pos + name.size() < html.size() ? html[pos + name.size()] : '\0';
      if (next == '>' || is_space(next)) {
        auto close = html.find('>', pos);
        return close == std::string_view::npos ? std::string_view::npos : close + 1;
      }
      pos += name.size();
    }
    return std::string_view::npos;
  };
  std::string out(html);
  if (auto at = after_tag("<head"); at != std::string_view::npos) return out.insert(at, tags);
  if (auto at = after_tag("<html"); at != std::string_view::npos)
    return out.insert(at, "<head>" + std::string(tags) + "</head>");
  std::size_t at = 0;
  if (starts_with_nocase(html, 0, "<!doctype")) {
    auto close = html.find('>');
    if (close != std::string_view::npos) at = close + 1;
  }
  return out.insert(at, tags);
}

}  // namespace hmrc::server
