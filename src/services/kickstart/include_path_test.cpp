#include "services/kickstart/include_path.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

TEST(IncludePath, RelativePathsInsideTheDirectoryAreNormalised) {
  EXPECT_EQ(include_path("emails/setup-password.html"), "emails/setup-password.html");
  EXPECT_EQ(include_path("./json/../json/theme.json"), "json/theme.json");
  EXPECT_EQ(include_path("styles.css"), "styles.css");
}

TEST(IncludePath, AbsolutePathsAreRefused) {
  const auto refused = include_path("/etc/passwd");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().general_errors().front().message.find("/etc/passwd"), std::string::npos)
      << "the message names the path";
}

TEST(IncludePath, ClimbingOutOfTheKickstartDirectoryIsRefused) {
  EXPECT_FALSE(include_path("../secrets.json"));
  EXPECT_FALSE(include_path("json/../../secrets.json"));
  EXPECT_FALSE(include_path(".."));
}

TEST(IncludePath, EmptyOrDirectoryNamesAreRefused) {
  EXPECT_FALSE(include_path(""));
  EXPECT_FALSE(include_path("."));
  EXPECT_FALSE(include_path("json/"));
  EXPECT_FALSE(include_path(std::string_view("a\0b", 3)));
}

}  // namespace
}  // namespace latchkey::services
