#include "app/token_key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "core/base64.hpp"
#include "crypto/random.hpp"
#include "services/common/token_vault.hpp"

namespace latchkey::app {
namespace {

std::runtime_error failure(const std::string& path, const std::string& what) {
  return std::runtime_error("token key file " + path + ": " + what);
}

void create(const std::string& path) {
  const std::string encoded =
      base64::encode(crypto::random_bytes(services::TokenVault::kMasterKeySize)) + "\n";
  // O_EXCL: if another process created it first, that one wins and we read it below.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return;
    throw failure(path, std::generic_category().message(errno));
  }
  const auto written = ::write(fd, encoded.data(), encoded.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(encoded.size()) || !synced) {
    ::unlink(path.c_str());
    throw failure(path, "cannot be written");
  }
}

}  // namespace

Secret load_or_create_token_key(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) throw failure(path, std::generic_category().message(errno));
    create(path);
    if (::stat(path.c_str(), &info) != 0)
      throw failure(path, std::generic_category().message(errno));
  }
  // Security: a key others can read protects nothing.
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw failure(path, "must not be readable by group or others (chmod 600)");
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string encoded = text.str();
  while (!encoded.empty() && (encoded.back() == '\n' || encoded.back() == '\r')) {
    encoded.pop_back();
  }
  const auto key = base64::decode(encoded);
  if (!key || key->size() != services::TokenVault::kMasterKeySize) {
    throw failure(path, "must hold 32 base64-encoded bytes");
  }
  return Secret(*key);
}

}  // namespace latchkey::app
