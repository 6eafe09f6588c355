#include "crypto/constant_time.hpp"

#include <gtest/gtest.h>

#include <string>

namespace latchkey::crypto {
namespace {

TEST(ConstantTimeEquals, EqualStringsAreEqual) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("secret", "secret"));
  EXPECT_TRUE(constant_time_equals(std::string("a\0b", 3), std::string("a\0b", 3)));
}

TEST(ConstantTimeEquals, AnyDifferenceIsUnequal) {
  EXPECT_FALSE(constant_time_equals("secret", "secreT"));
  EXPECT_FALSE(constant_time_equals("secret", "Secret"));
  EXPECT_FALSE(constant_time_equals("secret", "secrets"));
  EXPECT_FALSE(constant_time_equals("secret", ""));
  EXPECT_FALSE(constant_time_equals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(ConstantTimeEquals, PrefixIsNotEqual) {
  EXPECT_FALSE(constant_time_equals("abc", std::string("abc\0", 4)));
}

}  // namespace
}  // namespace latchkey::crypto
