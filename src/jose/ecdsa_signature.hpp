#pragma once
// JWS carries an ECDSA signature as R || S, each left-padded to the curve's field size
// (RFC 7518 §3.4); OpenSSL produces and expects the DER SEQUENCE of two INTEGERs. These convert.
//
//   const auto raw = ecdsa_der_to_raw(der, ec_field_size(Algorithm::kES256));  // 64 bytes
//   const auto der = ecdsa_raw_to_der(*raw);

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace latchkey::jose {

// Nothing when `der` is not exactly one DER ECDSA-Sig-Value or R or S exceeds `field_size`.
std::optional<std::string> ecdsa_der_to_raw(std::string_view der, std::size_t field_size);
// Nothing when `raw` is empty or of odd length.
std::optional<std::string> ecdsa_raw_to_der(std::string_view raw);

}  // namespace latchkey::jose
