# The version of the falcogen source tree around this file (its top-level
# project() line), for find_package(falcogen <version>) through the
# falcogenConfig.cmake beside it: compatible within the same major version, as
# the installed package (write_basic_package_version_file, SameMajorVersion).
file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/../CMakeLists.txt" _falcogen_project_line
     REGEX "^project\\(falcogen VERSION [0-9]+\\.[0-9]+\\.[0-9]+")
string(REGEX REPLACE "^project\\(falcogen VERSION ([0-9]+\\.[0-9]+\\.[0-9]+).*" "\\1" PACKAGE_VERSION
       "${_falcogen_project_line}")
string(REGEX REPLACE "\\..*" "" _falcogen_major "${PACKAGE_VERSION}")
if(PACKAGE_VERSION VERSION_LESS PACKAGE_FIND_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
elseif(PACKAGE_FIND_VERSION_MAJOR STREQUAL "" OR PACKAGE_FIND_VERSION_MAJOR STREQUAL _falcogen_major)
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
  if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
else()
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
endif()
