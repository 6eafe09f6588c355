#include "http/request.hpp"

#include <boost/url/parse.hpp>
#include <stdexcept>

#include "http/cookies.hpp"

namespace latchkey::http {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool Request::set_target(std::string raw_target) {
  // RFC 9112 §3.2: origin-form is what clients send; absolute-form is what proxies send and
  // a server must accept it too. Authority-form and asterisk-form have no route here.
  auto parsed = boost::urls::parse_origin_form(raw_target);
  if (!parsed) parsed = boost::urls::parse_absolute_uri(raw_target);
  if (!parsed) return false;
  const boost::urls::url_view& url = *parsed;

  std::string decoded_path = url.path();
  std::string encoded_path(url.encoded_path());
  if (decoded_path.empty()) decoded_path = "/";  // "http://host" has an empty path
  if (encoded_path.empty()) encoded_path = "/";

  Fields decoded_query;
  // A query string is application/x-www-form-urlencoded (RFC 6749 Appendix B; HTML GET forms;
  // WHATWG URLSearchParams, which openid-client uses): `+` is a space, as FusionAuth's servlet
  // container decodes it. A meant plus arrives as %2B (FusionAuth's clients encode that way).
  const boost::urls::encoding_opts plus_is_space(/*space_as_plus=*/true);
  for (const auto& param : url.params(plus_is_space)) {
    decoded_query.emplace_back(param.key, param.has_value ? param.value : std::string());
  }

  // Security: an encoded NUL (%00) is never legitimate in a path or a parameter and would
  // truncate the value in any C API further down.
  const auto has_nul = [](std::string_view text) {
    return text.find('\0') != std::string_view::npos;
  };
  if (has_nul(decoded_path)) return false;
  for (const auto& [key, value] : decoded_query) {
    if (has_nul(key) || has_nul(value)) return false;
  }

  path = std::move(decoded_path);
  raw_path = std::move(encoded_path);
  query = std::move(decoded_query);
  target = std::move(raw_target);
  return true;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (iequals(field, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string> Request::query_params(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : query) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  // HTTP/2 gateways may split cookies over several Cookie fields (RFC 9113 §8.2.3).
  for (const auto& [field, value] : headers) {
    if (!iequals(field, "cookie")) continue;
    if (auto found = find_cookie(value, name)) return found;
  }
  return std::nullopt;
}

const std::string& Request::path_param(std::string_view name) const {
  const auto it = path_params.find(std::string(name));
  if (it == path_params.end()) {
    throw std::out_of_range("route has no path parameter named " + std::string(name));
  }
  return it->second;
}

std::string Request::content_type() const {
  const auto value = header("content-type");
  if (!value) return {};
  // RFC 9110 §8.3.1: media-type = type "/" subtype parameters; parameters follow a `;`.
  std::string_view media = value->substr(0, value->find(';'));
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  std::string lowered(media);
  for (char& c : lowered) c = ascii_lower(c);
  return lowered;
}

}  // namespace latchkey::http
