#include "crypto/pbkdf2.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

#include "crypto/openssl_util.hpp"

namespace latchkey::crypto {
namespace {

// The largest digest block (SHA-512: 128 bytes) and output (64 bytes) we handle.
constexpr std::size_t kMaxBlock = 128;
constexpr std::size_t kMaxDigest = 64;

// The two halves of a keyed HMAC, ready to be copied: digest states that have already absorbed
// key⊕ipad and key⊕opad.
class HmacSchedule {
 public:
  HmacSchedule(const EVP_MD* md, std::string_view key)
      : md_(md),
        block_(static_cast<std::size_t>(EVP_MD_get_block_size(md))),
        size_(static_cast<std::size_t>(EVP_MD_get_size(md))),
        inner_(detail::new_md_ctx()),
        outer_(detail::new_md_ctx()),
        work_(detail::new_md_ctx()) {
    if (block_ > kMaxBlock || size_ > kMaxDigest) {
      throw std::invalid_argument("digest too large for PBKDF2");
    }
    // RFC 2104 §2: a key longer than the block is replaced by its digest, then zero-padded.
    std::array<unsigned char, kMaxBlock> padded{};
    if (key.size() > block_) {
      unsigned int length = 0;
      detail::check(EVP_Digest(key.data(), key.size(), padded.data(), &length, md_, nullptr),
                    "EVP_Digest");
    } else {
      std::copy(key.begin(), key.end(), padded.begin());
    }
    std::array<unsigned char, kMaxBlock> pad{};
    absorb_pad(inner_, padded, pad, 0x36);
    absorb_pad(outer_, padded, pad, 0x5c);
    OPENSSL_cleanse(padded.data(), padded.size());
    OPENSSL_cleanse(pad.data(), pad.size());
  }

  [[nodiscard]] std::size_t size() const { return size_; }

  // out = HMAC(key, first ‖ second); `out` must hold size() bytes and may alias `first`.
  void mac(const unsigned char* first, std::size_t first_size, const unsigned char* second,
           std::size_t second_size, unsigned char* out) {
    std::array<unsigned char, kMaxDigest> inner_digest{};
    detail::check(EVP_MD_CTX_copy_ex(work_.get(), inner_.get()), "EVP_MD_CTX_copy_ex");
    detail::check(EVP_DigestUpdate(work_.get(), first, first_size), "EVP_DigestUpdate");
    if (second_size > 0) {
      detail::check(EVP_DigestUpdate(work_.get(), second, second_size), "EVP_DigestUpdate");
    }
    detail::check(EVP_DigestFinal_ex(work_.get(), inner_digest.data(), nullptr),
                  "EVP_DigestFinal_ex");
    detail::check(EVP_MD_CTX_copy_ex(work_.get(), outer_.get()), "EVP_MD_CTX_copy_ex");
    detail::check(EVP_DigestUpdate(work_.get(), inner_digest.data(), size_), "EVP_DigestUpdate");
    detail::check(EVP_DigestFinal_ex(work_.get(), out, nullptr), "EVP_DigestFinal_ex");
  }

 private:
  void absorb_pad(const detail::MdCtx& ctx, const std::array<unsigned char, kMaxBlock>& key,
                  std::array<unsigned char, kMaxBlock>& pad, unsigned char constant) const {
    for (std::size_t i = 0; i < block_; ++i) pad[i] = static_cast<unsigned char>(key[i] ^ constant);
    detail::check(EVP_DigestInit_ex2(ctx.get(), md_, nullptr), "EVP_DigestInit_ex2");
    detail::check(EVP_DigestUpdate(ctx.get(), pad.data(), block_), "EVP_DigestUpdate");
  }

  const EVP_MD* md_;
  std::size_t block_;
  std::size_t size_;
  detail::MdCtx inner_;
  detail::MdCtx outer_;
  detail::MdCtx work_;
};

}  // namespace

std::string pbkdf2_hmac(std::string_view algorithm, std::string_view password,
                        std::string_view salt, int iterations, std::size_t key_length) {
  const EVP_MD* md = detail::get_digest(algorithm);
  if (EVP_MD_is_a(md, "MD5")) throw std::invalid_argument("PBKDF2 with HMAC-MD5 is not offered");
  if (iterations < 1) throw std::invalid_argument("PBKDF2 needs at least one iteration");
  if (key_length == 0) throw std::invalid_argument("PBKDF2 key length must be positive");

  HmacSchedule prf(md, password);
  const std::size_t h_len = prf.size();
  std::string out(key_length, '\0');
  std::array<unsigned char, kMaxDigest> u{};
  std::array<unsigned char, kMaxDigest> t{};

  // RFC 8018 §5.2: T_i = U_1 ^ U_2 ^ ... ^ U_c, U_1 = PRF(P, S ‖ INT(i)), U_j = PRF(P, U_{j-1}).
  std::uint32_t block_index = 1;
  for (std::size_t done = 0; done < key_length; done += h_len, ++block_index) {
    const std::array<unsigned char, 4> index = {static_cast<unsigned char>(block_index >> 24),
                                                static_cast<unsigned char>(block_index >> 16),
                                                static_cast<unsigned char>(block_index >> 8),
                                                static_cast<unsigned char>(block_index)};
    prf.mac(detail::bytes(salt), salt.size(), index.data(), index.size(), u.data());
    std::copy_n(u.begin(), h_len, t.begin());
    for (int j = 1; j < iterations; ++j) {
      prf.mac(u.data(), h_len, nullptr, 0, u.data());
      for (std::size_t k = 0; k < h_len; ++k) t[k] ^= u[k];
    }
    const std::size_t take = std::min(h_len, key_length - done);
    std::copy_n(t.begin(), take, out.begin() + static_cast<std::ptrdiff_t>(done));
  }
  OPENSSL_cleanse(u.data(), u.size());
  OPENSSL_cleanse(t.data(), t.size());
  return out;
}

}  // namespace latchkey::crypto
