# Install rules and Debian packages (CPack), one package per LLVM major.
include(GNUInstallDirs)

set(FAILGUARD_DOC_SUBDIR "${CMAKE_INSTALL_DATAROOTDIR}/doc/failguard")

# The build tree has the installed layout for the docs, so that the links the
# tools make from their own location work from build/bin as from /usr/bin.
file(GLOB FAILGUARD_DOC_PAGES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/docs/*.md")
file(GLOB FAILGUARD_CHECK_PAGES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/docs/checks/*.md")
set(FAILGUARD_BUILD_DOCS)
foreach(page IN LISTS FAILGUARD_DOC_PAGES FAILGUARD_CHECK_PAGES)
  file(RELATIVE_PATH relative "${CMAKE_SOURCE_DIR}/docs" "${page}")
  set(copy "${CMAKE_BINARY_DIR}/${FAILGUARD_DOC_SUBDIR}/${relative}")
  add_custom_command(OUTPUT "${copy}" COMMAND "${CMAKE_COMMAND}" -E copy "${page}" "${copy}"
                     DEPENDS "${page}" VERBATIM)
  list(APPEND FAILGUARD_BUILD_DOCS "${copy}")
endforeach()
add_custom_target(failguard-docs ALL DEPENDS ${FAILGUARD_BUILD_DOCS})

install(TARGETS failguard-tidy failguard-index RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
if(FAILGUARD_BUILD_CLANGD)
  install(TARGETS failguard-clangd RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()
install(PROGRAMS "${CMAKE_BINARY_DIR}/bin/git-failguard" DESTINATION "${CMAKE_INSTALL_BINDIR}")
# The loader and the checks it opens stay side by side: the loader finds the
# checks next to itself.
install(TARGETS FailguardPlugin FailguardChecksPlugin
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}/failguard")
install(FILES ${FAILGUARD_DOC_PAGES} DESTINATION "${FAILGUARD_DOC_SUBDIR}")
install(FILES ${FAILGUARD_CHECK_PAGES} DESTINATION "${FAILGUARD_DOC_SUBDIR}/checks")
# The Bazel aspect's repository (docs/bazel.md): local_repository it from here.
install(DIRECTORY "${CMAKE_SOURCE_DIR}/tools/bazel/"
        DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/failguard/bazel")
# `git failguard --help` is `man git-failguard`.
install(FILES "${CMAKE_SOURCE_DIR}/docs/git-failguard.1" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME "failguard-llvm${LLVM_VERSION_MAJOR}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "clang-tidy checks for regressions in authentication failure handling (LLVM ${LLVM_VERSION_MAJOR})")
set(CPACK_PACKAGE_CONTACT "failguard developers <failguard@failguard.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# Shared libraries (LLVM, libclang-cpp, libgit2, and clangd's grpc, protobuf
# and absl) by dpkg-shlibdeps; the programs the driver runs by name.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3, git, clang-tools-${LLVM_VERSION_MAJOR}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-${LLVM_VERSION_MAJOR}")
# One major at a time: the packages install the same paths.
set(CPACK_DEBIAN_PACKAGE_PROVIDES "failguard")
set(CPACK_DEBIAN_PACKAGE_CONFLICTS "failguard")
set(CPACK_DEBIAN_PACKAGE_REPLACES "failguard")
include(CPack)
