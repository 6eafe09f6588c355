#include <openssl/rand.h>

#include <stdexcept>
#include <string>

#include "core/base64.hpp"
#include "jose/key.hpp"
#include "jose/openssl_handles.hpp"

namespace latchkey::jose {
namespace {

ossl::EvpPkeyPtr generate_pkey(Algorithm algorithm, int rsa_bits) {
  EVP_PKEY* pkey = nullptr;
  switch (family_of(algorithm)) {
    case Family::kRsa:
    case Family::kRsaPss:
      pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(rsa_bits));
      break;
    case Family::kEcdsa: {
      const std::string curve(*curve_of(algorithm));
      pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve.c_str());
      break;
    }
    case Family::kEdDSA:
      pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
      break;
    case Family::kHmac:
      break;
  }
  if (pkey == nullptr) ossl::throw_error("EVP_PKEY_Q_keygen");
  return ossl::EvpPkeyPtr(pkey);
}

// FusionAuth's generated HMAC secret: the base64 text of hash-size random bytes, whose UTF-8
// bytes are then the MAC key.
std::string generate_secret(Algorithm algorithm) {
  std::string bytes(hash_size(algorithm), '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size())) !=
      1) {
    ossl::throw_error("RAND_bytes");
  }
  return base64::encode(bytes);
}

}  // namespace

Key Key::generate(Algorithm algorithm, int rsa_bits) {
  if (jose::is_hmac(algorithm)) return *Key::hmac(algorithm, generate_secret(algorithm));
  if (jose::is_rsa(algorithm) && rsa_bits != 2048 && rsa_bits != 3072 && rsa_bits != 4096) {
    throw std::invalid_argument("Key::generate: RSA keys are 2048, 3072 or 4096 bits");
  }
  auto key = Key::from_evp(algorithm, generate_pkey(algorithm, rsa_bits), true);
  if (!key) throw std::logic_error("Key::generate: generated key does not fit its algorithm");
  return std::move(*key);
}

}  // namespace latchkey::jose
