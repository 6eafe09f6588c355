# Each src/ folder is one library target; its *_test.cpp files form one GoogleTest binary.
# A folder links only the folders it is allowed to include (docs/ARCHITECTURE.md), so a call
# into a forbidden folder usually fails to link. Every target still sees all of src/ as an
# include path; scripts/check-layering.sh (run by `make test`) fails on a forbidden include.
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
    add_test(NAME unit.${name} COMMAND ${name}_test --gtest_brief=1)
    set_tests_properties(unit.${name} PROPERTIES LABELS unit)
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
  target_link_libraries(${name}_test PRIVATE ${ARG_LIBS} latchkey_test_support GTest::gtest_main
                        GTest::gmock)
  latchkey_warnings(${name}_test)
  add_test(NAME unit.${name} COMMAND ${name}_test --gtest_brief=1)
  set_tests_properties(unit.${name} PROPERTIES LABELS unit)
endfunction()
