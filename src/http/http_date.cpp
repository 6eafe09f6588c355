#include "http/http_date.hpp"

#include <array>
#include <cstdio>

namespace latchkey::http {

std::string http_date(std::chrono::system_clock::time_point when) {
  // Civil-calendar arithmetic from <chrono>: no gmtime, no locale, no shared static buffer.
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto seconds = std::chrono::floor<std::chrono::seconds>(when);
  const auto days = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date(days);
  const std::chrono::hh_mm_ss time(seconds - days);
  const std::chrono::weekday weekday(days);

  std::array<char, 32> buffer{};
  const int written = std::snprintf(
      buffer.data(), buffer.size(), "%s, %02u %s %04d %02d:%02d:%02d GMT",
      kDays[weekday.c_encoding()], static_cast<unsigned>(date.day()),
      kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
      static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
      static_cast<int>(time.seconds().count()));
  return std::string(buffer.data(), written > 0 ? static_cast<std::size_t>(written) : 0U);
}

}  // namespace latchkey::http
