#pragma once
// Pending password changes: changePasswordIds and the one-time passwords a completed change
// answers with, each found only by a keyed hash of its value (migrations/0008).
// Concurrency: take_password_change removes and answers the record in one statement, so of N
// concurrent takes of one id exactly one gets it (a changePasswordId or one-time password is
// redeemed at most once).
//
//   store.insert_password_change({vault.lookup_hash(id), "change", user.id, expiry, {}});
//   if (auto taken = store.take_password_change(hash)) { ... }   // single use

#include <cstddef>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/uuid.hpp"

namespace latchkey::store {

struct PasswordChangeRecord {
  std::string id_hash;
  std::string kind;  // "change" (changePasswordId) or "otp" (oneTimePassword)
  Uuid user_id;
  Instant expires_at;
  json::object data;
};

class PasswordChangeStore {
 public:
  virtual ~PasswordChangeStore() = default;
  virtual void insert_password_change(const PasswordChangeRecord& record) = 0;
  virtual std::optional<PasswordChangeRecord> find_password_change(const std::string& id_hash) = 0;
  // Removes and returns the record, so of concurrent redemptions exactly one gets it.
  virtual std::optional<PasswordChangeRecord> take_password_change(const std::string& id_hash) = 0;
  // Removes every pending record of the user of one kind (a completed change voids the
  // others); answers how many.
  virtual std::size_t delete_password_changes(const Uuid& user_id, const std::string& kind) = 0;
};

}  // namespace latchkey::store
