#include "crypto/aead.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "crypto/random.hpp"

namespace latchkey::crypto {
namespace {

class AeadTest : public ::testing::Test {
 protected:
  const std::string key_ = random_bytes(kAeadKeySize);
};

TEST_F(AeadTest, RoundTripsWithAssociatedData) {
  const std::string sealed = seal(key_, "totp secret", "user-1");
  EXPECT_EQ(sealed.size(), kAeadNonceSize + 11 + kAeadTagSize);
  EXPECT_EQ(open(key_, sealed, "user-1"), std::optional<std::string>("totp secret"));
}

TEST_F(AeadTest, RoundTripsEmptyPlaintextAndBinary) {
  EXPECT_EQ(open(key_, seal(key_, "")), std::optional<std::string>(""));
  const std::string binary = random_bytes(1000);
  EXPECT_EQ(open(key_, seal(key_, binary, "ad"), "ad"), std::optional<std::string>(binary));
}

TEST_F(AeadTest, SealingTwiceUsesFreshNonces) { EXPECT_NE(seal(key_, "same"), seal(key_, "same")); }

TEST_F(AeadTest, TamperingWithAnyByteIsRejected) {
  const std::string sealed = seal(key_, "a secret worth protecting", "ad");
  // Every byte: nonce [0, 12), ciphertext, tag (last 16).
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string tampered = sealed;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_EQ(open(key_, tampered, "ad"), std::nullopt) << "byte " << i;
  }
}

TEST_F(AeadTest, TruncatedOrExtendedInputIsRejected) {
  const std::string sealed = seal(key_, "payload");
  EXPECT_EQ(open(key_, sealed.substr(0, sealed.size() - 1)), std::nullopt);
  EXPECT_EQ(open(key_, sealed + "x"), std::nullopt);
  EXPECT_EQ(open(key_, ""), std::nullopt);
  EXPECT_EQ(open(key_, sealed.substr(0, kAeadNonceSize + kAeadTagSize - 1)), std::nullopt);
}

TEST_F(AeadTest, WrongAssociatedDataIsRejected) {
  const std::string sealed = seal(key_, "payload", "user-1");
  EXPECT_EQ(open(key_, sealed, "user-2"), std::nullopt);
  EXPECT_EQ(open(key_, sealed, ""), std::nullopt);
}

TEST_F(AeadTest, WrongKeyIsRejected) {
  const std::string sealed = seal(key_, "payload");
  EXPECT_EQ(open(random_bytes(kAeadKeySize), sealed), std::nullopt);
}

TEST_F(AeadTest, KeyOfTheWrongSizeIsACallerBug) {
  EXPECT_THROW(static_cast<void>(seal("short", "x")), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(open("short", std::string(40, 'x'))), std::invalid_argument);
}

}  // namespace
}  // namespace latchkey::crypto
