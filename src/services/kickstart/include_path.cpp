#include "services/kickstart/include_path.hpp"

#include <filesystem>

namespace latchkey::services {

Result<std::string> include_path(std::string_view written) {
  const auto refuse = [&](std::string_view why) {
    return fail(Error::general(HttpStatus::kBadRequest, "[invalid]kickstart",
                               "the path " + std::string(written) + " " + std::string(why)));
  };
  if (written.empty()) return refuse("names no file");
  if (written.find('\0') != std::string_view::npos) return refuse("is not a file name");
  const std::filesystem::path path(written);
  // `has_root_name` catches "C:..." style names too; `\` is a file-name character on POSIX.
  if (path.is_absolute() || path.has_root_directory() || path.has_root_name()) {
    return refuse("must be relative to the kickstart file's directory");
  }
  const std::filesystem::path normal = path.lexically_normal();
  if (normal.empty() || normal == "." || *normal.begin() == "..") {
    return refuse("must name a file inside the kickstart file's directory");
  }
  if (!normal.has_filename()) return refuse("names a directory, not a file");
  return normal.generic_string();
}

}  // namespace latchkey::services
