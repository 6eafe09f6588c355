#pragma once
// Every request carries an id, echoed in X-Request-Id and written in every log line about it,
// so a client's report can be matched to the server's log.
//
//   request.request_id = choose_request_id(request.header("X-Request-Id"));

#include <optional>
#include <string>
#include <string_view>

namespace latchkey::http {

// 16 random lower-case hex characters (64 bits: unique enough to correlate, not a secret).
[[nodiscard]] std::string new_request_id();

// Security: an incoming id is honoured only when it is 1 to 64 characters of [A-Za-z0-9_-],
// so it can never smuggle a newline or markup into a log line or a response header.
[[nodiscard]] bool is_acceptable_request_id(std::string_view id);

// The incoming id when acceptable, else a new one.
[[nodiscard]] std::string choose_request_id(std::optional<std::string_view> incoming);

}  // namespace latchkey::http
