#include "services/oauth/oidc_claims.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

TEST(OAuthClaims, CompatibilityUserinfoHasTheWholeTableWhateverTheScopes) {
  const domain::User user{*Uuid::parse("00000000-0000-0000-0000-000000000001"),
                          *Uuid::parse("00000000-0000-0000-0000-000000000001"),
                          "ann@x.io",
                          "ann",
                          true,
                          testing::parse(R"({"firstName":"Ann","middleName":"B","lastName":"Lee",
                            "fullName":"Ann B Lee","birthDate":"1980-02-03","verified":true,
                            "mobilePhone":"555","imageUrl":"https://x.io/a.png"})"),
                          {},
                          {}};
  const auto claims = compatibility_userinfo_claims(user);
  EXPECT_EQ(json::serialize(claims),
            json::serialize(testing::parse(R"({"birthdate":"1980-02-03","email":"ann@x.io",
              "email_verified":true,"family_name":"Lee","given_name":"Ann","middle_name":"B",
              "name":"Ann B Lee","phone_number":"555","picture":"https://x.io/a.png",
              "preferred_username":"ann"})")));
  // Strict without scopes gives none of them.
  EXPECT_TRUE(user_claims(user, {}, false).empty());
}

}  // namespace
}  // namespace latchkey::services
