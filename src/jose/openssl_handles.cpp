#include "jose/openssl_handles.hpp"

#include <openssl/err.h>

#include <array>
#include <limits>
#include <stdexcept>

namespace latchkey::jose::ossl {

void throw_error(std::string_view what) {
  std::string message(what);
  const char* file = nullptr;
  int line = 0;
  while (const unsigned long code = ERR_get_error_all(&file, &line, nullptr, nullptr, nullptr)) {
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    message.append(" [").append(text.data()).append("]");
  }
  throw std::runtime_error(message);
}

void clear_errors() noexcept { ERR_clear_error(); }

BioPtr memory_reader(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::length_error("jose: input too large for a memory BIO");
  }
  BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  if (!bio) throw_error("BIO_new_mem_buf");
  return bio;
}

std::string drain(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  if (size < 0 || (size > 0 && data == nullptr)) throw_error("BIO_get_mem_data");
  return {data, static_cast<std::size_t>(size)};
}

const EVP_MD* digest_of(Algorithm algorithm) {
  switch (hash_size(algorithm)) {
    case 32:
      return EVP_sha256();
    case 48:
      return EVP_sha384();
    case 64:
      return EVP_sha512();
    default:
      return nullptr;
  }
}

std::string digest(const EVP_MD* md, std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &size, md, nullptr) != 1) {
    throw_error("EVP_Digest");
  }
  return {reinterpret_cast<const char*>(out.data()), size};
}

std::string bignum_bytes(const BIGNUM* bn, int width) {
  const int size = width > 0 ? width : BN_num_bytes(bn);
  std::string out(static_cast<std::size_t>(size), '\0');
  if (size == 0) return out;
  if (BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size) != size) {
    throw_error("BN_bn2binpad");
  }
  return out;
}

BignumPtr bignum_from(std::string_view big_endian) {
  if (big_endian.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::length_error("jose: big number too large");
  }
  BignumPtr bn(BN_bin2bn(bytes_of(big_endian), static_cast<int>(big_endian.size()), nullptr));
  if (!bn) throw_error("BN_bin2bn");
  return bn;
}

}  // namespace latchkey::jose::ossl
