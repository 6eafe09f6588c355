#include "jose/pem.hpp"

#include <openssl/pem.h>

#include <stdexcept>

#include "jose/key.hpp"

namespace latchkey::jose {
namespace pem {
namespace {

// Security: without a callback OpenSSL asks for an encrypted key's passphrase on the
// controlling terminal. A server must never block on that; encrypted keys are simply refused.
int refuse_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*user*/) { return -1; }

template <class Read>
auto try_read(std::string_view text, Read read) {
  const auto bio = ossl::memory_reader(text);
  auto result = read(bio.get());
  if (!result) ossl::clear_errors();
  return result;
}

}  // namespace

ParsedKey read_key(std::string_view text) {
  if (auto key = try_read(text, [](BIO* bio) {
        return ossl::EvpPkeyPtr(PEM_read_bio_PrivateKey(bio, nullptr, refuse_passphrase, nullptr));
      })) {
    return {std::move(key), true};
  }
  if (auto key = try_read(text, [](BIO* bio) {
        return ossl::EvpPkeyPtr(PEM_read_bio_PUBKEY(bio, nullptr, refuse_passphrase, nullptr));
      })) {
    return {std::move(key), false};
  }
  auto certificate = try_read(text, [](BIO* bio) {
    return ossl::X509Ptr(PEM_read_bio_X509(bio, nullptr, refuse_passphrase, nullptr));
  });
  if (certificate) {
    ossl::EvpPkeyPtr key(X509_get_pubkey(certificate.get()));
    if (!key) ossl::clear_errors();
    return {std::move(key), false};
  }
  return {};
}

std::string write_public(EVP_PKEY* pkey) {
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey) != 1) ossl::throw_error("PEM_write_bio_PUBKEY");
  return ossl::drain(bio.get());
}

std::string write_private_pkcs8(EVP_PKEY* pkey) {
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY") for every key type.
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    ossl::throw_error("PEM_write_bio_PrivateKey");
  }
  return ossl::drain(bio.get());
}

}  // namespace pem

std::expected<Key, KeyError> Key::from_pem(Algorithm algorithm, std::string_view text) {
  if (jose::is_hmac(algorithm)) return std::unexpected(KeyError::kAlgorithmMismatch);
  auto parsed = pem::read_key(text);
  if (!parsed.pkey) return std::unexpected(KeyError::kInvalidPem);
  return from_evp(algorithm, std::move(parsed.pkey), parsed.has_private);
}

std::string Key::public_pem() const {
  if (is_hmac()) throw std::logic_error("Key::public_pem: an HMAC key has no public part");
  return pem::write_public(pkey_.get());
}

std::string Key::private_pem() const {
  if (!has_private_) throw std::logic_error("Key::private_pem: no private part");
  return pem::write_private_pkcs8(pkey_.get());
}

std::optional<Algorithm> infer_algorithm_from_pem(std::string_view text) {
  const auto parsed = pem::read_key(text);
  if (!parsed.pkey) return std::nullopt;
  switch (EVP_PKEY_get_base_id(parsed.pkey.get())) {
    case EVP_PKEY_RSA:
      return Algorithm::kRS256;
    case EVP_PKEY_ED25519:
      return Algorithm::kEdDSA;
    case EVP_PKEY_EC:
      break;
    default:
      return std::nullopt;
  }
  // The curve decides: try each ES* and keep the one the key fits.
  for (const Algorithm candidate : {Algorithm::kES256, Algorithm::kES384, Algorithm::kES512}) {
    if (EVP_PKEY_up_ref(parsed.pkey.get()) != 1) ossl::throw_error("EVP_PKEY_up_ref");
    ossl::EvpPkeyPtr shared(parsed.pkey.get());
    if (Key::from_evp(candidate, std::move(shared), parsed.has_private)) return candidate;
  }
  return std::nullopt;
}

}  // namespace latchkey::jose
