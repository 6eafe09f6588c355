#include "http/access_log.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

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
constexpr std::string_view kSecretRoutes[] = {"/password/change", "/api/user/change-password"};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The path of an origin-form or absolute-form target ("http://host/a?b" -> "/a"), without
// query or fragment.
std::string_view path_of(std::string_view target) {
  if (const auto scheme_end = target.find("://");
      scheme_end != std::string_view::npos && !target.starts_with('/')) {
    const auto path_start = target.find('/', scheme_end + 3);
    target =
        path_start == std::string_view::npos ? std::string_view("/") : target.substr(path_start);
  }
  return target.substr(0, target.find_first_of("?#"));
}

// The path's segments as the router would read them: percent-decoded, lower-cased (for the
// comparison only), with empty and "." segments dropped and ".." removing its parent
// (RFC 3986 §5.2.4), so no spelling of a secret route escapes the mask.
std::vector<std::string> normalized_segments(std::string_view path) {
  std::vector<std::string> segments;
  std::string current;
  const auto flush = [&] {
    if (current == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!current.empty() && current != ".") {
      segments.push_back(current);
    }
    current.clear();
  };
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '%' && i + 2 < path.size() && hex_value(path[i + 1]) >= 0 &&
        hex_value(path[i + 2]) >= 0) {
      c = static_cast<char>(hex_value(path[i + 1]) * 16 + hex_value(path[i + 2]));
      i += 2;
    }
    if (c == '/' || c == '\\') {
      flush();
    } else {
      current += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  flush();
  return segments;
}

// The masked form of a secret route ("/password/change/***"), or nothing.
std::optional<std::string> masked_path(std::string_view path) {
  const auto segments = normalized_segments(path);
  for (const std::string_view route : kSecretRoutes) {
    const auto prefix = normalized_segments(route);
    if (segments.size() <= prefix.size() ||
        !std::equal(prefix.begin(), prefix.end(), segments.begin())) {
      continue;
    }
    return std::string(route) + "/***";
  }
  return std::nullopt;
}

}  // namespace

std::string format_access_line(const AccessRecord& record) {
  std::string line;
  line.reserve(128);
  append_escaped(line, record.method);
  line += ' ';
  const std::string_view path = path_of(record.target);
  if (const auto masked = masked_path(path)) {
    line += *masked;
  } else {
    append_escaped(line, path);
  }
  const double ms = std::chrono::duration<double, std::milli>(record.duration).count();
  line += fmt::format(" {} {:.2f}ms {}B id=", record.status, ms, record.bytes);
  append_escaped(line, record.request_id);
  line += " ip=";
  append_escaped(line, record.client_ip);
  if (!record.peer_ip.empty() && record.peer_ip != record.client_ip) {
    line += " via=";
    append_escaped(line, record.peer_ip);
  }
  return line;
}

void log_access(const AccessRecord& record) {
  if (!spdlog::should_log(spdlog::level::info)) return;
  spdlog::info("{}", format_access_line(record));
}

}  // namespace latchkey::http
