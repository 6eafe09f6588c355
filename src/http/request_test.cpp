#include "http/request.hpp"

#include <gtest/gtest.h>

namespace latchkey::http {
namespace {

Request with_target(std::string target) {
  Request request;
  EXPECT_TRUE(request.set_target(std::move(target)));
  return request;
}

TEST(RequestTarget, PathIsPercentDecodedAndQueryRemoved) {
  const Request request = with_target("/api/user/a%20b?x=1");
  EXPECT_EQ(request.path, "/api/user/a b");
  EXPECT_EQ(request.target, "/api/user/a%20b?x=1");
}

TEST(RequestTarget, QueryValuesArePercentDecoded) {
  const Request request =
      with_target("/cb?redirect_uri=https%3A%2F%2Fapp%2Fcb%3Fa%3D1&state=%7Bx%7D");
  EXPECT_EQ(request.query_param("redirect_uri"), "https://app/cb?a=1");
  EXPECT_EQ(request.query_param("state"), "{x}");
}

TEST(RequestTarget, PlusInQueryIsASpaceAndAnEncodedPlusIsAPlus) {
  // openid-client builds authorization URLs with URLSearchParams: "openid+profile".
  const Request request =
      with_target("/oauth2/authorize?scope=openid+profile&email=a%2Bb%40x.io&name=a%20b");
  EXPECT_EQ(request.query_param("scope"), "openid profile");
  EXPECT_EQ(request.query_param("email"), "a+b@x.io");
  EXPECT_EQ(request.query_param("name"), "a b");
}

TEST(RequestTarget, RepeatedQueryParametersKeepTheirOrder) {
  const Request request = with_target("/api/user/search?ids=1&ids=2&other&ids=3");
  EXPECT_EQ(request.query_param("ids"), "1");
  EXPECT_EQ(request.query_params("ids"), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(request.query_param("other"), "");
  EXPECT_EQ(request.query_param("missing"), std::nullopt);
  EXPECT_TRUE(request.query_params("missing").empty());
}

TEST(RequestTarget, MalformedPercentEscapeIsRefused) {
  Request request;
  request.path = "/untouched";
  EXPECT_FALSE(request.set_target("/a?x=%G1"));
  EXPECT_FALSE(request.set_target("/a?x=%4"));
  EXPECT_FALSE(request.set_target("/a%zz"));
  EXPECT_FALSE(request.set_target("/a b"));
  EXPECT_FALSE(request.set_target(""));
  EXPECT_FALSE(request.set_target("*"));
  EXPECT_FALSE(request.set_target("/a%00b"));
  EXPECT_FALSE(request.set_target("/a?x=%00"));
  EXPECT_EQ(request.path, "/untouched");
}

TEST(RequestTarget, AbsoluteFormIsAccepted) {
  const Request request = with_target("http://localhost:9011/api/status?x=1");
  EXPECT_EQ(request.path, "/api/status");
  EXPECT_EQ(request.query_param("x"), "1");
  EXPECT_EQ(with_target("http://localhost:9011").path, "/");
}

TEST(RequestHeaders, LookupIsCaseInsensitiveAndAnswersTheFirst) {
  Request request;
  request.headers = {{"Authorization", "one"}, {"authorization", "two"}};
  EXPECT_EQ(request.header("AUTHORIZATION"), "one");
  EXPECT_EQ(request.header("missing"), std::nullopt);
}

TEST(RequestHeaders, ContentTypeIsTheLowerCaseMediaTypeOnly) {
  Request request;
  EXPECT_EQ(request.content_type(), "");
  request.headers = {{"Content-Type", " Application/JSON ; charset=UTF-8"}};
  EXPECT_EQ(request.content_type(), "application/json");
  request.headers = {{"content-type", "application/x-www-form-urlencoded"}};
  EXPECT_EQ(request.content_type(), "application/x-www-form-urlencoded");
}

TEST(RequestCookies, FindsACookieAmongSeveral) {
  Request request;
  request.headers = {{"Cookie", "a=1; lk_session=abc.def; b=2"}};
  EXPECT_EQ(request.cookie("lk_session"), "abc.def");
  EXPECT_EQ(request.cookie("a"), "1");
  EXPECT_EQ(request.cookie("missing"), std::nullopt);
}

TEST(RequestCookies, SearchesEveryCookieHeader) {
  Request request;
  request.headers = {{"Cookie", "a=1"}, {"cookie", "b=2"}};
  EXPECT_EQ(request.cookie("b"), "2");
}

TEST(RequestCookies, NamesAreCaseSensitiveAndMustMatchWhole) {
  Request request;
  request.headers = {{"Cookie", "Session=1; xsession=2"}};
  EXPECT_EQ(request.cookie("session"), std::nullopt);
}

TEST(RequestCookies, QuotedValuesLoseTheirQuotesAndMalformedPairsAreSkipped) {
  Request request;
  request.headers = {{"Cookie", "junk; ;=x; q=\"v\"; e=; t = 1 "}};
  EXPECT_EQ(request.cookie("q"), "v");
  EXPECT_EQ(request.cookie("e"), "");
  EXPECT_EQ(request.cookie("t"), "1");
  EXPECT_EQ(request.cookie("junk"), std::nullopt);
}

TEST(RequestCookies, ValueMayContainEquals) {
  Request request;
  request.headers = {{"Cookie", "token=a=b=="}};
  EXPECT_EQ(request.cookie("token"), "a=b==");
}

}  // namespace
}  // namespace latchkey::http
