#include "http/form.hpp"

#include <gtest/gtest.h>

namespace latchkey::http {
namespace {

TEST(Form, PlusIsASpaceAndEscapesAreDecoded) {
  const auto form = Form::parse(
      "grant_type=authorization_code&redirect_uri=https%3A%2F%2Fa%2Fcb"
      "&scope=openid+offline_access&note=a%2Bb");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("grant_type"), "authorization_code");
  EXPECT_EQ(form->get("redirect_uri"), "https://a/cb");
  EXPECT_EQ(form->get("scope"), "openid offline_access");
  EXPECT_EQ(form->get("note"), "a+b");
}

TEST(Form, KeysAreDecodedToo) {
  const auto form = Form::parse("user%5Bname%5D=x&a+b=y");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("user[name]"), "x");
  EXPECT_EQ(form->get("a b"), "y");
}

TEST(Form, MalformedPercentEscapeRefusesTheWholeForm) {
  EXPECT_FALSE(parse_form("a=%G1"));
  EXPECT_FALSE(parse_form("a=%4"));
  EXPECT_FALSE(parse_form("a=ok&b=%"));
  EXPECT_FALSE(parse_form("a=%zz&b=ok"));
}

TEST(Form, EmptyBodyIsAnEmptyForm) {
  const auto fields = parse_form("");
  ASSERT_TRUE(fields);
  EXPECT_TRUE(fields->empty());
}

TEST(Form, RepeatedNamesKeepOrderAndCanBeCounted) {
  const auto form = Form::parse("scope=a&client_id=c&scope=b");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("scope"), "a");
  EXPECT_EQ(form->get_all("scope"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(form->count("scope"), 2U);
  EXPECT_TRUE(form->contains("client_id"));
  EXPECT_FALSE(form->contains("missing"));
  EXPECT_EQ(form->get("missing"), std::nullopt);
}

TEST(Form, PairWithoutEqualsHasAnEmptyValueAndEmptyPairsAreDropped) {
  const auto fields = parse_form("flag&&x=1&");
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->size(), 2U);
  EXPECT_EQ((*fields)[0], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ((*fields)[1], (std::pair<std::string, std::string>{"x", "1"}));
}

TEST(Form, EncodedNulAndUtf8Decode) {
  const auto form = Form::parse("n=%C3%A9t%C3%A9");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("n"), "\xC3\xA9t\xC3\xA9");
}

}  // namespace
}  // namespace latchkey::http
