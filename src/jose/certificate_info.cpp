#include <openssl/pem.h>

#include <ctime>
#include <limits>

#include "core/base64.hpp"
#include "jose/certificate.hpp"
#include "jose/openssl_handles.hpp"
#include "jose/pem.hpp"

namespace latchkey::jose {
namespace {

// Never prompts: certificates are not encrypted, and nothing here may block on a terminal.
int no_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*user*/) { return -1; }

ossl::X509Ptr read_certificate(std::string_view pem) {
  const auto bio = ossl::memory_reader(pem);
  ossl::X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, no_passphrase, nullptr));
  if (!certificate) ossl::clear_errors();
  return certificate;
}

std::string der_of(X509* certificate) {
  const int size = i2d_X509(certificate, nullptr);
  if (size <= 0) ossl::throw_error("i2d_X509");
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_X509(certificate, &out) != size) ossl::throw_error("i2d_X509");
  return der;
}

// "AB:CD:..." as FusionAuth (and keytool) print fingerprints and serial numbers.
std::string colon_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (!out.empty()) out.push_back(':');
    out.push_back(kHex[byte >> 4U]);
    out.push_back(kHex[byte & 0x0FU]);
  }
  return out;
}

std::string rfc2253(const X509_NAME* name) {
  const ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) {
    ossl::throw_error("X509_NAME_print_ex");
  }
  return ossl::drain(bio.get());
}

// The serial as Java's BigInteger.toByteArray() has it: big-endian with a leading 00 when the
// top bit is set, which is how FusionAuth prints "00:EA:75:...".
std::string serial_bytes(X509* certificate) {
  const ossl::BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr));
  if (!serial) ossl::throw_error("ASN1_INTEGER_to_BN");
  std::string bytes = ossl::bignum_bytes(serial.get());
  if (bytes.empty() || (static_cast<unsigned char>(bytes.front()) & 0x80U) != 0) {
    bytes.insert(bytes.begin(), '\0');
  }
  return bytes;
}

Instant instant_of(const ASN1_TIME* time) {
  std::tm parts{};
  if (ASN1_TIME_to_tm(time, &parts) != 1) ossl::throw_error("ASN1_TIME_to_tm");
  using namespace std::chrono;
  const sys_days date = year{parts.tm_year + 1900} /
                        month{static_cast<unsigned>(parts.tm_mon + 1)} /
                        day{static_cast<unsigned>(parts.tm_mday)};
  return Instant(date + hours{parts.tm_hour} + minutes{parts.tm_min} + seconds{parts.tm_sec});
}

}  // namespace

std::optional<CertificateInfo> certificate_info(std::string_view pem) {
  const auto certificate = read_certificate(pem);
  if (!certificate) return std::nullopt;
  const std::string der = der_of(certificate.get());
  const std::string sha1 = ossl::digest(EVP_sha1(), der);
  const std::string sha256 = ossl::digest(EVP_sha256(), der);
  return CertificateInfo{
      .issuer = rfc2253(X509_get_issuer_name(certificate.get())),
      .subject = rfc2253(X509_get_subject_name(certificate.get())),
      .serialNumber = colon_hex(serial_bytes(certificate.get())),
      .md5Fingerprint = colon_hex(ossl::digest(EVP_md5(), der)),
      .sha1Fingerprint = colon_hex(sha1),
      .sha1Thumbprint = base64::encode_url(sha1),
      .sha256Fingerprint = colon_hex(sha256),
      .sha256Thumbprint = base64::encode_url(sha256),
      .validFrom = instant_of(X509_get0_notBefore(certificate.get())),
      .validTo = instant_of(X509_get0_notAfter(certificate.get())),
      .der_base64 = base64::encode(der),
  };
}

std::optional<std::string> certificate_der(std::string_view pem) {
  const auto certificate = read_certificate(pem);
  if (!certificate) return std::nullopt;
  return der_of(certificate.get());
}

std::optional<std::string> certificate_public_key_pem(std::string_view pem) {
  const auto certificate = read_certificate(pem);
  if (!certificate) return std::nullopt;
  EVP_PKEY* pkey = X509_get0_pubkey(certificate.get());
  if (pkey == nullptr) {
    ossl::clear_errors();
    return std::nullopt;
  }
  return pem::write_public(pkey);
}

bool certificate_matches_key(std::string_view pem, const Key& key) {
  if (key.is_hmac()) return false;
  const auto certificate = read_certificate(pem);
  if (!certificate) return false;
  const EVP_PKEY* pkey = X509_get0_pubkey(certificate.get());
  const bool same = pkey != nullptr && EVP_PKEY_eq(pkey, key.evp()) == 1;
  ossl::clear_errors();
  return same;
}

std::string x5t(std::string_view der) { return base64::encode_url(ossl::digest(EVP_sha1(), der)); }

std::string x5t_s256(std::string_view der) {
  return base64::encode_url(ossl::digest(EVP_sha256(), der));
}

}  // namespace latchkey::jose
