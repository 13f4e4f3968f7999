#include "server/ws/pages.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "server/log.hpp"
#include "server/ws/session.hpp"

namespace hmrc::server {
namespace json = boost::json;

void Pages::start(boost::asio::ip::tcp::socket&& socket, Request&& request) {
  auto page = std::make_shared<WsSession>(*this, std::move(socket), next_page_++);
  page->run(std::move(request));
}

void Pages::on_open(const std::shared_ptr<WsSession>& page) {
  pages_[page->id()] = page;
  for (auto& message : greeting_())
    page->send(std::make_shared<const std::string>(std::move(message)));
}

void Pages::on_close(WsSession& page) { pages_.erase(page.id()); }

void Pages::close_all() {
  for (auto& [id, page] : pages_) page->close();
  pages_.clear();
}

void Pages::on_message(WsSession& page, std::string_view text) {
  boost::system::error_code ec;
  json::value message = json::parse(text, ec);
  const json::object* object = !ec ? message.if_object() : nullptr;
  const json::value* type = object ? object->if_contains("type") : nullptr;
  if (!type || !type->is_string()) {
    log_line(fmt::format("page #{}: ignored a malformed message", page.id()));
    return;
  }
  std::string_view kind = type->get_string();
  auto string_field = [&](std::string_view key) -> std::string {
    const json::value* v = object->if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  if (kind == "custom") {
    const json::value* event = object->if_contains("event");
    if (!event || !event->is_string()) return;
    const json::value* data = object->if_contains("data");
    std::string relay = json::serialize(json::object{
        {"type", "custom"}, {"event", event->get_string()}, {"data", data ? *data : nullptr}});
    broadcast(relay, &page);
    log_line(fmt::format("custom event \"{}\" from page #{} to {} other page(s)",
                         std::string_view(event->get_string()), page.id(), pages_.size() - 1));
  } else if (kind == "invalidate") {
    std::string reason = string_field("message");
    log_line(fmt::format("hmr invalidate {}{}", display(string_field("id")),
                         reason.empty() ? "" : ": " + reason));
  } else if (kind == "trace" && trace_) {
    auto number = [&](std::string_view key) {
      const json::value* v = object->if_contains(key);
      return v && v->is_number() ? v->to_number<double>() : 0.0;
    };
    log_line(fmt::format(
        "trace page #{}: applied {:.2f} ms after the message (fetch + evaluate {:.2f} ms, accept "
        "callbacks {:.2f} ms)",
        page.id(), number("total"), number("load"), number("callbacks")));
  } else if (kind == "load-error") {
    log_line(fmt::format("page #{} failed to load: {}", page.id(), string_field("reason")));
  } else if (kind == "reload-reason" || kind == "update-result") {
    PageResult result{page.id(),
                      kind == "reload-reason" ? "reload" : string_field("status"),
                      string_field(kind == "reload-reason" ? "message" : "reason"),
                      {}};
    if (const json::value* b = object->if_contains("boundaries"); b && b->is_array())
      for (const auto& id : b->get_array())
        if (id.is_string()) result.boundaries.emplace_back(id.get_string());
    if (report_)
      report_(result);
    else if (result.status == "reload")
      log_line(fmt::format("page reload: {}", result.reason));
  }
}

void Pages::broadcast(const std::string& text, const WsSession* except) {
  auto shared = std::make_shared<const std::string>(text);
  // send() may close a page that fell behind; closing does not touch pages_.
  for (auto& [id, page] : pages_)
    if (page.get() != except) page->send(shared);
}

}  // namespace hmrc::server
