#include "crypto/digest.hpp"

#include <openssl/core_names.h>
#include <openssl/params.h>

#include <array>
#include <stdexcept>
#include <utility>

#include "core/base64.hpp"
#include "crypto/openssl_util.hpp"

namespace latchkey::crypto {
namespace {

std::string digest(const EVP_MD* md, std::string_view data) {
  if (md == nullptr) detail::throw_openssl_error("digest fetch");
  std::string out(static_cast<std::size_t>(EVP_MD_get_size(md)), '\0');
  unsigned int length = 0;
  detail::check(EVP_Digest(data.data(), data.size(), detail::bytes(out), &length, md, nullptr),
                "EVP_Digest");
  out.resize(length);
  return out;
}

}  // namespace

std::string sha1(std::string_view data) { return digest(detail::find_digest("SHA1"), data); }
std::string sha256(std::string_view data) { return digest(detail::find_digest("SHA256"), data); }
std::string sha384(std::string_view data) { return digest(detail::find_digest("SHA384"), data); }
std::string sha512(std::string_view data) { return digest(detail::find_digest("SHA512"), data); }
std::string md5(std::string_view data) { return digest(detail::find_digest("MD5"), data); }

std::string hmac(std::string_view algorithm, std::string_view key, std::string_view data) {
  const EVP_MD* md = detail::get_digest(algorithm);
  if (EVP_MD_is_a(md, "MD5")) throw std::invalid_argument("HMAC-MD5 is not offered");

  detail::MacCtx ctx(detail::check_ptr(
      EVP_MAC_CTX_new(const_cast<EVP_MAC*>(detail::hmac_algorithm())), "EVP_MAC_CTX_new"));
  // OSSL_PARAM wants a mutable char*; OpenSSL only reads it.
  const std::array<OSSL_PARAM, 2> params = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                       const_cast<char*>(EVP_MD_get0_name(md)), 0),
      OSSL_PARAM_construct_end()};
  // An empty key is legal HMAC (RFC 2104 pads it with zeros), but a null pointer would read as
  // "no key given"; point at a real (empty) buffer instead.
  static constexpr unsigned char kEmpty[1] = {0};
  const unsigned char* key_bytes = key.empty() ? kEmpty : detail::bytes(key);
  detail::check(EVP_MAC_init(ctx.get(), key_bytes, key.size(), params.data()), "EVP_MAC_init");
  detail::check(EVP_MAC_update(ctx.get(), detail::bytes(data), data.size()), "EVP_MAC_update");
  std::string out(static_cast<std::size_t>(EVP_MD_get_size(md)), '\0');
  std::size_t length = 0;
  detail::check(EVP_MAC_final(ctx.get(), detail::bytes(out), &length, out.size()), "EVP_MAC_final");
  out.resize(length);
  return out;
}

std::string to_hex(std::string_view bytes) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0f]);
  }
  return out;
}

KeyedHasher::KeyedHasher(Secret key, Encoding encoding)
    : key_(std::move(key)), encoding_(encoding) {
  if (key_.reveal().size() != kKeySize) {
    throw std::invalid_argument("KeyedHasher needs a 32-byte key");
  }
}

std::string KeyedHasher::hash(std::string_view value) const {
  const std::string mac = hmac("SHA256", key_.reveal(), value);
  return encoding_ == Encoding::kHex ? to_hex(mac) : base64::encode_url(mac);
}

}  // namespace latchkey::crypto
