#include "app/config.hpp"

#include <charconv>

namespace latchkey::app {

bool parse_listen(const std::string& text, std::string& host, std::uint16_t& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  std::string parsed_host = text.substr(0, colon);
  if (parsed_host.front() == '[' && parsed_host.back() == ']') {
    parsed_host = parsed_host.substr(1, parsed_host.size() - 2);
  }
  unsigned value = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end != last || value > 65535) return false;
  host = parsed_host;
  port = static_cast<std::uint16_t>(value);
  return true;
}

bool parse_database(const std::string& url, DatabaseLocation& location, std::string& problem) {
  if (url.starts_with("sqlite:")) {
    location.sqlite_path = url.substr(7);
    if (location.sqlite_path.empty() || location.sqlite_path == ":memory:") {
      problem = "--database sqlite: needs a file path, e.g. sqlite:var/latchkey.db";
      return false;
    }
    return true;
  }
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    problem = "--database: PostgreSQL is not supported yet; use sqlite:PATH";
    return false;
  }
  problem = "--database must look like sqlite:PATH (got '" + url + "')";
  return false;
}

}  // namespace latchkey::app
