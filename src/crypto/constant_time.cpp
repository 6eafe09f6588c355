#include "crypto/constant_time.hpp"

#include <openssl/crypto.h>

#include "crypto/digest.hpp"

namespace latchkey::crypto {

bool constant_time_equals(std::string_view a, std::string_view b) {
  const std::string digest_a = sha256(a);
  const std::string digest_b = sha256(b);
  return CRYPTO_memcmp(digest_a.data(), digest_b.data(), digest_a.size()) == 0;
}

}  // namespace latchkey::crypto
