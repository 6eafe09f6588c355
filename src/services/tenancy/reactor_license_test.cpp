#include "services/tenancy/reactor_license.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

TEST(ReactorLicense, AnyLicenseIdActivates) {
  EXPECT_TRUE(check_license_activation(*json::parse_object(R"({"licenseId":"REPLACE_ME"})")));
  EXPECT_TRUE(
      check_license_activation(*json::parse_object(R"({"licenseId":"abc","license":"YmFzZTY0"})")));
}

TEST(ReactorLicense, ALicenseIdIsRequired) {
  for (const auto* body : {R"({})", R"({"licenseId":""})", R"({"licenseId":"  "})"}) {
    const auto refused = check_license_activation(*json::parse_object(body));
    ASSERT_FALSE(refused) << body;
    EXPECT_EQ(refused.error().http_status(), HttpStatus::kBadRequest);
    const auto& errors = refused.error().field_errors();
    ASSERT_TRUE(errors.contains("licenseId")) << body;
    EXPECT_EQ(errors.at("licenseId").front().code, "[blank]licenseId");
  }
}

}  // namespace
}  // namespace latchkey::services
