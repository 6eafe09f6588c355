#pragma once
// JWS carries an ECDSA signature as R || S, each left-padded to the curve's field size
// (RFC 7518 §3.4); OpenSSL produces and expects the DER SEQUENCE of two INTEGERs. These convert,
// and keep S in its low half so that one signed message has one signature string.
//
//   const auto raw = ecdsa_der_to_raw(der, ec_field_size(Algorithm::kES256));  // 64 bytes
//   const auto der = ecdsa_raw_to_der(*raw);
//   const std::string canonical = ecdsa_low_s(*raw, Algorithm::kES256);

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "jose/algorithm.hpp"

namespace latchkey::jose {

// Nothing when `der` is not exactly one DER ECDSA-Sig-Value or R or S exceeds `field_size`.
std::optional<std::string> ecdsa_der_to_raw(std::string_view der, std::size_t field_size);
// Nothing when `raw` is empty or of odd length.
std::optional<std::string> ecdsa_raw_to_der(std::string_view raw);

// Security: (R, S) and (R, n - S) are both valid ECDSA signatures of the same message, so
// anyone can turn one token into a second string that verifies (signature malleability). A
// signature is canonical when S <= n/2, n being the curve order of `algorithm` (ES256/384/512).
// False for a raw signature of the wrong size.
bool ecdsa_is_low_s(std::string_view raw, Algorithm algorithm);
// The same signature with S replaced by n - S when S > n/2; unchanged when already low.
std::string ecdsa_low_s(std::string raw, Algorithm algorithm);
// The other signature of the pair: S replaced by n - S (what an attacker would compute). For
// tests; unchanged when S is zero or not below n.
std::string ecdsa_flip_s(std::string raw, Algorithm algorithm);

}  // namespace latchkey::jose
