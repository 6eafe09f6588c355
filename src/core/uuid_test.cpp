#include "core/uuid.hpp"

#include <gtest/gtest.h>

namespace latchkey {
namespace {

TEST(Uuid, ParsesAndLowerCases) {
  const auto id = Uuid::parse("3C219E58-ED0E-4B18-AD48-F4F92793AE32");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->str(), "3c219e58-ed0e-4b18-ad48-f4f92793ae32");
}

TEST(Uuid, RejectsMalformedText) {
  EXPECT_FALSE(Uuid::parse("not-a-uuid"));
  EXPECT_FALSE(Uuid::parse("3c219e58ed0e4b18ad48f4f92793ae32"));
  EXPECT_FALSE(Uuid::parse("3c219e58-ed0e-4b18-ad48-f4f92793ae3g"));
  EXPECT_FALSE(Uuid::parse("3c219e58-ed0e-4b18-ad48-f4f92793ae321"));
}

TEST(Uuid, RandomBytesBecomeVersion4) {
  const unsigned char bytes[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  const Uuid id = Uuid::from_random_bytes(bytes);
  EXPECT_EQ(id.str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
  EXPECT_TRUE(Uuid::parse(id.str()).has_value());
}

}  // namespace
}  // namespace latchkey
