#include "server/updates/errors.hpp"

#include <boost/json/serialize.hpp>

#include "server/log.hpp"
#include "server/ws/pages.hpp"

namespace hmrc::server {
namespace json = boost::json;

std::string ErrorBoard::message() const {
  json::array errors;
  for (const auto& [file, error] : errors_)
    for (const auto& e : error.json) errors.push_back(e);
  return json::serialize(json::object{{"type", "error"}, {"errors", std::move(errors)}});
}

void ErrorBoard::report() const {
  for (const auto& [file, error] : errors_) {
    std::string text = error.text;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    write_line(stderr, text);
  }
  pages_.broadcast(message());
}

}  // namespace hmrc::server
