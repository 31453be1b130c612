# Writes the manual page OUTPUT from INPUT with the release VERSION in its
# title line (.TH NAME SECTION DATE "failguard VERSION" MANUAL), so that the
# version is written in VERSION only. Run at build time by Install.cmake.
file(READ "${INPUT}" page)
string(REGEX MATCH "^\\.TH [^\n]*" title "${page}")
if(NOT title MATCHES "^\\.TH [^ ]+ [0-9]+ \"[^\"]*\" \"failguard[^\"]*\"")
  message(FATAL_ERROR "ManPage.cmake: ${INPUT} does not start with .TH NAME SECTION \"DATE\" \"failguard\"")
endif()
string(REGEX REPLACE "^(\\.TH [^ ]+ [0-9]+ \"[^\"]*\") \"failguard[^\"]*\"" "\\1 \"failguard ${VERSION}\""
       page "${page}")
file(WRITE "${OUTPUT}" "${page}")
