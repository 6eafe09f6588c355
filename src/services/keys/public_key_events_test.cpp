#include "services/keys/public_key_events.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

json::object jwt(std::string_view access, std::string_view id) {
  return json::object{
      {"jwtConfiguration", json::object{{"accessTokenKeyId", access}, {"idTokenKeyId", id}}}};
}

TEST(PublicKeyEvents, OnlyASigningKeyChangeCounts) {
  EXPECT_FALSE(signing_keys_changed(jwt("a", "b"), jwt("a", "b")));
  EXPECT_TRUE(signing_keys_changed(jwt("a", "b"), jwt("c", "b")));
  EXPECT_TRUE(signing_keys_changed(jwt("a", "b"), jwt("a", "c")));
  EXPECT_TRUE(signing_keys_changed(jwt("a", "b"), json::object{}));
  auto renamed = jwt("a", "b");
  renamed["name"] = "other";
  EXPECT_FALSE(signing_keys_changed(jwt("a", "b"), renamed));
}

TEST(PublicKeyEvents, EventListsTheApplications) {
  const auto id = *Uuid::parse("00000000-0000-4000-8000-0000000000aa");
  const auto event = public_key_update_event({id});
  EXPECT_EQ(json::get_string(event, "type"), "jwt.public-key.update");
  ASSERT_EQ(json::get_array(event, "applicationIds")->size(), 1U);
  EXPECT_EQ(json::get_array(event, "applicationIds")->at(0).as_string(), id.str());
}

}  // namespace
}  // namespace latchkey::services
