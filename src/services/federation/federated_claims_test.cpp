#include "services/federation/federated_claims.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

json::object parse(std::string_view text) { return *json::parse_object(text); }

TEST(FederatedClaimsTest, CurrentProvidersReadTheOauth2ClaimNames) {
  const auto provider = parse(R"({"oauth2":{"uniqueIdClaim":"uid","emailClaim":"mail",
      "usernameClaim":"login","emailVerifiedClaim":"mail_ok"}})");
  const auto identity =
      extract_identity(provider, parse(R"({"sub":"ignored","uid":42,"mail":"a@b.io","login":"ann",
                         "mail_ok":false})"));
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->user_id, "42");
  EXPECT_EQ(identity->email, "a@b.io");
  EXPECT_EQ(identity->username, "ann");
  EXPECT_EQ(identity->email_verified, false);
  EXPECT_EQ(identity->display_name(), "a@b.io");
}

TEST(FederatedClaimsTest, DefaultsAreSubEmailPreferredUsername) {
  const auto identity = extract_identity(
      json::object(), parse(R"({"sub":"s-1","email":"a@b.io","preferred_username":"ann"})"));
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->user_id, "s-1");
  EXPECT_EQ(identity->email, "a@b.io");
  EXPECT_EQ(identity->username, "ann");
  EXPECT_FALSE(identity->email_verified);
}

TEST(FederatedClaimsTest, NestedClaimsByJsonPointer) {
  const auto provider = parse(R"({"oauth2":{"uniqueIdClaim":"/ext/id","emailClaim":"/ext/a~1b"}})");
  const auto identity = extract_identity(provider, parse(R"({"ext":{"id":"n-1","a/b":"x@y.io"}})"));
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->user_id, "n-1");
  EXPECT_EQ(identity->email, "x@y.io");
}

TEST(FederatedClaimsTest, ATokenWithoutUniqueIdNamesNoOne) {
  EXPECT_FALSE(extract_identity(json::object(), parse(R"({"email":"a@b.io"})")));
  EXPECT_FALSE(extract_identity(json::object(), parse(R"({"sub":""})")));
  EXPECT_FALSE(extract_identity(json::object(), parse(R"({"sub":{"id":1}})")));
}

TEST(FederatedClaimsTest, LegacyModeKeysOnSubAndRequiresTheEmailClaim) {
  const auto provider = parse(R"({"uniqueIdentityClaim":"upn"})");
  const auto identity = extract_identity(provider, parse(R"({"sub":"s","upn":"u@corp.io"})"));
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->user_id, "s");
  EXPECT_EQ(identity->email, "u@corp.io");
  EXPECT_FALSE(extract_identity(provider, parse(R"({"sub":"s","email":"u@corp.io"})")));
}

TEST(FederatedClaimsTest, DomainsRestrictEmailsCaseInsensitively) {
  const auto provider = parse(R"({"domains":["acme.com"]})");
  EXPECT_TRUE(email_domain_allowed(provider, std::string("Ann@ACME.com")));
  EXPECT_FALSE(email_domain_allowed(provider, std::string("ann@evil.com")));
  EXPECT_FALSE(email_domain_allowed(provider, std::string("ann@acme.com.evil.com")));
  EXPECT_FALSE(email_domain_allowed(provider, std::string("no-at-sign")));
  EXPECT_TRUE(email_domain_allowed(provider, std::nullopt));
  EXPECT_TRUE(email_domain_allowed(json::object(), std::string("ann@evil.com")));
}

TEST(FederatedClaimsTest, ClaimMapWritesUserFieldsDataAndRegistration) {
  const auto provider = parse(R"({"claimMap":{"given":"firstName","family":"lastName",
      "dob":"birthDate","pic":"imageUrl","tz":"timezone","dept":"RegistrationData",
      "plan":"UserData","phone":"mobilePhone"}})");
  const auto claims = parse(R"({"given":"Ann","family":"Lee","dob":"1990-02-03",
      "pic":"https://x.io/a.png","tz":"Europe/Paris","dept":{"name":"R&D"},"plan":"gold",
      "phone":12345})");
  json::object user{{"firstName", "Old"}};
  json::object registration;
  apply_claim_map(provider, claims, user, &registration);
  EXPECT_EQ(json::get_string(user, "firstName"), "Ann");
  EXPECT_EQ(json::get_string(user, "lastName"), "Lee");
  EXPECT_EQ(json::get_string(user, "birthDate"), "1990-02-03");
  EXPECT_EQ(json::get_string(user, "imageUrl"), "https://x.io/a.png");
  EXPECT_EQ(json::get_string(user, "data.plan"), "gold");
  EXPECT_FALSE(user.contains("timezone"));     // timezone goes to the registration
  EXPECT_FALSE(user.contains("mobilePhone"));  // not a string: ignored
  EXPECT_EQ(json::get_string(registration, "timezone"), "Europe/Paris");
  EXPECT_EQ(json::get_string(registration, "data.dept.name"), "R&D");
}

TEST(FederatedClaimsTest, InvalidValuesLeaveFieldsAlone) {
  const auto provider = parse(R"({"claimMap":{"dob":"birthDate","pic":"imageUrl"}})");
  json::object user{{"birthDate", "2000-01-01"}};
  apply_claim_map(provider, parse(R"({"dob":"yesterday","pic":"not a uri"})"), user, nullptr);
  EXPECT_EQ(json::get_string(user, "birthDate"), "2000-01-01");
  EXPECT_FALSE(user.contains("imageUrl"));
}

TEST(FederatedClaimsTest, RegistrationTargetsAreSkippedWithoutARegistration) {
  const auto provider = parse(R"({"claimMap":{"dept":"RegistrationData","tz":"timezone"}})");
  json::object user;
  apply_claim_map(provider, parse(R"({"dept":"x","tz":"UTC"})"), user, nullptr);
  EXPECT_TRUE(user.empty());
}

}  // namespace
}  // namespace latchkey::services
