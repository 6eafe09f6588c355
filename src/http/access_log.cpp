#include "http/access_log.hpp"

#include <spdlog/spdlog.h>

namespace latchkey::http {
namespace {

void append_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (text.empty()) {
    out += '-';
    return;
  }
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u < 0x7f && c != '\\') {
      out += c;
    } else {
      out += "\\x";
      out += kHex[u >> 4U];
      out += kHex[u & 0xfU];
    }
  }
}

// Security: paths whose last segment is a bearer secret (a changePasswordId). The log keeps
// the route and drops the value, as it drops query strings.
constexpr std::string_view kSecretPathPrefixes[] = {"/password/change/",
                                                    "/api/user/change-password/"};

std::string_view loggable_path(std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  for (const std::string_view prefix : kSecretPathPrefixes) {
    if (path.starts_with(prefix) && path.size() > prefix.size()) return prefix;
  }
  return path;
}

}  // namespace

std::string format_access_line(const AccessRecord& record) {
  std::string line;
  line.reserve(128);
  append_escaped(line, record.method);
  line += ' ';
  const std::string_view path = loggable_path(record.target);
  append_escaped(line, path);
  if (path.size() < record.target.substr(0, record.target.find('?')).size()) line += "***";
  const double ms = std::chrono::duration<double, std::milli>(record.duration).count();
  line += fmt::format(" {} {:.2f}ms {}B id=", record.status, ms, record.bytes);
  append_escaped(line, record.request_id);
  line += " ip=";
  append_escaped(line, record.client_ip);
  return line;
}

void log_access(const AccessRecord& record) {
  if (!spdlog::should_log(spdlog::level::info)) return;
  spdlog::info("{}", format_access_line(record));
}

}  // namespace latchkey::http
