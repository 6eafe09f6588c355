#pragma once
// Short-lived OAuth grants: authorization codes ("code") and hosted-login SSO sessions ("sso"),
// found by a keyed hash of their value (store/migrations/0004_oauth.sql).
//
// Concurrency: consume_oauth_grant is one conditional write, so of N concurrent
// consume_oauth_grant calls for one grant exactly one returns true (RFC 6749 §4.1.2: a code is
// redeemed at most once). Expired grants are not hidden by find_oauth_grant: callers check
// expires_at against their clock, and delete_expired_oauth_grants sweeps them.
//
//   if (!grants.consume_oauth_grant(hash, now)) return invalid_grant();   // already redeemed

#include <cstddef>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/json.hpp"

namespace latchkey::store {

// A short-lived OAuth grant: an authorization code ("code") or a hosted-login SSO session
// ("sso"), found by a keyed hash of its value.
struct OAuthGrant {
  std::string id_hash;
  std::string kind;
  Instant expires_at;
  std::optional<Instant> consumed_at;
  json::object data;
};

class OAuthGrantStore {
 public:
  virtual ~OAuthGrantStore() = default;
  virtual void insert_oauth_grant(const OAuthGrant& grant) = 0;
  virtual std::optional<OAuthGrant> find_oauth_grant(const std::string& id_hash) = 0;
  // Marks the grant consumed, once: answers true only for the first caller (RFC 6749 §4.1.2).
  virtual bool consume_oauth_grant(const std::string& id_hash, Instant now) = 0;
  virtual void update_oauth_grant_data(const std::string& id_hash, const json::object& data) = 0;
  virtual bool delete_oauth_grant(const std::string& id_hash) = 0;
  // Removes grants that expired before `now`; answers how many.
  virtual std::size_t delete_expired_oauth_grants(Instant now) = 0;
};

}  // namespace latchkey::store
