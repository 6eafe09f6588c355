#include "jose/ecdsa_signature.hpp"

#include <limits>

#include "jose/openssl_handles.hpp"

namespace latchkey::jose {

std::optional<std::string> ecdsa_der_to_raw(std::string_view der, std::size_t field_size) {
  if (der.size() > static_cast<std::size_t>(std::numeric_limits<long>::max())) return std::nullopt;
  const unsigned char* cursor = ossl::bytes_of(der);
  ossl::EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
  // Security: the whole input must be the one SEQUENCE; trailing bytes mean a different value.
  if (!sig || cursor != ossl::bytes_of(der) + der.size()) {
    ossl::clear_errors();
    return std::nullopt;
  }
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  const int width = static_cast<int>(field_size);
  if (BN_num_bytes(r) > width || BN_num_bytes(s) > width) return std::nullopt;
  return ossl::bignum_bytes(r, width) + ossl::bignum_bytes(s, width);
}

std::optional<std::string> ecdsa_raw_to_der(std::string_view raw) {
  if (raw.empty() || raw.size() % 2 != 0) return std::nullopt;
  const std::size_t half = raw.size() / 2;
  auto r = ossl::bignum_from(raw.substr(0, half));
  auto s = ossl::bignum_from(raw.substr(half));
  ossl::EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) ossl::throw_error("ECDSA_SIG_set0");
  (void)r.release();  // now owned by sig
  (void)s.release();
  const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (size <= 0) ossl::throw_error("i2d_ECDSA_SIG");
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(sig.get(), &out) != size) ossl::throw_error("i2d_ECDSA_SIG");
  return der;
}

}  // namespace latchkey::jose
