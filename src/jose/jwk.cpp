#include "jose/jwk.hpp"

#include <openssl/core_names.h>

#include <array>
#include <stdexcept>

#include "core/base64.hpp"
#include "jose/certificate.hpp"
#include "jose/openssl_handles.hpp"

namespace latchkey::jose {
namespace {

std::string bn_param(EVP_PKEY* pkey, const char* name, int width = 0) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) ossl::throw_error(name);
  const ossl::BignumPtr bn(raw);
  return base64::encode_url(ossl::bignum_bytes(bn.get(), width));
}

std::string ed25519_public(EVP_PKEY* pkey) {
  std::array<unsigned char, 32> raw{};
  std::size_t size = raw.size();
  if (EVP_PKEY_get_raw_public_key(pkey, raw.data(), &size) != 1 || size != raw.size()) {
    ossl::throw_error("EVP_PKEY_get_raw_public_key");
  }
  return base64::encode_url({reinterpret_cast<const char*>(raw.data()), size});
}

// The required public members (RFC 7638 §3.2), each a base64url string or a curve name.
struct PublicMembers {
  std::string_view kty;
  std::string crv, x, y, n, e;
};

PublicMembers public_members(const Key& key) {
  if (key.is_hmac()) throw std::logic_error("jose: HMAC keys have no public JWK");
  PublicMembers members;
  switch (key.family()) {
    case Family::kRsa:
    case Family::kRsaPss:
      members.kty = "RSA";
      members.n = bn_param(key.evp(), OSSL_PKEY_PARAM_RSA_N);
      members.e = bn_param(key.evp(), OSSL_PKEY_PARAM_RSA_E);
      break;
    case Family::kEcdsa: {
      const int width = static_cast<int>(ec_field_size(key.algorithm()));
      members.kty = "EC";
      members.crv = std::string(*key.curve_name());
      members.x = bn_param(key.evp(), OSSL_PKEY_PARAM_EC_PUB_X, width);
      members.y = bn_param(key.evp(), OSSL_PKEY_PARAM_EC_PUB_Y, width);
      break;
    }
    case Family::kEdDSA:
      members.kty = "OKP";
      members.crv = "Ed25519";
      members.x = ed25519_public(key.evp());
      break;
    case Family::kHmac:
      break;
  }
  return members;
}

}  // namespace

boost::json::object to_jwk(const Key& key, std::string_view kid,
                           const std::optional<std::string>& certificate_der_b64) {
  const PublicMembers members = public_members(key);
  boost::json::object jwk;
  jwk["kty"] = members.kty;
  jwk["use"] = "sig";
  jwk["alg"] = jws_name(key.algorithm());
  jwk["kid"] = kid;
  if (members.kty == "RSA") {
    jwk["n"] = members.n;
    jwk["e"] = members.e;
  } else {
    jwk["crv"] = members.crv;
    jwk["x"] = members.x;
    if (members.kty == "EC") jwk["y"] = members.y;
  }
  if (certificate_der_b64) {
    const auto der = base64::decode(*certificate_der_b64);
    if (!der) throw std::invalid_argument("jose::to_jwk: certificate is not base64 DER");
    jwk["x5c"] = boost::json::array{boost::json::string(*certificate_der_b64)};
    jwk["x5t"] = x5t(*der);
    jwk["x5t#S256"] = x5t_s256(*der);
  }
  return jwk;
}

std::string jwk_thumbprint(const Key& key) {
  const PublicMembers m = public_members(key);
  // Every value is base64url or a curve name, so no JSON escaping is needed.
  std::string canonical;
  if (m.kty == "RSA") {
    canonical = R"({"e":")" + m.e + R"(","kty":"RSA","n":")" + m.n + R"("})";
  } else if (m.kty == "EC") {
    canonical =
        R"({"crv":")" + m.crv + R"(","kty":"EC","x":")" + m.x + R"(","y":")" + m.y + R"("})";
  } else {
    canonical = R"({"crv":")" + m.crv + R"(","kty":"OKP","x":")" + m.x + R"("})";
  }
  return base64::encode_url(ossl::digest(EVP_sha256(), canonical));
}

}  // namespace latchkey::jose
