#include "jose/ecdsa_signature.hpp"

#include <openssl/obj_mac.h>

#include <limits>
#include <stdexcept>

#include "jose/openssl_handles.hpp"

namespace latchkey::jose {
namespace {

// A curve's order n and floor(n / 2), built once per curve and then only read (BIGNUMs are
// safe to read from many threads).
struct CurveOrder {
  ossl::BignumPtr order;
  ossl::BignumPtr half;
};

CurveOrder make_order(int nid) {
  using EcGroupPtr = std::unique_ptr<EC_GROUP, ossl::Deleter<EC_GROUP_free>>;
  const EcGroupPtr group(EC_GROUP_new_by_curve_name(nid));
  if (!group) ossl::throw_error("EC_GROUP_new_by_curve_name");
  CurveOrder curve{ossl::BignumPtr(BN_dup(EC_GROUP_get0_order(group.get()))),
                   ossl::BignumPtr(BN_new())};
  if (!curve.order || !curve.half || BN_rshift1(curve.half.get(), curve.order.get()) != 1) {
    ossl::throw_error("ECDSA curve order");
  }
  return curve;
}

const CurveOrder& curve_order(Algorithm algorithm) {
  static const CurveOrder p256 = make_order(NID_X9_62_prime256v1);
  static const CurveOrder p384 = make_order(NID_secp384r1);
  static const CurveOrder p521 = make_order(NID_secp521r1);
  switch (algorithm) {
    case Algorithm::kES256:
      return p256;
    case Algorithm::kES384:
      return p384;
    case Algorithm::kES512:
      return p521;
    default:
      throw std::logic_error("jose: not an ECDSA algorithm");
  }
}

bool right_size(std::string_view raw, Algorithm algorithm) {
  return raw.size() == 2 * ec_field_size(algorithm);
}

// R || n - S, keeping the field width.
std::string with_negated_s(std::string raw, Algorithm algorithm, const BIGNUM* s) {
  const std::size_t half = raw.size() / 2;
  ossl::BignumPtr negated(BN_new());
  if (!negated || BN_sub(negated.get(), curve_order(algorithm).order.get(), s) != 1) {
    ossl::throw_error("BN_sub");
  }
  raw.replace(half, half, ossl::bignum_bytes(negated.get(), static_cast<int>(half)));
  return raw;
}

}  // namespace

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

bool ecdsa_is_low_s(std::string_view raw, Algorithm algorithm) {
  if (!right_size(raw, algorithm)) return false;
  const auto s = ossl::bignum_from(raw.substr(raw.size() / 2));
  return BN_cmp(s.get(), curve_order(algorithm).half.get()) <= 0;
}

std::string ecdsa_low_s(std::string raw, Algorithm algorithm) {
  if (!right_size(raw, algorithm) || ecdsa_is_low_s(raw, algorithm)) return raw;
  const auto s = ossl::bignum_from(std::string_view(raw).substr(raw.size() / 2));
  // S > n/2 here; S >= n is not a signature OpenSSL makes, and verification refuses it anyway.
  if (BN_cmp(s.get(), curve_order(algorithm).order.get()) >= 0) return raw;
  return with_negated_s(std::move(raw), algorithm, s.get());
}

std::string ecdsa_flip_s(std::string raw, Algorithm algorithm) {
  if (!right_size(raw, algorithm)) return raw;
  const auto s = ossl::bignum_from(std::string_view(raw).substr(raw.size() / 2));
  if (BN_is_zero(s.get()) || BN_cmp(s.get(), curve_order(algorithm).order.get()) >= 0) return raw;
  return with_negated_s(std::move(raw), algorithm, s.get());
}

}  // namespace latchkey::jose
