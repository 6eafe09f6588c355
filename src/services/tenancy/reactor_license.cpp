#include "services/tenancy/reactor_license.hpp"

#include "services/common/document_rules.hpp"

namespace latchkey::services {

Status check_license_activation(const json::object& body) {
  if (is_blank(body, "licenseId")) {
    return fail(Error::field(HttpStatus::kBadRequest, "licenseId", "[blank]licenseId",
                             "You must specify the [licenseId]."));
  }
  return {};
}

}  // namespace latchkey::services
