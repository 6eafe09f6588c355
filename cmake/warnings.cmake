# One list of warning flags for every target of ours. Third-party headers (Boost, OpenSSL,
# spdlog) come in as system includes, so these flags judge only our code.
set(LATCHKEY_WARNINGS
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wformat=2 -Werror
    # GCC 12 at -O3 reports std::string assignments as overlapping memcpy (GCC bug 105329):
    # a false positive inside libstdc++, not in our code.
    -Wno-restrict)

function(latchkey_warnings target)
  target_compile_options(${target} PRIVATE ${LATCHKEY_WARNINGS})
endfunction()
