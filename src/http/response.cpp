#include "http/response.hpp"

#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "http/request.hpp"

namespace latchkey::http {
namespace {

void check_header(std::string_view name, std::string_view value) {
  if (!is_valid_header_name(name)) throw std::invalid_argument("invalid header name");
  if (!is_valid_header_value(value)) {
    throw std::invalid_argument("header value holds CR, LF or NUL: " + std::string(name));
  }
}

Response with_body(HttpStatus status, std::string_view content_type, std::string body) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", content_type);
  response.body = std::move(body);
  return response;
}

}  // namespace

bool is_valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

bool is_valid_header_value(std::string_view value) {
  // RFC 9110 §5.5: CR, LF and NUL are never valid in a field value.
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

Response Response::empty(HttpStatus status) {
  Response response;
  response.status = status;
  return response;
}

Response Response::json(HttpStatus status, const boost::json::value& body) {
  return with_body(status, kJsonContentType, boost::json::serialize(body));
}

Response Response::redirect(const std::string& location, HttpStatus status) {
  Response response;
  response.status = status;
  response.set_header("Location", location);
  return response;
}

Response Response::html(HttpStatus status, std::string body) {
  return with_body(status, kHtmlContentType, std::move(body));
}

Response Response::text(HttpStatus status, std::string body) {
  return with_body(status, kTextContentType, std::move(body));
}

void Response::set_header(std::string_view name, std::string_view value) {
  check_header(name, value);
  std::erase_if(headers, [name](const auto& field) { return iequals(field.first, name); });
  headers.emplace_back(name, value);
}

void Response::add_header(std::string_view name, std::string_view value) {
  check_header(name, value);
  headers.emplace_back(name, value);
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (iequals(field, name)) return std::string_view(value);
  }
  return std::nullopt;
}

void Response::set_cookie(const Cookie& cookie) {
  add_header("Set-Cookie", render_set_cookie(cookie));
}

}  // namespace latchkey::http
