#pragma once
// Keeps opaque bearer values (refresh tokens, twoFactorIds) out of the database in usable form:
// a keyed hash to find a row, an AES-256-GCM sealed copy where the value must be shown again.
// The master key lives outside the database (a key file every node shares), so a stolen
// database file alone yields no usable token.
//
//   TokenVault vault(master_key);
//   row.token_hash = vault.lookup_hash(value);
//   row.token_sealed = vault.seal(value, row.id.str());

#include <optional>
#include <string>
#include <string_view>

#include "core/secret.hpp"
#include "crypto/digest.hpp"

namespace latchkey::services {

class TokenVault {
 public:
  static constexpr std::size_t kMasterKeySize = 32;

  // `master_key` must be 32 bytes; two independent subkeys are derived from it.
  explicit TokenVault(const Secret& master_key);

  [[nodiscard]] std::string lookup_hash(std::string_view value) const;
  // Sealed to `row_id`, so a sealed value copied onto another row does not open.
  [[nodiscard]] std::string seal(std::string_view value, std::string_view row_id) const;
  [[nodiscard]] std::optional<std::string> open(std::string_view sealed,
                                                std::string_view row_id) const;

 private:
  crypto::KeyedHasher hasher_;
  Secret sealing_key_;
};

}  // namespace latchkey::services
