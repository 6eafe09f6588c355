# Each src/ folder is one library target; its *_test.cpp files form one GoogleTest binary.
# A folder links only the folders it is allowed to include (docs/ARCHITECTURE.md), so a call
# into a forbidden folder usually fails to link. Every target still sees all of src/ as an
# include path; scripts/check-layering.sh (run by `make test`) fails on a forbidden include.
include(GoogleTest)

function(latchkey_module name)
  cmake_parse_arguments(ARG "" "DIR" "DEPS;PUBLIC_LIBS;TEST_LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${ARG_DIR}/*.cpp)
  file(GLOB tests CONFIGURE_DEPENDS ${ARG_DIR}/*_test.cpp)
  list(REMOVE_ITEM sources ${tests})
  if(sources)
    add_library(latchkey_${name} STATIC ${sources})
    target_include_directories(latchkey_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(latchkey_${name} PUBLIC ${ARG_DEPS} ${ARG_PUBLIC_LIBS})
    latchkey_warnings(latchkey_${name})
  else()  # a header-only folder
    add_library(latchkey_${name} INTERFACE)
    target_include_directories(latchkey_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(latchkey_${name} INTERFACE ${ARG_DEPS} ${ARG_PUBLIC_LIBS})
  endif()
  if(tests AND LATCHKEY_BUILD_TESTS)
    add_executable(${name}_test ${tests})
    target_link_libraries(${name}_test PRIVATE latchkey_${name} latchkey_test_support
                          ${ARG_TEST_LIBS} GTest::gtest_main GTest::gmock)
    latchkey_warnings(${name}_test)
    # Each GoogleTest case is its own CTest test (unit.<folder>.<Suite>.<Case>), so a failure
    # names the case and ctest -j spreads the cases over the cores. PRE_TEST lists the cases
    # when ctest runs, not at build time: a sanitizer build then never runs a test binary
    # during the build, and a binary that fails to start fails its tests instead of the build.
    # Cases share nothing on disk: each fixture makes its own temporary directory
    # (tests/support/temp_database.hpp) and servers listen on port 0.
    gtest_discover_tests(${name}_test
                         TEST_PREFIX unit.${name}.
                         EXTRA_ARGS --gtest_brief=1
                         PROPERTIES LABELS unit
                         DISCOVERY_MODE PRE_TEST
                         DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
