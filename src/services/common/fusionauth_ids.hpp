#pragma once
// Fixed ids every FusionAuth instance has, which clients and kickstart files hard-code.

namespace latchkey::services {

inline constexpr const char* kFusionAuthApplicationId = "3c219e58-ed0e-4b18-ad48-f4f92793ae32";
inline constexpr const char* kFusionAuthAdminRoleId = "631ecd9d-8d40-4c13-8277-80cedb8236e2";
// The "OpenID Connect compliant HMAC" shadow keys, which sign with the client secret.
inline constexpr const char* kShadowKeyHs256Id = "092dbedc-30af-4149-9c61-b578f2c72f59";
inline constexpr const char* kShadowKeyHs384Id = "4b8f1c06-518e-45bd-9ac5-d549686ae02a";
inline constexpr const char* kShadowKeyHs512Id = "c753a44d-7f2e-48d3-bc4e-c2c16488a23b";

}  // namespace latchkey::services
