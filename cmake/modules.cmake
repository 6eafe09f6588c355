# Each src/ folder is one library target; its *_test.cpp files form one GoogleTest binary.
# A folder links only the folders it is allowed to include (docs/ARCHITECTURE.md).
#
# Includes are written from src/ ("services/users/login_service.hpp"), but no target gets src/
# as an include path: each gets an include root of its own under build/include/<module>/ that
# holds a link to each of its folder's headers at the same relative path, and passes it on to
# the targets that link it. A target therefore sees exactly the headers of the folders it may
# use, and an include of any other folder fails to compile. A `detail/` subfolder is the
# folder's private headers: its link root is PRIVATE, so not even dependents see it.
# scripts/check-layering.sh (run by `make test`) checks the same rules from the sources.
function(latchkey_include_root target name dir scope_public scope_private)
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/${dir})
  set(root ${PROJECT_BINARY_DIR}/include/${name})
  set(private_root ${PROJECT_BINARY_DIR}/include/${name}.detail)
  file(REMOVE_RECURSE ${root} ${private_root})
  file(GLOB headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/*.hpp)
  file(GLOB detail_headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/detail/*.hpp)
  file(MAKE_DIRECTORY ${root}/${rel})
  foreach(header ${headers})
    get_filename_component(file_name ${header} NAME)
    file(CREATE_LINK ${header} ${root}/${rel}/${file_name} SYMBOLIC)
  endforeach()
  target_include_directories(${target} ${scope_public} ${root})
  if(detail_headers)
    file(MAKE_DIRECTORY ${private_root}/${rel}/detail)
    foreach(header ${detail_headers})
      get_filename_component(file_name ${header} NAME)
      file(CREATE_LINK ${header} ${private_root}/${rel}/detail/${file_name} SYMBOLIC)
    endforeach()
    target_include_directories(${target} ${scope_private} ${private_root})
  endif()
endfunction()
include(GoogleTest)

function(latchkey_module name)
  cmake_parse_arguments(ARG "" "DIR" "DEPS;PUBLIC_LIBS;TEST_LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${ARG_DIR}/*.cpp)
  file(GLOB tests CONFIGURE_DEPENDS ${ARG_DIR}/*_test.cpp)
  list(REMOVE_ITEM sources ${tests})
  if(sources)
    add_library(latchkey_${name} STATIC ${sources})
    latchkey_include_root(latchkey_${name} ${name} ${ARG_DIR} PUBLIC PRIVATE)
    target_link_libraries(latchkey_${name} PUBLIC ${ARG_DEPS} ${ARG_PUBLIC_LIBS})
    latchkey_warnings(latchkey_${name})
  else()  # a header-only folder
    add_library(latchkey_${name} INTERFACE)
    latchkey_include_root(latchkey_${name} ${name} ${ARG_DIR} INTERFACE INTERFACE)
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

# A contract suite: a test-only folder (every .cpp is a test) built into `<name>_test`, linked
# with the backends it runs against. The store contract (src/store/contract/) is one.
function(latchkey_contract_tests name)
  cmake_parse_arguments(ARG "" "DIR" "LIBS" ${ARGN})
  if(NOT LATCHKEY_BUILD_TESTS)
    return()
  endif()
  file(GLOB sources CONFIGURE_DEPENDS ${ARG_DIR}/*.cpp)
  add_executable(${name}_test ${sources})
  latchkey_include_root(${name}_test ${name} ${ARG_DIR} PRIVATE PRIVATE)
  target_link_libraries(${name}_test PRIVATE ${ARG_LIBS} latchkey_test_support GTest::gtest_main
                        GTest::gmock)
  latchkey_warnings(${name}_test)
  gtest_discover_tests(${name}_test
                       TEST_PREFIX unit.${name}.
                       EXTRA_ARGS --gtest_brief=1
                       PROPERTIES LABELS unit
                       DISCOVERY_MODE PRE_TEST
                       DISCOVERY_TIMEOUT 60)
endfunction()
