#pragma once
// The Date header's IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".

#include <chrono>
#include <string>

namespace latchkey::http {

[[nodiscard]] std::string http_date(std::chrono::system_clock::time_point when);

}  // namespace latchkey::http
