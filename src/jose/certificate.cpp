#include "jose/certificate.hpp"

#include <openssl/pem.h>
#include <openssl/rand.h>

#include <array>
#include <limits>
#include <stdexcept>

#include "jose/openssl_handles.hpp"

namespace latchkey::jose {
namespace {

void check(int ok, const char* what) {
  if (ok != 1) ossl::throw_error(what);
}

// RFC 5280 §4.1.2.2: a positive serial of at most 20 bytes; 128 random bits make collisions
// between keys negligible, as FusionAuth's UUID-based serials do.
void set_random_serial(X509* certificate) {
  std::array<unsigned char, 16> bytes{};
  check(RAND_bytes(bytes.data(), static_cast<int>(bytes.size())), "RAND_bytes");
  bytes[15] |= 1U;  // never zero
  const ossl::BignumPtr serial(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
  if (!serial || BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) == nullptr) {
    ossl::throw_error("serial number");
  }
}

void set_time(ASN1_TIME* field, std::chrono::sys_seconds when) {
  const auto seconds = when.time_since_epoch().count();
  if (seconds > std::numeric_limits<time_t>::max() || seconds < 0) {
    throw std::out_of_range("jose: certificate time out of range");
  }
  // ASN1_TIME_set picks UTCTime before 2050 and GeneralizedTime after (RFC 5280 §4.1.2.5).
  if (ASN1_TIME_set(field, static_cast<time_t>(seconds)) == nullptr)
    ossl::throw_error("ASN1_TIME_set");
}

}  // namespace

std::string self_signed_certificate_pem(const Key& key, std::string_view issuer_cn,
                                        Instant valid_from, std::chrono::days validity) {
  if (key.is_hmac() || !key.has_private()) {
    throw std::logic_error("jose: a self-signed certificate needs an asymmetric private key");
  }
  if (issuer_cn.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::length_error("jose: issuer too long");
  }
  const ossl::X509Ptr certificate(X509_new());
  if (!certificate) ossl::throw_error("X509_new");
  check(X509_set_version(certificate.get(), X509_VERSION_3), "X509_set_version");
  set_random_serial(certificate.get());

  const ossl::X509NamePtr name(X509_NAME_new());
  if (!name) ossl::throw_error("X509_NAME_new");
  check(X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8, ossl::bytes_of(issuer_cn),
                                   static_cast<int>(issuer_cn.size()), -1, 0),
        "X509_NAME_add_entry_by_txt");
  check(X509_set_subject_name(certificate.get(), name.get()), "X509_set_subject_name");
  check(X509_set_issuer_name(certificate.get(), name.get()), "X509_set_issuer_name");

  const auto from = std::chrono::floor<std::chrono::seconds>(valid_from);
  set_time(X509_getm_notBefore(certificate.get()), from);
  set_time(X509_getm_notAfter(certificate.get()), from + validity);
  check(X509_set_pubkey(certificate.get(), key.evp()), "X509_set_pubkey");

  // Ed25519 signs the message itself (RFC 8410 §6): no digest.
  const EVP_MD* md = ossl::digest_of(key.algorithm());
  if (X509_sign(certificate.get(), key.evp(), md) <= 0) ossl::throw_error("X509_sign");

  const ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) ossl::throw_error("BIO_new");
  check(PEM_write_bio_X509(bio.get(), certificate.get()), "PEM_write_bio_X509");
  return ossl::drain(bio.get());
}

}  // namespace latchkey::jose
