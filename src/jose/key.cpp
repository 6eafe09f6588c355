#include "jose/key.hpp"

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>

#include <array>
#include <stdexcept>
#include <utility>

#include "jose/openssl_handles.hpp"

namespace latchkey::jose {
namespace {

// Security: RSA below 2048 bits is no longer safe to sign with; FusionAuth still imports
// 1024-bit public keys to verify third-party tokens. The upper bound keeps a hostile import
// from making every verification slow.
constexpr int kMinRsaSigningBits = 2048;
constexpr int kMinRsaVerifyBits = 1024;
constexpr int kMaxRsaBits = 8192;

bool is_supported_type(int id) {
  return id == EVP_PKEY_RSA || id == EVP_PKEY_EC || id == EVP_PKEY_ED25519;
}

int ec_curve_nid(EVP_PKEY* pkey) {
  std::array<char, 80> group{};
  std::size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(),
                                     &length) != 1) {
    ossl::clear_errors();  // explicit curve parameters carry no name: not supported
    return NID_undef;
  }
  int nid = OBJ_txt2nid(group.data());
  if (nid == NID_undef) nid = EC_curve_nist2nid(group.data());
  return nid;
}

int expected_curve_nid(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kES256:
      return NID_X9_62_prime256v1;
    case Algorithm::kES384:
      return NID_secp384r1;
    case Algorithm::kES512:
      return NID_secp521r1;
    default:
      return NID_undef;
  }
}

std::optional<KeyError> check_fits(Algorithm algorithm, EVP_PKEY* pkey, bool has_private) {
  const int id = EVP_PKEY_get_base_id(pkey);
  const auto wrong_type = [&] {
    return is_supported_type(id) ? KeyError::kAlgorithmMismatch : KeyError::kUnsupportedKeyType;
  };
  switch (family_of(algorithm)) {
    case Family::kHmac:
      return wrong_type();
    case Family::kRsa:
    case Family::kRsaPss: {
      if (id != EVP_PKEY_RSA) return wrong_type();
      const int bits = EVP_PKEY_get_bits(pkey);
      const int minimum = has_private ? kMinRsaSigningBits : kMinRsaVerifyBits;
      if (bits < minimum || bits > kMaxRsaBits) return KeyError::kBadKeySize;
      return std::nullopt;
    }
    case Family::kEcdsa: {
      if (id != EVP_PKEY_EC) return wrong_type();
      const int nid = ec_curve_nid(pkey);
      if (nid == expected_curve_nid(algorithm)) return std::nullopt;
      const bool known =
          nid == NID_X9_62_prime256v1 || nid == NID_secp384r1 || nid == NID_secp521r1;
      return known ? KeyError::kCurveMismatch : KeyError::kUnsupportedKeyType;
    }
    case Family::kEdDSA:
      return id == EVP_PKEY_ED25519 ? std::nullopt : std::optional(wrong_type());
  }
  return KeyError::kUnsupportedKeyType;
}

}  // namespace

std::string_view to_string(KeyError error) {
  switch (error) {
    case KeyError::kInvalidPem:
      return "invalid PEM";
    case KeyError::kInvalidJwk:
      return "invalid JWK";
    case KeyError::kUnsupportedKeyType:
      return "unsupported key type";
    case KeyError::kAlgorithmMismatch:
      return "key type does not match the algorithm";
    case KeyError::kCurveMismatch:
      return "curve does not match the algorithm";
    case KeyError::kBadKeySize:
      return "unsupported key size";
    case KeyError::kEmptySecret:
      return "empty secret";
  }
  return "unknown key error";
}

void EvpPkeyDeleter::operator()(EVP_PKEY* pkey) const noexcept { EVP_PKEY_free(pkey); }

Key::Key(Algorithm algorithm, Secret secret)
    : algorithm_(algorithm), secret_(std::move(secret)), signature_size_(hash_size(algorithm)) {}

Key::Key(Algorithm algorithm, EvpPkeyPtr pkey, bool has_private)
    : algorithm_(algorithm), pkey_(std::move(pkey)), has_private_(has_private) {
  switch (family_of(algorithm)) {
    case Family::kRsa:
    case Family::kRsaPss:
      // An RSA signature is exactly as long as the modulus (RFC 8017 §8.2.2 step 1).
      signature_size_ = static_cast<std::size_t>(EVP_PKEY_get_size(pkey_.get()));
      break;
    case Family::kEcdsa:
      signature_size_ = 2 * ec_field_size(algorithm);  // R || S (RFC 7518 §3.4)
      break;
    case Family::kEdDSA:
      signature_size_ = 64;  // RFC 8032 §5.1.6
      break;
    case Family::kHmac:
      break;
  }
}

Key::Key(const Key& other)
    : algorithm_(other.algorithm_),
      secret_(other.secret_),
      has_private_(other.has_private_),
      signature_size_(other.signature_size_) {
  if (other.pkey_) {
    // EVP_PKEY is reference counted and immutable once built; a copy shares it.
    if (EVP_PKEY_up_ref(other.pkey_.get()) != 1) ossl::throw_error("EVP_PKEY_up_ref");
    pkey_.reset(other.pkey_.get());
  }
}

Key& Key::operator=(const Key& other) {
  if (this != &other) *this = Key(other);
  return *this;
}

std::expected<Key, KeyError> Key::hmac(Algorithm algorithm, std::string secret) {
  if (!jose::is_hmac(algorithm)) return std::unexpected(KeyError::kAlgorithmMismatch);
  if (secret.empty()) return std::unexpected(KeyError::kEmptySecret);
  return Key(algorithm, Secret(std::move(secret)));
}

std::expected<Key, KeyError> Key::from_evp(Algorithm algorithm, EvpPkeyPtr pkey, bool has_private) {
  if (!pkey) throw std::invalid_argument("Key::from_evp: null key");
  if (const auto error = check_fits(algorithm, pkey.get(), has_private)) {
    return std::unexpected(*error);
  }
  return Key(algorithm, std::move(pkey), has_private);
}

int Key::bits() const {
  if (is_hmac()) return static_cast<int>(secret_.reveal().size() * 8);
  if (family() == Family::kEdDSA) return 256;  // OpenSSL reports 253 security-relevant bits
  return EVP_PKEY_get_bits(pkey_.get());
}

const Secret& Key::secret() const {
  if (!is_hmac()) throw std::logic_error("Key::secret: not an HMAC key");
  return secret_;
}

}  // namespace latchkey::jose
