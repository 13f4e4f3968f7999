#include "diagnostics/render.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>

namespace hmrc {
namespace {

// Minified files have very long lines; the frame shows a window around the span.
constexpr uint32_t kFrameWidth = 100;

std::string_view severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

fmt::text_style severity_style(Severity s) {
  return fmt::emphasis::bold | fmt::fg(s == Severity::error ? fmt::terminal_color::bright_red
                                                            : fmt::terminal_color::bright_magenta);
}

void append(std::string& out, bool color, fmt::text_style style, std::string_view text) {
  if (color) {
    fmt::format_to(std::back_inserter(out), "{}", fmt::styled(text, style));
  } else {
    out += text;
  }
}

// Byte offset of the code point `column` (0-based) in line, clamped to its end.
std::size_t byte_of_column(std::string_view line, uint32_t column) {
  std::size_t i = 0;
  for (uint32_t c = 0; i < line.size() && c < column; ++c) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// The line as a terminal can show it: invalid UTF-8 and control characters
// (but tabs) become U+FFFD, one per byte, so columns still line up.
std::string printable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size();) {
    auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    bool valid = len > 0 && i + len <= line.size();
    for (std::size_t k = 1; valid && k < len; ++k) {
      valid = (static_cast<unsigned char>(line[i + k]) & 0xC0) == 0x80;
    }
    if (!valid || (c < 0x20 && c != '\t') || c == 0x7F) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(line.substr(i, len));
      i += len;
    }
  }
  return out;
}

void append_frame(std::string& out, const Diagnostic& d, const SourceFile& file, bool color) {
  Position begin = file.lines.position(d.span.start);
  Position end = file.lines.position(std::max(d.span.start, d.span.end));
  std::string_view line = file.lines.line_text(begin.line);
  uint32_t line_columns = count_code_points(line);

  uint32_t first = begin.column - 1;  // 0-based column of the caret
  uint32_t last = end.line == begin.line ? std::max(end.column - 1, first + 1) : line_columns;
  last = std::max(std::min(last, line_columns), first + 1);

  // Window [from, to) in columns, keeping the caret visible on long lines.
  uint32_t from = 0, to = line_columns;
  if (line_columns > kFrameWidth) {
    from = first > kFrameWidth / 2 ? first - kFrameWidth / 2 : 0;
    to = std::min(line_columns, from + kFrameWidth);
    last = std::max(std::min(last, to), first + 1);
  }
  std::size_t from_byte = byte_of_column(line, from);
  std::size_t to_byte = byte_of_column(line, to);
  std::string_view shown = line.substr(from_byte, to_byte - from_byte);
  std::string_view prefix = from > 0 ? "..." : "";
  std::string_view suffix = to < line_columns ? "..." : "";

  std::string gutter = fmt::format("{:>5} | ", begin.line);
  fmt::format_to(std::back_inserter(out), "{}{}{}{}\n", gutter, prefix, printable(shown), suffix);

  // Under the line: keep its tabs so the caret lines up in any tab width.
  std::string pad(gutter.size() - 2, ' ');
  pad += "| ";
  pad.append(prefix.size(), ' ');
  std::size_t caret_byte = byte_of_column(shown, first - from);
  for (std::size_t i = 0; i < caret_byte; ++i) {
    auto c = static_cast<unsigned char>(shown[i]);
    if ((c & 0xC0) == 0x80) continue;
    pad += c == '\t' ? '\t' : ' ';
  }
  std::string marker(last - first, '~');
  marker[0] = '^';
  out += pad;
  append(out, color, fmt::emphasis::bold | fmt::fg(fmt::terminal_color::bright_green), marker);
  out += '\n';
}

}  // namespace

std::string render_text(const Diagnostic& d, const SourceFile& file, bool color) {
  std::string out;
  Position pos = file.lines.position(d.span.start);
  append(out, color, fmt::emphasis::bold,
         fmt::format("{}:{}:{}: ", file.name, pos.line, pos.column));
  append(out, color, severity_style(d.severity), fmt::format("{}: ", severity_name(d.severity)));
  append(out, color, fmt::emphasis::bold, d.message);
  fmt::format_to(std::back_inserter(out), " [{}]\n", d.code);
  if (!file.text.empty() || d.span.start > 0) append_frame(out, d, file, color);
  for (const auto& note : d.notes) {
    append(out, color, fmt::emphasis::bold | fmt::fg(fmt::terminal_color::bright_cyan), "note: ");
    fmt::format_to(std::back_inserter(out), "{}\n", note);
  }
  return out;
}

void append_json(boost::json::array& out, const std::vector<Diagnostic>& diagnostics,
                 const SourceFile& file) {
  for (const auto& d : diagnostics) {
    Position begin = file.lines.position(d.span.start);
    Position end = file.lines.position(d.span.end);
    boost::json::array notes;
    for (const auto& n : d.notes) notes.emplace_back(n);
    out.emplace_back(boost::json::object{
        {"file", file.name},
        {"code", d.code},
        {"severity", severity_name(d.severity)},
        {"message", d.message},
        {"line", begin.line},
        {"column", begin.column},
        {"endLine", end.line},
        {"endColumn", end.column},
        {"offset", d.span.start},
        {"endOffset", d.span.end},
        {"notes", std::move(notes)},
    });
  }
}

}  // namespace hmrc
