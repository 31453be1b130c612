# Install rules and Debian packages (CPack), one package per LLVM major.
include(GNUInstallDirs)

# One package per LLVM major; Debian policy puts a package's documentation,
# copyright and changelog under /usr/share/doc/<package>, so the docs go under
# the package's name, FAILGUARD_PACKAGE_NAME (the tools find them there,
# relative to themselves).
set(FAILGUARD_PACKAGE_CONTACT "failguard developers <failguard@failguard.invalid>")
set(FAILGUARD_DOC_SUBDIR "${CMAKE_INSTALL_DATAROOTDIR}/doc/${FAILGUARD_PACKAGE_NAME}")
find_program(FAILGUARD_GZIP gzip REQUIRED)

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
# The copyright file (DEP-5), the changelog in Debian's format made from
# CHANGELOG.md, and the manual pages with VERSION in their title lines; these
# compressed as policy asks (gzip -n -9: no name or time stamp inside).
set(FAILGUARD_BUILD_DOC_DIR "${CMAKE_BINARY_DIR}/${FAILGUARD_DOC_SUBDIR}")
add_custom_command(OUTPUT "${FAILGUARD_BUILD_DOC_DIR}/copyright"
  COMMAND "${CMAKE_COMMAND}" -E copy "${CMAKE_SOURCE_DIR}/cmake/debian/copyright"
          "${FAILGUARD_BUILD_DOC_DIR}/copyright"
  DEPENDS "${CMAKE_SOURCE_DIR}/cmake/debian/copyright" VERBATIM)
add_custom_command(OUTPUT "${FAILGUARD_BUILD_DOC_DIR}/changelog.gz"
  COMMAND "${FAILGUARD_PYTHON}" "${CMAKE_SOURCE_DIR}/cmake/debian/changelog.py"
          "${CMAKE_SOURCE_DIR}/CHANGELOG.md" "${FAILGUARD_PACKAGE_NAME}" "${PROJECT_VERSION}"
          "${FAILGUARD_PACKAGE_CONTACT}" "${CMAKE_BINARY_DIR}/changelog.Debian"
  COMMAND "${FAILGUARD_GZIP}" -n -9 -f "${CMAKE_BINARY_DIR}/changelog.Debian"
  COMMAND "${CMAKE_COMMAND}" -E rename "${CMAKE_BINARY_DIR}/changelog.Debian.gz"
          "${FAILGUARD_BUILD_DOC_DIR}/changelog.gz"
  DEPENDS "${CMAKE_SOURCE_DIR}/CHANGELOG.md" "${CMAKE_SOURCE_DIR}/cmake/debian/changelog.py"
  VERBATIM)
set(FAILGUARD_MAN_PAGES git-failguard failguard-tidy failguard-index)
if(FAILGUARD_BUILD_CLANGD)
  list(APPEND FAILGUARD_MAN_PAGES failguard-clangd)
endif()
set(FAILGUARD_BUILD_MANS)
foreach(page IN LISTS FAILGUARD_MAN_PAGES)
  set(built "${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_MANDIR}/man1/${page}.1")
  add_custom_command(OUTPUT "${built}.gz"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${CMAKE_SOURCE_DIR}/docs/${page}.1
            -DOUTPUT=${built} -DVERSION=${PROJECT_VERSION}
            -P "${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake"
    COMMAND "${FAILGUARD_GZIP}" -n -9 -f "${built}"
    DEPENDS "${CMAKE_SOURCE_DIR}/docs/${page}.1" "${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake"
    VERBATIM)
  list(APPEND FAILGUARD_BUILD_MANS "${built}.gz")
endforeach()
add_custom_target(failguard-docs ALL DEPENDS ${FAILGUARD_BUILD_DOCS}
  "${FAILGUARD_BUILD_DOC_DIR}/copyright" "${FAILGUARD_BUILD_DOC_DIR}/changelog.gz"
  ${FAILGUARD_BUILD_MANS})

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
install(FILES "${FAILGUARD_BUILD_DOC_DIR}/copyright" "${FAILGUARD_BUILD_DOC_DIR}/changelog.gz"
        DESTINATION "${FAILGUARD_DOC_SUBDIR}")
# CPack runs ldconfig from postinst and postrm for any shared object under
# /usr/lib; the plugins in lib/failguard are opened by path, so the call is
# needless but harmless, and the override says so to lintian.
configure_file("${CMAKE_SOURCE_DIR}/cmake/debian/lintian-overrides"
               "${CMAKE_BINARY_DIR}/lintian-overrides/${FAILGUARD_PACKAGE_NAME}" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/lintian-overrides/${FAILGUARD_PACKAGE_NAME}"
        DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides")
# The Bazel aspect's repository (docs/bazel.md): local_repository it from here.
install(DIRECTORY "${CMAKE_SOURCE_DIR}/tools/bazel/"
        DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/failguard/bazel")
# `git failguard --help` is `man git-failguard`; each program has its page.
install(FILES ${FAILGUARD_BUILD_MANS} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME "${FAILGUARD_PACKAGE_NAME}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "clang-tidy checks for regressions in authentication failure handling (LLVM ${LLVM_VERSION_MAJOR})")
# The extended description; CPack puts the summary above it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "failguard finds removed exception handling around authentication and token
decoding calls, auth exceptions escaping request handlers, and optional
returns narrowed to plain values, judged against a git baseline. It ships
failguard-tidy (clang-tidy with the checks linked in), a plugin for
clang-tidy-${LLVM_VERSION_MAJOR}, failguard-clangd and the git failguard driver.")
set(CPACK_PACKAGE_CONTACT "${FAILGUARD_PACKAGE_CONTACT}")
# Release builds ship stripped programs and libraries.
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# Shared libraries (LLVM, libclang-cpp, libgit2, and clangd's grpc, protobuf
# and absl) by dpkg-shlibdeps; the programs the driver runs by name.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The driver is built and tested with Python 3.11 (Debian 12's); no older one is tested.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3 (>= 3.11), git, clang-tools-${LLVM_VERSION_MAJOR}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-${LLVM_VERSION_MAJOR}")
# One major at a time: the packages install the same paths.
set(CPACK_DEBIAN_PACKAGE_PROVIDES "failguard")
set(CPACK_DEBIAN_PACKAGE_CONFLICTS "failguard")
set(CPACK_DEBIAN_PACKAGE_REPLACES "failguard")
include(CPack)
