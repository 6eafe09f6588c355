#pragma once
// Result<T> is the return type of every fallible operation above core: a value, or an Error
// the caller can render. Expected failures are returned, never thrown.
//
//   Result<User> get_user(const Uuid& id);
//   LATCHKEY_TRY(const auto user, get_user(id));   // unwraps or returns the Error

#include <expected>

#include "core/error.hpp"

namespace latchkey {

template <class T>
using Result = std::expected<T, Error>;

// A Result carrying nothing but success or an Error.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(Error error) { return std::unexpected<Error>(std::move(error)); }

}  // namespace latchkey

#define LATCHKEY_CONCAT_INNER(a, b) a##b
#define LATCHKEY_CONCAT(a, b) LATCHKEY_CONCAT_INNER(a, b)

// `tmp` is a name and `decl` a declaration, neither of which may be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)

// Unwraps a Result into `decl`, or returns its Error from the enclosing function.
#define LATCHKEY_TRY(decl, expr) \
  LATCHKEY_TRY_IMPL(LATCHKEY_CONCAT(latchkey_try_, __LINE__), decl, expr)
#define LATCHKEY_TRY_IMPL(tmp, decl, expr)                              \
  auto tmp = (expr);                                                    \
  if (!tmp.has_value()) return std::unexpected(std::move(tmp).error()); \
  decl = std::move(tmp).value()

// Returns the Error of a Status-returning expression, if any.
#define LATCHKEY_CHECK(expr) LATCHKEY_CHECK_IMPL(LATCHKEY_CONCAT(latchkey_check_, __LINE__), expr)
#define LATCHKEY_CHECK_IMPL(tmp, expr) \
  if (auto tmp = (expr); !tmp.has_value()) return std::unexpected(std::move(tmp).error())

// NOLINTEND(bugprone-macro-parentheses)
