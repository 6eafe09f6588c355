#pragma once
// Test-only helpers shared by the jose tests.

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/base64.hpp"
#include "core/json.hpp"
#include "jose/jwk.hpp"
#include "jose/jws.hpp"
#include "jose/jws_signature.hpp"

namespace latchkey::jose::testing {

inline constexpr std::array<Algorithm, 10> kAsymmetricAlgorithms = {
    Algorithm::kRS256, Algorithm::kRS384, Algorithm::kRS512, Algorithm::kPS256, Algorithm::kPS384,
    Algorithm::kPS512, Algorithm::kES256, Algorithm::kES384, Algorithm::kES512, Algorithm::kEdDSA};

// One generated key per algorithm for the whole test binary: RSA generation is slow, and most
// tests only need a key, not a fresh one.
inline const Key& shared_key(Algorithm algorithm) {
  static std::map<Algorithm, Key> keys;
  auto found = keys.find(algorithm);
  if (found == keys.end()) found = keys.emplace(algorithm, Key::generate(algorithm)).first;
  return found->second;
}

inline std::string parameter_name(const ::testing::TestParamInfo<Algorithm>& info) {
  return std::string(jws_name(info.param));
}

inline Key key_from_jwk(std::string_view jwk_json, Algorithm algorithm) {
  const auto jwk = json::parse_object(jwk_json);
  EXPECT_TRUE(jwk.has_value()) << "test JWK is not a JSON object";
  auto key = from_jwk(jwk.value_or(boost::json::object{}), algorithm);
  if (!key) throw std::runtime_error("test JWK rejected: " + std::string(to_string(key.error())));
  return std::move(*key);
}

// The same JWK without its private members.
inline Key public_key_from_jwk(std::string_view jwk_json, Algorithm algorithm) {
  auto jwk = json::parse_object(jwk_json).value();
  for (const char* member : {"d", "p", "q", "dp", "dq", "qi"}) jwk.erase(member);
  return key_from_jwk(json::serialize(jwk), algorithm);
}

inline KeyResolver resolve_to(const Key& key) {
  return [&key](const DecodedHeader&) { return &key; };
}

inline VerifyOptions at_epoch_seconds(std::int64_t seconds) {
  return VerifyOptions{.now = Instant(std::chrono::seconds(seconds))};
}

// A token over exact header and payload bytes, signed by `key` whatever the header says: the
// attacker's tool for forging headers.
inline std::string forge(std::string_view header_json, std::string_view payload_json,
                         const Key& key) {
  std::string token = base64::encode_url(header_json) + "." + base64::encode_url(payload_json);
  const std::string signature = sign_input(token, key);
  return token + "." + base64::encode_url(signature);
}

}  // namespace latchkey::jose::testing
