// FusionAuth's search paging and matching over configuration documents (document_search.hpp).
#include "services/configuration/document_search.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

store::ConfigDocument doc(int n, std::string name, std::int64_t inserted) {
  const auto id = *Uuid::parse("00000000-0000-4000-8000-00000000000" + std::to_string(n));
  return {"lambda",
          id,
          std::nullopt,
          std::move(name),
          {},
          from_epoch_ms(inserted),
          from_epoch_ms(inserted)};
}

std::vector<store::ConfigDocument> three() {
  return {doc(1, "Bravo", 30), doc(2, "alpha", 10), doc(3, "Charlie bravo", 20)};
}

std::vector<std::string> names(const SearchPage& page) {
  std::vector<std::string> out;
  for (const auto& d : page.documents) out.push_back(d.name);
  return out;
}

TEST(WildcardMatch, NoStarMeansContainsAndCaseIsIgnored) {
  EXPECT_TRUE(wildcard_match("RAV", "Bravo"));
  EXPECT_TRUE(wildcard_match("br*", "Bravo"));
  EXPECT_FALSE(wildcard_match("br*", "Charlie bravo"));
  EXPECT_TRUE(wildcard_match("*bravo", "Charlie bravo"));
  EXPECT_TRUE(wildcard_match("*", "anything"));
  EXPECT_FALSE(wildcard_match("x*y", "xz"));
}

TEST(DocumentSearch, DefaultsToNameAscendingAndCountsAllMatches) {
  const auto page = search_documents(three(), {}, {});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 3U);
  EXPECT_EQ(names(*page), (std::vector<std::string>{"alpha", "Bravo", "Charlie bravo"}));
}

TEST(DocumentSearch, FiltersByNameAndPages) {
  const auto page =
      search_documents(three(), {{"name", "bravo"}, {"startRow", 1}, {"numberOfResults", 1}}, {});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 2U);
  EXPECT_EQ(names(*page), (std::vector<std::string>{"Charlie bravo"}));
}

TEST(DocumentSearch, OrdersByInsertInstantDescending) {
  const auto page = search_documents(three(), {{"orderBy", "insertInstant DESC"}}, {});
  ASSERT_TRUE(page);
  EXPECT_EQ(names(*page), (std::vector<std::string>{"Bravo", "Charlie bravo", "alpha"}));
}

TEST(DocumentSearch, RefusesAnUnknownOrderAndBadPaging) {
  EXPECT_TRUE(search_documents(three(), {{"orderBy", "password ASC"}}, {})
                  .error()
                  .has_field_error("search.orderBy", "[invalid]search.orderBy"));
  EXPECT_TRUE(search_documents(three(), {{"startRow", "-1"}}, {})
                  .error()
                  .has_field_error("search.startRow", "[invalid]search.startRow"));
  EXPECT_TRUE(search_documents(three(), {{"numberOfResults", "many"}}, {})
                  .error()
                  .has_field_error("search.numberOfResults", "[invalid]search.numberOfResults"));
}

}  // namespace
}  // namespace latchkey::services
