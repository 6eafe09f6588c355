#include "http/cookies.hpp"

#include <stdexcept>
#include <utility>

#include "http/request.hpp"

namespace latchkey::http {
namespace {

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

// RFC 6265 §4.1.1 cookie-octet: visible US-ASCII except DQUOTE, comma, semicolon, backslash.
bool is_cookie_octet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

bool is_cookie_value(std::string_view value) {
  for (const char c : value) {
    if (!is_cookie_octet(c)) return false;
  }
  return true;
}

// RFC 6265 §4.1.1 path-value: any CHAR except CTLs or ";".
bool is_path_value(std::string_view path) {
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == ';') return false;
  }
  return true;
}

}  // namespace

Cookie Cookie::expired(std::string name, std::string path) {
  Cookie cookie;
  cookie.name = std::move(name);
  cookie.path = std::move(path);
  cookie.max_age = std::chrono::seconds(0);
  return cookie;
}

std::string render_set_cookie(const Cookie& cookie) {
  if (!is_token(cookie.name)) throw std::invalid_argument("cookie name is not a token");
  if (!is_cookie_value(cookie.value)) {
    throw std::invalid_argument("cookie value holds characters a cookie cannot carry");
  }
  if (!cookie.path.empty() && !is_path_value(cookie.path)) {
    throw std::invalid_argument("cookie path holds a control character or ';'");
  }
  if (cookie.same_site != "Strict" && cookie.same_site != "Lax" && cookie.same_site != "None" &&
      !cookie.same_site.empty()) {
    throw std::invalid_argument("SameSite must be Strict, Lax or None");
  }
  // Browsers reject SameSite=None without Secure; failing here beats a cookie that silently
  // never arrives.
  if (cookie.same_site == "None" && !cookie.secure) {
    throw std::invalid_argument("SameSite=None requires Secure");
  }

  std::string line = cookie.name + "=" + cookie.value;
  if (!cookie.path.empty()) line += "; Path=" + cookie.path;
  if (cookie.max_age) {
    const auto seconds = cookie.max_age->count() < 0 ? 0 : cookie.max_age->count();
    line += "; Max-Age=" + std::to_string(seconds);
    // Max-Age=0 is enough for RFC 6265 agents; Expires in the past covers older ones.
    if (seconds == 0) line += "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
  }
  if (cookie.secure) line += "; Secure";
  if (cookie.http_only) line += "; HttpOnly";
  if (!cookie.same_site.empty()) line += "; SameSite=" + cookie.same_site;
  return line;
}

std::optional<std::string> find_cookie(std::string_view cookie_header, std::string_view name) {
  // RFC 6265 §4.2.1: cookie-string = cookie-pair *( ";" SP cookie-pair ). Parsing follows the
  // lenient §5.4 reading: split on ";", trim, split each pair at its first "=".
  while (!cookie_header.empty()) {
    const auto end = cookie_header.find(';');
    const std::string_view pair = trim_ows(cookie_header.substr(0, end));
    cookie_header =
        end == std::string_view::npos ? std::string_view() : cookie_header.substr(end + 1);

    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    if (trim_ows(pair.substr(0, equals)) != name) continue;
    std::string_view value = trim_ows(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

}  // namespace latchkey::http
