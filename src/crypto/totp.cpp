#include "crypto/totp.hpp"

#include <openssl/crypto.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "crypto/digest.hpp"

namespace latchkey::crypto {
namespace {

std::string_view digest_name(TotpAlgorithm algorithm) {
  switch (algorithm) {
    case TotpAlgorithm::kSha1:
      return "SHA1";
    case TotpAlgorithm::kSha256:
      return "SHA256";
    case TotpAlgorithm::kSha512:
      return "SHA512";
  }
  throw std::invalid_argument("unknown TOTP algorithm");
}

void check_parameters(int digits, std::chrono::seconds step) {
  if (digits < kTotpMinDigits || digits > kTotpMaxDigits) {
    throw std::invalid_argument("TOTP digits must be 6..10");
  }
  if (step <= std::chrono::seconds::zero()) throw std::invalid_argument("TOTP step must be > 0");
}

// RFC 4226 §5.3: HMAC over the 8-byte big-endian counter, dynamic truncation to 31 bits, then
// the low `digits` decimal digits.
std::string hotp(std::string_view secret, std::uint64_t counter, int digits,
                 TotpAlgorithm algorithm) {
  std::array<char, 8> message{};
  for (std::size_t i = 0; i < message.size(); ++i) {
    message[message.size() - 1 - i] = static_cast<char>((counter >> (8 * i)) & 0xff);
  }
  const std::string mac =
      hmac(digest_name(algorithm), secret, std::string_view(message.data(), message.size()));
  const auto byte = [&mac](std::size_t i) -> std::uint32_t {
    return static_cast<unsigned char>(mac[i]);
  };
  const std::size_t offset = byte(mac.size() - 1) & 0x0f;
  const std::uint32_t binary = ((byte(offset) & 0x7f) << 24) | (byte(offset + 1) << 16) |
                               (byte(offset + 2) << 8) | byte(offset + 3);
  std::uint64_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::uint64_t value = binary % modulus;
  std::string code(static_cast<std::size_t>(digits), '0');
  for (std::size_t i = code.size(); i-- > 0;) {
    code[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return code;
}

// RFC 6238 §4.2: T = floor((now - T0) / X), T0 = the Unix epoch.
std::int64_t time_step(Instant time, std::chrono::seconds step) {
  const auto since_epoch = std::chrono::floor<std::chrono::seconds>(time.time_since_epoch());
  const std::int64_t seconds = since_epoch.count();
  const std::int64_t x = step.count();
  return seconds >= 0 ? seconds / x : -((-seconds + x - 1) / x);
}

}  // namespace

std::optional<TotpAlgorithm> parse_totp_algorithm(std::string_view name) {
  if (name == "HmacSHA1") return TotpAlgorithm::kSha1;
  if (name == "HmacSHA256") return TotpAlgorithm::kSha256;
  if (name == "HmacSHA512") return TotpAlgorithm::kSha512;
  return std::nullopt;
}

std::string totp(std::string_view secret_bytes, Instant time, int digits, std::chrono::seconds step,
                 TotpAlgorithm algorithm) {
  check_parameters(digits, step);
  const std::int64_t counter = time_step(time, step);
  if (counter < 0) throw std::invalid_argument("TOTP time before the Unix epoch");
  return hotp(secret_bytes, static_cast<std::uint64_t>(counter), digits, algorithm);
}

bool verify_totp(std::string_view secret_bytes, std::string_view code, Instant now, int window,
                 int digits, std::chrono::seconds step, TotpAlgorithm algorithm) {
  return match_totp(secret_bytes, code, now, window, digits, step, algorithm).has_value();
}

std::optional<Instant> match_totp(std::string_view secret_bytes, std::string_view code, Instant now,
                                  int window, int digits, std::chrono::seconds step,
                                  TotpAlgorithm algorithm) {
  check_parameters(digits, step);
  if (window < 0) throw std::invalid_argument("TOTP window must be >= 0");
  // The expected length is public (it is configuration), so answering early on it leaks nothing.
  if (code.size() != static_cast<std::size_t>(digits)) return std::nullopt;

  const std::int64_t current = time_step(now, step);
  std::int64_t matched = -1;
  for (std::int64_t counter = current - window; counter <= current + window; ++counter) {
    if (counter < 0) continue;
    const std::string expected =
        hotp(secret_bytes, static_cast<std::uint64_t>(counter), digits, algorithm);
    // Both are exactly `digits` long here, so CRYPTO_memcmp over that length is enough. The
    // select below is branch-free in spirit: every candidate is computed and compared.
    const bool equal = CRYPTO_memcmp(expected.data(), code.data(), code.size()) == 0;
    matched = equal ? counter : matched;
  }
  if (matched < 0) return std::nullopt;
  return Instant(std::chrono::duration_cast<std::chrono::milliseconds>(step * matched));
}

}  // namespace latchkey::crypto
