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

// A fixed RSA-2048 key, generated once for these tests (openssl genpkey) and used by no one
// else. CTest runs every test case in its own process, so generating an RSA key per process
// (up to a second each) would dominate the suite; key generation has tests of its own
// (key_test.cpp).
inline constexpr std::string_view kTestRsaPrivateKeyPem = R"(-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQClzwHiS9Sg07l1
ruj4cA1GmHa8yvuMIy6VuoXKZle3ublPsNzH1xFf0jmxjItaSnMoBqudLTT+hy+l
VyTRbY1qcA3Z0KIYQ0N/V4yTmpOhf6Fp5w08tSctm8um6Vz3v2rIRcTNXw0fSDyu
sHwTmtYMZmEr6LZQM+KuW3bc4WTSnWd1nvEDAxXWFr5e7UGh1jjRh9wTw8MErBVP
PEMtF1sh942f3h2Qahfqq+dRN6+C6l9TwBMYK3Ur6vjcEr7uvrhBfmCl+LD3TnVP
75PXC5tYOz/tbwyKbgJigCeZSVmLsHGc+fBjAvz+lt1N0VMiVq3XHcGMJgHFFqkd
NlO3yb+fAgMBAAECggEAHuOGlVLNJLzssujHy+iMAJfMnvUtkXjIZ+pcnE0ekEKQ
LDFln/EH8pLmXpYxK7vs4gsEE37lfXlPvfyTBlTjYG3JlsdQOzbkrydvL9w/Hnn5
ZxI9HA8fYlbAxLJ6uEi3quGcfSn09tvtOhn0s25H6/1yosxyklRoKVUuuo1ezAFs
DGbRzsTam8lxCgjHnxvv5yUq1J2KAyN69DLSXYez3PJ5/zdXSnNiJ9ymzKexsIFh
MUKMHSVQu88nDlW0oclLPa+0LYsYmnAHJrBsnI4D3o5inmwwQlQwDeZ8JYxqyasS
G5q+cP8g7H5V9ZrkB4mFk9vH0T5gYi2ijikytbd64QKBgQDQ6IyEIRWZ6AIyCQCw
0Da+D0RtxIas5hQYe60ma7CBAKROILLBHeqOXOmQm/UKr1BcRkwaZZHAzbX7/XY6
rPBVp5A+JvoB/mdU4MaFNPVoYVONO4uaimnnzlPTWLwzhofqbtEuFRO0t8LSRL8D
5qSRI4laElshMkP91VfD+cpZrwKBgQDLL04jYHo8PIADd3S4EtJ5ShKTXWJlgvqT
7fZudf+490bmIxH6oqB8jGEYd9ry/dnYY9OD9BiLGZ9iB9b5+5s+SO5zvg+vgZoT
0Ty9bIq7KVlc1ZnqrouiQwPhbg+1xqJg65am7OyUQI2qHzeOfC6jtRT3dqSo/w9g
nhMW4jSlEQKBgHhxGlIzINkSwfFG73cBFA6PjswaOesE2yEibLlx7NjzHcdNYsGk
Fc7uElqlD6mRWatZfBbb6CRYdUtK3hcGDanUaXzry8fKfJia3tl9pt7+/cS3R81Z
b6WNdxaqWhb6wPGP4lnHHQ1bxJ6ls9rz5n0nF9EuNAv3huuZTHhYUylRAoGBAK12
T1EodnKie+95ti3H8+QUdtNUcEKVlXNhPneDSbQRd3fWDO1alYR/HA2VlVjJm4d/
gf4vEB0A3O8GHmQAh8Ke5OPvKNj+3hl5Ek/tMGskm+QDf4m5RgBbEh8MpWDcmZgA
yPbtYfQXQFoymG2OWwrr92Bk66JTTj9/9HAe4i7hAoGBAIHSpwbF/yJafTqU8ZMi
40+41viLBBNgReQMPuWbBiT3b9Ch0d428wRwB4k+HqU0XOCB+8g45scO5TdapekQ
u78vR1Sxr34WeULudyyxCZEMgLBaT3bhnPXgdqdHQSW2zm0SXw2QpKy00eymo9Vy
Zkk/zyK845fQk4Rx7ynylrUe
-----END PRIVATE KEY-----
)";

// One key per algorithm for the whole test process: the fixed RSA key for the RSA family, a
// generated one otherwise (EC, Ed25519 and HMAC keys are cheap to make). Most tests only need
// a key, not a fresh one.
inline const Key& shared_key(Algorithm algorithm) {
  static std::map<Algorithm, Key> keys;
  auto found = keys.find(algorithm);
  if (found == keys.end()) {
    Key key = is_rsa(algorithm) ? Key::from_pem(algorithm, kTestRsaPrivateKeyPem).value()
                                : Key::generate(algorithm);
    found = keys.emplace(algorithm, std::move(key)).first;
  }
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
