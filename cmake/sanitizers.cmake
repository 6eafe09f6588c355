# LATCHKEY_SANITIZE=ON builds everything with AddressSanitizer and UndefinedBehaviorSanitizer,
# without recovery, so the first finding fails the test that caused it.
option(LATCHKEY_SANITIZE "Build with ASan and UBSan" OFF)
if(LATCHKEY_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
