#pragma once
// A fresh SQLite file in a private temporary directory, removed when the test ends.

#include <cstdlib>
#include <filesystem>
#include <string>

namespace latchkey::testing {

class TempDatabase {
 public:
  TempDatabase() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "latchkey-test-XXXXXX").string();
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
