#pragma once
// X.509 certificates for Key Master keys: the self-signed certificate FusionAuth creates for a
// generated key, the `certificateInformation` it reports, and the x5t that becomes the kid.
//
//   const auto pem = self_signed_certificate_pem(key, "acme.com", clock.now(), days{3650});
//   const auto info = certificate_info(pem);          // optional<CertificateInfo>
//   const std::string kid = x5t(*certificate_der(pem));

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "jose/key.hpp"

namespace latchkey::jose {

// X.509 v3, a random positive 128-bit serial, subject = issuer = CN=<issuer_cn>, valid from
// `valid_from` (whole seconds) for `validity`, signed by the key itself with its algorithm's
// hash (SHA-256/384/512; PS* keys sign with PKCS#1 v1.5) or, for Ed25519, with no digest.
// Throws std::logic_error for HMAC keys and keys without a private part.
std::string self_signed_certificate_pem(const Key& key_with_private, std::string_view issuer_cn,
                                        Instant valid_from, std::chrono::days validity);

// FusionAuth's `certificateInformation` (field names as in its JSON).
struct CertificateInfo {
  std::string issuer;  // RFC 2253 form, "CN=acme.com"
  std::string subject;
  std::string serialNumber;    // two's-complement bytes, hex "00:EA:75:..."
  std::string md5Fingerprint;  // upper-case hex pairs joined by ':'
  std::string sha1Fingerprint;
  std::string sha1Thumbprint;  // base64url, unpadded (= x5t)
  std::string sha256Fingerprint;
  std::string sha256Thumbprint;  // base64url, unpadded (= x5t#S256)
  Instant validFrom;
  Instant validTo;
  std::string der_base64;  // standard base64 of the DER, as JWK x5c carries it
};

// Nothing when `pem` holds no certificate.
std::optional<CertificateInfo> certificate_info(std::string_view pem);

// The DER bytes of the first certificate in `pem`.
std::optional<std::string> certificate_der(std::string_view pem);

// FusionAuth derives a missing `publicKey` from the certificate: its SPKI PEM.
std::optional<std::string> certificate_public_key_pem(std::string_view pem);

// Whether the certificate in `pem` certifies this key's public part.
bool certificate_matches_key(std::string_view pem, const Key& key);

// RFC 7515 §4.1.7: base64url(SHA-1(DER)), 27 characters — FusionAuth's kid for certified keys.
std::string x5t(std::string_view der);
// RFC 7515 §4.1.8: base64url(SHA-256(DER)).
std::string x5t_s256(std::string_view der);

}  // namespace latchkey::jose
