#pragma once
// A fresh SQLite file in a private temporary directory, removed when the test ends.

#include <cstdlib>
#include <filesystem>
#include <string>

namespace latchkey::testing {

class TempDatabase {
 public:
  // `parent`: where the directory goes (the store contract uses a RAM filesystem when there
  // is one, since every write of a durable SQLite store is an fsync).
  explicit TempDatabase(
      const std::filesystem::path& parent = std::filesystem::temp_directory_path()) {
    std::string pattern = (parent / "latchkey-test-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  ~TempDatabase() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  [[nodiscard]] std::string path() const { return (dir_ / "latchkey.db").string(); }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace latchkey::testing
