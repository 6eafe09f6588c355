// Google Benchmark micro-benchmarks for src/crypto: the per-request costs of logins (password
// hashing), refresh-token lookups (KeyedHasher) and TOTP checks. Not wired into CMake yet; link
// it against latchkey_crypto and benchmark::benchmark_main.
//
//   ./crypto_bench --benchmark_filter=Pbkdf2

#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <string>

#include "crypto/aead.hpp"
#include "crypto/constant_time.hpp"
#include "crypto/digest.hpp"
#include "crypto/password_hasher.hpp"
#include "crypto/pbkdf2.hpp"
#include "crypto/random.hpp"
#include "crypto/totp.hpp"

namespace {

using namespace latchkey;
using namespace latchkey::crypto;

const std::string kSalt = random_bytes(32);

// Ours: the HMAC pads are absorbed once per derivation.
void BM_Pbkdf2Sha256_24000(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(pbkdf2_hmac("SHA256", "correct horse", kSalt, 24000, 32));
  }
}
BENCHMARK(BM_Pbkdf2Sha256_24000)->Unit(benchmark::kMillisecond);

// OpenSSL's PKCS5_PBKDF2_HMAC, for comparison.
void BM_Pkcs5Pbkdf2Sha256_24000(benchmark::State& state) {
  unsigned char out[32];
  for (auto _ : state) {
    PKCS5_PBKDF2_HMAC("correct horse", 13, reinterpret_cast<const unsigned char*>(kSalt.data()),
                      static_cast<int>(kSalt.size()), 24000, EVP_sha256(), 32, out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_Pkcs5Pbkdf2Sha256_24000)->Unit(benchmark::kMillisecond);

void BM_VerifyPassword(benchmark::State& state, const char* scheme, int factor) {
  const PasswordHasher hasher;
  const PasswordHash stored = hasher.hash(scheme, Secret("correct horse"), factor);
  for (auto _ : state) benchmark::DoNotOptimize(hasher.verify(Secret("correct horse"), stored));
}
BENCHMARK_CAPTURE(BM_VerifyPassword, pbkdf2_sha256_24000, "salted-pbkdf2-hmac-sha256", 24000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_VerifyPassword, bcrypt_10, "bcrypt", 10)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_VerifyPassword, salted_sha256_20000, "salted-sha256", 20000)
    ->Unit(benchmark::kMillisecond);

void BM_KeyedHasher(benchmark::State& state) {
  const KeyedHasher hasher{Secret(random_bytes(32))};
  const std::string token = random_token();
  for (auto _ : state) benchmark::DoNotOptimize(hasher.hash(token));
}
BENCHMARK(BM_KeyedHasher);

void BM_RandomToken(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(random_token());
}
BENCHMARK(BM_RandomToken);

void BM_ConstantTimeEquals(benchmark::State& state) {
  const std::string a = random_token();
  const std::string b = random_token();
  for (auto _ : state) benchmark::DoNotOptimize(constant_time_equals(a, b));
}
BENCHMARK(BM_ConstantTimeEquals);

void BM_VerifyTotp(benchmark::State& state) {
  const std::string secret = random_bytes(20);
  const Instant now = SystemClock().now();
  const std::string code = totp(secret, now);
  for (auto _ : state) benchmark::DoNotOptimize(verify_totp(secret, code, now));
}
BENCHMARK(BM_VerifyTotp);

void BM_SealOpen(benchmark::State& state) {
  const std::string key = random_bytes(32);
  const std::string secret = random_bytes(20);
  for (auto _ : state) benchmark::DoNotOptimize(open(key, seal(key, secret, "ad"), "ad"));
}
BENCHMARK(BM_SealOpen);

}  // namespace
