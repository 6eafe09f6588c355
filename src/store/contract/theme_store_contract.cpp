// ThemeStore contract.
//
// - A theme round-trips its id, name and document; ids are unique (kDuplicateId), names unique
//   ignoring case (kDuplicateName), on insert and on update; themes list by name, ignoring case.
// - An update never creates a theme (kMissingParent); a refused write changes nothing.
// - Deleting removes the theme; false when absent.
// - Of concurrent inserts of one name, exactly one wins.
#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

class ThemeStoreContract : public StoreContract {};

TEST_P(ThemeStoreContract, AThemeRoundTripsEveryField) {
  const json::object data{{"name", "Orange"},
                          {"stylesheet", "h1 { color: orange; }"},
                          {"templates", {{"oauth2Authorize", "[#ftl/]"}}}};
  ASSERT_TRUE(store().insert_theme({id(1), "Orange", data}));
  const auto found = store().find_theme(id(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id(1));
  EXPECT_EQ(found->name, "Orange");
  EXPECT_EQ(found->data, data);
}

TEST_P(ThemeStoreContract, AnUnknownThemeIsNotFound) {
  EXPECT_FALSE(store().find_theme(id(1)));
  EXPECT_TRUE(store().list_themes().empty());
  EXPECT_FALSE(store().delete_theme(id(1)));
}

TEST_P(ThemeStoreContract, IdsAreUnique) {
  ASSERT_TRUE(store().insert_theme({id(1), "Orange", {}}));
  const auto second = store().insert_theme({id(1), "Blue", {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
  EXPECT_EQ(store().find_theme(id(1))->name, "Orange");
}

TEST_P(ThemeStoreContract, NamesAreUniqueIgnoringCaseOnInsertAndUpdate) {
  ASSERT_TRUE(store().insert_theme({id(1), "Orange", {}}));
  ASSERT_TRUE(store().insert_theme({id(2), "Blue", {{"k", 1}}}));
  const auto insert = store().insert_theme({id(3), "ORANGE", {}});
  ASSERT_FALSE(insert);
  EXPECT_EQ(insert.error(), Conflict::kDuplicateName);
  EXPECT_FALSE(store().find_theme(id(3)));
  const auto update = store().update_theme({id(2), "orange", {{"k", 2}}});
  ASSERT_FALSE(update);
  EXPECT_EQ(update.error(), Conflict::kDuplicateName);
  EXPECT_EQ(store().find_theme(id(2))->data, (json::object{{"k", 1}}));
}

TEST_P(ThemeStoreContract, ThemesListByNameIgnoringCase) {
  ASSERT_TRUE(store().insert_theme({id(1), "charlie", {}}));
  ASSERT_TRUE(store().insert_theme({id(2), "Alpha", {}}));
  ASSERT_TRUE(store().insert_theme({id(3), "bravo", {}}));
  const auto themes = store().list_themes();
  ASSERT_EQ(themes.size(), 3U);
  EXPECT_EQ(themes[0].name, "Alpha");
  EXPECT_EQ(themes[1].name, "bravo");
  EXPECT_EQ(themes[2].name, "charlie");
}

TEST_P(ThemeStoreContract, AnUpdateReplacesTheNameAndDocumentButNeverCreates) {
  ASSERT_TRUE(store().insert_theme({id(1), "Orange", {{"a", 1}}}));
  ASSERT_TRUE(store().update_theme({id(1), "Orange Two", {{"b", 2}}}));
  const auto found = store().find_theme(id(1));
  EXPECT_EQ(found->name, "Orange Two");
  EXPECT_EQ(found->data, (json::object{{"b", 2}}));
  const auto missing = store().update_theme({id(2), "Ghost", {}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_theme(id(2)));
}

TEST_P(ThemeStoreContract, DeleteRemovesTheTheme) {
  ASSERT_TRUE(store().insert_theme({id(1), "Orange", {}}));
  EXPECT_TRUE(store().delete_theme(id(1)));
  EXPECT_FALSE(store().find_theme(id(1)));
  EXPECT_FALSE(store().delete_theme(id(1)));
}

TEST_P(ThemeStoreContract, OfConcurrentInsertsOfOneNameExactlyOneWins) {
  const auto results = run_together<bool>(kRacers, [this](std::size_t i) {
    return static_cast<bool>(store().insert_theme({id(static_cast<int>(100 + i)), "Same", {}}));
  });
  EXPECT_EQ(std::ranges::count(results, true), 1);
  EXPECT_EQ(store().list_themes().size(), 1U);
}

}  // namespace

LATCHKEY_STORE_CONTRACT(ThemeStoreContract);

}  // namespace latchkey::store::contract
