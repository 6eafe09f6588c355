#pragma once
// Which file an `@{path}` or `&{path}` include of a kickstart file may name.
//
//   LATCHKEY_TRY(const auto relative, include_path("json/create-theme.json"));
//   read_beside_kickstart_file(relative);

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latchkey::services {

// FusionAuth's rule: an include path is relative to the directory of the kickstart file.
// Answers the path in normal form ("a/./b.json" -> "a/b.json") or an error naming it.
//
// Security: a path that is absolute, or that climbs out of the kickstart file's directory
// with `..`, is refused. FusionAuth documents neither, no published kickstart uses them,
// and refusing them keeps a kickstart bundle self-contained: a kickstart file copied from
// elsewhere cannot pull /etc/passwd or a private key into a record the API later returns.
// Symbolic links inside the directory are followed (the directory is the operator's own,
// and container platforms mount configuration as links).
Result<std::string> include_path(std::string_view written);

}  // namespace latchkey::services
