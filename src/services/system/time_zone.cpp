#include "services/system/time_zone.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <system_error>

namespace latchkey::services {
namespace {

constexpr std::string_view kZoneInfo = "/usr/share/zoneinfo";

bool digits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

// "+h", "+hh", "+hh:mm", "+hhmm", "+hh:mm:ss" within ±18:00 (ZoneOffset.of).
bool offset(std::string_view text) {
  if (text.size() < 2 || (text.front() != '+' && text.front() != '-')) return false;
  std::string compact;
  for (const char c : text.substr(1)) {
    if (c != ':') compact += c;
  }
  if (!digits(compact) || compact.size() > 6 || compact.size() == 3 || compact.size() == 5) {
    return false;
  }
  const int hours = std::stoi(compact.substr(0, compact.size() == 1 ? 1 : 2));
  const int minutes = compact.size() >= 4 ? std::stoi(compact.substr(2, 2)) : 0;
  const int seconds = compact.size() == 6 ? std::stoi(compact.substr(4, 2)) : 0;
  return minutes < 60 && seconds < 60 &&
         (hours < 18 || (hours == 18 && minutes == 0 && seconds == 0));
}

// Security: the name becomes a path below kZoneInfo, so it must not climb out of it.
bool region_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  if (name.find("..") != std::string_view::npos || name.find("//") != std::string_view::npos) {
    return false;
  }
  return std::isalpha(static_cast<unsigned char>(name.front())) != 0 &&
         std::ranges::all_of(name, [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '/' || c == '_' ||
                  c == '-' || c == '+';
         });
}

}  // namespace

bool is_known_time_zone(std::string_view name) {
  if (name == "Z" || name == "UTC" || name == "GMT" || name == "UT") return true;
  if (offset(name)) return true;
  for (const std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (name.starts_with(prefix) && offset(name.substr(prefix.size()))) return true;
  }
  if (!region_name(name)) return false;
  std::error_code error;
  const std::filesystem::path root(kZoneInfo);
  if (!std::filesystem::is_directory(root, error)) return name.find('/') != std::string_view::npos;
  // "posix/" and "right/" are alternative copies of the database, not ZoneId regions.
  if (name.starts_with("posix/") || name.starts_with("right/")) return false;
  return std::filesystem::is_regular_file(root / std::string(name), error);
}

}  // namespace latchkey::services
