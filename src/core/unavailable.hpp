#pragma once
// A dependency the request needs (the database) cannot serve it now: an outage, not a bug.
// Thrown, like every outage, and caught in one place, the HTTP session, which answers
// 503 Service Unavailable with Retry-After (RFC 9110 §15.6.4) instead of a bare 500.
//
//   throw Unavailable("no database connection free within 2000 ms");

#include <stdexcept>

namespace latchkey {

class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace latchkey
