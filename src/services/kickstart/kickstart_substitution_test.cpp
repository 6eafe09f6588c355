#include "services/kickstart/kickstart_substitution.hpp"

#include <gtest/gtest.h>

#include <map>

namespace latchkey::services {
namespace {

// A fixture holding the injected pieces: variables, environment, files and UUIDs.
class Substitution : public ::testing::Test {
 protected:
  Result<std::string> text(std::string_view input) { return substitute_text(input, context()); }
  Result<json::value> value(std::string_view input) {
    return substitute_value(boost::json::parse(input), context());
  }
  static std::string message(const Error& error) { return error.general_errors().front().message; }

  KickstartVariables variables_{{"name", "Ada"}, {"quote", "say \"hi\""}};
  std::map<std::string, std::string> environment_values_{{"HOME_DIR", "/home/ada"}};
  std::map<std::string, std::string> files_;
  std::vector<std::string> reads_;
  int uuids_ = 0;

 private:
  SubstitutionContext context() {
    return SubstitutionContext{variables_, environment_, read_include_, new_uuid_};
  }
  EnvironmentLookup environment_ = [this](const std::string& name) -> std::optional<std::string> {
    const auto found = environment_values_.find(name);
    if (found == environment_values_.end()) return std::nullopt;
    return found->second;
  };
  IncludeReader read_include_ = [this](const std::string& path) -> Result<std::string> {
    reads_.push_back(path);
    const auto found = files_.find(path);
    if (found == files_.end()) {
      return fail(Error::general(HttpStatus::kBadRequest, "[x]", "no file " + path));
    }
    return found->second;
  };
  std::function<Uuid()> new_uuid_ = [this] {
    ++uuids_;
    return *Uuid::parse("00000000-0000-4000-8000-00000000000" + std::to_string(uuids_));
  };
};

TEST_F(Substitution, VariablesEnvironmentAndUuidInsideAString) {
  EXPECT_EQ(text("Hi #{name} at #{ENV.HOME_DIR}"), "Hi Ada at /home/ada");
  EXPECT_EQ(text("#{UUID()} #{UUID()}"),
            "00000000-0000-4000-8000-000000000001 00000000-0000-4000-8000-000000000002")
      << "each #{UUID()} is a new UUID";
}

TEST_F(Substitution, EscapedSigilsAreLiteral) {
  EXPECT_EQ(text("\\#{name} \\@{a.txt} \\&{b.json}"), "#{name} @{a.txt} &{b.json}");
  EXPECT_TRUE(reads_.empty());
}

TEST_F(Substitution, TextIncludeIsInsertedInPlaceAndJsonEscapedWhenSerialised) {
  files_["css/styles.css"] = "body { color: \"red\"; }\n.a\\b {}\n";
  const auto resolved = value(R"({"theme": {"stylesheet": "@{css/styles.css}",
                                            "note": "before @{css/styles.css}after"}})");
  ASSERT_TRUE(resolved) << message(resolved.error());
  const auto& theme = resolved->as_object().at("theme").as_object();
  EXPECT_EQ(theme.at("stylesheet").as_string(), "body { color: \"red\"; }\n.a\\b {}\n")
      << "newlines, quotes and backslashes survive as they are in the file";
  EXPECT_EQ(theme.at("note").as_string(), "before body { color: \"red\"; }\n.a\\b {}\nafter");
  EXPECT_NE(json::serialize(*resolved).find(R"(\"red\"; }\n.a\\b)"), std::string::npos)
      << "the serialised body escapes them";
}

TEST_F(Substitution, IncludedTextIsNotScannedForSubstitutions) {
  files_["lambda.js"] = "var s = '#{name}' + '@{x}';";
  EXPECT_EQ(text("@{lambda.js}"), "var s = '#{name}' + '@{x}';");
}

TEST_F(Substitution, AVariableValueIsNotScannedAgain) {
  variables_["tricky"] = "#{name}";
  EXPECT_EQ(text("#{tricky}"), "#{name}");
}

TEST_F(Substitution, JsonIncludeReplacesAWholeValueAndIsItselfSubstituted) {
  files_["json/body.json"] = R"({"application": {"name": "#{name}", "css": "@{a.css}"}})";
  files_["a.css"] = "p{}";
  const auto resolved = value(R"({"method": "POST", "body": "&{json/body.json}"})");
  ASSERT_TRUE(resolved) << message(resolved.error());
  EXPECT_EQ(json::get_string(resolved->as_object(), "body.application.name"), "Ada");
  EXPECT_EQ(json::get_string(resolved->as_object(), "body.application.css"), "p{}")
      << "nested include paths are relative to the kickstart file, not the including file";
}

TEST_F(Substitution, JsonIncludeInsideALongerStringIsRefused) {
  files_["b.json"] = "{}";
  const auto refused = text("x &{b.json}");
  ASSERT_FALSE(refused);
  EXPECT_NE(message(refused.error()).find("&{b.json}"), std::string::npos);
}

TEST_F(Substitution, AMissingIncludeNamesTheFile) {
  const auto refused = value(R"({"body": "&{json/missing.json}"})");
  ASSERT_FALSE(refused);
  EXPECT_NE(message(refused.error()).find("&{json/missing.json}"), std::string::npos);
  EXPECT_NE(message(refused.error()).find("no file json/missing.json"), std::string::npos)
      << "the reader's own message (the path it looked at) is kept";
  const auto text_refused = text("@{emails/missing.html}");
  ASSERT_FALSE(text_refused);
  EXPECT_NE(message(text_refused.error()).find("@{emails/missing.html}"), std::string::npos);
}

TEST_F(Substitution, AnEscapingIncludePathIsRefusedBeforeAnyRead) {
  EXPECT_FALSE(text("@{../secret.txt}"));
  EXPECT_FALSE(text("@{/etc/passwd}"));
  EXPECT_FALSE(value(R"("&{../../x.json}")"));
  EXPECT_TRUE(reads_.empty()) << "the reader never sees a refused path";
}

TEST_F(Substitution, AnIncludeThatIsNotJsonIsRefused) {
  files_["broken.json"] = "{ not json";
  const auto refused = value(R"("&{broken.json}")");
  ASSERT_FALSE(refused);
  EXPECT_NE(message(refused.error()).find("is not JSON"), std::string::npos);
}

TEST_F(Substitution, ASelfIncludeStopsInsteadOfRecursing) {
  files_["loop.json"] = R"({"again": "&{loop.json}"})";
  const auto refused = value(R"("&{loop.json}")");
  ASSERT_FALSE(refused);
  EXPECT_NE(message(refused.error()).find("nests more than"), std::string::npos);
}

TEST_F(Substitution, UnknownVariablesAndMissingEnvironmentAreErrorsThatNameNoValue) {
  const auto unknown = text("#{typo}");
  ASSERT_FALSE(unknown);
  EXPECT_NE(message(unknown.error()).find("#{typo}"), std::string::npos);
  const auto missing = text("#{ENV.NOT_SET}");
  ASSERT_FALSE(missing);
  EXPECT_NE(message(missing.error()).find("NOT_SET"), std::string::npos);
  EXPECT_FALSE(text("#{name"));
  EXPECT_FALSE(text("@{file"));
}

TEST_F(Substitution, MemberNamesAreSubstitutedToo) {
  const auto resolved = value(R"({"#{name}": "x"})");
  ASSERT_TRUE(resolved);
  EXPECT_TRUE(resolved->as_object().contains("Ada"));
}

TEST(WholeJsonInclude, OnlyAStringThatIsExactlyOneIncludeCounts) {
  EXPECT_EQ(whole_json_include("&{json/a.json}"), "json/a.json");
  EXPECT_FALSE(whole_json_include(" &{json/a.json}"));
  EXPECT_FALSE(whole_json_include("&{a}&{b}"));
  EXPECT_FALSE(whole_json_include("@{a}"));
}

}  // namespace
}  // namespace latchkey::services
