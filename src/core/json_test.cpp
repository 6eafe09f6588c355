#include "core/json.hpp"

#include <gtest/gtest.h>

namespace latchkey::json {
namespace {

TEST(Json, FindsByDottedPath) {
  const auto doc = parse_object(R"({"a":{"b":{"c":7}},"s":"x"})");
  ASSERT_TRUE(doc);
  EXPECT_EQ(get_int(*doc, "a.b.c"), 7);
  EXPECT_EQ(get_string(*doc, "s"), "x");
  EXPECT_FALSE(get_int(*doc, "a.x.c"));
  EXPECT_FALSE(get_int(*doc, "s.c"));
}

TEST(Json, MergePatchNullRemovesAndObjectsMerge) {
  auto doc = *parse_object(R"({"a":{"b":1,"c":2},"d":[1],"e":true})");
  merge_patch(doc, *parse_object(R"({"a":{"b":null,"z":3},"e":null})"), ArrayMerge::kReplace);
  EXPECT_EQ(serialize(doc), R"({"a":{"c":2,"z":3},"d":[1]})");
}

TEST(Json, LegacyPatchAppendsArrays) {
  auto doc = *parse_object(R"({"d":[1]})");
  merge_patch(doc, *parse_object(R"({"d":[2]})"), ArrayMerge::kAppend);
  EXPECT_EQ(serialize(doc), R"({"d":[1,2]})");
  merge_patch(doc, *parse_object(R"({"d":[3]})"), ArrayMerge::kReplace);
  EXPECT_EQ(serialize(doc), R"({"d":[3]})");
}

TEST(Json, ApplyDefaultsKeepsGivenValues) {
  auto doc = *parse_object(R"({"jwt":{"ttl":60}})");
  apply_defaults(doc, *parse_object(R"({"jwt":{"ttl":3600,"enabled":true},"x":1})"));
  EXPECT_EQ(get_int(doc, "jwt.ttl"), 60);
  EXPECT_EQ(get_bool(doc, "jwt.enabled"), true);
  EXPECT_EQ(get_int(doc, "x"), 1);
}

TEST(Json, ParseObjectRejectsNonObjectsAndDeepNesting) {
  EXPECT_FALSE(parse_object("[1]"));
  EXPECT_FALSE(parse_object("{"));
  EXPECT_FALSE(parse_object(std::string(100, '[') + std::string(100, ']')));
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += R"({"a":)";
  deep += "1" + std::string(100, '}');
  EXPECT_FALSE(parse_object(deep));
}

}  // namespace
}  // namespace latchkey::json
