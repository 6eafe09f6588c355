#include "crypto/bcrypt.hpp"

#include <gtest/gtest.h>

namespace latchkey::crypto {
namespace {

// Test vectors of Openwall's crypt_blowfish (wrapper.c), written as FusionAuth stores them:
// "$2a$05$" + salt (22) + hash (31).
TEST(Bcrypt, MatchesCryptBlowfishVectors) {
  EXPECT_EQ(bcrypt_hash("U*U", "CCCCCCCCCCCCCCCCCCCCC.", 5),
            std::optional<std::string>("E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  EXPECT_EQ(bcrypt_hash("U*U*", "CCCCCCCCCCCCCCCCCCCCC.", 5),
            std::optional<std::string>("VGOzA784oUp/Z0DY336zx7pLYAy0lwK"));
  EXPECT_EQ(bcrypt_hash("U*U*U", "XXXXXXXXXXXXXXXXXXXXXO", 5),
            std::optional<std::string>("AcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"));
  EXPECT_EQ(bcrypt_hash("", "CCCCCCCCCCCCCCCCCCCCC.", 5),
            std::optional<std::string>("7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"));
}

TEST(Bcrypt, OnlyTheFirst72BytesCount) {
  const std::string base =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  ASSERT_EQ(base.size(), 72u);
  EXPECT_EQ(bcrypt_hash(base + "chars after 72 are ignored", "abcdefghijklmnopqrstuu", 5),
            std::optional<std::string>("5s2v8.iXieOjg/.AySBTTZIIVFJeBui"));
}

TEST(Bcrypt, NonCanonicalSaltTrailingBitsStillVerify) {
  // '/' and '.' differ only in bits bcrypt ignores in the 22nd character.
  EXPECT_EQ(bcrypt_hash("U*U", "CCCCCCCCCCCCCCCCCCCCC/", 5),
            std::optional<std::string>("E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
}

TEST(Bcrypt, RefusesMalformedInput) {
  EXPECT_EQ(bcrypt_hash("pw", "CCCCCCCCCCCCCCCCCCCCC", 5), std::nullopt);    // 21 chars
  EXPECT_EQ(bcrypt_hash("pw", "CCCCCCCCCCCCCCCCCCCCC.C", 5), std::nullopt);  // 23 chars
  EXPECT_EQ(bcrypt_hash("pw", "CCCCCCCCCCCCCCCCCCCC+.", 5), std::nullopt);   // '+' not bcrypt b64
  EXPECT_EQ(bcrypt_hash("pw", "CCCCCCCCCCCCCCCCCCCCC.", 3), std::nullopt);
  EXPECT_EQ(bcrypt_hash("pw", "CCCCCCCCCCCCCCCCCCCCC.", 32), std::nullopt);
}

TEST(Bcrypt, RefusesPasswordsWithNulInsteadOfTruncating) {
  EXPECT_EQ(bcrypt_hash(std::string("U*U\0extra", 9), "CCCCCCCCCCCCCCCCCCCCC.", 5), std::nullopt);
}

TEST(Bcrypt, GeneratedSaltsAre22BcryptCharactersAndFresh) {
  const std::string salt = bcrypt_generate_salt();
  EXPECT_EQ(salt.size(), kBcryptSaltLength);
  EXPECT_EQ(
      salt.find_first_not_of("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
      std::string::npos);
  EXPECT_NE(bcrypt_generate_salt(), salt);
  EXPECT_TRUE(bcrypt_hash("pw", salt, 4).has_value());
}

}  // namespace
}  // namespace latchkey::crypto
