#pragma once
// Refresh tokens, found by a keyed hash of their value, and the values they had before a
// one-time-use rotation (store/migrations/0001, 0009).
//
// Concurrency: rotate_refresh_token is one conditional write on the value the caller read, so
// of N concurrent rotate_refresh_token calls for one token value exactly one returns true; the
// others (and any call after a revocation) return false and write nothing. A deleted token
// cannot be rotated afterwards.
//
//   if (!tokens.rotate_refresh_token(rotation)) return invalid_grant();   // lost the race

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

// One exchange of a refresh token, written as a single conditional update: it applies only while
// the row still holds `expected_hash`, so of concurrent exchanges of one value exactly one wins.
struct RefreshTokenRotation {
  Uuid id;
  std::string expected_hash;
  std::string token_hash;    // equal to expected_hash when the value is kept (Reusable)
  std::string token_sealed;  // the new value's sealed copy (unchanged when kept)
  Instant start_instant;
  json::object data;
  Instant rotated_at;
};

// A value a token had before a one-time-use rotation.
struct RefreshTokenPredecessor {
  Uuid token_id;
  Instant rotated_at;
  bool latest = false;  // the value rotated most recently: the current value's immediate parent
};

class RefreshTokenStore {
 public:
  virtual ~RefreshTokenStore() = default;
  virtual WriteResult insert_refresh_token(const domain::RefreshToken& token) = 0;
  virtual std::optional<domain::RefreshToken> find_refresh_token(const Uuid& id) = 0;
  virtual std::optional<domain::RefreshToken> find_refresh_token_by_hash(
      const std::string& token_hash) = 0;
  virtual std::vector<domain::RefreshToken> list_refresh_tokens(const Uuid& user_id) = 0;
  virtual bool delete_refresh_token(const Uuid& id) = 0;
  // Removes every token of the user (optionally of one application); answers how many.
  virtual std::size_t delete_refresh_tokens(const std::optional<Uuid>& user_id,
                                            const std::optional<Uuid>& application_id) = 0;
  // How many tokens of the user (optionally of one application), or of the application alone.
  virtual std::size_t count_refresh_tokens(const std::optional<Uuid>& user_id,
                                           const std::optional<Uuid>& application_id) = 0;
  // Applies the rotation in one transaction: the conditional UPDATE and, when the value
  // changed, the old hash into the history. False when the row no longer holds expected_hash
  // (another exchange or a revocation got there first); nothing is written then.
  virtual bool rotate_refresh_token(const RefreshTokenRotation& rotation) = 0;
  virtual std::optional<RefreshTokenPredecessor> find_refresh_token_predecessor(
      const std::string& token_hash) = 0;
};

}  // namespace latchkey::store
