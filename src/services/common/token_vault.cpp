#include "services/common/token_vault.hpp"

#include <stdexcept>

#include "core/base64.hpp"
#include "crypto/aead.hpp"

namespace latchkey::services {
namespace {

// Domain-separated subkeys: the lookup key and the sealing key never coincide.
Secret derive(const Secret& master, std::string_view purpose) {
  if (master.reveal().size() != TokenVault::kMasterKeySize) {
    throw std::invalid_argument("the token master key must be 32 bytes");
  }
  return Secret(crypto::hmac("SHA256", master.reveal(), purpose));
}

}  // namespace

TokenVault::TokenVault(const Secret& master_key)
    : hasher_(derive(master_key, "latchkey token lookup v1")),
      sealing_key_(derive(master_key, "latchkey token sealing v1")) {}

std::string TokenVault::lookup_hash(std::string_view value) const { return hasher_.hash(value); }

std::string TokenVault::seal(std::string_view value, std::string_view row_id) const {
  return base64::encode(crypto::seal(sealing_key_.reveal(), value, row_id));
}

std::optional<std::string> TokenVault::open(std::string_view sealed,
                                            std::string_view row_id) const {
  const auto raw = base64::decode(sealed);
  if (!raw) return std::nullopt;
  return crypto::open(sealing_key_.reveal(), *raw, row_id);
}

}  // namespace latchkey::services
