// The authorization request checks and the code redirect.
#include <gtest/gtest.h>

#include "oauth_test_fixture.hpp"
#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

TEST_F(OAuthTest, UnregisteredRedirectUriIsRefusedBeforeAnythingElse) {
  AuthorizeRequest request;
  request.client_id = app.id.str();
  request.redirect_uri = "https://rp.example/cb/../evil";
  const auto refused = requests.check_client(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().oauth_error()->reason, "invalid_redirect_uri");
}

TEST_F(OAuthTest, AMalformedMaxAgeIsARedirectableInvalidRequest) {
  const auto params = checked("-5");
  const auto refused = requests.check_request(params);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().oauth_error()->error, "invalid_request");
  EXPECT_EQ(refused.error().oauth_error()->reason, "invalid_max_age");
}

TEST_F(OAuthTest, TheCodeRedirectNamesTheIssuer) {
  const auto params = checked(std::nullopt);
  EXPECT_EQ(params.issuer, issuer_of(*f.config.current()->settings(f.default_tenant)));
  const auto found = store().find_user(user.id);
  auto [cookie, session] = sessions.start(*found);
  const auto location = codes.issue(params, session);
  ASSERT_TRUE(location);
  EXPECT_NE(location->find("&iss=" + services::oauth::url_encode(params.issuer)), std::string::npos)
      << *location;
}

}  // namespace
}  // namespace latchkey::services
